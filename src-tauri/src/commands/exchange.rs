//! 数据交换 commands: this installation's unit, export a package, preview and import one (with
//! the receiver's conflict choices), the packages sent and received, undo an import.
use super::CmdResult;
use crate::state::AppState;
use pacesetter_core::exchange::{self, ExchangeReport, ExportReport, ImportChoices, PackageRecord, UndoPackageReport};
use std::path::PathBuf;

#[tauri::command]
pub async fn exchange_unit(state: tauri::State<'_, AppState>) -> CmdResult<Option<String>> {
    state.with(|s| exchange::unit(s))
}

#[tauri::command]
pub async fn exchange_units(state: tauri::State<'_, AppState>) -> CmdResult<Vec<String>> {
    state.with(|s| exchange::units(s))
}

#[tauri::command]
pub async fn exchange_set_unit(state: tauri::State<'_, AppState>, unit: String) -> CmdResult<String> {
    state.with(|s| exchange::set_unit(s, &unit))
}

#[tauri::command]
pub async fn exchange_export(state: tauri::State<'_, AppState>, county: Option<String>, path: PathBuf) -> CmdResult<ExportReport> {
    state.with(|s| exchange::export_package(s, county.as_deref(), &path))
}

#[tauri::command]
pub async fn exchange_preview(state: tauri::State<'_, AppState>, path: PathBuf, choices: ImportChoices) -> CmdResult<ExchangeReport> {
    state.with(|s| exchange::preview_package(s, &path, &choices))
}

#[tauri::command]
pub async fn exchange_import(state: tauri::State<'_, AppState>, path: PathBuf, choices: ImportChoices) -> CmdResult<ExchangeReport> {
    state.with(|s| exchange::import_package(s, &path, &choices))
}

#[tauri::command]
pub async fn exchange_list(state: tauri::State<'_, AppState>) -> CmdResult<Vec<PackageRecord>> {
    state.with(|s| exchange::list_packages(s))
}

#[tauri::command]
pub async fn exchange_undo(state: tauri::State<'_, AppState>, id: i64) -> CmdResult<UndoPackageReport> {
    state.with(|s| exchange::undo_package(s, id))
}

#[tauri::command]
pub async fn exchange_undo_preview(state: tauri::State<'_, AppState>, id: i64) -> CmdResult<UndoPackageReport> {
    state.with(|s| exchange::undo_package_preview(s, id))
}
