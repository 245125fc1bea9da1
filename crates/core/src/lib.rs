//! Pacesetter core: the domain of the 「领跑者」 enterprise cultivation plan, its SQLite store,
//! county sheet import and official sheet export. No GUI, no Tauri: the CLI and the app share it.
//! One folder per area; `store` and `sheet` are the ground the areas stand on.
pub mod app_info;
pub mod audit;
pub mod clusters;
pub mod counties;
pub mod enterprise;
pub mod error;
pub mod exchange;
pub mod enterprise_plans;
pub mod fingerprint;
pub mod ledger;
pub mod official_docx;
pub mod pool;
pub mod qualifications;
pub mod reference;
pub mod sheet;
pub mod store;
pub mod targets;
pub mod tasks;
pub mod work_plans;
pub mod workbench;

pub use error::{CoreError, ErrorPayload, Result};
pub use store::Store;
