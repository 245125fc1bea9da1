//! Crash safety: `pacesetter import` of a 20,000-row county sheet is killed with SIGKILL at
//! pseudo-random moments; after every kill the store must pass integrity_check and hold either
//! all of that import or none of it. PACESETTER_KILLS / PACESETTER_KILL_ROWS change the counts.
#![cfg(unix)]
use pacesetter_testkit::{uscc_for, XorShift64};
use rusqlite::Connection;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn write_sheet(path: &Path, rows: usize) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let header = ["序号", "企业名称", "统一社会信用代码", "县（市、区）", "营业收入（万元）", "研发费用（万元）", "高新技术企业"];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..rows {
        let r = i as u32 + 1;
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        ws.write_string(r, 1, format!("邢台测试{i}科技有限公司")).unwrap();
        ws.write_string(r, 2, uscc_for(i)).unwrap();
        ws.write_string(r, 3, ["清河县", "威县", "任县", "桥东区", "宁晋县"][i % 5]).unwrap();
        ws.write_number(r, 4, 1000.0 + i as f64 * 1.25).unwrap();
        ws.write_number(r, 5, 30.0 + (i % 97) as f64).unwrap();
        ws.write_string(r, 6, if i % 3 == 0 { "是" } else { "否" }).unwrap();
    }
    wb.save(path).unwrap();
}

/// (enterprises, yearly figures, import records, audit rows of imports) after integrity_check.
fn state(db: &Path) -> (i64, i64, i64, i64) {
    let conn = Connection::open(db).unwrap();
    let lines: Vec<String> =
        conn.prepare("PRAGMA integrity_check").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert_eq!(lines, ["ok"], "integrity_check failed");
    let count = |sql: &str| -> i64 {
        // A store killed before its first migration finished has no tables yet: that is "none".
        conn.query_row(sql, [], |r| r.get(0)).unwrap_or(0)
    };
    (
        count("SELECT count(*) FROM enterprises"),
        count("SELECT count(*) FROM enterprise_figures"),
        count("SELECT count(*) FROM imports"),
        count("SELECT count(*) FROM audit_log WHERE action = 'import'"),
    )
}

fn import(db: &Path, sheet: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_pacesetter"))
        .arg("--db")
        .arg(db)
        .arg("import")
        .arg(sheet)
        .arg("--year")
        .arg("2025")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn remove_store(db: &Path) {
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
}

#[test]
fn killed_imports_leave_all_or_nothing() {
    let rows = env_number("PACESETTER_KILL_ROWS", 20_000);
    let kills = env_number("PACESETTER_KILLS", 20);
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("全市企业名单.xlsx");
    write_sheet(&sheet, rows);
    let db = dir.path().join("pacesetter.db");

    // Two uninterrupted runs: each must import everything, and the faster (warm) one gives the
    // time span to kill in (the first, cold run can take twice as long).
    let mut full = std::time::Duration::MAX;
    let mut all = (0, 0, 0, 0);
    for _ in 0..2 {
        let t0 = Instant::now();
        let status = import(&db, &sheet).wait().unwrap();
        full = full.min(t0.elapsed());
        assert!(status.success());
        all = state(&db);
        assert_eq!((all.0, all.2, all.3), (rows as i64, 1, 1));
        remove_store(&db);
    }

    let mut rng = XorShift64::new(0x9E37_79B9_7F4A_7C15);
    let (mut none, mut complete, mut killed, mut mid_write) = (0, 0, 0, 0);
    for k in 0..kills {
        // Every other kill anywhere in the run, the rest in its second half where the import's
        // transaction writes; a little past the end so some runs finish.
        let u = rng.below(1000) as f64 / 1000.0;
        let at = full.mul_f64(if k % 2 == 0 { 0.02 + u } else { 0.5 + 0.55 * u });
        let mut child = import(&db, &sheet);
        std::thread::sleep(at);
        let finished = child.try_wait().unwrap().is_some();
        if finished {
            // The machine got faster than the warm run: kill sooner from now on.
            full = full.mul_f64(0.85);
        } else {
            // More than a few pages in the write-ahead log: the import's transaction was writing.
            let wal = std::fs::metadata(format!("{}-wal", db.display())).map(|m| m.len()).unwrap_or(0);
            child.kill().unwrap(); // SIGKILL
            killed += 1;
            mid_write += usize::from(wal > 1 << 20);
        }
        child.wait().unwrap();
        let s = state(&db);
        if s.0 == 0 {
            assert_eq!(s, (0, 0, 0, 0), "kill {k} at {at:?}: partial import {s:?}");
            none += 1;
        } else {
            assert_eq!((s.0, s.2, s.3), (rows as i64, 1, 1), "kill {k} at {at:?}: partial import {s:?}");
            assert_eq!(s.1, all.1, "kill {k}: yearly figures of a complete import");
            complete += 1;
            remove_store(&db);
        }
    }
    eprintln!(
        "crash safety: {rows} rows, full import {full:?}, {kills} runs ({killed} killed by SIGKILL, {mid_write} of them while writing): {none} none, {complete} complete; {:?} in all",
        started.elapsed()
    );
    assert!(killed * 2 >= kills, "too few runs were killed ({killed} of {kills})");
}
