//! The task board: every measure × responsible unit and × county with its latest report and
//! urgency, and the counts per unit and per county.
use super::{classify, county_names, due_date, list_progress, period_end, PlanYears, ProgressQuery, TaskProgress, ALL_COUNTIES_UNIT};
use crate::error::Result;
use crate::store::Store;
use crate::tasks::{list_tasks, Task};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One measure for one responsible unit or county: its latest progress and how urgent it is.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct TaskUnitStatus {
    pub task_id: i64,
    pub action_no: i64,
    pub action: String,
    pub measure_no: i64,
    pub title: String,
    pub deadline: String,
    pub due_date: Option<String>,
    pub unit: String,
    pub is_county: bool,
    pub is_lead: bool,
    /// 未填报 when nothing was reported yet, else the latest status.
    pub status: String,
    /// done / overdue / missed (逾期未完成) / due_soon / on_track / long_term
    pub urgency: String,
    pub latest: Option<TaskProgress>,
}

/// Counts for one unit or county.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ProgressSummary {
    pub unit: String,
    pub is_county: bool,
    pub total: i64,
    pub not_reported: i64,
    pub not_started: i64,
    pub in_progress: i64,
    pub done: i64,
    pub lagging: i64,
    pub overdue: i64,
    /// Fell due in a past year (or by the plan's end) undone.
    pub missed: i64,
    pub due_soon: i64,
}


/// The years of a plan, for reading its deadlines.
pub fn plan_years(store: &Store, plan_id: i64) -> Result<PlanYears> {
    let plan = crate::work_plans::get_plan(store, plan_id)?;
    Ok(PlanYears { start: plan.start_year, end: plan.end_year })
}

/// Every measure of a plan × responsible unit, then every measure × county (every measure is
/// every county's job), with the latest report and its urgency as of `today`.
pub fn task_board(store: &Store, plan_id: i64, today: NaiveDate) -> Result<Vec<TaskUnitStatus>> {
    let years = plan_years(store, plan_id)?;
    let tasks = list_tasks(store, plan_id)?;
    let counties = county_names(store)?;
    let all = list_progress(store, &ProgressQuery { plan_id: Some(plan_id), ..Default::default() })?;
    let mut out = Vec::new();
    let push = |t: &Task, unit: &str, is_county: bool, out: &mut Vec<TaskUnitStatus>| {
        let latest = all
            .iter()
            .filter(|p| p.task_id == t.id && p.unit == unit)
            .max_by_key(|p| (period_end(&p.period), p.updated_at.clone()))
            .cloned();
        let urgency = classify(
            &t.deadline,
            latest.as_ref().map(|p| p.status.as_str()),
            latest.as_ref().map(|p| p.period.as_str()),
            today,
            years,
        );
        out.push(TaskUnitStatus {
            task_id: t.id,
            action_no: t.action_no,
            action: t.action.clone(),
            measure_no: t.measure_no,
            title: t.title.clone(),
            deadline: t.deadline.clone(),
            due_date: due_date(&t.deadline, today, years).map(|d| d.to_string()),
            unit: unit.to_string(),
            is_county,
            is_lead: t.lead_unit == unit,
            status: latest
                .as_ref()
                .map(|p| p.status.clone())
                .unwrap_or_else(|| "未填报".into()),
            urgency: urgency.into(),
            latest,
        });
    };
    for t in &tasks {
        for u in t.units.iter().filter(|u| *u != ALL_COUNTIES_UNIT) {
            push(t, u, counties.contains(u), &mut out);
        }
    }
    for c in &counties {
        for t in &tasks {
            push(t, c, true, &mut out);
        }
    }
    Ok(out)
}

fn summarize(rows: &[TaskUnitStatus], units: &[String], is_county: bool) -> Vec<ProgressSummary> {
    units
        .iter()
        .map(|u| {
            let mut s = ProgressSummary {
                unit: u.clone(),
                is_county,
                ..Default::default()
            };
            for r in rows
                .iter()
                .filter(|r| &r.unit == u && r.is_county == is_county)
            {
                s.total += 1;
                match r.status.as_str() {
                    "未启动" => s.not_started += 1,
                    "推进中" => s.in_progress += 1,
                    "已完成" => s.done += 1,
                    "滞后" => s.lagging += 1,
                    _ => s.not_reported += 1,
                }
                match r.urgency.as_str() {
                    "overdue" => s.overdue += 1,
                    "missed" => s.missed += 1,
                    "due_soon" => s.due_soon += 1,
                    _ => {}
                }
            }
            s
        })
        .collect()
}

/// Counts per responsible unit (city departments, in order of first appearance in the table).
pub fn summary_by_unit(store: &Store, plan_id: i64, today: NaiveDate) -> Result<Vec<ProgressSummary>> {
    let rows = task_board(store, plan_id, today)?;
    let mut units: Vec<String> = Vec::new();
    for r in rows.iter().filter(|r| !r.is_county) {
        if !units.contains(&r.unit) {
            units.push(r.unit.clone());
        }
    }
    Ok(summarize(&rows, &units, false))
}

/// Counts per county (each county answers for all measures), in the official county order.
pub fn summary_by_county(store: &Store, plan_id: i64, today: NaiveDate) -> Result<Vec<ProgressSummary>> {
    let rows = task_board(store, plan_id, today)?;
    Ok(summarize(&rows, &county_names(store)?, true))
}
