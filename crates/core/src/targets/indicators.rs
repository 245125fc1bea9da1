//! The plan's indicators with their targets, and the status rule: which target applies to a
//! year, what progress is expected by the evaluation date, and met / on-track / at-risk.
//!
//! Rule (shown on the dashboard): 已达标 when the value reaches the target in force. Otherwise
//! 正常推进 when it reaches the expected value, else 滞后. Counts are expected to grow in a
//! straight line over the target's period (a yearly target over its year; a milestone such as
//! “2025年50家” from the previous milestone's target, or from 0 at the plan's start), measured at
//! the evaluation date (today, or the end of the chosen year if that is earlier). Ratios (unit %)
//! do not accumulate: they are 正常推进 from 90 % of the target. No value → 暂无数据.
use crate::error::Result;
use crate::store::Store;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

use crate::work_plans::WorkPlan;
/// A ratio at or above this share of its target is 正常推进.
const RATIO_ON_TRACK_SHARE: f64 = 0.9;

#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub key: String,
    pub name: String,
    pub unit: String,
    pub computed: bool,
    pub per_year: bool,
    pub yearly_target: Option<f64>,
    pub note: Option<String>,
    /// Milestone targets by year (per-year indicators may also override single years here).
    pub targets: BTreeMap<i64, f64>,
    /// The first year of the indicator's plan (counting starts there).
    pub start_year: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Met,
    OnTrack,
    AtRisk,
    NoData,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::NoData => "no_data",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Status::Met => "已达标",
            Status::OnTrack => "正常推进",
            Status::AtRisk => "滞后",
            Status::NoData => "暂无数据",
        }
    }
}

/// The target in force for a year and how far along it progress is expected to be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Assessment {
    pub target: Option<f64>,
    pub target_year: Option<i64>,
    pub expected: Option<f64>,
    pub status: Status,
}

fn day(year: i64, month: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year as i32, month, d).unwrap_or(NaiveDate::MIN)
}

impl Indicator {
    pub fn is_ratio(&self) -> bool {
        self.unit == "%"
    }

    /// (target, its year, the value at the start of its period, the period's first day).
    fn target_for(&self, year: i64) -> Option<(f64, i64, f64, NaiveDate)> {
        if self.per_year {
            let t = self.targets.get(&year).copied().or(self.yearly_target)?;
            return Some((t, year, 0.0, day(year, 1, 1)));
        }
        let (&ty, &t) = self.targets.range(year..).next().or_else(|| self.targets.iter().next_back())?;
        let prev = self.targets.range(..ty).next_back();
        let (base, start) = match prev {
            Some((&py, &pt)) => (pt, day(py + 1, 1, 1)),
            None => (0.0, day(self.start_year, 1, 1)),
        };
        Some((t, ty, base, start))
    }

    /// The target in force for `year`: the yearly target of a per-year indicator, else the
    /// milestone the year counts towards (the last one after the last milestone year).
    pub fn target_in(&self, year: i64) -> Option<f64> {
        self.target_for(year).map(|(target, ..)| target)
    }

    /// The status of `value` for `year`, judged on `as_of` (or the year's end if earlier).
    pub fn assess(&self, year: i64, value: Option<f64>, as_of: NaiveDate) -> Assessment {
        let Some((target, target_year, base, start)) = self.target_for(year) else {
            return Assessment { target: None, target_year: None, expected: None, status: Status::NoData };
        };
        let expected = if self.is_ratio() {
            target * RATIO_ON_TRACK_SHARE
        } else {
            let at = as_of.min(day(year, 12, 31));
            let end = day(target_year, 12, 31);
            let span = (end - start).num_days().max(1) as f64;
            let share = ((at - start).num_days() as f64 / span).clamp(0.0, 1.0);
            base + (target - base) * share
        };
        let status = match value {
            None => Status::NoData,
            Some(v) if v >= target - 1e-9 => Status::Met,
            Some(v) if v >= expected - 1e-9 => Status::OnTrack,
            Some(_) => Status::AtRisk,
        };
        Assessment { target: Some(target), target_year: Some(target_year), expected: Some(expected), status }
    }
}

/// The years the dashboard offers: the plan's years and any later year holding data.
pub fn board_years(plan: &WorkPlan, latest_data_year: Option<i64>) -> Vec<i64> {
    let last = latest_data_year.unwrap_or(plan.end_year).max(plan.end_year);
    (plan.start_year..=last).collect()
}

/// The year shown first: the latest year with figures within the plan's years (its last year
/// once later figures exist), else this year within the plan's years.
pub fn default_year(plan: &WorkPlan, latest_figures_year: Option<i64>, today: NaiveDate) -> i64 {
    latest_figures_year
        .filter(|y| *y >= plan.start_year)
        .map(|y| y.min(plan.end_year.max(today.year() as i64)))
        .unwrap_or_else(|| (today.year() as i64).clamp(plan.start_year, plan.end_year))
}

/// A plan's indicators in plan order, with their targets.
pub fn load(store: &Store, plan: &WorkPlan) -> Result<Vec<Indicator>> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT key, name, unit, kind, per_year, yearly_target, note FROM target_indicators WHERE plan_id = ?1 ORDER BY sort, key",
    )?;
    let mut list: Vec<Indicator> = stmt
        .query_map([plan.id], |r| {
            Ok(Indicator {
                key: r.get(0)?,
                name: r.get(1)?,
                unit: r.get(2)?,
                computed: r.get::<_, String>(3)? == "computed",
                per_year: r.get(4)?,
                yearly_target: r.get(5)?,
                note: r.get(6)?,
                targets: BTreeMap::new(),
                start_year: plan.start_year,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = store.conn.prepare_cached("SELECT indicator, year, target FROM target_values WHERE plan_id = ?1 AND target IS NOT NULL")?;
    let mut rows = stmt.query([plan.id])?;
    while let Some(r) = rows.next()? {
        let key: String = r.get(0)?;
        if let Some(ind) = list.iter_mut().find(|i| i.key == key) {
            ind.targets.insert(r.get(1)?, r.get(2)?);
        }
    }
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stock(unit: &str, targets: &[(i64, f64)]) -> Indicator {
        Indicator {
            key: "k".into(),
            name: "n".into(),
            unit: unit.into(),
            computed: true,
            per_year: false,
            yearly_target: None,
            note: None,
            targets: targets.iter().copied().collect(),
            start_year: 2022,
        }
    }

    #[test]
    fn milestones_apply_until_their_year_and_the_last_one_after() {
        let ind = stock("家", &[(2023, 30.0), (2025, 50.0)]);
        let today = day(2026, 11, 26);
        let a = ind.assess(2022, Some(10.0), today);
        assert_eq!((a.target, a.target_year), (Some(30.0), Some(2023)));
        // 2022 ends halfway through 2022–2023: 15 expected.
        assert!((a.expected.unwrap() - 15.0).abs() < 0.1);
        assert_eq!(a.status, Status::AtRisk);
        assert_eq!(ind.assess(2022, Some(16.0), today).status, Status::OnTrack);
        assert_eq!(ind.assess(2023, Some(30.0), today).status, Status::Met);
        // 2024: halfway from 30 (2023) to 50 (2025).
        let a = ind.assess(2024, Some(41.0), today);
        assert_eq!((a.target, a.target_year), (Some(50.0), Some(2025)));
        assert!((a.expected.unwrap() - 40.0).abs() < 0.1);
        assert_eq!(a.status, Status::OnTrack);
        assert_eq!(ind.assess(2026, Some(49.0), today).status, Status::AtRisk);
        assert_eq!(ind.assess(2026, None, today).status, Status::NoData);
    }

    #[test]
    fn yearly_targets_pace_through_the_current_year() {
        let mut ind = stock("家", &[]);
        ind.per_year = true;
        ind.yearly_target = Some(10.0);
        let mid = day(2025, 7, 2);
        assert!((ind.assess(2025, Some(5.0), mid).expected.unwrap() - 5.0).abs() < 0.1);
        assert_eq!(ind.assess(2025, Some(5.0), mid).status, Status::OnTrack);
        assert_eq!(ind.assess(2024, Some(5.0), mid).status, Status::AtRisk);
        assert_eq!(ind.assess(2026, Some(0.0), mid).status, Status::OnTrack);
    }

    #[test]
    fn ratios_are_on_track_from_ninety_percent() {
        let ind = stock("%", &[(2023, 3.0), (2025, 3.5)]);
        let today = day(2026, 1, 1);
        assert_eq!(ind.assess(2025, Some(3.2), today).status, Status::OnTrack);
        assert_eq!(ind.assess(2025, Some(3.1), today).status, Status::AtRisk);
        assert_eq!(ind.assess(2023, Some(3.0), today).status, Status::Met);
    }

    #[test]
    fn seeded_indicators_carry_their_targets() {
        let s = Store::open_in_memory().unwrap();
        let plan = crate::work_plans::get_plan(&s, 1).unwrap();
        let list = load(&s, &plan).unwrap();
        let lg = list.iter().find(|i| i.key == "little_giant").unwrap();
        assert_eq!(lg.targets.get(&2025), Some(&50.0));
        assert!(list.iter().any(|i| !i.computed));
        assert!(list.iter().any(|i| i.name == "企业标准“领跑者”" && i.yearly_target == Some(2.0)));
        assert_eq!(board_years(&plan, Some(2026)), vec![2022, 2023, 2024, 2025, 2026]);
        assert_eq!(default_year(&plan, None, day(2030, 1, 1)), 2025);
        assert_eq!(default_year(&plan, Some(2026), day(2026, 12, 3)), 2026, "the 2026 figures of an ended plan");
    }
}
