//! County spreadsheet import: read by content → find sheet and header → map columns → fill
//! merges → classify rows → normalize and validate → diff against the store → commit in one
//! transaction, recorded so that it can be undone. `preview` writes nothing.
mod analyze;
mod apply;
mod history;
mod known;
pub(crate) mod layout;
mod progress;
mod record;
mod rows;
mod undo;
mod yearly;
pub(crate) mod values;

use crate::error::Result;
use crate::fingerprint;
use crate::store::Store;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::TS;

pub use crate::enterprise::fields::{field_options, FieldOption};
pub use history::list_imports;
pub use undo::{redo, undo, undo_preview, RedoReport, UndoField, UndoItem, UndoReport};
pub use progress::{ImportProgress, PROGRESS_STEP};

/// What the user may say about a file: the sheet, the county when the sheet names none, the
/// year of figures whose header names none, and corrections to the column mapping
/// (column letter → field key or "ignore").
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
#[serde(default)]
pub struct ImportOptions {
    #[ts(optional)]
    pub sheet: Option<String>,
    #[ts(optional)]
    pub county: Option<String>,
    #[ts(optional, type = "number")]
    pub year: Option<i64>,
    #[ts(optional)]
    pub mapping: Option<BTreeMap<String, String>>,
    /// The SHA-256 the preview reported: the commit refuses a file changed since.
    #[ts(optional)]
    pub file_hash: Option<String>,
}

pub use crate::sheet::report::{FieldChange, FieldValue, IgnoredRow, ImportReport, SheetIssue};
pub(crate) use FieldValue as Value;
pub(crate) use SheetIssue as Issue;

/// One column as detected: letter, header text, mapped field (null = kept as extra
/// attribute, "ignore" = dropped), figures year, and a few sample values.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ColumnInfo {
    pub letter: String,
    pub header: String,
    pub field: Option<String>,
    pub field_label: Option<String>,
    #[ts(type = "number | null")]
    pub year: Option<i64>,
    pub samples: Vec<String>,
}

/// An enterprise row as read from the sheet.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct PreviewRow {
    pub row: u32,
    pub uscc: String,
    pub name: String,
    pub values: BTreeMap<String, FieldValue>,
    /// year → field → value
    pub figures: BTreeMap<String, BTreeMap<String, FieldValue>>,
    pub extra: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ChangedRow {
    pub row: PreviewRow,
    pub changes: Vec<FieldChange>,
}

/// Everything the preview shows; nothing has been written.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ImportPreview {
    pub report: ImportReport,
    /// Year used for figures whose header names none.
    #[ts(type = "number")]
    pub year: i64,
    pub columns: Vec<ColumnInfo>,
    /// The column mapping came from a layout confirmed earlier.
    pub remembered_mapping: bool,
    pub new_rows: Vec<PreviewRow>,
    pub changed_rows: Vec<ChangedRow>,
    pub unchanged_rows: Vec<PreviewRow>,
    /// Choices for the mapping drop-down.
    pub fields: Vec<FieldOption>,
    /// SHA-256 of the file as previewed; give it back in `ImportOptions::file_hash` to commit.
    pub file_hash: String,
}

/// One import as recorded in the store.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ImportRecord {
    #[ts(type = "number")]
    pub id: i64,
    pub file_name: String,
    pub file_hash: String,
    pub sheet: String,
    pub header_rows: Vec<u32>,
    pub inserted: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub rejected: u32,
    pub ignored: u32,
    pub operator: String,
    pub created_at: String,
    pub undone_at: Option<String>,
}

use crate::sheet::input::read_input as read_file;

/// Reads the file and shows what an import would do. Writes nothing.
pub fn preview(store: &Store, path: &Path, opts: &ImportOptions) -> Result<ImportPreview> {
    let (bytes, file_name) = read_file(path)?;
    let analysis = analyze::analyze(store, &bytes, &file_name, opts, None)?;
    let mut preview = apply::preview(store, &analysis)?;
    preview.file_hash = fingerprint::sha256(&bytes);
    Ok(preview)
}

/// Imports the file in one transaction and records it (undoable); refused when `opts.file_hash`
/// is given and the file is no longer the one previewed.
pub fn commit(store: &mut Store, path: &Path, opts: &ImportOptions) -> Result<ImportReport> {
    commit_with_progress(store, path, opts, &|_| true)
}

/// `commit`, reporting progress ("read", then "check" and "write" every `PROGRESS_STEP` rows)
/// to `progress`; when it returns false the transaction is rolled back and
/// `CoreError::Invalid("导入已取消，数据库未改动")` returned.
pub fn commit_with_progress(
    store: &mut Store,
    path: &Path,
    opts: &ImportOptions,
    progress: &dyn Fn(ImportProgress) -> bool,
) -> Result<ImportReport> {
    let mut progress = progress::Progress::new(progress);
    progress.report("read", 0, 1)?;
    let (bytes, file_name) = read_file(path)?;
    let file_hash = fingerprint::sha256(&bytes);
    fingerprint::ensure_unchanged(&file_name, &file_hash, opts.file_hash.as_deref())?;
    let known = known::Known::load(&store.conn)?;
    let analysis = analyze::analyze(store, &bytes, &file_name, opts, Some(&known))?;
    drop((bytes, known));
    progress.report("read", 1, 1)?;
    apply::commit(store, &analysis, &file_hash, opts, &mut progress)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encrypted_and_non_workbook_files_give_the_readers_error() {
        let mut store = Store::open_in_memory().unwrap();
        let opts = ImportOptions { county: Some("南和区".into()), ..Default::default() };
        crate::sheet::read::tests::assert_unreadable_files_refused(|p| preview(&store, p, &opts));
        crate::sheet::read::tests::assert_unreadable_files_refused(|p| commit(&mut store, p, &opts));
    }
}
