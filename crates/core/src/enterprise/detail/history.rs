//! An enterprise's change history as its page shows it: every audit line of the enterprise and its
//! yearly figures, under every code it has had, newest first.
use super::not_found;
use crate::enterprise::fields;
use crate::error::Result;
use crate::store::Store;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One line of an enterprise's change history (audit log).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct HistoryEntry {
    pub id: i64,
    pub at: String,
    pub operator: String,
    /// insert / update / delete / undo
    pub action: String,
    /// The field's Chinese label (with the year for figures); empty for whole-row actions.
    pub label: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    /// 导入#3, 撤销导入#3 or 手工录入.
    pub source: Option<String>,
}

/// Every code this enterprise has had: the current one and those it was changed from.
fn codes_of(conn: &Connection, current: &str) -> Result<Vec<String>> {
    let mut codes = vec![current.to_string()];
    let mut i = 0;
    while i < codes.len() {
        let mut stmt = conn.prepare_cached(
            "SELECT DISTINCT row_key FROM audit_log WHERE table_name = 'enterprises' AND field = 'uscc' AND new_value = ?1",
        )?;
        let older = stmt.query_map([&codes[i]], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        for c in older {
            if !codes.contains(&c) {
                codes.push(c);
            }
        }
        i += 1;
    }
    Ok(codes)
}

fn history_label(table: &str, row_key: &str, field: Option<&str>) -> String {
    let Some(field) = field else { return String::new() };
    if let Some(h) = field.strip_prefix("extra.") {
        return format!("{h}（其他属性）");
    }
    let name = fields::field(field).map_or(field, |f| f.label);
    match (table, row_key.rsplit_once('/')) {
        ("enterprise_figures", Some((_, year))) => format!("{year}年{name}"),
        _ => name.to_string(),
    }
}

/// The enterprise's change history, newest first: imports, undos and edits by hand.
pub fn enterprise_history(store: &Store, id: i64) -> Result<Vec<HistoryEntry>> {
    let current: String = store
        .conn
        .query_row("SELECT uscc FROM enterprises WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| not_found(id))?;
    let mut out = Vec::new();
    let mut stmt = store.conn.prepare_cached(
        "SELECT id, at, operator, action, table_name, row_key, field, old_value, new_value, source FROM audit_log
         WHERE (table_name = 'enterprises' AND row_key = ?1)
            OR (table_name = 'enterprise_figures' AND substr(row_key, 1, length(?1) + 1) = ?1 || '/')",
    )?;
    for code in codes_of(&store.conn, &current)? {
        let rows = stmt.query_map([&code], |r| {
            let table: String = r.get(4)?;
            let row_key: String = r.get(5)?;
            let field: Option<String> = r.get(6)?;
            Ok(HistoryEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                operator: r.get(2)?,
                action: r.get(3)?,
                label: history_label(&table, &row_key, field.as_deref()),
                old_value: r.get(7)?,
                new_value: r.get(8)?,
                source: r.get(9)?,
            })
        })?;
        for row in rows {
            out.push(row?);
        }
    }
    out.sort_by_key(|e| std::cmp::Reverse(e.id));
    out.dedup_by_key(|e| e.id);
    Ok(out)
}
