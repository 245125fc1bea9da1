//! A county's share of a measure's promised number (“每年推动5家企业完成股份制改造”): the
//! measure's quantity is matched to the plan indicator that restates it (the same yearly number and
//! shared wording), and the county's 任务分解 target of that indicator for the period's year stands
//! in for the city-wide number when the county reports how many it has done.
use crate::error::Result;
use rusqlite::OptionalExtension;
use crate::store::Store;
use crate::targets::Indicator;
use crate::tasks::progress::QuantityTarget;
use crate::tasks::Task;

/// Common words that do not tie a measure to an indicator on their own.
const FILLER: [&str; 4] = ["企业", "每年", "新增", "培育"];

/// The length (in characters) of the longest run two texts share, quotes left out.
fn shared_run(a: &str, b: &str) -> usize {
    let clean = |s: &str| s.chars().filter(|c| !"“”\"'（）()".contains(*c)).collect::<Vec<char>>();
    let (a, b) = (clean(a), clean(b));
    let mut best = 0;
    let mut prev = vec![0usize; b.len() + 1];
    for x in &a {
        let mut row = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            if x == y {
                row[j + 1] = prev[j] + 1;
                let run: String = b[j + 1 - row[j + 1]..=j].iter().collect();
                if !FILLER.contains(&run.as_str()) {
                    best = best.max(row[j + 1]);
                }
            }
        }
        prev = row;
    }
    best
}

/// The indicator a promised quantity restates: the same number for the year, and a run of 4
/// characters in common (2 when the units agree too); the closest wording wins.
pub(crate) fn linked_indicator<'a>(q: &QuantityTarget, indicators: &'a [Indicator], year: i64) -> Option<&'a Indicator> {
    indicators
        .iter()
        .filter(|i| i.target_in(year).is_some_and(|t| (t - q.amount).abs() < 1e-9))
        .map(|i| (i, shared_run(&q.text, &i.name)))
        .filter(|(i, run)| *run >= 4 || (*run >= 2 && i.unit == q.unit))
        .max_by_key(|(_, run)| *run)
        .map(|(i, _)| i)
}

/// The county's 任务分解 target of the indicator the measure's quantity restates, for the year of
/// `period` (2026-11 or 2026Q4); `None` when there is no such indicator or no allocation.
pub(crate) fn county_share(store: &Store, task: &Task, county: &str, period: &str) -> Result<Option<f64>> {
    let (Some(q), Some(year)) = (task.quantities.first(), period.get(0..4).and_then(|y| y.parse::<i64>().ok())) else {
        return Ok(None);
    };
    let plan = crate::work_plans::resolve(store, Some(task.plan_id))?;
    let indicators = crate::targets::plan_indicators(store, &plan)?;
    let Some(ind) = linked_indicator(q, &indicators, year) else { return Ok(None) };
    Ok(store
        .conn
        .query_row(
            "SELECT target FROM county_targets WHERE plan_id = ?1 AND indicator = ?2 AND year = ?3 AND county = ?4",
            rusqlite::params![plan.id, ind.key, year, county],
            |r| r.get(0),
        )
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(amount: f64, unit: &str, text: &str) -> QuantityTarget {
        QuantityTarget { amount, unit: unit.into(), text: text.into() }
    }

    #[test]
    fn quantities_find_the_indicator_they_restate() {
        let s = Store::open_in_memory().unwrap();
        let plan = crate::work_plans::resolve(&s, None).unwrap();
        let inds = crate::targets::plan_indicators(&s, &plan).unwrap();
        let key = |q: &QuantityTarget| linked_indicator(q, &inds, 2025).map(|i| i.key.as_str());
        assert_eq!(key(&q(5.0, "家", "每年推动5家企业完成股份制改造")), Some("shareholding_reform"));
        assert_eq!(key(&q(10.0, "家", "高新技术企业10家")), Some("high_tech_new"));
        assert_eq!(key(&q(60.0, "家", "“专精特新”中小企业60家")), Some("specialized_new"));
        assert_eq!(key(&q(10.0, "场", "组织10场各类对接服务活动")), Some("matchmaking_events"));
        assert_eq!(key(&q(3.0, "个", "每年认定首台（套）重大技术装备和核心零部件3个以上")), Some("first_set_equipment"));
        assert_eq!(key(&q(7.0, "家", "每年推动7家企业完成股份制改造")), None, "another number is another promise");
        assert_eq!(key(&q(10.0, "家", "每年选择10家企业")), None, "企业 alone ties nothing");
    }

    #[test]
    fn a_county_reports_against_its_own_share() {
        let s = Store::open_in_memory().unwrap();
        s.conn
            .execute("INSERT INTO county_targets(plan_id, indicator, year, county, target, updated_at) VALUES (1, 'shareholding_reform', 2026, '南和区', 2, 't')", [])
            .unwrap();
        let task = crate::tasks::list_tasks(&s, 1).unwrap().into_iter().find(|t| t.quantities.iter().any(|q| q.text.contains("股份制改造"))).unwrap();
        let input = |unit: &str| super::super::ProgressInput {
            task_id: task.id,
            unit: unit.into(),
            period: "2026-11".into(),
            status: "推进中".into(),
            done: Some(1.0),
            ..Default::default()
        };
        assert_eq!(super::super::validate(&s, &input("南和区")).unwrap().percent, Some(50.0), "1 of 南和区's 2");
        assert_eq!(super::super::validate(&s, &input("清河县")).unwrap().percent, Some(20.0), "no share: 1 of the city's 5");
        assert_eq!(super::super::unit_target(&s, task.id, "南和区", "2026Q4").unwrap(), Some(2.0), "the form offers the share");
        assert_eq!(super::super::unit_target(&s, task.id, "清河县", "2026-11").unwrap(), Some(5.0));
    }
}
