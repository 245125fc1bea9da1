//! Re-importing a changed file reports the right new/changed/unchanged rows field by field;
//! undo restores the store exactly; a confirmed column mapping is remembered for the layout;
//! files are read by content whatever their extension.
use pacesetter_core::enterprise;
use pacesetter_core::sheet::report::FieldValue;
use pacesetter_core::enterprise::import::ImportOptions;
use pacesetter_core::{CoreError, Store};
use rust_xlsxwriter::Workbook;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn sample(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples")).join(name)
}

/// Every enterprise row and every yearly figure, as text, to compare whole states.
fn dump(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    for sql in [
        "SELECT json_array(e.id, e.uscc, e.name, e.county, e.cluster, e.legal_rep, e.contact, e.phone,
                e.registered_capital_wan, e.target_board, e.listing_stage, e.specialized, e.little_giant,
                e.high_tech, e.extra, e.created_at, e.updated_at) FROM enterprises e ORDER BY e.id",
        "SELECT json_array(enterprise_id, year, revenue_wan, profit_wan, rd_expense_wan, rd_ratio_pct, invention_patents)
           FROM enterprise_figures ORDER BY enterprise_id, year",
    ] {
        let mut stmt = store.test_conn().prepare(sql).unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

fn write_sheet(path: &Path, header: &[&str], rows: &[Vec<&str>]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn reimport_of_changed_file_then_undo_restores_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let opts = ImportOptions { year: Some(2022), ..Default::default() };
    let first = enterprise::import::commit(&mut store, &sample("county_nanhe_clean.xlsx"), &opts).unwrap();
    assert_eq!(first.inserted, 25);
    let after_first = dump(&store);

    let changed = dir.path().join("南和区更新.xlsx");
    write_sheet(
        &changed,
        &["企业名称", "统一社会信用代码", "营业收入（万元）", "上市进展", "利润总额", "企业规模"],
        &[
            // revenue changes, the blank profit never blanks the stored one, an extra column arrives
            vec!["河北嘉坤农机装备股份有限公司", "91130506MA01RRJY81", "120000", "辅导备案", "", "大型"],
            // stage changes (synonym)
            vec!["南和翔盛农业机械有限公司", "911305067568074885", "12174.86", "已完成股改", "", ""],
            // new enterprises
            vec!["宁晋川嘉光伏科技有限公司", "91130528341223691C", "53535.46", "未启动", "134.08", ""],
            vec!["宁晋县睿耀硅材料科技有限公司", "91130528MA0M0RHRX5", "14874.51", "未启动", "-112.47", ""],
        ],
    );
    let preview = enterprise::import::preview(&store, &changed, &opts).unwrap();
    assert_eq!(dump(&store), after_first, "preview writes nothing");
    assert_eq!((preview.report.inserted, preview.report.updated, preview.report.unchanged), (2, 2, 0));
    assert_eq!(preview.new_rows.iter().map(|r| r.row).collect::<Vec<_>>(), vec![4, 5]);
    let by_row: BTreeMap<u32, Vec<(String, Option<FieldValue>, FieldValue)>> = preview
        .changed_rows
        .iter()
        .map(|c| (c.row.row, c.changes.iter().map(|ch| (ch.field.clone(), ch.old.clone(), ch.new.clone())).collect()))
        .collect();
    assert_eq!(
        by_row[&2],
        vec![
            ("revenue_wan".to_string(), Some(FieldValue::Real(100654.67)), FieldValue::Real(120000.0)),
            ("extra".to_string(), None, FieldValue::Text("大型".into())),
        ]
    );
    assert_eq!(by_row[&3], vec![("listing_stage".to_string(), Some(FieldValue::Text("股改中".into())), FieldValue::Text("已股改".into()))]);

    let second = enterprise::import::commit(&mut store, &changed, &opts).unwrap();
    assert_eq!((second.inserted, second.updated, second.unchanged), (2, 2, 0));
    let profit: f64 = store
        .test_conn()
        .query_row(
            "SELECT f.profit_wan FROM enterprise_figures f JOIN enterprises e ON e.id = f.enterprise_id WHERE e.uscc = '91130506MA01RRJY81' AND f.year = 2022",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!((profit - 2354.7).abs() < 0.01, "a blank cell keeps the stored value");
    let audit: i64 = store.test_conn().query_row("SELECT count(*) FROM audit_log WHERE source = ?1", [format!("导入#{}", second.import_id.unwrap())], |r| r.get(0)).unwrap();
    assert_eq!(audit, 2 + 3 + 1, "two inserts, three field changes, the import itself");

    // Undoing the earlier import while the later one stands would keep the two enterprises the
    // later one changed; the preview says so and writes nothing.
    let plan = enterprise::import::undo_preview(&store, first.import_id.unwrap()).unwrap();
    assert_eq!((plan.deleted, plan.restored, plan.kept, plan.dry_run), (23, 0, 2, true));
    let kept: Vec<&str> = plan.items.iter().filter(|i| i.action == "keep").map(|i| i.uscc.as_str()).collect();
    assert_eq!(kept, ["91130506MA01RRJY81", "911305067568074885"]);
    assert!(plan.items.iter().filter(|i| i.action == "keep").all(|i| i.reason.as_deref().unwrap().contains(&format!("第 {} 次导入", second.import_id.unwrap()))));

    let undo = enterprise::import::undo(&mut store, second.import_id.unwrap()).unwrap();
    assert_eq!((undo.deleted, undo.restored), (2, 2));
    assert_eq!(dump(&store), after_first, "undo restores the store exactly");
    assert!(enterprise::import::undo(&mut store, second.import_id.unwrap()).is_err(), "undo twice is refused");

    enterprise::import::undo(&mut store, first.import_id.unwrap()).unwrap();
    assert!(dump(&store).is_empty());
    let imports = enterprise::import::list_imports(&store).unwrap();
    assert_eq!(imports.len(), 2);
    assert!(imports.iter().all(|i| i.undone_at.is_some()));
    assert_eq!(imports[1].file_name, "county_nanhe_clean.xlsx");
    assert_eq!(imports[1].file_hash.len(), 64);
}

#[test]
fn confirmed_mapping_is_remembered_for_the_layout() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.xlsx");
    write_sheet(&path, &["企业名称", "企业编码", "营业收入", "规模"], &[vec!["宁晋川嘉光伏科技有限公司", "91130528341223691C", "5", "中型"]]);
    let mut store = Store::open_in_memory().unwrap();
    let err = enterprise::import::preview(&store, &path, &ImportOptions::default()).unwrap_err();
    assert!(matches!(err, CoreError::UnrecognizedLayout(_)), "{err}");
    assert!(err.to_string().contains("统一社会信用代码"));

    let mapping: BTreeMap<String, String> = [("B".to_string(), "uscc".to_string()), ("D".to_string(), "ignore".to_string())].into();
    let opts = ImportOptions { mapping: Some(mapping), ..Default::default() };
    let preview = enterprise::import::preview(&store, &path, &opts).unwrap();
    assert_eq!(preview.columns[1].field.as_deref(), Some("uscc"));
    assert_eq!(preview.columns[3].field.as_deref(), Some("ignore"));
    assert!(!preview.remembered_mapping);
    let report = enterprise::import::commit(&mut store, &path, &opts).unwrap();
    assert_eq!(report.inserted, 1);
    let extra: String = store.test_conn().query_row("SELECT extra FROM enterprises", [], |r| r.get(0)).unwrap();
    assert_eq!(extra, "{}", "an ignored column is not kept");

    let again = enterprise::import::preview(&store, &path, &ImportOptions::default()).unwrap();
    assert!(again.remembered_mapping);
    assert_eq!(again.report.unchanged, 1);
}

#[test]
fn files_are_read_by_content_not_extension() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [("county_linxi_merged_headers.xls", "临西.xlsx", 14), ("county_nanhe_clean.xlsx", "南和.xls", 25), ("county_nanhe_clean.xlsx", "南和", 25)];
    for (from, to, n) in cases {
        let path = dir.path().join(to);
        std::fs::copy(sample(from), &path).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let report = enterprise::import::commit(&mut store, &path, &ImportOptions::default()).unwrap();
        assert_eq!(report.inserted, n, "{to}");
        assert_eq!(report.file_name, to);
    }
}

/// Audit rows and recorded imports, besides the enterprises `dump` compares.
fn counts(store: &Store) -> (i64, i64) {
    let count = |sql: &str| store.test_conn().query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    (count("SELECT count(*) FROM audit_log"), count("SELECT count(*) FROM imports"))
}

#[test]
fn cancelled_import_leaves_the_store_unchanged() {
    let mut store = Store::open_in_memory().unwrap();
    let opts = ImportOptions { year: Some(2022), ..Default::default() };
    let path = sample("county_nanhe_clean.xlsx");
    let (before, before_counts) = (dump(&store), counts(&store));

    // Cancelled at the first report.
    let err = enterprise::import::commit_with_progress(&mut store, &path, &opts, &|_| false).unwrap_err();
    assert!(matches!(&err, CoreError::Invalid(m) if m == "导入已取消，数据库未改动"), "{err}");
    assert_eq!((dump(&store), counts(&store)), (before.clone(), before_counts));

    // Cancelled at the last report, after every row was written inside the transaction.
    let last = |p: enterprise::import::ImportProgress| !(p.stage == "write" && p.done == p.total);
    let err = enterprise::import::commit_with_progress(&mut store, &path, &opts, &last).unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert_eq!((dump(&store), counts(&store)), (before, before_counts));

    // Not cancelled: read, check and write are reported in order.
    let stages = std::cell::RefCell::new(Vec::new());
    let report = enterprise::import::commit_with_progress(&mut store, &path, &opts, &|p| {
        stages.borrow_mut().push((p.stage, p.done, p.total));
        true
    })
    .unwrap();
    assert_eq!(report.inserted, 25);
    let stages = stages.into_inner();
    let order: Vec<&str> = stages.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(order, ["read", "read", "check", "check", "write", "write"]);
    assert_eq!(stages.last().unwrap(), &("write".to_string(), 25, 25));
    // The store is still usable after the rolled-back attempts.
    assert_eq!(counts(&store).1, 1);
}
