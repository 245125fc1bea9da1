//! 考核: the 20 counties scored for a plan and year under the bureau's scheme (points per item,
//! [`DEFAULT_SCHEME`] unless set), with the points behind each score, a ranking and the
//! 考核评分表. Everything is judged as of `as_of` = the earlier of today and 31 December of the year.
//!
//! - 指标完成 (`indicators`): weight × the mean, over the indicators holding a target for the
//!   county that year (任务分解), of min(1, county value ÷ county target). Computed indicators are
//!   counted from the county's enterprises in the pool as the 目标看板 counts them; manual ones
//!   are the county's own entry (county_entries). No value counts 0; a target of 0 counts as met;
//!   a county with no target at all gets full points.
//! - 进展报送 (`progress_reported`): weight × the share of the plan's measures (every measure is
//!   every county's job) for which the county reported progress for a period of the year.
//! - 按时完成 (`progress_on_time`): weight × the share of the measures due by `as_of` (YYYY年底 on
//!   31 December of YYYY, 每年 on 31 December of the year, 长期坚持 never) whose latest report of a
//!   period ending by `as_of` is 已完成 (a 每年 measure: of a period of the year); none due → full.
//! - 问题销号率 (`ledger_closure`): weight × the share of 办结 or 销号 among the problems of the
//!   county's enterprises registered under the plan and received by `as_of`; none → full points.
//! - 逾期问题 (`ledger_overdue`): weight − 1 point per problem still 交办/对接服务 past its deadline
//!   on `as_of`, not below 0.
//!
//! A part's `value` is the share in percent (1 decimal) or, for 逾期问题, the count; points are
//! rounded to 2 decimals and the score is their sum. Equal scores share a rank (1, 1, 3), listed
//! in the official county order.
use super::allocation::{check_year, operator_name, stored_targets};
use crate::audit;
use crate::error::{CoreError, Result};
use crate::ledger::{county_stats, LedgerStat};
use crate::sheet::text::number_text;
use crate::sheet::write::{self, Footer};
use crate::store::{now_text, Store};
use crate::targets::{board_as_of, plan_indicators, TargetBoard, TargetQuery};
use crate::tasks::list_tasks;
use crate::tasks::progress::{classify, county_names, due_date, list_progress, period_end, PlanYears, ProgressQuery, TaskProgress};
use crate::work_plans::{self, WorkPlan};
use chrono::{Datelike, NaiveDate};
use rusqlite::params;
use rust_xlsxwriter::{FormatAlign, Workbook};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::TS;

/// The points of each item when the bureau set none for a plan and year (they add up to 100).
pub const DEFAULT_SCHEME: [(&str, f64); 5] =
    [("indicators", 60.0), ("progress_reported", 15.0), ("progress_on_time", 10.0), ("ledger_closure", 10.0), ("ledger_overdue", 5.0)];

/// Points taken off per overdue problem.
const POINTS_PER_OVERDUE: f64 = 1.0;

/// The Chinese name of an item and how its points are given (shown on screen and in the sheet).
fn describe(item: &str) -> (&'static str, &'static str) {
    match item {
        "indicators" => ("指标完成", "按分解到本县的各项指标计：完成值÷分解目标（最多按100%计）的平均值×分值；计算类指标按本县企业库数据，填报类指标按本县填报值；未分解目标的按满分计"),
        "progress_reported" => ("进展报送", "本年度报送了进展的措施数÷方案措施总数×分值"),
        "progress_on_time" => ("按时完成", "截至考核日已到期的措施中，最新进展为“已完成”的比例×分值；无到期措施的按满分计"),
        "ledger_closure" => ("问题销号率", "本县企业问题中已办结或销号的比例×分值；无问题的按满分计"),
        _ => ("逾期问题", "截至考核日每有1个逾期未办结问题扣1分，扣完为止"),
    }
}

/// One item of the scheme as the 考核 page shows it.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct SchemeItem {
    /// indicators / progress_reported / progress_on_time / ledger_closure / ledger_overdue
    pub item: String,
    /// 指标完成 / 进展报送 / 按时完成 / 问题销号率 / 逾期问题
    pub label: String,
    pub weight: f64,
    pub default_weight: f64,
    /// How the points are given, in one line.
    pub rule: String,
}

/// One item's points as the bureau sets them.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct SchemeWeight {
    pub item: String,
    pub weight: f64,
}

/// One item of a county's score: its points out of `weight` and the figure behind them.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ScorePart {
    pub item: String,
    pub weight: f64,
    /// The share in percent (1 decimal), or for ledger_overdue the number of overdue problems.
    pub value: f64,
    pub points: f64,
}

/// A county's score, its rank and the points behind it (the keys are the CLI's `assess --json`
/// contract).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct CountyScore {
    pub county: String,
    pub score: f64,
    pub rank: u32,
    pub parts: Vec<ScorePart>,
}

fn round_to(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (x * f).round() / f
}

fn weights(store: &Store, plan_id: i64, year: i64) -> Result<BTreeMap<String, f64>> {
    let mut stmt = store.conn.prepare_cached("SELECT item, weight FROM assessment_items WHERE plan_id = ?1 AND year = ?2")?;
    let rows = stmt.query_map(params![plan_id, year], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The scheme of plan `plan_id` (the current one when `None`) for `year`: the weights set, the
/// defaults for the rest.
pub fn scheme(store: &Store, plan_id: Option<i64>, year: i64) -> Result<Vec<SchemeItem>> {
    let plan = work_plans::resolve(store, plan_id)?;
    check_year(&plan, year)?;
    let set = weights(store, plan.id, year)?;
    Ok(DEFAULT_SCHEME
        .iter()
        .map(|&(item, default_weight)| {
            let (label, rule) = describe(item);
            SchemeItem { item: item.into(), label: label.into(), weight: set.get(item).copied().unwrap_or(default_weight), default_weight, rule: rule.into() }
        })
        .collect())
}

/// Sets the points of the items given (the others keep theirs) for plan `plan_id` (the current
/// one when `None`) and `year`, in one transaction, each change audited under `operator` (the
/// store's operator name when `None`); returns the scheme now in force.
pub fn set_scheme(store: &mut Store, plan_id: Option<i64>, year: i64, items: &[SchemeWeight], operator: Option<&str>) -> Result<Vec<SchemeItem>> {
    let plan = work_plans::resolve(store, plan_id)?;
    check_year(&plan, year)?;
    work_plans::ensure_editable(store, plan.id)?;
    let current = scheme(store, Some(plan.id), year)?;
    for (i, w) in items.iter().enumerate() {
        let Some(known) = current.iter().find(|c| c.item == w.item) else {
            return Err(CoreError::Invalid(format!("考核项目“{}”不存在", w.item)));
        };
        if !w.weight.is_finite() || w.weight < 0.0 {
            return Err(CoreError::Invalid(format!("“{}”的分值 {} 不正确（应为不小于 0 的数）", known.label, number_text(w.weight))));
        }
        if items[..i].iter().any(|o| o.item == w.item) {
            return Err(CoreError::Invalid(format!("考核项目“{}”重复给出", known.label)));
        }
    }
    let stored = weights(store, plan.id, year)?;
    let now = now_text();
    let stamp = audit::Stamp::new(now.clone(), operator_name(store, operator)?, "考核方案");
    let tx = store.conn.transaction()?;
    for w in items {
        let old = current.iter().find(|c| c.item == w.item).map(|c| c.weight);
        if stored.contains_key(&w.item) && old.is_some_and(|o| (o - w.weight).abs() < 1e-9) {
            continue;
        }
        tx.execute(
            "INSERT INTO assessment_items(plan_id, year, item, weight, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(plan_id, year, item) DO UPDATE SET weight = excluded.weight, updated_at = excluded.updated_at",
            params![plan.id, year, w.item, w.weight, now],
        )?;
        let key = format!("{}:{year}/{}", plan.id, w.item);
        let action = if stored.contains_key(&w.item) { "update" } else { "insert" };
        let (o, n) = (old.map(number_text), number_text(w.weight));
        audit::record(&tx, &stamp, audit::Entry::row(action, "assessment_items", &key).field("weight", o.as_deref(), Some(&n)))?;
    }
    tx.commit()?;
    scheme(store, Some(plan.id), year)
}

/// A share of `n` in `of` (1 when there is nothing to count).
fn share(n: usize, of: usize) -> f64 {
    if of == 0 {
        1.0
    } else {
        n as f64 / of as f64
    }
}

/// The manual indicators' values as the counties entered them for a year, by (indicator, county).
fn county_entries(store: &Store, plan_id: i64, year: i64) -> Result<BTreeMap<(String, String), f64>> {
    let mut stmt = store.conn.prepare_cached("SELECT indicator, county, value FROM county_entries WHERE plan_id = ?1 AND year = ?2")?;
    let rows = stmt.query_map(params![plan_id, year], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Each county's mean completion of its allocated targets (1 where it has none).
fn indicator_completion(store: &Store, plan: &WorkPlan, year: i64, today: NaiveDate, counties: &[String]) -> Result<Vec<f64>> {
    let targets = stored_targets(&store.conn, plan.id, year)?;
    let indicators = plan_indicators(store, plan)?;
    let entries = county_entries(store, plan.id, year)?;
    let computed_targets = indicators.iter().any(|i| i.computed && targets.keys().any(|(k, _)| *k == i.key));
    let board: Option<TargetBoard> = if computed_targets {
        Some(board_as_of(store, &TargetQuery { year: Some(year), plan_id: Some(plan.id), ..Default::default() }, today)?)
    } else {
        None
    };
    let pool_value = |key: &str, county: &str| -> Option<f64> {
        board.as_ref()?.counties.iter().find(|c| c.county == county)?.values.get(key).copied().flatten()
    };
    Ok(counties
        .iter()
        .map(|county| {
            let ratios: Vec<f64> = indicators
                .iter()
                .filter_map(|ind| {
                    let target = *targets.get(&(ind.key.clone(), county.clone()))?;
                    let value = if ind.computed { pool_value(&ind.key, county) } else { entries.get(&(ind.key.clone(), county.clone())).copied() };
                    Some(if target <= 0.0 { 1.0 } else { (value.unwrap_or(0.0) / target).clamp(0.0, 1.0) })
                })
                .collect();
            if ratios.is_empty() {
                1.0
            } else {
                ratios.iter().sum::<f64>() / ratios.len() as f64
            }
        })
        .collect())
}

/// Each county's shares of measures reported for the year and of measures due by `as_of` done.
fn progress_shares(store: &Store, plan: &WorkPlan, year: i64, as_of: NaiveDate, counties: &[String]) -> Result<Vec<(f64, f64)>> {
    let tasks = list_tasks(store, plan.id)?;
    let years = PlanYears { start: plan.start_year, end: plan.end_year };
    let all = list_progress(store, &ProgressQuery { plan_id: Some(plan.id), ..Default::default() })?;
    let due: Vec<_> = tasks.iter().filter(|t| due_date(&t.deadline, as_of, years).is_some_and(|d| d <= as_of)).collect();
    Ok(counties
        .iter()
        .map(|county| {
            let mine: Vec<&TaskProgress> = all.iter().filter(|p| &p.unit == county).collect();
            let reported = tasks
                .iter()
                .filter(|t| mine.iter().any(|p| p.task_id == t.id && period_end(&p.period).is_some_and(|d| i64::from(d.year()) == year)))
                .count();
            let done = due
                .iter()
                .filter(|t| {
                    let latest = mine
                        .iter()
                        .filter(|p| p.task_id == t.id && period_end(&p.period).is_some_and(|d| d <= as_of))
                        .max_by_key(|p| (period_end(&p.period), p.updated_at.clone()));
                    latest.is_some_and(|p| classify(&t.deadline, Some(&p.status), Some(&p.period), as_of, years) == "done")
                })
                .count();
            (share(reported, tasks.len()), share(done, due.len()))
        })
        .collect())
}

/// A part whose points are `weight` × a share.
fn share_part(item: &str, weight: f64, s: f64) -> ScorePart {
    ScorePart { item: item.into(), weight, value: round_to(s * 100.0, 1), points: round_to(weight * s, 2) }
}

/// The day the year is judged on: today, or 31 December of the year if that is earlier.
pub fn as_of(year: i64, today: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(year as i32, 12, 31).map_or(today, |end| today.min(end))
}

/// The 20 counties' scores for plan `plan_id` (the current one when `None`) and `year`, judged
/// as of [`as_of`]`(year, today)`, best first (see the module's rules).
pub fn assess(store: &Store, plan_id: Option<i64>, year: i64, today: NaiveDate) -> Result<Vec<CountyScore>> {
    let plan = work_plans::resolve(store, plan_id)?;
    check_year(&plan, year)?;
    let as_of = as_of(year, today);
    let weights: BTreeMap<String, f64> = scheme(store, Some(plan.id), year)?.into_iter().map(|s| (s.item, s.weight)).collect();
    let w = |item: &str| weights.get(item).copied().unwrap_or_default();
    let counties = county_names(store)?;
    let completion = indicator_completion(store, &plan, year, today, &counties)?;
    let progress = progress_shares(store, &plan, year, as_of, &counties)?;
    let ledger = county_stats(store, plan.id, as_of)?;
    let mut scores: Vec<CountyScore> = counties
        .iter()
        .enumerate()
        .map(|(i, county)| {
            let stat = ledger.iter().find(|s| &s.name == county).cloned().unwrap_or_else(|| LedgerStat { name: county.clone(), ..Default::default() });
            let overdue = stat.overdue as f64;
            let parts = vec![
                share_part("indicators", w("indicators"), completion[i]),
                share_part("progress_reported", w("progress_reported"), progress[i].0),
                share_part("progress_on_time", w("progress_on_time"), progress[i].1),
                share_part("ledger_closure", w("ledger_closure"), share(stat.closed as usize, stat.total as usize)),
                ScorePart {
                    item: "ledger_overdue".into(),
                    weight: w("ledger_overdue"),
                    value: overdue,
                    points: round_to((w("ledger_overdue") - POINTS_PER_OVERDUE * overdue).max(0.0), 2),
                },
            ];
            let score = round_to(parts.iter().map(|p| p.points).sum(), 2);
            CountyScore { county: county.clone(), score, rank: 0, parts }
        })
        .collect();
    // Stable: equal scores stay in the official county order.
    scores.sort_by(|a, b| b.score.total_cmp(&a.score));
    for i in 0..scores.len() {
        scores[i].rank = if i > 0 && scores[i].score == scores[i - 1].score { scores[i - 1].rank } else { i as u32 + 1 };
    }
    Ok(scores)
}

/// The title of the 考核评分表.
pub fn assessment_title(plan_title: &str, year: i64) -> String {
    work_plans::titles::document_title(plan_title, None, &format!("{year}年度县（市、区）考核评分表"))
}

/// What the value column of an item is headed.
fn value_header(item: &str) -> &'static str {
    match item {
        "indicators" | "progress_on_time" => "完成率（%）",
        "progress_reported" => "报送率（%）",
        "ledger_closure" => "销号率（%）",
        _ => "逾期（个）",
    }
}

/// Writes the 考核评分表 of plan `plan_id` (the current one when `None`) and `year` to `out`: one
/// row per county (排名, 县（市、区）, 值 and 得分 per item, 总分), the rules below; A4 landscape.
pub fn export_assessment(store: &Store, plan_id: Option<i64>, year: i64, today: NaiveDate, out: &Path) -> Result<()> {
    let plan = work_plans::resolve(store, plan_id)?;
    let scores = assess(store, Some(plan.id), year, today)?;
    let items = scheme(store, Some(plan.id), year)?;
    let mut book = Workbook::new();
    let ws = book.add_worksheet().set_name("考核评分表")?;
    let last = 2 + 2 * items.len() as u16;
    let header = write::header();
    let center = write::body().set_align(FormatAlign::Center);
    let one = center.clone().set_num_format("0.0");
    let whole = center.clone().set_num_format("0");
    let two = center.clone().set_num_format("0.00");
    let bold = two.clone().set_bold();
    // The title is long (the plan's own title comes first): two lines at most.
    ws.merge_range(0, 0, 0, last, &assessment_title(&plan.title, year), &write::title().set_font_size(18).set_text_wrap())?;
    ws.set_row_height(0, 56)?;
    let total: f64 = items.iter().map(|i| i.weight).sum();
    let sub = format!("（考核日期：{}　满分：{} 分）", as_of(year, today).format("%Y年%-m月%-d日"), number_text(total));
    ws.merge_range(1, 0, 1, last, &sub, &write::cjk("仿宋", 12.0).set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter))?;
    ws.set_row_height(1, 22)?;
    ws.merge_range(2, 0, 3, 0, "排名", &header)?;
    ws.merge_range(2, 1, 3, 1, "县（市、区）", &header)?;
    ws.merge_range(2, last, 3, last, "总分", &header)?;
    ws.set_column_width(0, 6)?;
    ws.set_column_width(1, 16)?;
    ws.set_column_width(last, 9)?;
    for (k, item) in items.iter().enumerate() {
        let c = 2 + 2 * k as u16;
        ws.merge_range(2, c, 2, c + 1, &format!("{}（{}分）", item.label, number_text(item.weight)), &header)?;
        ws.write_string_with_format(3, c, value_header(&item.item), &header)?;
        ws.write_string_with_format(3, c + 1, "得分", &header)?;
        ws.set_column_width(c, 11)?;
        ws.set_column_width(c + 1, 8)?;
    }
    ws.set_row_height(2, 30)?;
    ws.set_row_height(3, 30)?;
    for (r, s) in scores.iter().enumerate() {
        let row = 4 + r as u32;
        ws.write_number_with_format(row, 0, f64::from(s.rank), &whole)?;
        ws.write_string_with_format(row, 1, &s.county, &center)?;
        for (k, p) in s.parts.iter().enumerate() {
            let c = 2 + 2 * k as u16;
            ws.write_number_with_format(row, c, p.value, if p.item == "ledger_overdue" { &whole } else { &one })?;
            ws.write_number_with_format(row, c + 1, p.points, &two)?;
        }
        ws.write_number_with_format(row, last, s.score, &bold)?;
        ws.set_row_height(row, 20)?;
    }
    let note = write::cjk("仿宋", 11.0).set_text_wrap().set_align(FormatAlign::Left).set_align(FormatAlign::VerticalCenter);
    let mut row = 5 + scores.len() as u32;
    ws.merge_range(row, 0, row, last, "评分说明：", &note)?;
    for item in &items {
        row += 1;
        ws.merge_range(row, 0, row, last, &format!("{}（{}分）：{}。", item.label, number_text(item.weight), item.rule), &note)?;
        ws.set_row_height(row, 20)?;
    }
    write::official_page(ws, 0.5, Footer::Dashes);
    // 20 counties and the rules fit one page: the sheet is signed and filed as one.
    ws.set_print_fit_to_pages(1, 1);
    ws.set_repeat_rows(2, 3)?;
    write::save(&mut book, out)
}

#[cfg(test)]
mod tests;
