//! The pool as tables of cells, for the export: one column per stored field (headed by the
//! importer's own labels, so the file comes back whole), extra attributes as their own columns,
//! and the 年度数据 lines (one per enterprise and year) with every yearly figure.
use crate::enterprise::detail::EnterpriseData;
use crate::enterprise::fields::{Kind, FIELDS};
use serde_json::Value as Json;
use std::collections::BTreeSet;

/// The sheet of yearly figures, keyed by 统一社会信用代码 and 年度.
pub const YEARLY_SHEET: &str = "年度数据";
/// The header of the year column of the 年度数据 sheet.
pub const YEAR_HEADER: &str = "年度";
/// A flag nobody has filled in (stored empty): written so, so that it stays empty when read back
/// (a blank flag cell means 否 to the importer).
pub const UNKNOWN_FLAG: &str = "未填";

/// One exported cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportCell {
    Blank,
    Text(String),
    Number(f64),
}

/// How a column's values are shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Style {
    Text,
    Center,
    Money,
    Integer,
    Percent,
}

/// A table: headers with their styles, and the lines of cells.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub styles: Vec<Style>,
    pub lines: Vec<Vec<ExportCell>>,
}

fn style(kind: Kind) -> Style {
    match kind {
        Kind::Name | Kind::Text | Kind::Date => Style::Text,
        Kind::Money => Style::Money,
        Kind::Percent => Style::Percent,
        Kind::Count | Kind::Year | Kind::Seq | Kind::RowYear => Style::Integer,
        Kind::Uscc | Kind::County | Kind::Phone | Kind::Flag | Kind::Board | Kind::Stage => Style::Center,
    }
}

/// A stored value as a cell of its field's kind.
fn cell(kind: Kind, v: &Json) -> ExportCell {
    match (kind, v) {
        (Kind::Flag, Json::Null) => ExportCell::Text(UNKNOWN_FLAG.into()),
        (Kind::Flag, Json::Bool(b)) => ExportCell::Text(if *b { "是" } else { "否" }.into()),
        (_, Json::Null) => ExportCell::Blank,
        (_, Json::Number(n)) => n.as_f64().map_or(ExportCell::Blank, ExportCell::Number),
        (_, Json::String(s)) if s.trim().is_empty() => ExportCell::Blank,
        (_, Json::String(s)) => ExportCell::Text(s.clone()),
        (_, other) => ExportCell::Text(other.to_string()),
    }
}

/// The fields stored on the enterprise (not per year), in the importer's order, 序号 and 数据年度 left out.
fn base_fields() -> impl Iterator<Item = &'static crate::enterprise::fields::Field> {
    FIELDS.iter().filter(|f| !f.yearly && f.stored())
}

fn yearly_fields() -> impl Iterator<Item = &'static crate::enterprise::fields::Field> {
    FIELDS.iter().filter(|f| f.yearly)
}

/// 序号, every stored field, then each extra attribute any of the enterprises has (by header).
pub fn enterprise_table(data: &[EnterpriseData]) -> Table {
    let extras: BTreeSet<&String> = data.iter().flat_map(|e| e.extra.keys()).collect();
    let mut t = Table::default();
    t.headers.push("序号".into());
    t.styles.push(Style::Integer);
    for f in base_fields() {
        t.headers.push(f.label.into());
        t.styles.push(style(f.kind));
    }
    for x in &extras {
        t.headers.push((*x).clone());
        t.styles.push(Style::Text);
    }
    for (i, e) in data.iter().enumerate() {
        let json = serde_json::to_value(e).unwrap_or_default();
        let mut line = vec![ExportCell::Number((i + 1) as f64)];
        line.extend(base_fields().map(|f| cell(f.kind, &json[f.key])));
        line.extend(extras.iter().map(|x| e.extra.get(*x).map_or(ExportCell::Blank, |v| cell(Kind::Text, &Json::String(v.clone())))));
        t.lines.push(line);
    }
    t
}

/// 统一社会信用代码, 企业名称, 年度 and every yearly figure: one line per enterprise and year.
pub fn yearly_table(data: &[EnterpriseData]) -> Table {
    let mut t = Table::default();
    for (h, s) in [("统一社会信用代码", Style::Center), ("企业名称", Style::Text), (YEAR_HEADER, Style::Integer)] {
        t.headers.push(h.into());
        t.styles.push(s);
    }
    for f in yearly_fields() {
        t.headers.push(f.label.into());
        t.styles.push(style(f.kind));
    }
    for e in data {
        for y in &e.figures {
            let json = serde_json::to_value(y).unwrap_or_default();
            let mut line = vec![ExportCell::Text(e.uscc.clone()), ExportCell::Text(e.name.clone()), ExportCell::Number(y.year as f64)];
            line.extend(yearly_fields().map(|f| cell(f.kind, &json[f.key])));
            t.lines.push(line);
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enterprise::detail::YearFigures;

    #[test]
    fn every_field_extra_and_year_has_a_cell() {
        let mut e = EnterpriseData { uscc: "91130506MA01RRJY81".into(), name: "甲公司".into(), in_pool: Some(true), ..Default::default() };
        e.extra.insert("产值排名".into(), "3".into());
        e.figures = vec![YearFigures { year: 2023, revenue_wan: Some(1.5), ..Default::default() }, YearFigures { year: 2024, ..Default::default() }];
        let t = enterprise_table(&[e.clone()]);
        assert_eq!(t.headers.len(), 1 + base_fields().count() + 1);
        assert_eq!(t.headers.last().map(String::as_str), Some("产值排名"));
        let at = |h: &str| t.lines[0][t.headers.iter().position(|x| x == h).unwrap()].clone();
        assert_eq!(at("是否入库（上市培育库）"), ExportCell::Text("是".into()));
        assert_eq!(at("是否“领跑者”企业"), ExportCell::Text(UNKNOWN_FLAG.into()));
        assert_eq!(at("产值排名"), ExportCell::Text("3".into()));
        let y = yearly_table(&[e]);
        assert_eq!(y.lines.len(), 2);
        assert_eq!(y.lines[0][2], ExportCell::Number(2023.0));
        assert_eq!(y.lines[0][3], ExportCell::Number(1.5));
    }
}
