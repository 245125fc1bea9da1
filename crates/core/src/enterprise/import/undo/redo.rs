//! Undoing an undo (恢复导入): the fields the undo put back get the imported values again where
//! they still hold what the undo wrote, and the enterprises it removed come back with all their
//! records, unless the same code was entered again since. Audited as 恢复导入#N.
use super::plan::STAMP;
use super::slots::Slot;
use super::{UndoField, UndoItem, UndoRecord};
use crate::audit;
use crate::enterprise::records::{self, Records};
use crate::enterprise::snapshot::{self, same_value};
use crate::error::{CoreError, Result};
use crate::store::{now_text, Store};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct RedoReport {
    #[ts(type = "number")]
    pub import_id: i64,
    /// Enterprises whose imported values were written again.
    pub reapplied: u32,
    /// Enterprises the undo had removed, added back.
    pub reinserted: u32,
    /// Enterprises left as they are (see each item's reason).
    pub kept: u32,
    pub items: Vec<UndoItem>,
}

fn load_record(conn: &Connection, import_id: i64) -> Result<UndoRecord> {
    let row: Option<(Option<String>, Option<String>)> =
        conn.query_row("SELECT undone_at, undo_plan FROM imports WHERE id = ?1", [import_id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    match row {
        None => Err(CoreError::NotFound(format!("没有编号为 {import_id} 的导入记录"))),
        Some((None, _)) => Err(CoreError::Invalid(format!("第 {import_id} 次导入没有撤销过，无需恢复"))),
        Some((Some(_), None)) => Err(CoreError::Invalid(format!("第 {import_id} 次导入是在本版本之前撤销的，没有记下撤销的内容，无法恢复；请重新导入原文件"))),
        Some((Some(_), Some(text))) => Ok(serde_json::from_str(&text)?),
    }
}

fn item(uscc: &str, name: String, action: &str, reason: Option<String>, fields: Vec<UndoField>) -> UndoItem {
    UndoItem { uscc: uscc.to_string(), name, action: action.into(), reason, fields }
}

fn reapply(tx: &Connection, stamp: &audit::Stamp, (id, uscc, writes): &(i64, String, Vec<super::plan::Write>)) -> Result<UndoItem> {
    let Some(current) = snapshot::load_id(tx, *id)? else {
        return Ok(item(uscc, uscc.clone(), "keep", Some("企业已被删除（见回收站），未恢复".into()), Vec::new()));
    };
    let name = current.enterprise.get("name").and_then(Json::as_str).unwrap_or(uscc).to_string();
    let mut fields = Vec::new();
    for w in writes {
        let now = w.slot.value(&current);
        let again = same_value(&now, &w.before);
        if w.slot == Slot::Column(STAMP.into()) {
            if again {
                super::slots::write(tx, *id, &w.slot, &w.imported)?;
            }
            continue;
        }
        if again {
            super::slots::write(tx, *id, &w.slot, &w.imported)?;
            let (table, key, field) = w.slot.audit_target(uscc);
            let (old, new) = (w.slot.shown(&w.before), w.slot.shown(&w.imported));
            audit::record(tx, stamp, audit::Entry::row("redo", table, &key).field(&field, old.as_deref(), new.as_deref()))?;
        }
        let (field, year) = w.slot.field();
        let reason = (!again).then(|| format!("撤销后已改为“{}”，保留", w.slot.shown(&now).unwrap_or_else(|| "空".into())));
        fields.push(UndoField { field, label: w.slot.label(), year, before: w.slot.shown(&w.before), imported: w.slot.shown(&w.imported), current: w.slot.shown(&now), revert: again, reason });
    }
    let action = if fields.iter().any(|f| f.revert) { "reapply" } else { "keep" };
    if action == "reapply" && !writes.iter().any(|w| w.slot == Slot::Column(STAMP.into())) {
        tx.execute("UPDATE enterprises SET updated_at = ?1 WHERE id = ?2", rusqlite::params![stamp.at, id])?;
    }
    let reason = (action == "keep").then(|| "撤销后这些字段又被修改，全部保留".to_string());
    Ok(item(uscc, name, action, reason, fields))
}

fn reinsert(tx: &Connection, stamp: &audit::Stamp, import_id: i64, whole: &Records) -> Result<UndoItem> {
    let row = whole.tables.get("enterprises").and_then(|r| r.first()).cloned().unwrap_or_default();
    let text = |k: &str| row.get(k).and_then(Json::as_str).unwrap_or_default().to_string();
    let (uscc, name) = (text("uscc"), text("name"));
    let holder: Option<String> = tx.query_row("SELECT name FROM enterprises WHERE uscc = ?1", [&uscc], |r| r.get(0)).optional()?;
    if let Some(holder) = holder {
        let why = format!("撤销后又有企业“{holder}”使用这个统一社会信用代码，未重新添加");
        return Ok(item(&uscc, name, "keep", Some(why), Vec::new()));
    }
    let old_id = row.get("id").and_then(Json::as_i64).unwrap_or(0);
    let id = records::put_back(tx, whole)?;
    tx.execute("UPDATE import_changes SET enterprise_id = ?1 WHERE import_id = ?2 AND enterprise_id = ?3", rusqlite::params![id, import_id, old_id])?;
    audit::record(tx, stamp, audit::Entry::row("redo", "enterprises", &uscc).values(None, Some(&name)))?;
    Ok(item(&uscc, name, "reinsert", None, Vec::new()))
}

/// Undoes the undo of `import_id` in one transaction; the import can then be undone again.
pub fn redo(store: &mut Store, import_id: i64) -> Result<RedoReport> {
    let operator = store.operator()?;
    let now = now_text();
    let tx = store.conn.transaction()?;
    let record = load_record(&tx, import_id)?;
    let stamp = audit::Stamp::new(now, operator, format!("恢复导入#{import_id}"));
    let mut items = Vec::new();
    for r in &record.reverted {
        items.push(reapply(&tx, &stamp, r)?);
    }
    for whole in &record.removed {
        items.push(reinsert(&tx, &stamp, import_id, whole)?);
    }
    tx.execute("UPDATE imports SET undone_at = NULL, undo_plan = NULL WHERE id = ?1", [import_id])?;
    let count = |a: &str| items.iter().filter(|i| i.action == a).count() as u32;
    let report = RedoReport { import_id, reapplied: count("reapply"), reinserted: count("reinsert"), kept: count("keep"), items };
    let text = format!("重新写入 {} 家，重新添加 {} 家，保留 {} 家", report.reapplied, report.reinserted, report.kept);
    audit::record(&tx, &stamp, audit::Entry::row("redo", "imports", &import_id.to_string()).values(None, Some(&text)))?;
    tx.commit()?;
    Ok(report)
}
