//! The task table written as official .xlsx sheets: the city table, one county's version with its
//! progress, and the progress report for a period; A4 landscape, header on every printed page.
use crate::sheet::write::{self, cjk, display_width, Footer};
use crate::error::{CoreError, Result};
use crate::store::Store;
use crate::tasks::progress::{
    list_progress, normalize_period, ProgressQuery, TaskProgress, ALL_COUNTIES_UNIT,
};
use crate::tasks::{list_tasks, Task};
use crate::work_plans::{self, WorkPlan};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

const NOTE: &str = "注：以上各项任务均需各县（市、区）政府落实，不再列出。";
const TASK_HEADERS: [&str; 5] = ["序号", "重点任务", "工作措施", "责任单位", "完成时限"];
const PROGRESS_HEADERS: [&str; 4] = ["进展状态", "进展情况", "完成比例", "填报日期"];

/// Which version of the task table to write: the city's, or one county's with its progress.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TaskExportOptions {
    /// A county name: its government answers for every measure, and its progress is shown.
    #[ts(optional)]
    pub county: Option<String>,
    /// The period of the county's progress (2026-11 / 2026Q4); its latest report when absent.
    #[ts(optional)]
    pub period: Option<String>,
    /// The work plan (the current one when absent).
    #[ts(optional)]
    pub plan_id: Option<i64>,
}

/// One printed line of a table: an action row across all columns, or a measure whose leading
/// cells are merged down over its rows (one row per unit in the progress report).
enum Line {
    Action(String),
    Measure {
        lead: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

/// Writes the task table at `path` (.xlsx): the city table, or with `opts.county` that county's.
pub fn export_tasks(store: &Store, path: &Path, opts: &TaskExportOptions) -> Result<()> {
    let plan = work_plans::resolve(store, opts.plan_id)?;
    let tasks = list_tasks(store, plan.id)?;
    match opts.county.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        None => {
            let lines = with_actions(&tasks, |t| Line::Measure {
                lead: vec![
                    t.measure_no.to_string(),
                    t.title.clone(),
                    t.content.clone(),
                    t.units.join("、"),
                    t.deadline.clone(),
                ],
                rows: vec![vec![]],
            });
            let spec = SheetSpec {
                name: "任务分工表",
                title: work_plans::titles::document_title(&plan.title, None, "任务分工表"),
                headers: TASK_HEADERS.to_vec(),
                widths: TASK_WIDTHS.to_vec(),
                note: Some(NOTE),
            };
            write_book(path, &spec, &lines)
        }
        Some(county) => export_county_tasks(store, path, &plan, &tasks, county, opts.period.as_deref()),
    }
}

/// The county's own table: every measure with the county government as responsible unit and
/// the columns the county fills in, holding its latest progress (of `period` when given).
fn export_county_tasks(store: &Store, path: &Path, plan: &WorkPlan, tasks: &[Task], county: &str, period: Option<&str>) -> Result<()> {
    let known: bool =
        store.conn.query_row("SELECT count(*) > 0 FROM counties WHERE name = ?1", [county], |r| r.get(0))?;
    if !known {
        return Err(CoreError::Invalid(format!("“{county}”不是邢台市的县（市、区）名称")));
    }
    let period = opt_period(period)?;
    let query = ProgressQuery { unit: Some(county.into()), period: period.clone(), plan_id: Some(plan.id), ..Default::default() };
    let progress = list_progress(store, &query)?;
    let government = county_government(county);
    let lines = with_actions(tasks, |t| {
        let latest = progress.iter().filter(|p| p.task_id == t.id).max_by_key(|p| p.period.clone());
        let mut lead =
            vec![t.measure_no.to_string(), t.title.clone(), t.content.clone(), government.clone(), t.deadline.clone()];
        lead.extend(progress_cells(latest));
        Line::Measure { lead, rows: vec![vec![]] }
    });
    let mut headers = TASK_HEADERS.to_vec();
    headers.extend(PROGRESS_HEADERS);
    let mut widths = TASK_WIDTHS.to_vec();
    widths.extend(PROGRESS_WIDTHS);
    let title = work_plans::titles::document_title(&plan.title, Some(county), "任务分工表");
    let title = match &period {
        Some(p) => format!("{title}（{}）", period_label(p)),
        None => title,
    };
    write_book(path, &SheetSpec { name: "任务分工表", title, headers, widths, note: None }, &lines)
}

/// Writes the progress report (进展情况汇总表) of `period`: every measure × responsible unit,
/// plus every county that reported on it, with status, text, percent and date.
pub fn export_progress_report(store: &Store, path: &Path, period: &str, plan_id: Option<i64>) -> Result<()> {
    let period = opt_period(Some(period))?.expect("a period was given");
    let plan = work_plans::resolve(store, plan_id)?;
    let tasks = list_tasks(store, plan.id)?;
    let progress = list_progress(
        store,
        &ProgressQuery { period: Some(period.clone()), plan_id: Some(plan.id), ..Default::default() },
    )?;
    let lines = with_actions(&tasks, |t| {
        let mut units: Vec<String> = t
            .units
            .iter()
            .filter(|u| *u != ALL_COUNTIES_UNIT)
            .cloned()
            .collect();
        for p in progress.iter().filter(|p| p.task_id == t.id) {
            if !units.contains(&p.unit) {
                units.push(p.unit.clone());
            }
        }
        let rows = units
            .iter()
            .map(|u| {
                let mut row = vec![u.clone()];
                row.extend(progress_cells(
                    progress.iter().find(|p| p.task_id == t.id && &p.unit == u),
                ));
                row
            })
            .collect();
        Line::Measure {
            lead: vec![
                t.measure_no.to_string(),
                t.title.clone(),
                t.deadline.clone(),
            ],
            rows,
        }
    });
    let mut headers = vec!["序号", "重点任务", "完成时限", "责任单位"];
    headers.extend(PROGRESS_HEADERS);
    let spec = SheetSpec {
        name: "进展情况汇总表",
        title: format!(
            "{}（{}）",
            work_plans::titles::document_title(&plan.title, None, "任务进展情况汇总表"),
            period_label(&period)
        ),
        headers,
        widths: vec![
            (5.0, 6.0),
            (12.0, 22.0),
            (8.0, 10.0),
            (14.0, 26.0),
            (8.0, 10.0),
            (20.0, 60.0),
            (8.0, 10.0),
            (11.0, 12.0),
        ],
        note: None,
    };
    write_book(path, &spec, &lines)
}

/// (min, max) column widths in Excel character units, per column.
const TASK_WIDTHS: [(f64, f64); 5] = [
    (5.0, 6.0),
    (12.0, 22.0),
    (30.0, 60.0),
    (14.0, 28.0),
    (10.0, 12.0),
];
const PROGRESS_WIDTHS: [(f64, f64); 4] = [(8.0, 10.0), (16.0, 40.0), (8.0, 10.0), (11.0, 12.0)];

struct SheetSpec<'a> {
    name: &'a str,
    title: String,
    headers: Vec<&'a str>,
    widths: Vec<(f64, f64)>,
    note: Option<&'a str>,
}

fn opt_period(p: Option<&str>) -> Result<Option<String>> {
    match p.map(str::trim).filter(|p| !p.is_empty()) {
        None => Ok(None),
        Some(p) => normalize_period(p).map(Some).ok_or_else(|| {
            CoreError::Invalid(format!(
                "填报期间“{p}”无法识别，应为月份（如 2026-11）或季度（如 2026Q4）"
            ))
        }),
    }
}

/// 2026-11 → 2026年11月, 2026Q4 → 2026年第四季度.
pub fn period_label(p: &str) -> String {
    match p.split_once('Q') {
        Some((y, q)) => format!("{y}年第{}季度", chinese_numeral(q.parse().unwrap_or(0))),
        None => format!("{}年{}月", &p[..4], p[5..].trim_start_matches('0')),
    }
}

/// The government that answers for the plan in a county: 清河县 → 清河县政府, 开发区 → 管委会.
pub fn county_government(county: &str) -> String {
    if county.ends_with("开发区") || county.ends_with("新区") {
        format!("{county}管委会")
    } else {
        format!("{county}政府")
    }
}

fn progress_cells(p: Option<&TaskProgress>) -> Vec<String> {
    match p {
        None => vec!["未填报".into(), String::new(), String::new(), String::new()],
        Some(p) => vec![
            p.status.clone(),
            p.text.clone(),
            p.percent.map(|v| format!("{v}%")).unwrap_or_default(),
            p.date.clone().unwrap_or_default(),
        ],
    }
}

/// Measures grouped under their action rows “（一）企业上市行动”.
fn with_actions(tasks: &[Task], measure: impl Fn(&Task) -> Line) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut current = None;
    for t in tasks {
        if current != Some(t.action_no) {
            current = Some(t.action_no);
            lines.push(Line::Action(format!(
                "（{}）{}",
                chinese_numeral(t.action_no),
                t.action
            )));
        }
        lines.push(measure(t));
    }
    lines
}

fn chinese_numeral(n: i64) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 if n % 10 == 0 => format!("{}十", D[(n / 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

struct Styles {
    title: Format,
    header: Format,
    action: Format,
    body: Format,
    center: Format,
    note: Format,
}

fn styles() -> Styles {
    Styles {
        title: write::title(),
        header: write::header(),
        action: write::wrapped(cjk("黑体", 12.0)).set_align(FormatAlign::Left),
        body: write::body().set_align(FormatAlign::Left),
        center: write::body().set_align(FormatAlign::Center),
        note: cjk("仿宋", 12.0)
            .set_text_wrap()
            .set_align(FormatAlign::Left)
            .set_align(FormatAlign::VerticalCenter),
    }
}

/// Column widths from the widest line of each column (CJK counted double), within bounds.
fn column_widths(spec: &SheetSpec, lines: &[Line]) -> Vec<f64> {
    let mut widths: Vec<f64> = spec
        .headers
        .iter()
        .map(|h| display_width(h) as f64 + 2.0)
        .collect();
    let mut see = |c: usize, text: &str| {
        let w = text.lines().map(display_width).max().unwrap_or(0) as f64 + 2.0;
        if let Some(x) = widths.get_mut(c) {
            *x = x.max(w);
        }
    };
    for line in lines {
        if let Line::Measure { lead, rows } = line {
            lead.iter().enumerate().for_each(|(c, t)| see(c, t));
            for row in rows {
                row.iter()
                    .enumerate()
                    .for_each(|(c, t)| see(lead.len() + c, t));
            }
        }
    }
    widths
        .iter()
        .zip(&spec.widths)
        .map(|(w, (min, max))| w.clamp(*min, *max))
        .collect()
}

/// Lines a text needs in a column of `width` characters.
/// Body text is 12 pt while column units are measured in the 11 pt default font, so a line
/// takes `BODY_SCALE` times its display width.
fn lines_needed(text: &str, width: f64) -> f64 {
    let usable = (width - 1.0).max(1.0);
    text.lines()
        .map(|l| {
            (display_width(l) as f64 * BODY_SCALE / usable)
                .ceil()
                .max(1.0)
        })
        .sum::<f64>()
        .max(1.0)
}

const LINE_HEIGHT: f64 = 16.5;
const BODY_SCALE: f64 = 1.15;

fn write_book(path: &Path, spec: &SheetSpec, lines: &[Line]) -> Result<()> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(spec.name)?;
    let st = styles();
    let ncols = spec.headers.len() as u16;
    let widths = column_widths(spec, lines);
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    write::official_page(ws, 0.6, Footer::PageOfTotal);
    ws.merge_range(0, 0, 0, ncols - 1, &spec.title, &st.title)?;
    ws.set_row_height(0, 40)?;
    for (c, h) in spec.headers.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &st.header)?;
    }
    ws.set_row_height(1, 24)?;
    ws.set_repeat_rows(1, 1)?;
    let mut r: u32 = 2;
    for line in lines {
        match line {
            Line::Action(text) => {
                ws.merge_range(r, 0, r, ncols - 1, text, &st.action)?;
                ws.set_row_height(r, 24)?;
                r += 1;
            }
            Line::Measure { lead, rows } => {
                let span = rows.len().max(1) as u32;
                let mut heights = vec![1.0f64; span as usize];
                for (i, row) in rows.iter().enumerate() {
                    for (c, text) in row.iter().enumerate() {
                        let col = lead.len() + c;
                        write_cell(
                            ws,
                            r + i as u32,
                            col as u16,
                            text,
                            fmt_for(&st, spec.headers[col]),
                        )?;
                        heights[i] = heights[i].max(lines_needed(text, widths[col]));
                    }
                }
                for (c, text) in lead.iter().enumerate() {
                    let f = fmt_for(&st, spec.headers[c]);
                    if span > 1 {
                        ws.merge_range(r, c as u16, r + span - 1, c as u16, text, f)?;
                    } else {
                        write_cell(ws, r, c as u16, text, f)?;
                    }
                    // Merged lead cells share their height among the rows they cover.
                    let need = lines_needed(text, widths[c]) / span as f64;
                    heights.iter_mut().for_each(|h| *h = h.max(need.ceil()));
                }
                for (i, h) in heights.iter().enumerate() {
                    ws.set_row_height(r + i as u32, h * LINE_HEIGHT + 6.0)?;
                }
                r += span;
            }
        }
    }
    if let Some(note) = spec.note {
        ws.merge_range(r, 0, r, ncols - 1, note, &st.note)?;
        ws.set_row_height(r, 24)?;
    }
    write::save(&mut book, path)?;
    Ok(())
}

fn fmt_for<'a>(st: &'a Styles, header: &str) -> &'a Format {
    match header {
        "序号" | "完成时限" | "进展状态" | "完成比例" | "填报日期" => &st.center,
        _ => &st.body,
    }
}

/// Numbers (序号) as numbers so the sheet sorts and reads back like the official one.
fn write_cell(ws: &mut Worksheet, r: u32, c: u16, text: &str, f: &Format) -> Result<()> {
    match text.parse::<i64>() {
        Ok(n) if c == 0 => ws.write_number_with_format(r, c, n as f64, f)?,
        _ => ws.write_string_with_format(r, c, text, f)?,
    };
    Ok(())
}


#[cfg(test)]
mod tests;
