//! 资质认定 commands: an enterprise's certificates (list, add, correct, review, revoke, to the
//! 回收站 and back), the certificates expiring soon (工作台), and the catalogue of kinds.
use super::CmdResult;
use crate::state::AppState;
use pacesetter_core::qualifications::{self as q, ExpiringQualification, KindInput, Qualification, QualificationInput, QualificationKind, ReviewInput, RevokeInput};

#[tauri::command]
pub fn qualifications_of(state: tauri::State<AppState>, enterprise_id: i64, deleted: bool) -> CmdResult<Vec<Qualification>> {
    state.with(|s| q::qualifications_of(s, enterprise_id, deleted))
}

#[tauri::command]
pub fn qualifications_add(state: tauri::State<AppState>, input: QualificationInput) -> CmdResult<Qualification> {
    state.with(|s| q::add_qualification(s, &input))
}

#[tauri::command]
pub fn qualifications_update(state: tauri::State<AppState>, id: i64, input: QualificationInput) -> CmdResult<Qualification> {
    state.with(|s| q::update_qualification(s, id, &input))
}

#[tauri::command]
pub fn qualifications_review(state: tauri::State<AppState>, id: i64, input: ReviewInput) -> CmdResult<Qualification> {
    state.with(|s| q::review_qualification(s, id, &input))
}

#[tauri::command]
pub fn qualifications_revoke(state: tauri::State<AppState>, id: i64, input: RevokeInput) -> CmdResult<Qualification> {
    state.with(|s| q::revoke_qualification(s, id, &input))
}

#[tauri::command]
pub fn qualifications_delete(state: tauri::State<AppState>, id: i64) -> CmdResult<Qualification> {
    state.with(|s| q::delete_qualification(s, id))
}

#[tauri::command]
pub fn qualifications_restore(state: tauri::State<AppState>, id: i64) -> CmdResult<Qualification> {
    state.with(|s| q::restore_qualification(s, id))
}

/// Certificates valid today that end within `within_months` months (the 工作台 lists them).
#[tauri::command]
pub fn qualifications_expiring(state: tauri::State<AppState>, within_months: u32) -> CmdResult<Vec<ExpiringQualification>> {
    state.with(|s| q::expiring(s, q::today(), within_months))
}

#[tauri::command]
pub fn qualification_kinds(state: tauri::State<AppState>) -> CmdResult<Vec<QualificationKind>> {
    state.with(|s| q::kinds(s))
}

#[tauri::command]
pub fn qualification_kinds_add(state: tauri::State<AppState>, input: KindInput) -> CmdResult<QualificationKind> {
    state.with(|s| q::add_kind(s, &input))
}
