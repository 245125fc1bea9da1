//! Tauri commands, one module per area; each command is a one-line call into core.
pub mod app;
pub mod audit;
pub mod clusters;
pub mod counties;
pub mod enterprises;
pub mod exchange;
pub mod importing;
pub mod ledger;
pub mod lists;
pub mod plans;
pub mod print;
pub mod qualifications;
pub mod reference;
pub mod settings;
pub mod targets;
pub mod tasks;
pub mod work_plans;
pub mod workbench;

/// What every command returns: a value or the `{code, message}` error the UI shows.
pub type CmdResult<T> = Result<T, pacesetter_core::ErrorPayload>;
