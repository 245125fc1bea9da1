//! Work plans (工作方案) as records: title, issuer, document number, period, and the lifecycle a
//! plan goes through (未开始 → 实施中 → 已结束); which plan is current; an ended plan is read-only
//! unless reopened. Measures, indicators, entries and awards hang off a plan by `plan_id`.
mod copy;
pub mod edit;
pub mod import;
pub mod indicator_sheet;
pub mod report;
pub mod titles;

pub use copy::copy_plan;

use crate::audit;
use crate::error::{CoreError, Result};
use crate::store::{now_text, Store};
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The seeded 2022 Xingtai plan.
pub const DEFAULT_PLAN_ID: i64 = 1;
const CURRENT_SETTING: &str = "current_work_plan";

/// One work plan as listed: the keys are the CLI's `plan list --json` contract.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct WorkPlan {
    pub id: i64,
    pub title: String,
    pub issuer: String,
    pub doc_no: String,
    pub issued_on: Option<String>,
    pub start_year: i64,
    pub end_year: i64,
    /// upcoming / active / ended
    pub status: String,
    /// 未开始 / 实施中 / 已结束
    pub status_label: String,
    /// An ended plan reopened for corrections.
    pub unlocked: bool,
    /// Whether progress, entries and measures may be changed now.
    pub editable: bool,
    pub current: bool,
    pub measures: i64,
    pub indicators: i64,
}

/// What the 工作方案 form edits.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WorkPlanInput {
    pub title: String,
    pub issuer: String,
    pub doc_no: String,
    #[ts(optional)]
    pub issued_on: Option<String>,
    pub start_year: i64,
    pub end_year: i64,
}

/// Where a plan stands on `today`.
pub fn status_of(start_year: i64, end_year: i64, today: NaiveDate) -> (&'static str, &'static str) {
    let year = today.year() as i64;
    if year < start_year {
        ("upcoming", "未开始")
    } else if year > end_year {
        ("ended", "已结束")
    } else {
        ("active", "实施中")
    }
}

const SELECT: &str = "SELECT w.id, w.title, w.issuer, w.doc_no, w.issued_on, w.start_year, w.end_year, w.unlocked,
        (SELECT count(*) FROM tasks t WHERE t.plan_id = w.id),
        (SELECT count(*) FROM target_indicators i WHERE i.plan_id = w.id)
     FROM work_plans w";

fn row_to_plan(r: &rusqlite::Row, current: i64, today: NaiveDate) -> rusqlite::Result<WorkPlan> {
    let (start_year, end_year, unlocked): (i64, i64, bool) = (r.get(5)?, r.get(6)?, r.get(7)?);
    let (status, label) = status_of(start_year, end_year, today);
    let id: i64 = r.get(0)?;
    Ok(WorkPlan {
        id,
        title: r.get(1)?,
        issuer: r.get(2)?,
        doc_no: r.get(3)?,
        issued_on: r.get(4)?,
        start_year,
        end_year,
        status: status.into(),
        status_label: label.into(),
        unlocked,
        editable: status != "ended" || unlocked,
        current: id == current,
        measures: r.get(8)?,
        indicators: r.get(9)?,
    })
}

/// Every plan, newest period first.
pub fn list_plans(store: &Store) -> Result<Vec<WorkPlan>> {
    let current = current_plan_id(store)?;
    let today = crate::tasks::progress::today();
    let mut stmt = store.conn.prepare(&format!("{SELECT} ORDER BY w.start_year DESC, w.id DESC"))?;
    let rows = stmt.query_map([], |r| row_to_plan(r, current, today))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get_plan(store: &Store, id: i64) -> Result<WorkPlan> {
    let current = current_plan_id(store)?;
    let today = crate::tasks::progress::today();
    store
        .conn
        .query_row(&format!("{SELECT} WHERE w.id = ?1"), [id], |r| row_to_plan(r, current, today))
        .optional()?
        .ok_or_else(|| CoreError::NotFound(format!("没有编号为 {id} 的工作方案（pacesetter plan list 列出全部方案）")))
}

/// The plan the user works in (remembered), else the seeded plan.
pub fn current_plan_id(store: &Store) -> Result<i64> {
    let remembered = store.setting(CURRENT_SETTING)?.and_then(|v| v.parse::<i64>().ok());
    let exists = |id: i64| -> Result<bool> {
        Ok(store.conn.query_row("SELECT count(*) FROM work_plans WHERE id = ?1", [id], |r| r.get::<_, i64>(0))? > 0)
    };
    match remembered {
        Some(id) if exists(id)? => Ok(id),
        _ => Ok(DEFAULT_PLAN_ID),
    }
}

/// The plan a command names, or the current one.
pub fn resolve(store: &Store, id: Option<i64>) -> Result<WorkPlan> {
    match id {
        Some(id) => get_plan(store, id),
        None => get_plan(store, current_plan_id(store)?),
    }
}

/// Makes `id` the current plan (remembered in the store).
pub fn use_plan(store: &Store, id: i64) -> Result<WorkPlan> {
    get_plan(store, id)?;
    store.set_setting(CURRENT_SETTING, &id.to_string())?;
    get_plan(store, id)
}

/// Refuses a change to an ended plan that was not reopened.
pub fn ensure_editable(store: &Store, plan_id: i64) -> Result<()> {
    let plan = get_plan(store, plan_id)?;
    if plan.editable {
        return Ok(());
    }
    Err(CoreError::Invalid(format!(
        "《{}》已于{}年底结束，只读；如需补录或更正，请先在“工作方案”中允许修改",
        plan.title, plan.end_year
    )))
}

/// The plan a measure belongs to.
pub fn plan_of_task(store: &Store, task_id: i64) -> Result<i64> {
    store
        .conn
        .query_row("SELECT plan_id FROM tasks WHERE id = ?1", [task_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| CoreError::NotFound(format!("没有编号为 {task_id} 的工作措施")))
}

/// Checks a plan's title and period.
pub(crate) fn validate(input: &WorkPlanInput) -> Result<()> {
    if input.title.trim().is_empty() {
        return Err(CoreError::Invalid("请填写工作方案名称".into()));
    }
    if !(2000..=2100).contains(&input.start_year) || !(2000..=2100).contains(&input.end_year) || input.start_year > input.end_year {
        return Err(CoreError::Invalid(format!(
            "实施期限 {}—{} 不正确：起止年份应在 2000—2100 之间，起始年不晚于结束年",
            input.start_year, input.end_year
        )));
    }
    if let Some(d) = input.issued_on.as_deref().filter(|d| !d.trim().is_empty()) {
        NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
            .map_err(|_| CoreError::Invalid(format!("印发日期“{d}”不正确，应为 2026-11-26 的形式")))?;
    }
    Ok(())
}

/// Inserts a plan inside `tx` and returns its id.
pub(crate) fn insert_plan(tx: &rusqlite::Transaction, input: &WorkPlanInput, stamp: &audit::Stamp) -> Result<i64> {
    validate(input)?;
    let now = now_text();
    tx.execute(
        "INSERT INTO work_plans(title, issuer, doc_no, issued_on, start_year, end_year, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![input.title.trim(), input.issuer.trim(), input.doc_no.trim(), input.issued_on.as_deref().map(str::trim).filter(|d| !d.is_empty()), input.start_year, input.end_year, now],
    )?;
    let id = tx.last_insert_rowid();
    let summary = format!("{}（{}—{}年）", input.title.trim(), input.start_year, input.end_year);
    audit::record(tx, stamp, audit::Entry::row("insert", "work_plans", &id.to_string()).values(None, Some(&summary)))?;
    Ok(id)
}

/// Edits a plan's title, issuer, number, date and period (audited per field).
pub fn update_plan(store: &mut Store, id: i64, input: &WorkPlanInput) -> Result<WorkPlan> {
    validate(input)?;
    let old = get_plan(store, id)?;
    let stamp = audit::Stamp::new(now_text(), store.operator()?, "工作方案");
    let tx = store.conn.transaction()?;
    tx.execute(
        "UPDATE work_plans SET title = ?1, issuer = ?2, doc_no = ?3, issued_on = ?4, start_year = ?5, end_year = ?6, updated_at = ?7 WHERE id = ?8",
        params![input.title.trim(), input.issuer.trim(), input.doc_no.trim(), input.issued_on.as_deref().map(str::trim).filter(|d| !d.is_empty()), input.start_year, input.end_year, now_text(), id],
    )?;
    let key = id.to_string();
    let fields = [
        ("title", old.title.clone(), input.title.trim().to_string()),
        ("issuer", old.issuer.clone(), input.issuer.trim().to_string()),
        ("doc_no", old.doc_no.clone(), input.doc_no.trim().to_string()),
        ("issued_on", old.issued_on.clone().unwrap_or_default(), input.issued_on.clone().unwrap_or_default().trim().to_string()),
        ("start_year", old.start_year.to_string(), input.start_year.to_string()),
        ("end_year", old.end_year.to_string(), input.end_year.to_string()),
    ];
    for (field, o, n) in fields.iter().filter(|(_, o, n)| o != n) {
        audit::record(&tx, &stamp, audit::Entry::row("update", "work_plans", &key).field(field, Some(o), Some(n)))?;
    }
    tx.commit()?;
    get_plan(store, id)
}

/// Reopens an ended plan for corrections, or locks it again (audited).
pub fn set_unlocked(store: &mut Store, id: i64, unlocked: bool) -> Result<WorkPlan> {
    let old = get_plan(store, id)?;
    let stamp = audit::Stamp::new(now_text(), store.operator()?, "工作方案");
    let tx = store.conn.transaction()?;
    tx.execute("UPDATE work_plans SET unlocked = ?1, updated_at = ?2 WHERE id = ?3", params![unlocked, now_text(), id])?;
    let label = |b: bool| if b { "允许修改" } else { "只读" };
    audit::record(&tx, &stamp, audit::Entry::row("update", "work_plans", &id.to_string()).field("unlocked", Some(label(old.unlocked)), Some(label(unlocked))))?;
    tx.commit()?;
    get_plan(store, id)
}

#[cfg(test)]
mod tests;
