//! Undo never destroys later work, through the real binary: problems entered after an import
//! keep their enterprises, a hand edit survives, `--dry-run` shows beforehand what will be
//! reverted, removed and kept, and the undo can itself be undone (`redo`).
use pacesetter_testkit::{expected, sample, write_ledger, write_sheet, TempStore};
use serde_json::Value;
use std::path::Path;

fn store() -> TempStore {
    TempStore::new(env!("CARGO_BIN_EXE_pacesetter"))
}

/// The first `n` enterprises of the 南和区 sample: (name, uscc).
fn nanhe(n: usize) -> Vec<(String, String)> {
    let want = expected("county_nanhe_clean.xlsx");
    want["enterprises"].as_array().unwrap()[..n]
        .iter()
        .map(|e| (e["name"].as_str().unwrap().to_string(), e["uscc"].as_str().unwrap().to_string()))
        .collect()
}

fn usccs(listed: &Value) -> Vec<String> {
    let mut v: Vec<String> = listed.as_array().unwrap().iter().map(|e| e["uscc"].as_str().unwrap().to_string()).collect();
    v.sort();
    v
}

#[test]
fn undo_after_a_ledger_import_keeps_the_problems_and_their_enterprises() {
    let s = store();
    let report = s.json_of("import", &sample("county_nanhe_clean.xlsx"), &[]);
    assert_eq!(report["inserted"], 25);
    let three = nanhe(3);
    let ledger = s.path("台账.xlsx");
    write_ledger(&ledger, &three);
    assert_eq!(s.json_of("import-ledger", &ledger, &[])["inserted"], 3);

    let plan = s.run(["undo", "1", "--dry-run", "--json"]).ok();
    assert_eq!((plan["dry_run"].as_bool(), plan["deleted"].as_u64(), plan["kept"].as_u64()), (Some(true), Some(22), Some(3)), "{plan}");
    let kept: Vec<&Value> = plan["items"].as_array().unwrap().iter().filter(|i| i["action"] == "keep").collect();
    for (_, uscc) in &three {
        let item = kept.iter().find(|i| i["uscc"] == uscc.as_str()).unwrap_or_else(|| panic!("{uscc} kept: {plan}"));
        assert!(item["reason"].as_str().unwrap().contains("问题台账 1 条"), "{item}");
    }
    assert_eq!(s.run(["list", "enterprises", "--json"]).ok().as_array().unwrap().len(), 25, "a dry run writes nothing");
    let text = s.run(["undo", "1", "--dry-run"]);
    assert!(text.text().contains("保留") && text.text().contains("问题台账"), "{}", text.stdout);

    let done = s.run(["undo", "1", "--json"]).ok();
    assert_eq!((done["dry_run"].as_bool(), done["deleted"].as_u64(), done["kept"].as_u64()), (Some(false), Some(22), Some(3)));
    let listed = s.run(["list", "enterprises", "--json"]).ok();
    let mut want: Vec<String> = three.iter().map(|(_, u)| u.clone()).collect();
    want.sort();
    assert_eq!(usccs(&listed), want);
    let out = s.path("台账导出.xlsx");
    let export = s.run(["export".as_ref(), "ledger".as_ref(), "--out".as_ref(), out.as_os_str()]);
    assert!(export.text().contains("共 3 个问题"), "{}", export.stdout);

    // The undo can be undone: the 22 enterprises come back with everything they had.
    let redo = s.run(["redo", "1", "--json"]).ok();
    assert_eq!((redo["reinserted"].as_u64(), redo["kept"].as_u64()), (Some(22), Some(0)), "{redo}");
    assert_eq!(s.run(["list", "enterprises", "--json"]).ok().as_array().unwrap().len(), 25);
    assert!(s.run(["imports", "--json"]).ok()[0]["undone_at"].is_null());
    assert_eq!(s.run(["undo", "1", "--json"]).ok()["deleted"], 22, "and undone again");
}

/// A county sheet that changes one enterprise of the sample: its revenue and its stage.
fn write_update(path: &Path, uscc: &str, name: &str) {
    let header = ["企业名称", "统一社会信用代码", "2024年营业收入（万元）", "上市进展", "联系电话"];
    let row = [name, uscc, "99999", "审核问询", "0319-1234567"];
    write_sheet(path, &[header.map(String::from).to_vec(), row.map(String::from).to_vec()]);
}

#[test]
fn undo_reverts_only_fields_that_still_hold_the_imported_value() {
    let s = store();
    s.json_of("import", &sample("county_nanhe_clean.xlsx"), &[]);
    let (name, uscc) = nanhe(1).remove(0);
    let before = s.full_listing();
    let file = s.path("更新.xlsx");
    write_update(&file, &uscc, &name);
    assert_eq!(s.json_of("import", &file, &["--county", "南和区"])["updated"], 1);
    // A later import changes the phone again: that later value must survive undoing import 2.
    let later = s.path("更正.xlsx");
    let rows = [["企业名称", "统一社会信用代码", "联系电话"], [name.as_str(), uscc.as_str(), "0319-7654321"]];
    write_sheet(&later, &rows.map(|r| r.map(String::from).to_vec()));
    assert_eq!(s.json_of("import", &later, &["--county", "南和区"])["updated"], 1);

    let plan = s.run(["undo", "2", "--dry-run", "--json"]).ok();
    let item = &plan["items"][0];
    assert_eq!(item["action"], "revert", "{plan}");
    let field = |key: &str| item["fields"].as_array().unwrap().iter().find(|f| f["field"] == key).unwrap_or_else(|| panic!("{key}: {item}")).clone();
    assert_eq!(field("phone")["revert"], false);
    assert!(field("phone")["reason"].as_str().unwrap().contains("0319-7654321"), "{item}");
    assert_eq!((field("listing_stage")["revert"].as_bool(), field("listing_stage")["before"].as_str()), (Some(true), Some("辅导备案")));
    assert_eq!(field("revenue_wan")["year"], 2024);

    s.run(["undo", "2", "--json"]).ok();
    let after = s.full_listing();
    let find = |v: &Value| v.as_array().unwrap().iter().find(|e| e["uscc"] == uscc.as_str()).unwrap().clone();
    let (b, a) = (find(&before), find(&after));
    assert_eq!(a["phone"], "0319-7654321", "the later import's value stays");
    assert_eq!(a["listing_stage"], b["listing_stage"]);
    assert_eq!(a["figures"], b["figures"], "the 2024 figures the import added are gone");
}
