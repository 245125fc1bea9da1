//! Turning a data row into an enterprise record: each mapped cell normalized by its field's
//! kind, then validated (USCC, name, ranges); problems become rejections or warnings.
use crate::enterprise::fields::{self, Kind};
use super::layout::Column;
use crate::sheet::read::column_letter;
use crate::sheet::text::clean;
use crate::enterprise::uscc;
use super::values;
use crate::enterprise::vocab::{self, Counties};
use crate::sheet::read::{Cell, CellValue};
use super::{Issue, Value};
use std::collections::BTreeMap;

/// One enterprise as read from one sheet row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Record {
    /// 1-based sheet row.
    pub row: u32,
    pub uscc: String,
    pub name: String,
    /// Fields stored on the enterprise (name and uscc included).
    pub base: BTreeMap<&'static str, Value>,
    /// Yearly figures: year → field → value.
    pub figures: BTreeMap<i64, BTreeMap<&'static str, Value>>,
    /// Columns with no field, by header text.
    pub extra: BTreeMap<String, String>,
    /// The row's hash and warnings, kept so that an unchanged re-import can skip it (None: not kept).
    pub kept: Option<super::known::KeptRow>,
}

/// What the row reader needs besides the row itself.
pub struct RowContext<'a> {
    pub columns: &'a [Column],
    pub counties: &'a Counties,
    /// Year for figures whose header names none.
    pub year: i64,
    /// County for rows that name none (option, group row, title or file name).
    pub county: Option<String>,
    /// Percent columns written as fractions (0.0352), by column index.
    pub fraction_columns: &'a [usize],
}

pub enum RowOutcome {
    Accepted(Record, Vec<Issue>),
    Rejected(Issue, Vec<Issue>),
}

fn issue(row: u32, col: Option<&Column>, value: &str, code: &str, message: String) -> Issue {
    Issue {
        row,
        column: Some(col.map(|c| column_letter(c.index)).unwrap_or_default()),
        value: Some(value.to_string()),
        code: code.to_string(),
        message,
    }
}

pub fn read_row(cells: &[Cell], row: u32, ctx: &RowContext) -> RowOutcome {
    let empty = Cell::default();
    let mut rec = Record { row, ..Default::default() };
    let mut warnings = Vec::new();
    let mut uscc_raw = String::new();
    let row_year = row_year(cells, row, ctx, &mut warnings);
    for col in ctx.columns {
        let cell = cells.get(col.index).unwrap_or(&empty);
        let Some(key) = col.key else {
            if !cell.is_blank() && !cell.from_merge {
                rec.extra.insert(col.header.clone(), values::text(cell).unwrap_or_default());
            }
            continue;
        };
        let Some(field) = fields::field(key) else { continue };
        if field.kind == Kind::Uscc {
            uscc_raw = cell.display();
        }
        let at = CellAt { row, col, ctx };
        let Some(value) = at.value(cell, key, field, &mut rec, &mut warnings) else { continue };
        if field.yearly {
            let year = col.year.unwrap_or(row_year);
            rec.figures.entry(year).or_default().insert(field.key, value);
        } else {
            rec.base.insert(field.key, value);
        }
    }
    if !rec.base.contains_key("county") {
        if let Some(c) = &ctx.county {
            rec.base.insert("county", Value::Text(c.clone()));
        }
    }
    rec.figures.retain(|_, f| !f.is_empty());
    validate(rec, &clean(&uscc_raw), ctx, warnings)
}

/// The year of the row's figures whose header names none: the row's 数据年度 cell if it has a
/// readable one, else the sheet's year (an unreadable cell is warned about).
fn row_year(cells: &[Cell], row: u32, ctx: &RowContext, warnings: &mut Vec<Issue>) -> i64 {
    let Some(col) = ctx.columns.iter().find(|c| c.key.and_then(fields::field).is_some_and(|f| f.kind == Kind::RowYear)) else {
        return ctx.year;
    };
    let Some(cell) = cells.get(col.index) else { return ctx.year };
    match values::year(cell) {
        Ok(year) => year.unwrap_or(ctx.year),
        Err(raw) => {
            let message = format!("第{row}行：{}“{raw}”不是年份，本行经济指标按{}年导入", col.header, ctx.year);
            warnings.push(issue(row, Some(col), &raw, "year_unreadable", message));
            ctx.year
        }
    }
}

/// One cell being read: its row, its column and the context of the sheet.
struct CellAt<'a> {
    row: u32,
    col: &'a Column,
    ctx: &'a RowContext<'a>,
}

impl CellAt<'_> {
    /// The cell's value as its field's kind, or None (blank, or unreadable with a warning).
    /// The USCC, the name and a flag's year go straight into `rec`.
    fn value(&self, cell: &Cell, key: &str, field: &fields::Field, rec: &mut Record, warnings: &mut Vec<Issue>) -> Option<Value> {
        let (row, col) = (self.row, self.col);
        let typed = |parsed: Result<Option<Value>, String>, what: &str, warnings: &mut Vec<Issue>| match parsed {
            Ok(v) => v,
            Err(raw) => {
                warnings.push(self.unreadable(raw, what));
                None
            }
        };
        match field.kind {
            Kind::Seq | Kind::RowYear => None,
            Kind::Uscc => {
                rec.uscc = uscc::normalize(&cell.display());
                (!rec.uscc.is_empty()).then(|| Value::Text(rec.uscc.clone()))
            }
            Kind::Name => {
                rec.name = values::text(cell).unwrap_or_default();
                (!rec.name.is_empty()).then(|| Value::Text(rec.name.clone()))
            }
            Kind::Text | Kind::Phone => values::text(cell).map(Value::Text),
            Kind::County => values::text(cell).map(|t| match self.ctx.counties.resolve(&t) {
                Some(official) => Value::Text(official),
                None => {
                    warnings.push(issue(row, Some(col), &t, "county_unknown", format!("第{row}行：县（市、区）“{t}”不在邢台市县级行政区名单中，按原文保存")));
                    Value::Text(t)
                }
            }),
            Kind::Money => typed(values::money(cell, col.unit.unwrap_or(1.0)).map(|v| v.map(Value::Real)), "金额", warnings),
            Kind::Percent => typed(
                values::percent(cell, self.ctx.fraction_columns.contains(&col.index)).map(|v| v.map(Value::Real)),
                "百分比",
                warnings,
            ),
            Kind::Count => typed(values::count(cell).map(|v| v.map(Value::Int)), "整数", warnings),
            Kind::Year => typed(values::year(cell).map(|v| v.map(Value::Int)), "年份", warnings),
            Kind::Date => typed(values::date(cell).map(|v| v.map(Value::Text)), "日期", warnings),
            // The export's mark of a flag nobody filled in: it stays empty.
            Kind::Flag if values::text(cell).as_deref() == Some(crate::enterprise::table::UNKNOWN_FLAG) => None,
            Kind::Flag => match values::flag(cell) {
                Ok((b, year)) => {
                    if let Some(yf) = year.and_then(|y| fields::field(&format!("{key}_year")).map(|yf| (yf, y))) {
                        rec.base.entry(yf.0.key).or_insert(Value::Int(yf.1));
                    }
                    Some(Value::Bool(b))
                }
                Err(raw) => {
                    warnings.push(self.unreadable(raw, "“是/否”"));
                    None
                }
            },
            Kind::Board => values::text(cell).map(|t| self.controlled(t, vocab::board, "board_unknown", "拟上市板块", warnings)),
            Kind::Stage => values::text(cell).map(|t| self.controlled(t, vocab::stage, "stage_unknown", "上市进展", warnings)),
        }
    }

    /// The warning for a cell that cannot be read as `what`.
    fn unreadable(&self, raw: String, what: &str) -> Issue {
        let (row, col) = (self.row, self.col);
        issue(row, Some(col), &raw, "value_unreadable", format!("第{row}行{}列“{}”：“{raw}”不是{what}，已忽略该值", column_letter(col.index), col.header))
    }

    /// A value from a controlled list, or the text as written with a warning.
    fn controlled(&self, t: String, canonical: fn(&str) -> Option<&'static str>, code: &str, what: &str, warnings: &mut Vec<Issue>) -> Value {
        match canonical(&t) {
            Some(v) => Value::Text(v.to_string()),
            None => {
                let row = self.row;
                warnings.push(issue(row, Some(self.col), &t, code, format!("第{row}行：{what}“{t}”无法识别，按原文保存")));
                Value::Text(t)
            }
        }
    }
}

/// Validation of a read row: the USCC first (rejects), then the name (rejects), then ranges (warn).
fn validate(rec: Record, raw: &str, ctx: &RowContext, mut warnings: Vec<Issue>) -> RowOutcome {
    let row = rec.row;
    let uscc_col = ctx.columns.iter().find(|c| c.key == Some("uscc"));
    if let Err(problem) = uscc::check(&rec.uscc) {
        let msg = format!("第{row}行：{}（“{raw}”）", problem.message());
        return RowOutcome::Rejected(issue(row, uscc_col, raw, problem.code(), msg), warnings);
    }
    if !uscc::org_code_ok(&rec.uscc) {
        warnings.push(issue(row, uscc_col, raw, "uscc_org_code", format!("第{row}行：统一社会信用代码第9–17位（组织机构代码）校验不符，已导入，请核对")));
    }
    if rec.name.is_empty() {
        let col = ctx.columns.iter().find(|c| c.key == Some("name"));
        return RowOutcome::Rejected(issue(row, col, "", "missing_name", format!("第{row}行：缺少企业名称")), warnings);
    }
    range_warnings(&rec, ctx.columns, &mut warnings);
    RowOutcome::Accepted(rec, warnings)
}

fn range_warnings(rec: &Record, columns: &[Column], warnings: &mut Vec<Issue>) {
    let row = rec.row;
    for figures in rec.figures.values() {
        for (key, value) in figures {
            let out = match (*key, value) {
                ("rd_ratio_pct", Value::Real(v)) => !(0.0..=100.0).contains(v),
                ("revenue_wan" | "rd_expense_wan" | "tax_wan", Value::Real(v)) => *v < 0.0,
                ("invention_patents", Value::Int(v)) => *v < 0 || *v > 100_000,
                _ => false,
            };
            if out {
                let col = columns.iter().find(|c| c.key == Some(key));
                let label = fields::field(key).map_or(*key, |f| f.label);
                warnings.push(issue(row, col, &value.display(), "out_of_range", format!("第{row}行：{label}“{}”超出合理范围，请核对", value.display())));
            }
        }
    }
    if let Some(Value::Real(v)) = rec.base.get("registered_capital_wan") {
        if *v < 0.0 {
            let col = columns.iter().find(|c| c.key == Some("registered_capital_wan"));
            warnings.push(issue(row, col, &value_text(*v), "out_of_range", format!("第{row}行：注册资本为负数，请核对")));
        }
    }
}

fn value_text(v: f64) -> String {
    crate::sheet::text::number_text(v)
}

/// Whether a percent column writes unformatted fractions: every plain number in it is ≤ 1.
pub fn fraction_column(cells: impl Iterator<Item = Cell>) -> bool {
    let mut any = false;
    for cell in cells {
        let n = match &cell.value {
            CellValue::Number(n) if !cell.percent => *n,
            CellValue::Text(t) if !t.contains('%') && !t.contains('％') => match values::parse_number_text(t) {
                Some((n, None)) => n,
                _ => continue,
            },
            _ => continue,
        };
        if n.abs() > 1.0 {
            return false;
        }
        if n != 0.0 {
            any = true;
        }
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(index: usize, header: &str) -> Column {
        Column { index, header: header.into(), key: fields::match_field(header), year: fields::header_year(header), unit: fields::unit_factor(header) }
    }

    fn counties() -> Counties {
        let seed = crate::store::seed::county_seed();
        Counties::new(seed.counties.into_iter().map(|c| (c.name, c.aliases)).collect())
    }

    #[test]
    fn a_data_year_column_dates_the_row_figures_whose_header_names_no_year() {
        let columns = vec![col(0, "企业名称"), col(1, "统一社会信用代码"), col(2, "统计年度"), col(3, "营业收入（万元）"), col(4, "2021年营业收入")];
        assert_eq!(columns[2].key, Some("data_year"));
        let counties = counties();
        let ctx = RowContext { columns: &columns, counties: &counties, year: 2023, county: None, fraction_columns: &[] };
        let (t, n) = (Cell::text, Cell::number);
        let figures = |cells: Vec<Cell>| match read_row(&cells, 3, &ctx) {
            RowOutcome::Accepted(rec, warnings) => {
                assert!(!rec.base.contains_key("data_year") && rec.extra.is_empty(), "数据年度 is not stored");
                let years: Vec<(i64, Option<Value>)> = rec.figures.iter().map(|(y, f)| (*y, f.get("revenue_wan").cloned())).collect();
                (years, warnings.into_iter().map(|w| w.code).collect::<Vec<_>>())
            }
            RowOutcome::Rejected(issue, _) => panic!("{issue:?}"),
        };
        let (name, code) = (t("甲公司"), t("91130506MA01RRJY81"));
        assert_eq!(
            figures(vec![name.clone(), code.clone(), n(2024.0), n(500.0), n(300.0)]),
            (vec![(2021, Some(Value::Real(300.0))), (2024, Some(Value::Real(500.0)))], vec![])
        );
        assert_eq!(figures(vec![name.clone(), code.clone(), t("2025年"), n(500.0)]).0, vec![(2025, Some(Value::Real(500.0)))]);
        assert_eq!(figures(vec![name.clone(), code.clone(), Cell::default(), n(500.0)]).0, vec![(2023, Some(Value::Real(500.0)))], "blank: the sheet's year");
        assert_eq!(
            figures(vec![name, code, t("去年"), n(500.0)]),
            (vec![(2023, Some(Value::Real(500.0)))], vec!["year_unreadable".to_string()])
        );
    }

    #[test]
    fn rows_become_records_or_rejections() {
        let columns = vec![
            col(0, "企业名称"),
            col(1, "统一社会信用代码"),
            col(2, "所在县区"),
            col(3, "2022年营业收入（元）"),
            col(4, "研发投入占比"),
            col(5, "是否高新技术企业"),
            col(6, "企业规模"),
        ];
        let counties = counties();
        let ctx = RowContext { columns: &columns, counties: &counties, year: 2023, county: Some("南和区".into()), fraction_columns: &[] };
        let t = Cell::text;
        let cases: Vec<(Vec<Cell>, Result<&str, &str>)> = vec![
            (vec![t(" 甲有限公司 "), t("９１１３０５０６ma01rrjy81"), t("邢台市清河县"), t("123,456,789"), t("3.5%"), t("√"), t("中型")], Ok("91130506MA01RRJY81")),
            (vec![t("乙公司"), t("91130506MA01RRJY82")], Err("uscc_check_digit")),
            (vec![t("乙公司"), t("9113050")], Err("uscc_length")),
            (vec![t("乙公司"), t("91130506MA01RRJYI1")], Err("uscc_charset")),
            (vec![t(""), t("91130506MA01RRJY81")], Err("missing_name")),
        ];
        for (cells, want) in cases {
            match (read_row(&cells, 5, &ctx), want) {
                (RowOutcome::Accepted(rec, _), Ok(code)) => {
                    assert_eq!(rec.uscc, code);
                    assert_eq!(rec.name, "甲有限公司");
                    assert_eq!(rec.base.get("county"), Some(&Value::Text("清河县".into())));
                    assert_eq!(rec.base.get("high_tech"), Some(&Value::Bool(true)));
                    assert_eq!(rec.figures[&2022].get("revenue_wan"), Some(&Value::Real(12345.6789)));
                    assert_eq!(rec.figures[&2023].get("rd_ratio_pct"), Some(&Value::Real(3.5)));
                    assert_eq!(rec.extra.get("企业规模").map(String::as_str), Some("中型"));
                }
                (RowOutcome::Rejected(issue, _), Err(code)) => {
                    assert_eq!(issue.code, code);
                    assert_eq!(issue.row, 5);
                }
                (_, want) => panic!("unexpected outcome, wanted {want:?}"),
            }
        }
    }

    #[test]
    fn fraction_columns() {
        let n = Cell::number;
        let cases: Vec<(Vec<Cell>, bool)> = vec![
            (vec![n(0.0352), n(0.041)], true),
            (vec![n(3.52), n(0.5)], false),
            (vec![Cell::text("0.03"), Cell::text("3%")], true),
            (vec![], false),
            (vec![Cell { value: CellValue::Number(0.03), percent: true, from_merge: false }, n(4.0)], false),
        ];
        for (cells, want) in cases {
            assert_eq!(fraction_column(cells.into_iter()), want);
        }
    }
}
