//! The 年度数据 sheet of the app's own export: one row per enterprise and year (统一社会信用代码,
//! 企业名称, 年度, the figures), read into the figures of the enterprise sheet's records so that
//! every year comes back; its problems are warnings naming the sheet, row and column.
use super::layout;
use super::record::{self, Record, RowContext, RowOutcome};
use super::values;
use super::Issue;
use crate::enterprise::fields;
use crate::enterprise::table::{YEARLY_SHEET, YEAR_HEADER};
use crate::enterprise::vocab::Counties;
use crate::sheet::merged::fill_merges;
use crate::sheet::read::{column_letter, Grid};
use crate::sheet::text::compact;

/// Whether the sheet is the export's 年度数据 sheet (never taken for the enterprise list).
pub fn is_yearly_sheet(name: &str) -> bool {
    name.trim() == YEARLY_SHEET
}

fn warn(row: u32, column: Option<String>, value: Option<String>, message: String) -> Issue {
    Issue { row, column, value, code: "yearly_sheet".into(), message: format!("工作表“{YEARLY_SHEET}”{message}") }
}

/// Adds the figures of the workbook's 年度数据 sheet to the records with the same USCC; returns
/// the warnings.
pub fn merge(mut grid: Grid, records: &mut [Record], counties: &Counties) -> Vec<Issue> {
    fill_merges(&mut grid);
    let Some(header) = layout::find_header(&grid) else { return Vec::new() };
    let all = layout::columns(&grid, &header, None);
    let Some(year_col) = all.iter().find(|c| compact(&c.header) == YEAR_HEADER).map(|c| c.index) else {
        return vec![warn(header[0] as u32 + 1, None, None, format!("的表头中没有“{YEAR_HEADER}”列，其中的年度数据未导入"))];
    };
    let columns: Vec<layout::Column> = all
        .into_iter()
        .filter(|c| c.key.is_some_and(|k| matches!(k, "uscc" | "name") || fields::field(k).is_some_and(|f| f.yearly)))
        .collect();
    let mut out = Vec::new();
    let by_uscc: std::collections::HashMap<String, usize> = records.iter().enumerate().map(|(i, r)| (r.uscc.clone(), i)).collect();
    for r in header.last().map_or(0, |h| h + 1)..grid.rows.len() {
        let row = (r + 1) as u32;
        let cells = &grid.rows[r];
        if cells.iter().all(|c| c.is_blank()) {
            continue;
        }
        let year_cell = cells.get(year_col).cloned().unwrap_or_default();
        let year = match values::year(&year_cell) {
            Ok(Some(y)) => y,
            _ => {
                out.push(warn(row, Some(column_letter(year_col)), Some(year_cell.display()), format!("第{row}行：“{YEAR_HEADER}”不是年份，本行未导入")));
                continue;
            }
        };
        let ctx = RowContext { columns: &columns, counties, year, county: None, fraction_columns: &[] };
        match record::read_row(cells, row, &ctx) {
            RowOutcome::Rejected(issue, w) => {
                out.extend(w.into_iter().chain([issue]).map(|i| warn(i.row, i.column, i.value, i.message)));
            }
            RowOutcome::Accepted(rec, w) => {
                out.extend(w.into_iter().map(|i| warn(i.row, i.column, i.value, i.message)));
                match by_uscc.get(&rec.uscc).map(|i| &mut records[*i]) {
                    Some(target) => {
                        for (y, figures) in rec.figures {
                            target.figures.entry(y).or_default().extend(figures);
                        }
                    }
                    None => out.push(warn(row, None, Some(rec.uscc.clone()), format!("第{row}行：统一社会信用代码 {} 不在企业名单中，本行未导入", rec.uscc))),
                }
            }
        }
    }
    out
}
