//! Enterprise pool commands: the list, one enterprise's page (get, history), create, edit,
//! delete (to the 回收站: list, restore, purge), the official .xlsx export, the live USCC check
//! and the form's controlled lists; the lists with history (入库 n / 30, memberships) and batch
//! edits (preview, apply, list, undo).
use super::CmdResult;
use crate::state::AppState;
use pacesetter_core::enterprise::trash::{self, TrashItem, TrashRestored};
use pacesetter_core::enterprise::{self, EnterprisePage, EnterpriseQuery};
use pacesetter_core::pool::{self, BatchPreview, BatchRecord, BatchRequest, BatchUndoReport, Membership, PoolCount};

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

/// 入库 n / 30 (the plan's number) and the other lists' counts.
#[tauri::command]
pub fn enterprises_pool_count(state: tauri::State<AppState>) -> CmdResult<PoolCount> {
    state.with(|s| pool::pool_count(s))
}

/// The enterprise's history on the lists (上市培育库, 领跑者, 白名单, 正面清单).
#[tauri::command]
pub fn enterprises_memberships(state: tauri::State<AppState>, id: i64) -> CmdResult<Vec<Membership>> {
    state.with(|s| pool::memberships(s, id))
}

/// What a batch edit would change; writes nothing.
#[tauri::command]
pub fn enterprises_batch_preview(state: tauri::State<AppState>, request: BatchRequest) -> CmdResult<BatchPreview> {
    state.with(|s| pool::batch_preview(s, &request))
}

/// Makes a batch edit in one transaction, recorded for undo.
#[tauri::command]
pub fn enterprises_batch_apply(state: tauri::State<AppState>, request: BatchRequest) -> CmdResult<BatchPreview> {
    state.with(|s| pool::batch_apply(s, &request))
}

/// The batch edits, the latest first.
#[tauri::command]
pub fn enterprises_batches(state: tauri::State<AppState>) -> CmdResult<Vec<BatchRecord>> {
    state.with(|s| pool::list_batches(s))
}

/// Undoes a batch edit as one unit (later changes kept).
#[tauri::command]
pub fn enterprises_batch_undo(state: tauri::State<AppState>, id: i64) -> CmdResult<BatchUndoReport> {
    state.with(|s| pool::undo_batch(s, id))
}
