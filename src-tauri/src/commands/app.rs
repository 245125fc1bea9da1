//! Facts about the running app the UI shows (version, where the store is).
use super::CmdResult;
use crate::state::AppState;
use serde::Serialize;

#[derive(Serialize)]
pub struct AppInfo {
    version: &'static str,
    db_path: String,
    /// Set by end-to-end tests (`PACESETTER_E2E=1`) to open a test hook for the import path.
    e2e: bool,
}

#[tauri::command]
pub fn app_info(state: tauri::State<AppState>) -> CmdResult<AppInfo> {
    state.with(|_| Ok(AppInfo { version: env!("CARGO_PKG_VERSION"), db_path: state.path.display().to_string(), e2e: std::env::var_os("PACESETTER_E2E").is_some() }))
}
