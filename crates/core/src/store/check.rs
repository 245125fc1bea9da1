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

/// Runs the checks a clerk can act on (`quick` = `PRAGMA quick_check`, for start-up).
pub fn check_store(store: &Store, quick: bool) -> Result<CheckReport> {
    let mut problems = super::backup::integrity_problems(&store.conn, quick)?;
    let version = migrate::schema_version(&store.conn)?;
    if version != migrate::LATEST_VERSION {
        problems.push(format!("数据库版本为 {version}，本程序需要版本 {}", migrate::LATEST_VERSION));
    }
    let app_id: i64 = store.conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if app_id != super::backup::APPLICATION_ID {
        problems.push("数据库文件缺少本系统的标识（可能是其他软件的文件或升级未完成）".into());
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

    #[test]
    fn a_broken_reference_is_explained() {
        let s = Store::open_in_memory().unwrap();
        s.conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
        s.conn.execute("INSERT INTO enterprise_figures(enterprise_id, year) VALUES (999, 2025)", []).unwrap();
        let r = check_store(&s, true).unwrap();
        assert!(!r.ok);
        assert_eq!(r.problems, ["表 enterprise_figures 第 1 条记录引用了不存在的数据"]);
    }
}
