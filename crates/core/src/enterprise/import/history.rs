//! Import history and undo: lists recorded imports; undo deletes the enterprises an import
//! added and restores the snapshots of those it changed, in one transaction, audited.
use crate::audit;
use crate::enterprise::snapshot::{self, Snapshot};
use super::{ImportRecord, UndoReport};
use crate::error::{CoreError, Result};
use crate::store::{now_text, Store};
use rusqlite::OptionalExtension;

pub fn list_imports(store: &Store) -> Result<Vec<ImportRecord>> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT id, file_name, file_hash, sheet, header_rows, inserted, updated, unchanged, rejected, ignored,
                operator, created_at, undone_at
         FROM imports ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        let header_rows: String = r.get(4)?;
        Ok(ImportRecord {
            id: r.get(0)?,
            file_name: r.get(1)?,
            file_hash: r.get(2)?,
            sheet: r.get(3)?,
            header_rows: serde_json::from_str(&header_rows).unwrap_or_default(),
            inserted: r.get(5)?,
            updated: r.get(6)?,
            unchanged: r.get(7)?,
            rejected: r.get(8)?,
            ignored: r.get(9)?,
            operator: r.get(10)?,
            created_at: r.get(11)?,
            undone_at: r.get(12)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Undoes an import. Refused when a later import, not undone, touched the same enterprises
/// (undo that one first), so that no later change is silently lost.
pub fn undo(store: &mut Store, import_id: i64) -> Result<UndoReport> {
    let operator = store.operator()?;
    let now = now_text();
    let tx = store.conn.transaction()?;
    let undone: Option<Option<String>> =
        tx.query_row("SELECT undone_at FROM imports WHERE id = ?1", [import_id], |r| r.get(0)).optional()?;
    match undone {
        None => return Err(CoreError::NotFound(format!("没有编号为 {import_id} 的导入记录"))),
        Some(Some(at)) => return Err(CoreError::Invalid(format!("第 {import_id} 次导入已于 {at} 撤销过"))),
        Some(None) => {}
    }
    let later: Option<i64> = tx
        .query_row(
            "SELECT min(c2.import_id) FROM import_changes c1
             JOIN import_changes c2 ON c2.enterprise_id = c1.enterprise_id AND c2.import_id > c1.import_id
             JOIN imports i ON i.id = c2.import_id AND i.undone_at IS NULL
             WHERE c1.import_id = ?1",
            [import_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    if let Some(later) = later {
        return Err(CoreError::Invalid(format!(
            "第 {later} 次导入之后又修改了这些企业，请先撤销第 {later} 次导入，再撤销第 {import_id} 次导入"
        )));
    }
    let changes: Vec<(i64, String, String, Option<String>)> = {
        let mut stmt = tx.prepare("SELECT enterprise_id, uscc, kind, before FROM import_changes WHERE import_id = ?1 ORDER BY enterprise_id")?;
        let rows = stmt.query_map([import_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let stamp = audit::Stamp::new(now.clone(), operator, format!("撤销导入#{import_id}"));
    let mut report = UndoReport { import_id, deleted: 0, restored: 0 };
    for (id, uscc, kind, before) in changes {
        if kind == "insert" {
            let n = tx.execute("DELETE FROM enterprises WHERE id = ?1", [id])?;
            report.deleted += n as u32;
            audit::record(&tx, &stamp, audit::Entry::row("undo", "enterprises", &uscc))?;
        } else if let Some(before) = before {
            let snap: Snapshot = serde_json::from_str(&before)?;
            snapshot::restore(&tx, &snap)?;
            report.restored += 1;
            audit::record(&tx, &stamp, audit::Entry::row("undo", "enterprises", &uscc))?;
        }
    }
    tx.execute("UPDATE imports SET undone_at = ?1 WHERE id = ?2", rusqlite::params![now, import_id])?;
    tx.commit()?;
    Ok(report)
}
