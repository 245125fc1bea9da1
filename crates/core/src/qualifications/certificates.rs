//! Certificates (资质证书) of an enterprise: listed with their state today, added, corrected,
//! reviewed (复核: 通过 moves 有效期至 a period on, 未通过 ends it), revoked, deleted into the
//! 回收站 and restored; every write one transaction, audited field by field.
use super::dates::{add_years, ends_on, partial_date, review_result, valid_sql, REVIEW_RESULTS};
use super::kinds::{resolve_kind, QualificationKind};
use crate::audit;
use crate::enterprise::detail::MANUAL_SOURCE;
use crate::error::{CoreError, Result};
use crate::store::{now_text, Store};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One certificate as the 资质认定 section shows it.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct Qualification {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub enterprise_id: i64,
    pub kind: String,
    pub short_name: String,
    pub level: String,
    /// 认定时间: ISO date, month or year; none: not known.
    pub obtained_on: Option<String>,
    /// 有效期至, same forms; none: no end known.
    pub valid_until: Option<String>,
    pub certificate_no: String,
    pub review_on: Option<String>,
    pub review_result: Option<String>,
    pub revoked_on: Option<String>,
    pub revoke_reason: String,
    pub note: String,
    /// 原有标记 (a flag before certificates were kept), 企业信息 (made by the flag), or empty.
    pub source: String,
    /// Set while it is in the 回收站.
    pub deleted_at: Option<String>,
    /// Valid today by the rule of validity.
    pub valid_now: bool,
    /// 有效, 已过期, 已撤销, 复核未通过, 尚未生效, 已删除.
    pub status: String,
}

/// What is typed in for a new certificate or a correction.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
#[serde(default)]
pub struct QualificationInput {
    #[ts(type = "number")]
    pub enterprise_id: i64,
    pub kind: String,
    /// Empty: the kind's default level.
    pub level: String,
    pub obtained_on: Option<String>,
    /// None: 认定时间 + the kind's validity.
    pub valid_until: Option<String>,
    pub certificate_no: String,
    pub note: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ReviewInput {
    pub date: String,
    /// 通过 / 未通过.
    pub result: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct RevokeInput {
    pub date: String,
    pub reason: String,
}

const COLUMNS: &str = "q.id, q.enterprise_id, q.kind, k.short_name, q.level, q.obtained_on, q.valid_until, q.certificate_no, q.review_on,
    q.review_result, q.revoked_on, q.revoke_reason, q.note, q.source, q.deleted_at";

fn row(r: &rusqlite::Row, today: &str) -> rusqlite::Result<Qualification> {
    let mut q = Qualification {
        id: r.get(0)?,
        enterprise_id: r.get(1)?,
        kind: r.get(2)?,
        short_name: r.get(3)?,
        level: r.get(4)?,
        obtained_on: r.get(5)?,
        valid_until: r.get(6)?,
        certificate_no: r.get(7)?,
        review_on: r.get(8)?,
        review_result: r.get(9)?,
        revoked_on: r.get(10)?,
        revoke_reason: r.get(11)?,
        note: r.get(12)?,
        source: r.get(13)?,
        deleted_at: r.get(14)?,
        valid_now: r.get(15)?,
        status: String::new(),
    };
    q.status = status(&q, today).into();
    Ok(q)
}

fn status(q: &Qualification, today: &str) -> &'static str {
    let passed = |d: &Option<String>| d.as_deref().is_some_and(|d| d <= today);
    if q.deleted_at.is_some() {
        "已删除"
    } else if q.valid_now {
        "有效"
    } else if passed(&q.revoked_on) {
        "已撤销"
    } else if q.review_result.as_deref() == Some("未通过") {
        "复核未通过"
    } else if q.obtained_on.as_deref().is_some_and(|o| o > today) {
        "尚未生效"
    } else {
        "已过期"
    }
}

fn select(conn: &Connection, filter: &str, param: i64) -> Result<Vec<Qualification>> {
    let today = super::dates::today().format("%Y-%m-%d").to_string();
    let sql = format!(
        "SELECT {COLUMNS}, {} FROM qualifications q JOIN qualification_kinds k ON k.name = q.kind WHERE {filter}
         ORDER BY q.deleted_at IS NOT NULL, k.sort, k.id, coalesce(q.obtained_on, '') DESC, q.id DESC",
        valid_sql("q", "?2")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params![param, today], |r| row(r, &today))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The enterprise's certificates (those in the 回收站 last, with `deleted`).
pub fn qualifications_of(store: &Store, enterprise_id: i64, deleted: bool) -> Result<Vec<Qualification>> {
    uscc_of(&store.conn, enterprise_id)?;
    let mut all = select(&store.conn, "q.enterprise_id = ?1", enterprise_id)?;
    all.retain(|q| deleted || q.deleted_at.is_none());
    Ok(all)
}

fn one(conn: &Connection, id: i64) -> Result<Qualification> {
    select(conn, "q.id = ?1", id)?.pop().ok_or_else(|| CoreError::NotFound(format!("没有编号为 {id} 的资质证书，可能已被删除")))
}

fn uscc_of(conn: &Connection, enterprise_id: i64) -> Result<String> {
    conn.query_row("SELECT uscc FROM enterprises WHERE id = ?1", [enterprise_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| CoreError::NotFound(format!("没有编号为 {enterprise_id} 的企业，可能已被删除")))
}

/// The id of the enterprise with this 统一社会信用代码 (for the command line).
pub fn enterprise_by_uscc(store: &Store, uscc: &str) -> Result<i64> {
    let code = crate::enterprise::uscc::normalize(uscc);
    store
        .conn
        .query_row("SELECT id FROM enterprises WHERE uscc = ?1", [&code], |r| r.get(0))
        .optional()?
        .ok_or_else(|| CoreError::NotFound(format!("企业库中没有统一社会信用代码为 {code} 的企业")))
}

/// The audit key of a certificate: enterprise USCC / kind #id.
fn audit_key(conn: &Connection, q: &Qualification) -> Result<String> {
    Ok(format!("{}/{}#{}", uscc_of(conn, q.enterprise_id)?, q.kind, q.id))
}

fn optional_date(v: &Option<String>, what: &str) -> Result<Option<String>> {
    match v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        Some(t) => partial_date(t, what).map(Some),
        None => Ok(None),
    }
}

/// The input checked and completed: kind resolved, level defaulted, dates normalised, 有效期至
/// from 认定时间 and the kind's validity where not given.
fn checked(conn: &Connection, input: &QualificationInput) -> Result<(QualificationKind, QualificationInput)> {
    let kind = resolve_kind(conn, &input.kind)?;
    let mut d = input.clone();
    d.kind = kind.name.clone();
    d.level = match d.level.trim() {
        "" => kind.default_level.clone(),
        l if kind.levels.iter().any(|k| k == l) => l.to_string(),
        l => return Err(CoreError::Invalid(format!("{}没有“{l}”，可选：{}", kind.name, kind.levels.join("、")))),
    };
    d.obtained_on = optional_date(&d.obtained_on, "认定时间")?;
    d.valid_until = optional_date(&d.valid_until, "有效期至")?;
    if d.valid_until.is_none() {
        d.valid_until = d.obtained_on.as_deref().zip(kind.validity_years).and_then(|(o, y)| add_years(o, y));
    }
    if let (Some(o), Some(u)) = (&d.obtained_on, &d.valid_until) {
        if ends_on(u).zip(ends_on(o)).is_some_and(|(u, o)| u < o) {
            return Err(CoreError::Invalid(format!("有效期至“{u}”早于认定时间“{o}”")));
        }
    }
    d.certificate_no = d.certificate_no.trim().to_string();
    d.note = d.note.trim().to_string();
    Ok((kind, d))
}

/// Runs `write` in one transaction with an audit stamp of the manual source; returns the certificate after.
fn in_tx(store: &mut Store, write: impl FnOnce(&Connection, &audit::Stamp) -> Result<i64>) -> Result<Qualification> {
    let stamp = audit::Stamp::new(now_text(), store.operator()?, MANUAL_SOURCE);
    let tx = store.conn.transaction()?;
    let id = write(&tx, &stamp)?;
    let after = one(&tx, id)?;
    tx.commit()?;
    Ok(after)
}

/// Audits every field that differs between `before` and `after`.
fn audit_fields(conn: &Connection, stamp: &audit::Stamp, before: &Qualification, after: &Qualification) -> Result<()> {
    let key = audit_key(conn, after)?;
    let (b, a) = (serde_json::to_value(before)?, serde_json::to_value(after)?);
    for field in ["kind", "level", "obtained_on", "valid_until", "certificate_no", "review_on", "review_result", "revoked_on", "revoke_reason", "note", "deleted_at"] {
        let text = |v: &serde_json::Value| v.as_str().map(str::to_string);
        if b[field] != a[field] {
            audit::record(conn, stamp, audit::Entry::row("update", "qualifications", &key).field(field, text(&b[field]).as_deref(), text(&a[field]).as_deref()))?;
        }
    }
    Ok(())
}

/// Adds a certificate to an enterprise.
pub fn add_qualification(store: &mut Store, input: &QualificationInput) -> Result<Qualification> {
    in_tx(store, |tx, stamp| {
        uscc_of(tx, input.enterprise_id)?;
        let (_, d) = checked(tx, input)?;
        let now = now_text();
        tx.execute(
            "INSERT INTO qualifications(enterprise_id, kind, level, obtained_on, valid_until, certificate_no, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            rusqlite::params![d.enterprise_id, d.kind, d.level, d.obtained_on, d.valid_until, d.certificate_no, d.note, now],
        )?;
        let id = tx.last_insert_rowid();
        let q = one(tx, id)?;
        audit::record(tx, stamp, audit::Entry::row("insert", "qualifications", &audit_key(tx, &q)?).values(None, Some(&serde_json::to_string(&q)?)))?;
        Ok(id)
    })
}

/// Corrects a certificate's kind, level, dates, number or note (its enterprise stays).
pub fn update_qualification(store: &mut Store, id: i64, input: &QualificationInput) -> Result<Qualification> {
    in_tx(store, |tx, stamp| {
        let before = one(tx, id)?;
        let (_, d) = checked(tx, &QualificationInput { enterprise_id: before.enterprise_id, ..input.clone() })?;
        tx.execute(
            "UPDATE qualifications SET kind = ?1, level = ?2, obtained_on = ?3, valid_until = ?4, certificate_no = ?5, note = ?6, updated_at = ?7 WHERE id = ?8",
            rusqlite::params![d.kind, d.level, d.obtained_on, d.valid_until, d.certificate_no, d.note, now_text(), id],
        )?;
        audit_fields(tx, stamp, &before, &one(tx, id)?)?;
        Ok(id)
    })
}

/// Records a 复核: 通过 moves 有效期至 one validity period on, 未通过 ends the certificate on that day.
pub fn review_qualification(store: &mut Store, id: i64, input: &ReviewInput) -> Result<Qualification> {
    in_tx(store, |tx, stamp| {
        let before = one(tx, id)?;
        let kind = resolve_kind(tx, &before.kind)?;
        let date = partial_date(&input.date, "复核时间")?;
        let result = review_result(&input.result)
            .ok_or_else(|| CoreError::Invalid(format!("复核结果“{}”应为 {}", input.result.trim(), REVIEW_RESULTS.join(" 或 "))))?;
        if before.revoked_on.is_some() {
            return Err(CoreError::Invalid(format!("这份{}证书已于 {} 撤销，不能再复核", before.kind, before.revoked_on.unwrap_or_default())));
        }
        let valid_until = match (result, &before.valid_until, kind.validity_years) {
            ("通过", Some(u), Some(y)) => add_years(u, y),
            ("通过", None, Some(_)) => return Err(CoreError::Invalid(format!("这份{}证书没有有效期至，请先填写认定时间或有效期至再记录复核", before.kind))),
            _ => before.valid_until.clone(),
        };
        tx.execute(
            "UPDATE qualifications SET review_on = ?1, review_result = ?2, valid_until = ?3, updated_at = ?4 WHERE id = ?5",
            rusqlite::params![date, result, valid_until, now_text(), id],
        )?;
        audit_fields(tx, stamp, &before, &one(tx, id)?)?;
        Ok(id)
    })
}

/// Revokes a certificate from a date, with the reason.
pub fn revoke_qualification(store: &mut Store, id: i64, input: &RevokeInput) -> Result<Qualification> {
    in_tx(store, |tx, stamp| {
        let before = one(tx, id)?;
        let date = partial_date(&input.date, "撤销时间")?;
        let reason = input.reason.trim();
        if reason.is_empty() {
            return Err(CoreError::Invalid("请填写撤销原因".into()));
        }
        tx.execute(
            "UPDATE qualifications SET revoked_on = ?1, revoke_reason = ?2, updated_at = ?3 WHERE id = ?4",
            rusqlite::params![date, reason, now_text(), id],
        )?;
        audit_fields(tx, stamp, &before, &one(tx, id)?)?;
        Ok(id)
    })
}

fn set_deleted(store: &mut Store, id: i64, deleted: bool) -> Result<Qualification> {
    in_tx(store, |tx, stamp| {
        let before = one(tx, id)?;
        if before.deleted_at.is_some() == deleted {
            let state = if deleted { "已在回收站中" } else { "不在回收站中" };
            return Err(CoreError::Invalid(format!("这份{}证书{state}", before.kind)));
        }
        let at = deleted.then(now_text);
        tx.execute("UPDATE qualifications SET deleted_at = ?1, updated_at = ?2 WHERE id = ?3", rusqlite::params![at, now_text(), id])?;
        let after = one(tx, id)?;
        let action = if deleted { "delete" } else { "restore" };
        audit::record(tx, stamp, audit::Entry::row(action, "qualifications", &audit_key(tx, &after)?).values(Some(&serde_json::to_string(&before)?), None))?;
        Ok(id)
    })
}

/// Moves a certificate into the 回收站 (kept, counted nowhere, restorable).
pub fn delete_qualification(store: &mut Store, id: i64) -> Result<Qualification> {
    set_deleted(store, id, true)
}

/// Brings a certificate back from the 回收站.
pub fn restore_qualification(store: &mut Store, id: i64) -> Result<Qualification> {
    set_deleted(store, id, false)
}
