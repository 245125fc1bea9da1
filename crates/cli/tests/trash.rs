//! Delete = 回收站, through the real binary: `delete USCC` moves an enterprise with its figures,
//! 一企一策, problems (with progress and transitions) and stage history to the bin; `trash list`
//! shows it, `trash restore` brings every record back, `trash purge --yes` removes it for good and
//! the audit log keeps the full snapshot.
use pacesetter_core::ledger::{self, AssignInput, ServeInput};
use pacesetter_core::enterprise_plans::{self as plans, PlanBody};
use pacesetter_core::Store;
use pacesetter_testkit::{expected, sample, write_ledger, TempStore};
use serde_json::Value;

fn store() -> TempStore {
    TempStore::new(env!("CARGO_BIN_EXE_pacesetter"))
}

/// The 南和区 sample's first enterprise that has a 上市进展 (so it has stage history): (name, uscc).
fn staged_enterprise() -> (String, String) {
    let want = expected("county_nanhe_clean.xlsx");
    let e = want["enterprises"].as_array().unwrap().iter().find(|e| !e["listing_stage"].is_null()).unwrap();
    (e["name"].as_str().unwrap().to_string(), e["uscc"].as_str().unwrap().to_string())
}

/// Gives the enterprise a 一企一策 plan, and its problem a transition (交办) and a progress entry.
fn add_records(s: &TempStore, uscc: &str) {
    let mut store = Store::open(&s.db).unwrap();
    let id = plans::enterprise_id_by_uscc(&store, uscc).unwrap();
    let body = PlanBody { situation_note: "拟于2027年申报北交所".into(), ..Default::default() };
    let problem = plans::save_plan(&mut store, id, 2026, &body).unwrap().problems[0].id;
    ledger::assign_problem(&mut store, problem, &AssignInput { lead_unit: "市工信局".into(), ..Default::default() }).unwrap();
    let serve = ServeInput { unit: "市工信局".into(), content: "已对接三家银行".into(), ..Default::default() };
    ledger::serve_problem(&mut store, problem, &serve).unwrap();
}

fn problems_exported(s: &TempStore) -> String {
    let out = s.path("台账导出.xlsx");
    s.run(["export".as_ref(), "ledger".as_ref(), "--out".as_ref(), out.as_os_str()]).text().trim().to_string()
}

fn count(items: &Value, label: &str) -> i64 {
    items["counts"].as_array().unwrap().iter().find(|c| c["label"] == label).map_or(0, |c| c["count"].as_i64().unwrap())
}

#[test]
fn delete_moves_everything_to_the_bin_and_restore_brings_it_back_whole() {
    let s = store();
    s.json_of("import", &sample("county_nanhe_clean.xlsx"), &[]);
    let (name, uscc) = staged_enterprise();
    let ledger = s.path("台账.xlsx");
    write_ledger(&ledger, &[(name.clone(), uscc.clone())]);
    assert_eq!(s.json_of("import-ledger", &ledger, &[])["inserted"], 1);
    add_records(&s, &uscc);
    let before = s.full_listing();
    let plans_before = s.run(["list", "enterprises", "--json"]).ok();
    assert!(problems_exported(&s).contains("共 1 个问题"));

    let deleted = s.run(["delete", &uscc, "--json"]).ok();
    assert_eq!(deleted["uscc"], uscc.as_str());
    assert_eq!(s.run(["list", "enterprises", "--json"]).ok().as_array().unwrap().len(), 24);
    assert!(problems_exported(&s).contains("共 0 个问题"), "the problem went with its enterprise");
    let bin = s.run(["trash", "list", "--json"]).ok();
    assert_eq!(bin.as_array().unwrap().len(), 1, "{bin}");
    let item = &bin[0];
    assert_eq!((item["uscc"].as_str(), item["name"].as_str()), (Some(uscc.as_str()), Some(name.as_str())));
    for (label, n) in [("一企一策", 1), ("问题台账", 1), ("问题办理进展", 1), ("年度数据", 1)] {
        assert_eq!(count(item, label), n, "{label}: {item}");
    }
    assert!(count(item, "问题流转记录") >= 1 && count(item, "上市进展变动记录") >= 1, "{item}");
    let text = s.run(["trash", "list"]);
    assert!(text.text().contains("回收站中共 1 家企业") && text.text().contains("一企一策 1 条"), "{}", text.stdout);

    let restored = s.run(["trash", "restore", &uscc, "--json"]).ok();
    assert_eq!(restored["uscc"], uscc.as_str());
    assert_eq!(s.full_listing(), before, "every field and year back");
    assert_eq!(s.run(["list", "enterprises", "--json"]).ok(), plans_before);
    assert!(problems_exported(&s).contains("共 1 个问题"));
    let store = Store::open(&s.db).unwrap();
    let id = plans::enterprise_id_by_uscc(&store, &uscc).unwrap();
    let plan = plans::get_plan(&store, id, 2026).unwrap();
    assert_eq!(plan.body.situation_note, "拟于2027年申报北交所");
    let problem = plan.problems[0].id;
    let detail = ledger::problem_detail(&store, problem).unwrap();
    assert_eq!((detail.progress.len(), detail.problem.lead_unit.as_deref()), (1, Some("市工信局")));
    assert!(s.run(["trash", "list", "--json"]).ok().as_array().unwrap().is_empty());
}

#[test]
fn restore_is_refused_while_the_code_is_taken_and_purge_needs_yes_and_audits_all() {
    let s = store();
    s.json_of("import", &sample("county_nanhe_clean.xlsx"), &[]);
    let (name, uscc) = staged_enterprise();
    let ledger = s.path("台账.xlsx");
    write_ledger(&ledger, &[(name, uscc.clone())]);
    s.json_of("import-ledger", &ledger, &[]);
    s.run(["delete", &uscc]).text();
    assert_eq!(s.json_of("import", &sample("county_nanhe_clean.xlsx"), &[])["inserted"], 1, "imported again");
    let refused = s.run(["trash", "restore", &uscc]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("企业库中已有统一社会信用代码为") && refused.stderr.contains("不能恢复"), "{}", refused.stderr);
    assert_eq!(s.run(["trash", "list", "--json"]).ok().as_array().unwrap().len(), 1, "still in the bin");

    let unconfirmed = s.run(["trash", "purge", &uscc]);
    assert_eq!(unconfirmed.code, 2);
    assert!(unconfirmed.stderr.contains("--yes"), "{}", unconfirmed.stderr);
    assert_eq!(s.run(["trash", "list", "--json"]).ok().as_array().unwrap().len(), 1);
    let purged = s.run(["trash", "purge", &uscc, "--yes"]);
    assert!(purged.text().contains("已彻底删除"), "{}", purged.stdout);
    assert!(s.run(["trash", "list", "--json"]).ok().as_array().unwrap().is_empty());

    let conn = rusqlite::Connection::open(&s.db).unwrap();
    let snapshot: String = conn.query_row("SELECT old_value FROM audit_log WHERE action = 'purge' AND row_key = ?1", [&uscc], |r| r.get(0)).unwrap();
    let snapshot: Value = serde_json::from_str(&snapshot).unwrap();
    let tables = &snapshot["tables"];
    assert_eq!(tables["enterprises"][0]["uscc"], uscc.as_str());
    assert_eq!(tables["problems"].as_array().unwrap().len(), 1, "{snapshot}");
    assert_eq!(s.run(["trash", "restore", &uscc]).code, 2, "gone for good");
}

#[test]
fn deleting_an_unknown_code_says_so() {
    let s = store();
    let r = s.run(["delete", "91130500MA0CXXXX01"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("企业库中没有统一社会信用代码为"), "{}", r.stderr);
}
