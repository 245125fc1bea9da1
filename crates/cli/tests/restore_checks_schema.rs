//! Restore refuses a backup whose schema objects differ from what the migrations create (an added
//! trigger or view, a dropped index), through the real binary; the current store is untouched.
use pacesetter_testkit::{sample, TempStore};

#[test]
fn a_backup_with_a_foreign_trigger_view_or_missing_index_is_refused() {
    let s = TempStore::new(env!("CARGO_BIN_EXE_pacesetter"));
    s.json_of("import", &sample("county_nanhe_clean.xlsx"), &[]);
    let cases = [
        ("CREATE TRIGGER wipe AFTER INSERT ON audit_log BEGIN DELETE FROM enterprises; END;", "触发器 wipe"),
        ("CREATE VIEW everyone AS SELECT name FROM enterprises;", "视图 everyone"),
        ("DROP INDEX enterprises_name;", "缺少索引 enterprises_name"),
    ];
    for (i, (sql, said)) in cases.iter().enumerate() {
        let file = s.path(&format!("备份{i}.db"));
        s.run(["backup".as_ref(), "--out".as_ref(), file.as_os_str()]).text();
        rusqlite::Connection::open(&file).unwrap().execute_batch(sql).unwrap();
        let r = s.run(["restore".as_ref(), file.as_os_str()]);
        assert_eq!(r.code, 2, "{sql}: {}", r.stdout);
        assert!(r.stderr.contains("数据库结构被改动") && r.stderr.contains(said), "{sql}: {}", r.stderr);
    }
    let clean = s.path("完好.db");
    s.run(["backup".as_ref(), "--out".as_ref(), clean.as_os_str()]).text();
    s.run(["restore".as_ref(), clean.as_os_str()]).text();
    assert_eq!(s.run(["list", "enterprises", "--json"]).ok().as_array().unwrap().len(), 25);
}
