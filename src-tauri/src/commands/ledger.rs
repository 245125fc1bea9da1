//! Problem ledger commands: list/filter, detail, the workflow steps (征集, 交办, 对接服务, 办结,
//! 销号, 退回, 调整时限), statistics, unit options, the .xlsx export and a county sheet's import.
use super::CmdResult;
use crate::state::AppState;
use pacesetter_core::ledger::{
    self, export, AssignInput, CloseInput, LedgerImportReport, LedgerOptions, LedgerStats, Problem, ProblemDetail, ProblemInput, ProblemPage, ProblemQuery,
    ServeInput,
};
use std::path::PathBuf;

#[tauri::command]
pub fn ledger_list(state: tauri::State<AppState>, query: ProblemQuery) -> CmdResult<ProblemPage> {
    state.with(|s| ledger::list_problems(s, &query))
}

#[tauri::command]
pub fn ledger_detail(state: tauri::State<AppState>, id: i64) -> CmdResult<ProblemDetail> {
    state.with(|s| ledger::problem_detail(s, id))
}

#[tauri::command]
pub fn ledger_create(state: tauri::State<AppState>, input: ProblemInput) -> CmdResult<Problem> {
    state.with(|s| ledger::create_problem(s, &input))
}

#[tauri::command]
pub fn ledger_assign(state: tauri::State<AppState>, id: i64, input: AssignInput) -> CmdResult<Problem> {
    state.with(|s| ledger::assign_problem(s, id, &input))
}

#[tauri::command]
pub fn ledger_serve(state: tauri::State<AppState>, id: i64, input: ServeInput) -> CmdResult<Problem> {
    state.with(|s| ledger::serve_problem(s, id, &input))
}

#[tauri::command]
pub fn ledger_close(state: tauri::State<AppState>, id: i64, input: CloseInput) -> CmdResult<Problem> {
    state.with(|s| ledger::close_problem(s, id, &input))
}

#[tauri::command]
pub fn ledger_confirm(state: tauri::State<AppState>, id: i64) -> CmdResult<Problem> {
    state.with(|s| ledger::confirm_problem(s, id))
}

#[tauri::command]
pub fn ledger_return(state: tauri::State<AppState>, id: i64, reason: String) -> CmdResult<Problem> {
    state.with(|s| ledger::return_problem(s, id, &reason))
}

#[tauri::command]
pub fn ledger_set_deadline(state: tauri::State<AppState>, id: i64, deadline: String) -> CmdResult<Problem> {
    state.with(|s| ledger::set_deadline(s, id, &deadline))
}

/// 关联措施: links the problem to a measure of its plan (none: unlinks).
#[tauri::command]
pub fn ledger_link_task(state: tauri::State<AppState>, id: i64, task_id: Option<i64>) -> CmdResult<Problem> {
    state.with(|s| ledger::link_task(s, id, task_id))
}

#[tauri::command]
pub fn ledger_stats(state: tauri::State<AppState>) -> CmdResult<LedgerStats> {
    state.with(|s| ledger::ledger_stats(s))
}

#[tauri::command]
pub fn ledger_units(state: tauri::State<AppState>) -> CmdResult<Vec<String>> {
    state.with(|s| ledger::unit_options(s))
}

#[tauri::command]
pub async fn ledger_export(state: tauri::State<'_, AppState>, query: ProblemQuery, path: PathBuf) -> CmdResult<usize> {
    state.with(|s| export::export_ledger(s, &path, &query))
}

#[tauri::command]
pub fn ledger_options() -> LedgerOptions {
    ledger::ledger_options()
}

#[tauri::command]
pub async fn ledger_import_preview(state: tauri::State<'_, AppState>, path: PathBuf) -> CmdResult<LedgerImportReport> {
    state.with(|s| ledger::preview_ledger_import(s, &path))
}

/// Imports the previewed sheet; refused when the file changed since its preview (`file_hash`).
#[tauri::command]
pub async fn ledger_import_commit(state: tauri::State<'_, AppState>, path: PathBuf, file_hash: Option<String>) -> CmdResult<LedgerImportReport> {
    state.with(|s| ledger::import_ledger_checked(s, &path, pacesetter_core::work_plans::current_plan_id(s)?, file_hash.as_deref()))
}
