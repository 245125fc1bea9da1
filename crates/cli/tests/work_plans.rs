//! Work plans through the real binary: the 2022 plan as plan 1 with its report, a second plan
//! with 5 actions imported beside it from its own task and indicator sheets, copies, the current
//! plan, and `--plan` on the commands that take it. The `plan list --json` keys are the contract.
use pacesetter_testkit::{sample, TempStore};
use rust_xlsxwriter::Workbook;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

const PLAN_KEYS: &[&str] = &["current", "doc_no", "editable", "end_year", "id", "indicators", "issued_on", "issuer", "measures", "start_year", "status", "status_label", "title", "unlocked"];

fn store() -> TempStore {
    TempStore::new(env!("CARGO_BIN_EXE_pacesetter"))
}

/// A neighbour's plan (five actions, two measures each) as its task sheet: action section rows,
/// split lead and co-operating units.
fn write_handan_tasks(path: &Path) {
    let actions = ["梯度培育行动", "创新提升行动", "数字赋能行动", "市场拓展行动", "要素保障行动"];
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "邯郸市“领跑者”企业培育行动方案任务分工").unwrap();
    for (c, h) in ["序号", "工作措施", "牵头单位", "配合单位", "完成时限"].iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let mut r = 2;
    for (a, action) in actions.iter().enumerate() {
        ws.write_string(r, 0, format!("{}、{action}", ["一", "二", "三", "四", "五"][a])).unwrap();
        r += 1;
        for m in 1..=2 {
            let text = format!("{action}第{m}项措施。每年培育{}家企业，推动企业提质增效。", 10 * (a + 1) + m);
            let row = [m.to_string(), text, "市工业和信息化局".into(), "市科技局、市财政局".into(), if m == 1 { "每年".into() } else { "2027年底".to_string() }];
            for (c, v) in row.iter().enumerate() {
                ws.write_string(r, c as u16, v).unwrap();
            }
            r += 1;
        }
    }
    wb.save(path).unwrap();
}

/// Its indicator sheet in the app's template columns.
fn write_handan_indicators(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["序号", "指标", "单位", "类型", "口径", "每年目标", "2025年目标", "2027年目标", "说明"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let rows: [[&str; 9]; 3] = [
        ["1", "专精特新“小巨人”企业数", "家", "企业库计算", "累计或比率", "", "40", "60", ""],
        ["2", "新培育“专精特新”中小企业", "家", "企业库计算", "每年新增", "80", "", "", ""],
        ["3", "省级单项冠军企业", "家", "人工填报", "累计或比率", "", "", "5", "邯郸方案"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if let Ok(n) = v.parse::<f64>() {
                ws.write_number(r as u32 + 1, c as u16, n).unwrap();
            } else {
                ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

fn docx_text(path: &Path) -> String {
    let doc = docx_rs::read_docx(&std::fs::read(path).unwrap()).unwrap();
    serde_json::to_string(&doc.document).unwrap()
}

#[test]
fn the_2022_plan_is_plan_1_and_its_whole_period_report_names_both_milestones() {
    let s = store();
    let plans = s.run(["plan", "list", "--json"]).ok();
    assert_eq!(plans.as_array().unwrap().len(), 1);
    let p = &plans[0];
    assert_eq!(keys(p), PLAN_KEYS.iter().map(|k| k.to_string()).collect());
    assert_eq!((p["id"].as_i64(), p["start_year"].as_i64(), p["end_year"].as_i64(), p["current"].as_bool()), (Some(1), Some(2022), Some(2025), Some(true)));
    assert_eq!((p["measures"].as_i64(), p["status"].as_str()), (Some(21), Some("ended")));
    s.run(["import", sample("county_nanhe_clean.xlsx").to_str().unwrap()]).text();
    let out = s.path("总结评估.docx");
    s.run(["report", "--whole", "--out", out.to_str().unwrap()]).text();
    let text = docx_text(&out);
    for want in ["总结评估报告", "2023年目标", "2025年目标", "专精特新“小巨人”企业数", "“专精特新”中小企业数", "“领跑者”企业研发投入占比", "二、重点任务落实情况", "三、分县区情况", "四、问题台账办理情况", "南和区"] {
        assert!(text.contains(want), "{want} in the report");
    }
    for target in ["\"30\"", "\"50\"", "\"320\"", "\"440\"", "\"3\"", "\"3.5\""] {
        assert!(text.contains(target), "target {target} in a table cell");
    }
    let xlsx = s.path("2025.xlsx");
    s.run(["report", "--year", "2025", "--out", xlsx.to_str().unwrap()]).text();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let range = calamine::Reader::worksheet_range(&mut book, "主要目标完成情况").unwrap();
    let row = range.rows().find(|r| r[0].to_string() == "专精特新“小巨人”企业数").unwrap();
    assert_eq!(row[4], calamine::Data::Float(50.0), "the 2025 target as a number");
    let bad = s.run(["report", "--year", "2019", "--out", xlsx.to_str().unwrap()]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("不在"), "{}", bad.stderr);
}

#[test]
fn a_second_plan_lives_beside_the_first() {
    let s = store();
    let (tasks, indicators) = (s.path("邯郸任务分工.xlsx"), s.path("邯郸指标.xlsx"));
    write_handan_tasks(&tasks);
    write_handan_indicators(&indicators);
    let before = s.run(["list", "tasks", "--json"]).ok();
    let r = s
        .run(["plan", "import", tasks.to_str().unwrap(), "--indicators", indicators.to_str().unwrap(), "--title", "邯郸市“领跑者”企业培育行动方案", "--period", "2023-2027", "--json"])
        .ok();
    assert_eq!((r["actions"].as_i64(), r["measures"].as_i64(), r["indicators"].as_i64()), (Some(5), Some(10), Some(3)));
    let id = r["plan"]["id"].as_i64().unwrap();
    assert_eq!(id, 2);
    let second = s.run(["list", "tasks", "--plan", "2", "--json"]).ok();
    let second = second.as_array().unwrap();
    assert_eq!(second.len(), 10);
    assert_eq!(second[0]["units"], serde_json::json!(["市工业和信息化局", "市科技局", "市财政局"]));
    assert_eq!(second[0]["action"].as_str(), Some("梯度培育行动"));
    assert_eq!(second[0]["quantities"][0]["amount"].as_f64(), Some(11.0));
    assert_eq!(s.run(["list", "tasks", "--json"]).ok(), before, "plan 1 unchanged");
    // The first plan's measures re-imported: its own, not the second plan's.
    let again = s.run(["import-tasks", sample("task_assignment.xlsx").to_str().unwrap(), "--plan", "1", "--json"]).ok();
    assert_eq!(again["inserted"].as_i64(), Some(0));
    s.run(["plan", "use", "2"]).text();
    assert_eq!(s.run(["list", "tasks", "--json"]).ok().as_array().unwrap().len(), 10, "the current plan is the default");
    let targets = s.path("邯郸目标.xlsx");
    s.run(["export", "targets", "--out", targets.to_str().unwrap()]).text();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&targets).unwrap();
    let range = calamine::Reader::worksheet_range(&mut book, "主要目标完成情况").unwrap();
    assert_eq!(range.get((0, 0)).unwrap().to_string(), "邯郸市“领跑者”企业培育主要目标完成情况");
    let names: Vec<String> = range.rows().skip(3).take(3).map(|r| r[1].to_string()).collect();
    assert_eq!(names, vec!["专精特新“小巨人”企业数", "新培育“专精特新”中小企业", "省级单项冠军企业"]);
    let table = s.path("邯郸分工表.xlsx");
    s.run(["export", "tasks", "--plan", "2", "--out", table.to_str().unwrap()]).text();
    let back = s.run(["import-tasks", table.to_str().unwrap(), "--plan", "2", "--dry-run", "--json"]).ok();
    assert_eq!((back["inserted"].as_i64(), back["updated"].as_i64(), back["unchanged"].as_i64()), (Some(0), Some(0), Some(10)), "{back}");
    let plans = s.run(["plan", "list", "--json"]).ok();
    let current: Vec<i64> = plans.as_array().unwrap().iter().filter(|p| p["current"] == true).map(|p| p["id"].as_i64().unwrap()).collect();
    assert_eq!(current, vec![2]);
}

#[test]
fn copy_template_and_bad_input() {
    let s = store();
    let copy = s.run(["plan", "copy", "1", "--period", "2026-2028", "--json"]).ok();
    assert_eq!((copy["id"].as_i64(), copy["measures"].as_i64(), copy["status"].as_str()), (Some(2), Some(21), Some("active")));
    let tasks = s.run(["list", "tasks", "--plan", "2", "--json"]).ok();
    assert_eq!(tasks[0]["deadline"].as_str(), Some("2027年底"));
    let template = s.path("指标表.xlsx");
    s.run(["export", "plan-template", "--plan", "2", "--out", template.to_str().unwrap()]).text();
    let tasks_file = s.path("任务.xlsx");
    s.run(["export", "tasks", "--plan", "2", "--out", tasks_file.to_str().unwrap()]).text();
    let imported = s
        .run(["plan", "import", tasks_file.to_str().unwrap(), "--indicators", template.to_str().unwrap(), "--title", "再导入", "--period", "2026-2028", "--json"])
        .ok();
    assert_eq!((imported["measures"].as_i64(), imported["indicators"].as_i64()), (Some(21), copy["indicators"].as_i64()), "the template reads back whole");
    assert!(imported["warnings"].as_array().unwrap().iter().all(|w| w["code"] != "bad_number"), "{imported}");
    for (args, words) in [
        (vec!["plan", "copy", "9", "--period", "2026-2028"], "没有编号为 9"),
        (vec!["plan", "copy", "1", "--period", "明年"], "实施期限"),
        (vec!["plan", "use", "7"], "没有编号为 7"),
        (vec!["list", "tasks", "--plan", "5"], "没有编号为 5"),
        (vec!["plan", "import", "nope.xlsx", "--title", "x", "--period", "2026-2028"], "nope.xlsx"),
    ] {
        let run = s.run(&args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains(words), "{args:?}: {}", run.stderr);
    }
}
