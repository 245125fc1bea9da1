//! Tests of the ledger import: preview and import of exported and hand-made ledger sheets.
use super::super::export::export_ledger;
use super::super::tests::{new_problem, store_with_two};
use super::super::*;
use super::*;
use rust_xlsxwriter::Workbook;

/// A county-style sheet: a title line, a header with other wording, four rows.
fn county_sheet(path: &Path) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.merge_range(0, 0, 0, 8, "南和区“领跑者”企业问题诉求台账", &rust_xlsxwriter::Format::new()).unwrap();
    let header = ["序号", "统一社会信用代码", "企业名称", "问题诉求", "问题类别", "来源", "提出时间", "责任单位", "办理时限"];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let rows: [[&str; 9]; 5] = [
        ["1", "91130506MA01RRJY81", "河北嘉坤农机装备股份有限公司", "企业反映流动资金紧张，需银行授信支持", "融资", "入企服务", "2026年11月20日", "", ""],
        ["2", "91130506 ma01rrjy81", "", "新厂区用地指标未落实", "用地", "座谈会", "2026/11/18", "区自然资源局", "2030-12-31"],
        ["3", "91130506MA01RRJY82", "某公司", "缺技术工人", "用工", "电话", "", "", ""],
        ["4", "", "不在库里的公司", "环评审批慢", "审批", "平台", "", "", ""],
        ["5", "", "宁晋某某光伏有限公司", "", "市场", "", "", "", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 2, c as u16, *v).unwrap();
        }
    }
    book.save(path).unwrap();
}

#[test]
fn a_county_sheet_is_previewed_then_imported_with_rejections_in_chinese() {
    let (mut s, a, _) = store_with_two();
    let old = new_problem(&mut s, a, "融资");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("南和台账.xlsx");
    county_sheet(&path);
    let before: i64 = s.conn.query_row("SELECT count(*) FROM problems", [], |r| r.get(0)).unwrap();
    let r = preview_ledger_import(&s, &path).unwrap();
    assert_eq!((r.report.header_rows[0], r.rows, r.report.inserted, r.report.updated, r.report.unchanged), (2, 5, 1, 0, 1));
    let after: i64 = s.conn.query_row("SELECT count(*) FROM problems", [], |r| r.get(0)).unwrap();
    assert_eq!(before, after, "preview writes nothing");
    let rejected: Vec<(u32, Option<&str>)> = r.report.rejected.iter().map(|i| (i.row, i.column.as_deref())).collect();
    assert_eq!(rejected, vec![(5, Some("B")), (6, Some("C")), (7, Some("D"))]);
    assert!(r.report.rejected[0].message.contains("校验位"), "{}", r.report.rejected[0].message);
    assert!(r.report.rejected[1].message.contains("不在库里的公司"));
    assert!(r.report.rejected[2].message.contains("问题描述为空"));
    assert_eq!((r.changes[0].row, r.changes[0].state.as_str()), (4, "交办"));

    import_ledger(&mut s, &path, 1).unwrap();
    let page = list_problems(&s, &ProblemQuery::default()).unwrap();
    let new = page.rows.iter().find(|p| p.description == "新厂区用地指标未落实").unwrap();
    assert_eq!((new.state.as_str(), new.lead_unit.as_deref(), new.deadline.as_deref()), ("交办", Some("区自然资源局"), Some("2030-12-31")));
    assert_eq!(new.received_on, "2026-11-18");
    let steps: Vec<String> = problem_detail(&s, new.id).unwrap().transitions.into_iter().map(|t| t.action).collect();
    assert_eq!(steps, vec!["征集", "交办"]);
    assert_eq!(get_problem(&s, old.id).unwrap().state, "征集");
    let again = preview_ledger_import(&s, &path).unwrap();
    assert_eq!((again.report.inserted, again.report.updated, again.report.unchanged), (0, 0, 2));
}

#[test]
fn the_exported_ledger_imports_back_unchanged_and_edits_show_as_updates() {
    let (mut s, a, b) = store_with_two();
    let p = new_problem(&mut s, a, "融资");
    let q = new_problem(&mut s, b, "用地");
    new_problem(&mut s, b, "其他");
    for id in [p.id, q.id] {
        assign_problem(&mut s, id, &AssignInput { lead_unit: "市金融工作局".into(), co_units: vec!["市工业和信息化局".into()], deadline: Some("2030-01-31".into()) }).unwrap();
        serve_problem(&mut s, id, &ServeInput { date: Some("2026-11-21".into()), unit: "市金融工作局".into(), content: "组织银企对接会".into() }).unwrap();
    }
    close_problem(&mut s, q.id, &CloseInput { result: "已协调用地指标".into(), closed_on: Some("2026-11-25".into()), satisfaction: "基本满意".into() }).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账.xlsx");
    export_ledger(&s, &path, &ProblemQuery::default()).unwrap();
    let r = preview_ledger_import(&s, &path).unwrap();
    assert_eq!((r.rows, r.report.inserted, r.report.updated, r.report.unchanged), (3, 0, 0, 3), "{:?}", r.report.rejected);
    assert!(r.report.rejected.is_empty());

    set_deadline(&mut s, p.id, "2031-06-30").unwrap();
    let r = import_ledger(&mut s, &path, 1).unwrap();
    assert_eq!((r.report.updated, r.report.unchanged), (1, 2));
    assert_eq!(r.changes[0].fields, vec![FieldChange::text("deadline", "办理时限", Some("2031-06-30".into()), "2030-01-31".into())]);
    assert_eq!(get_problem(&s, p.id).unwrap().deadline.as_deref(), Some("2030-01-31"));
    let audited: i64 = s.conn
        .query_row("SELECT count(*) FROM audit_log WHERE table_name = 'problems' AND field = '办理时限' AND source LIKE '导入问题台账%'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(audited, 1);
}

#[test]
fn an_enterprise_name_merged_over_several_rows_applies_to_each_problem() {
    let (mut s, _, _) = store_with_two();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("合并.xlsx");
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in ["企业名称", "问题描述", "问题类别"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.merge_range(1, 0, 2, 0, "宁晋某某光伏有限公司", &rust_xlsxwriter::Format::new()).unwrap();
    ws.write_string(1, 1, "缺少熟练技工").unwrap();
    ws.write_string(1, 2, "用工").unwrap();
    ws.write_string(2, 1, "出口退税周期长").unwrap();
    ws.write_string(2, 2, "贷款").unwrap();
    book.save(&path).unwrap();
    let r = import_ledger(&mut s, &path, 1).unwrap();
    assert_eq!((r.report.inserted, r.report.rejected.len()), (2, 0));
    let w = &r.report.warnings[0];
    assert_eq!((w.row, w.column.as_deref(), w.message.as_str()), (3, Some("C"), "问题类别“贷款”按“融资”导入"));
    let rows = list_problems(&s, &ProblemQuery::default()).unwrap().rows;
    assert!(rows.iter().all(|p| p.enterprise_name == "宁晋某某光伏有限公司" && p.state == "征集" && p.source == "其他"));
    assert_eq!(rows.iter().filter(|p| p.category == "融资").count(), 1);
}

/// A ledger in a county's own words: free sources and categories, months for dates, a date no
/// one can read, a mistyped code beside a known name.
fn free_text_sheet(path: &Path) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let rows: [[&str; 7]; 6] = [
        ["统一社会信用代码", "企业名称", "企业诉求", "问题来源", "问题类型", "反映时间", "办理时限"],
        ["", "河北嘉坤农机装备股份有限公司", "流动资金紧张", "入企走访", "贷款难", "2026年5月", ""],
        ["", "河北嘉坤农机装备股份有限公司", "新厂房用地未批", "企业反映", "土地指标", "2026.5", "尽快"],
        ["91130528MA08TU9954", "宁晋某某光伏有限公司", "停电频繁", "县长接待日", "水电气暖", "", ""],
        ["91130528MA08TU9953", "", "招不到技工", "12345热线", "用工", "2026-05-20", ""],
        ["", "宁晋某某光伏有限公司", "出口退税慢", "座谈会", "出口退税", "46000", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    book.save(path).unwrap();
}

#[test]
fn a_ledger_in_free_words_imports_every_row_with_warnings() {
    let (mut s, _, _) = store_with_two();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("县区台账.xlsx");
    free_text_sheet(&path);
    let r = import_ledger(&mut s, &path, 1).unwrap();
    assert_eq!((r.rows, r.report.inserted, r.report.rejected.len()), (5, 5, 0), "{:?}", r.report.rejected);
    let warned: Vec<(u32, &str, &str)> = r.report.warnings.iter().map(|w| (w.row, w.column.as_deref().unwrap_or(""), w.code.as_str())).collect();
    assert_eq!(
        warned,
        vec![
            (2, "D", "value_mapped"),
            (2, "E", "value_mapped"),
            (3, "G", "date_invalid"),
            (3, "D", "value_mapped"),
            (3, "E", "value_mapped"),
            (4, "A", "uscc_check_digit"),
            (4, "D", "value_unlisted"),
            (4, "E", "value_unlisted"),
            (5, "D", "value_mapped"),
            (6, "E", "value_mapped"),
        ]
    );
    let page = list_problems(&s, &ProblemQuery::default()).unwrap();
    let mut got: Vec<(String, String, String, String)> =
        page.rows.iter().map(|p| (p.description.clone(), p.source.clone(), p.category.clone(), p.received_on.clone())).collect();
    got.sort();
    let row = |d: &str, s: &str, c: &str, r: &str| (d.to_string(), s.to_string(), c.to_string(), r.to_string());
    let today = super::super::today().to_string();
    let mut want = vec![
        row("流动资金紧张", "入企服务", "融资", "2026-05-01"),
        row("新厂房用地未批", "其他", "用地", "2026-05-01"),
        row("停电频繁", "县长接待日", "水电气暖", &today),
        row("招不到技工", "电话", "用工", "2026-05-20"),
        row("出口退税慢", "座谈会", "政策", "2025-12-09"),
    ];
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn a_sheet_without_a_ledger_header_is_refused() {
    let (s, _, _) = store_with_two();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.xlsx");
    let mut book = Workbook::new();
    book.add_worksheet().write_string(0, 0, "序号").unwrap();
    book.save(&path).unwrap();
    let e = preview_ledger_import(&s, &path).unwrap_err();
    assert!(e.to_string().contains("问题台账"), "{e}");
}

#[test]
fn encrypted_and_non_workbook_files_give_the_readers_error() {
    let (mut s, _, _) = store_with_two();
    crate::sheet::read::tests::assert_unreadable_files_refused(|p| preview_ledger_import(&s, p));
    crate::sheet::read::tests::assert_unreadable_files_refused(|p| import_ledger(&mut s, p, 1));
}
