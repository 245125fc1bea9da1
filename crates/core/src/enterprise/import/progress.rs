//! Progress of a committing import, reported at coarse steps (every `PROGRESS_STEP` rows) to
//! a callback that may cancel it by returning false.
use crate::error::{CoreError, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Rows between two progress reports: often enough for a progress bar, rare enough to cost nothing.
pub const PROGRESS_STEP: usize = 500;

/// Where an import stands: `stage` is "read" (file read and rows classified), "check"
/// (compared with the store) or "write"; `done` of `total` rows.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ImportProgress {
    pub stage: String,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

pub const CANCELLED: &str = "导入已取消，数据库未改动";

/// The callback of one import; `Err(Invalid(CANCELLED))` once it returns false.
pub struct Progress<'a> {
    callback: Option<&'a dyn Fn(ImportProgress) -> bool>,
}

impl<'a> Progress<'a> {
    pub fn new(callback: &'a dyn Fn(ImportProgress) -> bool) -> Self {
        Progress { callback: Some(callback) }
    }

    pub fn silent() -> Self {
        Progress { callback: None }
    }

    /// Reports unconditionally.
    pub fn report(&mut self, stage: &str, done: usize, total: usize) -> Result<()> {
        match self.callback {
            Some(f) if !f(ImportProgress { stage: stage.to_string(), done: done as u64, total: total as u64 }) => {
                Err(CoreError::Invalid(CANCELLED.to_string()))
            }
            _ => Ok(()),
        }
    }

    /// Reports when `done` is a multiple of `PROGRESS_STEP` (including 0).
    pub fn step(&mut self, stage: &str, done: usize, total: usize) -> Result<()> {
        if done.is_multiple_of(PROGRESS_STEP) {
            self.report(stage, done, total)
        } else {
            Ok(())
        }
    }
}
