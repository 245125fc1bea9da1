//! The SQLite store every area reads and writes: where it lives, opening it (connection
//! settings, migrations, seeding), settings, list filters, backups and the integrity check.
pub mod backup;
mod check;
pub mod filter;
pub(crate) mod migrate;
mod schema;
pub(crate) mod seed;
pub mod settings;

use crate::error::{CoreError, Result};
use rusqlite::{Connection, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use check::{check_store, CheckReport};
pub use migrate::{schema_version, LATEST_VERSION};

/// The app identifier; the desktop shell's app-data folder is `<data dir>/<APP_ID>`.
pub const APP_ID: &str = "cn.gov.xingtai.pacesetter";
pub const DB_FILE_NAME: &str = "pacesetter.db";

/// The store file both the app and the CLI use: `PACESETTER_DB` if set, else the app-data folder.
pub fn default_db_path() -> PathBuf {
    if let Some(p) = std::env::var_os("PACESETTER_DB").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    let base = dirs::data_dir().unwrap_or_else(|| PathBuf::from("."));
    base.join(APP_ID).join(DB_FILE_NAME)
}

/// Paths at least this long (bytes) are given to SQLite in the `\\?\` form on Windows: the
/// limit is 260 characters including SQLite's `-journal`/`-wal` suffixes.
#[cfg(windows)]
const LONG_PATH: usize = 240;

/// The form of `path` to hand to SQLite. Windows refuses paths of 260 characters or more unless
/// they are written `\\?\C:\…`; Rust's file functions do that by themselves, SQLite does not.
pub(crate) fn sqlite_path(path: &Path) -> PathBuf {
    #[cfg(windows)]
    if path.as_os_str().len() >= LONG_PATH {
        if let Ok(abs) = std::path::absolute(path) {
            return PathBuf::from(verbatim(&abs.to_string_lossy()));
        }
    }
    path.to_path_buf()
}

/// The `\\?\` form of an absolute Windows path: `C:\a` → `\\?\C:\a`, `\\server\share\a` →
/// `\\?\UNC\server\share\a`; a path already in that form stays.
#[cfg_attr(not(windows), allow(dead_code))]
fn verbatim(abs: &str) -> String {
    if abs.starts_with(r"\\?\") || abs.starts_with(r"\\.\") {
        abs.to_string()
    } else if let Some(unc) = abs.strip_prefix(r"\\") {
        format!(r"\\?\UNC\{unc}")
    } else {
        format!(r"\\?\{abs}")
    }
}

/// How long a write waits for another program's write before giving up with the 占用 message.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// One open store. All reads and writes of the domain go through functions taking `&Store`.
pub struct Store {
    pub(crate) conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the store at `path`, migrates it (backing it up first when it
    /// already holds data) and seeds the plan's data on first use.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let conn = Connection::open(sqlite_path(path)).map_err(|e| {
            CoreError::Store(format!("无法打开数据库 {}：{e}", path.display()))
        })?;
        let mut store = Store { conn, path: Some(path.to_path_buf()) };
        store.configure()?;
        migrate::migrate(&mut store.conn, Some(path))?;
        seed::seed(&mut store.conn)?;
        Ok(store)
    }

    /// An in-memory store with the schema and seed data, for tests.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store { conn, path: None };
        store.configure()?;
        migrate::migrate(&mut store.conn, None)?;
        seed::seed(&mut store.conn)?;
        Ok(store)
    }

    /// The raw connection, for integration tests that look into the tables.
    #[cfg(feature = "test-support")]
    pub fn test_conn(&self) -> &Connection {
        &self.conn
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Every connection: a writer waits up to `BUSY_TIMEOUT` for another (the app and the CLI,
    /// or two CLI runs, on one store), and write transactions take the write lock when they
    /// begin: a deferred one that read first could not wait for it (SQLite then fails at once).
    fn configure(&mut self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        self.conn.set_transaction_behavior(TransactionBehavior::Immediate);
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        if self.path.is_some() {
            self.use_wal()?;
            self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        Ok(())
    }

    /// Switches the file to WAL. Programs creating the store at once each try to: SQLite then
    /// answers SQLITE_BUSY at once instead of waiting (to avoid a deadlock), so try again.
    fn use_wal(&self) -> Result<()> {
        let start = std::time::Instant::now();
        loop {
            match self.conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0)) {
                Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) && start.elapsed() < BUSY_TIMEOUT => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                r => return r.map(|_| ()).map_err(Into::into),
            }
        }
    }

    /// A setting stored in the `settings` table, or `None`.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        settings::get(&self.conn, key)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        settings::set(&self.conn, key, value)
    }

    /// The operator name recorded in the audit log (设置 → 操作人), default 「本机用户」.
    pub fn operator(&self) -> Result<String> {
        Ok(self.setting("operator")?.filter(|s| !s.trim().is_empty()).unwrap_or_else(|| "本机用户".into()))
    }
}

/// Now, as the ISO-8601 local time text stored in every timestamp column.
pub fn now_text() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_twice_keeps_data_and_seeds_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.db");
        let s = Store::open(&path).unwrap();
        let n: i64 = s.conn.query_row("SELECT count(*) FROM tasks", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 21);
        drop(s);
        let s = Store::open(&path).unwrap();
        let n: i64 = s.conn.query_row("SELECT count(*) FROM tasks", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 21);
        assert_eq!(schema_version(&s.conn).unwrap(), LATEST_VERSION);
    }

    /// Writers opened at once on a new store (migrating it) each read and then write in one
    /// transaction: all of them succeed, one after the other.
    #[test]
    fn writers_at_once_wait_for_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("并发.db");
        let start = std::sync::Arc::new(std::sync::Barrier::new(4));
        let writers: Vec<_> = (0..4)
            .map(|i| {
                let (path, start) = (path.clone(), start.clone());
                std::thread::spawn(move || -> Result<()> {
                    start.wait();
                    let mut s = Store::open(&path)?;
                    let tx = s.conn.transaction()?;
                    let n: i64 = tx.query_row("SELECT count(*) FROM settings", [], |r| r.get(0))?;
                    std::thread::sleep(Duration::from_millis(50));
                    tx.execute("INSERT INTO settings(key, value) VALUES (?1, ?2)", rusqlite::params![format!("w{i}"), n])?;
                    Ok(tx.commit()?)
                })
            })
            .collect();
        for w in writers {
            w.join().unwrap().unwrap();
        }
        let s = Store::open(&path).unwrap();
        let n: i64 = s.conn.query_row("SELECT count(*) FROM settings WHERE key LIKE 'w%'", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 4);
        assert_eq!(schema_version(&s.conn).unwrap(), LATEST_VERSION);
    }

    #[test]
    fn long_windows_paths_are_written_in_verbatim_form() {
        assert_eq!(verbatim(r"C:\Users\张三\pacesetter.db"), r"\\?\C:\Users\张三\pacesetter.db");
        assert_eq!(verbatim(r"\\server\share\数据\p.db"), r"\\?\UNC\server\share\数据\p.db");
        assert_eq!(verbatim(r"\\?\D:\p.db"), r"\\?\D:\p.db");
        let short = Path::new("short.db");
        assert_eq!(sqlite_path(short), short);
    }
}
