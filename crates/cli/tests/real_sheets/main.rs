//! `pacesetter` on the files real offices send (issue 18), through the real binary: task tables
//! in the samples' layouts, split into 牵头/配合 columns and in Word; enterprise lists that are not
//! workbooks; a ledger written in free words.
mod ledger;
mod lists;
mod measures;
mod task_sheets;
mod word;

use pacesetter_testkit::TempStore;

/// A fresh store run through this crate's `pacesetter` binary.
pub fn store() -> TempStore {
    TempStore::new(env!("CARGO_BIN_EXE_pacesetter"))
}
