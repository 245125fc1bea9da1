//! 工作台 command: what needs doing this week for this installation's unit, as of today.
use super::CmdResult;
use crate::state::AppState;
use pacesetter_core::workbench::{self, Workbench};

#[tauri::command]
pub async fn workbench_items(state: tauri::State<'_, AppState>) -> CmdResult<Workbench> {
    state.with(|s| workbench::items(s, pacesetter_core::tasks::progress::today(), None))
}
