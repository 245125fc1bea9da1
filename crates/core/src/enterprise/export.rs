//! The enterprise pool (optionally one county or a search) written as an official .xlsx that
//! comes back whole: sheet 企业名单 with every stored field and extra attribute, sheet 年度数据
//! with every year's figures; merged title, count and date line, 黑体 header repeated on every
//! printed page, 仿宋 body with borders, numbers as numbers with number formats, A4 landscape.
use crate::store::filter::Paging;
use crate::enterprise::detail::full_list;
use crate::enterprise::table::{enterprise_table, yearly_table, Style, Table, YEARLY_SHEET};
use crate::enterprise::EnterpriseQuery;
use crate::error::{CoreError, Result};
use crate::store::Store;
use crate::sheet::write::{self, cell, cjk, display_width, Footer};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet};
use std::path::Path;

pub use crate::enterprise::table::ExportCell;

/// Sheet rows before the first enterprise: title, count/date line, header.
pub const FIRST_DATA_ROW: u32 = 3;
/// The enterprises' sheet.
pub const SHEET: &str = "企业名单";

/// (min, max) column widths in Excel character units.
const MIN_WIDTH: f64 = 6.0;
const MAX_WIDTH: f64 = 40.0;

/// The sheet's title: the city's pool, or one county's.
pub fn title(county: Option<&str>) -> String {
    format!("{}特色产业集群“领跑者”企业培育库企业名单", county.unwrap_or("邢台市"))
}

/// Writes the enterprises matching `query` (paging ignored) to `path`; returns how many.
pub fn export_enterprises(store: &Store, path: &Path, query: &EnterpriseQuery) -> Result<usize> {
    let county = query.county.as_deref().map(str::trim).filter(|c| !c.is_empty());
    if let Some(c) = county {
        let known: bool = store.conn.query_row("SELECT count(*) > 0 FROM counties WHERE name = ?1", [c], |r| r.get(0))?;
        if !known {
            return Err(CoreError::Invalid(format!("“{c}”不是邢台市的县（市、区）名称")));
        }
    }
    let all = EnterpriseQuery { paging: Paging::default(), county: county.map(str::to_string), ..query.clone() };
    let data = full_list(store, &all)?;
    let mut book = Workbook::new();
    let name = title(county);
    write_sheet(book.add_worksheet(), SHEET, &name, &format!("共 {} 家企业", data.len()), &enterprise_table(&data))?;
    let yearly = yearly_table(&data);
    let count = format!("共 {} 条（每家企业每年一行）", yearly.lines.len());
    write_sheet(book.add_worksheet(), YEARLY_SHEET, &format!("{name}（年度数据）"), &count, &yearly)?;
    write::save(&mut book, path)?;
    Ok(data.len())
}

struct Formats {
    title: Format,
    subtitle: Format,
    header: Format,
    body: [Format; 5],
}

fn formats() -> Formats {
    let body = |align: FormatAlign, num: &str| {
        let f = cell(cjk("仿宋", 12.0)).set_align(align);
        if num.is_empty() { f } else { f.set_num_format(num) }
    };
    Formats {
        title: write::title(),
        subtitle: cjk("仿宋", 12.0).set_align(FormatAlign::Right).set_align(FormatAlign::VerticalCenter),
        header: write::header(),
        body: [
            body(FormatAlign::Left, ""),
            body(FormatAlign::Center, ""),
            body(FormatAlign::Right, "#,##0.00"),
            body(FormatAlign::Center, "0"),
            body(FormatAlign::Right, "0.00"),
        ],
    }
}

fn style_index(s: Style) -> usize {
    match s {
        Style::Text => 0,
        Style::Center => 1,
        Style::Money => 2,
        Style::Integer => 3,
        Style::Percent => 4,
    }
}

/// Display width of a number as the body format shows it (thousands separators, 2 decimals).
fn number_width(n: f64, style: Style) -> usize {
    let digits = (n.abs().max(1.0).log10().floor() as usize) + 1;
    match style {
        Style::Money => digits + (digits - 1) / 3 + 3 + usize::from(n < 0.0),
        Style::Percent => digits + 3 + usize::from(n < 0.0),
        _ => digits + usize::from(n < 0.0),
    }
}

/// Column widths from the widest cell of each column (CJK counted double), within bounds;
/// 12 pt body text takes a little more than the 11 pt unit Excel measures columns in.
fn column_widths(t: &Table) -> Vec<f64> {
    let mut widths: Vec<usize> = t
        .headers
        .iter()
        .map(|h| {
            // Long headers wrap onto two lines.
            let w = display_width(h);
            if w > 12 { w.div_ceil(2) } else { w }
        })
        .collect();
    for line in &t.lines {
        for (c, cell) in line.iter().enumerate() {
            let w = match cell {
                ExportCell::Blank => 0,
                ExportCell::Text(t) => display_width(t),
                ExportCell::Number(n) => number_width(*n, t.styles[c]),
            };
            widths[c] = widths[c].max(w);
        }
    }
    widths.into_iter().map(|w| (w as f64 * 1.15 + 2.0).clamp(MIN_WIDTH, MAX_WIDTH)).collect()
}

/// Writes one official sheet: merged title, the count and date line, the header and the lines.
pub(crate) fn write_sheet(ws: &mut Worksheet, name: &str, title: &str, count: &str, t: &Table) -> Result<()> {
    let f = formats();
    let last_col = (t.headers.len() - 1) as u16;
    ws.set_name(name)?;
    for (c, w) in column_widths(t).iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    write::official_page(ws, 0.5, Footer::PageOfTotal);
    ws.merge_range(0, 0, 0, last_col, title, &f.title)?;
    ws.set_row_height(0, 40)?;
    let today = chrono::Local::now().format("%Y年%-m月%-d日");
    ws.merge_range(1, 0, 1, last_col, &format!("{count}　　导出日期：{today}"), &f.subtitle)?;
    ws.set_row_height(1, 22)?;
    let header_row = FIRST_DATA_ROW - 1;
    for (c, h) in t.headers.iter().enumerate() {
        ws.write_string_with_format(header_row, c as u16, h, &f.header)?;
    }
    ws.set_row_height(header_row, 36)?;
    ws.set_repeat_rows(header_row, header_row)?;
    ws.set_freeze_panes(FIRST_DATA_ROW, 0)?;
    for (i, line) in t.lines.iter().enumerate() {
        let r = FIRST_DATA_ROW + i as u32;
        for (c, cell) in line.iter().enumerate() {
            let fmt = &f.body[style_index(t.styles[c])];
            match cell {
                ExportCell::Blank => ws.write_blank(r, c as u16, fmt)?,
                ExportCell::Text(t) => ws.write_string_with_format(r, c as u16, t, fmt)?,
                ExportCell::Number(n) => ws.write_number_with_format(r, c as u16, *n, fmt)?,
            };
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enterprise::fields::FIELDS;
    use crate::enterprise::table::UNKNOWN_FLAG;
    use crate::sheet::read::{tests::sheet, CellValue as Data, Grid};

    fn seed(s: &Store) {
        s.conn
            .execute_batch(
                "INSERT INTO enterprises(id, uscc, name, county, cluster, legal_rep, contact, phone, registered_capital_wan,
                    target_board, listing_stage, specialized, little_giant, high_tech, extra, created_at, updated_at)
                 VALUES (1, '91130506MA01RRJY81', '河北嘉坤农机装备股份有限公司', '南和区', '南和宠物食品', '张三', '李四',
                    '0319-1234567', 2600.5, '北交所', '辅导备案', 1, 0, 1, '{\"产值排名\":\"3\"}', '', ''),
                    (2, '91130528MA08TU9953', '宁晋某某光伏有限公司', '宁晋县', NULL, NULL, NULL, NULL, NULL,
                    NULL, NULL, NULL, NULL, NULL, '{}', '', '');
                 INSERT INTO enterprise_figures(enterprise_id, year, revenue_wan, profit_wan, rd_expense_wan, rd_ratio_pct, invention_patents)
                 VALUES (1, 2021, 10, 1, 1, 10, 1), (1, 2022, 12345.678, 456.7, 678.9, 5.5, 7);",
            )
            .unwrap();
    }

    /// The value of a cell, `None` outside the sheet.
    fn value(g: &Grid, (r, c): (usize, usize)) -> Option<&Data> {
        g.cell(r, c).map(|cell| &cell.value)
    }

    /// The value under `header` in sheet row `r` (0-based).
    fn under<'a>(g: &'a Grid, r: usize, header: &str) -> Option<&'a Data> {
        let c = (0..g.rows[2].len()).find(|c| g.text(2, *c) == header).unwrap_or_else(|| panic!("no column {header}"));
        value(g, (r, c))
    }

    /// The last row and column of the sheet.
    fn end(g: &Grid) -> Option<(usize, usize)> {
        Some((g.rows.len().checked_sub(1)?, g.rows.iter().map(Vec::len).max()?.checked_sub(1)?))
    }

    #[test]
    fn every_field_extra_and_year_is_written_numbers_as_numbers() {
        let s = Store::open_in_memory().unwrap();
        seed(&s);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("企业.xlsx");
        assert_eq!(export_enterprises(&s, &path, &EnterpriseQuery::default()).unwrap(), 2);
        let g = sheet(&path, SHEET);
        assert_eq!(value(&g, (0, 0)), Some(&Data::Text(title(None))));
        let sub = g.text(1, 0);
        assert!(sub.starts_with("共 2 家企业") && sub.contains("导出日期："), "{sub}");
        let base = FIELDS.iter().filter(|f| !f.yearly && f.stored()).count();
        assert_eq!(end(&g), Some((4, base + 1)), "序号, every stored field and the one extra attribute");
        let s_ = |t: &str| Data::Text(t.into());
        assert_eq!(under(&g, 3, "序号"), Some(&Data::Number(1.0)));
        assert_eq!(under(&g, 3, "企业名称"), Some(&s_("河北嘉坤农机装备股份有限公司")));
        assert_eq!(under(&g, 3, "注册资本（万元）"), Some(&Data::Number(2600.5)));
        assert_eq!(under(&g, 3, "专精特新企业"), Some(&s_("是")));
        assert_eq!(under(&g, 3, "专精特新“小巨人”"), Some(&s_("否")));
        assert_eq!(under(&g, 3, "是否入库（上市培育库）"), Some(&s_(UNKNOWN_FLAG)));
        assert_eq!(under(&g, 3, "产值排名"), Some(&s_("3")));
        assert!(matches!(under(&g, 4, "产值排名"), None | Some(Data::Empty)));
        assert!(matches!(under(&g, 4, "法定代表人"), None | Some(Data::Empty)));

        let y = sheet(&path, YEARLY_SHEET);
        assert_eq!(end(&y).map(|e| e.0), Some(4), "two years of the first enterprise, none of the second");
        assert_eq!(under(&y, 3, "统一社会信用代码"), Some(&s_("91130506MA01RRJY81")));
        assert_eq!(under(&y, 3, "年度"), Some(&Data::Number(2021.0)));
        assert_eq!(under(&y, 4, "营业收入（万元）"), Some(&Data::Number(12345.678)));
        assert_eq!(under(&y, 4, "研发投入占比（%）"), Some(&Data::Number(5.5)));
        assert_eq!(under(&y, 4, "发明专利数（件）"), Some(&Data::Number(7.0)));
    }

    #[test]
    fn every_column_is_read_back_as_its_own_field() {
        let s = Store::open_in_memory().unwrap();
        seed(&s);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("企业.xlsx");
        export_enterprises(&s, &path, &EnterpriseQuery::default()).unwrap();
        let p = crate::enterprise::import::preview(&s, &path, &Default::default()).unwrap();
        assert_eq!(p.report.sheet, SHEET);
        let want: Vec<Option<&str>> = std::iter::once(Some("seq"))
            .chain(FIELDS.iter().filter(|f| !f.yearly && f.stored()).map(|f| Some(f.key)))
            .chain([None])
            .collect();
        let got: Vec<Option<&str>> = p.columns.iter().map(|c| c.field.as_deref()).collect();
        assert_eq!(got, want);
        assert_eq!((p.report.inserted, p.report.updated, p.report.unchanged), (0, 0, 2), "{:?}", p.changed_rows);
    }

    #[test]
    fn county_filter_titles_and_limits_the_sheet() {
        let s = Store::open_in_memory().unwrap();
        seed(&s);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("宁晋.xlsx");
        let q = EnterpriseQuery { county: Some("宁晋县".into()), paging: Paging::new(5, 1), ..Default::default() };
        assert_eq!(export_enterprises(&s, &path, &q).unwrap(), 1);
        let g = sheet(&path, SHEET);
        assert_eq!(value(&g, (0, 0)), Some(&Data::Text(title(Some("宁晋县")))));
        assert_eq!(value(&g, (3, 1)), Some(&Data::Text("宁晋某某光伏有限公司".into())));
        assert_eq!(end(&g).map(|e| e.0), Some(3));
        let err = export_enterprises(&s, &path, &EnterpriseQuery { county: Some("火星县".into()), ..Default::default() }).unwrap_err();
        assert!(err.to_string().contains("火星县"), "{err}");
    }

    #[test]
    fn widths_follow_display_width() {
        let t = Table {
            headers: vec!["序号".into(), "企业名称".into(), "注册资本（万元）".into()],
            styles: vec![Style::Integer, Style::Text, Style::Money],
            lines: vec![
                vec![ExportCell::Number(1.0), ExportCell::Text("甲乙丙丁戊己庚辛壬癸有限公司".into()), ExportCell::Number(1234567.0)],
                vec![ExportCell::Number(2.0), ExportCell::Text("ABC".into()), ExportCell::Blank],
            ],
        };
        let w = column_widths(&t);
        assert_eq!(w[1], 28.0 * 1.15 + 2.0);
        // 1,234,567.00 is 12 characters wide.
        assert_eq!(w[2], 12.0 * 1.15 + 2.0);
        assert_eq!(w[0], 4.0 * 1.15 + 2.0);
    }
}
