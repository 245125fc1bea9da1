//! The evaluation report of a work plan (总结评估 for its whole period, 年度报告 for one year):
//! 一、主要目标完成情况 (every indicator's target and actual at each milestone and each year, and
//! the period's totals for yearly indicators), 二、重点任务落实情况, 三、分县区情况, 四、问题台账办理
//! 情况. Gathered here once; written as .docx (`docx`) or .xlsx with numbers as numbers (`xlsx`).
mod docx;
mod xlsx;

use super::{resolve, WorkPlan};
use crate::error::{CoreError, Result};
use crate::store::Store;
use crate::targets::{board_as_of, plan_indicators, TargetQuery};
use crate::tasks::progress::{task_board, TaskUnitStatus};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// A year of the plan, or its whole period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportScope {
    Year(i64),
    Whole,
}

/// One indicator in one year: the target in force, the actual value and the status.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
pub struct YearFigure {
    pub year: i64,
    pub target: Option<f64>,
    pub actual: Option<f64>,
    pub status_label: String,
    /// The year is one of the indicator's milestones (到2023年 / 到2025年).
    pub milestone: bool,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
pub struct IndicatorResult {
    pub key: String,
    pub name: String,
    pub unit: String,
    /// 企业库计算 / 人工填报
    pub source: String,
    pub per_year: bool,
    pub yearly_target: Option<f64>,
    pub figures: Vec<YearFigure>,
    /// Yearly indicators: the targets summed over the reported years, the actuals over those
    /// begun by the report's date.
    pub total_target: Option<f64>,
    pub total_actual: Option<f64>,
    /// The totals judged: 已达标 / 未达标 (period over) / 实施中 (period running) / 暂无数据.
    pub total_status: String,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
pub struct MeasureResult {
    pub action_no: i64,
    pub action: String,
    pub measure_no: i64,
    pub title: String,
    pub deadline: String,
    pub lead_unit: String,
    /// 已完成 / 逾期未完成 / 推进中 / 未完成 / 持续推进 / 未填报
    pub status: String,
    pub units_done: i64,
    pub units_total: i64,
    /// The latest report of each responsible unit: 单位：进展（期间）.
    pub progress: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
pub struct CountyResult {
    pub county: String,
    pub enterprises: i64,
    /// The computed stock indicators (in `county_indicators` order) at the report's last year.
    pub values: Vec<Option<f64>>,
    pub measures_done: i64,
    pub measures_total: i64,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
pub struct LedgerSummary {
    pub total: i64,
    pub closed: i64,
    pub confirmed: i64,
    pub open: i64,
    pub returned: i64,
    pub close_rate_pct: Option<f64>,
    /// (问题类别, 件数), most first.
    pub by_category: Vec<(String, i64)>,
}

/// Everything the report says.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct EvaluationReport {
    pub plan: WorkPlan,
    pub title: String,
    /// 2022—2025年 / 2025年度
    pub scope_label: String,
    pub whole: bool,
    pub years: Vec<i64>,
    /// The date the report is judged on (ISO).
    pub as_of: String,
    pub indicators: Vec<IndicatorResult>,
    pub measures: Vec<MeasureResult>,
    /// (name, unit) of the indicators shown per county.
    pub county_indicators: Vec<(String, String)>,
    pub counties: Vec<CountyResult>,
    pub ledger: LedgerSummary,
}

/// The status of a year of the period that has not begun on the report's date.
pub const NOT_BEGUN: &str = "未到年度";

fn year_end(year: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(year as i32, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// Gathers the report of plan `plan_id` (the current one when `None`) for `scope`, judged today.
pub fn build_report(store: &Store, plan_id: Option<i64>, scope: ReportScope) -> Result<EvaluationReport> {
    build_report_as_of(store, plan_id, scope, crate::tasks::progress::today())
}

/// [`build_report`] judged on `today` (tests pass a fixed date).
pub fn build_report_as_of(store: &Store, plan_id: Option<i64>, scope: ReportScope, today: NaiveDate) -> Result<EvaluationReport> {
    let plan = resolve(store, plan_id)?;
    let years: Vec<i64> = match scope {
        ReportScope::Whole => (plan.start_year..=plan.end_year).collect(),
        ReportScope::Year(y) if (plan.start_year..=plan.end_year.max(today.year() as i64)).contains(&y) => vec![y],
        ReportScope::Year(y) => {
            return Err(CoreError::Invalid(format!("{y}年不在《{}》的实施期限（{}—{}年）内", plan.title, plan.start_year, plan.end_year)))
        }
    };
    let last = *years.last().expect("a plan has at least one year");
    let as_of = today.min(year_end(last));
    let (title, scope_label) = match scope {
        ReportScope::Whole => (format!("《{}》总结评估报告", plan.title), format!("{}—{}年", plan.start_year, plan.end_year)),
        ReportScope::Year(y) => (format!("《{}》{y}年度实施情况报告", plan.title), format!("{y}年度")),
    };
    let query = TargetQuery { year: Some(last), plan_id: Some(plan.id), ..Default::default() };
    let board = board_as_of(store, &query, as_of)?;
    let stored = plan_indicators(store, &plan)?;
    let indicators = board
        .indicators
        .iter()
        .map(|ind| {
            let milestones = stored.iter().find(|s| s.key == ind.key).map(|s| s.targets.clone()).unwrap_or_default();
            let figures: Vec<YearFigure> = ind
                .trend
                .iter()
                .filter(|t| years.contains(&t.year))
                .map(|t| {
                    // A year not yet begun has no actual (the pool's count would read 0) and no status.
                    let begun = t.year <= as_of.year() as i64;
                    YearFigure {
                        year: t.year,
                        target: t.target,
                        actual: t.value.filter(|_| begun),
                        status_label: if begun { crate::targets::status_label(&t.status) } else { NOT_BEGUN }.into(),
                        milestone: !ind.per_year && milestones.contains_key(&t.year),
                    }
                })
                .collect();
            let sum = |f: fn(&YearFigure) -> Option<f64>| -> Option<f64> {
                let vals: Vec<f64> = figures.iter().filter_map(f).collect();
                (ind.per_year && !vals.is_empty()).then(|| vals.iter().sum())
            };
            IndicatorResult {
                key: ind.key.clone(),
                name: ind.name.clone(),
                unit: ind.unit.clone(),
                source: if ind.kind == "computed" { "企业库计算" } else { "人工填报" }.into(),
                per_year: ind.per_year,
                yearly_target: stored.iter().find(|s| s.key == ind.key).and_then(|s| s.yearly_target),
                total_status: total_status(sum(|f| f.target), sum(|f| f.actual), as_of >= year_end(last)).into(),
                total_target: sum(|f| f.target),
                total_actual: sum(|f| f.actual),
                figures,
            }
        })
        .collect();
    // Measures are judged today once the period is over (已完成 / 逾期未完成), else on `as_of`.
    let measures_day = if today > year_end(last) && scope == ReportScope::Whole { today } else { as_of };
    let rows = task_board(store, plan.id, measures_day)?;
    let year_over = measures_day > year_end(last) || as_of == year_end(last);
    let measures = measures(store, plan.id, &rows, year_over)?;
    let county_keys: Vec<&crate::targets::IndicatorProgress> =
        board.indicators.iter().filter(|i| i.kind == "computed" && !i.per_year).collect();
    let counties = crate::tasks::progress::county_names(store)?
        .into_iter()
        .map(|county| {
            let breakdown = board.counties.iter().find(|c| c.county == county);
            let own: Vec<&TaskUnitStatus> = rows.iter().filter(|r| r.is_county && r.unit == county).collect();
            CountyResult {
                enterprises: breakdown.map_or(0, |b| b.enterprises),
                values: county_keys.iter().map(|i| breakdown.and_then(|b| b.values.get(&i.key).copied().flatten())).collect(),
                measures_done: own.iter().filter(|r| r.urgency == "done").count() as i64,
                measures_total: own.len() as i64,
                county,
            }
        })
        .collect();
    Ok(EvaluationReport {
        title,
        scope_label,
        whole: scope == ReportScope::Whole,
        as_of: as_of.to_string(),
        indicators,
        measures,
        county_indicators: county_keys.iter().map(|i| (i.name.clone(), i.unit.clone())).collect(),
        counties,
        ledger: ledger_summary(store, plan.id, &years)?,
        years,
        plan,
    })
}

/// How the period's total of a yearly indicator stands: a shortfall is 未达标 only once the
/// reported years are over.
fn total_status(target: Option<f64>, actual: Option<f64>, over: bool) -> &'static str {
    match (target, actual) {
        (Some(t), Some(a)) if a >= t - 1e-9 => "已达标",
        (Some(_), Some(_)) if over => "未达标",
        (Some(_), Some(_)) => "实施中",
        _ => "暂无数据",
    }
}

fn measures(store: &Store, plan_id: i64, rows: &[TaskUnitStatus], year_over: bool) -> Result<Vec<MeasureResult>> {
    Ok(crate::tasks::list_tasks(store, plan_id)?
        .into_iter()
        .map(|t| {
            let own: Vec<&TaskUnitStatus> = rows.iter().filter(|r| r.task_id == t.id && !r.is_county).collect();
            let done = own.iter().filter(|r| r.urgency == "done").count() as i64;
            let reported = own.iter().any(|r| r.latest.is_some());
            let status = if !own.is_empty() && done == own.len() as i64 {
                "已完成"
            } else if own.iter().any(|r| r.urgency == "missed" || r.urgency == "overdue") {
                "逾期未完成"
            } else if !reported {
                "未填报"
            } else if own.iter().all(|r| r.urgency == "long_term" || r.urgency == "done") {
                "持续推进"
            } else if year_over {
                "未完成"
            } else {
                "推进中"
            };
            let progress = own
                .iter()
                .filter_map(|r| r.latest.as_ref().map(|p| format!("{}：{}（{}，{}）", r.unit, if p.text.is_empty() { "—" } else { &p.text }, p.status, crate::tasks::export::period_label(&p.period))))
                .collect();
            MeasureResult {
                action_no: t.action_no,
                action: t.action.clone(),
                measure_no: t.measure_no,
                title: t.title.clone(),
                deadline: t.deadline.clone(),
                lead_unit: t.lead_unit.clone(),
                status: status.into(),
                units_done: done,
                units_total: own.len() as i64,
                progress,
            }
        })
        .collect())
}

/// The problems of the plan received in the reported years, by state and category.
fn ledger_summary(store: &Store, plan_id: i64, years: &[i64]) -> Result<LedgerSummary> {
    let (from, to) = (format!("{}-01-01", years[0]), format!("{}-12-31", years[years.len() - 1]));
    let count = |states: &str| -> Result<i64> {
        Ok(store.conn.query_row(
            &format!("SELECT count(*) FROM problems WHERE plan_id = ?1 AND received_on BETWEEN ?2 AND ?3 AND state IN ({states})"),
            rusqlite::params![plan_id, from, to],
            |r| r.get(0),
        )?)
    };
    let closed = count("'办结', '销号'")?;
    let confirmed = count("'销号'")?;
    let open = count("'征集', '交办', '对接服务'")?;
    let returned = count("'退回'")?;
    let total = closed + open + returned;
    let mut stmt = store.conn.prepare(
        "SELECT category, count(*) FROM problems WHERE plan_id = ?1 AND received_on BETWEEN ?2 AND ?3
         GROUP BY category ORDER BY count(*) DESC, category",
    )?;
    let by_category = stmt
        .query_map(rusqlite::params![plan_id, from, to], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let close_rate_pct = (total > 0).then(|| (closed as f64 * 1000.0 / total as f64).round() / 10.0);
    Ok(LedgerSummary { total, closed, confirmed, open, returned, close_rate_pct, by_category })
}

/// Writes the report as .docx or .xlsx, by the extension of `path`.
pub fn export_report(store: &Store, plan_id: Option<i64>, scope: ReportScope, path: &Path) -> Result<EvaluationReport> {
    let report = build_report(store, plan_id, scope)?;
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("docx") => docx::write(&report, path)?,
        Some("xlsx") => xlsx::write(&report, path)?,
        _ => return Err(CoreError::Invalid(format!("报告只能保存为 .docx 或 .xlsx：{}", path.display()))),
    }
    Ok(report)
}

/// A number as the report writes it: whole numbers without decimals, others with up to two.
pub(crate) fn number(v: Option<f64>) -> String {
    match v {
        None => "—".into(),
        Some(v) if v.fract().abs() < 1e-9 => format!("{v:.0}"),
        Some(v) => format!("{v:.2}").trim_end_matches('0').trim_end_matches('.').to_string(),
    }
}

/// A number with its unit: 30家, 3.5%.
pub(crate) fn with_unit(v: Option<f64>, unit: &str) -> String {
    match v {
        None => "—".into(),
        Some(_) => format!("{}{unit}", number(v)),
    }
}

#[cfg(test)]
mod tests;
