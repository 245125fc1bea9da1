//! Import history: every recorded county-sheet import, newest first (undo is in `undo/`).
use super::ImportRecord;
use crate::error::Result;
use crate::store::Store;

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
