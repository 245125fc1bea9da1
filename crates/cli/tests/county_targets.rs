//! County targets and the 考核 through the real binary: a 任务分解 sheet imported, exported and
//! imported back unchanged; a bad cell named exactly and nothing written; `assess --json` on a
//! small store whose scores are worked out by hand (the keys are the contract).
use pacesetter_testkit::{write_sheet, TempStore};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn store() -> TempStore {
    let s = TempStore::new(env!("CARGO_BIN_EXE_pacesetter"));
    // The 2022 plan ended in 2025: reopen it for the allocation.
    s.run(["plan", "unlock", "1"]).text();
    s
}

/// A county's filled-in sheet: 小巨人 4 and 1, 股改 as given for 清河县 and 南和区.
fn write_allocation(path: &Path, reform_qinghe: &str, reform_nanhe: &str) {
    let rows = [
        vec!["2025年度目标任务分解表", "", ""],
        vec!["县（市、区）", "专精特新“小巨人”企业数（家）", "完成股份制改造企业"],
        vec!["全市目标", "50", "5"],
        vec!["清河县", "4", reform_qinghe],
        vec!["南和区", "1", reform_nanhe],
    ];
    write_sheet(path, &rows.map(|r| r.into_iter().map(String::from).collect()));
}

fn stored(s: &TempStore) -> Vec<(String, String, f64)> {
    let conn = rusqlite::Connection::open(&s.db).unwrap();
    let mut stmt = conn.prepare("SELECT county, indicator, target FROM county_targets ORDER BY county, indicator").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().collect::<rusqlite::Result<_>>().unwrap()
}

fn allocate(s: &TempStore, file: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["targets", "allocate", "--plan", "1", "--year", "2025", "--file", file.to_str().unwrap(), "--json"];
    args.extend(extra);
    s.run(args).ok()
}

#[test]
fn an_exported_allocation_imports_back_with_no_change() {
    let s = store();
    let filled = s.path("县区分解.xlsx");
    write_allocation(&filled, "2", "1");
    let preview = allocate(&s, &filled, &["--dry-run"]);
    assert_eq!((preview["summary"]["inserted"].as_u64(), preview["summary"]["dry_run"].as_bool()), (Some(4), Some(true)));
    assert!(stored(&s).is_empty(), "a dry run writes nothing");
    let first = allocate(&s, &filled, &[]);
    assert_eq!(first["summary"]["changed"], 4);
    assert_eq!(first["issues"], serde_json::json!([]));
    let out = s.path("任务分解.xlsx");
    assert!(s.run(["export", "allocation", "--year", "2025", "--out", out.to_str().unwrap()]).text().contains("已导出"));
    let back = allocate(&s, &out, &[]);
    assert_eq!((back["summary"]["changed"].as_u64(), back["summary"]["unchanged"].as_u64()), (Some(0), Some(4)));
    assert_eq!(back["sheet"], "任务分解");

    // Read as any spreadsheet program would: the sums and checks are there as values.
    use calamine::{open_workbook_auto, Data, Reader};
    let mut book = open_workbook_auto(&out).unwrap();
    let range = book.worksheet_range("任务分解").unwrap();
    let text = |r: u32, c: u32| range.get_value((r, c)).map(|v: &Data| v.to_string()).unwrap_or_default();
    let lg = (0..range.width() as u32).find(|&c| text(2, c).starts_with("专精特新“小巨人”")).unwrap();
    let last = range.height() as u32 - 1;
    // 4 (清河县) + 1 (南和区) = 5 of the 2025 milestone 50.
    assert_eq!((text(3, lg), text(last - 1, 0), text(last - 1, lg), text(last, lg)), ("50".into(), "各县合计".into(), "5".into(), "不足".into()));

    let text = s.run(["targets", "allocate", "--year", "2025", "--file", out.to_str().unwrap()]).text().to_string();
    assert!(text.contains("导入完成") && text.contains("未变 4 个"), "{text}");
}

#[test]
fn a_bad_cell_is_named_exactly_and_nothing_is_written() {
    let s = store();
    let good = s.path("good.xlsx");
    write_allocation(&good, "2", "1");
    allocate(&s, &good, &[]);
    let before = stored(&s);
    let bad = s.path("bad.xlsx");
    write_allocation(&bad, "2", "abc");
    let run = s.run(["targets", "allocate", "--year", "2025", "--file", bad.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("错误：bad.xlsx 工作表「Sheet1」第 5 行 C 列：“abc”不是不小于 0 的数字"), "{}", run.stderr);
    assert!(run.stderr.contains("未写入任何数据"), "{}", run.stderr);
    let json = s.run(["targets", "allocate", "--year", "2025", "--file", bad.to_str().unwrap(), "--json"]);
    assert_eq!(json.code, 1);
    let report = json.json();
    assert_eq!(report["summary"], Value::Null);
    let issue = &report["issues"][0];
    assert_eq!((issue["row"].as_u64(), issue["column"].as_str(), issue["value"].as_str()), (Some(5), Some("C"), Some("abc")));
    assert_eq!(issue["message"], "第 5 行 C 列：“abc”不是不小于 0 的数字");
    assert_eq!(stored(&s), before, "the good cells of a bad file are not written either");
}

#[test]
fn assess_json_gives_scores_ranks_and_parts_as_worked_out_by_hand() {
    let s = store();
    // 小巨人 2025: 清河县 甲 (2024) and 乙 (2025) of 4 allocated; 南和区 丙 (2025) of 1.
    let filled = s.path("分解.xlsx");
    write_allocation(&filled, "", "");
    let conn = rusqlite::Connection::open(&s.db).unwrap();
    conn.execute_batch(
        "INSERT INTO enterprises(id, uscc, name, county, little_giant, little_giant_year, created_at, updated_at) VALUES
           (1, 'U1', '清河甲', '清河县', 1, 2024, 't', 't'), (2, 'U2', '清河乙', '清河县', 1, 2025, 't', 't'),
           (3, 'U3', '南和丙', '南和区', 1, 2025, 't', 't');
         INSERT INTO task_progress(task_id, unit, period, status, text, date, operator, created_at, updated_at)
           SELECT id, '南和区', '2025Q4', '已完成', '', '2025-12-20', 'x', 't', 't' FROM tasks WHERE plan_id = 1 AND seq IN (1, 3);
         INSERT INTO problems(plan_id, enterprise_id, source, category, description, received_on, state, deadline, created_at, updated_at) VALUES
           (1, 1, '入企服务', '融资', '已销号', '2025-03-01', '销号', NULL, 't', 't'),
           (1, 2, '入企服务', '用地', '逾期', '2025-03-01', '交办', '2025-06-30', 't', 't');",
    )
    .unwrap();
    drop(conn);
    allocate(&s, &filled, &[]);
    let scores = s.run(["assess", "--plan", "1", "--year", "2025", "--json"]).ok();
    let list = scores.as_array().unwrap();
    assert_eq!(list.len(), 20);
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<BTreeSet<_>>();
    assert_eq!(keys(&list[0]), BTreeSet::from(["county", "score", "rank", "parts"].map(String::from)));
    assert_eq!(keys(&list[0]["parts"][0]), BTreeSet::from(["item", "weight", "value", "points"].map(String::from)));
    let of = |county: &str| list.iter().find(|s| s["county"] == county).unwrap().clone();
    let parts = |s: &Value| s["parts"].as_array().unwrap().iter().map(|p| (p["item"].as_str().unwrap().to_string(), p["value"].as_f64().unwrap(), p["points"].as_f64().unwrap())).collect::<Vec<_>>();
    let p = |item: &str, value: f64, points: f64| (item.to_string(), value, points);
    // 南和区, as of 2025-12-31: 小巨人 1 of 1 → 60; 2 of the 21 measures reported for 2025 →
    //   15 × 2/21 = 1.43 (9.5 %); of the 15 measures due (all but the 6 长期坚持) 2 done →
    //   10 × 2/15 = 1.33 (13.3 %); no problem → 10 and 5. 60 + 1.43 + 1.33 + 10 + 5 = 77.76.
    let nanhe = of("南和区");
    assert_eq!(parts(&nanhe), vec![p("indicators", 100.0, 60.0), p("progress_reported", 9.5, 1.43), p("progress_on_time", 13.3, 1.33), p("ledger_closure", 100.0, 10.0), p("ledger_overdue", 0.0, 5.0)]);
    assert_eq!((nanhe["score"].as_f64(), nanhe["rank"].as_u64()), (Some(77.76), Some(1)));
    // 清河县: 小巨人 2 of 4 → 30; nothing reported → 0, 0; 1 of 2 problems closed → 5; one
    //   overdue → 5 − 1 = 4. 30 + 5 + 4 = 39, last.
    let qinghe = of("清河县");
    assert_eq!(parts(&qinghe), vec![p("indicators", 50.0, 30.0), p("progress_reported", 0.0, 0.0), p("progress_on_time", 0.0, 0.0), p("ledger_closure", 50.0, 5.0), p("ledger_overdue", 1.0, 4.0)]);
    assert_eq!((qinghe["score"].as_f64(), qinghe["rank"].as_u64()), (Some(39.0), Some(20)));
    // The other 18: no target → 60, no report → 0 + 0, no problem → 10 + 5 = 75, sharing rank 2
    // in the official county order.
    assert_eq!((list[1]["county"].as_str(), list[1]["score"].as_f64(), list[1]["rank"].as_u64()), (Some("襄都区"), Some(75.0), Some(2)));
    assert!(list[1..19].iter().all(|s| s["rank"] == 2 && s["score"] == 75.0));
    assert_eq!(list[19]["county"], "清河县");
    assert_eq!(list[0]["parts"][0]["weight"], 60.0);

    let table = s.run(["assess", "--year", "2025"]).text().to_string();
    assert!(table.contains("排名\t县（市、区）\t指标完成（60分）") && table.contains("1\t南和区\t60\t1.43\t1.33\t10\t5\t77.76"), "{table}");
    let sheet = s.path("考核.xlsx");
    s.run(["export", "assessment", "--year", "2025", "--out", sheet.to_str().unwrap()]).text();
    use calamine::{open_workbook_auto, Reader};
    let mut book = open_workbook_auto(&sheet).unwrap();
    let range = book.worksheet_range("考核评分表").unwrap();
    assert_eq!(range.get_value((4, 1)).map(|v| v.to_string()), Some("南和区".into()));
}

/// The 完成值 cell of indicator `name` in the exported 主要目标完成情况 sheet.
fn done_cell(path: &Path, name: &str) -> calamine::Data {
    use calamine::{open_workbook_auto, Reader};
    let mut book = open_workbook_auto(path).unwrap();
    let range = book.worksheet_range("主要目标完成情况").unwrap();
    let row = range.rows().find(|r| r.get(1).is_some_and(|c| c.to_string() == name)).unwrap_or_else(|| panic!("没有“{name}”一行"));
    row[5].clone()
}

#[test]
fn reform_dates_count_in_the_year_they_happened_whatever_day_they_are_imported() {
    let s = TempStore::new(env!("CARGO_BIN_EXE_pacesetter"));
    // Four finished 股改 in 2025-06, one in 2024 (year only), one past 股改 with no date.
    let mut rows = vec![["企业名称", "统一社会信用代码", "所属县区", "上市进度", "完成股改时间"].map(String::from).to_vec()];
    for (i, date) in ["2025-06", "2025-06", "2025-06-18", "2025年6月", "2024", ""].iter().enumerate() {
        rows.push([format!("股改企业{i}"), pacesetter_testkit::uscc_for(i + 1), "南和区".into(), "已股改".into(), date.to_string()].to_vec());
    }
    let file = s.path("南和区股改.xlsx");
    write_sheet(&file, &rows);
    s.json_of("import", &file, &[]);
    let out = s.path("目标.xlsx");
    for (year, want) in [(2025, 4.0), (2024, 1.0), (2026, 0.0)] {
        s.run(["export", "targets", "--year", &year.to_string(), "--out", out.to_str().unwrap()]).text();
        assert_eq!(done_cell(&out, "完成股份制改造企业"), calamine::Data::Float(want), "{year}年");
    }
    // The county's own view says the same, with the city's figure alongside in 说明.
    s.run(["export", "targets", "--year", "2025", "--county", "南和区", "--out", out.to_str().unwrap()]).text();
    assert_eq!(done_cell(&out, "完成股份制改造企业"), calamine::Data::Float(4.0));
}
