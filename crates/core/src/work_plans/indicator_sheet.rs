//! The indicator sheet of a work plan (指标 / 单位 / 类型 / 口径 / 每年目标 / 各年目标): written as a
//! template holding a plan's indicators, and read back (any layout with those headers) into the
//! indicators of a new plan. Names the app can count from the pool are computed, the rest manual.
use crate::error::{CoreError, Result};
use crate::sheet::read::{column_letter, sheet_row, Grid};
use crate::sheet::report::SheetIssue;
use crate::sheet::write::{self, Footer};
use crate::store::Store;
use crate::targets::COMPUTED_KEYS;
use rust_xlsxwriter::{Format, FormatAlign, Workbook};
use std::collections::BTreeMap;
use std::path::Path;

const KIND_COMPUTED: &str = "企业库计算";
const KIND_MANUAL: &str = "人工填报";
const YEARLY: &str = "每年新增";
const STOCK: &str = "累计或比率";

/// One indicator as the sheet gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRow {
    pub row: u32,
    pub key: String,
    pub name: String,
    pub unit: String,
    pub computed: bool,
    pub per_year: bool,
    pub yearly_target: Option<f64>,
    pub targets: BTreeMap<i64, f64>,
    pub note: Option<String>,
}

/// Writes the template at `path` holding plan `plan_id`'s indicators (years of that plan).
pub fn export_template(store: &Store, plan_id: i64, path: &Path) -> Result<()> {
    let plan = super::get_plan(store, plan_id)?;
    let indicators = crate::targets::plan_indicators(store, &plan)?;
    let years: Vec<i64> = (plan.start_year..=plan.end_year).collect();
    let mut headers: Vec<String> = ["序号", "指标", "单位", "类型", "口径", "每年目标"].iter().map(|s| s.to_string()).collect();
    headers.extend(years.iter().map(|y| format!("{y}年目标")));
    headers.push("说明".into());
    let mut book = Workbook::new();
    let ws = book.add_worksheet().set_name("指标")?;
    let last = headers.len() as u16 - 1;
    ws.merge_range(0, 0, 0, last, &format!("{}主要目标指标表", super::titles::stem(&plan.title)), &write::title())?;
    ws.set_row_height(0, 36)?;
    let help = format!("填写说明：类型填“{KIND_COMPUTED}”或“{KIND_MANUAL}”；口径填“{YEARLY}”（每年目标，如每年股改5家）或“{STOCK}”（到某年达到的总数或比率，填在该年目标列）；数值只填数字。");
    let note_format = write::cjk("仿宋", 11.0).set_text_wrap().set_align(FormatAlign::Left);
    ws.merge_range(1, 0, 1, last, &help, &note_format)?;
    ws.set_row_height(1, 36)?;
    let header = write::header();
    let text = write::body().set_align(FormatAlign::Left);
    let number = write::body().set_align(FormatAlign::Center).set_num_format("0.##");
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, h, &header)?;
        ws.set_column_width(c as u16, if c == 1 { 34.0 } else if c == headers.len() - 1 { 40.0 } else { 11.0 })?;
    }
    for (i, ind) in indicators.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_number_with_format(r, 0, (i + 1) as f64, &number)?;
        ws.write_string_with_format(r, 1, &ind.name, &text)?;
        ws.write_string_with_format(r, 2, &ind.unit, &number)?;
        ws.write_string_with_format(r, 3, if ind.computed { KIND_COMPUTED } else { KIND_MANUAL }, &number)?;
        ws.write_string_with_format(r, 4, if ind.per_year { YEARLY } else { STOCK }, &number)?;
        write_opt(ws, r, 5, ind.yearly_target, &number)?;
        for (k, y) in years.iter().enumerate() {
            write_opt(ws, r, 6 + k as u16, ind.targets.get(y).copied(), &number)?;
        }
        ws.write_string_with_format(r, last, ind.note.as_deref().unwrap_or(""), &text)?;
    }
    write::official_page(ws, 0.5, Footer::PageOfTotal);
    ws.set_repeat_rows(2, 2)?;
    write::save(&mut book, path)
}

fn write_opt(ws: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, v: Option<f64>, f: &Format) -> Result<()> {
    match v {
        Some(v) => ws.write_number_with_format(r, c, v, f)?,
        None => ws.write_blank(r, c, f)?,
    };
    Ok(())
}

/// The columns found in the header row.
struct Columns {
    header: usize,
    name: usize,
    unit: Option<usize>,
    kind: Option<usize>,
    basis: Option<usize>,
    yearly: Option<usize>,
    note: Option<usize>,
    years: Vec<(usize, i64)>,
}

fn year_of(header: &str) -> Option<i64> {
    let h: String = header.chars().filter(|c| !c.is_whitespace()).collect();
    let digits: String = h.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = &h[digits.len()..];
    let ok = digits.len() == 4 && ["", "年", "年目标", "目标", "年底", "年底目标"].contains(&rest);
    ok.then(|| digits.parse().ok()).flatten()
}

fn locate(g: &Grid) -> Option<Columns> {
    (0..g.rows.len().min(20)).find_map(|r| {
        let texts: Vec<String> = g.row_texts(r).iter().map(|t| t.split_whitespace().collect()).collect();
        let find = |names: &[&str]| texts.iter().position(|t| names.iter().any(|n| t == n));
        let name = find(&["指标", "指标名称", "目标指标", "主要目标"])?;
        Some(Columns {
            header: r,
            name,
            unit: find(&["单位", "计量单位"]),
            kind: find(&["类型", "指标类型", "数据来源"]),
            basis: find(&["口径", "统计口径", "目标类型"]),
            yearly: find(&["每年目标", "年度目标", "每年"]),
            note: find(&["说明", "备注"]),
            years: texts.iter().enumerate().filter_map(|(c, t)| year_of(t).map(|y| (c, y))).collect(),
        })
    })
}

/// A target as written (50, ≥3, 78%, 1,200): `Ok(None)` when blank, `Err(())` when it is not a
/// number not below 0.
pub(crate) fn parse_target(text: &str) -> std::result::Result<Option<f64>, ()> {
    let text = text.trim().trim_end_matches(['%', '％']).replace([',', '，'], "").trim().to_string();
    if text.is_empty() {
        return Ok(None);
    }
    match text.trim_start_matches(['≥', '>']).trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(Some(v)),
        _ => Err(()),
    }
}

fn number(g: &Grid, r: usize, c: usize, what: &str, issues: &mut Vec<SheetIssue>) -> Option<f64> {
    parse_target(&g.text(r, c)).unwrap_or_else(|()| {
        issues.push(SheetIssue::new(sheet_row(r), Some(column_letter(c)), Some(g.text(r, c)), "bad_number", format!("{what}“{}”不是数字", g.text(r, c))));
        None
    })
}

/// Reads the indicators of the sheet at `path`; rows with problems are left out and reported.
pub fn read_indicators(store: &Store, path: &Path) -> Result<(Vec<IndicatorRow>, Vec<SheetIssue>)> {
    let (file, grids) = crate::sheet::read::read_filled(path)?;
    let (g, cols) = grids
        .iter()
        .find_map(|g| locate(g).map(|c| (g, c)))
        .ok_or_else(|| CoreError::UnrecognizedLayout(format!("无法识别 {file} 中的指标表：没有找到含“指标”列的表头行（可先导出指标表模板）")))?;
    let known = known_names(store)?;
    let mut issues = Vec::new();
    let mut rows: Vec<IndicatorRow> = Vec::new();
    for r in cols.header + 1..g.rows.len() {
        let name: String = g.text(r, cols.name).trim().to_string();
        if name.is_empty() {
            continue;
        }
        let at = |c: Option<usize>| c.map(|c| g.text(r, c).trim().to_string()).unwrap_or_default();
        let yearly_target = cols.yearly.and_then(|c| number(g, r, c, "每年目标", &mut issues));
        let targets: BTreeMap<i64, f64> = cols.years.iter().filter_map(|&(c, y)| number(g, r, c, &format!("{y}年目标"), &mut issues).map(|v| (y, v))).collect();
        let basis = at(cols.basis);
        let per_year = if basis.is_empty() { yearly_target.is_some() } else { basis.contains("每年") || basis.contains("新增") || basis.contains("年度") };
        if yearly_target.is_none() && targets.is_empty() {
            issues.push(SheetIssue::new(sheet_row(r), Some(column_letter(cols.name)), Some(name.clone()), "no_target", format!("指标“{name}”没有填写目标值，已导入但无目标")));
        }
        let key = known.get(&compact(&name)).cloned().unwrap_or_else(|| format!("custom_{}", rows.len() + 1));
        let wants_computed = at(cols.kind).contains("计算");
        let computed = wants_computed && COMPUTED_KEYS.contains(&key.as_str());
        if wants_computed && !computed {
            issues.push(SheetIssue::new(sheet_row(r), cols.kind.map(column_letter), Some(at(cols.kind)), "not_computable", format!("“{name}”无法由企业库计算，按人工填报导入")));
        }
        if rows.iter().any(|x| x.key == key) {
            issues.push(SheetIssue::new(sheet_row(r), Some(column_letter(cols.name)), Some(name.clone()), "duplicate", format!("指标“{name}”重复，只取第一次出现的行")));
            continue;
        }
        let note = Some(at(cols.note)).filter(|n| !n.is_empty());
        rows.push(IndicatorRow { row: sheet_row(r), key, name, unit: at(cols.unit), computed, per_year, yearly_target, targets, note });
    }
    if rows.is_empty() {
        return Err(CoreError::UnrecognizedLayout(format!("{file} 的指标表“{}”中没有任何指标行", g.name)));
    }
    Ok((rows, issues))
}

pub(crate) fn compact(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace() && !"“”\"'‘’（）()".contains(*c)).collect()
}

/// Indicator names the store knows (every plan's and the shipped ones) → their keys.
pub(crate) fn known_names(store: &Store) -> Result<BTreeMap<String, String>> {
    let mut map: BTreeMap<String, String> = crate::store::seed::target_seed().indicators.into_iter().map(|i| (compact(&i.name), i.key)).collect();
    let mut stmt = store.conn.prepare("SELECT name, key FROM target_indicators")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (name, key) = row?;
        map.entry(compact(&name)).or_insert(key);
    }
    Ok(map)
}

/// Writes the indicators of a new plan inside `tx`.
pub(crate) fn insert_indicators(tx: &rusqlite::Transaction, plan_id: i64, rows: &[IndicatorRow]) -> Result<()> {
    for (i, ind) in rows.iter().enumerate() {
        tx.execute(
            "INSERT INTO target_indicators(plan_id, key, name, unit, kind, per_year, yearly_target, note, sort) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            rusqlite::params![plan_id, ind.key, ind.name, ind.unit, if ind.computed { "computed" } else { "manual" }, ind.per_year, ind.yearly_target, ind.note, i as i64 + 1],
        )?;
        for (year, target) in &ind.targets {
            tx.execute("INSERT INTO target_values(plan_id, indicator, year, target) VALUES (?1, ?2, ?3, ?4)", rusqlite::params![plan_id, ind.key, year, target])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_reads_back_as_the_plans_indicators() {
        let s = Store::open_in_memory().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("指标.xlsx");
        export_template(&s, 1, &path).unwrap();
        let (rows, issues) = read_indicators(&s, &path).unwrap();
        let plan = super::super::get_plan(&s, 1).unwrap();
        let stored = crate::targets::plan_indicators(&s, &plan).unwrap();
        assert_eq!(rows.len(), stored.len());
        for (r, i) in rows.iter().zip(&stored) {
            assert_eq!((&r.key, &r.name, &r.unit, r.computed, r.per_year), (&i.key, &i.name, &i.unit, i.computed, i.per_year));
            assert_eq!((r.yearly_target, &r.targets), (i.yearly_target, &i.targets), "{}", i.name);
        }
        assert!(issues.is_empty(), "{issues:?}");
    }

    #[test]
    fn another_layout_with_unknown_names_and_bad_numbers() {
        let s = Store::open_in_memory().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("邯郸指标.xlsx");
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        let rows: [&[&str]; 5] = [
            &["邯郸市“领跑者”企业培育主要指标"],
            &["指标名称", "计量单位", "指标类型", "2025年", "2027年", "备注"],
            &["专精特新“小巨人”企业数", "家", "企业库计算", "40", "60", ""],
            &["“领跑者”企业营业收入", "亿元", "企业库计算", "500", "八百", "暂无数据"],
            &["省级单项冠军", "家", "人工填报", "", "", ""],
        ];
        for (r, row) in rows.iter().enumerate() {
            for (c, t) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, *t).unwrap();
            }
        }
        book.save(&path).unwrap();
        let (got, issues) = read_indicators(&s, &path).unwrap();
        assert_eq!(got.len(), 3);
        assert_eq!((got[0].key.as_str(), got[0].computed, got[0].per_year), ("little_giant", true, false));
        assert_eq!(got[0].targets, BTreeMap::from([(2025, 40.0), (2027, 60.0)]));
        assert!(!got[1].computed, "no way to count it from the pool");
        let codes: Vec<(&str, u32)> = issues.iter().map(|i| (i.code.as_str(), i.row)).collect();
        assert_eq!(codes, vec![("bad_number", 4), ("not_computable", 4), ("no_target", 5)]);
    }
}
