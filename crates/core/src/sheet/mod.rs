//! Spreadsheets as files: reading any workbook the user chose (by content, guarded against
//! hostile files, merged cells filled, GBK code pages retried) and the character cleanup
//! every importer shares. The importers of each area stand on it.
pub mod input;
pub mod merged;
pub mod read;
pub mod report;
pub mod text;
pub mod write;
