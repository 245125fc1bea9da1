//! `pacesetter check`: SQLite integrity, foreign keys and schema version, explained in Chinese.
use super::{migrate, Store};
use crate::error::Result;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CheckReport {
    pub ok: bool,
    pub schema_version: i64,
    pub latest_version: i64,
    /// Problems found, each a sentence a clerk can pass on to IT.
    pub problems: Vec<String>,
}

/// Runs the full checks (`quick` = `PRAGMA quick_check`, for start-up).
pub fn check_store(store: &Store, quick: bool) -> Result<CheckReport> {
    let mut problems = Vec::new();
    let pragma = if quick { "PRAGMA quick_check" } else { "PRAGMA integrity_check" };
    let mut stmt = store.conn.prepare(pragma)?;
    let lines: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    if lines != ["ok"] {
        problems.extend(lines.into_iter().take(20).map(|l| format!("数据库文件损坏：{l}")));
    }
    let mut stmt = store.conn.prepare("PRAGMA foreign_key_check")?;
    let broken: Vec<(String, i64)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    for (table, rowid) in broken.into_iter().take(20) {
        problems.push(format!("表 {table} 第 {rowid} 条记录引用了不存在的数据"));
    }
    let version = migrate::schema_version(&store.conn)?;
    if version != migrate::LATEST_VERSION {
        problems.push(format!("数据库版本为 {version}，本程序需要版本 {}", migrate::LATEST_VERSION));
    }
    Ok(CheckReport { ok: problems.is_empty(), schema_version: version, latest_version: migrate::LATEST_VERSION, problems })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_store_passes() {
        let s = Store::open_in_memory().unwrap();
        let r = check_store(&s, false).unwrap();
        assert!(r.ok, "{:?}", r.problems);
    }
}
