//! The lists the bureau works by (上市培育库, “领跑者”企业, 白名单, 正面清单) with each enterprise's
//! history on them, their pages and official sheets, the 入库 n / 30 count, and batch edits of the
//! enterprise list with their undo.
mod batch;
mod batch_undo;
mod count;
mod list_sheet;
mod lists;
mod members;
mod membership;

pub use batch::{batch_apply, batch_preview, BatchChange, BatchField, BatchItem, BatchPreview, BatchRequest, ListChange, QualificationChange};
pub use batch_undo::{list_batches, undo_batch, BatchRecord, BatchUndoItem, BatchUndoReport};
pub use count::{pool_count, PoolCount, PLAN_POOL_TARGET};
pub use list_sheet::{export_list, list_title};
pub use lists::{leader_level, ListKind, LEADER_LEVELS, LISTS};
pub use members::{list_history, list_members, list_named, ListEvent, ListMember};
pub use membership::{memberships, Membership};

#[cfg(test)]
mod tests;
