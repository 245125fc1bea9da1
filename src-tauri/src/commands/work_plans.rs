//! 工作方案 commands: the plans, the current one, editing, reopening an ended plan, copy, import
//! from sheets, editing a plan's measures and indicators, the indicator template and the
//! evaluation report (paths from the dialogs).
use super::CmdResult;
use crate::state::AppState;
use pacesetter_core::work_plans::import::{import_plan, PlanImportReport};
use pacesetter_core::work_plans::report::{build_report, export_report, EvaluationReport, ReportScope};
use pacesetter_core::tasks::Task;
use pacesetter_core::work_plans::edit::{self, IndicatorInput, MeasureInput, PlanIndicator};
use pacesetter_core::work_plans::{self, indicator_sheet, WorkPlan, WorkPlanInput};
use std::path::PathBuf;

/// `year` absent: the whole period (总结评估).
fn scope(year: Option<i64>) -> ReportScope {
    year.map_or(ReportScope::Whole, ReportScope::Year)
}

#[tauri::command]
pub fn work_plans_list(state: tauri::State<AppState>) -> CmdResult<Vec<WorkPlan>> {
    state.with(|s| work_plans::list_plans(s))
}

#[tauri::command]
pub fn work_plans_current(state: tauri::State<AppState>) -> CmdResult<WorkPlan> {
    state.with(|s| work_plans::resolve(s, None))
}

#[tauri::command]
pub fn work_plans_use(state: tauri::State<AppState>, id: i64) -> CmdResult<WorkPlan> {
    state.with(|s| work_plans::use_plan(s, id))
}

#[tauri::command]
pub fn work_plans_update(state: tauri::State<AppState>, id: i64, input: WorkPlanInput) -> CmdResult<WorkPlan> {
    state.with(|s| work_plans::update_plan(s, id, &input))
}

#[tauri::command]
pub fn work_plans_set_unlocked(state: tauri::State<AppState>, id: i64, unlocked: bool) -> CmdResult<WorkPlan> {
    state.with(|s| work_plans::set_unlocked(s, id, unlocked))
}

#[tauri::command]
pub fn work_plans_copy(state: tauri::State<AppState>, id: i64, start_year: i64, end_year: i64, title: Option<String>) -> CmdResult<WorkPlan> {
    state.with(|s| work_plans::copy_plan(s, id, start_year, end_year, title.as_deref()))
}

#[tauri::command]
pub async fn work_plans_import(state: tauri::State<'_, AppState>, input: WorkPlanInput, tasks: PathBuf, indicators: Option<PathBuf>) -> CmdResult<PlanImportReport> {
    state.with(|s| import_plan(s, &input, &tasks, indicators.as_deref()))
}

#[tauri::command]
pub async fn work_plans_template(state: tauri::State<'_, AppState>, id: i64, path: PathBuf) -> CmdResult<()> {
    state.with(|s| indicator_sheet::export_template(s, id, &path))
}

#[tauri::command]
pub async fn work_plans_report(state: tauri::State<'_, AppState>, id: i64, year: Option<i64>) -> CmdResult<EvaluationReport> {
    state.with(|s| build_report(s, Some(id), scope(year)))
}

#[tauri::command]
pub async fn work_plans_report_export(state: tauri::State<'_, AppState>, id: i64, year: Option<i64>, path: PathBuf) -> CmdResult<EvaluationReport> {
    state.with(|s| export_report(s, Some(id), scope(year), &path))
}

#[tauri::command]
pub fn work_plans_measures(state: tauri::State<AppState>, id: i64) -> CmdResult<Vec<Task>> {
    state.with(|s| pacesetter_core::tasks::list_tasks(s, id))
}

#[tauri::command]
pub fn work_plans_add_measure(state: tauri::State<AppState>, id: i64, input: MeasureInput) -> CmdResult<Task> {
    state.with(|s| edit::add_measure(s, id, &input))
}

#[tauri::command]
pub fn work_plans_update_measure(state: tauri::State<AppState>, task_id: i64, input: MeasureInput) -> CmdResult<Task> {
    state.with(|s| edit::update_measure(s, task_id, &input))
}

#[tauri::command]
pub fn work_plans_delete_measure(state: tauri::State<AppState>, task_id: i64) -> CmdResult<()> {
    state.with(|s| edit::delete_measure(s, task_id))
}

#[tauri::command]
pub fn work_plans_indicators(state: tauri::State<AppState>, id: i64) -> CmdResult<Vec<PlanIndicator>> {
    state.with(|s| edit::list_indicators(s, id))
}

#[tauri::command]
pub fn work_plans_add_indicator(state: tauri::State<AppState>, id: i64, input: IndicatorInput) -> CmdResult<PlanIndicator> {
    state.with(|s| edit::add_indicator(s, id, &input))
}

#[tauri::command]
pub fn work_plans_update_indicator(state: tauri::State<AppState>, id: i64, key: String, input: IndicatorInput) -> CmdResult<PlanIndicator> {
    state.with(|s| edit::update_indicator(s, id, &key, &input))
}

#[tauri::command]
pub fn work_plans_delete_indicator(state: tauri::State<AppState>, id: i64, key: String) -> CmdResult<()> {
    state.with(|s| edit::delete_indicator(s, id, &key))
}
