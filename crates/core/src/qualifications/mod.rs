//! 资质认定: qualifications as certificates (创新型中小企业, 专精特新, “小巨人”, 高新技术企业 …) with level,
//! 认定时间, 有效期至, 复核 and 撤销; the catalogue of kinds, the rule of validity every count uses, and
//! the certificates about to expire. The enterprises' four flag columns are a summary (migration 0015).
mod certificates;
mod dates;
mod expiring;
mod kinds;

pub use certificates::{
    add_qualification, delete_qualification, enterprise_by_uscc, qualifications_of, restore_qualification, review_qualification, revoke_qualification,
    update_qualification, Qualification, QualificationInput, ReviewInput, RevokeInput,
};
pub use dates::{ends_on, reference_day, review_result, today, valid_sql, Validity, LIVE_SQL, REVIEW_RESULTS};
pub use expiring::{expiring, ExpiringQualification};
pub use kinds::{add_kind, builtin_name, kinds, resolve_kind, KindInput, QualificationKind};

/// While a data package is written or undone it brings (or takes) the certificates and the
/// summary columns both: neither may follow the other then (see migration 0015).
pub(crate) fn pause_following(conn: &rusqlite::Connection) -> crate::Result<()> {
    conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('qualifications_follow_paused', '1')", [])?;
    Ok(())
}

pub(crate) fn resume_following(conn: &rusqlite::Connection) -> crate::Result<()> {
    conn.execute("DELETE FROM settings WHERE key = 'qualifications_follow_paused'", [])?;
    Ok(())
}

/// The enterprise's certificates other than those its flag columns made (source 企业信息).
pub(crate) fn entered_count(conn: &rusqlite::Connection, enterprise_id: i64) -> crate::Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM qualifications WHERE enterprise_id = ?1 AND source != '企业信息'", [enterprise_id], |r| r.get(0))?)
}

#[cfg(test)]
mod tests;
