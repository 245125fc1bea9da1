//! Task-assignment table commands.
use super::CmdResult;
use crate::state::AppState;
use pacesetter_core::tasks::{self, Task};

#[tauri::command]
pub fn tasks_list(state: tauri::State<AppState>) -> CmdResult<Vec<Task>> {
    state.with(|s| tasks::list_tasks(s))
}
