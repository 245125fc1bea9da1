//! Membership records: an enterprise's history on each list (joined when and why, left when and
//! why, by which batch edit), and the two writes a batch edit makes (open a record, close one).
use super::lists::ListKind;
use crate::error::{CoreError, Result};
use crate::store::{now_text, Store};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One stay of an enterprise on a list.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct Membership {
    #[ts(type = "number")]
    pub id: i64,
    pub list: ListKind,
    /// The list's Chinese name (上市培育库 …).
    pub list_label: String,
    /// 领跑者: 省级 / 市级.
    pub level: Option<String>,
    /// 领跑者: the year of the batch.
    #[ts(type = "number | null")]
    pub batch_year: Option<i64>,
    /// ISO date (or month, year) it joined; none: not known (a flag set before records were kept).
    pub entered_on: Option<String>,
    pub entered_reason: String,
    pub left_on: Option<String>,
    pub left_reason: String,
    /// 批量修改#3, 原有标记, or empty (the flag was set in the form or by an import).
    pub source: String,
    pub created_at: String,
    /// When the record was closed; none: the enterprise is on the list now.
    pub closed_at: Option<String>,
    pub current: bool,
}

fn membership(r: &rusqlite::Row) -> rusqlite::Result<Membership> {
    let key: String = r.get(1)?;
    let list = ListKind::from_key(&key).unwrap_or(ListKind::Pool);
    let closed_at: Option<String> = r.get(10)?;
    Ok(Membership {
        id: r.get(0)?,
        list,
        list_label: list.label().to_string(),
        level: r.get(2)?,
        batch_year: r.get(3)?,
        entered_on: r.get(4)?,
        entered_reason: r.get(5)?,
        left_on: r.get(6)?,
        left_reason: r.get(7)?,
        source: r.get(8)?,
        created_at: r.get(9)?,
        current: closed_at.is_none(),
        closed_at,
    })
}

const COLUMNS: &str = "id, list, level, batch_year, entered_on, entered_reason, left_on, left_reason, source, created_at, closed_at";

/// Every membership record of the enterprise, list by list (上市培育库 first), newest first within a list.
pub fn memberships(store: &Store, enterprise_id: i64) -> Result<Vec<Membership>> {
    let exists: bool = store.conn.query_row("SELECT EXISTS(SELECT 1 FROM enterprises WHERE id = ?1)", [enterprise_id], |r| r.get(0))?;
    if !exists {
        return Err(CoreError::NotFound(format!("没有编号为 {enterprise_id} 的企业，可能已被删除")));
    }
    let mut stmt = store.conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM list_memberships WHERE enterprise_id = ?1
         ORDER BY CASE list WHEN 'pool' THEN 0 WHEN 'leader' THEN 1 WHEN 'white_list' THEN 2 ELSE 3 END,
                  closed_at IS NULL DESC, created_at DESC, id DESC"
    ))?;
    let rows = stmt.query_map([enterprise_id], membership)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The open record of the enterprise on the list, if it is on it.
pub(crate) fn open_record(conn: &Connection, enterprise_id: i64, list: ListKind) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM list_memberships WHERE enterprise_id = ?1 AND list = ?2 AND closed_at IS NULL")?
        .query_row(rusqlite::params![enterprise_id, list.key()], |r| r.get(0))
        .optional()?)
}

/// What a join or a leave records beside the flag.
pub(crate) struct Stay<'a> {
    pub date: &'a str,
    pub reason: &'a str,
    pub level: Option<&'a str>,
    pub batch_year: Option<i64>,
    pub source: &'a str,
}

/// Opens a record (before the flag is set, so the trigger adds none); returns its id.
pub(crate) fn open(conn: &Connection, enterprise_id: i64, list: ListKind, stay: &Stay) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO list_memberships(enterprise_id, list, level, batch_year, entered_on, entered_reason, source, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(rusqlite::params![enterprise_id, list.key(), stay.level, stay.batch_year, stay.date, stay.reason, stay.source, now_text()])?;
    Ok(conn.last_insert_rowid())
}

/// Closes the open record with the date and reason (before the flag is cleared); returns its id.
pub(crate) fn close(conn: &Connection, enterprise_id: i64, list: ListKind, stay: &Stay) -> Result<Option<i64>> {
    let Some(id) = open_record(conn, enterprise_id, list)? else { return Ok(None) };
    conn.prepare_cached("UPDATE list_memberships SET left_on = ?1, left_reason = ?2, closed_at = ?3 WHERE id = ?4")?
        .execute(rusqlite::params![stay.date, stay.reason, now_text(), id])?;
    Ok(Some(id))
}

/// Whether the record is open (none: it is gone).
pub(crate) fn is_open(conn: &Connection, id: i64) -> Result<Option<bool>> {
    Ok(conn
        .prepare_cached("SELECT closed_at IS NULL FROM list_memberships WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// Undoes a close: the record is the current membership again.
pub(crate) fn reopen(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("UPDATE list_memberships SET left_on = NULL, left_reason = '', closed_at = NULL WHERE id = ?1", [id])?;
    Ok(())
}

/// Undoes an open: the record is removed.
pub(crate) fn remove(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM list_memberships WHERE id = ?1", [id])?;
    Ok(())
}
