//! County sheet import commands: preview (writes nothing), commit (progress on a channel,
//! cancellable), history, undo (previewed first) and redo. Async so reading a large file runs off the window's thread.
use super::CmdResult;
use crate::state::AppState;
use pacesetter_core::enterprise;
use pacesetter_core::enterprise::import::{ImportOptions, ImportPreview, ImportProgress, ImportRecord, ImportReport, RedoReport, UndoReport};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use tauri::ipc::Channel;

/// Set by `import_cancel` while an import is being written; outside the store's mutex so
/// the cancel gets through while the import holds it.
#[derive(Default)]
pub struct ImportCancel(AtomicBool);

#[tauri::command]
pub async fn import_preview(state: tauri::State<'_, AppState>, path: PathBuf, options: ImportOptions) -> CmdResult<ImportPreview> {
    state.with(|s| enterprise::import::preview(s, &path, &options))
}

/// Writes the import, sending its progress on `on_progress`; stops and rolls back once
/// `import_cancel` is called.
#[tauri::command]
pub async fn import_commit(
    state: tauri::State<'_, AppState>,
    cancel: tauri::State<'_, ImportCancel>,
    path: PathBuf,
    options: ImportOptions,
    on_progress: Channel<ImportProgress>,
) -> CmdResult<ImportReport> {
    cancel.0.store(false, Ordering::SeqCst);
    let report = |p: ImportProgress| {
        // A closed window cannot show progress; the import goes on.
        let _ = on_progress.send(p);
        !cancel.0.load(Ordering::SeqCst)
    };
    state.with(|s| enterprise::import::commit_with_progress(s, &path, &options, &report))
}

/// Asks the running import to stop; it rolls back and reports “导入已取消”.
#[tauri::command]
pub async fn import_cancel(cancel: tauri::State<'_, ImportCancel>) -> CmdResult<()> {
    cancel.0.store(true, Ordering::SeqCst);
    Ok(())
}

#[tauri::command]
pub async fn import_list(state: tauri::State<'_, AppState>) -> CmdResult<Vec<ImportRecord>> {
    state.with(|s| enterprise::import::list_imports(s))
}

/// What undoing the import would revert, remove and keep (and why); writes nothing.
#[tauri::command]
pub async fn import_undo_preview(state: tauri::State<'_, AppState>, import_id: i64) -> CmdResult<UndoReport> {
    state.with(|s| enterprise::import::undo_preview(s, import_id))
}

/// Undoes the undo of an import (its values and removed enterprises come back).
#[tauri::command]
pub async fn import_redo(state: tauri::State<'_, AppState>, import_id: i64) -> CmdResult<RedoReport> {
    state.with(|s| enterprise::import::redo(s, import_id))
}

#[tauri::command]
pub async fn import_undo(state: tauri::State<'_, AppState>, import_id: i64) -> CmdResult<UndoReport> {
    state.with(|s| enterprise::import::undo(s, import_id))
}

/// Writes the blank county collection template to the path chosen in the save dialog.
#[tauri::command]
pub async fn import_template(state: tauri::State<'_, AppState>, path: PathBuf) -> CmdResult<()> {
    state.with(|s| enterprise::template::write_template(s, &path))
}
