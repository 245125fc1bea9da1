//! 数据交换: data packages carried on a USB stick between the city bureau and the counties.
//! A county reports up (its enterprises with everything below them, its task progress and manual
//! indicator values); the city sends down (the current work plan, the county's allocation and the
//! county's enterprises as the city holds them). Imports merge by natural keys with a preview,
//! conflicts the receiver decides, and undo. The file format is described in docs/exchange.md.
mod export;
mod import;
pub mod kinds;
pub mod merge;
pub mod package;
mod undo;
mod unit;

#[cfg(test)]
mod tests;

pub use export::{export_package, ExportReport};
pub use import::{import_package, preview_package, Conflict, ExchangeReport, FieldChange, ImportChoices, KindCount, RecordChange};
pub use package::Manifest;
pub use undo::{undo_package, undo_package_preview, UndoLine, UndoPackageReport};
pub use unit::{set_unit, unit, units, CITY};

use crate::error::Result;
use crate::store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One package this installation exported or imported (数据交换 → 记录).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct PackageRecord {
    pub id: i64,
    /// sent / received
    pub direction: String,
    /// up / down
    pub kind: String,
    pub sender: String,
    pub receiver: String,
    pub sha256: String,
    pub created_at: String,
    pub follows: Option<String>,
    pub file_name: String,
    /// Per record type: how many were carried (sent) or what the import did (received).
    pub counts: Vec<KindCount>,
    pub operator: String,
    pub at: String,
    pub undone_at: Option<String>,
}

/// Every package sent or received here, newest first.
pub fn list_packages(store: &Store) -> Result<Vec<PackageRecord>> {
    let mut stmt = store.conn.prepare(
        "SELECT id, direction, kind, sender, receiver, sha256, created_at, follows, file_name, counts, operator, at, undone_at
         FROM exchange_packages ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        let counts: String = r.get(9)?;
        Ok(PackageRecord {
            id: r.get(0)?,
            direction: r.get(1)?,
            kind: r.get(2)?,
            sender: r.get(3)?,
            receiver: r.get(4)?,
            sha256: r.get(5)?,
            created_at: r.get(6)?,
            follows: r.get(7)?,
            file_name: r.get(8)?,
            counts: serde_json::from_str(&counts).unwrap_or_default(),
            operator: r.get(10)?,
            at: r.get(11)?,
            undone_at: r.get(12)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What people call a package: 清河县 → 市工信局 上报数据包.
pub fn describe(kind: &str, sender: &str, receiver: &str) -> String {
    let what = if kind == "up" { "上报数据包" } else { "下发数据包" };
    format!("{sender} → {receiver} {what}")
}
