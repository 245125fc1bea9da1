//! Adds a work plan from its task-assignment sheet (any layout the task importer reads, .xlsx /
//! .xls / .docx …) and, optionally, its indicator sheet; the plan, its measures and indicators are
//! written in one audited transaction, and nothing of other plans is touched.
use super::indicator_sheet::{insert_indicators, read_indicators};
use super::{get_plan, insert_plan, WorkPlan, WorkPlanInput};
use crate::audit;
use crate::error::{CoreError, Result};
use crate::sheet::report::SheetIssue;
use crate::store::{now_text, Store};
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// What adding a plan did: the plan, and what was read from each file.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PlanImportReport {
    pub plan: WorkPlan,
    pub tasks_file: String,
    pub actions: i64,
    pub measures: i64,
    pub indicators_file: Option<String>,
    pub indicators: i64,
    /// Rows left out of the task sheet, and warnings of both sheets.
    pub rejected: Vec<SheetIssue>,
    pub warnings: Vec<SheetIssue>,
}

/// Creates a plan from `tasks` (and `indicators`) with the given title and period.
pub fn import_plan(store: &mut Store, input: &WorkPlanInput, tasks: &Path, indicators: Option<&Path>) -> Result<PlanImportReport> {
    super::validate(input)?;
    let read = crate::tasks::import::read_sheet(tasks)?;
    if read.mapped.tasks.is_empty() {
        return Err(CoreError::UnrecognizedLayout(format!("{} 中没有可导入的工作措施", read.file)));
    }
    let (indicator_rows, indicator_issues) = match indicators {
        Some(path) => read_indicators(store, path)?,
        None => (Vec::new(), Vec::new()),
    };
    let stamp = audit::Stamp::new(now_text(), store.operator()?, format!("导入工作方案：{}", read.file));
    let tx = store.conn.transaction()?;
    let id = insert_plan(&tx, input, &stamp)?;
    for row in &read.mapped.tasks {
        crate::tasks::import::commit::insert_measure(&tx, id, row, &read.file)?;
    }
    insert_indicators(&tx, id, &indicator_rows)?;
    tx.commit()?;
    let actions: std::collections::BTreeSet<i64> = read.mapped.tasks.iter().map(|t| t.action_no).collect();
    let mut warnings = read.mapped.warnings;
    warnings.extend(indicator_issues);
    Ok(PlanImportReport {
        plan: get_plan(store, id)?,
        tasks_file: read.file,
        actions: actions.len() as i64,
        measures: read.mapped.tasks.len() as i64,
        indicators_file: indicators.map(crate::sheet::input::display_name),
        indicators: indicator_rows.len() as i64,
        rejected: read.mapped.rejected,
        warnings,
    })
}
