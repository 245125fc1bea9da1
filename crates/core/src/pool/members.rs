//! A list's page: its members now or on a given date (入库/认定 date, reason, level, batch) and its
//! history (every join and leave with date and reason), read from the membership records.
use super::lists::ListKind;
use crate::error::{CoreError, Result};
use crate::store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One enterprise on a list.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ListMember {
    #[ts(type = "number")]
    pub enterprise_id: i64,
    pub name: String,
    pub uscc: String,
    pub county: Option<String>,
    pub cluster: Option<String>,
    /// 入库/认定 date (ISO date, month or year); none: not known.
    pub entered_on: Option<String>,
    pub entered_reason: String,
    /// 领跑者: 省级 / 市级.
    pub level: Option<String>,
    /// 领跑者: the year of the batch.
    #[ts(type = "number | null")]
    pub batch_year: Option<i64>,
    /// 批量修改#3, 原有标记, or empty.
    pub source: String,
    /// Left the list after the date asked (only when a past date is asked).
    pub left_on: Option<String>,
}

/// One join or leave on a list.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ListEvent {
    #[ts(type = "number")]
    pub enterprise_id: i64,
    pub name: String,
    pub uscc: String,
    pub county: Option<String>,
    /// joined / left
    pub kind: String,
    /// 纳入上市培育库, 移出上市培育库, 认定为“领跑者”企业 …
    pub label: String,
    /// ISO date (or month, year); none: not known.
    pub date: Option<String>,
    pub reason: String,
    pub level: Option<String>,
    #[ts(type = "number | null")]
    pub batch_year: Option<i64>,
    pub source: String,
}

/// A list named by its key or Chinese name (上市培育库, 领跑者 …), else a message naming the four.
pub fn list_named(text: &str) -> Result<ListKind> {
    ListKind::parse(text).ok_or_else(|| {
        CoreError::Invalid(format!("“{}”不是名单名称：可选 上市培育库、领跑者、白名单、正面清单", text.trim()))
    })
}

/// The date a `--on` option names, as ISO; a clear message when it is not a date.
fn iso_date(text: &str) -> Result<String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map(|d| d.to_string())
        .map_err(|_| CoreError::Invalid(format!("日期“{}”无效，应为 2026-11-30 这样的日期", text.trim())))
}

/// The day a record left (its 出库 date, else the day it was closed).
const LEFT_DAY: &str = "COALESCE(m.left_on, substr(m.closed_at, 1, 10))";

/// The members of `list` now (`on` none), or on the day `on` (2026-11-30): joined on or before it
/// (an unknown 入库 date counts as before) and not left by then. By county order, then name.
pub fn list_members(store: &Store, list: ListKind, on: Option<&str>) -> Result<Vec<ListMember>> {
    let on = on.map(iso_date).transpose()?;
    let sql = format!(
        "SELECT e.id, e.name, e.uscc, e.county, e.cluster, m.entered_on, m.entered_reason, m.level, m.batch_year, m.source,
                CASE WHEN m.closed_at IS NULL THEN NULL ELSE {LEFT_DAY} END
         FROM list_memberships m JOIN enterprises e ON e.id = m.enterprise_id
         LEFT JOIN counties c ON c.name = e.county
         WHERE m.list = ?1 AND (CASE WHEN ?2 IS NULL THEN m.closed_at IS NULL
               ELSE (m.entered_on IS NULL OR m.entered_on <= ?2) AND (m.closed_at IS NULL OR {LEFT_DAY} > ?2) END)
         ORDER BY c.sort IS NULL, c.sort, e.name, m.id"
    );
    let mut stmt = store.conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params![list.key(), on], |r| {
        Ok(ListMember {
            enterprise_id: r.get(0)?,
            name: r.get(1)?,
            uscc: r.get(2)?,
            county: r.get(3)?,
            cluster: r.get(4)?,
            entered_on: r.get(5)?,
            entered_reason: r.get(6)?,
            level: r.get(7)?,
            batch_year: r.get(8)?,
            source: r.get(9)?,
            left_on: r.get(10)?,
        })
    })?;
    let mut members = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    // One row per enterprise even if two stays cover the day (a re-entry recorded the same day).
    members.dedup_by_key(|m| m.enterprise_id);
    Ok(members)
}

/// Every join and leave on `list` (of one enterprise when `enterprise_id` is given), newest first;
/// events of unknown date last.
pub fn list_history(store: &Store, list: ListKind, enterprise_id: Option<i64>) -> Result<Vec<ListEvent>> {
    let sql = format!(
        "SELECT e.id, e.name, e.uscc, e.county, m.entered_on, m.entered_reason, m.level, m.batch_year, m.source,
                m.closed_at IS NOT NULL, {LEFT_DAY}, m.left_reason, m.created_at, m.closed_at
         FROM list_memberships m JOIN enterprises e ON e.id = m.enterprise_id
         WHERE m.list = ?1 AND (?2 IS NULL OR e.id = ?2)"
    );
    let (joined, left) = list.verbs();
    let mut stmt = store.conn.prepare_cached(&sql)?;
    let mut events: Vec<(String, ListEvent)> = Vec::new();
    let rows = stmt.query_map(rusqlite::params![list.key(), enterprise_id], |r| {
        let event = |kind: &str, label: &str, date: Option<String>, reason: String| -> rusqlite::Result<ListEvent> {
            Ok(ListEvent {
                enterprise_id: r.get(0)?,
                name: r.get(1)?,
                uscc: r.get(2)?,
                county: r.get(3)?,
                kind: kind.into(),
                label: label.into(),
                date,
                reason,
                level: r.get(6)?,
                batch_year: r.get(7)?,
                source: r.get(8)?,
            })
        };
        let join = event("joined", joined, r.get(4)?, r.get(5)?)?;
        let created: String = r.get(12)?;
        let mut out = vec![(created, join)];
        if r.get::<_, bool>(9)? {
            let closed: String = r.get(13)?;
            out.push((closed, event("left", left, r.get(10)?, r.get(11)?)?));
        }
        Ok(out)
    })?;
    for row in rows {
        events.extend(row?);
    }
    // Newest first by the date written (then by when it was recorded); unknown dates last.
    events.sort_by(|(ra, a), (rb, b)| b.date.is_some().cmp(&a.date.is_some()).then(b.date.cmp(&a.date)).then(rb.cmp(ra)));
    Ok(events.into_iter().map(|(_, e)| e).collect())
}
