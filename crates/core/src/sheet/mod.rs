//! Spreadsheets as files: reading any workbook the user chose (by content, guarded against
//! hostile files, merged cells filled, GBK code pages retried), the tables of Word documents,
//! web pages and .csv files as the same grids, and the character cleanup every importer shares.
mod decode;
mod delimited;
pub(crate) mod docx;
pub mod formats;
mod html;
pub mod input;
pub mod merged;
mod placed;
pub mod read;
pub mod report;
pub mod text;
pub mod write;
