//! 任务分解下达: a plan's targets for a year split down to the 20 counties (one target per
//! indicator and county) beside the city's target, with a check that the counties add up; saved
//! in one audited transaction, as a preview first if wished.
use crate::audit;
use crate::error::{CoreError, Result};
use crate::sheet::text::number_text;
use crate::store::{now_text, Store};
use crate::targets::{plan_indicators, Indicator};
use crate::tasks::progress::county_names;
use crate::work_plans::{self, WorkPlan};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use ts_rs::TS;

/// What the audit log names as the source of these changes.
const SOURCE: &str = "任务分解";
/// Two targets closer than this are the same.
const SAME: f64 = 1e-9;

/// A plan's targets for one year as split down to the counties.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct Allocation {
    pub plan_id: i64,
    pub plan_title: String,
    pub year: i64,
    /// Whether the plan takes changes now (an ended plan only once reopened).
    pub editable: bool,
    /// The 20 counties in official order: the order of every indicator's `cells`.
    pub counties: Vec<String>,
    pub indicators: Vec<AllocationIndicator>,
}

/// One indicator of the plan: the city's target for the year and each county's share.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct AllocationIndicator {
    pub key: String,
    pub name: String,
    pub unit: String,
    /// The city's target in force that year (the yearly target, or the milestone ahead).
    pub city_target: Option<f64>,
    /// One per county, in the order of `Allocation::counties`; null where none is set.
    pub cells: Vec<Option<f64>>,
    /// Whether the counties' targets are summed and checked against the city's (not for %).
    pub summed: bool,
    /// The sum of the counties' targets.
    pub sum: f64,
    /// The counties add up to at least the city's target; always true for % indicators and
    /// where the city has no target.
    pub balanced: bool,
}

/// One county's target for one indicator as edited or read from a sheet; `target: null`
/// removes it.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct AllocationCell {
    /// The indicator's key.
    pub indicator: String,
    /// The county's official name.
    pub county: String,
    pub target: Option<f64>,
}

/// One target a save changes.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct AllocationChange {
    pub indicator: String,
    pub name: String,
    pub county: String,
    pub old: Option<f64>,
    pub new: Option<f64>,
    /// insert / update / delete
    pub kind: String,
}

/// What a save did (or, with `dry_run`, would do).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct AllocationSummary {
    /// inserted + updated + removed.
    pub changed: u32,
    pub inserted: u32,
    pub updated: u32,
    pub removed: u32,
    /// Targets given that were already stored as they are.
    pub unchanged: u32,
    pub dry_run: bool,
    pub changes: Vec<AllocationChange>,
}

/// The counties' stored targets of a plan for a year, by (indicator, county).
pub(crate) fn stored_targets(conn: &Connection, plan_id: i64, year: i64) -> Result<BTreeMap<(String, String), f64>> {
    let mut stmt = conn.prepare_cached("SELECT indicator, county, target FROM county_targets WHERE plan_id = ?1 AND year = ?2")?;
    let rows = stmt.query_map(params![plan_id, year], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The name a change is audited under: the one given, else the store's operator.
pub(crate) fn operator_name(store: &Store, given: Option<&str>) -> Result<String> {
    match given.map(str::trim).filter(|o| !o.is_empty()) {
        Some(o) => Ok(o.to_string()),
        None => store.operator(),
    }
}

/// Refuses a year outside the plan's period.
pub(crate) fn check_year(plan: &WorkPlan, year: i64) -> Result<()> {
    if (plan.start_year..=plan.end_year).contains(&year) {
        return Ok(());
    }
    Err(CoreError::Invalid(format!("{year}年不在《{}》的实施期限（{}—{}年）内", plan.title, plan.start_year, plan.end_year)))
}

fn indicator_row(ind: &Indicator, year: i64, counties: &[String], stored: &BTreeMap<(String, String), f64>) -> AllocationIndicator {
    let cells: Vec<Option<f64>> = counties.iter().map(|c| stored.get(&(ind.key.clone(), c.clone())).copied()).collect();
    let sum = (cells.iter().flatten().sum::<f64>() * 1e6).round() / 1e6;
    let city_target = ind.target_in(year);
    let summed = !ind.is_ratio();
    let balanced = !summed || city_target.is_none_or(|t| sum >= t - SAME);
    AllocationIndicator { key: ind.key.clone(), name: ind.name.clone(), unit: ind.unit.clone(), city_target, cells, summed, sum, balanced }
}

/// The allocation of plan `plan_id` (the current one when `None`) for `year`: every indicator
/// of the plan with the city's target and the 20 counties' targets.
pub fn load_allocation(store: &Store, plan_id: Option<i64>, year: i64) -> Result<Allocation> {
    let plan = work_plans::resolve(store, plan_id)?;
    check_year(&plan, year)?;
    let counties = county_names(store)?;
    let stored = stored_targets(&store.conn, plan.id, year)?;
    let indicators = plan_indicators(store, &plan)?.iter().map(|ind| indicator_row(ind, year, &counties, &stored)).collect();
    Ok(Allocation { plan_id: plan.id, plan_title: plan.title.clone(), year, editable: plan.editable, counties, indicators })
}

/// A cell checked against the plan's indicators and the county list.
fn validated<'a>(cell: &AllocationCell, indicators: &'a [Indicator], counties: &[String]) -> Result<(&'a Indicator, String, Option<f64>)> {
    let ind = indicators
        .iter()
        .find(|i| i.key == cell.indicator)
        .ok_or_else(|| CoreError::NotFound(format!("本工作方案没有指标“{}”", cell.indicator)))?;
    let county = cell.county.trim();
    if !counties.iter().any(|c| c == county) {
        return Err(CoreError::Invalid(format!("“{county}”不是邢台市的县（市、区）名称")));
    }
    if let Some(t) = cell.target {
        let range = if ind.is_ratio() { "应在 0—100 之间" } else { "应为不小于 0 的数" };
        if !t.is_finite() || t < 0.0 || (ind.is_ratio() && t > 100.0) {
            return Err(CoreError::Invalid(format!("{county}“{}”的目标 {} 不正确（{range}）", ind.name, number_text(t))));
        }
    }
    Ok((ind, county.to_string(), cell.target))
}

/// Saves counties' targets of plan `plan_id` (the current one when `None`) for `year`: each
/// cell sets, changes or (with no target) removes one target, in one transaction, every change
/// audited under `operator` (the store's operator name when `None`). With `dry_run` nothing is
/// written and the summary says what would change. An ended plan refuses unless reopened.
pub fn save_allocation(
    store: &mut Store,
    plan_id: Option<i64>,
    year: i64,
    cells: &[AllocationCell],
    operator: Option<&str>,
    dry_run: bool,
) -> Result<AllocationSummary> {
    let plan = work_plans::resolve(store, plan_id)?;
    check_year(&plan, year)?;
    work_plans::ensure_editable(store, plan.id)?;
    let indicators = plan_indicators(store, &plan)?;
    let counties = county_names(store)?;
    let mut seen = BTreeSet::new();
    let mut valid = Vec::with_capacity(cells.len());
    for cell in cells {
        let (ind, county, target) = validated(cell, &indicators, &counties)?;
        if !seen.insert((ind.key.clone(), county.clone())) {
            return Err(CoreError::Invalid(format!("{county}“{}”的目标重复给出", ind.name)));
        }
        valid.push((ind, county, target));
    }
    let now = now_text();
    let stamp = audit::Stamp::new(now.clone(), operator_name(store, operator)?, SOURCE);
    let tx = store.conn.transaction()?;
    let before = stored_targets(&tx, plan.id, year)?;
    let mut summary = AllocationSummary { dry_run, ..Default::default() };
    for (ind, county, new) in valid {
        let old = before.get(&(ind.key.clone(), county.clone())).copied();
        let kind = match (old, new) {
            (None, None) => continue,
            (Some(o), Some(n)) if (o - n).abs() < SAME => {
                summary.unchanged += 1;
                continue;
            }
            (None, Some(_)) => {
                summary.inserted += 1;
                "insert"
            }
            (Some(_), Some(_)) => {
                summary.updated += 1;
                "update"
            }
            (Some(_), None) => {
                summary.removed += 1;
                "delete"
            }
        };
        if !dry_run {
            match new {
                Some(t) => tx.execute(
                    "INSERT INTO county_targets(plan_id, indicator, year, county, target, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT(plan_id, indicator, year, county) DO UPDATE SET target = excluded.target, updated_at = excluded.updated_at",
                    params![plan.id, ind.key, year, county, t, now],
                )?,
                None => tx.execute(
                    "DELETE FROM county_targets WHERE plan_id = ?1 AND indicator = ?2 AND year = ?3 AND county = ?4",
                    params![plan.id, ind.key, year, county],
                )?,
            };
            let key = format!("{}:{}/{year}/{county}", plan.id, ind.key);
            let (o, n) = (old.map(number_text), new.map(number_text));
            audit::record(&tx, &stamp, audit::Entry::row(kind, "county_targets", &key).field("target", o.as_deref(), n.as_deref()))?;
        }
        summary.changes.push(AllocationChange { indicator: ind.key.clone(), name: ind.name.clone(), county, old, new, kind: kind.into() });
    }
    summary.changed = summary.inserted + summary.updated + summary.removed;
    if !dry_run {
        tx.commit()?;
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(indicator: &str, county: &str, target: Option<f64>) -> AllocationCell {
        AllocationCell { indicator: indicator.into(), county: county.into(), target }
    }

    fn open_store() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        work_plans::set_unlocked(&mut s, 1, true).unwrap();
        s
    }

    fn indicator<'a>(a: &'a Allocation, key: &str) -> &'a AllocationIndicator {
        a.indicators.iter().find(|i| i.key == key).unwrap()
    }

    #[test]
    fn counties_add_up_against_the_city_target() {
        let mut s = open_store();
        // 小巨人: the 2025 milestone is 50; 股改: 5 a year; R&D ratio (%): not summed.
        let cells = [
            cell("little_giant", "信都区", Some(20.0)),
            cell("little_giant", "清河县", Some(18.0)),
            cell("little_giant", "南和区", Some(10.0)),
            cell("shareholding_reform", "清河县", Some(3.0)),
            cell("shareholding_reform", "宁晋县", Some(2.5)),
            cell("leader_rd_ratio", "清河县", Some(3.2)),
        ];
        let sum = save_allocation(&mut s, None, 2025, &cells, None, false).unwrap();
        assert_eq!((sum.changed, sum.inserted, sum.updated, sum.removed, sum.unchanged), (6, 6, 0, 0, 0));
        let a = load_allocation(&s, None, 2025).unwrap();
        assert_eq!(a.counties.len(), 20);
        let lg = indicator(&a, "little_giant");
        // 20 + 18 + 10 = 48 < 50.
        assert_eq!((lg.city_target, lg.sum, lg.balanced, lg.summed), (Some(50.0), 48.0, false, true));
        let qinghe = a.counties.iter().position(|c| c == "清河县").unwrap();
        assert_eq!(lg.cells[qinghe], Some(18.0));
        assert_eq!(lg.cells.iter().flatten().count(), 3);
        // 3 + 2.5 = 5.5 ≥ 5.
        let reform = indicator(&a, "shareholding_reform");
        assert_eq!((reform.city_target, reform.sum, reform.balanced), (Some(5.0), 5.5, true));
        let rd = indicator(&a, "leader_rd_ratio");
        assert_eq!((rd.city_target, rd.summed, rd.balanced), (Some(3.5), false, true));
        // 2023 counts towards the 2023 milestone (30), nothing allocated: 0 < 30.
        let y2023 = load_allocation(&s, None, 2023).unwrap();
        assert_eq!((indicator(&y2023, "little_giant").city_target, indicator(&y2023, "little_giant").balanced), (Some(30.0), false));

        // One more 小巨人 for 南和区 (10 → 12) balances it; 宁晋县's 股改 removed; 信都区 unchanged.
        let edit = [cell("little_giant", "南和区", Some(12.0)), cell("shareholding_reform", "宁晋县", None), cell("little_giant", "信都区", Some(20.0)), cell("high_tech_new", "任泽区", None)];
        let preview = save_allocation(&mut s, None, 2025, &edit, Some("张科长"), true).unwrap();
        assert_eq!((preview.changed, preview.updated, preview.removed, preview.unchanged, preview.dry_run), (2, 1, 1, 1, true));
        assert_eq!(load_allocation(&s, None, 2025).unwrap(), a, "a preview writes nothing");
        save_allocation(&mut s, None, 2025, &edit, Some("张科长"), false).unwrap();
        let a = load_allocation(&s, None, 2025).unwrap();
        assert!(indicator(&a, "little_giant").balanced);
        assert_eq!(indicator(&a, "shareholding_reform").sum, 3.0);
        let audited: Vec<(String, String, Option<String>, Option<String>)> = s
            .conn
            .prepare("SELECT action, row_key, old_value, new_value FROM audit_log WHERE table_name = 'county_targets' AND operator = '张科长' ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            audited,
            vec![
                ("update".into(), "1:little_giant/2025/南和区".into(), Some("10".into()), Some("12".into())),
                ("delete".into(), "1:shareholding_reform/2025/宁晋县".into(), Some("2.5".into()), None),
            ]
        );
    }

    #[test]
    fn bad_cells_and_ended_plans_are_refused_in_chinese() {
        let mut s = open_store();
        let refused = |s: &mut Store, c: AllocationCell| save_allocation(s, None, 2025, &[cell("little_giant", "清河县", Some(1.0)), c], None, false).unwrap_err().to_string();
        assert!(refused(&mut s, cell("little_giant", "邢台县", Some(1.0))).contains("“邢台县”不是邢台市的县（市、区）名称"));
        assert!(refused(&mut s, cell("nope", "清河县", Some(1.0))).contains("没有指标“nope”"));
        assert!(refused(&mut s, cell("high_tech_new", "清河县", Some(-1.0))).contains("不小于 0"));
        assert!(refused(&mut s, cell("high_tech_new", "清河县", Some(f64::NAN))).contains("不正确"));
        assert!(refused(&mut s, cell("leader_rd_ratio", "清河县", Some(101.0))).contains("0—100"));
        assert!(refused(&mut s, cell("little_giant", "清河县", Some(2.0))).contains("重复"));
        assert!(load_allocation(&s, None, 2025).unwrap().indicators.iter().all(|i| i.cells.iter().all(Option::is_none)), "nothing written");
        assert!(save_allocation(&mut s, None, 2030, &[], None, false).unwrap_err().to_string().contains("不在《"));
        work_plans::set_unlocked(&mut s, 1, false).unwrap();
        let ended = save_allocation(&mut s, None, 2025, &[cell("little_giant", "清河县", Some(1.0))], None, false).unwrap_err().to_string();
        assert!(ended.contains("已于2025年底结束"), "{ended}");
        assert!(!load_allocation(&s, None, 2025).unwrap().editable);
    }
}
