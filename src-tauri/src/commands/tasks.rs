//! Task-assignment table commands (of the current work plan): the measures, sheet import (preview/commit) and export (city,
//! county version, progress report), progress records, the board of deadlines and the summaries.
//! Paths come from the UI's open/save dialogs and are read or written here, in Rust.
use super::CmdResult;
use crate::state::AppState;
use pacesetter_core::tasks::progress::{self, ProgressInput, ProgressQuery, ProgressSummary, QuantityTarget, TaskProgress, TaskUnitStatus};
use pacesetter_core::tasks::county_progress::{self, CountyProgressReport};
use pacesetter_core::tasks::export::{self, TaskExportOptions};
use pacesetter_core::tasks::import::{self as sheet_import, TaskImportReport};
use pacesetter_core::tasks::{self, Task};
use pacesetter_core::fingerprint::Hashed;
use pacesetter_core::work_plans::current_plan_id;
use std::path::PathBuf;

#[tauri::command]
pub fn tasks_list(state: tauri::State<AppState>) -> CmdResult<Vec<Task>> {
    state.with(|s| tasks::list_tasks(s, current_plan_id(s)?))
}

#[tauri::command]
pub async fn tasks_import_preview(state: tauri::State<'_, AppState>, path: PathBuf) -> CmdResult<Hashed<TaskImportReport>> {
    state.with(|s| sheet_import::preview_with_hash(s, &path, current_plan_id(s)?))
}

/// Imports the previewed sheet; refused when the file changed since its preview (`file_hash`).
#[tauri::command]
pub async fn tasks_import_commit(state: tauri::State<'_, AppState>, path: PathBuf, file_hash: Option<String>) -> CmdResult<TaskImportReport> {
    state.with(|s| Ok(sheet_import::import(s, &path, current_plan_id(s)?, file_hash.as_deref())?.report))
}

#[tauri::command]
pub async fn tasks_export(state: tauri::State<'_, AppState>, path: PathBuf, options: TaskExportOptions) -> CmdResult<()> {
    state.with(|s| export::export_tasks(s, &path, &options))
}

#[tauri::command]
pub async fn tasks_export_progress(state: tauri::State<'_, AppState>, path: PathBuf, period: String) -> CmdResult<()> {
    state.with(|s| export::export_progress_report(s, &path, &period, None))
}

#[tauri::command]
pub async fn tasks_county_progress_preview(state: tauri::State<'_, AppState>, path: PathBuf, county: Option<String>, period: Option<String>) -> CmdResult<Hashed<CountyProgressReport>> {
    state.with(|s| county_progress::preview_with_hash(s, &path, county.as_deref(), period.as_deref()))
}

/// Imports the previewed sheet; refused when the file changed since its preview (`file_hash`).
#[tauri::command]
pub async fn tasks_county_progress_import(
    state: tauri::State<'_, AppState>,
    path: PathBuf,
    county: Option<String>,
    period: Option<String>,
    file_hash: Option<String>,
) -> CmdResult<CountyProgressReport> {
    state.with(|s| county_progress::import_county_progress(s, &path, county.as_deref(), period.as_deref(), file_hash.as_deref()))
}

#[tauri::command]
pub fn tasks_progress_upsert(state: tauri::State<AppState>, input: ProgressInput) -> CmdResult<TaskProgress> {
    state.with(|s| progress::upsert_progress(s, &input))
}

#[tauri::command]
pub fn tasks_progress_delete(state: tauri::State<AppState>, id: i64) -> CmdResult<()> {
    state.with(|s| progress::delete_progress(s, id))
}

#[tauri::command]
pub fn tasks_progress_list(state: tauri::State<AppState>, query: ProgressQuery) -> CmdResult<Vec<TaskProgress>> {
    state.with(|s| progress::list_progress(s, &query))
}

#[tauri::command]
pub fn tasks_board(state: tauri::State<AppState>) -> CmdResult<Vec<TaskUnitStatus>> {
    state.with(|s| progress::task_board(s, current_plan_id(s)?, progress::today()))
}

#[tauri::command]
pub fn tasks_summary_units(state: tauri::State<AppState>) -> CmdResult<Vec<ProgressSummary>> {
    state.with(|s| progress::summary_by_unit(s, current_plan_id(s)?, progress::today()))
}

#[tauri::command]
pub fn tasks_summary_counties(state: tauri::State<AppState>) -> CmdResult<Vec<ProgressSummary>> {
    state.with(|s| progress::summary_by_county(s, current_plan_id(s)?, progress::today()))
}

#[tauri::command]
pub fn tasks_quantity_target(content: String) -> Option<QuantityTarget> {
    progress::quantity_target(&content)
}

#[tauri::command]
pub fn tasks_unit_target(state: tauri::State<AppState>, task_id: i64, unit: String, period: String) -> CmdResult<Option<f64>> {
    state.with(|s| progress::unit_target(s, task_id, &unit, &period))
}

#[tauri::command]
pub fn tasks_county_government(county: String) -> String {
    export::county_government(&county)
}

#[tauri::command]
pub fn tasks_statuses() -> Vec<&'static str> {
    progress::STATUSES.to_vec()
}
