//! Pacesetter core: the domain of the 「领跑者」 enterprise cultivation plan, its SQLite store,
//! county sheet import and official sheet export. No GUI, no Tauri: the CLI and the app share it.
pub mod app_info;
pub mod audit;
pub mod county_import;
pub mod enterprise;
pub mod enterprise_detail;
pub mod enterprise_export;
pub mod error;
pub mod input_file;
pub mod ledger;
pub mod plans;
pub mod reference;
mod seed;
pub mod sql_filter;
pub mod store;
pub mod targets;
pub mod task_progress;
pub mod task_sheet;
pub mod tasks;

pub use error::{CoreError, ErrorPayload, Result};
pub use store::Store;
