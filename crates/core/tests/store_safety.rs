//! The store over time and under contention: a database made by schema version 1 (committed
//! fixture) opens, migrates with a backup first and keeps its data; a newer database is refused
//! untouched; two connections writing at once wait for each other (busy timeout) without damage,
//! and one that waits too long gets the Chinese "busy" message.
use pacesetter_core::store::{backup, check_store, schema_version, LATEST_VERSION};
use pacesetter_core::{CoreError, Store};
use std::path::{Path, PathBuf};
use std::time::Duration;

fn fixture() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema_v1.db"))
}

fn count(store: &Store, sql: &str) -> i64 {
    store.test_conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn a_version_one_database_is_migrated_after_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pacesetter.db");
    std::fs::copy(fixture(), &db).unwrap();
    let before = backup::check_file(&db, false).unwrap();
    assert!(before.ok && before.schema_version == 1, "{before:?}");

    let store = Store::open(&db).unwrap();
    assert_eq!(schema_version(store.test_conn()).unwrap(), LATEST_VERSION);
    let report = check_store(&store, false).unwrap();
    assert!(report.ok, "{:?}", report.problems);
    assert_eq!(count(&store, "SELECT count(*) FROM enterprises WHERE name = '邢台第一版测试有限公司'"), 1);
    assert_eq!(count(&store, "SELECT count(*) FROM enterprise_figures WHERE revenue_wan = 1234.5"), 1);
    assert_eq!(count(&store, "SELECT count(*) FROM tasks"), 21);
    assert_eq!(store.operator().unwrap(), "王五");

    let backups: Vec<String> = files_in(dir.path()).into_iter().filter(|n| n.ends_with(".bak")).collect();
    assert_eq!(backups.len(), 1, "{:?}", files_in(dir.path()));
    assert!(backups[0].starts_with("pacesetter.v1-"), "{backups:?}");
    let saved = backup::check_file(&dir.path().join(&backups[0]), false).unwrap();
    assert_eq!((saved.ok, saved.schema_version, saved.enterprises), (true, 1, 1));
}

#[test]
fn a_newer_database_file_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pacesetter.db");
    std::fs::copy(fixture(), &db).unwrap();
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", LATEST_VERSION + 1).unwrap();
    }
    let err = Store::open(&db).err().expect("a newer database must be refused");
    assert!(err.to_string().contains("高于本程序支持的版本"), "{err}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    let names: i64 = conn.query_row("SELECT count(*) FROM enterprises", [], |r| r.get(0)).unwrap();
    assert_eq!((version, names), (LATEST_VERSION + 1, 1), "the data must not change");
    assert_eq!(files_in(dir.path()).iter().filter(|n| n.ends_with(".bak")).count(), 0, "nothing migrated");
    let check = backup::check_file(&db, true).unwrap();
    assert!(!check.ok && check.problems[0].contains("请先升级本程序"), "{check:?}");
}

fn set(store: &Store, key: &str, value: &str) -> Result<(), CoreError> {
    store.set_setting(key, value)
}

#[test]
fn two_writers_wait_for_each_other_and_a_long_wait_says_busy_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pacesetter.db");
    let app = Store::open(&db).unwrap();
    let cli = Store::open(&db).unwrap();

    // The "CLI" writes 200 rows while the "app" holds a write transaction for 300 ms at a time.
    let writer = std::thread::spawn(move || {
        for i in 0..200 {
            set(&cli, &format!("cli_{i}"), "x").expect("the busy timeout waits for the other writer");
        }
        cli
    });
    for round in 0..5 {
        let tx = app.test_conn().unchecked_transaction().unwrap();
        tx.execute("INSERT INTO settings(key, value) VALUES (?1, 'y')", [format!("app_{round}")]).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        tx.commit().unwrap();
    }
    let cli = writer.join().unwrap();
    assert_eq!(count(&app, "SELECT count(*) FROM settings WHERE key LIKE 'cli_%' OR key LIKE 'app_%'"), 205);

    // A writer that cannot get the lock within its timeout gets the "busy" code and message.
    cli.test_conn().busy_timeout(Duration::from_millis(100)).unwrap();
    let tx = app.test_conn().unchecked_transaction().unwrap();
    tx.execute("INSERT INTO settings(key, value) VALUES ('held', '1')", []).unwrap();
    let err = set(&cli, "blocked", "1").unwrap_err();
    assert_eq!(err.code(), "busy");
    assert_eq!(err.payload().message, "数据库正被其他程序（另一窗口或命令行）占用，请稍后重试");
    tx.commit().unwrap();
    assert!(check_store(&app, false).unwrap().ok);
}
