//! Enterprise pool commands.
use super::CmdResult;
use crate::state::AppState;
use pacesetter_core::enterprise::{self, EnterprisePage, EnterpriseQuery};

#[tauri::command]
pub fn enterprises_list(state: tauri::State<AppState>, query: EnterpriseQuery) -> CmdResult<EnterprisePage> {
    state.with(|s| enterprise::list_enterprises(s, &query))
}
