//! The enterprise pool: the list and its queries, one enterprise's detail and edits, the
//! official export and the county collection template, the domain rules every importer uses
//! (统一社会信用代码, vocabularies, fields, snapshots), the county sheet import and the 回收站.
pub mod detail;
pub mod export;
pub mod fields;
pub mod import;
mod list;
mod list_filter;
pub mod records;
pub mod snapshot;
pub mod table;
pub mod template;
pub mod trash;
pub mod uscc;
pub mod vocab;

pub use list::*;
pub use list_filter::{qualification, NOT_FILLED, QUALIFICATIONS};
