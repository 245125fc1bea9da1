//! The enterprise pool (latest figures, optionally one county or a search) written as an official
//! .xlsx: merged title, count and date line, 黑体 header repeated on every printed page, 仿宋 body
//! with borders, A4 landscape fitted to the page width, column widths from CJK display width.
use crate::store::filter::Paging;
use crate::enterprise::{list_enterprises, EnterpriseQuery, EnterpriseRow};
use crate::error::{CoreError, Result};
use crate::store::Store;
use crate::sheet::write::{self, cell, cjk, display_width, Footer};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet};
use std::path::Path;

/// Column headers of the exported sheet, in order.
pub const HEADERS: [&str; 20] = [
    "序号",
    "企业名称",
    "统一社会信用代码",
    "县（市、区）",
    "特色产业集群",
    "法定代表人",
    "联系人",
    "联系电话",
    "注册资本（万元）",
    "数据年度",
    "营业收入（万元）",
    "利润总额（万元）",
    "研发投入（万元）",
    "研发投入占比（%）",
    "有效发明专利（件）",
    "拟上市板块",
    "上市进度",
    "专精特新",
    "专精特新“小巨人”",
    "高新技术企业",
];

/// Sheet rows before the first enterprise: title, count/date line, header.
pub const FIRST_DATA_ROW: u32 = 3;

/// One exported cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportCell {
    Blank,
    Text(String),
    Number(f64),
}

/// How a column's values are shown.
#[derive(Clone, Copy, PartialEq)]
enum Style {
    Text,
    Center,
    Money,
    Integer,
    Percent,
}

const STYLES: [Style; 20] = [
    Style::Integer,
    Style::Text,
    Style::Center,
    Style::Center,
    Style::Text,
    Style::Center,
    Style::Center,
    Style::Center,
    Style::Money,
    Style::Integer,
    Style::Money,
    Style::Money,
    Style::Money,
    Style::Percent,
    Style::Integer,
    Style::Center,
    Style::Center,
    Style::Center,
    Style::Center,
    Style::Center,
];

/// (min, max) column widths in Excel character units.
const MIN_WIDTH: f64 = 6.0;
const MAX_WIDTH: f64 = 40.0;

fn text(v: &Option<String>) -> ExportCell {
    match v.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => ExportCell::Text(t.to_string()),
        _ => ExportCell::Blank,
    }
}

fn number(v: Option<f64>) -> ExportCell {
    v.map_or(ExportCell::Blank, ExportCell::Number)
}

fn flag(v: Option<bool>) -> ExportCell {
    v.map_or(ExportCell::Blank, |b| ExportCell::Text(if b { "是" } else { "否" }.into()))
}

/// The cells of one enterprise's line (`seq` is its 1-based 序号).
pub fn row_cells(seq: usize, e: &EnterpriseRow) -> [ExportCell; 20] {
    [
        ExportCell::Number(seq as f64),
        ExportCell::Text(e.name.clone()),
        ExportCell::Text(e.uscc.clone()),
        text(&e.county),
        text(&e.cluster),
        text(&e.legal_rep),
        text(&e.contact),
        text(&e.phone),
        number(e.registered_capital_wan),
        number(e.figures_year.map(|y| y as f64)),
        number(e.revenue_wan),
        number(e.profit_wan),
        number(e.rd_expense_wan),
        number(e.rd_ratio_pct),
        number(e.invention_patents.map(|n| n as f64)),
        text(&e.target_board),
        text(&e.listing_stage),
        flag(e.specialized),
        flag(e.little_giant),
        flag(e.high_tech),
    ]
}

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
    let rows = list_enterprises(store, &all)?.rows;
    let mut book = Workbook::new();
    write_sheet(book.add_worksheet(), &title(county), &rows)?;
    write::save(&mut book, path)?;
    Ok(rows.len())
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
fn column_widths(lines: &[[ExportCell; 20]]) -> [f64; 20] {
    let mut widths = [0usize; 20];
    for (c, h) in HEADERS.iter().enumerate() {
        // Long headers wrap onto two lines.
        let w = display_width(h);
        widths[c] = if w > 12 { w.div_ceil(2) } else { w };
    }
    for line in lines {
        for (c, cell) in line.iter().enumerate() {
            let w = match cell {
                ExportCell::Blank => 0,
                ExportCell::Text(t) => display_width(t),
                ExportCell::Number(n) => number_width(*n, STYLES[c]),
            };
            widths[c] = widths[c].max(w);
        }
    }
    widths.map(|w| (w as f64 * 1.15 + 2.0).clamp(MIN_WIDTH, MAX_WIDTH))
}

fn write_sheet(ws: &mut Worksheet, title: &str, rows: &[EnterpriseRow]) -> Result<()> {
    let f = formats();
    let lines: Vec<[ExportCell; 20]> = rows.iter().enumerate().map(|(i, e)| row_cells(i + 1, e)).collect();
    let last_col = (HEADERS.len() - 1) as u16;
    ws.set_name("企业名单")?;
    for (c, w) in column_widths(&lines).iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    write::official_page(ws, 0.5, Footer::PageOfTotal);
    ws.merge_range(0, 0, 0, last_col, title, &f.title)?;
    ws.set_row_height(0, 40)?;
    let today = chrono::Local::now().format("%Y年%-m月%-d日");
    ws.merge_range(1, 0, 1, last_col, &format!("共 {} 家企业　　导出日期：{today}", rows.len()), &f.subtitle)?;
    ws.set_row_height(1, 22)?;
    let header_row = FIRST_DATA_ROW - 1;
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(header_row, c as u16, *h, &f.header)?;
    }
    ws.set_row_height(header_row, 36)?;
    ws.set_repeat_rows(header_row, header_row)?;
    ws.set_freeze_panes(FIRST_DATA_ROW, 0)?;
    for (i, line) in lines.iter().enumerate() {
        let r = FIRST_DATA_ROW + i as u32;
        for (c, cell) in line.iter().enumerate() {
            let fmt = &f.body[style_index(STYLES[c])];
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
    use crate::sheet::read::{tests::sheet, CellValue as Data, Grid, Merge};

    fn seed(s: &Store) {
        s.conn
            .execute_batch(
                "INSERT INTO enterprises(id, uscc, name, county, cluster, legal_rep, contact, phone, registered_capital_wan,
                    target_board, listing_stage, specialized, little_giant, high_tech, created_at, updated_at)
                 VALUES (1, '91130506MA01RRJY81', '河北嘉坤农机装备股份有限公司', '南和区', '南和宠物食品', '张三', '李四',
                    '0319-1234567', 2600.5, '北交所', '辅导备案', 1, 0, 1, '', ''),
                    (2, '91130528MA08TU9953', '宁晋某某光伏有限公司', '宁晋县', NULL, NULL, NULL, NULL, NULL,
                    NULL, NULL, NULL, NULL, NULL, '', '');
                 INSERT INTO enterprise_figures(enterprise_id, year, revenue_wan, profit_wan, rd_expense_wan, rd_ratio_pct, invention_patents)
                 VALUES (1, 2021, 10, 1, 1, 10, 1), (1, 2022, 12345.678, 456.7, 678.9, 5.5, 7);",
            )
            .unwrap();
    }

    fn read_back(path: &Path) -> (Grid, Vec<Merge>) {
        let grid = sheet(path, "企业名单");
        let merges = grid.merges.clone();
        (grid, merges)
    }

    /// The value of a cell, `None` outside the sheet.
    fn value(g: &Grid, (r, c): (usize, usize)) -> Option<&Data> {
        g.cell(r, c).map(|cell| &cell.value)
    }

    /// The last row and column of the sheet.
    fn end(g: &Grid) -> Option<(usize, usize)> {
        Some((g.rows.len().checked_sub(1)?, g.rows.iter().map(Vec::len).max()?.checked_sub(1)?))
    }

    #[test]
    fn round_trip_every_cell() {
        let s = Store::open_in_memory().unwrap();
        seed(&s);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("企业.xlsx");
        assert_eq!(export_enterprises(&s, &path, &EnterpriseQuery::default()).unwrap(), 2);
        let (range, merges) = read_back(&path);
        assert_eq!(value(&range, (0, 0)), Some(&Data::Text(title(None))));
        let sub = range.text(1, 0);
        assert!(sub.starts_with("共 2 家企业") && sub.contains("导出日期："), "{sub}");
        assert_eq!(merges.len(), 2);
        assert!(merges.iter().all(|d| d.first.1 == 0 && d.last.1 == 19 && d.first.0 == d.last.0));
        for (c, h) in HEADERS.iter().enumerate() {
            assert_eq!(value(&range, (2, c)), Some(&Data::Text(h.to_string())), "header {c}");
        }
        let s_ = |t: &str| Data::Text(t.into());
        let want: Vec<Data> = vec![
            Data::Number(1.0),
            s_("河北嘉坤农机装备股份有限公司"),
            s_("91130506MA01RRJY81"),
            s_("南和区"),
            s_("南和宠物食品"),
            s_("张三"),
            s_("李四"),
            s_("0319-1234567"),
            Data::Number(2600.5),
            Data::Number(2022.0),
            Data::Number(12345.678),
            Data::Number(456.7),
            Data::Number(678.9),
            Data::Number(5.5),
            Data::Number(7.0),
            s_("北交所"),
            s_("辅导备案"),
            s_("是"),
            s_("否"),
            s_("是"),
        ];
        for (c, w) in want.iter().enumerate() {
            assert_eq!(value(&range, (3, c)), Some(w), "row 1 col {c}");
        }
        // The second enterprise has only name, code and county; other cells are blank.
        assert_eq!(value(&range, (4, 0)), Some(&Data::Number(2.0)));
        assert_eq!(value(&range, (4, 1)), Some(&s_("宁晋某某光伏有限公司")));
        assert_eq!(value(&range, (4, 3)), Some(&s_("宁晋县")));
        for c in (4..20).filter(|c| *c != 3) {
            assert!(matches!(value(&range, (4, c)), None | Some(Data::Empty)), "col {c}: {:?}", value(&range, (4, c)));
        }
        assert_eq!(end(&range), Some((4, 19)));
    }

    #[test]
    fn county_filter_titles_and_limits_the_sheet() {
        let s = Store::open_in_memory().unwrap();
        seed(&s);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("宁晋.xlsx");
        let q = EnterpriseQuery { county: Some("宁晋县".into()), paging: Paging::new(5, 1), ..Default::default() };
        assert_eq!(export_enterprises(&s, &path, &q).unwrap(), 1);
        let (range, _) = read_back(&path);
        assert_eq!(value(&range, (0, 0)), Some(&Data::Text(title(Some("宁晋县")))));
        assert_eq!(value(&range, (3, 1)), Some(&Data::Text("宁晋某某光伏有限公司".into())));
        assert_eq!(end(&range).map(|e| e.0), Some(3));
        let err = export_enterprises(&s, &path, &EnterpriseQuery { county: Some("火星县".into()), ..Default::default() }).unwrap_err();
        assert!(err.to_string().contains("火星县"), "{err}");
    }

    #[test]
    fn widths_follow_display_width() {
        let e = |name: &str| EnterpriseRow {
            id: 1,
            name: name.into(),
            uscc: "91130506MA01RRJY81".into(),
            county: None,
            cluster: None,
            legal_rep: None,
            contact: None,
            phone: None,
            registered_capital_wan: Some(1234567.0),
            figures_year: None,
            revenue_wan: None,
            profit_wan: None,
            rd_expense_wan: None,
            rd_ratio_pct: None,
            invention_patents: None,
            target_board: None,
            listing_stage: None,
            specialized: None,
            little_giant: None,
            high_tech: None,
        };
        let lines = vec![row_cells(1, &e("甲乙丙丁戊己庚辛壬癸有限公司")), row_cells(2, &e("ABC"))];
        let w = column_widths(&lines);
        assert_eq!(w[1], 28.0 * 1.15 + 2.0);
        assert_eq!(w[2], 18.0 * 1.15 + 2.0);
        // 1,234,567.00 is 12 characters wide.
        assert_eq!(w[8], 12.0 * 1.15 + 2.0);
        assert_eq!(w[0], 4.0 * 1.15 + 2.0);
    }
}
