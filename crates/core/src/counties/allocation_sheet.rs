//! The 任务分解 sheet: a plan's allocation for a year written as .xlsx (counties × indicators, the
//! city's target on top, the counties' sum and a check below, as formulas) and read back into
//! allocation cells; a file with any bad cell writes nothing.
use super::allocation::{load_allocation, save_allocation, Allocation, AllocationCell, AllocationSummary};
use crate::enterprise::vocab::Counties;
use crate::error::{CoreError, Result};
use crate::sheet::read::{column_letter, read_filled, sheet_row, CellValue, Grid};
use crate::sheet::report::SheetIssue;
use crate::sheet::text::{compact, number_text};
use crate::sheet::write::{self, display_width, Footer};
use crate::store::Store;
use crate::targets::{plan_indicators, Indicator};
use crate::work_plans::indicator_sheet::parse_target;
use crate::work_plans::{self, titles};
use rust_xlsxwriter::{
    Color, ConditionalFormatCell, ConditionalFormatCellRule, DataValidation, DataValidationRule, Format, FormatAlign, Formula, Workbook,
    Worksheet,
};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// The sheet's name, and the header of its county column.
pub const SHEET_NAME: &str = "任务分解";
const COUNTY_HEADER: &str = "县（市、区）";
const CITY_ROW: &str = "全市目标";
const SUM_ROW: &str = "各县合计";
const CHECK_ROW: &str = "核对";
/// Rows of the layout (0-based): title, help, header, the city's targets, then the counties.
const HEADER_ROW: u32 = 2;
const CITY: u32 = 3;
const FIRST_COUNTY: u32 = 4;

/// The allocation sheet's title: 邢台市特色产业集群“领跑者”企业培育2025年度目标任务分解表.
pub fn allocation_title(plan_title: &str, year: i64) -> String {
    titles::document_title(plan_title, None, &format!("{year}年度目标任务分解表"))
}

fn help(year: i64) -> String {
    format!(
        "填写说明：在各县（市、区）一行填写分解到该县（市、区）的{year}年度目标，只填不小于 0 的数字；比率类指标（%）填百分数（如 3.5），不求和；\
         空白表示不分解（导入时删除已有的分解目标）。“{CITY_ROW}”“{SUM_ROW}”“{CHECK_ROW}”三行不导入，合计与核对由公式计算。"
    )
}

/// An indicator's column header: its name, and its unit on a line of its own (上市企业数 /（家）).
fn column_header(ind: &Indicator) -> String {
    if ind.unit.is_empty() {
        ind.name.clone()
    } else {
        format!("{}\n（{}）", ind.name, ind.unit)
    }
}

/// Writes the allocation of plan `plan_id` (the current one when `None`) for `year` to `out`.
pub fn export_allocation(store: &Store, plan_id: Option<i64>, year: i64, out: &Path) -> Result<()> {
    let a = load_allocation(store, plan_id, year)?;
    let plan = work_plans::get_plan(store, a.plan_id)?;
    let indicators = plan_indicators(store, &plan)?;
    let mut book = Workbook::new();
    let ws = book.add_worksheet().set_name(SHEET_NAME)?;
    write_sheet(ws, &a, &indicators)?;
    write::save(&mut book, out)
}

fn write_sheet(ws: &mut Worksheet, a: &Allocation, indicators: &[Indicator]) -> Result<()> {
    let last = a.indicators.len() as u16;
    let header = write::header();
    let label = write::body().set_align(FormatAlign::Center);
    let number = write::body().set_align(FormatAlign::Center);
    let city = number.clone().set_bold();
    let total = write::cell(write::cjk("黑体", 12.0)).set_align(FormatAlign::Center);
    ws.merge_range(0, 0, 0, last.max(1), &allocation_title(&a.plan_title, a.year), &write::title())?;
    ws.set_row_height(0, 36)?;
    ws.merge_range(1, 0, 1, last.max(1), &help(a.year), &write::cjk("仿宋", 11.0).set_text_wrap().set_align(FormatAlign::Left))?;
    ws.set_row_height(1, 48)?;
    ws.write_string_with_format(HEADER_ROW, 0, COUNTY_HEADER, &header)?;
    ws.write_string_with_format(CITY, 0, CITY_ROW, &total)?;
    ws.set_column_width(0, 16)?;
    let counties = a.counties.len() as u32;
    let sum_row = FIRST_COUNTY + counties;
    let check_row = sum_row + 1;
    for (r, county) in a.counties.iter().enumerate() {
        ws.write_string_with_format(FIRST_COUNTY + r as u32, 0, county, &label)?;
        ws.set_row_height(FIRST_COUNTY + r as u32, 20)?;
    }
    ws.write_string_with_format(sum_row, 0, SUM_ROW, &total)?;
    ws.write_string_with_format(check_row, 0, CHECK_ROW, &total)?;
    const WIDTH: f64 = 11.0;
    let mut header_lines = 1;
    for (i, (row, ind)) in a.indicators.iter().zip(indicators).enumerate() {
        let c = 1 + i as u16;
        let head = column_header(ind);
        header_lines = header_lines.max(display_width(&ind.name).div_ceil(WIDTH as usize - 1) + 1);
        ws.write_string_with_format(HEADER_ROW, c, &head, &header)?;
        ws.set_column_width(c, WIDTH)?;
        write_target(ws, (CITY, c), row.city_target, &city)?;
        for (r, v) in row.cells.iter().enumerate() {
            write_target(ws, (FIRST_COUNTY + r as u32, c), *v, &number)?;
        }
        let col = column_letter(c as usize);
        let (first, last_county, city_cell) = (FIRST_COUNTY + 1, FIRST_COUNTY + counties, format!("{col}{}", CITY + 1));
        if row.summed {
            let sum = Formula::new(format!("=SUM({col}{first}:{col}{last_county})")).set_result(number_text(row.sum));
            ws.write_formula_with_format(sum_row, c, sum, &total)?;
            let verdict = match row.city_target {
                None => "—",
                Some(_) if row.balanced => "相符",
                Some(_) => "不足",
            };
            let check = Formula::new(format!("=IF(ISNUMBER({city_cell}),IF({col}{}>={city_cell},\"相符\",\"不足\"),\"—\")", sum_row + 1)).set_result(verdict);
            ws.write_formula_with_format(check_row, c, check, &total)?;
        } else {
            ws.write_string_with_format(sum_row, c, "—", &total)?;
            ws.write_string_with_format(check_row, c, "不求和", &total)?;
        }
        let rule = if ind.is_ratio() { DataValidationRule::Between(0.0, 100.0) } else { DataValidationRule::GreaterThanOrEqualTo(0.0) };
        let why = if ind.is_ratio() { "比率类指标请填 0—100 之间的数字（如 3.5）" } else { "请填写不小于 0 的数字" };
        let validation = DataValidation::new().allow_decimal_number(rule).set_error_title("目标值不正确")?.set_error_message(why)?;
        ws.add_data_validation(CITY, c, FIRST_COUNTY + counties - 1, c, &validation)?;
    }
    ws.set_row_height(HEADER_ROW, (header_lines as f64 * 16.0 + 8.0).max(30.0))?;
    ws.set_row_height(CITY, 22)?;
    ws.set_row_height(sum_row, 22)?;
    ws.set_row_height(check_row, 22)?;
    if last > 0 {
        let short = ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::EqualTo("\"不足\""))
            .set_format(Format::new().set_font_color(Color::Red).set_bold());
        ws.add_conditional_format(check_row, 1, check_row, last, &short)?;
    }
    write::official_page(ws, 0.4, Footer::PageOfTotal);
    ws.set_repeat_rows(HEADER_ROW, CITY)?;
    ws.set_repeat_columns(0, 0)?;
    ws.set_freeze_panes(FIRST_COUNTY, 1)?;
    Ok(())
}

fn write_target(ws: &mut Worksheet, (row, col): (u32, u16), v: Option<f64>, f: &Format) -> Result<()> {
    match v {
        Some(v) => ws.write_number_with_format(row, col, v, f)?,
        None => ws.write_blank(row, col, f)?,
    };
    Ok(())
}

/// What an allocation sheet holds: the cells it sets (a blank cell removes a target) and the
/// problems found; the rows and columns of issues are as Excel shows them.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct AllocationRead {
    pub file_name: String,
    pub sheet: String,
    pub cells: Vec<AllocationCell>,
    pub issues: Vec<SheetIssue>,
}

/// The outcome of importing an allocation sheet: with any issue, nothing is written and
/// `summary` is null.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct AllocationImport {
    pub file_name: String,
    pub sheet: String,
    pub issues: Vec<SheetIssue>,
    pub summary: Option<AllocationSummary>,
}

/// The header row and the county column of a sheet.
fn locate(g: &Grid) -> Option<(usize, usize)> {
    let wanted: Vec<String> = ["县（市、区）", "县(市、区)", "县（市区）", "县市区", "县区", "县（市、区）名称"].iter().map(|h| compact(h)).collect();
    (0..g.rows.len().min(30)).find_map(|r| {
        let texts = g.row_texts(r);
        texts.iter().position(|t| wanted.contains(&compact(t))).map(|c| (r, c))
    })
}

/// The indicator a header names: its name, or its name followed by its unit (in brackets or
/// not, on the same line or the next); quotes, brackets and spaces do not count.
fn indicator_of<'a>(header: &str, indicators: &'a [Indicator]) -> Option<&'a Indicator> {
    let key = |s: &str| crate::work_plans::indicator_sheet::compact(&compact(s));
    let h = key(header);
    indicators.iter().find(|i| key(&i.name) == h || format!("{}{}", key(&i.name), key(&i.unit)) == h)
}

/// Rows that are not a county's: the city's targets, sums and checks, notes.
fn is_summary_row(text: &str) -> bool {
    let t = compact(text);
    ["全市", "合计", "小计", "总计", "核对", "填表", "说明", "备注"].iter().any(|w| t.contains(w))
}

/// The years a title line names as 2025年度 (a plan's period, 2023—2027年, is not one).
fn years_named(text: &str) -> Vec<i64> {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len().saturating_sub(5))
        .filter(|&i| i == 0 || !chars[i - 1].is_ascii_digit())
        .filter(|&i| chars[i..i + 4].iter().all(char::is_ascii_digit) && chars[i + 4] == '年' && chars[i + 5] == '度')
        .filter_map(|i| chars[i..i + 4].iter().collect::<String>().parse().ok())
        .collect()
}

/// One target cell: blank → `Ok(None)`; else a number not below 0 (at most 100 for %).
fn target_of(g: &Grid, r: usize, c: usize, ind: &Indicator) -> std::result::Result<Option<f64>, SheetIssue> {
    let Some(cell) = g.cell(r, c).filter(|cell| !cell.is_blank()) else {
        return Ok(None);
    };
    let text = cell.display();
    let issue = |code: &str, why: &str| SheetIssue::new(sheet_row(r), Some(column_letter(c)), Some(text.clone()), code, format!("第 {} 行 {} 列：“{text}”{why}", sheet_row(r), column_letter(c)));
    let value = match &cell.value {
        CellValue::Number(n) if n.is_finite() && *n >= 0.0 => Some(if cell.percent && ind.is_ratio() { n * 100.0 } else { *n }),
        CellValue::Text(t) => parse_target(t).ok().flatten(),
        _ => None,
    };
    match value {
        None => Err(issue("bad_number", "不是不小于 0 的数字")),
        Some(v) if ind.is_ratio() && v > 100.0 => Err(issue("out_of_range", "超出 0—100 的范围（比率类指标填百分数）")),
        Some(v) => Ok(Some(v)),
    }
}

/// Reads an allocation sheet for plan `plan_id` (the current one when `None`) and `year`: the
/// header row is the one holding 县（市、区）, columns are the plan's indicators by name (with or
/// without the unit), the 全市目标 / 合计 / 核对 rows are skipped.
pub fn read_allocation(store: &Store, plan_id: Option<i64>, year: i64, path: &Path) -> Result<AllocationRead> {
    let plan = work_plans::resolve(store, plan_id)?;
    let indicators = plan_indicators(store, &plan)?;
    let (file_name, grids) = read_filled(path)?;
    let (g, (header, county_col)) = grids
        .iter()
        .filter(|g| !g.hidden)
        .find_map(|g| locate(g).map(|at| (g, at)))
        .ok_or_else(|| CoreError::UnrecognizedLayout(format!("无法识别 {file_name} 中的任务分解表：没有找到“{COUNTY_HEADER}”列（可先导出任务分解表再填写）")))?;
    let mut issues = Vec::new();
    for r in 0..header {
        let line = g.row_texts(r).join("");
        let named = years_named(&line);
        if let Some(other) = named.first().filter(|_| !named.contains(&year)) {
            let message = format!("第 {} 行：表中写的是{other}年度，与导入的{year}年度不符", sheet_row(r));
            issues.push(SheetIssue::new(sheet_row(r), None, Some(line.clone()), "year_mismatch", message));
        }
    }
    let mut columns: Vec<(usize, &Indicator)> = Vec::new();
    for (c, text) in g.row_texts(header).iter().enumerate() {
        let t = compact(text);
        if c == county_col || t.is_empty() || ["序号", "备注", "说明"].contains(&t.as_str()) {
            continue;
        }
        let at = format!("第 {} 行 {} 列", sheet_row(header), column_letter(c));
        match indicator_of(text, &indicators) {
            Some(ind) if columns.iter().any(|(_, i)| i.key == ind.key) => {
                issues.push(SheetIssue::new(sheet_row(header), Some(column_letter(c)), Some(text.clone()), "duplicate_indicator", format!("{at}：指标“{}”重复", ind.name)));
            }
            Some(ind) => columns.push((c, ind)),
            None => {
                let message = format!("{at}：“{text}”不是《{}》的指标", plan.title);
                issues.push(SheetIssue::new(sheet_row(header), Some(column_letter(c)), Some(text.clone()), "unknown_indicator", message));
            }
        }
    }
    if columns.is_empty() {
        return Err(CoreError::UnrecognizedLayout(format!("{file_name} 的工作表“{}”中没有本工作方案的指标列", g.name)));
    }
    let known = Counties::load(store)?;
    let mut cells = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for r in header + 1..g.rows.len() {
        let raw = g.text(r, county_col);
        let filled = columns.iter().any(|&(c, _)| g.cell(r, c).is_some_and(|cell| !cell.is_blank()));
        if is_summary_row(&raw) || (compact(&raw).is_empty() && !filled) {
            continue;
        }
        let at = format!("第 {} 行 {} 列", sheet_row(r), column_letter(county_col));
        let issue = |code: &str, message: String| SheetIssue::new(sheet_row(r), Some(column_letter(county_col)), Some(raw.clone()), code, message);
        let Some(county) = known.resolve(&raw) else {
            let why = if compact(&raw).is_empty() { format!("{at}：没有填写县（市、区）") } else { format!("{at}：“{raw}”不是邢台市的县（市、区）名称") };
            issues.push(issue("unknown_county", why));
            continue;
        };
        if seen.contains(&county) {
            issues.push(issue("duplicate_county", format!("{at}：{county}重复出现")));
            continue;
        }
        seen.push(county.clone());
        for &(c, ind) in &columns {
            match target_of(g, r, c, ind) {
                Ok(target) => cells.push(AllocationCell { indicator: ind.key.clone(), county: county.clone(), target }),
                Err(issue) => issues.push(issue),
            }
        }
    }
    Ok(AllocationRead { file_name, sheet: g.name.clone(), cells, issues })
}

/// Reads the allocation sheet at `path` and, if it has no issue, saves its cells for plan
/// `plan_id` (the current one when `None`) and `year` ([`save_allocation`]; `dry_run` previews).
pub fn import_allocation(store: &mut Store, plan_id: Option<i64>, year: i64, path: &Path, operator: Option<&str>, dry_run: bool) -> Result<AllocationImport> {
    let read = read_allocation(store, plan_id, year, path)?;
    let summary = if read.issues.is_empty() { Some(save_allocation(store, plan_id, year, &read.cells, operator, dry_run)?) } else { None };
    Ok(AllocationImport { file_name: read.file_name, sheet: read.sheet, issues: read.issues, summary })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::counties::allocation::AllocationCell;
    use crate::sheet::read::tests::sheet;

    fn store_with_allocation() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        work_plans::set_unlocked(&mut s, 1, true).unwrap();
        let cell = |i: &str, c: &str, t: f64| AllocationCell { indicator: i.into(), county: c.into(), target: Some(t) };
        let cells = [cell("little_giant", "信都区", 30.0), cell("little_giant", "清河县", 20.0), cell("shareholding_reform", "清河县", 2.0), cell("leader_rd_ratio", "宁晋县", 3.6)];
        save_allocation(&mut s, None, 2025, &cells, None, false).unwrap();
        s
    }

    /// Column letter of an indicator in the exported sheet.
    fn col_of(g: &Grid, name: &str) -> usize {
        g.row_texts(HEADER_ROW as usize).iter().position(|h| h.starts_with(name)).unwrap()
    }

    #[test]
    fn the_sheet_shows_city_targets_counties_sums_and_checks_and_reads_back_unchanged() {
        let mut s = store_with_allocation();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("分解.xlsx");
        export_allocation(&s, None, 2025, &path).unwrap();
        let g = sheet(&path, SHEET_NAME);
        assert_eq!(g.text(0, 0), "邢台市特色产业集群“领跑者”企业培育2025年度目标任务分解表");
        assert_eq!(g.text(2, 0), COUNTY_HEADER);
        assert_eq!((g.text(3, 0), g.text(4, 0), g.text(23, 0), g.text(24, 0), g.text(25, 0)), (CITY_ROW.into(), "襄都区".into(), "邢东新区".into(), SUM_ROW.into(), CHECK_ROW.into()));
        let lg = col_of(&g, "专精特新“小巨人”企业数");
        assert_eq!(g.text(2, lg), "专精特新“小巨人”企业数\n（家）");
        // 30 + 20 = 50 = the 2025 milestone.
        assert_eq!((g.text(3, lg), g.text(24, lg), g.text(25, lg)), ("50".into(), "50".into(), "相符".into()));
        assert_eq!(g.cell(24, lg).unwrap().value, CellValue::Number(50.0), "the formula's result is a number");
        let reform = col_of(&g, "完成股份制改造企业");
        // 2 of 5 a year.
        assert_eq!((g.text(24, reform), g.text(25, reform)), ("2".into(), "不足".into()));
        let rd = col_of(&g, "“领跑者”企业研发投入占比");
        assert_eq!((g.text(24, rd), g.text(25, rd)), ("—".into(), "不求和".into()));
        let green = col_of(&g, "省级以上绿色工厂");
        assert_eq!((g.text(3, green), g.text(24, green), g.text(25, green)), ("3".into(), "0".into(), "不足".into()));

        let back = import_allocation(&mut s, None, 2025, &path, None, false).unwrap();
        assert!(back.issues.is_empty(), "{:?}", back.issues);
        let summary = back.summary.unwrap();
        assert_eq!((summary.changed, summary.unchanged), (0, 4));
    }

    #[test]
    fn bad_cells_unknown_counties_and_other_years_are_issues_and_nothing_is_written() {
        let mut s = store_with_allocation();
        let before = load_allocation(&s, None, 2025).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("县区填报.xlsx");
        let mut book = Workbook::new();
        let ws = book.add_worksheet().set_name("Sheet1").unwrap();
        let rows: [&[&str]; 7] = [
            &["邢台市2024年度目标任务分解表"],
            &["县(市、区)", "专精特新“小巨人”企业数", "完成股份制改造企业（家）", "“领跑者”企业研发投入占比(%)", "序号"],
            &["全市目标", "50", "5", "3.5"],
            &["清河", "二十", "3", "120"],
            &["邢台市南和区", "-1", "", "3.2"],
            &["开封县", "1", "1", "1"],
            &["各县合计", "", "", ""],
        ];
        for (r, row) in rows.iter().enumerate() {
            for (c, t) in row.iter().enumerate() {
                match t.parse::<f64>() {
                    Ok(n) if r > 1 => ws.write_number(r as u32, c as u16, n).unwrap(),
                    _ => ws.write_string(r as u32, c as u16, *t).unwrap(),
                };
            }
        }
        book.save(&path).unwrap();
        let got = import_allocation(&mut s, None, 2025, &path, None, false).unwrap();
        let messages: Vec<&str> = got.issues.iter().map(|i| i.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "第 1 行：表中写的是2024年度，与导入的2025年度不符",
                "第 4 行 B 列：“二十”不是不小于 0 的数字",
                "第 4 行 D 列：“120”超出 0—100 的范围（比率类指标填百分数）",
                "第 5 行 B 列：“-1”不是不小于 0 的数字",
                "第 6 行 A 列：“开封县”不是邢台市的县（市、区）名称",
            ]
        );
        assert_eq!((got.issues[1].row, got.issues[1].column.as_deref(), got.issues[1].code.as_str()), (4, Some("B"), "bad_number"));
        assert!(got.summary.is_none());
        assert_eq!(load_allocation(&s, None, 2025).unwrap(), before, "a file with issues writes nothing");

        let read = read_allocation(&s, None, 2024, &path).unwrap();
        assert_eq!(read.issues.len(), 4, "the year matches now");
        let qinghe: Vec<(&str, Option<f64>)> = read.cells.iter().filter(|c| c.county == "清河县").map(|c| (c.indicator.as_str(), c.target)).collect();
        assert_eq!(qinghe, vec![("shareholding_reform", Some(3.0))], "清河 is 清河县; its bad cells are issues");
        let nanhe: Vec<(&str, Option<f64>)> = read.cells.iter().filter(|c| c.county == "南和区").map(|c| (c.indicator.as_str(), c.target)).collect();
        assert_eq!(nanhe, vec![("shareholding_reform", None), ("leader_rd_ratio", Some(3.2))], "a blank cell removes");
    }

    #[test]
    fn a_sheet_without_the_county_column_or_indicators_is_not_an_allocation() {
        let s = Store::open_in_memory().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.xlsx");
        let mut book = Workbook::new();
        book.add_worksheet().write_string(0, 0, "企业名称").unwrap();
        book.save(&path).unwrap();
        let e = read_allocation(&s, None, 2025, &path).unwrap_err();
        assert_eq!(e.code(), "unrecognized_layout");
        assert!(e.to_string().contains("县（市、区）"), "{e}");
        assert_eq!(years_named("邢台市2025年度目标"), vec![2025]);
        assert_eq!(years_named("邯郸市行动方案（2023—2027年）2025年度目标任务分解表"), vec![2025], "the plan's period is no year of the sheet");
        assert_eq!(years_named("共12025年度"), Vec::<i64>::new());
    }
}
