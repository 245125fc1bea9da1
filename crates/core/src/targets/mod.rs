//! 目标看板: the plan's main targets for a year, computed from the enterprise pool where the data
//! allows (with the enterprises behind each value) or entered by hand, with a status per
//! indicator, the trend over the plan's years and a per-county breakdown. Filtered by a county,
//! each indicator is judged against that county's own share (任务分解) with the city's alongside.
mod compute;
mod entries;
mod export;
mod indicators;
mod pool;

pub use compute::{LeaderBasis, COMPUTED_KEYS};
pub use entries::{delete_entry, list_entries, save_entry};
pub use export::export_targets;
pub use indicators::{Indicator, Status};

/// The label of a status key (met → 已达标 …).
pub fn status_label(key: &str) -> &'static str {
    [Status::Met, Status::OnTrack, Status::AtRisk, Status::NoData].into_iter().find(|s| s.key() == key).unwrap_or(Status::NoData).label()
}

/// How many enterprises of `scope` hold 专精特新 at the end of each of `years`, counted by the
/// rule of the dashboard's indicator 专精特新中小企业 (the cluster page's column).
pub fn specialized_by_year(store: &Store, scope: &TargetQuery, years: &[i64]) -> Result<BTreeMap<i64, i64>> {
    let pool = pool::load(store)?;
    let basis = LeaderBasis::of(&pool);
    let members: Vec<&PoolEnterprise> = pool.iter().filter(|e| e.in_scope(scope)).collect();
    let today = crate::qualifications::today();
    Ok(years
        .iter()
        .map(|&y| (y, compute::compute("specialized_sme", &members, y, today, basis, None).and_then(|c| c.value).unwrap_or(0.0) as i64))
        .collect())
}

/// A plan's indicators in plan order, with their targets.
pub fn plan_indicators(store: &Store, plan: &WorkPlan) -> Result<Vec<Indicator>> {
    indicators::load(store, plan)
}

use crate::store::filter::Paging;
use crate::error::{CoreError, Result};
use crate::store::Store;
use crate::work_plans::WorkPlan;
use chrono::{Datelike, NaiveDate};
use pool::PoolEnterprise;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// How the status is decided, as the dashboard, the print view and the sheet say it.
pub const STATUS_RULE: &str = "已达标：完成值达到当年适用目标；正常推进：数量类指标不低于按时间进度应完成的值（每年目标按当年、阶段目标按上一阶段目标起线性推进），比率类指标不低于目标的90%；滞后：低于上述进度；暂无数据：尚无可计算或填报的数值。";

/// What the dashboard shows: a year (default: the latest with figures) and optional filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TargetQuery {
    #[ts(optional)]
    pub year: Option<i64>,
    #[ts(optional)]
    pub county: Option<String>,
    #[ts(optional)]
    pub cluster: Option<String>,
    /// The work plan (the current one when absent).
    #[ts(optional)]
    pub plan_id: Option<i64>,
}

/// An enterprise behind a computed value: counted, or left out and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IndicatorMember {
    pub uscc: String,
    pub name: String,
    pub county: Option<String>,
    pub cluster: Option<String>,
    /// Its own figure where one applies (R&D ratio %, patents added, year obtained).
    pub value: Option<f64>,
    pub included: bool,
    pub detail: String,
}

/// A manual indicator's value for a year as entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TargetEntry {
    pub plan_id: i64,
    pub indicator: String,
    pub year: i64,
    pub value: f64,
    /// The date the figure refers to (ISO).
    pub entered_on: String,
    pub source: String,
    pub entered_by: String,
    pub updated_at: String,
    /// The county that reports it; `None` for the city's own figure.
    pub county: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TargetEntryInput {
    /// The work plan (the current one when absent).
    #[ts(optional)]
    pub plan_id: Option<i64>,
    pub indicator: String,
    pub year: i64,
    pub value: f64,
    pub entered_on: String,
    pub source: String,
    /// Who reports it; the operator name when empty.
    #[ts(optional)]
    pub entered_by: Option<String>,
    /// The county whose figure it is; the city's own when absent.
    #[ts(optional)]
    pub county: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TrendPoint {
    pub year: i64,
    pub value: Option<f64>,
    pub target: Option<f64>,
    pub status: String,
}

/// One indicator for the chosen year.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct IndicatorProgress {
    pub key: String,
    pub name: String,
    pub unit: String,
    /// "computed" (企业库计算) or "manual" (人工填报).
    pub kind: String,
    pub per_year: bool,
    pub target: Option<f64>,
    pub target_year: Option<i64>,
    pub expected: Option<f64>,
    pub value: Option<f64>,
    /// value / target in percent.
    pub progress_pct: Option<f64>,
    /// met / on_track / at_risk / no_data
    pub status: String,
    pub status_label: String,
    pub note: String,
    /// Enterprises counted and left out (computed indicators).
    pub counted: i64,
    pub excluded: i64,
    /// R&D ratio: counted enterprises reaching the target on their own.
    pub reaching: Option<i64>,
    pub entry: Option<TargetEntry>,
    pub trend: Vec<TrendPoint>,
    /// With a county filter: the city's target and value for the year, shown alongside.
    pub city_target: Option<f64>,
    pub city_value: Option<f64>,
}

/// The computed indicators of one county for the chosen year.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CountyBreakdown {
    pub county: String,
    pub enterprises: i64,
    pub values: BTreeMap<String, Option<f64>>,
    /// The county's share of each indicator's target for the year (任务分解), where allocated.
    pub targets: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TargetBoard {
    pub plan_id: i64,
    pub plan_title: String,
    pub start_year: i64,
    pub end_year: i64,
    /// upcoming / active / ended
    pub plan_status: String,
    pub year: i64,
    pub years: Vec<i64>,
    /// The evaluation date (ISO): today.
    pub as_of: String,
    pub county: Option<String>,
    pub cluster: Option<String>,
    /// Enterprises in the filtered pool.
    pub enterprises: i64,
    /// The clusters of the enterprises in the chosen county (the cluster filter's choices).
    pub clusters: Vec<String>,
    pub leader_basis: String,
    pub status_rule: String,
    pub indicators: Vec<IndicatorProgress>,
    pub counties: Vec<CountyBreakdown>,
}

/// The enterprises behind one computed value, a page at a time.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct IndicatorMembers {
    pub key: String,
    pub name: String,
    pub unit: String,
    pub year: i64,
    pub value: Option<f64>,
    pub note: String,
    pub total: i64,
    pub counted: i64,
    pub excluded: i64,
    pub members: Vec<IndicatorMember>,
}

fn trimmed(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// Everything the board is computed from, loaded once.
struct Inputs {
    plan: WorkPlan,
    /// The city's indicators; with a county filter, `indicators` holds that county's shares.
    city_indicators: Vec<Indicator>,
    indicators: Vec<Indicator>,
    pool: Vec<PoolEnterprise>,
    basis: LeaderBasis,
    entries: BTreeMap<(String, i64), TargetEntry>,
    /// Manual values as each county reports them, by (county, indicator, year).
    county_entries: BTreeMap<(String, String, i64), TargetEntry>,
    /// Each county's share of each indicator's targets: (county, indicator) → year → target.
    county_targets: BTreeMap<(String, String), BTreeMap<i64, f64>>,
    years: Vec<i64>,
    year: i64,
    county: Option<String>,
    cluster: Option<String>,
}

/// The counties' shares of a plan's targets (任务分解), by (county, indicator).
fn load_county_targets(store: &Store, plan: i64) -> Result<BTreeMap<(String, String), BTreeMap<i64, f64>>> {
    let mut stmt = store.conn.prepare_cached("SELECT county, indicator, year, target FROM county_targets WHERE plan_id = ?1")?;
    let mut rows = stmt.query([plan])?;
    let mut shares: BTreeMap<(String, String), BTreeMap<i64, f64>> = BTreeMap::new();
    while let Some(r) = rows.next()? {
        shares.entry((r.get(0)?, r.get(1)?)).or_default().insert(r.get(2)?, r.get(3)?);
    }
    Ok(shares)
}

/// A county's version of an indicator: its targets are the county's shares only.
fn county_indicator(ind: &Indicator, shares: Option<&BTreeMap<i64, f64>>) -> Indicator {
    Indicator { yearly_target: None, targets: shares.cloned().unwrap_or_default(), ..ind.clone() }
}

fn inputs(store: &Store, q: &TargetQuery, today: NaiveDate) -> Result<Inputs> {
    let plan = crate::work_plans::resolve(store, q.plan_id)?;
    let city_indicators = indicators::load(store, &plan)?;
    let pool = pool::load(store)?;
    let (mut entries, mut county_entries) = (BTreeMap::new(), BTreeMap::new());
    for e in list_entries(store, Some(plan.id))? {
        match e.county.clone() {
            Some(c) => county_entries.insert((c, e.indicator.clone(), e.year), e),
            None => entries.insert((e.indicator.clone(), e.year), e),
        };
    }
    let figures_year: Option<i64> = store.conn.query_row("SELECT max(year) FROM enterprise_figures", [], |r| r.get(0))?;
    let latest = figures_year.max(entries.keys().map(|k| k.1).chain(county_entries.keys().map(|k| k.2)).max());
    let years = indicators::board_years(&plan, latest);
    let year = q.year.unwrap_or_else(|| indicators::default_year(&plan, figures_year, today));
    if !(2000..=2100).contains(&year) {
        return Err(CoreError::Invalid(format!("年份 {year} 不正确")));
    }
    let basis = LeaderBasis::of(&pool);
    let county = trimmed(&q.county);
    let county_targets = load_county_targets(store, plan.id)?;
    let indicators = match &county {
        Some(c) => city_indicators.iter().map(|i| county_indicator(i, county_targets.get(&(c.clone(), i.key.clone())))).collect(),
        None => city_indicators.clone(),
    };
    Ok(Inputs { plan, city_indicators, indicators, pool, basis, entries, county_entries, county_targets, years, year, county, cluster: trimmed(&q.cluster) })
}

impl Inputs {
    fn scope(&self, county: Option<&str>) -> Vec<&PoolEnterprise> {
        let county = county.map(str::to_string).or_else(|| self.county.clone());
        let filter = TargetQuery { year: None, county, cluster: self.cluster.clone(), plan_id: None };
        self.pool.iter().filter(|e| e.in_scope(&filter)).collect()
    }

    /// The whole city's enterprises (the cluster filter still applies).
    fn city_scope(&self) -> Vec<&PoolEnterprise> {
        let filter = TargetQuery { cluster: self.cluster.clone(), ..Default::default() };
        self.pool.iter().filter(|e| e.in_scope(&filter)).collect()
    }

    fn target(&self, ind: &Indicator, year: i64, today: NaiveDate) -> Option<f64> {
        ind.assess(year, None, today).target
    }

    /// A manual indicator's value for a year: a county's report, or the city's own entry, else
    /// the sum of the counties' reports (with how many counties it sums).
    fn manual_value(&self, key: &str, year: i64, county: Option<&str>) -> (Option<f64>, Option<&TargetEntry>, usize) {
        if let Some(c) = county {
            let e = self.county_entries.get(&(c.to_string(), key.to_string(), year));
            return (e.map(|e| e.value), e, 0);
        }
        if let Some(e) = self.entries.get(&(key.to_string(), year)) {
            return (Some(e.value), Some(e), 0);
        }
        let reports: Vec<f64> = self.county_entries.iter().filter(|((_, k, y), _)| k == key && *y == year).map(|(_, e)| e.value).collect();
        ((!reports.is_empty()).then(|| reports.iter().sum()), None, reports.len())
    }

    /// The value of an indicator for a year over `scope` (of `county`, or the city), with the
    /// computation when computed; a year not yet begun has no value (the pool's count today is not
    /// that year's result).
    fn value(&self, ind: &Indicator, scope: &[&PoolEnterprise], year: i64, today: NaiveDate, county: Option<&str>) -> (Option<f64>, Option<compute::Computed>) {
        if year > i64::from(today.year()) {
            (None, None)
        } else if ind.computed {
            let c = compute::compute(&ind.key, scope, year, today, self.basis, self.target(ind, year, today));
            (c.as_ref().and_then(|c| c.value), c)
        } else {
            (self.manual_value(&ind.key, year, county).0, None)
        }
    }

    /// `city_scope`: the whole city's enterprises, for the city's value beside a county's.
    fn progress(&self, ind: &Indicator, city: &Indicator, scope: &[&PoolEnterprise], city_scope: &[&PoolEnterprise], today: NaiveDate) -> IndicatorProgress {
        let county = self.county.as_deref();
        let (value, computed) = self.value(ind, scope, self.year, today, county);
        let a = ind.assess(self.year, value, today);
        let (_, entry, summed) = if ind.computed { (None, None, 0) } else { self.manual_value(&ind.key, self.year, county) };
        let who = county.unwrap_or("全市");
        let mut note = match (&computed, entry) {
            (Some(c), _) => c.note.clone(),
            (None, Some(e)) => format!("人工填报（{who}）：{}，来源：{}，填报人：{}", e.entered_on, e.source, e.entered_by),
            (None, None) if summed > 0 => format!("人工填报：{summed} 个县（市、区）填报值之和"),
            (None, None) => format!("人工填报（{who}），本年尚未填报"),
        };
        let (mut city_target, mut city_value) = (None, None);
        if let Some(c) = county {
            if a.target.is_none() {
                note = format!("{c}未分解本指标目标；{note}");
            }
            city_target = city.assess(self.year, None, today).target;
            city_value = self.value(city, city_scope, self.year, today, None).0;
        }
        let trend = self
            .years
            .iter()
            .map(|&y| {
                let v = if y == self.year { value } else { self.value(ind, scope, y, today, county).0 };
                let t = ind.assess(y, v, today);
                TrendPoint { year: y, value: v, target: t.target, status: t.status.key().into() }
            })
            .collect();
        let counted = computed.as_ref().map_or(0, |c| c.members.len() as i64 - c.excluded);
        IndicatorProgress {
            key: ind.key.clone(),
            name: ind.name.clone(),
            unit: ind.unit.clone(),
            kind: if ind.computed { "computed" } else { "manual" }.into(),
            per_year: ind.per_year,
            target: a.target,
            target_year: a.target_year,
            expected: a.expected,
            value,
            progress_pct: value.zip(a.target).filter(|(_, t)| *t > 0.0).map(|(v, t)| v / t * 100.0),
            status: a.status.key().into(),
            status_label: a.status.label().into(),
            note,
            counted,
            excluded: computed.as_ref().map_or(0, |c| c.excluded),
            reaching: computed.and_then(|c| c.reaching),
            entry: entry.cloned(),
            trend,
            city_target,
            city_value,
        }
    }
}

/// The dashboard for a year and filters, judged as of today.
pub fn board(store: &Store, q: &TargetQuery) -> Result<TargetBoard> {
    board_as_of(store, q, chrono::Local::now().date_naive())
}

/// The dashboard judged as of `today` (tests pass a fixed date).
pub fn board_as_of(store: &Store, q: &TargetQuery, today: NaiveDate) -> Result<TargetBoard> {
    let inp = inputs(store, q, today)?;
    let scope = inp.scope(None);
    let city_scope = if inp.county.is_some() { inp.city_scope() } else { Vec::new() };
    let indicators: Vec<IndicatorProgress> =
        inp.indicators.iter().zip(&inp.city_indicators).map(|(ind, city)| inp.progress(ind, city, &scope, &city_scope, today)).collect();
    let mut county_names: Vec<&str> = Vec::new();
    for e in &scope {
        let name = e.county.as_deref().unwrap_or("");
        if !county_names.contains(&name) {
            county_names.push(name);
        }
    }
    let counties = county_names
        .into_iter()
        .map(|name| {
            let sub: Vec<&PoolEnterprise> = scope.iter().copied().filter(|e| e.county.as_deref().unwrap_or("") == name).collect();
            let values = inp
                .indicators
                .iter()
                .filter(|i| i.computed)
                .map(|i| (i.key.clone(), inp.value(i, &sub, inp.year, today, Some(name)).0))
                .collect();
            let targets = inp
                .city_indicators
                .iter()
                .filter_map(|i| {
                    let county = county_indicator(i, inp.county_targets.get(&(name.to_string(), i.key.clone())));
                    Some((i.key.clone(), county.assess(inp.year, None, today).target?))
                })
                .collect();
            CountyBreakdown { county: if name.is_empty() { "未填县区".into() } else { name.into() }, enterprises: sub.len() as i64, values, targets }
        })
        .collect();
    let mut clusters: Vec<String> = inp
        .pool
        .iter()
        .filter(|e| e.in_scope(&TargetQuery { county: inp.county.clone(), ..Default::default() }))
        .filter_map(|e| e.cluster.clone())
        .collect();
    clusters.sort();
    clusters.dedup();
    Ok(TargetBoard {
        plan_id: inp.plan.id,
        plan_title: inp.plan.title.clone(),
        start_year: inp.plan.start_year,
        end_year: inp.plan.end_year,
        plan_status: inp.plan.status.clone(),
        year: inp.year,
        years: inp.years.clone(),
        as_of: today.format("%Y-%m-%d").to_string(),
        county: inp.county.clone(),
        cluster: inp.cluster.clone(),
        enterprises: scope.len() as i64,
        clusters,
        leader_basis: inp.basis.label().into(),
        status_rule: STATUS_RULE.into(),
        indicators,
        counties,
    })
}

/// The enterprises behind computed indicator `key` for the query's year: counted ones first,
/// then those left out; `offset`/`limit` page the list.
pub fn indicator_members(store: &Store, key: &str, q: &TargetQuery, paging: &Paging) -> Result<IndicatorMembers> {
    let today = chrono::Local::now().date_naive();
    let inp = inputs(store, q, today)?;
    let ind = inp.indicators.iter().find(|i| i.key == key).ok_or_else(|| CoreError::NotFound(format!("没有指标“{key}”")))?;
    if !ind.computed {
        return Err(CoreError::Invalid(format!("“{}”为人工填报指标，没有企业明细", ind.name)));
    }
    let scope = inp.scope(None);
    let (value, computed) = inp.value(ind, &scope, inp.year, today, inp.county.as_deref());
    let c = computed.ok_or_else(|| CoreError::NotFound(format!("指标“{}”无法由企业库计算", ind.name)))?;
    let total = c.members.len() as i64;
    let std::ops::Range { start, end } = paging.range(total as usize);
    Ok(IndicatorMembers {
        key: ind.key.clone(),
        name: ind.name.clone(),
        unit: ind.unit.clone(),
        year: inp.year,
        value,
        note: c.note.clone(),
        total,
        counted: total - c.excluded,
        excluded: c.excluded,
        members: c.members[start..end].to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two 南和区 enterprises and one 清河县 enterprise, one 2025 figure row missing revenue.
    fn store() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        crate::work_plans::set_unlocked(&mut s, 1, true).unwrap();
        s.conn
            .execute_batch(
                "INSERT INTO enterprises(id, uscc, name, county, cluster, is_leader, little_giant, little_giant_year, specialized, specialized_year, listing_stage, created_at, updated_at) VALUES
                   (1, 'U1', '甲公司', '南和区', '南和宠物食品', 1, 1, 2023, 1, 2025, '已上市', 't', 't'),
                   (2, 'U2', '乙公司', '南和区', '南和农机装备', 1, 0, NULL, 1, NULL, '股改中', 't', 't'),
                   (3, 'U3', '丙公司', '清河县', '清河羊绒', 1, 1, 2025, 0, NULL, NULL, 't', 't');
                 INSERT INTO enterprise_figures(enterprise_id, year, revenue_wan, rd_expense_wan, invention_patents) VALUES
                   (1, 2024, 1000, 30, 5), (1, 2025, 1000, 50, 8),
                   (2, 2025, NULL, 10, 2),
                   (3, 2024, 2000, 40, 1), (3, 2025, 2000, 40, 1);",
            )
            .unwrap();
        s
    }
    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }
    fn ind<'a>(b: &'a TargetBoard, key: &str) -> &'a IndicatorProgress {
        b.indicators.iter().find(|i| i.key == key).unwrap()
    }

    #[test]
    fn board_for_the_latest_figures_year_with_counties() {
        let s = store();
        let b = board_as_of(&s, &TargetQuery::default(), day(2026, 11, 26)).unwrap();
        assert_eq!(b.year, 2025);
        assert_eq!(b.years, vec![2022, 2023, 2024, 2025]);
        assert_eq!(b.enterprises, 3);
        assert_eq!(b.clusters, vec!["南和农机装备", "南和宠物食品", "清河羊绒"]);
        let lg = ind(&b, "little_giant");
        assert_eq!((lg.value, lg.target, lg.status.as_str()), (Some(2.0), Some(50.0), "at_risk"));
        assert_eq!(lg.trend.iter().map(|t| t.value).collect::<Vec<_>>(), vec![Some(0.0), Some(1.0), Some(1.0), Some(2.0)]);
        // (50 + 40) / (1000 + 2000); 乙 lacks revenue.
        let rd = ind(&b, "leader_rd_ratio");
        assert!((rd.value.unwrap() - 3.0).abs() < 1e-9);
        assert_eq!((rd.counted, rd.excluded, rd.reaching), (2, 1, Some(1)));
        assert_eq!(rd.status, "at_risk", "3.0 < 90 % of 3.5");
        assert_eq!(ind(&b, "invention_patents_new").value, Some(3.0));
        assert_eq!(ind(&b, "listed_companies").value, Some(1.0));
        let manual = ind(&b, "green_factories");
        assert_eq!((manual.kind.as_str(), manual.status.as_str()), ("manual", "no_data"));
        let names: Vec<_> = b.counties.iter().map(|c| (c.county.as_str(), c.enterprises)).collect();
        assert_eq!(names, vec![("南和区", 2), ("清河县", 1)]);
        assert_eq!(b.counties[0].values["little_giant"], Some(1.0));
        assert_eq!(b.counties[1].values["leader_rd_ratio"], Some(2.0));
    }

    #[test]
    fn years_not_yet_begun_have_no_value_in_the_trend() {
        let s = store();
        let q = TargetQuery { year: Some(2023), ..TargetQuery::default() };
        let b = board_as_of(&s, &q, day(2023, 6, 1)).unwrap();
        let lg = ind(&b, "little_giant");
        assert_eq!(lg.trend.iter().map(|t| t.value).collect::<Vec<_>>(), vec![Some(0.0), Some(1.0), None, None]);
        assert!(lg.trend[2..].iter().all(|t| t.status == "no_data" && t.target.is_some()), "targets stay, values wait for the year");
        let q = TargetQuery { year: Some(2024), ..TargetQuery::default() };
        let future = ind(&board_as_of(&s, &q, day(2023, 6, 1)).unwrap(), "little_giant").clone();
        assert_eq!((future.value, future.status.as_str()), (None, "no_data"));
    }

    #[test]
    fn filters_and_manual_values_reach_the_board() {
        let mut s = store();
        let q = TargetQuery { year: Some(2025), county: Some("南和区".into()), cluster: Some("南和宠物食品".into()), plan_id: None };
        let b = board_as_of(&s, &q, day(2026, 1, 10)).unwrap();
        assert_eq!(b.enterprises, 1);
        assert_eq!(ind(&b, "specialized_new").value, Some(1.0));
        save_entry(
            &mut s,
            &TargetEntryInput { plan_id: None, indicator: "green_factories".into(), year: 2025, value: 3.0, entered_on: "2025-12-31".into(), source: "省工信厅名单".into(), entered_by: None, county: None },
        )
        .unwrap();
        let city = TargetQuery { county: None, cluster: None, ..q.clone() };
        let b = board_as_of(&s, &city, day(2026, 1, 10)).unwrap();
        let g = ind(&b, "green_factories");
        assert_eq!((g.value, g.status.as_str()), (Some(3.0), "met"));
        assert!(g.note.contains("省工信厅名单"));
        // 南和区 has reported nothing of its own: the city's figure shows beside it.
        let g = ind(&board_as_of(&s, &q, day(2026, 1, 10)).unwrap(), "green_factories").clone();
        assert_eq!((g.value, g.city_value), (None, Some(3.0)));
    }

    #[test]
    fn a_county_is_judged_against_its_own_share_with_the_citys_alongside() {
        let mut s = store();
        // 小巨人 (2025 milestone: city 50): 南和区's share 1, 清河县's 3; a manual indicator
        // reported by two counties and not by the city.
        s.conn
            .execute_batch(
                "INSERT INTO county_targets(plan_id, indicator, year, county, target, updated_at) VALUES
                   (1, 'little_giant', 2025, '南和区', 1, 't'), (1, 'little_giant', 2025, '清河县', 3, 't');",
            )
            .unwrap();
        for (county, value) in [("南和区", 2.0), ("清河县", 1.5)] {
            let e = TargetEntryInput {
                plan_id: None,
                indicator: "green_factories".into(),
                year: 2025,
                value,
                entered_on: "2025-12-31".into(),
                source: "县工信局".into(),
                entered_by: None,
                county: Some(county.into()),
            };
            save_entry(&mut s, &e).unwrap();
        }
        let q = |county: Option<&str>| TargetQuery { year: Some(2025), county: county.map(Into::into), ..Default::default() };
        let nanhe = board_as_of(&s, &q(Some("南和区")), day(2026, 1, 10)).unwrap();
        let lg = ind(&nanhe, "little_giant");
        assert_eq!((lg.value, lg.target, lg.status.as_str()), (Some(1.0), Some(1.0), "met"), "南和区 meets its own share");
        assert_eq!((lg.city_target, lg.city_value), (Some(50.0), Some(2.0)));
        let g = ind(&nanhe, "green_factories");
        assert_eq!((g.value, g.target), (Some(2.0), None));
        assert!(g.note.starts_with("南和区未分解本指标目标"), "{}", g.note);
        assert_eq!(g.city_value, Some(3.5), "the city's value is the counties' sum");
        let qinghe = board_as_of(&s, &q(Some("清河县")), day(2026, 1, 10)).unwrap();
        let lg = ind(&qinghe, "little_giant");
        assert_eq!((lg.value, lg.target, lg.status.as_str()), (Some(1.0), Some(3.0), "at_risk"));
        let city = board_as_of(&s, &q(None), day(2026, 1, 10)).unwrap();
        let g = ind(&city, "green_factories");
        assert_eq!(g.value, Some(3.5));
        assert!(g.note.contains("2 个县（市、区）填报值之和"), "{}", g.note);
        assert_eq!((g.city_target, g.city_value), (None, None));
        assert_eq!(city.counties[0].targets["little_giant"], 1.0);
        assert_eq!(city.counties[1].targets["little_giant"], 3.0);
        // The city's own entry stands over the sum.
        let own = TargetEntryInput { plan_id: None, indicator: "green_factories".into(), year: 2025, value: 4.0, entered_on: "2025-12-31".into(), source: "市工信局".into(), entered_by: None, county: None };
        save_entry(&mut s, &own).unwrap();
        assert_eq!(ind(&board_as_of(&s, &q(None), day(2026, 1, 10)).unwrap(), "green_factories").value, Some(4.0));
        assert_eq!(ind(&board_as_of(&s, &q(Some("南和区")), day(2026, 1, 10)).unwrap(), "green_factories").city_value, Some(4.0));
    }

    #[test]
    fn members_are_listed_and_paged() {
        let s = store();
        let q = TargetQuery { year: Some(2025), ..Default::default() };
        let m = indicator_members(&s, "leader_rd_ratio", &q, &Paging::default()).unwrap();
        assert_eq!((m.total, m.counted, m.excluded), (3, 2, 1));
        assert_eq!(m.members.last().unwrap().name, "乙公司");
        let page = indicator_members(&s, "leader_rd_ratio", &q, &Paging::new(1, 1)).unwrap();
        assert_eq!(page.members.len(), 1);
        assert!(indicator_members(&s, "green_factories", &q, &Paging::default()).is_err());
    }
}
