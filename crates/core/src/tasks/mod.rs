//! The work plan's task-assignment table (任务分工表): the stored measures, their progress per
//! unit and county, the official sheets exported from it and the task-sheet import.
pub mod county_progress;
pub mod export;
pub mod import;
pub mod progress;
mod table;

pub use table::*;
