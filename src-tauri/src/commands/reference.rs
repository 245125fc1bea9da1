//! Reference lists for drop-downs: counties and clusters.
use super::CmdResult;
use crate::state::AppState;
use pacesetter_core::reference::{self, County};

#[tauri::command]
pub fn reference_counties(state: tauri::State<AppState>) -> CmdResult<Vec<County>> {
    state.with(|s| reference::list_counties(s))
}

#[tauri::command]
pub fn reference_clusters(state: tauri::State<AppState>) -> CmdResult<Vec<String>> {
    state.with(|s| reference::list_clusters(s))
}
