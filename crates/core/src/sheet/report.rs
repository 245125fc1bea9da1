//! What every import reports, whatever it reads (county sheets, task sheets, ledgers, county
//! progress): the problems of rows and cells, the rows passed over, the counts against the store,
//! and one field's change. The CLI's `--json` and the UI's preview dialogs show these shapes.
use crate::sheet::text::number_text;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A value read from a cell, as stored.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
#[serde(untagged)]
pub enum FieldValue {
    Bool(bool),
    Int(#[ts(type = "number")] i64),
    Real(f64),
    Text(String),
}

impl FieldValue {
    /// The value as a clerk reads it (是/否, numbers without trailing zeros).
    pub fn display(&self) -> String {
        match self {
            FieldValue::Bool(b) => if *b { "是".into() } else { "否".into() },
            FieldValue::Int(i) => i.to_string(),
            FieldValue::Real(r) => number_text(*r),
            FieldValue::Text(t) => t.clone(),
        }
    }
}

/// A rejected row or a warning: the sheet row (1-based, as Excel shows it), the column letter
/// and the cell's text where one cell is at fault, a stable code and a Chinese message.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct SheetIssue {
    pub row: u32,
    pub column: Option<String>,
    pub value: Option<String>,
    pub code: String,
    pub message: String,
}

impl SheetIssue {
    pub fn new(row: u32, column: Option<String>, value: Option<String>, code: &str, message: impl Into<String>) -> Self {
        SheetIssue { row, column, value, code: code.into(), message: message.into() }
    }
}

/// A row passed over because it holds no record: why is one of title, header, notes, total,
/// blank, example.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct IgnoredRow {
    pub row: u32,
    pub why: String,
}

/// The outcome of reading a sheet against the store (DESIGN §7 `import --json`); a preview
/// writes nothing. `import_id` is the recorded import (for undo), null on a preview and for
/// imports that are not recorded as such.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ImportReport {
    #[ts(type = "number | null")]
    pub import_id: Option<i64>,
    pub file_name: String,
    pub sheet: String,
    pub header_rows: Vec<u32>,
    pub inserted: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub rejected: Vec<SheetIssue>,
    pub warnings: Vec<SheetIssue>,
    pub ignored: Vec<IgnoredRow>,
}

/// One field that an import changes on an existing record (`old` is null for a new one).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct FieldChange {
    /// Field key; `extra` for an extra attribute.
    pub field: String,
    /// Chinese label (the header text for an extra attribute).
    pub label: String,
    #[ts(type = "number | null")]
    pub year: Option<i64>,
    pub old: Option<FieldValue>,
    pub new: FieldValue,
}

impl FieldChange {
    /// A change of a text field with no year (task sheets, ledgers).
    pub fn text(field: &str, label: &str, old: Option<String>, new: String) -> Self {
        FieldChange { field: field.into(), label: label.into(), year: None, old: old.map(FieldValue::Text), new: FieldValue::Text(new) }
    }
}
