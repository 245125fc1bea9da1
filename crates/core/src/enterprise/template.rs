//! The county collection template: an .xlsx in the layout the importer reads best (title,
//! one header row with the figures' year, drop-down lists, input hints, frozen header) with a
//! column for every field the store keeps and for each extra attribute in the store, and an
//! instructions sheet; the lists live on a hidden sheet.
use super::vocab::{BOARDS, STAGES};
use crate::enterprise::EnterpriseRow;
use crate::error::Result;
use crate::store::Store;
use rust_xlsxwriter::{DataValidation, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet};
use std::path::Path;

/// Rows the template offers drop-downs and formats for.
const INPUT_ROWS: u32 = 1000;
const FIRST_DATA_ROW: u32 = 2;

/// Which drop-down a column gets.
#[derive(Clone, Copy, PartialEq)]
enum List {
    None,
    County,
    Cluster,
    Board,
    Stage,
    YesNo,
}

struct TemplateColumn {
    key: &'static str,
    /// Header; `{year}` is replaced by the figures' year.
    header: &'static str,
    width: f64,
    list: List,
    text: bool,
    hint: &'static str,
}

const fn col(key: &'static str, header: &'static str, width: f64, list: List, text: bool, hint: &'static str) -> TemplateColumn {
    TemplateColumn { key, header, width, list, text, hint }
}

const COLUMNS: &[TemplateColumn] = &[
    col("seq", "序号", 6.0, List::None, false, ""),
    col("name", "企业名称", 34.0, List::None, true, "填写营业执照上的企业全称（必填）"),
    col("uscc", "统一社会信用代码", 22.0, List::None, true, "18位，数字或大写字母（必填）"),
    col("county", "县（市、区）", 14.0, List::County, true, "从下拉列表选择"),
    col("cluster", "特色产业集群", 18.0, List::Cluster, true, "从下拉列表选择，列表中没有的可直接填写"),
    col("industry", "所属行业", 16.0, List::None, true, ""),
    col("main_business", "主营业务", 24.0, List::None, true, ""),
    col("legal_rep", "法定代表人", 12.0, List::None, true, ""),
    col("contact", "联系人", 12.0, List::None, true, ""),
    col("phone", "联系电话", 16.0, List::None, true, ""),
    col("address", "地址", 24.0, List::None, true, ""),
    col("founded", "成立时间", 12.0, List::None, true, "如 2012-08-01 或 2012-08"),
    col("registered_capital_wan", "注册资本（万元）", 14.0, List::None, false, "单位：万元，只填数字"),
    col("revenue_wan", "{year}年营业收入（万元）", 16.0, List::None, false, "单位：万元，只填数字"),
    col("profit_wan", "{year}年利润总额（万元）", 16.0, List::None, false, "单位：万元，亏损填负数"),
    col("tax_wan", "{year}年税收（万元）", 14.0, List::None, false, "单位：万元，只填数字"),
    col("rd_expense_wan", "{year}年研发投入（万元）", 16.0, List::None, false, "单位：万元，只填数字"),
    col("rd_ratio_pct", "{year}年研发投入占比（%）", 16.0, List::None, false, "填百分数的数值，如 3.52 表示 3.52%"),
    col("invention_patents", "{year}年有效发明专利（件）", 14.0, List::None, false, "整数"),
    col("target_board", "拟上市板块", 16.0, List::Board, true, "从下拉列表选择"),
    col("listing_stage", "上市进展", 12.0, List::Stage, true, "从下拉列表选择"),
    col("reform_date", "股改完成时间", 12.0, List::None, true, "如 2025-06 或 2025"),
    col("listed_date", "上市时间", 12.0, List::None, true, "如 2025-06-18"),
    col("tier", "梯队", 10.0, List::None, true, ""),
    col("in_pool", "是否入库（上市培育库）", 12.0, List::YesNo, true, "是/否"),
    col("pool_entered_on", "入库时间", 12.0, List::None, true, "如 2023-06-30 或 2023-06"),
    col("is_leader", "是否“领跑者”企业", 12.0, List::YesNo, true, "是/否"),
    col("leader_level", "“领跑者”级别", 10.0, List::None, true, "省级或市级"),
    col("leader_batch", "“领跑者”批次（年份）", 12.0, List::None, false, "认定批次的年份，如 2023"),
    col("specialized", "专精特新企业", 10.0, List::YesNo, true, "是/否"),
    col("specialized_year", "专精特新认定年份", 10.0, List::None, false, "四位年份，如 2023"),
    col("specialized_on", "专精特新认定时间", 12.0, List::None, false, "如 2023-06 或 2023"),
    col("specialized_until", "专精特新有效期至", 12.0, List::None, false, "不填则按认定时间加有效期"),
    col("specialized_review_on", "专精特新复核时间", 12.0, List::None, false, "如 2026-06"),
    col("specialized_review_result", "专精特新复核结果", 10.0, List::None, false, "通过/未通过"),
    col("little_giant", "专精特新“小巨人”", 12.0, List::YesNo, true, "是/否"),
    col("little_giant_year", "“小巨人”认定年份", 10.0, List::None, false, "四位年份，如 2023"),
    col("little_giant_on", "“小巨人”认定时间", 12.0, List::None, false, "如 2023-06 或 2023"),
    col("little_giant_until", "“小巨人”有效期至", 12.0, List::None, false, "不填则按认定时间加有效期"),
    col("little_giant_review_on", "“小巨人”复核时间", 12.0, List::None, false, "如 2026-06"),
    col("little_giant_review_result", "“小巨人”复核结果", 10.0, List::None, false, "通过/未通过"),
    col("high_tech", "高新技术企业", 10.0, List::YesNo, true, "是/否"),
    col("high_tech_year", "高新技术企业认定年份", 10.0, List::None, false, "四位年份，如 2023"),
    col("high_tech_on", "高新技术企业认定时间", 12.0, List::None, false, "如 2023-06 或 2023"),
    col("high_tech_until", "高新技术企业有效期至", 12.0, List::None, false, "不填则按认定时间加有效期"),
    col("high_tech_review_on", "高新技术企业复核时间", 12.0, List::None, false, "如 2026-06"),
    col("high_tech_review_result", "高新技术企业复核结果", 10.0, List::None, false, "通过/未通过"),
    col("innovative_sme", "创新型中小企业", 10.0, List::YesNo, true, "是/否"),
    col("innovative_sme_year", "创新型中小企业认定年份", 10.0, List::None, false, "四位年份，如 2023"),
    col("innovative_sme_on", "创新型中小企业认定时间", 12.0, List::None, false, "如 2023-06 或 2023"),
    col("innovative_sme_until", "创新型中小企业有效期至", 12.0, List::None, false, "不填则按认定时间加有效期"),
    col("innovative_sme_review_on", "创新型中小企业复核时间", 12.0, List::None, false, "如 2026-06"),
    col("innovative_sme_review_result", "创新型中小企业复核结果", 10.0, List::None, false, "通过/未通过"),
    col("white_list", "产业链供应链白名单", 10.0, List::YesNo, true, "是/否"),
    col("eco_positive_list", "生态环境监管正面清单", 10.0, List::YesNo, true, "是/否"),
    col("notes", "备注", 24.0, List::None, true, ""),
];

/// The headers of the extra attributes the store keeps (columns of county sheets with no field),
/// each a column of the template after the fields'.
fn extra_headers(store: &Store) -> Result<Vec<String>> {
    let mut stmt = store.conn.prepare("SELECT DISTINCT j.key FROM enterprises, json_each(enterprises.extra) AS j ORDER BY j.key")?;
    let keys = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(keys)
}

const INSTRUCTIONS: &[&str] = &[
    "填表说明",
    "一、请在“企业名单”工作表中每行填写一家企业，不要改动表头、不要插入合并单元格。",
    "二、企业名称、统一社会信用代码为必填项；统一社会信用代码为18位，系统将校验其第18位校验码。",
    "三、县（市、区）、特色产业集群、拟上市板块、上市进展及“是/否”各列请从下拉列表中选择。",
    "四、金额单位均为万元，只填数字（不带“万元”字样）；研发投入占比填百分数的数值，如 3.52。",
    "五、经济指标为表头所示年度的数据；没有的数据请留空，不要填“无”或“/”。",
    "六、同一企业只填一行；已报送过的企业再次报送时，系统按统一社会信用代码更新。",
];

fn lists(store: &Store) -> Result<Vec<(List, Vec<String>)>> {
    let counties = crate::reference::list_counties(store)?.into_iter().map(|c| c.name).collect();
    let clusters = crate::reference::list_clusters(store)?;
    Ok(vec![
        (List::County, counties),
        (List::Cluster, clusters),
        (List::Board, BOARDS.iter().map(|s| s.to_string()).collect()),
        (List::Stage, STAGES.iter().map(|s| s.to_string()).collect()),
        (List::YesNo, vec!["是".into(), "否".into()]),
    ])
}

fn year_of_figures() -> i64 {
    chrono::Datelike::year(&chrono::Local::now()) as i64 - 1
}

/// Writes a blank collection template to `path`.
pub fn write_template(store: &Store, path: &Path) -> Result<()> {
    let mut wb = build(store, year_of_figures(), &[])?;
    crate::sheet::write::save(&mut wb, path)
}

fn cell_text(row: &EnterpriseRow, key: &str) -> Option<String> {
    let v = serde_json::to_value(row).ok()?;
    match &v[key] {
        serde_json::Value::Null => None,
        serde_json::Value::Bool(b) => Some(if *b { "是" } else { "否" }.to_string()),
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

fn build(store: &Store, year: i64, rows: &[EnterpriseRow]) -> Result<Workbook> {
    let mut wb = Workbook::new();
    let body = Format::new().set_font_name("仿宋").set_font_size(11).set_border(FormatBorder::Thin);
    let text = body.clone().set_num_format("@");
    let header = Format::new()
        .set_font_name("黑体")
        .set_font_size(11)
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color("#DDEBF7");
    let title = Format::new().set_font_name("宋体").set_font_size(18).set_bold().set_align(FormatAlign::Center);

    let lists = lists(store)?;
    let extras = extra_headers(store)?;
    let ws = wb.add_worksheet();
    ws.set_name("企业名单")?;
    let last_col = (COLUMNS.len() + extras.len()) as u16 - 1;
    ws.merge_range(0, 0, 0, last_col, "邢台市特色产业集群“领跑者”企业信息采集表", &title)?;
    ws.set_row_height(0, 32)?;
    ws.set_row_height(1, 42)?;
    for (c, column) in COLUMNS.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(1, c, column.header.replace("{year}", &year.to_string()), &header)?;
        ws.set_column_width(c, column.width)?;
        if column.text {
            ws.set_column_format(c, &text)?;
        }
        add_validation(ws, c, column, &lists)?;
    }
    for (i, x) in extras.iter().enumerate() {
        let c = (COLUMNS.len() + i) as u16;
        ws.write_string_with_format(1, c, x, &header)?;
        ws.set_column_width(c, 14.0)?;
        ws.set_column_format(c, &text)?;
    }
    ws.set_freeze_panes(FIRST_DATA_ROW, 0)?;
    for (i, row) in rows.iter().enumerate() {
        let r = FIRST_DATA_ROW + i as u32;
        for (c, column) in COLUMNS.iter().enumerate() {
            let c = c as u16;
            if column.key == "seq" {
                ws.write_number_with_format(r, c, (i + 1) as f64, &body)?;
                continue;
            }
            match cell_text(row, column.key) {
                Some(v) if !column.text => match v.parse::<f64>() {
                    Ok(n) => ws.write_number_with_format(r, c, n, &body)?,
                    Err(_) => ws.write_string_with_format(r, c, &v, &text)?,
                },
                Some(v) => ws.write_string_with_format(r, c, &v, &text)?,
                None => ws.write_blank(r, c, &body)?,
            };
        }
    }

    let notes = wb.add_worksheet();
    notes.set_name("填表说明")?;
    notes.set_column_width(0, 100)?;
    for (i, line) in INSTRUCTIONS.iter().enumerate() {
        let f = if i == 0 { title.clone() } else { Format::new().set_font_name("仿宋").set_font_size(12).set_text_wrap() };
        notes.write_string_with_format(i as u32, 0, *line, &f)?;
    }

    let hidden = wb.add_worksheet();
    hidden.set_name("选项")?;
    for (c, (_, values)) in lists.iter().enumerate() {
        for (r, v) in values.iter().enumerate() {
            hidden.write_string(r as u32, c as u16, v)?;
        }
    }
    hidden.set_hidden(true);
    Ok(wb)
}

fn add_validation(ws: &mut Worksheet, c: u16, column: &TemplateColumn, lists: &[(List, Vec<String>)]) -> Result<()> {
    let last = FIRST_DATA_ROW + INPUT_ROWS - 1;
    let mut dv = match lists.iter().position(|(l, _)| *l == column.list) {
        Some(i) if column.list != List::None => {
            let letter = crate::sheet::read::column_letter(i);
            let n = lists[i].1.len().max(1);
            let dv = DataValidation::new().allow_list_formula(Formula::new(format!("=选项!${letter}$1:${letter}${n}")));
            // Clusters may be new: warn instead of refusing other text.
            if column.list == List::Cluster {
                dv.set_error_style(rust_xlsxwriter::DataValidationErrorStyle::Information)
            } else {
                dv
            }
        }
        _ if !column.hint.is_empty() => DataValidation::new().allow_any_value(),
        _ => return Ok(()),
    };
    if !column.hint.is_empty() {
        dv = dv.set_input_title(column.header.replace("{year}", ""))?.set_input_message(column.hint)?;
    }
    ws.add_data_validation(FIRST_DATA_ROW, c, last, c, &dv)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enterprise::import::{commit, preview, ImportOptions};
    use crate::enterprise::{list_enterprises, EnterpriseQuery};

    fn sample(name: &str) -> std::path::PathBuf {
        std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples")).join(name)
    }

    #[test]
    fn blank_template_is_recognised_and_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("模板.xlsx");
        let store = Store::open_in_memory().unwrap();
        write_template(&store, &path).unwrap();
        let p = preview(&store, &path, &ImportOptions::default()).unwrap();
        assert_eq!(p.report.sheet, "企业名单");
        assert_eq!(p.report.header_rows, vec![2]);
        assert_eq!(p.report.inserted + p.report.updated + p.report.unchanged, 0);
        assert!(p.report.rejected.is_empty());
        let mapped: Vec<&str> = p.columns.iter().filter_map(|c| c.field.as_deref()).collect();
        let want: Vec<&str> = COLUMNS.iter().map(|c| c.key).collect();
        assert_eq!(mapped, want, "every template column maps to its field");
        // 数据年度 is not needed: the template's headers carry the year.
        for f in crate::enterprise::fields::FIELDS.iter().filter(|f| f.kind != crate::enterprise::fields::Kind::RowYear) {
            assert!(COLUMNS.iter().any(|c| c.key == f.key), "the template has a column for {}", f.key);
        }
        assert!(p.columns.iter().filter(|c| c.year.is_some()).all(|c| c.year == Some(year_of_figures())));
    }

    #[test]
    fn extra_attributes_of_the_store_get_their_columns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("模板.xlsx");
        let store = Store::open_in_memory().unwrap();
        store.conn.execute("INSERT INTO enterprises(uscc, name, extra, created_at, updated_at) VALUES ('91130506MA01RRJY81', '甲', '{\"产值排名\":\"3\"}', '', '')", []).unwrap();
        write_template(&store, &path).unwrap();
        let p = preview(&store, &path, &ImportOptions::default()).unwrap();
        let last = p.columns.last().unwrap();
        assert_eq!((last.header.as_str(), last.field.as_deref()), ("产值排名", None));
    }

    #[test]
    fn filled_template_round_trips_losslessly() {
        let dir = tempfile::tempdir().unwrap();
        let year = 2022;
        let mut source = Store::open_in_memory().unwrap();
        for file in ["county_nanhe_clean.xlsx", "county_ningjin_messy.xlsx", "county_linxi_merged_headers.xls"] {
            commit(&mut source, &sample(file), &ImportOptions { year: Some(year), ..Default::default() }).unwrap();
        }
        let rows = list_enterprises(&source, &EnterpriseQuery::default()).unwrap().rows;
        assert_eq!(rows.len(), 25 + 24 + 14);
        let path = dir.path().join("filled.xlsx");
        build(&source, year, &rows).unwrap().save(&path).unwrap();

        let mut target = Store::open_in_memory().unwrap();
        let report = commit(&mut target, &path, &ImportOptions::default()).unwrap();
        assert!(report.rejected.is_empty(), "{:?}", report.rejected);
        assert_eq!(report.inserted as usize, rows.len());
        let back = list_enterprises(&target, &EnterpriseQuery::default()).unwrap().rows;
        // The samples have no 创新型/入库/领跑者 columns: their blank cells read back as 否.
        let strip = |r: &EnterpriseRow| EnterpriseRow { id: 0, innovative_sme: None, in_pool: None, is_leader: None, ..r.clone() };
        let mut a: Vec<EnterpriseRow> = rows.iter().map(strip).collect();
        let mut b: Vec<EnterpriseRow> = back.iter().map(strip).collect();
        a.sort_by(|x, y| x.uscc.cmp(&y.uscc));
        b.sort_by(|x, y| x.uscc.cmp(&y.uscc));
        assert_eq!(a, b);
    }
}
