//! Small .xlsx files for the CLI tests: a sheet of text cells, and a problem ledger with one
//! 融资 problem per enterprise.
use std::path::Path;

/// Writes `rows` (the first is the header) as text cells of one sheet.
pub fn write_sheet(path: &Path, rows: &[Vec<String>]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

/// A ledger sheet with one problem for each of the given enterprises: (name, uscc).
pub fn write_ledger(path: &Path, enterprises: &[(String, String)]) {
    let header = ["序号", "企业名称", "统一社会信用代码", "问题来源", "问题类别", "问题描述", "收集日期"];
    let mut rows = vec![header.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
    for (i, (name, uscc)) in enterprises.iter().enumerate() {
        let need = format!("流动资金贷款需求{}千万元", i + 1);
        rows.push(vec![(i + 1).to_string(), name.clone(), uscc.clone(), "入企服务".into(), "融资".into(), need, "2026-03-01".into()]);
    }
    write_sheet(path, &rows);
}
