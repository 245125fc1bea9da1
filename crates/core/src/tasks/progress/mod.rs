//! Progress of the task table: per measure × responsible unit or county × period (month or
//! quarter): the records and their validation here, deadlines in `deadline`, the board and the
//! counts per unit and per county in `board`.
mod board;
mod deadline;
mod share;

pub use board::*;
pub use deadline::*;

use crate::audit;
use crate::error::{CoreError, Result};
use crate::store::{now_text, Store};
use crate::tasks::{list_tasks, Task};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;


/// The four states of a measure's progress, in the order the UI offers them.
pub const STATUSES: [&str; 4] = ["未启动", "推进中", "已完成", "滞后"];
/// A measure whose due date is this close (days) is “due soon” (amber).
pub const DUE_SOON_DAYS: i64 = 30;
/// The unit in the plan's sheet that stands for every county government.
pub const ALL_COUNTIES_UNIT: &str = "各县（市、区）政府";

/// One progress record as stored, with the measure it belongs to.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct TaskProgress {
    pub id: i64,
    pub task_id: i64,
    pub action_no: i64,
    pub measure_no: i64,
    pub title: String,
    pub unit: String,
    pub period: String,
    pub status: String,
    pub text: String,
    pub percent: Option<f64>,
    pub date: Option<String>,
    pub operator: String,
    pub updated_at: String,
}

/// What the progress form sends. `percent` directly, or `done` (with `target`, else for a county
/// its 任务分解 share of the indicator the measure restates, else the measure's yearly number, e.g.
/// 每年推动5家企业 → 5) to compute it: 3 of 5 → 60.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProgressInput {
    pub task_id: i64,
    pub unit: String,
    pub period: String,
    pub status: String,
    #[serde(default)]
    pub text: String,
    #[ts(optional)]
    pub percent: Option<f64>,
    #[ts(optional)]
    pub done: Option<f64>,
    #[ts(optional)]
    pub target: Option<f64>,
    /// ISO date of the report; today when absent.
    #[ts(optional)]
    pub date: Option<String>,
}

/// Filters for listing progress; all optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProgressQuery {
    #[ts(optional)]
    pub task_id: Option<i64>,
    #[ts(optional)]
    pub unit: Option<String>,
    #[ts(optional)]
    pub period: Option<String>,
    /// The work plan whose measures are listed (all plans when absent).
    #[ts(optional)]
    pub plan_id: Option<i64>,
}

/// The counties in official order.
pub fn county_names(store: &Store) -> Result<Vec<String>> {
    let mut stmt = store
        .conn
        .prepare("SELECT name FROM counties ORDER BY sort")?;
    let names = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

fn task_by_id(store: &Store, id: i64) -> Result<Task> {
    let plan = crate::work_plans::plan_of_task(store, id)?;
    list_tasks(store, plan)?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or_else(|| CoreError::NotFound(format!("没有编号为 {id} 的工作措施")))
}

/// The number a measure's progress is counted against: its first promised quantity, else the
/// yearly number read from its text.
fn measure_quantity(task: &Task) -> Option<f64> {
    task.quantities.first().map(|q| q.amount).or_else(|| quantity_target(&task.content).map(|q| q.amount))
}


/// The number `unit`'s progress on a measure is counted against for `period`: a county's
/// 任务分解 share of the indicator the measure restates, else the measure's own number.
fn unit_target_of(store: &Store, task: &Task, unit: &str, period: &str, counties: &[String]) -> Result<Option<f64>> {
    let share = if counties.iter().any(|c| c == unit) { share::county_share(store, task, unit, period)? } else { None };
    Ok(share.or_else(|| measure_quantity(task)))
}

/// What the progress form offers as the target of `unit` for measure `task_id` in `period`
/// (2026-11 or 2026Q4): see [`unit_target_of`].
pub fn unit_target(store: &Store, task_id: i64, unit: &str, period: &str) -> Result<Option<f64>> {
    let task = task_by_id(store, task_id)?;
    let period = normalize_period(period).unwrap_or_default();
    unit_target_of(store, &task, unit.trim(), &period, &county_names(store)?)
}


/// A progress input checked against the store: unit, period, status, percent and date valid.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ValidProgress {
    pub task_id: i64,
    pub unit: String,
    pub period: String,
    pub status: String,
    pub text: String,
    pub percent: Option<f64>,
    pub date: String,
}

/// Checks a progress input (without writing): the unit must be one of the measure's responsible
/// units or a county, the period a month or quarter, the status one of [`STATUSES`].
pub(crate) fn validate(store: &Store, input: &ProgressInput) -> Result<ValidProgress> {
    let task = task_by_id(store, input.task_id)?;
    let unit = input.unit.trim().to_string();
    let counties = county_names(store)?;
    if unit.is_empty()
        || unit == ALL_COUNTIES_UNIT
        || !(task.units.contains(&unit) || counties.contains(&unit))
    {
        return Err(CoreError::Invalid(format!(
            "“{unit}”不是措施“{}”的责任单位，也不是县（市、区）名称",
            task.title
        )));
    }
    let period = normalize_period(&input.period).ok_or_else(|| {
        CoreError::Invalid(format!(
            "填报期间“{}”无法识别，应为月份（如 2026-11）或季度（如 2026Q4）",
            input.period
        ))
    })?;
    if !STATUSES.contains(&input.status.as_str()) {
        return Err(CoreError::Invalid(format!(
            "进展状态“{}”无效，应为未启动、推进中、已完成或滞后",
            input.status
        )));
    }
    let percent = match (input.percent, input.done) {
        (Some(p), _) => Some(p),
        (None, Some(done)) => {
            let target = input
                .target
                .map_or_else(|| unit_target_of(store, &task, &unit, &period, &counties), |t| Ok(Some(t)))?
                .ok_or_else(|| {
                    CoreError::Invalid(format!(
                        "措施“{}”没有量化目标，请直接填写完成比例",
                        task.title
                    ))
                })?;
            if target <= 0.0 {
                return Err(CoreError::Invalid("目标数必须大于 0".into()));
            }
            Some(((done / target * 1000.0).round() / 10.0).min(100.0))
        }
        (None, None) => None,
    };
    if let Some(p) = percent {
        if !(0.0..=100.0).contains(&p) {
            return Err(CoreError::Invalid(format!(
                "完成比例 {p} 超出 0–100 的范围"
            )));
        }
    }
    let date = match input
        .date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|_| {
                CoreError::Invalid(format!("填报日期“{d}”无效，应为 2026-11-30 这样的日期"))
            })?
            .to_string(),
        None => today().to_string(),
    };
    Ok(ValidProgress {
        task_id: task.id,
        unit,
        period,
        status: input.status.clone(),
        text: input.text.trim().to_string(),
        percent,
        date,
    })
}

/// The stored record for the same measure, unit and period, if any.
pub(crate) fn existing(store: &Store, v: &ValidProgress) -> Result<Option<TaskProgress>> {
    Ok(store
        .conn
        .query_row(
            &format!("{SELECT} WHERE p.task_id = ?1 AND p.unit = ?2 AND p.period = ?3"),
            params![v.task_id, v.unit, v.period],
            row_to_progress,
        )
        .optional()?)
}

/// A stored progress row: id, status, text, percent, date.
type StoredProgress = (i64, String, String, Option<f64>, Option<String>);

/// Inserts or updates one validated record inside `tx`, auditing each changed field.
pub(crate) fn write_progress(
    tx: &Transaction,
    v: &ValidProgress,
    operator: &str,
    now: &str,
    source: &str,
) -> Result<i64> {
    let key = format!("{}/{}/{}", v.task_id, v.unit, v.period);
    let old: Option<StoredProgress> = tx
        .query_row(
            "SELECT id, status, text, percent, date FROM task_progress WHERE task_id = ?1 AND unit = ?2 AND period = ?3",
            params![v.task_id, v.unit, v.period],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let stamp = audit::Stamp::new(now, operator, source);
    let audit = |field: Option<&str>, action: &str, old: Option<String>, new: Option<String>| {
        let entry = audit::Entry { action, table: "task_progress", key: &key, field, old: old.as_deref(), new: new.as_deref() };
        audit::record(tx, &stamp, entry)
    };
    let id = match old {
        Some((id, old_status, old_text, old_percent, old_date)) => {
            tx.execute(
                "UPDATE task_progress SET status = ?1, text = ?2, percent = ?3, date = ?4, operator = ?5, updated_at = ?6 WHERE id = ?7",
                params![v.status, v.text, v.percent, v.date, operator, now, id],
            )?;
            let fmt = |p: Option<f64>| p.map(|p| p.to_string());
            for (field, o, n) in [
                ("status", Some(old_status), Some(v.status.clone())),
                ("text", Some(old_text), Some(v.text.clone())),
                ("percent", fmt(old_percent), fmt(v.percent)),
                ("date", old_date, Some(v.date.clone())),
            ] {
                if o != n {
                    audit(Some(field), "update", o, n)?;
                }
            }
            id
        }
        None => {
            tx.execute(
                "INSERT INTO task_progress(task_id, unit, period, status, text, percent, date, operator, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                params![v.task_id, v.unit, v.period, v.status, v.text, v.percent, v.date, operator, now],
            )?;
            let id = tx.last_insert_rowid();
            audit(
                None,
                "insert",
                None,
                Some(format!("{}：{}", v.status, v.text)),
            )?;
            id
        }
    };
    Ok(id)
}

/// Records (or replaces) the progress of one measure for one unit and period, in one audited
/// transaction; returns the stored record.
pub fn upsert_progress(store: &mut Store, input: &ProgressInput) -> Result<TaskProgress> {
    let v = validate(store, input)?;
    crate::work_plans::ensure_editable(store, crate::work_plans::plan_of_task(store, v.task_id)?)?;
    let operator = store.operator()?;
    let tx = store.conn.transaction()?;
    let id = write_progress(&tx, &v, &operator, &now_text(), "进展填报")?;
    tx.commit()?;
    get_progress(store, id)
}

/// Deletes one progress record (audited).
pub fn delete_progress(store: &mut Store, id: i64) -> Result<()> {
    let p = get_progress(store, id)?;
    crate::work_plans::ensure_editable(store, crate::work_plans::plan_of_task(store, p.task_id)?)?;
    let operator = store.operator()?;
    let tx = store.conn.transaction()?;
    tx.execute("DELETE FROM task_progress WHERE id = ?1", [id])?;
    let stamp = audit::Stamp::new(now_text(), operator, "进展填报");
    let key = format!("{}/{}/{}", p.task_id, p.unit, p.period);
    let old = format!("{}：{}", p.status, p.text);
    audit::record(&tx, &stamp, audit::Entry::row("delete", "task_progress", &key).values(Some(&old), None))?;
    tx.commit()?;
    Ok(())
}

const SELECT: &str = "SELECT p.id, p.task_id, t.action_no, t.measure_no, t.title, p.unit, p.period, p.status, p.text,
        p.percent, p.date, p.operator, p.updated_at
     FROM task_progress p JOIN tasks t ON t.id = p.task_id";

fn row_to_progress(r: &rusqlite::Row) -> rusqlite::Result<TaskProgress> {
    Ok(TaskProgress {
        id: r.get(0)?,
        task_id: r.get(1)?,
        action_no: r.get(2)?,
        measure_no: r.get(3)?,
        title: r.get(4)?,
        unit: r.get(5)?,
        period: r.get(6)?,
        status: r.get(7)?,
        text: r.get(8)?,
        percent: r.get(9)?,
        date: r.get(10)?,
        operator: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

pub fn get_progress(store: &Store, id: i64) -> Result<TaskProgress> {
    store
        .conn
        .query_row(&format!("{SELECT} WHERE p.id = ?1"), [id], row_to_progress)
        .optional()?
        .ok_or_else(|| CoreError::NotFound(format!("没有编号为 {id} 的进展记录")))
}

/// Progress records matching the query, by measure, unit, then period.
pub fn list_progress(store: &Store, q: &ProgressQuery) -> Result<Vec<TaskProgress>> {
    let period = match q.period.as_deref() {
        Some(p) => Some(
            normalize_period(p)
                .ok_or_else(|| CoreError::Invalid(format!("填报期间“{p}”无法识别")))?,
        ),
        None => None,
    };
    let mut stmt = store.conn.prepare(&format!(
        "{SELECT} WHERE (?1 IS NULL OR p.task_id = ?1) AND (?2 IS NULL OR p.unit = ?2) AND (?3 IS NULL OR p.period = ?3)
           AND (?4 IS NULL OR t.plan_id = ?4)
         ORDER BY t.action_no, t.measure_no, p.unit, p.period"
    ))?;
    let rows = stmt.query_map(params![q.task_id, q.unit, period, q.plan_id], row_to_progress)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}


#[cfg(test)]
mod tests;
