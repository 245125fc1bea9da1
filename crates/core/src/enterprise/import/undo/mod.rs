//! Undoing an import without destroying later work: each field goes back only where it still
//! holds the imported value, an added enterprise is removed only when nothing was recorded about
//! it since; the same report shows beforehand (dry run) what will be reverted, removed and kept.
//! The undo is audited and can itself be undone (`redo`).
mod plan;
mod redo;
mod slots;

use crate::audit;
use crate::error::{CoreError, Result};
use crate::store::{now_text, Store};
use plan::Decision;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use redo::{redo, RedoReport};

/// One field of an enterprise the import changed, and what undo does with it.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct UndoField {
    /// Field key (`extra` for an extra attribute).
    pub field: String,
    pub label: String,
    #[ts(type = "number | null")]
    pub year: Option<i64>,
    /// Before the import (what undo writes back).
    pub before: Option<String>,
    pub imported: Option<String>,
    pub current: Option<String>,
    /// Goes back to `before`; false: kept as it is now.
    pub revert: bool,
    pub reason: Option<String>,
}

/// What undo does to one enterprise the import touched.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct UndoItem {
    pub uscc: String,
    pub name: String,
    /// revert (fields go back) / remove (added by the import, deleted) / keep (left as it is,
    /// see `reason`) / none (nothing to do) / gone (deleted since).
    pub action: String,
    pub reason: Option<String>,
    pub fields: Vec<UndoField>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct UndoReport {
    #[ts(type = "number")]
    pub import_id: i64,
    /// Enterprises the import had added, now deleted.
    pub deleted: u32,
    /// Enterprises the import had changed, with at least one field put back.
    pub restored: u32,
    /// Enterprises kept whole or in part because of later work.
    pub kept: u32,
    /// Nothing was written: the report of what undo would do.
    pub dry_run: bool,
    pub items: Vec<UndoItem>,
}

/// What an undo did, kept in `imports.undo_plan` so that it can be undone.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct UndoRecord {
    pub reverted: Vec<(i64, String, Vec<plan::Write>)>,
    pub removed: Vec<crate::enterprise::records::Records>,
}

fn check_undoable(conn: &Connection, import_id: i64) -> Result<()> {
    let undone: Option<Option<String>> =
        conn.query_row("SELECT undone_at FROM imports WHERE id = ?1", [import_id], |r| r.get(0)).optional()?;
    match undone {
        None => Err(CoreError::NotFound(format!("没有编号为 {import_id} 的导入记录"))),
        Some(Some(at)) => Err(CoreError::Invalid(format!("第 {import_id} 次导入已于 {} 撤销过", at.replace('T', " ")))),
        Some(None) => Ok(()),
    }
}

fn report(import_id: i64, decisions: &[Decision], dry_run: bool) -> UndoReport {
    let count = |f: &dyn Fn(&Decision) -> bool| decisions.iter().filter(|d| f(d)).count() as u32;
    UndoReport {
        import_id,
        deleted: count(&|d| d.remove),
        restored: count(&|d| !d.writes.is_empty()),
        kept: count(&|d| d.item.action == "keep" || d.item.fields.iter().any(|f| !f.revert)),
        dry_run,
        items: decisions.iter().map(|d| d.item.clone()).collect(),
    }
}

/// What undoing the import would do, field by field and enterprise by enterprise. Writes nothing.
pub fn undo_preview(store: &Store, import_id: i64) -> Result<UndoReport> {
    check_undoable(&store.conn, import_id)?;
    Ok(report(import_id, &plan::decide(&store.conn, import_id)?, true))
}

/// Undoes an import as [`undo_preview`] shows, in one transaction, every step audited.
pub fn undo(store: &mut Store, import_id: i64) -> Result<UndoReport> {
    let operator = store.operator()?;
    let now = now_text();
    let tx = store.conn.transaction()?;
    check_undoable(&tx, import_id)?;
    let decisions = plan::decide(&tx, import_id)?;
    let stamp = audit::Stamp::new(now.clone(), operator, format!("撤销导入#{import_id}"));
    let mut record = UndoRecord::default();
    for d in &decisions {
        apply(&tx, &stamp, d, &mut record)?;
    }
    tx.execute(
        "UPDATE imports SET undone_at = ?1, undo_plan = ?2 WHERE id = ?3",
        rusqlite::params![now, serde_json::to_string(&record)?, import_id],
    )?;
    let summary = report(import_id, &decisions, false);
    let text = format!("删除 {} 家，恢复 {} 家，保留 {} 家", summary.deleted, summary.restored, summary.kept);
    audit::record(&tx, &stamp, audit::Entry::row("undo", "imports", &import_id.to_string()).values(None, Some(&text)))?;
    tx.commit()?;
    Ok(summary)
}

fn apply(tx: &Connection, stamp: &audit::Stamp, d: &Decision, record: &mut UndoRecord) -> Result<()> {
    let entry = audit::Entry::row("undo", "enterprises", &d.uscc);
    if d.remove {
        let whole = crate::enterprise::records::take(tx, d.enterprise_id)?;
        tx.execute("DELETE FROM enterprises WHERE id = ?1", [d.enterprise_id])?;
        audit::record(tx, stamp, entry.values(Some(&serde_json::to_string(&whole)?), None))?;
        record.removed.push(whole);
        return Ok(());
    }
    let stamp_restored = d.writes.iter().any(|w| w.slot == slots::Slot::Column(plan::STAMP.into()));
    for w in &d.writes {
        // Only a slot that still holds the imported value is written back.
        slots::write(tx, d.enterprise_id, &w.slot, &w.before)?;
        if w.slot == slots::Slot::Column(plan::STAMP.into()) {
            continue;
        }
        let (table, key, field) = w.slot.audit_target(&d.uscc);
        let (old, new) = (w.slot.shown(&w.imported), w.slot.shown(&w.before));
        audit::record(tx, stamp, audit::Entry::row("undo", table, &key).field(&field, old.as_deref(), new.as_deref()))?;
    }
    if !d.writes.is_empty() && !stamp_restored {
        tx.execute("UPDATE enterprises SET updated_at = ?1 WHERE id = ?2", rusqlite::params![stamp.at, d.enterprise_id])?;
    }
    if !d.writes.is_empty() {
        record.reverted.push((d.enterprise_id, d.uscc.clone(), d.writes.clone()));
    }
    if let Some(why) = d.item.reason.as_deref().filter(|_| d.item.action == "keep") {
        audit::record(tx, stamp, entry.values(None, Some(why)))?;
    }
    Ok(())
}
