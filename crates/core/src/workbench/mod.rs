//! 工作台: what needs doing this week for this installation's unit (市工信局 or a county), as a list
//! of sections, each built by one function of `sections` (add a section by adding one there).
mod sections;

use crate::error::{CoreError, Result};
use crate::exchange::{self as unit, CITY};
use crate::pool::ListKind;
use crate::store::Store;
use crate::tasks::progress::{task_board, TaskUnitStatus};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The city bureau as the task table names it among a measure's responsible units.
pub const CITY_TASK_UNIT: &str = "市工业和信息化局";

/// The 工作台 of one unit on one day.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct Workbench {
    /// This installation's unit; none: not chosen yet (the page asks for it).
    pub unit: Option<String>,
    /// Whose work is shown: the unit, or 市工信局 while none is chosen.
    pub scope: String,
    /// The units an installation may be (市工信局, then the 20 counties).
    pub units: Vec<String>,
    /// ISO date the items are judged on.
    pub today: String,
    /// This period's progress reports (2026-11).
    pub period: String,
    pub sections: Vec<Section>,
}

/// One block of the 工作台.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct Section {
    /// overdue_measures, due_measures, overdue_problems, due_problems, unfilled_reports, pool, imports …
    pub key: String,
    pub title: String,
    /// Said when there are no items.
    pub empty: String,
    pub items: Vec<WorkItem>,
}

/// One thing to do, and the place to do it.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct WorkItem {
    pub title: String,
    pub detail: String,
    /// danger (overdue) / warning (due soon) / info
    pub tone: String,
    /// The date it is due (or happened), ISO.
    pub date: Option<String>,
    pub opens: Opens,
}

/// Where an item opens.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[serde(tag = "page", rename_all = "snake_case")]
#[ts(export)]
pub enum Opens {
    /// The measure's progress drawer on 任务分工, for the unit.
    Measure { task_id: i64, unit: String },
    /// The problem's drawer on 问题台账.
    Problem { problem_id: i64 },
    /// The import on 导入记录.
    Import { import_id: i64 },
    /// The enterprise's page (its 资质认定 among the rest).
    Enterprise { enterprise_id: i64 },
    /// A list's page.
    List { list: ListKind },
}

/// What every section is built from: the store, the day, whose work, and that unit's measures.
pub(crate) struct Context<'a> {
    pub store: &'a Store,
    pub today: NaiveDate,
    /// The county whose work is shown; none: the city's.
    pub county: Option<String>,
    pub plan_id: i64,
    /// The current plan's measures for the unit, with their urgency on `today`.
    pub measures: Vec<TaskUnitStatus>,
}

/// The 工作台 of `unit` (this installation's unit when none is given) on `today`.
pub fn items(store: &Store, today: NaiveDate, unit: Option<&str>) -> Result<Workbench> {
    let units = unit::units(store)?;
    let chosen = match unit.map(str::trim).filter(|u| !u.is_empty()) {
        Some(u) if units.iter().any(|x| x == u) => Some(u.to_string()),
        Some(u) => {
            return Err(CoreError::Invalid(format!("“{u}”不是本系统的单位：请选择 {CITY} 或 20 个县（市、区）之一")));
        }
        None => unit::unit(store)?,
    };
    let scope = chosen.clone().unwrap_or_else(|| CITY.to_string());
    let county = (scope != CITY).then(|| scope.clone());
    let plan_id = crate::work_plans::current_plan_id(store)?;
    let measures = task_board(store, plan_id, today)?
        .into_iter()
        .filter(|r| match &county {
            Some(c) => r.is_county && &r.unit == c,
            None => !r.is_county && r.unit == CITY_TASK_UNIT,
        })
        .collect();
    let ctx = Context { store, today, county, plan_id, measures };
    let sections = sections::SECTIONS.iter().map(|build| build(&ctx)).collect::<Result<Vec<_>>>()?;
    Ok(Workbench { unit: chosen, scope, units, today: today.to_string(), period: sections::period_of(today), sections })
}

#[cfg(test)]
mod tests;
