//! County sheet import commands: preview (writes nothing), commit, history, undo.
//! Async so reading a large file runs off the window's thread.
use super::CmdResult;
use crate::state::AppState;
use pacesetter_core::county_import::{self, ImportOptions, ImportPreview, ImportRecord, ImportReport, UndoReport};
use std::path::PathBuf;

#[tauri::command]
pub async fn import_preview(state: tauri::State<'_, AppState>, path: PathBuf, options: ImportOptions) -> CmdResult<ImportPreview> {
    state.with(|s| county_import::preview(s, &path, &options))
}

#[tauri::command]
pub async fn import_commit(state: tauri::State<'_, AppState>, path: PathBuf, options: ImportOptions) -> CmdResult<ImportReport> {
    state.with(|s| county_import::commit(s, &path, &options))
}

#[tauri::command]
pub async fn import_list(state: tauri::State<'_, AppState>) -> CmdResult<Vec<ImportRecord>> {
    state.with(|s| county_import::list_imports(s))
}

#[tauri::command]
pub async fn import_undo(state: tauri::State<'_, AppState>, import_id: i64) -> CmdResult<UndoReport> {
    state.with(|s| county_import::undo(s, import_id))
}

/// Writes the blank county collection template to the path chosen in the save dialog.
#[tauri::command]
pub async fn import_template(state: tauri::State<'_, AppState>, path: PathBuf) -> CmdResult<()> {
    state.with(|s| county_import::template::write_template(s, &path))
}
