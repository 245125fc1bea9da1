//! The problem ledger (问题台账): problems of enterprises moved through 征集 → 交办 → 对接服务 →
//! 办结 → 销号 (or 退回), each transition one audited transaction recorded with time and operator.
pub mod export;
pub mod import;
pub mod query;
pub mod workflow;

use crate::audit;
use crate::error::{CoreError, Result};
use crate::store::{now_text, Store};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use workflow::{next_state, one_of, parse_date, Action};

pub use import::{import_ledger, import_ledger_checked, preview_ledger_import, LedgerImportReport};
pub use query::{county_stats, list_problems, ledger_stats, LedgerStat, LedgerStats, ProblemPage, ProblemQuery};

/// One problem as the ledger shows it, with its enterprise and traffic light.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct Problem {
    pub id: i64,
    pub enterprise_id: i64,
    pub enterprise_name: String,
    pub uscc: String,
    pub county: Option<String>,
    pub source: String,
    pub category: String,
    pub description: String,
    pub received_on: String,
    pub state: String,
    pub lead_unit: Option<String>,
    pub co_units: Vec<String>,
    pub assigned_on: Option<String>,
    pub deadline: Option<String>,
    pub result: Option<String>,
    pub closed_on: Option<String>,
    pub satisfaction: Option<String>,
    pub return_reason: Option<String>,
    /// overdue / due_soon / on_time / closed / none (see `workflow::light`).
    pub light: String,
    /// The workflow buttons valid in this state.
    pub actions: Vec<String>,
    /// The deadline 交办 today would give by default (by category).
    pub default_deadline: String,
    pub updated_at: String,
    /// The measure of the work plan the problem is linked to, if any.
    pub task_id: Option<i64>,
    /// That measure as 2.3 开展产融对接.
    pub task_label: Option<String>,
    /// The work plan the problem was registered under.
    pub plan_id: i64,
}

/// A new problem (征集).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProblemInput {
    pub enterprise_id: i64,
    pub source: String,
    pub category: String,
    pub description: String,
    /// ISO date; today when absent.
    #[ts(optional)]
    pub received_on: Option<String>,
    /// The measure of the current work plan the problem belongs to, if any.
    #[ts(optional)]
    #[serde(default)]
    pub task_id: Option<i64>,
}

/// 交办: a lead unit, co-units and a deadline (default by category when absent).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssignInput {
    pub lead_unit: String,
    #[serde(default)]
    pub co_units: Vec<String>,
    #[ts(optional)]
    pub deadline: Option<String>,
}

/// 对接服务: one progress entry.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ServeInput {
    #[ts(optional)]
    pub date: Option<String>,
    pub unit: String,
    pub content: String,
}

/// 办结: the result, the date and the enterprise's satisfaction.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CloseInput {
    pub result: String,
    #[ts(optional)]
    pub closed_on: Option<String>,
    pub satisfaction: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ProgressEntry {
    pub id: i64,
    pub date: String,
    pub unit: String,
    pub content: String,
    pub operator: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct Transition {
    pub id: i64,
    pub action: String,
    pub from_state: Option<String>,
    pub to_state: String,
    pub note: String,
    pub at: String,
    pub operator: String,
}

/// A problem with its progress entries and its history of transitions.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProblemDetail {
    pub problem: Problem,
    pub progress: Vec<ProgressEntry>,
    pub transitions: Vec<Transition>,
}

/// The controlled lists of the ledger, for the UI's drop-downs.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct LedgerOptions {
    pub sources: Vec<String>,
    pub categories: Vec<String>,
    pub states: Vec<String>,
    pub satisfactions: Vec<String>,
}

pub fn ledger_options() -> LedgerOptions {
    let owned = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
    LedgerOptions {
        sources: owned(&workflow::SOURCES),
        categories: owned(&workflow::CATEGORIES),
        states: owned(&workflow::STATES),
        satisfactions: owned(&workflow::SATISFACTIONS),
    }
}

pub(crate) fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn date_or_today(text: Option<&str>, what: &str) -> Result<String> {
    match text.map(str::trim).filter(|s| !s.is_empty()) {
        Some(t) => Ok(parse_date(t, what)?.to_string()),
        None => Ok(today().to_string()),
    }
}

fn required(text: &str, what: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(CoreError::Invalid(format!("请填写{what}")));
    }
    Ok(t.to_string())
}

/// Records a transition and its audit line inside `tx`.
fn record(tx: &Transaction, id: i64, action: &str, from: Option<&str>, to: &str, note: &str, operator: &str) -> Result<()> {
    let at = now_text();
    tx.execute(
        "INSERT INTO problem_transitions(problem_id, action, from_state, to_state, note, at, operator)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, action, from, to, note, at, operator],
    )?;
    let source = format!("问题台账·{action}{}", if note.is_empty() { String::new() } else { format!("：{note}") });
    let stamp = audit::Stamp::new(at, operator, source);
    let change = if from.is_none() { "insert" } else { "update" };
    audit::record(tx, &stamp, audit::Entry::row(change, "problems", &id.to_string()).field("state", from, Some(to)))
}

/// 征集: records a new problem of an enterprise.
pub fn create_problem(store: &mut Store, input: &ProblemInput) -> Result<Problem> {
    let source = one_of(&input.source, &workflow::SOURCES, "问题来源")?;
    let category = one_of(&input.category, &workflow::CATEGORIES, "问题类别")?;
    let description = required(&input.description, "问题描述")?;
    let received = date_or_today(input.received_on.as_deref(), "收集日期")?;
    let known: Option<i64> = store
        .conn
        .query_row("SELECT id FROM enterprises WHERE id = ?1", [input.enterprise_id], |r| r.get(0))
        .optional()?;
    if known.is_none() {
        return Err(CoreError::NotFound("企业库中没有这家企业".into()));
    }
    let plan_id = crate::work_plans::current_plan_id(store)?;
    if let Some(task) = input.task_id {
        if crate::work_plans::plan_of_task(store, task)? != plan_id {
            return Err(CoreError::Invalid("所选工作措施不属于当前工作方案".into()));
        }
    }
    let operator = store.operator()?;
    let now = now_text();
    let tx = store.conn.transaction()?;
    tx.execute(
        "INSERT INTO problems(enterprise_id, source, category, description, received_on, state, created_at, updated_at, plan_id, task_id)
         VALUES (?1, ?2, ?3, ?4, ?5, '征集', ?6, ?6, ?7, ?8)",
        params![input.enterprise_id, source, category, description, received, now, plan_id, input.task_id],
    )?;
    let id = tx.last_insert_rowid();
    record(&tx, id, "征集", None, "征集", &format!("{source}·{category}"), &operator)?;
    tx.commit()?;
    get_problem(store, id)
}

/// Moves a problem by `action` after checking the workflow, running `apply` (the action's own
/// column updates) and recording the transition, all in one transaction.
fn transition(
    store: &mut Store,
    id: i64,
    action: Action,
    note: &str,
    apply: impl FnOnce(&Transaction) -> Result<()>,
) -> Result<Problem> {
    let state = get_problem(store, id)?.state;
    let to = next_state(&state, action)?;
    let operator = store.operator()?;
    let tx = store.conn.transaction()?;
    apply(&tx)?;
    tx.execute(
        "UPDATE problems SET state = ?1, updated_at = ?2 WHERE id = ?3",
        params![to, now_text(), id],
    )?;
    record(&tx, id, action.label(), Some(&state), to, note, &operator)?;
    tx.commit()?;
    get_problem(store, id)
}

/// 交办: to a lead unit and co-units, with a deadline (by default from the problem's category).
pub fn assign_problem(store: &mut Store, id: i64, input: &AssignInput) -> Result<Problem> {
    let lead = required(&input.lead_unit, "牵头单位")?;
    let co: Vec<String> = input
        .co_units
        .iter()
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty() && *u != lead)
        .collect();
    let category = get_problem(store, id)?.category;
    let assigned = today();
    let deadline = match input.deadline.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(t) => parse_date(t, "办理时限")?,
        None => workflow::default_deadline(&category, assigned),
    };
    if deadline < assigned {
        return Err(CoreError::Invalid("办理时限不能早于交办日期".into()));
    }
    let note = format!("牵头单位：{lead}；办理时限：{}", workflow::date_cn(Some(&deadline.to_string())));
    transition(store, id, Action::Assign, &note, |tx| {
        tx.execute(
            "UPDATE problems SET lead_unit = ?1, co_units = ?2, assigned_on = ?3, deadline = ?4, return_reason = NULL
             WHERE id = ?5",
            params![lead, serde_json::to_string(&co)?, assigned.to_string(), deadline.to_string(), id],
        )?;
        Ok(())
    })
}

/// 对接服务: adds a progress entry (the first one moves the problem from 交办 to 对接服务).
pub fn serve_problem(store: &mut Store, id: i64, input: &ServeInput) -> Result<Problem> {
    let unit = required(&input.unit, "服务单位")?;
    let content = required(&input.content, "服务内容")?;
    let date = date_or_today(input.date.as_deref(), "服务日期")?;
    let operator = store.operator()?;
    transition(store, id, Action::Serve, &format!("{unit}：{content}"), |tx| {
        tx.execute(
            "INSERT INTO problem_progress(problem_id, date, unit, content, operator, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, date, unit, content, operator, now_text()],
        )?;
        Ok(())
    })
}

/// 办结: result, date and the enterprise's satisfaction.
pub fn close_problem(store: &mut Store, id: i64, input: &CloseInput) -> Result<Problem> {
    let result = required(&input.result, "办理结果")?;
    let satisfaction = one_of(&input.satisfaction, &workflow::SATISFACTIONS, "企业满意度")?;
    let closed_on = date_or_today(input.closed_on.as_deref(), "办结日期")?;
    transition(store, id, Action::Close, &format!("{satisfaction}：{result}"), |tx| {
        tx.execute(
            "UPDATE problems SET result = ?1, closed_on = ?2, satisfaction = ?3 WHERE id = ?4",
            params![result, closed_on, satisfaction, id],
        )?;
        Ok(())
    })
}

/// 销号: the bureau confirms the closure.
pub fn confirm_problem(store: &mut Store, id: i64) -> Result<Problem> {
    transition(store, id, Action::Confirm, "", |_| Ok(()))
}

/// 退回: sent back with a reason; it must be assigned again.
pub fn return_problem(store: &mut Store, id: i64, reason: &str) -> Result<Problem> {
    let reason = required(reason, "退回原因")?;
    transition(store, id, Action::Return, &reason, |tx| {
        tx.execute("UPDATE problems SET return_reason = ?1 WHERE id = ?2", params![reason, id])?;
        Ok(())
    })
}

/// Changes the deadline of a problem that is with a unit (recorded, state unchanged).
pub fn set_deadline(store: &mut Store, id: i64, deadline: &str) -> Result<Problem> {
    let p = get_problem(store, id)?;
    if !workflow::OPEN_STATES.contains(&p.state.as_str()) {
        return Err(CoreError::Invalid(format!("该问题当前状态为“{}”，只有办理中的问题可以调整时限", p.state)));
    }
    let new = parse_date(deadline, "办理时限")?.to_string();
    let operator = store.operator()?;
    let tx = store.conn.transaction()?;
    tx.execute("UPDATE problems SET deadline = ?1, updated_at = ?2 WHERE id = ?3", params![new, now_text(), id])?;
    let note = format!("{} → {}", workflow::date_cn(p.deadline.as_deref()), workflow::date_cn(Some(&new)));
    record(&tx, id, workflow::SET_DEADLINE, Some(&p.state), &p.state, &note, &operator)?;
    tx.commit()?;
    get_problem(store, id)
}

/// Links a problem to a measure of its own work plan (or unlinks it), recorded and audited.
pub fn link_task(store: &mut Store, id: i64, task_id: Option<i64>) -> Result<Problem> {
    let p = get_problem(store, id)?;
    let plan_id: i64 = store.conn.query_row("SELECT plan_id FROM problems WHERE id = ?1", [id], |r| r.get(0))?;
    if let Some(task) = task_id {
        if crate::work_plans::plan_of_task(store, task)? != plan_id {
            return Err(CoreError::Invalid("所选工作措施不属于该问题所在的工作方案".into()));
        }
    }
    let operator = store.operator()?;
    let tx = store.conn.transaction()?;
    tx.execute("UPDATE problems SET task_id = ?1, updated_at = ?2 WHERE id = ?3", params![task_id, now_text(), id])?;
    let label = |t: Option<i64>| -> Result<String> {
        Ok(match t {
            Some(t) => tx.query_row("SELECT action_no || '.' || measure_no || ' ' || title FROM tasks WHERE id = ?1", [t], |r| r.get(0))?,
            None => "（未关联）".to_string(),
        })
    };
    let (old, new) = (label(p.task_id)?, label(task_id)?);
    let stamp = audit::Stamp::new(now_text(), operator, "问题台账·关联措施");
    audit::record(&tx, &stamp, audit::Entry::row("update", "problems", &id.to_string()).field("task_id", Some(&old), Some(&new)))?;
    tx.commit()?;
    get_problem(store, id)
}

pub fn get_problem(store: &Store, id: i64) -> Result<Problem> {
    store
        .conn
        .query_row(&format!("{} WHERE p.id = ?1", query::SELECT_PROBLEM), [id], query::problem_from)
        .optional()?
        .ok_or_else(|| CoreError::NotFound(format!("问题台账中没有编号为 {id} 的问题")))
}

/// A problem with its progress entries and transitions, oldest first.
pub fn problem_detail(store: &Store, id: i64) -> Result<ProblemDetail> {
    let problem = get_problem(store, id)?;
    let mut stmt = store.conn.prepare_cached(
        "SELECT id, date, unit, content, operator, created_at FROM problem_progress WHERE problem_id = ?1 ORDER BY date, id",
    )?;
    let progress = stmt
        .query_map([id], |r| {
            Ok(ProgressEntry {
                id: r.get(0)?,
                date: r.get(1)?,
                unit: r.get(2)?,
                content: r.get(3)?,
                operator: r.get(4)?,
                created_at: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = store.conn.prepare_cached(
        "SELECT id, action, from_state, to_state, note, at, operator FROM problem_transitions WHERE problem_id = ?1 ORDER BY id",
    )?;
    let transitions = stmt
        .query_map([id], |r| {
            Ok(Transition {
                id: r.get(0)?,
                action: r.get(1)?,
                from_state: r.get(2)?,
                to_state: r.get(3)?,
                note: r.get(4)?,
                at: r.get(5)?,
                operator: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ProblemDetail { problem, progress, transitions })
}

/// The responsible units the 交办 form offers: those of the task table, then any used before.
pub fn unit_options(store: &Store) -> Result<Vec<String>> {
    let mut units: Vec<String> = Vec::new();
    for t in crate::tasks::list_tasks(store, crate::work_plans::current_plan_id(store)?)? {
        for u in t.units {
            if !units.contains(&u) {
                units.push(u);
            }
        }
    }
    let mut stmt = store.conn.prepare_cached("SELECT DISTINCT lead_unit FROM problems WHERE lead_unit IS NOT NULL ORDER BY lead_unit")?;
    for u in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let u = u?;
        if !units.contains(&u) {
            units.push(u);
        }
    }
    Ok(units)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A store with one enterprise in 南和区 and one in 宁晋县; returns their ids.
    pub(crate) fn store_with_two() -> (Store, i64, i64) {
        let s = Store::open_in_memory().unwrap();
        for (uscc, name, county) in [
            ("91130506MA01RRJY81", "河北嘉坤农机装备股份有限公司", "南和区"),
            ("91130528MA08TU9953", "宁晋某某光伏有限公司", "宁晋县"),
        ] {
            s.conn
                .execute(
                    "INSERT INTO enterprises(uscc, name, county, created_at, updated_at) VALUES (?1, ?2, ?3, '', '')",
                    [uscc, name, county],
                )
                .unwrap();
        }
        (s, 1, 2)
    }

    pub(crate) fn new_problem(s: &mut Store, enterprise_id: i64, category: &str) -> Problem {
        create_problem(
            s,
            &ProblemInput {
                enterprise_id,
                source: "入企服务".into(),
                category: category.into(),
                description: "企业反映流动资金紧张，需银行授信支持".into(),
                received_on: Some("2026-11-20".into()),
                task_id: None,
            },
        )
        .unwrap()
    }

    #[test]
    fn a_problem_goes_from_collection_to_closure_with_every_step_recorded() {
        let (mut s, a, _) = store_with_two();
        let p = new_problem(&mut s, a, "融资");
        assert_eq!((p.state.as_str(), p.light.as_str()), ("征集", "none"));
        assert_eq!(p.actions, vec!["交办"]);
        let p = assign_problem(&mut s, p.id, &AssignInput {
            lead_unit: "市金融工作局".into(),
            co_units: vec!["市工业和信息化局".into(), "市金融工作局".into()],
            deadline: None,
        })
        .unwrap();
        assert_eq!(p.state, "交办");
        assert_eq!(p.co_units, vec!["市工业和信息化局"]);
        assert_eq!(p.deadline, Some((today() + chrono::Duration::days(30)).to_string()));
        let e = close_problem(&mut s, p.id, &CloseInput { result: "已解决".into(), closed_on: None, satisfaction: "满意".into() })
            .unwrap_err();
        assert!(e.to_string().contains("尚未登记对接服务"), "{e}");
        let p = serve_problem(&mut s, p.id, &ServeInput { date: None, unit: "市金融工作局".into(), content: "组织银企对接".into() }).unwrap();
        assert_eq!(p.state, "对接服务");
        let bad = CloseInput { result: "已解决".into(), closed_on: None, satisfaction: "很满意".into() };
        assert!(close_problem(&mut s, p.id, &bad).unwrap_err().to_string().contains("企业满意度"));
        let p = close_problem(&mut s, p.id, &CloseInput { result: "获授信500万元".into(), closed_on: Some("2026-11-25".into()), satisfaction: "满意".into() }).unwrap();
        assert_eq!((p.state.as_str(), p.light.as_str()), ("办结", "closed"));
        let p = confirm_problem(&mut s, p.id).unwrap();
        assert_eq!(p.state, "销号");
        assert!(return_problem(&mut s, p.id, "重复").unwrap_err().to_string().contains("已销号"));
        let d = problem_detail(&s, p.id).unwrap();
        let steps: Vec<_> = d.transitions.iter().map(|t| t.action.as_str()).collect();
        assert_eq!(steps, vec!["征集", "交办", "对接服务", "办结", "销号"]);
        assert!(d.transitions.iter().all(|t| t.operator == "本机用户" && !t.at.is_empty()));
        assert_eq!(d.progress.len(), 1);
        let audited: i64 = s.conn
            .query_row("SELECT count(*) FROM audit_log WHERE table_name = 'problems' AND row_key = ?1", [p.id.to_string()], |r| r.get(0))
            .unwrap();
        assert_eq!(audited, 5);
    }

    #[test]
    fn returned_problems_are_assigned_again_and_bad_input_is_refused() {
        let (mut s, a, _) = store_with_two();
        let p = new_problem(&mut s, a, "审批");
        let assign = AssignInput { lead_unit: "市行政审批局".into(), co_units: vec![], deadline: Some("2030-01-31".into()) };
        let p = assign_problem(&mut s, p.id, &assign).unwrap();
        assert_eq!(p.deadline.as_deref(), Some("2030-01-31"));
        assert!(return_problem(&mut s, p.id, "  ").unwrap_err().to_string().contains("退回原因"));
        let p = return_problem(&mut s, p.id, "不属于本单位职责").unwrap();
        assert_eq!((p.state.as_str(), p.return_reason.as_deref()), ("退回", Some("不属于本单位职责")));
        let p = assign_problem(&mut s, p.id, &AssignInput { deadline: None, ..assign.clone() }).unwrap();
        assert_eq!((p.state.as_str(), p.return_reason.as_deref()), ("交办", None));
        let p = set_deadline(&mut s, p.id, "2031-06-30").unwrap();
        assert_eq!(p.deadline.as_deref(), Some("2031-06-30"));
        let past = AssignInput { deadline: Some("2001-01-01".into()), ..assign };
        let q = new_problem(&mut s, a, "用工");
        assert!(assign_problem(&mut s, q.id, &past).unwrap_err().to_string().contains("不能早于"));
        let bad = ProblemInput { enterprise_id: 99, source: "电话".into(), category: "用地".into(), description: "x".into(), received_on: None, task_id: None };
        assert_eq!(create_problem(&mut s, &bad).unwrap_err().code(), "not_found");
        let bad = ProblemInput { enterprise_id: a, source: "微信".into(), ..bad };
        assert!(create_problem(&mut s, &bad).unwrap_err().to_string().contains("问题来源"));
        assert!(unit_options(&s).unwrap().contains(&"市工业和信息化局".to_string()));
    }

    #[test]
    fn a_problem_is_linked_to_a_measure_of_its_plan_and_filtered_by_it() {
        let (mut s, a, _) = store_with_two();
        let measure = crate::tasks::list_tasks(&s, 1).unwrap()[5].clone();
        let linked = create_problem(&mut s, &ProblemInput { task_id: Some(measure.id), ..ProblemInput { enterprise_id: a, source: "入企服务".into(), category: "融资".into(), description: "贷款".into(), ..Default::default() } }).unwrap();
        assert_eq!(linked.task_id, Some(measure.id));
        assert_eq!(linked.task_label.as_deref(), Some(format!("2.2 {}", measure.title).as_str()));
        let other = new_problem(&mut s, a, "用地");
        assert_eq!((other.task_id, other.task_label.as_deref()), (None, None));
        let only = |s: &Store| list_problems(s, &ProblemQuery { task_id: Some(measure.id), ..Default::default() }).unwrap().rows.iter().map(|p| p.id).collect::<Vec<_>>();
        assert_eq!(only(&s), vec![linked.id]);
        let relinked = link_task(&mut s, other.id, Some(measure.id)).unwrap();
        assert_eq!(relinked.task_id, Some(measure.id));
        assert_eq!(only(&s).len(), 2);
        link_task(&mut s, linked.id, None).unwrap();
        assert_eq!(only(&s), vec![other.id]);
        let next = crate::work_plans::copy_plan(&mut s, 1, 2026, 2028, None).unwrap();
        let foreign = crate::tasks::list_tasks(&s, next.id).unwrap()[0].id;
        assert!(link_task(&mut s, other.id, Some(foreign)).unwrap_err().to_string().contains("不属于该问题所在的工作方案"));
        let audited: Vec<String> = {
            let mut stmt = s.conn.prepare("SELECT new_value FROM audit_log WHERE field = 'task_id' ORDER BY id").unwrap();
            stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
        };
        assert_eq!(audited, vec![format!("2.2 {}", measure.title), "（未关联）".to_string()]);
        crate::work_plans::use_plan(&s, next.id).unwrap();
        let later = new_problem(&mut s, a, "用工");
        assert_eq!((later.plan_id, other.plan_id), (next.id, 1));
        let of_plan = |plan_id| list_problems(&s, &ProblemQuery { plan_id: Some(plan_id), ..Default::default() }).unwrap().rows.iter().map(|p| p.id).collect::<Vec<_>>();
        assert_eq!(of_plan(next.id), vec![later.id]);
        assert!(!of_plan(1).contains(&later.id) && of_plan(1).len() == 2);
    }
}
