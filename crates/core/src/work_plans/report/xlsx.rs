//! The evaluation report as a workbook: one sheet per section, numbers written as numbers (with
//! number formats) so the figures can be summed and charted; A4 landscape, header on every page.
use super::EvaluationReport;
use crate::error::Result;
use crate::sheet::write::{self, Footer};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet};
use std::path::Path;

/// A cell of a report row.
enum Value {
    Text(String),
    Number(Option<f64>),
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

struct Styles {
    header: Format,
    text: Format,
    number: Format,
}

fn sheet(book: &mut Workbook, st: &Styles, name: &str, title: &str, headers: &[(&str, f64)], rows: Vec<Vec<Value>>) -> Result<()> {
    let ws: &mut Worksheet = book.add_worksheet().set_name(name)?;
    let last = headers.len() as u16 - 1;
    ws.merge_range(0, 0, 0, last, title, &write::title())?;
    ws.set_row_height(0, 36)?;
    for (c, (h, w)) in headers.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &st.header)?;
        ws.set_column_width(c as u16, *w)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = 2 + r as u32;
        for (c, v) in row.iter().enumerate() {
            match v {
                Value::Text(t) => ws.write_string_with_format(r, c as u16, t, &st.text)?,
                Value::Number(Some(n)) => ws.write_number_with_format(r, c as u16, *n, &st.number)?,
                Value::Number(None) => ws.write_blank(r, c as u16, &st.number)?,
            };
        }
    }
    write::official_page(ws, 0.5, Footer::PageOfTotal);
    ws.set_repeat_rows(1, 1)?;
    Ok(())
}

/// Writes `r` to `path` (.xlsx).
pub fn write(r: &EvaluationReport, path: &Path) -> Result<()> {
    let st = Styles {
        header: write::header(),
        text: write::body().set_align(FormatAlign::Left),
        number: write::body().set_align(FormatAlign::Center).set_num_format("0.##"),
    };
    let mut book = Workbook::new();
    let targets = r
        .indicators
        .iter()
        .flat_map(|i| {
            let mut rows: Vec<Vec<Value>> = i
                .figures
                .iter()
                .map(|f| {
                    let pct = f.actual.zip(f.target).filter(|(_, t)| *t > 0.0).map(|(a, t)| (a / t * 1000.0).round() / 10.0);
                    let kind = if i.per_year { "当年目标" } else if f.milestone { "阶段目标" } else { "进度" };
                    vec![text(&i.name), text(&i.unit), Value::Number(Some(f.year as f64)), text(kind), Value::Number(f.target), Value::Number(f.actual), Value::Number(pct), text(&f.status_label), text(&i.source)]
                })
                .collect();
            if r.whole && i.per_year {
                let pct = i.total_actual.zip(i.total_target).filter(|(_, t)| *t > 0.0).map(|(a, t)| (a / t * 1000.0).round() / 10.0);
                rows.push(vec![text(&i.name), text(&i.unit), text(r.scope_label.clone()), text("累计"), Value::Number(i.total_target), Value::Number(i.total_actual), Value::Number(pct), text(&i.total_status), text(&i.source)]);
            }
            rows
        })
        .collect();
    let headers = [("指标", 34.0), ("单位", 6.0), ("年份", 10.0), ("目标类别", 10.0), ("目标值", 10.0), ("完成值", 10.0), ("完成进度（%）", 12.0), ("状态", 10.0), ("数据来源", 12.0)];
    sheet(&mut book, &st, "主要目标完成情况", &r.title, &headers, targets)?;
    let measures = r
        .measures
        .iter()
        .map(|m| vec![text(format!("{}.{}", m.action_no, m.measure_no)), text(&m.action), text(&m.title), text(&m.lead_unit), text(&m.deadline), text(&m.status), Value::Number(Some(m.units_done as f64)), Value::Number(Some(m.units_total as f64)), text(m.progress.join("\n"))])
        .collect();
    let headers = [("序号", 6.0), ("重点任务", 12.0), ("工作措施", 18.0), ("牵头单位", 16.0), ("完成时限", 10.0), ("落实情况", 10.0), ("已完成单位", 8.0), ("责任单位数", 8.0), ("进展", 60.0)];
    sheet(&mut book, &st, "重点任务落实情况", &r.title, &headers, measures)?;
    let mut headers: Vec<(String, f64)> = vec![("县（市、区）".into(), 14.0), ("企业数".into(), 8.0)];
    headers.extend(r.county_indicators.iter().map(|(n, u)| (format!("{n}（{u}）"), 14.0)));
    headers.push(("措施已完成".into(), 10.0));
    headers.push(("措施总数".into(), 10.0));
    let counties = r
        .counties
        .iter()
        .map(|c| {
            let mut row = vec![text(&c.county), Value::Number(Some(c.enterprises as f64))];
            row.extend(c.values.iter().map(|v| Value::Number(*v)));
            row.push(Value::Number(Some(c.measures_done as f64)));
            row.push(Value::Number(Some(c.measures_total as f64)));
            row
        })
        .collect();
    let header_refs: Vec<(&str, f64)> = headers.iter().map(|(h, w)| (h.as_str(), *w)).collect();
    sheet(&mut book, &st, "分县区情况", &r.title, &header_refs, counties)?;
    let l = &r.ledger;
    let mut ledger = vec![
        vec![text("征集问题"), Value::Number(Some(l.total as f64))],
        vec![text("已办结（含销号）"), Value::Number(Some(l.closed as f64))],
        vec![text("其中销号"), Value::Number(Some(l.confirmed as f64))],
        vec![text("正在办理"), Value::Number(Some(l.open as f64))],
        vec![text("退回"), Value::Number(Some(l.returned as f64))],
        vec![text("办结率（%）"), Value::Number(l.close_rate_pct)],
    ];
    ledger.extend(l.by_category.iter().map(|(c, n)| vec![text(format!("类别：{c}")), Value::Number(Some(*n as f64))]));
    sheet(&mut book, &st, "问题台账办理情况", &r.title, &[("项目", 24.0), ("件数", 12.0)], ledger)?;
    write::save(&mut book, path)
}
