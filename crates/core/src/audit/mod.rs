//! The audit log (操作日志): the one writer every area records its changes through, and the
//! log as people read it (filtered, paged, exported).
mod query;
mod record;

pub use query::*;
pub use record::{record, Entry, Stamp};
