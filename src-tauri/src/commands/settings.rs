//! 设置 commands: operator name and backups kept, backup now, restore, the automatic backups and
//! what the quick check found when the app started.
use super::CmdResult;
use crate::state::AppState;
use pacesetter_core::store::backup::{self, BackupFile, FileCheck, RestoreReport, SafetySettings, StartupReport};
use std::path::PathBuf;

#[tauri::command]
pub async fn settings_get(state: tauri::State<'_, AppState>) -> CmdResult<SafetySettings> {
    state.with(|s| backup::settings(s))
}

#[tauri::command]
pub async fn settings_save(state: tauri::State<'_, AppState>, settings: SafetySettings) -> CmdResult<SafetySettings> {
    state.with(|s| backup::save_settings(s, &settings))
}

#[tauri::command]
pub async fn settings_backup(state: tauri::State<'_, AppState>, path: PathBuf) -> CmdResult<FileCheck> {
    state.with(|s| backup::backup_to(s, &path))
}

#[tauri::command]
pub async fn settings_restore(state: tauri::State<'_, AppState>, path: PathBuf) -> CmdResult<RestoreReport> {
    state.with(|s| backup::restore_from(s, &path))
}

#[tauri::command]
pub async fn settings_backups(state: tauri::State<'_, AppState>) -> CmdResult<Vec<BackupFile>> {
    state.with(|s| backup::list_backups(s))
}

#[tauri::command]
pub fn settings_startup(state: tauri::State<'_, AppState>) -> StartupReport {
    state.startup.clone()
}
