//! The list pages and the 工作台 through the real binary: `list members` now and on a date,
//! `export list` read back by `import --dry-run` with 0 changes, `workbench` for a unit and a day.
use pacesetter_testkit::{sample, TempStore};
use serde_json::Value;

fn store_with_pool() -> TempStore {
    let s = TempStore::new(env!("CARGO_BIN_EXE_pacesetter"));
    s.json_of("import", &sample("county_nanhe_clean.xlsx"), &[]);
    let join = ["batch", "--qualification", "专精特新", "--stage", "已股改", "--set", "in_pool=是", "--date", "2026-11-20", "--reason", "县区推荐", "--json"];
    s.run(join).ok();
    s
}

fn names(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap().to_string()).collect()
}

#[test]
fn members_now_and_on_a_date_and_the_list_sheet_reads_back_unchanged() {
    let s = store_with_pool();
    let now = s.run(["list", "members", "--list", "上市培育库", "--json"]).ok();
    assert_eq!(names(&now).len(), 2);
    assert_eq!(now[0]["entered_on"], "2026-11-20");
    assert_eq!(now[0]["entered_reason"], "县区推荐");
    let before = s.run(["list", "members", "--list", "入库", "--on", "2026-11-19", "--json"]).ok();
    assert_eq!(names(&before).len(), 0);
    let text = s.run(["list", "members", "--list", "上市培育库"]).text().to_string();
    assert!(text.starts_with("上市培育库共 2 家企业"), "{text}");
    assert_eq!(names(&s.run(["list", "members", "--list", "领跑者", "--json"]).ok()).len(), 0);
    let bad = s.run(["list", "members", "--list", "宠物", "--json"]);
    assert_eq!(bad.code, 2);
    assert!(bad.json()["error"]["message"].as_str().unwrap().contains("上市培育库、领跑者"));
    assert_eq!(s.run(["list", "members", "--json"]).code, 2, "--list is required");

    let out = s.path("上市培育库.xlsx");
    let written = s.run(["export", "list", "--list", "上市培育库", "--out", out.to_str().unwrap()]);
    assert!(written.text().contains("上市培育库共 2 家企业"), "{}", written.text());
    let back = s.json_of("import", &out, &["--dry-run"]);
    assert_eq!((back["inserted"].as_i64(), back["updated"].as_i64(), back["unchanged"].as_i64()), (Some(0), Some(0), Some(2)), "{back}");
}

#[test]
fn workbench_for_a_unit_and_a_day() {
    let s = store_with_pool();
    let w = s.run(["workbench", "--unit", "南和区", "--today", "2025-12-10", "--json"]).ok();
    assert_eq!(w["scope"], "南和区");
    let section = |key: &str| w["sections"].as_array().unwrap().iter().find(|x| x["key"] == key).unwrap().clone();
    let overdue = section("overdue_measures");
    let late: Vec<&str> = overdue["items"].as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap()).collect();
    assert_eq!(late, ["1.1 锁定培育目标", "4.3 强化集群服务支撑"]);
    assert_eq!(section("overdue_measures")["items"][0]["opens"]["page"], "measure");
    assert_eq!(section("pool")["items"][0]["title"], "上市培育库 入库 2 / 30");
    assert_eq!(section("imports")["items"].as_array().unwrap().len(), 1);
    let text = s.run(["workbench", "--today", "2025-12-10"]).text().to_string();
    assert!(text.starts_with("工作台：市工信局（本机单位未选择"), "{text}");
    assert!(text.contains("【逾期的工作措施】2 项") && text.contains("→ 任务分工·措施#"), "{text}");
    let bad = s.run(["workbench", "--today", "明天", "--json"]);
    assert_eq!(bad.code, 2);
    assert!(bad.json()["error"]["message"].as_str().unwrap().contains("日期"));
}
