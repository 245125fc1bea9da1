//! 一企一策 commands: read (saved or pre-filled draft), save, copy to next year, list, the awards
//! catalogue and .docx export (one enterprise or a county's folder).
use super::CmdResult;
use crate::state::AppState;
use pacesetter_core::enterprise_plans::awards::{AwardInput, AwardItem};
use pacesetter_core::enterprise_plans::{self as plans, awards, docx, Plan, PlanBody, PlanOptions, PlanSummary};
use std::path::PathBuf;

#[tauri::command]
pub fn plans_get(state: tauri::State<AppState>, enterprise_id: i64, year: i64) -> CmdResult<Plan> {
    state.with(|s| plans::get_plan(s, enterprise_id, year))
}

#[tauri::command]
pub fn plans_save(state: tauri::State<AppState>, enterprise_id: i64, year: i64, body: PlanBody) -> CmdResult<Plan> {
    state.with(|s| plans::save_plan(s, enterprise_id, year, &body))
}

#[tauri::command]
pub fn plans_copy_next_year(state: tauri::State<AppState>, enterprise_id: i64, year: i64) -> CmdResult<Plan> {
    state.with(|s| plans::copy_to_next_year(s, enterprise_id, year))
}

#[tauri::command]
pub fn plans_list(state: tauri::State<AppState>, county: Option<String>, year: Option<i64>) -> CmdResult<Vec<PlanSummary>> {
    state.with(|s| plans::list_plans(s, county.as_deref(), year))
}

#[tauri::command]
pub fn plans_awards(state: tauri::State<AppState>) -> CmdResult<Vec<AwardItem>> {
    state.with(awards::list_awards)
}

#[tauri::command]
pub fn plans_add_award(state: tauri::State<AppState>, input: AwardInput) -> CmdResult<AwardItem> {
    state.with(|s| awards::add_award(s, &input))
}

#[tauri::command]
pub async fn plans_export_docx(state: tauri::State<'_, AppState>, enterprise_id: i64, year: i64, path: PathBuf) -> CmdResult<()> {
    state.with(|s| docx::export_plan(s, enterprise_id, year, &path))
}

#[tauri::command]
pub async fn plans_export_county(state: tauri::State<'_, AppState>, county: String, year: Option<i64>, dir: PathBuf) -> CmdResult<Vec<PathBuf>> {
    state.with(|s| docx::export_county_plans(s, &county, year, &dir))
}

#[tauri::command]
pub fn plans_options() -> PlanOptions {
    plans::plan_options()
}
