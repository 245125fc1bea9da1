//! The recorded batch edits and undoing one as a unit: each field goes back only where it still
//! holds the batch's value (later work is kept), the memberships it opened are removed and those it
//! closed are open again; audited as 撤销批量修改#N.
use super::batch::{load_current, shown, write_column, Checked};
use super::membership;
use crate::audit;
use crate::enterprise::snapshot::same_value;
use crate::error::{CoreError, Result};
use crate::store::{now_text, Store};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use ts_rs::TS;

/// One recorded batch edit, as the list of batch edits shows it.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct BatchRecord {
    #[ts(type = "number")]
    pub id: i64,
    pub summary: String,
    #[ts(type = "number")]
    pub enterprises: i64,
    pub operator: String,
    pub created_at: String,
    pub undone_at: Option<String>,
    /// What the undo kept because of later work.
    pub undo_note: Option<String>,
}

/// What undoing did to one enterprise.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct BatchUndoItem {
    pub uscc: String,
    pub name: String,
    /// Labels of the fields put back.
    pub reverted: Vec<String>,
    /// Labels of the fields kept, changed again since the batch.
    pub kept: Vec<String>,
    /// Deleted since the batch: nothing to put back.
    pub gone: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct BatchUndoReport {
    #[ts(type = "number")]
    pub batch_id: i64,
    pub summary: String,
    /// Enterprises with at least one field put back.
    #[ts(type = "number")]
    pub reverted: i64,
    /// Enterprises with at least one field kept because of later work.
    #[ts(type = "number")]
    pub kept: i64,
    pub items: Vec<BatchUndoItem>,
}

/// Every batch edit, the latest first.
pub fn list_batches(store: &Store) -> Result<Vec<BatchRecord>> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT id, summary, enterprises, operator, created_at, undone_at, undo_note FROM batch_edits ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(BatchRecord {
            id: r.get(0)?,
            summary: r.get(1)?,
            enterprises: r.get(2)?,
            operator: r.get(3)?,
            created_at: r.get(4)?,
            undone_at: r.get(5)?,
            undo_note: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

struct Change {
    enterprise_id: i64,
    uscc: String,
    before: Map<String, Json>,
    after: Map<String, Json>,
    opened: Option<i64>,
    closed: Option<i64>,
}

fn object(text: &str) -> Map<String, Json> {
    serde_json::from_str(text).unwrap_or_default()
}

/// Undoes the batch edit `id` in one transaction.
pub fn undo_batch(store: &mut Store, id: i64) -> Result<BatchUndoReport> {
    let operator = store.operator()?;
    let now = now_text();
    let tx = store.conn.transaction()?;
    let row: Option<(String, String, Option<String>)> = tx
        .query_row("SELECT summary, change, undone_at FROM batch_edits WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let (summary, change) = match row {
        None => return Err(CoreError::NotFound(format!("没有编号为 {id} 的批量修改记录"))),
        Some((_, _, Some(at))) => return Err(CoreError::Invalid(format!("第 {id} 次批量修改已于 {} 撤销过", at.replace('T', " ")))),
        Some((s, c, None)) => (s, c),
    };
    // The flag of the list the batch changed (its membership records follow that flag).
    let list_flag = serde_json::from_str::<Checked>(&change).ok().and_then(|c| c.list).map(|l| l.list.flag()).unwrap_or_default();
    let changes: Vec<Change> = tx
        .prepare("SELECT enterprise_id, uscc, before, after, opened, closed FROM batch_edit_changes WHERE batch_id = ?1 ORDER BY rowid")?
        .query_map([id], |r| {
            Ok(Change {
                enterprise_id: r.get(0)?,
                uscc: r.get(1)?,
                before: object(&r.get::<_, String>(2)?),
                after: object(&r.get::<_, String>(3)?),
                opened: r.get(4)?,
                closed: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let stamp = audit::Stamp::new(now.clone(), operator, format!("撤销批量修改#{id}"));
    let mut items = Vec::new();
    for ch in &changes {
        let Some(cur) = load_current(&tx, ch.enterprise_id)? else {
            items.push(BatchUndoItem { uscc: ch.uscc.clone(), name: String::new(), reverted: vec![], kept: vec![], gone: true });
            continue;
        };
        let mut item = BatchUndoItem { uscc: cur.uscc.clone(), name: cur.name.clone(), reverted: vec![], kept: vec![], gone: false };
        let still: Vec<&String> = ch.after.keys().filter(|c| same_value(&cur.values[c.as_str()], &ch.after[c.as_str()])).collect();
        let flag_back = |flag: &str| still.iter().any(|c| c.as_str() == flag);
        // The membership first, so the flag's trigger finds the record as the flag says.
        if let Some(rec) = ch.opened {
            if flag_back(list_flag) && membership::is_open(&tx, rec)? == Some(true) {
                membership::remove(&tx, rec)?;
            }
        }
        if let Some(rec) = ch.closed {
            if flag_back(list_flag) && membership::is_open(&tx, rec)? == Some(false) {
                membership::reopen(&tx, rec)?;
            }
        }
        for col in ch.after.keys() {
            if still.contains(&col) {
                let back = ch.before.get(col).cloned().unwrap_or(Json::Null);
                write_column(&tx, cur.id, col, &back)?;
                let (o, n) = (shown(col, &ch.after[col]), shown(col, &back));
                audit::record(&tx, &stamp, audit::Entry::row("undo", "enterprises", &cur.uscc).field(col, o.as_deref(), n.as_deref()))?;
                item.reverted.push(super::batch::label(col));
            } else {
                item.kept.push(super::batch::label(col));
            }
        }
        if !item.reverted.is_empty() {
            tx.execute("UPDATE enterprises SET updated_at = ?1 WHERE id = ?2", rusqlite::params![now, cur.id])?;
        }
        items.push(item);
    }
    let reverted = items.iter().filter(|i| !i.reverted.is_empty()).count() as i64;
    let kept = items.iter().filter(|i| !i.kept.is_empty()).count() as i64;
    let gone = items.iter().filter(|i| i.gone).count();
    let mut note = Vec::new();
    if kept > 0 {
        note.push(format!("{kept} 家企业的部分字段此后又被修改，已保留"));
    }
    if gone > 0 {
        note.push(format!("{gone} 家企业已被删除"));
    }
    let note = (!note.is_empty()).then(|| note.join("；"));
    tx.execute("UPDATE batch_edits SET undone_at = ?1, undo_note = ?2 WHERE id = ?3", rusqlite::params![now, note, id])?;
    let text = format!("恢复 {reverted} 家，保留 {kept} 家");
    audit::record(&tx, &stamp, audit::Entry::row("undo", "batch_edits", &id.to_string()).values(Some(&summary), Some(&text)))?;
    tx.commit()?;
    Ok(BatchUndoReport { batch_id: id, summary, reverted, kept, items })
}
