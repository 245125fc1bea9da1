//! Facts about the running app the UI shows (version, where the store is).
use super::CmdResult;
use crate::state::AppState;
use pacesetter_core::app_info::AppInfo;

#[tauri::command]
pub fn app_info(state: tauri::State<AppState>) -> CmdResult<AppInfo> {
    state.with(|_| Ok(AppInfo::new(&state.path)))
}
