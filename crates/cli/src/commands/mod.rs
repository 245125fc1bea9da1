//! One module per subcommand; each opens the store and calls core.
pub mod assess;
pub mod backup;
pub mod batch;
pub mod bench;
pub mod check;
pub mod clusters;
pub mod enterprise_filter;
pub mod export;
pub mod import;
pub mod import_ledger;
pub mod import_tasks;
pub mod imports;
pub mod list;
pub mod package;
pub mod package_bench;
pub mod plan;
pub mod qualifications;
pub mod report;
pub mod targets;
pub mod trash;
pub mod workbench;

use pacesetter_core::{Result, Store};
use std::path::Path;

pub fn open(db: &Path) -> Result<Store> {
    Store::open(db)
}

/// The work plan a `--plan` option names, or the current one.
pub fn plan_id(store: &Store, plan: Option<i64>) -> Result<i64> {
    Ok(pacesetter_core::work_plans::resolve(store, plan)?.id)
}
