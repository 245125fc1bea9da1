//! Certificates about to expire: valid today and ending within the next N months, soonest first,
//! for the 工作台 and `pacesetter qualifications expiring`.
use super::dates::{ends_on, valid_sql};
use crate::error::{CoreError, Result};
use crate::store::Store;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ExpiringQualification {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub enterprise_id: i64,
    pub enterprise_name: String,
    pub uscc: String,
    pub county: Option<String>,
    pub kind: String,
    pub short_name: String,
    pub level: String,
    pub obtained_on: Option<String>,
    /// 有效期至 as stored (date, month or year).
    pub valid_until: String,
    /// The last day it is valid (ISO date).
    pub ends_on: String,
    #[ts(type = "number")]
    pub days_left: i64,
    /// The kind is re-reviewed (复核) at the end: the enterprise should apply.
    pub reviewed: bool,
}

/// Certificates valid on `today` whose last valid day is within `within_months` months of it.
pub fn expiring(store: &Store, today: NaiveDate, within_months: u32) -> Result<Vec<ExpiringQualification>> {
    if !(1..=120).contains(&within_months) {
        return Err(CoreError::Invalid(format!("月数“{within_months}”应在 1 到 120 之间")));
    }
    let limit = today.checked_add_months(Months::new(within_months)).unwrap_or(today);
    let sql = format!(
        "SELECT q.id, q.enterprise_id, e.name, e.uscc, e.county, q.kind, k.short_name, q.level, q.obtained_on, q.valid_until, k.reviewed
         FROM qualifications q JOIN enterprises e ON e.id = q.enterprise_id JOIN qualification_kinds k ON k.name = q.kind
         WHERE q.valid_until IS NOT NULL AND q.valid_until <= ?2 AND {}",
        valid_sql("q", "?1")
    );
    let mut stmt = store.conn.prepare_cached(&sql)?;
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let rows = stmt.query_map([day(today), day(limit)], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, Option<String>>(8)?,
            r.get::<_, String>(9)?,
            r.get::<_, bool>(10)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, enterprise_id, enterprise_name, uscc, county, kind, short_name, level, obtained_on, valid_until, reviewed) = row?;
        let Some(end) = ends_on(&valid_until).filter(|e| *e >= today && *e <= limit) else { continue };
        out.push(ExpiringQualification {
            id,
            enterprise_id,
            enterprise_name,
            uscc,
            county,
            kind,
            short_name,
            level,
            obtained_on,
            valid_until,
            ends_on: day(end),
            days_left: (end - today).num_days(),
            reviewed,
        });
    }
    out.sort_by(|a, b| a.ends_on.cmp(&b.ends_on).then(a.enterprise_name.cmp(&b.enterprise_name)));
    Ok(out)
}
