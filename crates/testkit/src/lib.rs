//! Test support shared by the workspace's tests and `pacesetter bench`: the sample folder
//! (/work/shared/samples), a small deterministic RNG, valid 统一社会信用代码 generators and small
//! .xlsx files.
//! It does not depend on pacesetter-core, so core's own tests can use it too.
pub mod cli;
mod rng;
mod samples;
pub mod sheets;
pub mod uscc;

pub use cli::{Run, TempStore};
pub use rng::{Rng, XorShift64};
pub use sheets::{write_ledger, write_sheet};
pub use samples::{expected, sample, sample_bytes, samples_dir};
pub use uscc::{random_uscc, uscc_for, valid_uscc};
