//! County by county (县区分解与考核): a plan's targets split down to the 20 counties and read
//! back from a sheet (`allocation`, `allocation_sheet`), and the counties' 考核 with its scheme,
//! scores, ranking and score sheet (`assessment`).
pub mod allocation;
pub mod allocation_sheet;
pub mod assessment;
