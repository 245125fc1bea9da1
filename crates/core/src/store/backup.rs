//! Backups and restore of the store: SQLite's online backup API (never a file copy of a live WAL
//! database), a check that a file is a Pacesetter store, a daily automatic backup keeping the last
//! N files, and a restore that validates the file and keeps the current store as a backup first.
use super::{migrate, now_text, sqlite_path, Store};
use crate::audit;
use crate::error::{CoreError, Result};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// `PRAGMA application_id` of every Pacesetter store (ASCII "PCST"), set by migration 0007.
pub const APPLICATION_ID: i64 = 0x5043_5354;
/// Folder (beside the store) holding the automatic backups and the ones made before a restore.
pub const BACKUP_DIR: &str = "backups";
/// Setting: how many automatic backups to keep.
pub const KEEP_SETTING: &str = "backup_keep";
pub const DEFAULT_KEEP: i64 = 7;
const AUTO_PREFIX: &str = "auto-";
const BEFORE_RESTORE_PREFIX: &str = "before-restore-";

/// Tables every Pacesetter store has had since schema version 1 (the marker for files made
/// before the application id existed).
const MARKER_TABLES: &[&str] = &["enterprises", "tasks", "imports", "audit_log", "settings", "counties"];

/// What a check of a store file found.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FileCheck {
    pub ok: bool,
    #[ts(type = "number")]
    pub schema_version: i64,
    #[ts(type = "number")]
    pub enterprises: i64,
    /// Problems found, each a Chinese sentence.
    pub problems: Vec<String>,
}

/// One backup file in `<data dir>/backups`.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BackupFile {
    pub name: String,
    pub path: String,
    #[ts(type = "number")]
    pub size: i64,
    /// ISO local time of the file's last change.
    pub modified: String,
    /// 自动 / 恢复前
    pub kind: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RestoreReport {
    /// Where the store as it was before the restore was kept.
    pub previous_saved_to: String,
    #[ts(type = "number")]
    pub enterprises: i64,
    #[ts(type = "number")]
    pub schema_version: i64,
}

/// The settings the 设置 page edits.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct SafetySettings {
    pub operator: String,
    #[ts(type = "number")]
    pub backup_keep: i64,
}

/// What the app found when it started: the quick check, and the day's automatic backup.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StartupReport {
    pub ok: bool,
    /// Problems of the quick check, each a Chinese sentence.
    pub problems: Vec<String>,
    /// The automatic backup written at this start (the first of the day), if any.
    pub backup: Option<String>,
    /// Why the automatic backup could not be written, if it failed.
    pub backup_error: Option<String>,
}

/// Run when the app starts: `PRAGMA quick_check` and friends, then (only for a sound store) the
/// automatic backup of the day.
pub fn startup(store: &Store) -> StartupReport {
    let problems = match super::check_store(store, true) {
        Ok(r) => r.problems,
        Err(e) => vec![format!("无法检查数据库：{e}")],
    };
    let ok = problems.is_empty();
    let (backup, backup_error) = if ok {
        match daily_backup(store) {
            Ok(p) => (p.map(|p| p.display().to_string()), None),
            Err(e) => (None, Some(e.to_string())),
        }
    } else {
        (None, None)
    };
    StartupReport { ok, problems, backup, backup_error }
}

/// Writes a consistent copy of the live store to `out` (through a temporary file in the same
/// folder, checked, then renamed, so `out` is never half-written).
pub fn backup_to(store: &Store, out: &Path) -> Result<FileCheck> {
    if store.path().is_some_and(|p| same_file(p, out)) {
        return Err(CoreError::Invalid("备份文件不能是数据库本身，请另选位置".into()));
    }
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| CoreError::Store(format!("无法创建备份文件夹 {}：{e}", dir.display())))?;
    }
    let tmp = out.with_extension("part");
    let _ = std::fs::remove_file(&tmp);
    let written = store
        .conn
        .backup(rusqlite::MAIN_DB, sqlite_path(&tmp), rusqlite::backup::NO_PROGRESS)
        .map_err(|e| CoreError::Store(format!("备份失败（{}）：{}", out.display(), busy_or(&e))));
    // A plain rollback-journal file: no -wal/-shm companions to lose when it is copied around.
    let plain = written.and_then(|_| {
        let c = Connection::open(sqlite_path(&tmp))?;
        let _: String = c.query_row("PRAGMA journal_mode=DELETE", [], |r| r.get(0))?;
        Ok(())
    });
    let check = plain.and_then(|_| check_file(&tmp, true));
    match check {
        Ok(c) if c.ok => {
            std::fs::rename(&tmp, out)
                .map_err(|e| CoreError::Store(format!("无法写入备份文件 {}：{e}", out.display())))?;
            Ok(c)
        }
        Ok(c) => {
            let _ = std::fs::remove_file(&tmp);
            Err(CoreError::Store(format!("备份文件未通过检查：{}", c.problems.join("；"))))
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Checks, without changing it, that `path` is a readable Pacesetter store: SQLite header,
/// application id (or the tables of schema version 1), a schema version this program knows, the
/// schema objects its migrations create and no others, integrity (`quick` = quick_check) and
/// foreign keys.
pub fn check_file(path: &Path, quick: bool) -> Result<FileCheck> {
    let name = path.display();
    if !path.is_file() {
        return Err(CoreError::NotFound(format!("文件 {name} 不存在")));
    }
    let mut header = [0u8; 16];
    let n = std::fs::File::open(path).and_then(|mut f| std::io::Read::read(&mut f, &mut header))?;
    if n < 16 || &header != b"SQLite format 3\0" {
        return Err(CoreError::Invalid(format!("{name} 不是数据库文件（不是 SQLite 格式），不能用于恢复")));
    }
    let conn = Connection::open_with_flags(sqlite_path(path), OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| CoreError::Store(format!("无法打开 {name}：{e}")))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let mut problems = Vec::new();
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(|e| unreadable(path, &e))?;
    let version = migrate::schema_version(&conn).map_err(|_| CoreError::Store(format!("{name} 已损坏，无法读取")))?;
    if app_id != APPLICATION_ID {
        let has_marker = MARKER_TABLES.iter().all(|t| {
            conn.query_row("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", [t], |_| Ok(()))
                .optional()
                .ok()
                .flatten()
                .is_some()
        });
        if app_id != 0 || !has_marker || version < 1 {
            return Err(CoreError::Invalid(format!(
                "{name} 不是领跑者企业培育管理系统的数据库（可能是其他软件的文件），不能用于恢复"
            )));
        }
    }
    if version > migrate::LATEST_VERSION {
        problems.push(format!(
            "数据库版本（{version}）高于本程序支持的版本（{}），请先升级本程序",
            migrate::LATEST_VERSION
        ));
    }
    problems.extend(integrity_problems(&conn, quick)?);
    if version <= migrate::LATEST_VERSION {
        match super::schema::differences(&conn, version) {
            Ok(d) => problems.extend(d.into_iter().map(|d| format!("数据库结构被改动：{d}"))),
            Err(e) => problems.push(format!("数据库文件损坏，无法读取其结构（{e}）")),
        }
    }
    let enterprises = conn.query_row("SELECT count(*) FROM enterprises", [], |r| r.get(0)).unwrap_or(0);
    Ok(FileCheck { ok: problems.is_empty(), schema_version: version, enterprises, problems })
}

/// integrity_check (or quick_check) and foreign_key_check, as Chinese sentences.
pub(crate) fn integrity_problems(conn: &Connection, quick: bool) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let pragma = if quick { "PRAGMA quick_check" } else { "PRAGMA integrity_check" };
    let lines: Vec<String> = match conn.prepare(pragma).and_then(|mut s| {
        s.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()
    }) {
        Ok(l) => l,
        Err(e) => return Ok(vec![format!("数据库文件损坏，无法完成检查（{e}）")]),
    };
    if lines != ["ok"] {
        problems.extend(lines.into_iter().take(20).map(|l| format!("数据库文件损坏：{l}")));
    }
    let broken: Vec<(String, i64)> = match conn.prepare("PRAGMA foreign_key_check").and_then(|mut s| {
        s.query_map([], |r| Ok((r.get(0)?, r.get::<_, Option<i64>>(1)?.unwrap_or(0))))?
            .collect::<rusqlite::Result<Vec<_>>>()
    }) {
        Ok(b) => b,
        Err(e) => return Ok([problems, vec![format!("无法检查数据之间的引用（{e}）")]].concat()),
    };
    for (table, rowid) in broken.into_iter().take(20) {
        problems.push(format!("表 {table} 第 {rowid} 条记录引用了不存在的数据"));
    }
    Ok(problems)
}

fn unreadable(path: &Path, e: &rusqlite::Error) -> CoreError {
    CoreError::Invalid(format!("{} 已损坏或不是数据库文件（{e}），不能用于恢复", path.display()))
}

fn busy_or(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            "数据库正被其他程序占用，请稍后重试".into()
        }
        _ => e.to_string(),
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// `<folder of the store>/backups`, or `None` for an in-memory store.
pub fn backup_dir(store: &Store) -> Option<PathBuf> {
    store.path().map(|p| p.parent().unwrap_or(Path::new(".")).join(BACKUP_DIR))
}

/// Replaces the store's content with the backup at `file`: checks it fully first (nothing is
/// touched if it fails), saves the current store in the backup folder, copies the file in with
/// the online backup API, upgrades it if it is older, and records the restore in the audit log.
pub fn restore_from(store: &mut Store, file: &Path) -> Result<RestoreReport> {
    if store.path().is_some_and(|p| same_file(p, file)) {
        return Err(CoreError::Invalid("所选文件就是正在使用的数据库，无需恢复".into()));
    }
    let check = check_file(file, false)?;
    if !check.ok {
        return Err(CoreError::Invalid(format!(
            "{} 未通过检查，未做任何更改：{}",
            file.display(),
            check.problems.join("；")
        )));
    }
    let dir = backup_dir(store).ok_or_else(|| CoreError::Invalid("内存数据库不能恢复".into()))?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let saved = dir.join(format!("{BEFORE_RESTORE_PREFIX}{stamp}.db"));
    backup_to(store, &saved)?;
    store
        .conn
        .restore(rusqlite::MAIN_DB, sqlite_path(file), rusqlite::backup::NO_PROGRESS)
        .map_err(|e| CoreError::Store(format!("恢复失败（{}），原数据已备份在 {}", busy_or(&e), saved.display())))?;
    let path = store.path().map(Path::to_path_buf);
    migrate::migrate(&mut store.conn, path.as_deref())?;
    super::seed::seed(&mut store.conn)?;
    let operator = store.operator()?;
    let stamp = audit::Stamp::new(now_text(), operator, "恢复");
    let (old, new) = (saved.display().to_string(), file.display().to_string());
    audit::record(&store.conn, &stamp, audit::Entry::row("restore", "store", "*").values(Some(&old), Some(&new)))?;
    let enterprises = store.conn.query_row("SELECT count(*) FROM enterprises", [], |r| r.get(0))?;
    Ok(RestoreReport {
        previous_saved_to: saved.display().to_string(),
        enterprises,
        schema_version: migrate::schema_version(&store.conn)?,
    })
}

/// The automatic backup of the day: made on the first start of each day (when no backup of
/// today exists yet), then all but the newest N automatic backups are deleted.
/// Returns the file written, or `None` when today's backup already exists.
pub fn daily_backup(store: &Store) -> Result<Option<PathBuf>> {
    let Some(dir) = backup_dir(store) else { return Ok(None) };
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let target = dir.join(format!("{AUTO_PREFIX}{today}.db"));
    if target.exists() {
        return Ok(None);
    }
    backup_to(store, &target)?;
    let keep = settings(store)?.backup_keep.max(1) as usize;
    let mut autos: Vec<BackupFile> = list_backups(store)?.into_iter().filter(|b| b.kind == "自动").collect();
    autos.sort_by(|a, b| b.name.cmp(&a.name));
    for old in autos.iter().skip(keep) {
        let _ = std::fs::remove_file(&old.path);
    }
    Ok(Some(target))
}

/// The backups in the backup folder, newest first.
pub fn list_backups(store: &Store) -> Result<Vec<BackupFile>> {
    let Some(dir) = backup_dir(store) else { return Ok(Vec::new()) };
    let Ok(entries) = std::fs::read_dir(&dir) else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = if name.starts_with(AUTO_PREFIX) {
            "自动"
        } else if name.starts_with(BEFORE_RESTORE_PREFIX) {
            "恢复前"
        } else {
            continue;
        };
        if !name.ends_with(".db") {
            continue;
        }
        let meta = entry.metadata()?;
        let modified = meta
            .modified()
            .map(|t| chrono::DateTime::<chrono::Local>::from(t).format("%Y-%m-%dT%H:%M:%S").to_string())
            .unwrap_or_default();
        out.push(BackupFile {
            name,
            path: entry.path().display().to_string(),
            size: meta.len() as i64,
            modified,
            kind: kind.into(),
        });
    }
    out.sort_by(|a, b| b.modified.cmp(&a.modified).then(b.name.cmp(&a.name)));
    Ok(out)
}

pub fn settings(store: &Store) -> Result<SafetySettings> {
    let keep = store.setting(KEEP_SETTING)?.and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_KEEP);
    Ok(SafetySettings { operator: store.operator()?, backup_keep: keep })
}

/// Saves the 设置 page (operator name, backups kept) in one audited transaction.
pub fn save_settings(store: &mut Store, new: &SafetySettings) -> Result<SafetySettings> {
    let operator = new.operator.trim();
    if operator.is_empty() || operator.chars().count() > 40 {
        return Err(CoreError::Invalid("操作人姓名不能为空，且不超过 40 个字".into()));
    }
    if !(1..=365).contains(&new.backup_keep) {
        return Err(CoreError::Invalid("自动备份保留份数应在 1 到 365 之间".into()));
    }
    let old = settings(store)?;
    let at = now_text();
    let tx = store.conn.transaction()?;
    let changes = [
        ("operator", old.operator.clone(), operator.to_string()),
        (KEEP_SETTING, old.backup_keep.to_string(), new.backup_keep.to_string()),
    ];
    for (key, before, after) in changes.iter().filter(|(_, b, a)| b != a) {
        tx.execute(
            "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            rusqlite::params![key, after],
        )?;
        let stamp = audit::Stamp::new(at.clone(), operator, "设置");
        audit::record(&tx, &stamp, audit::Entry::row("update", "settings", key).field(key, Some(before), Some(after)))?;
    }
    tx.commit()?;
    settings(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_in(dir: &Path) -> Store {
        Store::open(&dir.join("pacesetter.db")).unwrap()
    }

    fn add_enterprise(s: &Store, uscc: &str) {
        s.conn
            .execute(
                "INSERT INTO enterprises(uscc, name, created_at, updated_at) VALUES (?1, '测试企业', 'x', 'x')",
                [uscc],
            )
            .unwrap();
    }

    #[test]
    fn backup_is_a_checked_pacesetter_store_and_restore_brings_it_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store_in(dir.path());
        add_enterprise(&s, "A1");
        let out = dir.path().join("out").join("备份.db");
        let c = backup_to(&s, &out).unwrap();
        assert!(c.ok && c.enterprises == 1);
        let left: Vec<String> =
            std::fs::read_dir(out.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert_eq!(left, ["备份.db"], "one plain file, no -wal/-shm or temporary files");
        add_enterprise(&s, "A2");
        let r = restore_from(&mut s, &out).unwrap();
        assert_eq!(r.enterprises, 1);
        assert!(Path::new(&r.previous_saved_to).exists());
        let saved = check_file(Path::new(&r.previous_saved_to), false).unwrap();
        assert_eq!(saved.enterprises, 2);
        let audited: i64 = s
            .conn
            .query_row("SELECT count(*) FROM audit_log WHERE action = 'restore'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(audited, 1);
        assert_eq!(list_backups(&s).unwrap().iter().filter(|b| b.kind == "恢复前").count(), 1);
    }

    #[test]
    fn restore_refuses_other_files_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store_in(dir.path());
        add_enterprise(&s, "A1");
        let text = dir.path().join("notes.db");
        std::fs::write(&text, "这不是数据库").unwrap();
        assert!(restore_from(&mut s, &text).unwrap_err().to_string().contains("不是数据库文件"));
        let other = dir.path().join("other.db");
        Connection::open(&other).unwrap().execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);").unwrap();
        assert!(restore_from(&mut s, &other).unwrap_err().to_string().contains("不是领跑者"));
        let n: i64 = s.conn.query_row("SELECT count(*) FROM enterprises", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 1);
        assert!(list_backups(&s).unwrap().is_empty(), "nothing saved when the file is refused");
    }

    #[test]
    fn a_damaged_backup_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store_in(dir.path());
        for i in 0..400 {
            add_enterprise(&s, &format!("U{i:05}"));
        }
        let out = dir.path().join("b.db");
        backup_to(&s, &out).unwrap();
        let mut bytes = std::fs::read(&out).unwrap();
        let len = bytes.len();
        for b in &mut bytes[4096 * 3..len - 4096] {
            *b ^= 0x5A;
        }
        std::fs::write(&out, bytes).unwrap();
        let e = restore_from(&mut s, &out).unwrap_err().to_string();
        assert!(e.contains("损坏") || e.contains("未通过检查"), "{e}");
        let n: i64 = s.conn.query_row("SELECT count(*) FROM enterprises", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 400);
    }

    #[test]
    fn daily_backup_once_a_day_keeping_the_newest_n() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store_in(dir.path());
        save_settings(&mut s, &SafetySettings { operator: "张三".into(), backup_keep: 3 }).unwrap();
        let bdir = backup_dir(&s).unwrap();
        std::fs::create_dir_all(&bdir).unwrap();
        for d in 1..=5 {
            backup_to(&s, &bdir.join(format!("auto-2020-01-0{d}.db"))).unwrap();
        }
        assert!(daily_backup(&s).unwrap().is_some());
        assert!(daily_backup(&s).unwrap().is_none(), "only the first start of the day");
        let mut names: Vec<String> = list_backups(&s).unwrap().into_iter().map(|b| b.name).collect();
        names.sort();
        let today = chrono::Local::now().format("%Y-%m-%d").to_string();
        assert_eq!(names, ["auto-2020-01-04.db".to_string(), "auto-2020-01-05.db".into(), format!("auto-{today}.db")]);
    }

    #[test]
    fn startup_checks_then_makes_the_days_backup() {
        let dir = tempfile::tempdir().unwrap();
        let s = store_in(dir.path());
        let r = startup(&s);
        assert!(r.ok && r.backup.is_some() && r.backup_error.is_none(), "{r:?}");
        s.conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
        s.conn.execute("INSERT INTO enterprise_figures(enterprise_id, year) VALUES (42, 2025)", []).unwrap();
        let r = startup(&s);
        assert!(!r.ok && r.backup.is_none());
        assert!(r.problems[0].contains("引用了不存在的数据"), "{:?}", r.problems);
    }

    #[test]
    fn settings_are_validated_and_audited() {
        let mut s = Store::open_in_memory().unwrap();
        assert_eq!(settings(&s).unwrap(), SafetySettings { operator: "本机用户".into(), backup_keep: 7 });
        assert!(save_settings(&mut s, &SafetySettings { operator: " ".into(), backup_keep: 7 }).is_err());
        assert!(save_settings(&mut s, &SafetySettings { operator: "李四".into(), backup_keep: 0 }).is_err());
        let saved = save_settings(&mut s, &SafetySettings { operator: "李四".into(), backup_keep: 10 }).unwrap();
        assert_eq!(saved.operator, "李四");
        let rows: Vec<(String, String)> = s
            .conn
            .prepare("SELECT operator, new_value FROM audit_log WHERE table_name = 'settings' ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(rows, [("李四".to_string(), "李四".to_string()), ("李四".into(), "10".into())]);
    }
}
