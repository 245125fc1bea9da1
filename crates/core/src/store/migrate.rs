//! Schema migrations: numbered `.sql` files embedded in the binary, tracked by SQLite's
//! `user_version`, each applied in one transaction; a backup of the file is written first.
use crate::error::{CoreError, Result};
use rusqlite::Connection;
use std::path::Path;

/// The migrations in order; the schema version (`user_version`) is the number of those applied,
/// and each file is named by the version it brings the store to.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("migrations/0001_init.sql")),
    ("0002_task_progress", include_str!("migrations/0002_task_progress.sql")),
    ("0003_plans_ledger", include_str!("migrations/0003_plans_ledger.sql")),
    ("0004_targets", include_str!("migrations/0004_targets.sql")),
    ("0005_data_safety", include_str!("migrations/0005_data_safety.sql")),
    ("0006_ledger_free_words", include_str!("migrations/0006_ledger_free_words.sql")),
    ("0007_nothing_lost", include_str!("migrations/0007_nothing_lost.sql")),
    ("0008_work_plans", include_str!("migrations/0008_work_plans.sql")),
    ("0009_trash", include_str!("migrations/0009_trash.sql")),
    ("0010_county_targets", include_str!("migrations/0010_county_targets.sql")),
    ("0011_county_entry_dates", include_str!("migrations/0011_county_entry_dates.sql")),
    ("0012_list_memberships", include_str!("migrations/0012_list_memberships.sql")),
    ("0013_batch_edits", include_str!("migrations/0013_batch_edits.sql")),
    ("0014_exchange", include_str!("migrations/0014_exchange.sql")),
    ("0015_qualifications", include_str!("migrations/0015_qualifications.sql")),
    ("0016_clusters", include_str!("migrations/0016_clusters.sql")),
    ("0017_import_row_hashes", include_str!("migrations/0017_import_row_hashes.sql")),
];

pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Runs the first `version` migrations on a fresh connection (the schema a store of that version has).
pub(crate) fn apply_up_to(conn: &Connection, version: i64) -> Result<()> {
    for (name, sql) in MIGRATIONS.iter().take(version.max(0) as usize) {
        conn.execute_batch(sql).map_err(|e| CoreError::Store(format!("数据库升级（{name}）失败：{e}")))?;
    }
    Ok(())
}

pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

pub(crate) fn migrate(conn: &mut Connection, path: Option<&Path>) -> Result<()> {
    let current = schema_version(conn)?;
    if current > LATEST_VERSION {
        return Err(CoreError::Store(format!(
            "数据库版本（{current}）高于本程序支持的版本（{LATEST_VERSION}），请升级领跑者企业培育管理系统后再打开"
        )));
    }
    if current == LATEST_VERSION {
        return Ok(());
    }
    if current > 0 {
        if let Some(path) = path {
            backup_before_migration(conn, path, current)?;
        }
    }
    for (i, (name, sql)) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        // Another program opening the store at the same time may have applied it meanwhile.
        if schema_version(&tx)? > i as i64 {
            continue;
        }
        tx.execute_batch(sql)
            .map_err(|e| CoreError::Store(format!("数据库升级（{name}）失败：{e}")))?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

/// Applies the first `version` migrations to an empty connection, as an older release would have
/// left the store (for tests of later migrations).
#[cfg(test)]
pub(crate) fn migrate_to(conn: &Connection, version: usize) {
    for (i, (_, sql)) in MIGRATIONS.iter().take(version).enumerate() {
        conn.execute_batch(sql).unwrap();
        conn.pragma_update(None, "user_version", (i + 1) as i64).unwrap();
    }
}

/// Writes `<db>.v<N>-<time>.bak` next to the store with SQLite's online backup.
fn backup_before_migration(conn: &Connection, path: &Path, version: i64) -> Result<()> {
    let stamp = chrono::Local::now().format("%Y%m%d%H%M%S");
    let target = path.with_extension(format!("v{version}-{stamp}.bak"));
    conn.backup(rusqlite::MAIN_DB, super::sqlite_path(&target), rusqlite::backup::NO_PROGRESS)
        .map_err(|e| CoreError::Store(format!("升级前备份数据库失败（{}）：{e}", target.display())))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migration_names_match_their_versions() {
        for (i, (name, _)) in MIGRATIONS.iter().enumerate() {
            assert!(name.starts_with(&format!("{:04}_", i + 1)), "{name} should be version {}", i + 1);
        }
    }

    /// A store left at every earlier version (as an older release wrote it, with an enterprise in
    /// it) opens: it is backed up, migrated to the latest version, and keeps its data.
    #[test]
    fn a_store_of_every_earlier_version_opens() {
        for version in 1..LATEST_VERSION {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("old.db");
            {
                let conn = Connection::open(&path).unwrap();
                for (i, (_, sql)) in MIGRATIONS.iter().take(version as usize).enumerate() {
                    conn.execute_batch(sql).unwrap();
                    conn.pragma_update(None, "user_version", (i + 1) as i64).unwrap();
                }
                conn.execute("INSERT INTO enterprises(uscc, name, created_at, updated_at) VALUES ('91130500MA0CXXXX01', '旧版企业', '2026-01-01T00:00:00', '2026-01-01T00:00:00')", []).unwrap();
            }
            let store = crate::Store::open(&path).unwrap();
            assert_eq!(schema_version(&store.conn).unwrap(), LATEST_VERSION, "from version {version}");
            let name: String = store.conn.query_row("SELECT name FROM enterprises", [], |r| r.get(0)).unwrap();
            assert_eq!(name, "旧版企业");
            assert!(crate::store::check_store(&store, false).unwrap().ok, "check after migrating from {version}");
            let backups = std::fs::read_dir(dir.path()).unwrap().filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().contains(&format!(".v{version}-"))).count();
            assert_eq!(backups, 1, "a backup before migrating from version {version}");
        }
    }

    #[test]
    fn newer_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", LATEST_VERSION + 1).unwrap();
        let err = migrate(&mut conn, None).unwrap_err();
        assert!(err.to_string().contains("高于本程序支持的版本"));
    }
}
