//! Enterprise pool commands: the list, one enterprise's page (get, history), create, edit,
//! delete (to the 回收站: list, restore, purge), the official .xlsx export, the live USCC check
//! and the form's controlled lists.
use super::CmdResult;
use crate::state::AppState;
use pacesetter_core::enterprise::trash::{self, TrashItem, TrashRestored};
use pacesetter_core::enterprise::{self, EnterprisePage, EnterpriseQuery};

use pacesetter_core::enterprise::detail::{self, EnterpriseChoices, EnterpriseData, EnterpriseDetail, HistoryEntry, UsccCheck};

#[tauri::command]
pub fn enterprises_list(state: tauri::State<AppState>, query: EnterpriseQuery) -> CmdResult<EnterprisePage> {
    state.with(|s| enterprise::list_enterprises(s, &query))
}

/// Writes the enterprises matching the list's search and county (all pages) to an official .xlsx.
#[tauri::command]
pub async fn enterprises_export(state: tauri::State<'_, AppState>, path: std::path::PathBuf, query: EnterpriseQuery) -> CmdResult<usize> {
    state.with(|s| enterprise::export::export_enterprises(s, &path, &query))
}

#[tauri::command]
pub fn enterprises_get(state: tauri::State<AppState>, id: i64) -> CmdResult<EnterpriseDetail> {
    state.with(|s| detail::get_enterprise(s, id))
}

#[tauri::command]
pub fn enterprises_history(state: tauri::State<AppState>, id: i64) -> CmdResult<Vec<HistoryEntry>> {
    state.with(|s| detail::enterprise_history(s, id))
}

#[tauri::command]
pub fn enterprises_create(state: tauri::State<AppState>, data: EnterpriseData) -> CmdResult<EnterpriseDetail> {
    state.with(|s| detail::create_enterprise(s, &data))
}

#[tauri::command]
pub fn enterprises_update(state: tauri::State<AppState>, id: i64, data: EnterpriseData) -> CmdResult<EnterpriseDetail> {
    state.with(|s| detail::update_enterprise(s, id, &data))
}

#[tauri::command]
pub fn enterprises_delete(state: tauri::State<AppState>, id: i64) -> CmdResult<()> {
    state.with(|s| detail::delete_enterprise(s, id))
}

/// The enterprises in the 回收站, the latest deletion first.
#[tauri::command]
pub fn trash_list(state: tauri::State<AppState>) -> CmdResult<Vec<TrashItem>> {
    state.with(|s| trash::list_trash(s))
}

/// Puts a deleted enterprise back with all its records.
#[tauri::command]
pub fn trash_restore(state: tauri::State<AppState>, id: i64) -> CmdResult<TrashRestored> {
    state.with(|s| trash::restore(s, id))
}

/// Removes a deleted enterprise for good (the UI asks first); the audit log keeps its snapshot.
#[tauri::command]
pub fn trash_purge(state: tauri::State<AppState>, id: i64) -> CmdResult<TrashItem> {
    state.with(|s| trash::purge(s, id))
}

#[tauri::command]
pub fn enterprises_validate_uscc(state: tauri::State<AppState>, uscc: String, id: Option<i64>) -> CmdResult<UsccCheck> {
    state.with(|s| detail::validate_uscc(s, &uscc, id))
}

#[tauri::command]
pub fn enterprises_choices() -> EnterpriseChoices {
    detail::choices()
}
