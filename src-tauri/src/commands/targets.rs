//! 目标看板 commands: the board for a year and filters, the enterprises behind a computed value,
//! manual values of the city or a county (save/remove, audited in core) and the .xlsx export to a path from the save dialog.
use super::CmdResult;
use crate::state::AppState;
use pacesetter_core::store::filter::Paging;
use pacesetter_core::targets::{self, IndicatorMembers, TargetBoard, TargetEntry, TargetEntryInput, TargetQuery};
use std::path::PathBuf;

#[tauri::command]
pub async fn targets_board(state: tauri::State<'_, AppState>, query: TargetQuery) -> CmdResult<TargetBoard> {
    state.with(|s| targets::board(s, &query))
}

#[tauri::command]
pub async fn targets_members(state: tauri::State<'_, AppState>, key: String, query: TargetQuery, paging: Paging) -> CmdResult<IndicatorMembers> {
    state.with(|s| targets::indicator_members(s, &key, &query, &paging))
}

#[tauri::command]
pub fn targets_entry_save(state: tauri::State<AppState>, input: TargetEntryInput) -> CmdResult<TargetEntry> {
    state.with(|s| targets::save_entry(s, &input))
}

#[tauri::command]
pub fn targets_entry_delete(state: tauri::State<AppState>, indicator: String, year: i64, county: Option<String>) -> CmdResult<()> {
    state.with(|s| targets::delete_entry(s, None, &indicator, year, county.as_deref()))
}

#[tauri::command]
pub async fn targets_export(state: tauri::State<'_, AppState>, path: PathBuf, query: TargetQuery) -> CmdResult<()> {
    state.with(|s| targets::export_targets(s, &path, &query))
}
