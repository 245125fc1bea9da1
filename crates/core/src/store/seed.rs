//! Seeds a new store from `assets/seed/*.json`: counties and clusters, and the default work plan
//! (plan 1, the 2022 Xingtai plan) with its 21 measures and its indicators. Runs once per seed
//! version (idempotent: what the store holds is never overwritten).
use super::settings;
use crate::error::Result;
use rusqlite::Connection;
use serde::Deserialize;
use std::collections::BTreeMap;

const COUNTIES_JSON: &str = include_str!("../../../../assets/seed/counties.json");
const TASKS_JSON: &str = include_str!("../../../../assets/seed/tasks.json");
const TARGETS_JSON: &str = include_str!("../../../../assets/seed/targets.json");
const PLAN_JSON: &str = include_str!("../../../../assets/seed/plan.json");

/// Bump when the seed files gain data a store made earlier should also receive.
const SEED_VERSION: &str = "2";

#[derive(Deserialize)]
struct PlanSeed {
    title: String,
    issuer: String,
    doc_no: String,
    issued_on: String,
    start_year: i64,
    end_year: i64,
}

#[derive(Deserialize)]
pub(crate) struct CountySeed {
    pub counties: Vec<CountyEntry>,
    pub clusters: Vec<ClusterEntry>,
}
#[derive(Deserialize)]
pub(crate) struct CountyEntry {
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
}
#[derive(Deserialize)]
pub(crate) struct ClusterEntry {
    pub name: String,
    pub county: String,
}
#[derive(Deserialize)]
pub(crate) struct TaskSeed {
    pub tasks: Vec<TaskEntry>,
}
#[derive(Deserialize)]
pub(crate) struct TaskEntry {
    pub seq: i64,
    pub action_no: i64,
    pub action: String,
    pub measure_no: i64,
    pub title: String,
    pub content: String,
    pub units: Vec<String>,
    pub deadline: String,
    #[serde(default)]
    pub deadline_note: String,
    #[serde(default)]
    pub quantities: Vec<crate::tasks::progress::QuantityTarget>,
}
#[derive(Deserialize)]
pub(crate) struct TargetSeed {
    pub indicators: Vec<IndicatorEntry>,
}
#[derive(Deserialize)]
pub(crate) struct IndicatorEntry {
    pub key: String,
    pub name: String,
    pub unit: String,
    pub kind: String,
    pub per_year: bool,
    #[serde(default)]
    pub yearly_target: Option<f64>,
    #[serde(default)]
    pub targets: BTreeMap<String, f64>,
    #[serde(default)]
    pub note: Option<String>,
}

/// The counties and clusters as shipped (also used by normalizers that need the official list).
pub(crate) fn county_seed() -> CountySeed {
    serde_json::from_str(COUNTIES_JSON).expect("assets/seed/counties.json is valid")
}

/// The 21 measures as shipped.
pub(crate) fn task_seed() -> TaskSeed {
    serde_json::from_str(TASKS_JSON).expect("assets/seed/tasks.json is valid")
}

/// The indicators of the default plan as shipped (also the names the indicator sheet knows).
pub(crate) fn target_seed() -> TargetSeed {
    serde_json::from_str(TARGETS_JSON).expect("assets/seed/targets.json is valid")
}

/// Seeds what the store lacks of the shipped data (once per `SEED_VERSION`), in one transaction.
pub(crate) fn seed(conn: &mut Connection) -> Result<()> {
    if settings::get(conn, "seed_version")?.as_deref() == Some(SEED_VERSION) {
        return Ok(());
    }
    let counties = county_seed();
    let tasks = task_seed();
    let targets = target_seed();
    let plan: PlanSeed = serde_json::from_str(PLAN_JSON).expect("assets/seed/plan.json is valid");
    let tx = conn.transaction()?;
    let now = super::now_text();
    tx.execute(
        "INSERT OR IGNORE INTO work_plans(id, title, start_year, end_year, created_at, updated_at) VALUES (1, ?1, ?2, ?3, ?4, ?4)",
        rusqlite::params![plan.title, plan.start_year, plan.end_year, now],
    )?;
    tx.execute(
        "UPDATE work_plans SET issuer = ?1, doc_no = ?2, issued_on = ?3 WHERE id = 1 AND issuer = '' AND issued_on IS NULL",
        rusqlite::params![plan.issuer, plan.doc_no, plan.issued_on],
    )?;
    for (i, c) in counties.counties.iter().enumerate() {
        tx.execute(
            "INSERT OR IGNORE INTO counties(name, kind, sort, aliases) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![c.name, c.kind, i as i64 + 1, serde_json::to_string(&c.aliases)?],
        )?;
    }
    for c in &counties.clusters {
        // A shipped cluster the user renamed stays renamed.
        tx.execute(
            "INSERT OR IGNORE INTO clusters(name, county, created_at, updated_at) SELECT ?1, ?2, ?3, ?3
             WHERE NOT EXISTS (SELECT 1 FROM cluster_renames WHERE old_name = ?1)",
            [&c.name, &c.county, &now],
        )?;
    }
    for t in &tasks.tasks {
        let quantities = serde_json::to_string(&t.quantities)?;
        tx.execute(
            "INSERT OR IGNORE INTO tasks(plan_id, seq, action_no, action, measure_no, title, content, units, deadline, deadline_note, quantities)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            rusqlite::params![
                t.seq, t.action_no, t.action, t.measure_no, t.title, t.content,
                serde_json::to_string(&t.units)?, t.deadline, t.deadline_note, quantities
            ],
        )?;
        // Columns a store made before work plans has empty.
        tx.execute(
            "UPDATE tasks SET deadline_note = ?1, quantities = ?2
             WHERE plan_id = 1 AND action_no = ?3 AND measure_no = ?4 AND deadline_note = '' AND quantities = '[]'",
            rusqlite::params![t.deadline_note, quantities, t.action_no, t.measure_no],
        )?;
    }
    for (i, ind) in targets.indicators.iter().enumerate() {
        tx.execute(
            "INSERT OR IGNORE INTO target_indicators(plan_id, key, name, unit, kind, per_year, yearly_target, note, sort)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![ind.key, ind.name, ind.unit, ind.kind, ind.per_year, ind.yearly_target, ind.note, i as i64 + 1],
        )?;
        tx.execute("UPDATE target_indicators SET sort = ?1 WHERE plan_id = 1 AND key = ?2", rusqlite::params![i as i64 + 1, ind.key])?;
        for (year, target) in &ind.targets {
            tx.execute(
                "INSERT OR IGNORE INTO target_values(plan_id, indicator, year, target) VALUES (1, ?1, ?2, ?3)",
                rusqlite::params![ind.key, year.parse::<i64>().unwrap_or_default(), target],
            )?;
        }
    }
    settings::set(&tx, "seed_version", SEED_VERSION)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn seed_agrees_with_the_expected_task_table() {
        let expected: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples/expected_tasks.json"))
                .expect("../shared/samples beside the project"),
        )
        .unwrap();
        let seed = task_seed();
        let exp = expected["tasks"].as_array().unwrap();
        assert_eq!(seed.tasks.len(), 21);
        for (t, e) in seed.tasks.iter().zip(exp) {
            assert_eq!(t.title, e["title"].as_str().unwrap());
            assert_eq!(t.deadline, e["deadline"].as_str().unwrap());
            assert_eq!(t.units, serde_json::from_value::<Vec<String>>(e["units"].clone()).unwrap());
            assert_eq!((t.action_no, t.measure_no), (e["action_no"].as_i64().unwrap(), e["measure_no"].as_i64().unwrap()));
        }
    }

    #[test]
    fn twenty_counties_and_all_indicators_are_seeded() {
        let s = Store::open_in_memory().unwrap();
        let n: i64 = s.conn.query_row("SELECT count(*) FROM counties", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 20);
        let n: i64 = s.conn.query_row("SELECT count(*) FROM target_indicators", [], |r| r.get(0)).unwrap();
        assert!(n >= 20);
    }
}
