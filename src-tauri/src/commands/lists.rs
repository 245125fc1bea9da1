//! 名单 commands: a list's members (now or on a date), its history of joins and leaves, and its
//! official sheet.
use super::CmdResult;
use crate::state::AppState;
use pacesetter_core::pool::{self, ListEvent, ListKind, ListMember};
use std::path::PathBuf;

#[tauri::command]
pub async fn lists_members(state: tauri::State<'_, AppState>, list: ListKind, on: Option<String>) -> CmdResult<Vec<ListMember>> {
    state.with(|s| pool::list_members(s, list, on.as_deref()))
}

#[tauri::command]
pub async fn lists_history(state: tauri::State<'_, AppState>, list: ListKind, enterprise_id: Option<i64>) -> CmdResult<Vec<ListEvent>> {
    state.with(|s| pool::list_history(s, list, enterprise_id))
}

#[tauri::command]
pub async fn lists_export(state: tauri::State<'_, AppState>, list: ListKind, path: PathBuf) -> CmdResult<usize> {
    state.with(|s| pool::export_list(s, list, &path))
}
