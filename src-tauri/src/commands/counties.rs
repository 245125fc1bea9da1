//! 县区考核 commands: the current plan's targets split down to the counties (load, save with a
//! dry run, the sheet out and read back) and the 考核 (scheme, scores judged as of today, sheet).
use super::CmdResult;
use crate::state::AppState;
use pacesetter_core::counties::allocation::{self, Allocation, AllocationCell, AllocationSummary};
use pacesetter_core::counties::allocation_sheet::{self, AllocationRead};
use pacesetter_core::counties::assessment::{self, CountyScore, SchemeItem, SchemeWeight};
use pacesetter_core::tasks::progress::today;
use std::path::PathBuf;

#[tauri::command]
pub async fn counties_allocation(state: tauri::State<'_, AppState>, year: i64) -> CmdResult<Allocation> {
    state.with(|s| allocation::load_allocation(s, None, year))
}

#[tauri::command]
pub async fn counties_allocation_save(state: tauri::State<'_, AppState>, year: i64, cells: Vec<AllocationCell>, dry_run: bool) -> CmdResult<AllocationSummary> {
    state.with(|s| allocation::save_allocation(s, None, year, &cells, None, dry_run))
}

#[tauri::command]
pub async fn counties_allocation_export(state: tauri::State<'_, AppState>, year: i64, path: PathBuf) -> CmdResult<()> {
    state.with(|s| allocation_sheet::export_allocation(s, None, year, &path))
}

#[tauri::command]
pub async fn counties_allocation_read(state: tauri::State<'_, AppState>, year: i64, path: PathBuf) -> CmdResult<AllocationRead> {
    state.with(|s| allocation_sheet::read_allocation(s, None, year, &path))
}

#[tauri::command]
pub async fn counties_scheme(state: tauri::State<'_, AppState>, year: i64) -> CmdResult<Vec<SchemeItem>> {
    state.with(|s| assessment::scheme(s, None, year))
}

#[tauri::command]
pub async fn counties_scheme_save(state: tauri::State<'_, AppState>, year: i64, items: Vec<SchemeWeight>) -> CmdResult<Vec<SchemeItem>> {
    state.with(|s| assessment::set_scheme(s, None, year, &items, None))
}

#[tauri::command]
pub async fn counties_assess(state: tauri::State<'_, AppState>, year: i64) -> CmdResult<Vec<CountyScore>> {
    state.with(|s| assessment::assess(s, None, year, today()))
}

#[tauri::command]
pub async fn counties_assess_export(state: tauri::State<'_, AppState>, year: i64, path: PathBuf) -> CmdResult<()> {
    state.with(|s| assessment::export_assessment(s, None, year, today(), &path))
}
