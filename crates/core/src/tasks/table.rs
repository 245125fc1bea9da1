//! A work plan's task-assignment table as stored: its actions and measures (the 2022 plan: 6
//! actions, 21 measures), responsible units, deadlines and the numbers each measure promises.
use crate::error::Result;
use crate::tasks::progress::QuantityTarget;
use crate::store::Store;
use serde::Serialize;
use ts_rs::TS;

/// One measure (工作措施) of the task table; the keys are the CLI's `list tasks --json` contract.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
pub struct Task {
    pub id: i64,
    pub seq: i64,
    pub action_no: i64,
    pub action: String,
    pub measure_no: i64,
    pub title: String,
    pub content: String,
    pub lead_unit: String,
    pub units: Vec<String>,
    pub deadline: String,
    pub plan_id: i64,
    /// Where the deadline comes from (the sheet, the plan's text).
    pub deadline_note: String,
    /// The numbers the measure promises (每年新培育创新型中小企业400家 …).
    pub quantities: Vec<QuantityTarget>,
}

/// Every measure of a work plan in plan order.
pub fn list_tasks(store: &Store, plan_id: i64) -> Result<Vec<Task>> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT id, seq, action_no, action, measure_no, title, content, units, deadline, plan_id, deadline_note, quantities
         FROM tasks WHERE plan_id = ?1 ORDER BY action_no, measure_no",
    )?;
    let rows = stmt.query_map([plan_id], |r| {
        let units: Vec<String> = serde_json::from_str(&r.get::<_, String>(7)?).unwrap_or_default();
        Ok(Task {
            id: r.get(0)?,
            seq: r.get(1)?,
            action_no: r.get(2)?,
            action: r.get(3)?,
            measure_no: r.get(4)?,
            title: r.get(5)?,
            content: r.get(6)?,
            lead_unit: units.first().cloned().unwrap_or_default(),
            units,
            deadline: r.get(8)?,
            plan_id: r.get(9)?,
            deadline_note: r.get(10)?,
            quantities: serde_json::from_str(&r.get::<_, String>(11)?).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_one_measures_in_six_actions() {
        let s = Store::open_in_memory().unwrap();
        let tasks = list_tasks(&s, 1).unwrap();
        assert_eq!(tasks.len(), 21);
        let per_action: Vec<usize> = (1..=6).map(|a| tasks.iter().filter(|t| t.action_no == a).count()).collect();
        assert_eq!(per_action, vec![4, 4, 3, 4, 2, 4]);
        assert_eq!(tasks[0].lead_unit, "市工业和信息化局");
        assert!(tasks[0].units.contains(&"各县（市、区）政府".to_string()));
        let promised = |a, m| tasks.iter().find(|t| (t.action_no, t.measure_no) == (a, m)).unwrap().quantities.iter().map(|q| q.amount).collect::<Vec<_>>();
        assert_eq!(promised(2, 1), vec![400.0, 10.0, 60.0, 80.0]);
        assert_eq!(promised(2, 3), vec![10.0], "20 is the number of county clusters, not a target");
        assert_eq!(promised(3, 3), vec![3.0]);
        assert!(tasks.iter().all(|t| !t.deadline_note.is_empty()));
    }
}
