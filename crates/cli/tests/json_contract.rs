//! The `--json` contract of `pacesetter` (DESIGN §7), pinned through the real binary on temp
//! stores: the exact top-level keys of every command, the keys of nested items, the error object
//! with exit 2, and values from the samples' expected results.
use pacesetter_testkit::{expected, sample, uscc_for, valid_uscc};
use rust_xlsxwriter::Workbook;
use serde_json::Value;
use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

// ---- the key sets as they are today ------------------------------------------------------

const IMPORT_KEYS: &[&str] =
    &["file_hash", "file_name", "header_rows", "ignored", "import_id", "inserted", "rejected", "sheet", "unchanged", "updated", "warnings"];
/// `rejected` and `warnings` items of `import` and `import-tasks`.
const ISSUE_KEYS: &[&str] = &["code", "column", "message", "row", "value"];
const IGNORED_KEYS: &[&str] = &["row", "why"];
const IGNORED_WHY: &[&str] = &["title", "header", "notes", "total", "blank", "example"];

/// Every import reports the one shape of `import` (IMPORT_KEYS) plus what is its own.
const TASK_IMPORT_KEYS: &[&str] = &["changes", "file_hash", "file_name", "header_rows", "ignored", "import_id", "inserted", "rejected", "sheet", "tasks", "unchanged", "updated", "warnings"];
const TASK_ROW_KEYS: &[&str] = &["action", "action_no", "content", "deadline", "lead_unit", "measure_no", "row", "title", "units"];
const TASK_CHANGE_KEYS: &[&str] = &["action_no", "fields", "kind", "measure_no", "row", "task_id", "title"];
const FIELD_CHANGE_KEYS: &[&str] = &["field", "label", "new", "old", "year"];
const LIST_TASK_KEYS: &[&str] = &["action", "action_no", "content", "deadline", "deadline_note", "id", "lead_unit", "measure_no", "plan_id", "quantities", "seq", "title", "units"];
/// DESIGN §7: `list tasks` has at least these.
const DESIGN_TASK_KEYS: &[&str] = &["action_no", "action", "measure_no", "title", "lead_unit", "units", "deadline"];

const ENTERPRISE_KEYS: &[&str] = &[
    "cluster",
    "contact",
    "county",
    "figures_year",
    "high_tech",
    "id",
    "in_pool",
    "innovative_sme",
    "invention_patents",
    "is_leader",
    "legal_rep",
    "listing_stage",
    "little_giant",
    "name",
    "phone",
    "profit_wan",
    "rd_expense_wan",
    "rd_ratio_pct",
    "registered_capital_wan",
    "revenue_wan",
    "specialized",
    "target_board",
    "tier",
    "uscc",
];
/// DESIGN §7: `list enterprises` items have at least these (the 18 canonical fields of the samples).
const CANONICAL: &[&str] = &[
    "name",
    "uscc",
    "county",
    "cluster",
    "legal_rep",
    "contact",
    "phone",
    "registered_capital_wan",
    "revenue_wan",
    "profit_wan",
    "rd_expense_wan",
    "rd_ratio_pct",
    "invention_patents",
    "target_board",
    "listing_stage",
    "specialized",
    "little_giant",
    "high_tech",
];

const IMPORTS_KEYS: &[&str] = &[
    "created_at",
    "file_hash",
    "file_name",
    "header_rows",
    "id",
    "ignored",
    "inserted",
    "operator",
    "rejected",
    "sheet",
    "unchanged",
    "undone_at",
    "updated",
];
/// `undo` (and `undo --dry-run`): the counts of before, plus what was kept and each enterprise's line.
const UNDO_KEYS: &[&str] = &["deleted", "dry_run", "import_id", "items", "kept", "restored"];
const UNDO_ITEM_KEYS: &[&str] = &["action", "fields", "name", "reason", "uscc"];
const CHECK_KEYS: &[&str] = &["latest_version", "ok", "problems", "schema_version"];
const BACKUP_KEYS: &[&str] = &["enterprises", "ok", "problems", "schema_version"];
const RESTORE_KEYS: &[&str] = &["enterprises", "previous_saved_to", "schema_version"];

const LEDGER_KEYS: &[&str] = &["changes", "file_hash", "file_name", "header_rows", "ignored", "import_id", "inserted", "rejected", "rows", "sheet", "unchanged", "updated", "warnings"];
const LEDGER_CHANGE_KEYS: &[&str] = &["description", "enterprise_name", "fields", "kind", "row", "state"];
const LEDGER_ISSUE_KEYS: &[&str] = ISSUE_KEYS;

// ---- running the binary -------------------------------------------------------------------

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\nstderr: {}", self.stdout, self.stderr))
    }

    /// Exit 0 and the JSON printed.
    fn ok(&self) -> Value {
        assert_eq!(self.code, 0, "stdout: {}\nstderr: {}", self.stdout, self.stderr);
        self.json()
    }
}

/// A fresh store in a temp folder; files for a test go in the same folder.
struct Store {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Store {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("pacesetter.db");
        Store { dir, db }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let out = Command::new(env!("CARGO_BIN_EXE_pacesetter"))
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .env_remove("PACESETTER_DB")
            .current_dir(self.dir.path())
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    fn import(&self, file: &Path, extra: &[&str]) -> Value {
        let mut args: Vec<&OsStr> = vec!["import".as_ref(), file.as_os_str()];
        args.extend(extra.iter().map(OsStr::new));
        args.push("--json".as_ref());
        self.run(args).ok()
    }

    fn enterprises(&self) -> Vec<Value> {
        self.run(["list", "enterprises", "--json"]).ok().as_array().expect("an array").clone()
    }
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap_or_else(|| panic!("not an object: {v}")).keys().cloned().collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[track_caller]
fn assert_keys(v: &Value, want: &[&str], what: &str) {
    assert_eq!(keys(v), set(want), "keys of {what}: {v}");
}

#[track_caller]
fn assert_items(v: &Value, want: &[&str], what: &str) {
    for item in v.as_array().unwrap_or_else(|| panic!("{what} is not an array: {v}")) {
        assert_keys(item, want, what);
    }
}

/// An issue item of `import`/`import-tasks`: the keys and their types.
#[track_caller]
fn assert_issue(v: &Value, what: &str) {
    assert_keys(v, ISSUE_KEYS, what);
    assert!(v["row"].as_u64().is_some_and(|r| r >= 1), "{what}: row {v}");
    assert!(v["code"].as_str().is_some_and(|c| !c.is_empty()), "{what}: code {v}");
    assert!(v["message"].as_str().is_some_and(has_chinese), "{what}: message {v}");
    assert!(v["column"].is_string() || v["column"].is_null(), "{what}: column {v}");
    assert!(v["value"].is_string() || v["value"].is_null(), "{what}: value {v}");
}

fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn rows_and(v: &Value, key: &str) -> Vec<(u64, String)> {
    v.as_array().unwrap().iter().map(|i| (i["row"].as_u64().unwrap(), i[key].as_str().unwrap().to_string())).collect()
}

const COUNTY_SAMPLES: [&str; 3] = ["county_nanhe_clean.xlsx", "county_linxi_merged_headers.xls", "county_ningjin_messy.xlsx"];

// ---- import ---------------------------------------------------------------------------------

#[test]
fn import_reports_every_sample_as_expected() {
    for name in COUNTY_SAMPLES {
        let want = expected(name);
        let n = want["enterprises"].as_array().unwrap().len() as u64;
        let store = Store::new();
        let file = sample(name);
        for (dry, report) in [(true, store.import(&file, &["--dry-run"])), (false, store.import(&file, &[]))] {
            let what = format!("import {name} (dry-run {dry})");
            assert_keys(&report, IMPORT_KEYS, &what);
            assert_eq!(report["import_id"].is_null(), dry, "{what}: import_id {}", report["import_id"]);
            assert_eq!(report["file_name"], name, "{what}");
            assert_eq!(report["sheet"], want["sheet"], "{what}");
            assert_eq!(report["header_rows"], want["header_rows"], "{what}");
            assert_eq!((report["inserted"].as_u64(), report["updated"].as_u64(), report["unchanged"].as_u64()), (Some(n), Some(0), Some(0)), "{what}");
            for item in report["rejected"].as_array().unwrap().iter().chain(report["warnings"].as_array().unwrap()) {
                assert_issue(item, &what);
            }
            assert_eq!(report["warnings"], Value::Array(vec![]), "{what}: the samples' codes pass both checks");
            let rejected: Vec<(u64, String)> = rows_and(&report["rejected"], "code");
            let want_rejected: Vec<(u64, String)> = rows_and(&want["rejected_rows"], "reason_code");
            assert_eq!(rejected, want_rejected, "{what}: rejected rows");
            assert_items(&report["ignored"], IGNORED_KEYS, &what);
            assert_eq!(rows_and(&report["ignored"], "why"), rows_and(&want["ignored_rows"], "why"), "{what}: ignored rows");
            for (_, why) in rows_and(&report["ignored"], "why") {
                assert!(IGNORED_WHY.contains(&why.as_str()), "{what}: why {why}");
            }
        }
        // The same file again changes nothing.
        let again = store.import(&file, &[]);
        assert_eq!((again["inserted"].as_u64(), again["unchanged"].as_u64()), (Some(0), Some(n)), "re-import {name}");
        assert_eq!(again["import_id"].as_u64(), Some(2), "re-import {name}");
    }
}

#[test]
fn ningjin_rejections_name_the_cell() {
    let store = Store::new();
    let report = store.import(&sample("county_ningjin_messy.xlsx"), &[]);
    let rejected = report["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 2);
    assert_eq!(rejected[0]["row"], 23);
    assert_eq!(rejected[0]["column"], "C");
    assert_eq!(rejected[0]["code"], "duplicate");
    assert_eq!(rejected[0]["value"], "91130528ma08tu9953");
    assert!(rejected[0]["message"].as_str().unwrap().contains("第8行"), "{}", rejected[0]);
    assert_eq!(rejected[1]["row"], 27);
    assert_eq!(rejected[1]["code"], "uscc_check_digit");
    assert_eq!(rejected[1]["value"], "91130528440625223N");
    assert!(rejected[1]["message"].as_str().unwrap().contains("应为J"), "{}", rejected[1]);
}

/// A small county sheet with codes that warn (inner organization code wrong), pass, or are rejected.
fn write_warning_sheet(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["序号", "企业名称", "统一社会信用代码", "县（市、区）"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let rows: [(&str, String); 6] = [
        ("邢台测试甲有限公司", uscc_for(1)),   // row 2: GB 32100 right, GB 11714 wrong → warning
        ("邢台测试乙有限公司", valid_uscc(2)), // row 3: both right
        ("邢台测试丙有限公司", valid_uscc(3)[..17].to_string()), // row 4: 17 characters
        ("邢台测试丁有限公司", format!("{}I", &valid_uscc(4)[..17])), // row 5: I is not allowed
        ("", valid_uscc(5)), // row 6: no name
        ("邢台测试戊有限公司", uscc_for(2)),   // row 7: warning
    ];
    for (i, (name, code)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        ws.write_string(r, 1, *name).unwrap();
        ws.write_string(r, 2, code).unwrap();
        ws.write_string(r, 3, "威县").unwrap();
    }
    wb.save(path).unwrap();
}

#[test]
fn import_warnings_and_rejections_have_the_issue_shape() {
    let store = Store::new();
    let file = store.path("warnings.xlsx");
    write_warning_sheet(&file);
    let report = store.import(&file, &[]);
    assert_keys(&report, IMPORT_KEYS, "import warnings.xlsx");
    assert_eq!(report["inserted"], 3, "{report}");
    assert_eq!(report["header_rows"], serde_json::json!([1]));
    let warnings = report["warnings"].as_array().unwrap();
    for w in warnings {
        assert_issue(w, "warning");
    }
    let warned: Vec<(u64, String)> = rows_and(&report["warnings"], "code");
    assert_eq!(warned, [(2, "uscc_org_code".to_string()), (7, "uscc_org_code".to_string())]);
    assert_eq!(warnings[0]["column"], "C");
    assert_eq!(warnings[0]["value"], uscc_for(1));
    for r in report["rejected"].as_array().unwrap() {
        assert_issue(r, "rejection");
    }
    let rejected: Vec<(u64, String)> = rows_and(&report["rejected"], "code");
    let want: Vec<(u64, String)> =
        [(4, "uscc_length"), (5, "uscc_charset"), (6, "missing_name")].iter().map(|(r, c)| (*r, c.to_string())).collect();
    assert_eq!(rejected, want, "{report}");
    // Warned codes are imported as written.
    let codes: BTreeSet<String> = store.enterprises().iter().map(|e| e["uscc"].as_str().unwrap().to_string()).collect();
    assert_eq!(codes, [uscc_for(1), valid_uscc(2), uscc_for(2)].into_iter().collect());
}

#[test]
fn import_options_sheet_and_county() {
    let store = Store::new();
    let report = store.import(&sample("county_linxi_merged_headers.xls"), &["--sheet", "上市培育企业", "--dry-run"]);
    assert_keys(&report, IMPORT_KEYS, "import --sheet");
    assert_eq!(report["inserted"], 14);
    let missing = store.run(["import".as_ref(), sample("county_nanhe_clean.xlsx").as_os_str(), "--sheet".as_ref(), "不存在的表".as_ref(), "--json".as_ref()]);
    assert_error(&missing, "unrecognized_layout", "import --sheet 不存在的表");
    // The file's own county column wins over --county.
    store.import(&sample("county_nanhe_clean.xlsx"), &["--county", "威县", "--year", "2024"]);
    let listed = store.enterprises();
    assert_eq!(listed.len(), 25);
    assert!(listed.iter().all(|e| e["county"] == "南和区" && e["figures_year"] == 2024), "{}", listed[0]);
}

// ---- list enterprises -----------------------------------------------------------------------

#[test]
fn list_enterprises_has_the_design_keys_and_the_samples_values() {
    let store = Store::new();
    assert_eq!(store.run(["list", "enterprises", "--json"]).ok(), Value::Array(vec![]));
    for name in COUNTY_SAMPLES {
        store.import(&sample(name), &[]);
    }
    let listed = store.enterprises();
    assert_eq!(listed.len(), 25 + 14 + 24);
    assert!(ENTERPRISE_KEYS.iter().all(|k| CANONICAL.contains(k) || ["id", "figures_year", "innovative_sme", "tier", "in_pool", "is_leader"].contains(k)));
    for e in &listed {
        assert_keys(e, ENTERPRISE_KEYS, "list enterprises item");
        for k in CANONICAL {
            assert!(e.get(*k).is_some(), "DESIGN §7 key {k} missing: {e}");
        }
    }
    for name in COUNTY_SAMPLES {
        for want in expected(name)["enterprises"].as_array().unwrap() {
            let uscc = want["uscc"].as_str().unwrap();
            let got = listed.iter().find(|e| e["uscc"] == uscc).unwrap_or_else(|| panic!("{name}: {uscc} not listed"));
            for k in CANONICAL {
                let (g, w) = (&got[*k], &want[*k]);
                let same = match (g.as_f64(), w.as_f64()) {
                    (Some(a), Some(b)) => (a - b).abs() < 0.01,
                    _ => g == w,
                };
                assert!(same, "{name} {uscc} {k}: listed {g}, expected {w}");
            }
        }
    }
    let nanhe = store.run(["list", "enterprises", "--county", "南和区", "--json"]).ok();
    assert_eq!(nanhe.as_array().unwrap().len(), 25);
    assert_items(&nanhe, ENTERPRISE_KEYS, "list enterprises --county");
    let linxi = store.run(["list", "enterprises", "--county", "临西县", "--json"]).ok();
    assert_eq!(linxi.as_array().unwrap().len(), 14);
    assert!(linxi.as_array().unwrap().iter().all(|e| e["county"] == "临西县"));
    let found = store.run(["list", "enterprises", "--search", "91130506MA01RRJY81", "--json"]).ok();
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["name"], "河北嘉坤农机装备股份有限公司");
}

// ---- tasks ----------------------------------------------------------------------------------

#[test]
fn import_tasks_reads_both_layouts_as_expected() {
    let want = expected("tasks");
    let want_tasks = want["tasks"].as_array().unwrap();
    for (file, row_key) in [("task_assignment.xls", "xls_row"), ("task_assignment.xlsx", "xlsx_row")] {
        let store = Store::new();
        let path = sample(file);
        for dry in [true, false] {
            let mut args: Vec<&OsStr> = vec!["import-tasks".as_ref(), path.as_os_str()];
            if dry {
                args.push("--dry-run".as_ref());
            }
            args.push("--json".as_ref());
            let report = store.run(args).ok();
            let what = format!("import-tasks {file} (dry-run {dry})");
            assert_keys(&report, TASK_IMPORT_KEYS, &what);
            assert_eq!(report["import_id"], Value::Null, "{what}");
            assert_eq!(report["file_name"], file);
            assert_eq!(report["sheet"], want["files"][file]["sheet"], "{what}");
            assert_eq!(report["header_rows"], want["files"][file]["header_rows"], "{what}");
            // A new store is seeded with the plan's 21 measures: the sheet matches them but for
            // 6.2's wording, which the seed took from the plan's text (特色产业集群和邢台市重点产业链中的…).
            assert_eq!((report["inserted"].as_u64(), report["updated"].as_u64(), report["unchanged"].as_u64()), (Some(0), Some(1), Some(20)), "{what}");
            let changes = report["changes"].as_array().unwrap();
            assert_eq!((changes.len(), changes[0]["action_no"].as_i64(), changes[0]["measure_no"].as_i64()), (1, Some(6), Some(2)), "{what}");
            assert_eq!(changes[0]["fields"][0]["field"], "content", "{what}");
            assert!(changes[0]["fields"][0]["old"].to_string().contains("邢台市重点产业链"), "{what}");
            assert_eq!(report["rejected"], Value::Array(vec![]), "{what}");
            assert_eq!(report["warnings"], Value::Array(vec![]), "{what}");
            let tasks = report["tasks"].as_array().unwrap();
            assert_eq!(tasks.len(), 21, "{what}");
            for (t, w) in tasks.iter().zip(want_tasks) {
                assert_keys(t, TASK_ROW_KEYS, &what);
                for k in DESIGN_TASK_KEYS {
                    assert_eq!(t[*k], w[*k], "{what}: {k} of {}", w["title"]);
                }
                assert_eq!(t["row"], w[row_key], "{what}: row of {}", w["title"]);
                assert_eq!(t["content"], w["measure_text"], "{what}: content of {}", w["title"]);
            }
        }
    }
}

#[test]
fn list_tasks_has_the_design_keys_and_the_plan() {
    let store = Store::new();
    let tasks = store.run(["list", "tasks", "--json"]).ok();
    let want = expected("tasks");
    let want_tasks = want["tasks"].as_array().unwrap();
    assert_eq!(tasks.as_array().unwrap().len(), 21);
    assert!(DESIGN_TASK_KEYS.iter().all(|k| LIST_TASK_KEYS.contains(k)));
    for (t, w) in tasks.as_array().unwrap().iter().zip(want_tasks) {
        assert_keys(t, LIST_TASK_KEYS, "list tasks item");
        for k in DESIGN_TASK_KEYS.iter().chain(&["seq"]) {
            assert_eq!(t[*k], w[*k], "{k} of {}", w["title"]);
        }
        assert_eq!(t["units"][0], t["lead_unit"], "lead unit first");
        assert!(t["id"].as_u64().is_some());
    }
    assert_eq!(tasks[0]["units"], serde_json::json!(["市工业和信息化局", "市地方金融监管局", "各县（市、区）政府"]));
}

/// A task sheet that changes measure 1.1, has a measure without title and one without units.
fn write_changed_task_sheet(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "任务分工表").unwrap();
    for (c, h) in ["序号", "重点任务", "工作措施", "责任单位", "完成时限"].iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    ws.merge_range(2, 0, 2, 4, "（一）企业上市行动", &rust_xlsxwriter::Format::new()).unwrap();
    let rows = [
        ["1", "锁定培育目标", "遴选30家有上市意愿的企业纳入上市培育库。", "市工业和信息化局、市地方金融监管局", "2025年底"],
        ["2", "", "没有标题的措施。", "市工业和信息化局", "长期坚持"],
        ["3", "新的措施", "没有责任单位的措施。", "", "下个月"],
    ];
    for (i, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(3 + i as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn import_tasks_changes_and_issues_have_their_shape() {
    let store = Store::new();
    let file = store.path("changed_tasks.xlsx");
    write_changed_task_sheet(&file);
    let report = store.run(["import-tasks".as_ref(), file.as_os_str(), "--dry-run".as_ref(), "--json".as_ref()]).ok();
    assert_keys(&report, TASK_IMPORT_KEYS, "import-tasks changed");
    assert_items(&report["tasks"], TASK_ROW_KEYS, "tasks");
    let changes = report["changes"].as_array().unwrap();
    assert!(!changes.is_empty(), "{report}");
    for c in changes {
        assert_keys(c, TASK_CHANGE_KEYS, "change");
        assert!(["insert", "update"].contains(&c["kind"].as_str().unwrap()), "{c}");
        assert_items(&c["fields"], FIELD_CHANGE_KEYS, "change field");
    }
    let first = changes.iter().find(|c| c["row"] == 4).unwrap_or_else(|| panic!("no change for row 4: {report}"));
    assert_eq!((first["kind"].as_str(), first["action_no"].as_i64(), first["measure_no"].as_i64()), (Some("update"), Some(1), Some(1)));
    let deadline = first["fields"].as_array().unwrap().iter().find(|f| f["field"] == "deadline").expect("deadline changes");
    assert_eq!((deadline["old"].as_str(), deadline["new"].as_str()), (Some("2023年底"), Some("2025年底")));
    for i in report["rejected"].as_array().unwrap().iter().chain(report["warnings"].as_array().unwrap()) {
        assert_issue(i, "task issue");
    }
    assert_eq!(rows_and(&report["rejected"], "code"), [(5, "missing_title".to_string())]);
    let warned: BTreeSet<(u64, String)> = rows_and(&report["warnings"], "code").into_iter().collect();
    assert!(warned.contains(&(6, "missing_units".to_string())) && warned.contains(&(6, "deadline_unrecognized".to_string())), "{warned:?}");
    // A preview leaves the store as it was.
    assert_eq!(store.run(["list", "tasks", "--json"]).ok()[0]["deadline"], "2023年底");
}

// ---- imports, undo, check, backup, restore ---------------------------------------------------

#[test]
fn imports_and_undo() {
    let store = Store::new();
    assert_eq!(store.run(["imports", "--json"]).ok(), Value::Array(vec![]));
    store.import(&sample("county_nanhe_clean.xlsx"), &[]);
    store.import(&sample("county_linxi_merged_headers.xls"), &[]);
    let records = store.run(["imports", "--json"]).ok();
    let records = records.as_array().unwrap();
    assert_eq!(records.len(), 2);
    for r in records {
        assert_keys(r, IMPORTS_KEYS, "imports item");
        assert!(r["undone_at"].is_null());
        assert!(r["created_at"].is_string() && r["file_hash"].is_string() && r["operator"].is_string());
        assert!(r["inserted"].is_u64() && r["rejected"].is_u64() && r["ignored"].is_u64(), "counts, not arrays: {r}");
    }
    let linxi = records.iter().find(|r| r["file_name"] == "county_linxi_merged_headers.xls").unwrap();
    assert_eq!((linxi["sheet"].as_str(), linxi["inserted"].as_u64(), linxi["ignored"].as_u64()), (Some("上市培育企业"), Some(14), Some(5)));
    assert_eq!(linxi["header_rows"], serde_json::json!([2, 3]));
    let id_number = linxi["id"].as_i64().unwrap();
    let id = id_number.to_string();
    let undo = store.run(["undo", &id, "--json"]).ok();
    assert_keys(&undo, UNDO_KEYS, "undo");
    assert_items(&undo["items"], UNDO_ITEM_KEYS, "undo item");
    assert_eq!((undo["import_id"].as_i64(), undo["deleted"].as_u64(), undo["restored"].as_u64()), (Some(id_number), Some(14), Some(0)));
    assert_eq!(store.enterprises().len(), 25);
    let records = store.run(["imports", "--json"]).ok();
    assert!(records.as_array().unwrap().iter().any(|r| r["id"].as_i64() == Some(id_number) && r["undone_at"].is_string()));
    assert_error(&store.run(["undo", &id, "--json"]), "invalid", "undo twice");
    assert_error(&store.run(["undo", "999", "--json"]), "not_found", "undo 999");
}

#[test]
fn check_backup_and_restore() {
    let store = Store::new();
    let missing = store.run(["check", "--json"]);
    assert_eq!(missing.code, 1, "check of a store that does not exist");
    let report = missing.json();
    assert_keys(&report, CHECK_KEYS, "check (missing store)");
    assert_eq!(report["ok"], false);
    store.import(&sample("county_nanhe_clean.xlsx"), &[]);
    let check = store.run(["check", "--json"]).ok();
    assert_keys(&check, CHECK_KEYS, "check");
    assert_eq!(check["ok"], true);
    assert_eq!(check["problems"], Value::Array(vec![]));
    assert_eq!(check["schema_version"], check["latest_version"]);
    let backup_file = store.path("backup.db");
    let backup = store.run(["backup".as_ref(), "--out".as_ref(), backup_file.as_os_str(), "--json".as_ref()]).ok();
    assert_keys(&backup, BACKUP_KEYS, "backup");
    assert_eq!((backup["ok"].as_bool(), backup["enterprises"].as_u64()), (Some(true), Some(25)));
    let restore = store.run(["restore".as_ref(), backup_file.as_os_str(), "--json".as_ref()]).ok();
    assert_keys(&restore, RESTORE_KEYS, "restore");
    assert_eq!(restore["enterprises"], 25);
    assert!(Path::new(restore["previous_saved_to"].as_str().unwrap()).exists(), "{restore}");
    let not_db = store.path("not_a_db.db");
    std::fs::write(&not_db, "不是数据库").unwrap();
    assert_error(&store.run(["restore".as_ref(), not_db.as_os_str(), "--json".as_ref()]), "invalid", "restore of a text file");
}

// ---- import-ledger ---------------------------------------------------------------------------

fn write_ledger(path: &Path, deadline: &str) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let header = ["序号", "企业名称", "统一社会信用代码", "问题来源", "问题类别", "问题描述", "收集日期", "牵头单位", "办理时限"];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        ["1", "河北嘉坤农机装备股份有限公司", "91130506MA01RRJY81", "入企服务", "融资", "流动资金贷款需求5000万元", "2026-03-01", "市地方金融监管局", deadline],
        ["2", "南和翔盛农业机械有限公司", "", "座谈会", "用地", "扩产项目用地指标不足", "2026-04-10", "", ""],
        ["3", "南和翔盛农业机械有限公司", "", "其他", "资金", "", "2026-03-01", "", ""],
    ];
    for (i, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(1 + i as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn import_ledger_reports_changes_and_rejections() {
    let store = Store::new();
    store.import(&sample("county_nanhe_clean.xlsx"), &[]);
    let file = store.path("ledger.xlsx");
    write_ledger(&file, "2026-06-30");
    let ledger = |dry: bool| {
        let mut args: Vec<&OsStr> = vec!["import-ledger".as_ref(), file.as_os_str()];
        if dry {
            args.push("--dry-run".as_ref());
        }
        args.push("--json".as_ref());
        store.run(args).ok()
    };
    let preview = ledger(true);
    assert_keys(&preview, LEDGER_KEYS, "import-ledger --dry-run");
    let report = ledger(false);
    assert_keys(&report, LEDGER_KEYS, "import-ledger");
    assert_eq!((report["sheet"].as_str(), report["header_rows"][0].as_u64(), report["rows"].as_u64()), (Some("Sheet1"), Some(1), Some(3)));
    assert_eq!((report["inserted"].as_u64(), report["updated"].as_u64(), report["unchanged"].as_u64()), (Some(2), Some(0), Some(0)));
    assert_items(&report["changes"], LEDGER_CHANGE_KEYS, "ledger change");
    let states: Vec<(u64, String)> = rows_and(&report["changes"], "state");
    assert_eq!(states, [(2, "交办".to_string()), (3, "征集".to_string())]);
    assert!(report["changes"].as_array().unwrap().iter().all(|c| c["kind"] == "insert" && c["fields"] == Value::Array(vec![])));
    assert_items(&report["rejected"], LEDGER_ISSUE_KEYS, "ledger rejection");
    assert_eq!(report["rejected"][0]["row"], 4);
    assert_eq!(report["rejected"][0]["column"], "F");
    // A changed deadline of an assigned problem is an update, field by field.
    write_ledger(&file, "2026-09-30");
    let update = ledger(false);
    assert_eq!((update["inserted"].as_u64(), update["updated"].as_u64(), update["unchanged"].as_u64()), (Some(0), Some(1), Some(1)));
    let change = &update["changes"][0];
    assert_keys(change, LEDGER_CHANGE_KEYS, "ledger update");
    assert_eq!(change["kind"], "update");
    assert_items(&change["fields"], FIELD_CHANGE_KEYS, "ledger field change");
    assert_eq!(change["fields"][0]["old"], "2026-06-30");
    assert_eq!(change["fields"][0]["new"], "2026-09-30");
}

// ---- errors ----------------------------------------------------------------------------------

/// Exit 2, one Chinese line on stderr, and `{"error":{"code","message"}}` on stdout.
#[track_caller]
fn assert_error(run: &Run, code: &str, what: &str) {
    assert_eq!(run.code, 2, "{what}: exit status\nstdout: {}\nstderr: {}", run.stdout, run.stderr);
    let v = run.json();
    assert_keys(&v, &["error"], what);
    assert_keys(&v["error"], &["code", "message"], what);
    assert_eq!(v["error"]["code"], code, "{what}: {v}");
    let message = v["error"]["message"].as_str().unwrap();
    assert!(has_chinese(message), "{what}: {message}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{what}: stderr {:?}", run.stderr);
    assert!(lines[0].starts_with("错误：") && has_chinese(lines[0]), "{what}: stderr {:?}", run.stderr);
}

#[test]
fn unreadable_files_are_errors_with_exit_2_and_nothing_written() {
    let store = Store::new();
    // A zip cut short after its first header, named .xlsx; an OLE header with nothing after it, named .xls.
    let text = store.path("名单.xlsx");
    std::fs::write(&text, b"PK\x03\x04\x14\x00\x00\x00\x08\x00broken").unwrap();
    let xls = store.path("名单.xls");
    std::fs::write(&xls, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00").unwrap();
    let empty = store.path("空.xlsx");
    std::fs::write(&empty, "").unwrap();
    let missing = store.path("不存在.xlsx");
    for command in ["import", "import-tasks", "import-ledger"] {
        for file in [&text, &xls, &empty, &missing] {
            let what = format!("{command} {}", file.display());
            for extra in [None, Some("--dry-run")] {
                let mut args: Vec<&OsStr> = vec![command.as_ref(), file.as_os_str(), "--json".as_ref()];
                args.extend(extra.map(OsStr::new));
                assert_error(&store.run(&args), "unreadable_file", &what);
            }
            // Without --json: the same line on stderr, nothing on stdout.
            let plain = store.run([command.as_ref(), file.as_os_str()]);
            assert_eq!(plain.code, 2, "{what}");
            assert_eq!(plain.stdout, "", "{what}");
            assert!(plain.stderr.starts_with("错误：") && plain.stderr.lines().count() == 1, "{what}: {:?}", plain.stderr);
        }
    }
    assert_eq!(store.run(["imports", "--json"]).ok(), Value::Array(vec![]));
    assert_eq!(store.run(["list", "enterprises", "--json"]).ok(), Value::Array(vec![]));
}

#[test]
fn a_file_without_the_expected_table_is_an_error() {
    let store = Store::new();
    let cases = [
        ("import", "task_assignment.xls"),
        ("import-tasks", "county_nanhe_clean.xlsx"),
        ("import-ledger", "county_nanhe_clean.xlsx"),
    ];
    for (command, name) in cases {
        let run = store.run([command.as_ref(), sample(name).as_os_str(), "--json".as_ref()]);
        assert_error(&run, "unrecognized_layout", &format!("{command} {name}"));
    }
    assert_eq!(store.run(["list", "enterprises", "--json"]).ok(), Value::Array(vec![]));
    assert_eq!(store.run(["list", "tasks", "--json"]).ok().as_array().unwrap().len(), 21);
}

#[test]
fn export_of_an_unknown_enterprise_is_an_error() {
    let store = Store::new();
    let out = store.path("plan.docx");
    let code = valid_uscc(7);
    let run = store.run([OsStr::new("export"), OsStr::new("plan"), OsStr::new(&code), OsStr::new("--out"), out.as_os_str()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.starts_with("错误：") && run.stderr.contains(&code), "{}", run.stderr);
    assert!(!out.exists());
}

#[test]
fn pacesetter_db_is_the_store_unless_db_is_given() {
    let store = Store::new();
    let env_db = store.path("env.db");
    let run = |args: &[&OsStr]| {
        let out = Command::new(env!("CARGO_BIN_EXE_pacesetter")).args(args).env("PACESETTER_DB", &env_db).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let nanhe = sample("county_nanhe_clean.xlsx");
    run(&["import".as_ref(), nanhe.as_os_str(), "--json".as_ref()]);
    assert_eq!(run(&["list".as_ref(), "enterprises".as_ref(), "--json".as_ref()]).as_array().unwrap().len(), 25);
    // --db wins over PACESETTER_DB.
    let listed = run(&["--db".as_ref(), store.db.as_os_str(), "list".as_ref(), "enterprises".as_ref(), "--json".as_ref()]);
    assert_eq!(listed, Value::Array(vec![]));
    assert!(env_db.exists());
}
