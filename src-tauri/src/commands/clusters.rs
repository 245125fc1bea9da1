//! 特色产业集群 commands: the list (and the bin), the cluster page, add, rename, county, delete,
//! restore, and the 一群一策 plan with its .docx export.
use super::CmdResult;
use crate::state::AppState;
use pacesetter_core::clusters::plan::{self, ClusterPlan, ClusterPlanBody};
use pacesetter_core::clusters::totals::{self, ClusterOverview};
use pacesetter_core::clusters::{self, docx, Cluster};
use std::path::PathBuf;

#[tauri::command]
pub fn clusters_list(state: tauri::State<AppState>, deleted: bool) -> CmdResult<Vec<Cluster>> {
    state.with(|s| clusters::list_clusters(s, deleted))
}

#[tauri::command]
pub fn clusters_overview(state: tauri::State<AppState>, id: i64) -> CmdResult<ClusterOverview> {
    state.with(|s| totals::cluster_overview(s, id))
}

#[tauri::command]
pub fn clusters_add(state: tauri::State<AppState>, name: String, county: Option<String>) -> CmdResult<Cluster> {
    state.with(|s| clusters::add_cluster(s, &name, county.as_deref()))
}

#[tauri::command]
pub fn clusters_rename(state: tauri::State<AppState>, id: i64, name: String) -> CmdResult<Cluster> {
    state.with(|s| clusters::rename_cluster(s, id, &name))
}

#[tauri::command]
pub fn clusters_set_county(state: tauri::State<AppState>, id: i64, county: Option<String>) -> CmdResult<Cluster> {
    state.with(|s| clusters::set_cluster_county(s, id, county.as_deref()))
}

#[tauri::command]
pub fn clusters_delete(state: tauri::State<AppState>, id: i64) -> CmdResult<Cluster> {
    state.with(|s| clusters::delete_cluster(s, id))
}

#[tauri::command]
pub fn clusters_restore(state: tauri::State<AppState>, id: i64) -> CmdResult<Cluster> {
    state.with(|s| clusters::restore_cluster(s, id))
}

#[tauri::command]
pub fn clusters_plan(state: tauri::State<AppState>, id: i64) -> CmdResult<ClusterPlan> {
    state.with(|s| plan::get_plan(s, id))
}

#[tauri::command]
pub fn clusters_plan_save(state: tauri::State<AppState>, id: i64, body: ClusterPlanBody) -> CmdResult<ClusterPlan> {
    state.with(|s| plan::save_plan(s, id, &body))
}

#[tauri::command]
pub async fn clusters_plan_export(state: tauri::State<'_, AppState>, id: i64, path: PathBuf) -> CmdResult<()> {
    state.with(|s| docx::export_plan(s, id, &path))
}
