//! 操作日志 commands: a filtered page of the audit log, the filter choices, and the .xlsx export.
use super::CmdResult;
use crate::state::AppState;
use pacesetter_core::audit::{self, AuditFilters, AuditPage, AuditQuery};
use std::path::PathBuf;

#[tauri::command]
pub async fn audit_list(state: tauri::State<'_, AppState>, query: AuditQuery) -> CmdResult<AuditPage> {
    state.with(|s| audit::list_audit(s, &query))
}

#[tauri::command]
pub async fn audit_filters(state: tauri::State<'_, AppState>) -> CmdResult<AuditFilters> {
    state.with(|s| audit::audit_filters(s))
}

#[tauri::command]
pub async fn audit_export(state: tauri::State<'_, AppState>, query: AuditQuery, path: PathBuf) -> CmdResult<i64> {
    state.with(|s| audit::export_audit(s, &query, &path))
}
