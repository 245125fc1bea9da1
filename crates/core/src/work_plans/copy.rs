//! A new plan made from an existing one for another period: its measures (deadlines such as
//! 2023年底 moved by the same number of years), indicators with their targets, and awards
//! catalogue; no progress, entries or problems. One audited transaction.
use super::{get_plan, insert_plan, WorkPlan, WorkPlanInput};
use crate::audit;
use crate::error::Result;
use crate::store::{now_text, Store};
use rusqlite::params;

/// Copies plan `id` to the period `start_year`–`end_year` (title: the given one, else the
/// original's with the new period) and returns the new plan.
pub fn copy_plan(store: &mut Store, id: i64, start_year: i64, end_year: i64, title: Option<&str>) -> Result<WorkPlan> {
    let from = get_plan(store, id)?;
    crate::enterprise_plans::awards::ensure_seeded(store)?;
    let shift = start_year - from.start_year;
    let input = WorkPlanInput {
        title: title.map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).unwrap_or_else(|| format!("{}（{start_year}—{end_year}年）", super::titles::stem(&from.title).to_string() + "工作方案")),
        issuer: from.issuer.clone(),
        doc_no: String::new(),
        issued_on: None,
        start_year,
        end_year,
    };
    let stamp = audit::Stamp::new(now_text(), store.operator()?, format!("复制工作方案：{}", from.title));
    let tx = store.conn.transaction()?;
    let new_id = insert_plan(&tx, &input, &stamp)?;
    let measures: Vec<(i64, String)> = {
        let mut stmt = tx.prepare("SELECT id, deadline FROM tasks WHERE plan_id = ?1 ORDER BY seq")?;
        let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (task_id, deadline) in measures {
        tx.execute(
            "INSERT INTO tasks(plan_id, seq, action_no, action, measure_no, title, content, units, deadline, deadline_note, quantities)
             SELECT ?1, seq, action_no, action, measure_no, title, content, units, ?2, ?3, quantities FROM tasks WHERE id = ?4",
            params![new_id, shifted_deadline(&deadline, shift, end_year), format!("复制自《{}》（原完成时限：{deadline}）", from.title), task_id],
        )?;
    }
    tx.execute(
        "INSERT INTO target_indicators(plan_id, key, name, unit, kind, per_year, yearly_target, note, sort)
         SELECT ?1, key, name, unit, kind, per_year, yearly_target, note, sort FROM target_indicators WHERE plan_id = ?2",
        params![new_id, id],
    )?;
    // Milestones moved with the period; one past a shorter period's end falls on its last year.
    tx.execute(
        "INSERT OR REPLACE INTO target_values(plan_id, indicator, year, target)
         SELECT ?1, indicator, min(year + ?3, ?4), target FROM target_values WHERE plan_id = ?2 ORDER BY year",
        params![new_id, id, shift, end_year],
    )?;
    tx.execute(
        "INSERT INTO award_catalog(plan_id, name, category, amount_wan, source, sort)
         SELECT ?1, name, category, amount_wan, source, sort FROM award_catalog WHERE plan_id = ?2",
        params![new_id, id],
    )?;
    tx.commit()?;
    get_plan(store, new_id)
}

/// 2023年底 moved by `shift` years (at the latest to the new period's end); 每年 and 长期坚持 stay.
fn shifted_deadline(deadline: &str, shift: i64, end_year: i64) -> String {
    match deadline.strip_suffix("年底").and_then(|y| y.parse::<i64>().ok()) {
        Some(year) => format!("{}年底", (year + shift).min(end_year)),
        None => deadline.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tasks::list_tasks;

    #[test]
    fn a_copy_moves_deadlines_and_targets_and_leaves_the_original_alone() {
        let mut s = Store::open_in_memory().unwrap();
        let copy = copy_plan(&mut s, 1, 2026, 2029, None).unwrap();
        assert_eq!((copy.start_year, copy.end_year, copy.measures), (2026, 2029, 21));
        assert_eq!(copy.title, "邢台市特色产业集群“领跑者”企业培育工作方案（2026—2029年）");
        let tasks = list_tasks(&s, copy.id).unwrap();
        assert_eq!(tasks[0].deadline, "2027年底", "2023年底 + 4 years");
        assert_eq!(tasks[2].deadline, "每年");
        let original = list_tasks(&s, 1).unwrap();
        assert_eq!(original[0].deadline, "2023年底");
        assert_ne!(tasks[0].id, original[0].id);
        let lg: f64 = s.conn.query_row("SELECT target FROM target_values WHERE plan_id = ?1 AND indicator = 'little_giant' AND year = 2029", [copy.id], |r| r.get(0)).unwrap();
        assert_eq!(lg, 50.0);
        let awards: i64 = s.conn.query_row("SELECT count(*) FROM award_catalog WHERE plan_id = ?1", [copy.id], |r| r.get(0)).unwrap();
        let original_awards: i64 = s.conn.query_row("SELECT count(*) FROM award_catalog WHERE plan_id = 1", [], |r| r.get(0)).unwrap();
        assert_eq!(awards, original_awards);
        assert!(copy_plan(&mut s, 1, 2030, 2028, None).unwrap_err().to_string().contains("实施期限"));
        // A shorter period: 2025年底 and the 2025 milestone fall on its last year, not past it.
        let short = copy_plan(&mut s, 1, 2026, 2028, None).unwrap();
        let due: Vec<String> = list_tasks(&s, short.id).unwrap().into_iter().map(|t| t.deadline).filter(|d| d.ends_with("年底")).collect();
        assert!(due.contains(&"2027年底".to_string()) && due.contains(&"2028年底".to_string()) && !due.contains(&"2029年底".to_string()), "{due:?}");
        let years: Vec<(i64, f64)> = {
            let mut stmt = s.conn.prepare("SELECT year, target FROM target_values WHERE plan_id = ?1 AND indicator = 'little_giant' ORDER BY year").unwrap();
            stmt.query_map([short.id], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
        };
        assert_eq!(years, vec![(2027, 30.0), (2028, 50.0)]);
    }
}
