//! Adding, changing and removing a measure (工作措施) of a work plan in the app: numbers, action,
//! title, content, lead and cooperating units, deadline (read within the plan's period) and the
//! numbers it promises. Each change is one audited transaction; a read-only plan is refused.
use crate::audit;
use crate::error::{CoreError, Result};
use crate::store::{now_text, Store};
use crate::tasks::import::{normalize_deadline, split_units};
use crate::tasks::progress::{quantity_target, QuantityTarget};
use crate::tasks::{list_tasks, Task};
use crate::work_plans::{ensure_editable, get_plan, plan_of_task, WorkPlan};
use rusqlite::{params, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the 措施 form edits.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeasureInput {
    pub action_no: i64,
    /// The action's title (行动名称), shared by all measures of the action.
    pub action: String,
    pub measure_no: i64,
    /// Empty: taken from the start of the content.
    #[serde(default)]
    pub title: String,
    pub content: String,
    pub lead_unit: String,
    #[serde(default)]
    pub co_units: Vec<String>,
    /// 长期坚持 / 每年 / 2027年底 (any way the task importer reads).
    pub deadline: String,
    /// Where the deadline comes from; empty: 在系统中编辑.
    #[serde(default)]
    pub deadline_note: String,
    /// The numbers the measure promises; absent: read from the content.
    #[ts(optional)]
    #[serde(default)]
    pub quantities: Option<Vec<QuantityTarget>>,
}

/// A measure checked against its plan, ready to be written.
struct Checked {
    action_no: i64,
    action: String,
    measure_no: i64,
    title: String,
    content: String,
    units: Vec<String>,
    deadline: String,
    deadline_note: String,
    quantities: Vec<QuantityTarget>,
}

fn required(text: &str, what: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(CoreError::Invalid(format!("请填写{what}")));
    }
    Ok(t.to_string())
}

/// Reads a deadline within the plan's period (长期坚持 / 每年 / YYYY年底).
fn plan_deadline(text: &str, plan: &WorkPlan) -> Result<String> {
    let d = normalize_deadline(text).ok_or_else(|| {
        CoreError::Invalid(format!("完成时限“{}”无法识别，应为“长期坚持”“每年”或“{}年底”的形式", text.trim(), plan.end_year))
    })?;
    if let Some(year) = d.strip_suffix("年底").and_then(|y| y.parse::<i64>().ok()) {
        if !(plan.start_year..=plan.end_year).contains(&year) {
            return Err(CoreError::Invalid(format!(
                "完成时限“{d}”不在本方案实施期限（{}—{}年）内",
                plan.start_year, plan.end_year
            )));
        }
    }
    Ok(d)
}

fn check(store: &Store, plan: &WorkPlan, input: &MeasureInput, editing: Option<i64>) -> Result<Checked> {
    for (n, what) in [(input.action_no, "行动序号"), (input.measure_no, "措施序号")] {
        if !(1..=99).contains(&n) {
            return Err(CoreError::Invalid(format!("{what} {n} 不正确，应为 1—99 的整数")));
        }
    }
    let content = required(&input.content, "措施内容")?;
    let lead = required(&input.lead_unit, "牵头单位")?;
    let mut units = vec![lead.clone()];
    for u in input.co_units.iter().flat_map(|u| split_units(u)) {
        if !units.contains(&u) {
            units.push(u);
        }
    }
    let existing = list_tasks(store, plan.id)?;
    if let Some(other) = existing.iter().find(|t| (t.action_no, t.measure_no) == (input.action_no, input.measure_no) && Some(t.id) != editing) {
        return Err(CoreError::Invalid(format!(
            "本方案已有措施 {}.{}（{}），请换一个措施序号",
            other.action_no, other.measure_no, other.title
        )));
    }
    // A measure moved to another action with the form's old action title joins that action.
    let moved_with_old_title = editing
        .and_then(|id| existing.iter().find(|t| t.id == id))
        .is_some_and(|old| old.action_no != input.action_no && old.action == input.action.trim());
    let given = if moved_with_old_title { "" } else { input.action.trim() };
    let action = match given {
        "" => existing.iter().find(|t| t.action_no == input.action_no).map(|t| t.action.clone()).ok_or_else(|| CoreError::Invalid(format!("请填写第 {} 项行动的名称", input.action_no)))?,
        a => a.to_string(),
    };
    let quantities = match &input.quantities {
        None => quantity_target(&content).into_iter().collect(),
        Some(list) => list.iter().map(checked_quantity).collect::<Result<_>>()?,
    };
    let title = match input.title.trim() {
        "" => crate::tasks::import::normalize::derived_title(&content),
        t => t.to_string(),
    };
    Ok(Checked {
        action_no: input.action_no,
        action,
        measure_no: input.measure_no,
        title,
        content,
        units,
        deadline: plan_deadline(&input.deadline, plan)?,
        deadline_note: match input.deadline_note.trim() {
            "" => "在系统中编辑".to_string(),
            n => n.to_string(),
        },
        quantities,
    })
}

fn checked_quantity(q: &QuantityTarget) -> Result<QuantityTarget> {
    if !q.amount.is_finite() || q.amount < 0.0 {
        return Err(CoreError::Invalid(format!("量化目标“{}”的数量 {} 不正确（应为不小于 0 的数字）", q.text, q.amount)));
    }
    let unit = required(&q.unit, "量化目标的计量单位（家、项、场 …）")?;
    let text = match q.text.trim() {
        "" => format!("{}{unit}", q.amount),
        t => t.to_string(),
    };
    Ok(QuantityTarget { amount: q.amount, unit, text })
}

fn key(plan_id: i64, action_no: i64, measure_no: i64) -> String {
    format!("{plan_id}:{action_no}-{measure_no}")
}

fn stamp(store: &Store, plan: &WorkPlan) -> Result<audit::Stamp> {
    Ok(audit::Stamp::new(now_text(), store.operator()?, format!("编辑工作方案：{}", plan.title)))
}

/// Numbers the plan's measures 1.. in action and measure order (after a change of numbers).
fn renumber(tx: &Transaction, plan_id: i64) -> Result<()> {
    tx.execute("UPDATE tasks SET seq = -seq WHERE plan_id = ?1", [plan_id])?;
    tx.execute(
        "UPDATE tasks SET seq = (SELECT count(*) FROM tasks o WHERE o.plan_id = tasks.plan_id
             AND (o.action_no < tasks.action_no OR (o.action_no = tasks.action_no AND o.measure_no <= tasks.measure_no)))
         WHERE plan_id = ?1",
        [plan_id],
    )?;
    Ok(())
}

/// Gives every measure of an action the action's (new) title, audited.
fn retitle_action(tx: &Transaction, stamp: &audit::Stamp, plan_id: i64, action_no: i64, action: &str) -> Result<()> {
    let others: Vec<(i64, String)> = {
        let mut stmt = tx.prepare("SELECT measure_no, action FROM tasks WHERE plan_id = ?1 AND action_no = ?2 AND action <> ?3")?;
        let rows = stmt.query_map(params![plan_id, action_no, action], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (m, old) in others {
        audit::record(tx, stamp, audit::Entry::row("update", "tasks", &key(plan_id, action_no, m)).field("action", Some(&old), Some(action)))?;
    }
    tx.execute("UPDATE tasks SET action = ?1 WHERE plan_id = ?2 AND action_no = ?3", params![action, plan_id, action_no])?;
    Ok(())
}

fn task(store: &Store, plan_id: i64, id: i64) -> Result<Task> {
    list_tasks(store, plan_id)?.into_iter().find(|t| t.id == id).ok_or_else(|| CoreError::NotFound(format!("没有编号为 {id} 的工作措施")))
}

/// Adds a measure to plan `plan_id` and returns it.
pub fn add_measure(store: &mut Store, plan_id: i64, input: &MeasureInput) -> Result<Task> {
    let plan = get_plan(store, plan_id)?;
    ensure_editable(store, plan_id)?;
    let m = check(store, &plan, input, None)?;
    let stamp = stamp(store, &plan)?;
    let tx = store.conn.transaction()?;
    let seq: i64 = tx.query_row("SELECT coalesce(max(seq), 0) + 1 FROM tasks WHERE plan_id = ?1", [plan_id], |r| r.get(0))?;
    tx.execute(
        "INSERT INTO tasks(plan_id, seq, action_no, action, measure_no, title, content, units, deadline, deadline_note, quantities)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![plan_id, seq, m.action_no, m.action, m.measure_no, m.title, m.content, serde_json::to_string(&m.units)?, m.deadline, m.deadline_note, serde_json::to_string(&m.quantities)?],
    )?;
    let id = tx.last_insert_rowid();
    audit::record(&tx, &stamp, audit::Entry::row("insert", "tasks", &key(plan_id, m.action_no, m.measure_no)).values(None, Some(&format!("{}.{} {}", m.action_no, m.measure_no, m.title))))?;
    retitle_action(&tx, &stamp, plan_id, m.action_no, &m.action)?;
    renumber(&tx, plan_id)?;
    tx.commit()?;
    task(store, plan_id, id)
}

/// Changes measure `id` (of whichever plan holds it); every changed field is audited.
pub fn update_measure(store: &mut Store, id: i64, input: &MeasureInput) -> Result<Task> {
    let plan_id = plan_of_task(store, id)?;
    let plan = get_plan(store, plan_id)?;
    ensure_editable(store, plan_id)?;
    let old = task(store, plan_id, id)?;
    let m = check(store, &plan, input, Some(id))?;
    let stamp = stamp(store, &plan)?;
    let tx = store.conn.transaction()?;
    tx.execute(
        "UPDATE tasks SET action_no = ?1, action = ?2, measure_no = ?3, title = ?4, content = ?5, units = ?6,
             deadline = ?7, deadline_note = ?8, quantities = ?9 WHERE id = ?10",
        params![m.action_no, m.action, m.measure_no, m.title, m.content, serde_json::to_string(&m.units)?, m.deadline, m.deadline_note, serde_json::to_string(&m.quantities)?, id],
    )?;
    let row_key = key(plan_id, m.action_no, m.measure_no);
    let number = |a: i64, n: i64| format!("{a}.{n}");
    let fields = [
        ("measure_no", number(old.action_no, old.measure_no), number(m.action_no, m.measure_no)),
        ("title", old.title.clone(), m.title.clone()),
        ("content", old.content.clone(), m.content.clone()),
        ("units", old.units.join("、"), m.units.join("、")),
        ("deadline", old.deadline.clone(), m.deadline.clone()),
        ("deadline_note", old.deadline_note.clone(), m.deadline_note.clone()),
        ("quantities", quantities_text(&old.quantities), quantities_text(&m.quantities)),
    ];
    for (field, o, n) in fields.iter().filter(|(_, o, n)| o != n) {
        audit::record(&tx, &stamp, audit::Entry::row("update", "tasks", &row_key).field(field, Some(o), Some(n)))?;
    }
    if old.action != m.action && old.action_no == m.action_no {
        audit::record(&tx, &stamp, audit::Entry::row("update", "tasks", &row_key).field("action", Some(&old.action), Some(&m.action)))?;
    }
    retitle_action(&tx, &stamp, plan_id, m.action_no, &m.action)?;
    renumber(&tx, plan_id)?;
    tx.commit()?;
    task(store, plan_id, id)
}

fn quantities_text(list: &[QuantityTarget]) -> String {
    list.iter().map(|q| format!("{}{}", q.amount, q.unit)).collect::<Vec<_>>().join("、")
}

/// Removes measure `id`; refused while progress or ledger problems refer to it.
pub fn delete_measure(store: &mut Store, id: i64) -> Result<()> {
    let plan_id = plan_of_task(store, id)?;
    let plan = get_plan(store, plan_id)?;
    ensure_editable(store, plan_id)?;
    let old = task(store, plan_id, id)?;
    let count = |sql: &str| -> Result<i64> { Ok(store.conn.query_row(sql, [id], |r| r.get(0))?) };
    let progress = count("SELECT count(*) FROM task_progress WHERE task_id = ?1")?;
    let problems = count("SELECT count(*) FROM problems WHERE task_id = ?1")?;
    if progress + problems > 0 {
        let mut held = Vec::new();
        if progress > 0 {
            held.push(format!("{progress} 条进展记录"));
        }
        if problems > 0 {
            held.push(format!("{problems} 个关联问题"));
        }
        return Err(CoreError::Invalid(format!(
            "措施 {}.{}（{}）已有{}，不能删除；可修改其内容或完成时限",
            old.action_no, old.measure_no, old.title, held.join("、")
        )));
    }
    let stamp = stamp(store, &plan)?;
    let tx = store.conn.transaction()?;
    tx.execute("DELETE FROM tasks WHERE id = ?1", [id])?;
    let summary = format!("{}.{} {}：{}", old.action_no, old.measure_no, old.title, old.content);
    audit::record(&tx, &stamp, audit::Entry::row("delete", "tasks", &key(plan_id, old.action_no, old.measure_no)).values(Some(&summary), None))?;
    renumber(&tx, plan_id)?;
    tx.commit()?;
    Ok(())
}
