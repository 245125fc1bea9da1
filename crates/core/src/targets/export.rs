//! The targets dashboard as an official .xlsx: 主要目标完成情况 (every indicator with target, value,
//! progress, status and source) and 分县区情况 (computed indicators per county); A4 landscape.
use super::{board, TargetBoard, TargetQuery};
use crate::sheet::write::{self, cjk, Footer};
use crate::error::Result;
use crate::store::Store;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet};
use std::path::Path;

/// The sheet's title, after the board's plan: 邢台市特色产业集群“领跑者”企业培育主要目标完成情况.
pub fn title(b: &TargetBoard) -> String {
    crate::work_plans::titles::document_title(&b.plan_title, None, "主要目标完成情况")
}
const HEADERS: [&str; 10] = ["序号", "指标", "单位", "目标值", "目标年份", "完成值", "完成进度", "状态", "数据来源", "说明"];
const WIDTHS: [f64; 10] = [6.0, 30.0, 6.0, 9.0, 9.0, 10.0, 10.0, 10.0, 12.0, 46.0];

struct Styles {
    title: Format,
    subtitle: Format,
    header: Format,
    text: Format,
    center: Format,
    note: Format,
    /// Numbers: whole, two decimals, and a percentage of 1.
    whole: Format,
    decimal: Format,
    percent: Format,
}

fn styles() -> Styles {
    Styles {
        title: write::title(),
        subtitle: cjk("仿宋", 12.0).set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter),
        header: write::header(),
        text: write::body().set_align(FormatAlign::Left),
        center: write::body().set_align(FormatAlign::Center),
        note: cjk("仿宋", 11.0).set_text_wrap().set_align(FormatAlign::Left).set_align(FormatAlign::Top),
        whole: write::body().set_align(FormatAlign::Center).set_num_format("0"),
        decimal: write::body().set_align(FormatAlign::Center).set_num_format("0.00"),
        percent: write::body().set_align(FormatAlign::Center).set_num_format("0%"),
    }
}

/// A value as a number cell (counts whole, ratios with two decimals), or “—” when there is none.
fn write_value(ws: &mut Worksheet, st: &Styles, (row, col): (u32, u16), v: Option<f64>, unit: &str) -> Result<()> {
    match v {
        None => ws.write_string_with_format(row, col, "—", &st.center)?,
        Some(v) if unit != "%" && v.fract().abs() < 1e-9 => ws.write_number_with_format(row, col, v, &st.whole)?,
        Some(v) => ws.write_number_with_format(row, col, v, &st.decimal)?,
    };
    Ok(())
}

/// “2026年11月26日” from an ISO date.
fn chinese_date(iso: &str) -> String {
    let parts: Vec<u32> = iso.split('-').filter_map(|p| p.parse().ok()).collect();
    match parts.as_slice() {
        [y, m, d] => format!("{y}年{m}月{d}日"),
        _ => iso.into(),
    }
}

/// The line under the title: year, scope and date.
pub fn subtitle(b: &TargetBoard) -> String {
    let mut scope = vec![b.county.clone().unwrap_or_else(|| "全市".into())];
    scope.extend(b.cluster.clone());
    format!("（{}年度　统计范围：{}　统计日期：{}）", b.year, scope.join("·"), chinese_date(&b.as_of))
}

fn page_setup(ws: &mut Worksheet, header_row: u32) -> Result<()> {
    write::official_page(ws, 0.6, Footer::Dashes);
    ws.set_repeat_rows(header_row, header_row)?;
    Ok(())
}

fn heading(ws: &mut Worksheet, st: &Styles, title: &str, sub: &str, headers: &[String], widths: &[f64]) -> Result<()> {
    let last = headers.len() as u16 - 1;
    ws.merge_range(0, 0, 0, last, title, &st.title)?;
    ws.set_row_height(0, 36)?;
    ws.merge_range(1, 0, 1, last, sub, &st.subtitle)?;
    ws.set_row_height(1, 22)?;
    for (c, (h, w)) in headers.iter().zip(widths).enumerate() {
        ws.write_string_with_format(2, c as u16, h, &st.header)?;
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_row_height(2, 30)?;
    Ok(())
}

/// Writes the dashboard for `q` (year and filters) to `path`.
pub fn export_targets(store: &Store, path: &Path, q: &TargetQuery) -> Result<()> {
    let b = board(store, q)?;
    write_board(&b, path)
}

fn write_board(b: &TargetBoard, path: &Path) -> Result<()> {
    let st = styles();
    let mut book = Workbook::new();
    let sub = subtitle(b);
    let ws = book.add_worksheet().set_name("主要目标完成情况")?;
    let headers: Vec<String> = HEADERS.iter().map(|h| h.to_string()).collect();
    let title = title(b);
    heading(ws, &st, &title, &sub, &headers, &WIDTHS)?;
    let mut row = 3u32;
    for (i, ind) in b.indicators.iter().enumerate() {
        // Columns 0, 3, 5 and 6 are numbers; the others text.
        let cells = [
            String::new(),
            ind.name.clone(),
            ind.unit.clone(),
            String::new(),
            ind.target_year.map(|y| if ind.per_year { format!("{y}年当年") } else { format!("{y}年") }).unwrap_or_default(),
            String::new(),
            String::new(),
            ind.status_label.clone(),
            if ind.kind == "computed" { "企业库计算" } else { "人工填报" }.into(),
            with_city(b, ind),
        ];
        for (c, text) in cells.iter().enumerate().filter(|(c, _)| ![0, 3, 5, 6].contains(c)) {
            let f = if c == 1 || c == 9 { &st.text } else { &st.center };
            ws.write_string_with_format(row, c as u16, text, f)?;
        }
        ws.write_number_with_format(row, 0, (i + 1) as f64, &st.whole)?;
        write_value(ws, &st, (row, 3), ind.target, &ind.unit)?;
        write_value(ws, &st, (row, 5), ind.value, &ind.unit)?;
        match ind.progress_pct {
            Some(p) => ws.write_number_with_format(row, 6, p / 100.0, &st.percent)?,
            None => ws.write_string_with_format(row, 6, "—", &st.center)?,
        };
        let lines = (width(&cells[9]) as f64 / (WIDTHS[9] - 2.0)).ceil().max(1.0);
        ws.set_row_height(row, (lines * 16.0).max(24.0))?;
        row += 1;
    }
    row += 1;
    for text in [format!("状态说明：{}", b.status_rule), format!("“领跑者”企业口径：{}。", b.leader_basis)] {
        ws.merge_range(row, 0, row, 9, &text, &st.note)?;
        ws.set_row_height(row, 36)?;
        row += 1;
    }
    page_setup(ws, 2)?;

    let computed: Vec<_> = b.indicators.iter().filter(|i| i.kind == "computed").collect();
    let ws = book.add_worksheet().set_name("分县区情况")?;
    let mut headers = vec!["县（市、区）".to_string(), "企业数（家）".to_string()];
    headers.extend(computed.iter().map(|i| format!("{}（{}）", i.name, i.unit)));
    let mut widths = vec![16.0, 10.0];
    widths.extend(computed.iter().map(|_| 13.0));
    heading(ws, &st, &format!("{title}（分县区）"), &sub, &headers, &widths)?;
    ws.set_row_height(2, 66)?;
    for (r, c) in b.counties.iter().enumerate() {
        let row = 3 + r as u32;
        ws.write_string_with_format(row, 0, &c.county, &st.center)?;
        ws.write_number_with_format(row, 1, c.enterprises as f64, &st.whole)?;
        for (k, ind) in computed.iter().enumerate() {
            let v = c.values.get(&ind.key).copied().flatten();
            write_value(ws, &st, (row, 2 + k as u16), v, &ind.unit)?;
        }
        ws.set_row_height(row, 22)?;
    }
    page_setup(ws, 2)?;
    write::save(&mut book, path)
}

/// The 说明 of an indicator; with a county filter, the city's target and value come first.
fn with_city(b: &TargetBoard, ind: &super::IndicatorProgress) -> String {
    if b.county.is_none() {
        return ind.note.clone();
    }
    let show = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| format!("{}{}", (v * 100.0).round() / 100.0, ind.unit));
    format!("全市目标 {}，全市完成 {}；{}", show(ind.city_target), show(ind.city_value), ind.note)
}

/// Display width of a text (CJK counted double): autofit under-measures Chinese.
fn width(s: &str) -> usize {
    s.chars().map(|c| if (c as u32) < 0x1100 { 1 } else { 2 }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::read::tests::sheet;

    #[test]
    fn sheet_lists_every_indicator_and_the_counties() {
        let s = Store::open_in_memory().unwrap();
        s.conn
            .execute_batch(
                "INSERT INTO enterprises(id, uscc, name, county, little_giant, little_giant_year, created_at, updated_at)
                   VALUES (1, 'U1', '甲公司', '南和区', 1, 2024, 't', 't');
                 INSERT INTO enterprise_figures(enterprise_id, year, revenue_wan, rd_expense_wan) VALUES (1, 2025, 100, 4);",
            )
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("targets.xlsx");
        export_targets(&s, &path, &TargetQuery { year: Some(2025), ..Default::default() }).unwrap();
        let main = sheet(&path, "主要目标完成情况");
        assert_eq!(main.text(0, 0), "邢台市特色产业集群“领跑者”企业培育主要目标完成情况");
        assert!(main.text(1, 0).contains("2025年度"));
        let names: Vec<String> = (3..main.rows.len()).map(|r| main.text(r, 1)).collect();
        let lg = 3 + names.iter().position(|n| n == "专精特新“小巨人”企业数").unwrap();
        assert_eq!(main.text(lg, 5), "1");
        assert!(matches!(main.cell(lg, 5).map(|c| &c.value), Some(crate::sheet::read::CellValue::Number(n)) if *n == 1.0), "a number, not text");
        assert!(matches!(main.cell(3, 0).map(|c| &c.value), Some(crate::sheet::read::CellValue::Number(n)) if *n == 1.0), "序号 too");
        assert_eq!(main.text(lg, 8), "企业库计算");
        let counties = sheet(&path, "分县区情况");
        assert_eq!(counties.text(3, 0), "南和区");
        assert_eq!(chinese_date("2026-11-26"), "2026年11月26日");
    }
}
