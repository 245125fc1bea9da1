//! The indicators computed from the pool for one year, each with the enterprises behind it
//! (counted ones and those left out, with why). Pure: works on enterprises already loaded.
//!
//! - 上市企业数: 上市时间 in or before the year; where none is entered, 上市进度 at the end of the
//!   year is 已上市 (from the stage history; an enterprise first recorded later counts with its
//!   first recorded stage), and the note says how many were counted that way.
//! - “小巨人” / “专精特新” (stock): a certificate valid in the year (on 31 December, or today in
//!   the current year: the rule of validity in `crate::qualifications`); one with no 认定时间 counts
//!   while not revoked or expired and is reported as 认定时间未填.
//! - 新培育 创新型/高新/专精特新 (yearly): a certificate obtained in exactly that year; no year → left out.
//! - 股份制改造: 股改完成时间 in that year; where none is entered, a recorded stage change from
//!   未启动/股改中 to 已股改 or later in that year, not undone later (the note says how many were
//!   counted that way); enterprises past 股改 with neither are listed as 时间未记录.
//! - “领跑者”研发投入占比: Σ研发投入 / Σ营业收入 of the 领跑者 enterprises for the year (see
//!   [`LeaderBasis`]); enterprises missing either figure are left out and reported.
//! - 新增发明专利: Σ (patents this year − last year) per enterprise having both counts.
use super::pool::{date_year, PoolEnterprise, Qualification};
use super::IndicatorMember;
use chrono::NaiveDate;

/// Who counts as a “领跑者” enterprise, decided once over the whole store: the enterprises
/// flagged 是“领跑者”; if none is flagged, those in the 上市培育库; if neither flag is used at all,
/// every enterprise (county sheets are 领跑者/上市培育 lists).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaderBasis {
    Flagged,
    Pool,
    All,
}

impl LeaderBasis {
    pub fn of(pool: &[PoolEnterprise]) -> LeaderBasis {
        if pool.iter().any(|e| e.is_leader == Some(true)) {
            LeaderBasis::Flagged
        } else if pool.iter().any(|e| e.in_pool == Some(true)) {
            LeaderBasis::Pool
        } else {
            LeaderBasis::All
        }
    }
    pub fn includes(self, e: &PoolEnterprise) -> bool {
        match self {
            LeaderBasis::Flagged => e.is_leader == Some(true),
            LeaderBasis::Pool => e.in_pool == Some(true),
            LeaderBasis::All => true,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            LeaderBasis::Flagged => "按标注为“领跑者”的企业计算",
            LeaderBasis::Pool => "企业库未标注“领跑者”，按上市培育库入库企业计算",
            LeaderBasis::All => "企业库未标注“领跑者”和入库企业，按库内全部企业计算",
        }
    }
}

/// One computed indicator for one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    pub value: Option<f64>,
    /// Counted enterprises first, then those left out (`included == false`).
    pub members: Vec<IndicatorMember>,
    pub note: String,
    /// How many of the members are left out.
    pub excluded: i64,
    /// R&D ratio: how many counted enterprises reach the target on their own.
    pub reaching: Option<i64>,
}

pub const COMPUTED_KEYS: &[&str] = &[
    "listed_companies",
    "little_giant",
    "specialized_sme",
    "leader_rd_ratio",
    "shareholding_reform",
    "innovative_sme_new",
    "high_tech_new",
    "specialized_new",
    "invention_patents_new",
];

const LISTED: &str = "已上市";
const BEFORE_REFORM: &[&str] = &["未启动", "股改中"];

fn member(e: &PoolEnterprise, value: Option<f64>, included: bool, detail: String) -> IndicatorMember {
    IndicatorMember {
        uscc: e.uscc.clone(),
        name: e.name.clone(),
        county: e.county.clone(),
        cluster: e.cluster.clone(),
        value,
        included,
        detail,
    }
}

fn finish(mut members: Vec<IndicatorMember>, value: Option<f64>, note: String, reaching: Option<i64>) -> Computed {
    members.sort_by_key(|m| !m.included);
    let excluded = members.iter().filter(|m| !m.included).count() as i64;
    Computed { value, members, note, excluded, reaching }
}

/// Computes indicator `key` for `year` over `scope` (already filtered); `None` for keys that
/// are not computed. `target` is the year's target (the R&D ratio counts who reaches it).
/// `today` decides which certificates count in the current year (see `crate::qualifications`).
pub fn compute(key: &str, scope: &[&PoolEnterprise], year: i64, today: NaiveDate, basis: LeaderBasis, target: Option<f64>) -> Option<Computed> {
    Some(match key {
        "listed_companies" => listed(scope, year),
        "little_giant" => held_by(scope, year, today, |e| &e.little_giant),
        "specialized_sme" => held_by(scope, year, today, |e| &e.specialized),
        "innovative_sme_new" => obtained_in(scope, year, |e| &e.innovative_sme),
        "high_tech_new" => obtained_in(scope, year, |e| &e.high_tech),
        "specialized_new" => obtained_in(scope, year, |e| &e.specialized),
        "shareholding_reform" => reform(scope, year),
        "leader_rd_ratio" => rd_ratio(scope, year, basis, target),
        "invention_patents_new" => patents_added(scope, year),
        _ => return None,
    })
}

/// The stage at the end of `year`; before the first record, the stage then recorded.
fn stage_at_end_of(e: &PoolEnterprise, year: i64) -> (Option<&str>, bool) {
    if let Some(c) = e.stages.iter().rev().find(|c| c.year().is_some_and(|y| y <= year)) {
        return (c.new.as_deref(), true);
    }
    match e.stages.first() {
        Some(first) => (first.old.as_deref().or(first.new.as_deref()), false),
        None => (e.listing_stage.as_deref(), false),
    }
}

/// Listed on the exchanges the plan names (上海、深圳、北京证券交易所及境外主要证券交易所): an
/// enterprise 已上市 on 新三板 is shown but not counted.
fn listed(scope: &[&PoolEnterprise], year: i64) -> Computed {
    const BY_STAGE: &str = "未填上市时间";
    let members: Vec<_> = scope
        .iter()
        .filter_map(|e| {
            let detail = match (e.listed_date.as_deref(), date_year(e.listed_date.as_deref())) {
                (Some(date), Some(y)) if y <= year => format!("上市时间 {date}"),
                (Some(_), Some(_)) => return None,
                _ => {
                    let (stage, recorded) = stage_at_end_of(e, year);
                    if stage != Some(LISTED) {
                        return None;
                    }
                    if recorded { format!("{BY_STAGE}，{year}年末上市进度：已上市") } else { format!("{BY_STAGE}，按首次记录的进度计") }
                }
            };
            if e.target_board.as_deref().is_some_and(|b| b.starts_with("新三板")) {
                return Some(member(e, None, false, "新三板挂牌，不计入方案所指的上市企业".into()));
            }
            Some(member(e, None, true, detail))
        })
        .collect();
    let n = members.iter().filter(|m| m.included).count();
    let counted_by_stage = members.iter().filter(|m| m.included && m.detail.starts_with(BY_STAGE)).count();
    let mut note = format!("{n} 家在沪、深、北交所或境外主要交易所上市");
    if counted_by_stage > 0 {
        note.push_str(&format!("，其中 {counted_by_stage} 家未填上市时间，按上市进度计"));
    }
    finish(members, Some(n as f64), note, None)
}

fn held_by(scope: &[&PoolEnterprise], year: i64, today: NaiveDate, q: impl Fn(&PoolEnterprise) -> &Qualification) -> Computed {
    let mut unknown = 0;
    let members: Vec<_> = scope
        .iter()
        .filter_map(|e| {
            let cert = q(e).valid_in(year, today)?;
            match cert.obtained_year() {
                Some(y) => Some(member(e, Some(y as f64), true, format!("{y}年认定，{}", until_text(cert)))),
                None => {
                    unknown += 1;
                    Some(member(e, None, true, "认定时间未填，按有效计".into()))
                }
            }
        })
        .collect();
    let n = members.len();
    let note = if unknown > 0 { format!("{n} 家持有有效证书，其中 {unknown} 家认定时间未填（按有效计）") } else { format!("{n} 家持有有效证书") };
    finish(members, Some(n as f64), note, None)
}

fn until_text(cert: &crate::qualifications::Validity) -> String {
    cert.valid_until.as_deref().map_or("长期有效".into(), |u| format!("有效期至{u}"))
}

fn obtained_in(scope: &[&PoolEnterprise], year: i64, q: impl Fn(&PoolEnterprise) -> &Qualification) -> Computed {
    let members: Vec<_> = scope
        .iter()
        .filter_map(|e| {
            let certs = &q(e).certificates;
            if certs.iter().any(|c| c.obtained_year() == Some(year)) {
                Some(member(e, Some(year as f64), true, format!("{year}年认定")))
            } else if !certs.is_empty() && certs.iter().all(|c| c.obtained_year().is_none()) {
                Some(member(e, None, false, "认定时间未填，无法计入当年新培育".into()))
            } else {
                None
            }
        })
        .collect();
    let n = members.iter().filter(|m| m.included).count();
    let unknown = members.len() - n;
    let note = if unknown > 0 { format!("{year}年认定 {n} 家；另有 {unknown} 家认定时间未填，未计入") } else { format!("{year}年认定 {n} 家") };
    finish(members, Some(n as f64), note, None)
}

/// The year 股改 was completed and the stage reached, from the stage history (`None` if not
/// recorded or set back later).
fn reform_year(e: &PoolEnterprise) -> Option<(i64, &str)> {
    let before = |s: &Option<String>| s.as_deref().is_some_and(|s| BEFORE_REFORM.contains(&s));
    let after = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.is_empty() && !BEFORE_REFORM.contains(&s));
    let mut done = None;
    for c in &e.stages {
        if before(&c.old) && after(&c.new) {
            done = c.year().zip(c.new.as_deref());
        } else if after(&c.old) && before(&c.new) {
            done = None;
        }
    }
    done
}

fn reform(scope: &[&PoolEnterprise], year: i64) -> Computed {
    const BY_STAGE: &str = "未填股改完成时间";
    let members: Vec<_> = scope
        .iter()
        .filter_map(|e| match (e.reform_date.as_deref(), date_year(e.reform_date.as_deref())) {
            (Some(date), Some(y)) => (y == year).then(|| member(e, None, true, format!("股改完成时间 {date}"))),
            _ => match reform_year(e) {
                Some((y, stage)) if y == year => Some(member(e, None, true, format!("{BY_STAGE}，{y}年上市进度变为“{stage}”"))),
                Some(_) => None,
                None if stage_at_end_of(e, year).0.is_some_and(|s| !BEFORE_REFORM.contains(&s)) => {
                    Some(member(e, None, false, "已完成股改，完成时间未记录，未计入".into()))
                }
                None => None,
            },
        })
        .collect();
    let n = members.iter().filter(|m| m.included).count();
    let by_stage = members.iter().filter(|m| m.included && m.detail.starts_with(BY_STAGE)).count();
    let unknown = members.len() - n;
    let mut note = format!("{year}年完成股改 {n} 家");
    if by_stage > 0 {
        note.push_str(&format!("，其中 {by_stage} 家未填股改完成时间，按上市进度变化时间计"));
    }
    if unknown > 0 {
        note.push_str(&format!("；另有 {unknown} 家已过股改阶段但完成时间未记录，未计入"));
    }
    finish(members, Some(n as f64), note, None)
}

fn rd_ratio(scope: &[&PoolEnterprise], year: i64, basis: LeaderBasis, target: Option<f64>) -> Computed {
    let (mut rd, mut revenue, mut reaching) = (0.0, 0.0, 0i64);
    let members: Vec<_> = scope
        .iter()
        .filter(|e| basis.includes(e))
        .map(|e| {
            let f = e.figures.get(&year);
            match (f.and_then(|f| f.revenue_wan), f.and_then(|f| f.rd_expense_wan)) {
                (Some(rev), Some(r)) if rev > 0.0 => {
                    rd += r;
                    revenue += rev;
                    let own = r / rev * 100.0;
                    if target.is_some_and(|t| own >= t - 1e-9) {
                        reaching += 1;
                    }
                    member(e, Some(own), true, format!("研发投入 {r:.2} 万元 / 营业收入 {rev:.2} 万元"))
                }
                _ if f.is_none() => member(e, None, false, format!("无{year}年经营数据，未计入")),
                (rev, r) => {
                    let mut missing = Vec::new();
                    if rev.is_none_or(|v| v <= 0.0) {
                        missing.push("营业收入");
                    }
                    if r.is_none() {
                        missing.push("研发投入");
                    }
                    member(e, None, false, format!("缺少{year}年{}，未计入", missing.join("、")))
                }
            }
        })
        .collect();
    let counted = members.iter().filter(|m| m.included).count();
    let value = (counted > 0).then(|| rd / revenue * 100.0);
    let mut note = format!("{}：纳入 {counted} 家", basis.label());
    let left_out = members.len() - counted;
    if left_out > 0 {
        note.push_str(&format!("，{left_out} 家缺少数据未计入"));
    }
    if let Some(t) = target {
        note.push_str(&format!("；单独达到 {t}% 的 {reaching} 家"));
    }
    finish(members, value, note, target.map(|_| reaching))
}

fn patents_added(scope: &[&PoolEnterprise], year: i64) -> Computed {
    let patents = |e: &PoolEnterprise, y: i64| e.figures.get(&y).and_then(|f| f.invention_patents);
    let mut sum = 0i64;
    let members: Vec<_> = scope
        .iter()
        .filter(|e| e.figures.contains_key(&year) || e.figures.contains_key(&(year - 1)))
        .map(|e| match (patents(e, year), patents(e, year - 1)) {
            (Some(now), Some(before)) => {
                sum += now - before;
                member(e, Some((now - before) as f64), true, format!("{}年 {before} 件 → {year}年 {now} 件", year - 1))
            }
            (None, _) => member(e, None, false, format!("缺少{year}年发明专利数，未计入")),
            (_, None) => member(e, None, false, format!("缺少{}年发明专利数，无法计算新增，未计入", year - 1)),
        })
        .collect();
    let counted = members.iter().filter(|m| m.included).count();
    let left_out = members.len() - counted;
    let value = (counted > 0).then_some(sum as f64);
    let mut note = format!("{counted} 家有连续两年发明专利数");
    if left_out > 0 {
        note.push_str(&format!("，{left_out} 家缺少数据未计入"));
    }
    finish(members, value, note, None)
}

#[cfg(test)]
mod tests {
    use super::super::pool::{Figures, StageChange};
    use super::*;

    fn ent(uscc: &str) -> PoolEnterprise {
        PoolEnterprise { uscc: uscc.into(), name: format!("企业{uscc}"), county: Some("南和区".into()), ..Default::default() }
    }
    /// A certificate obtained in `year` (year only: valid three years through 31 December), or none when `held` is false.
    fn q(held: bool, year: Option<i64>) -> Qualification {
        let cert = crate::qualifications::Validity {
            obtained_on: year.map(|y| y.to_string()),
            valid_until: year.map(|y| (y + 3).to_string()),
            ..Default::default()
        };
        Qualification { certificates: if held { vec![cert] } else { Vec::new() } }
    }
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }
    fn fig(revenue: Option<f64>, rd: Option<f64>, patents: Option<i64>) -> Figures {
        Figures { revenue_wan: revenue, rd_expense_wan: rd, invention_patents: patents }
    }
    fn change(at: &str, old: Option<&str>, new: &str) -> StageChange {
        StageChange { at: at.into(), old: old.map(Into::into), new: Some(new.into()) }
    }

    /// Six enterprises with known answers (see each assertion).
    fn fixture() -> Vec<PoolEnterprise> {
        let mut a = ent("A");
        a.is_leader = Some(true);
        a.little_giant = q(true, Some(2022));
        a.specialized = q(true, Some(2021));
        a.high_tech = q(true, Some(2023));
        a.figures.insert(2022, fig(Some(1000.0), Some(40.0), Some(10)));
        a.figures.insert(2023, fig(Some(1000.0), Some(20.0), Some(15)));
        a.stages = vec![change("2022-03-01T09:00:00", None, "股改中"), change("2023-06-01T09:00:00", Some("股改中"), "已股改")];
        a.listing_stage = Some("已股改".into());
        let mut b = ent("B");
        b.is_leader = Some(true);
        b.little_giant = q(true, Some(2024));
        b.specialized = q(true, Some(2023));
        b.innovative_sme = q(true, Some(2023));
        b.figures.insert(2022, fig(Some(3000.0), Some(60.0), Some(4)));
        b.figures.insert(2023, fig(Some(3000.0), Some(120.0), Some(6)));
        b.stages = vec![change("2022-01-10T09:00:00", None, "已上市")];
        b.listing_stage = Some("已上市".into());
        let mut c = ent("C");
        c.is_leader = Some(true);
        c.specialized = q(true, None);
        c.high_tech = q(true, None);
        // 2023: revenue blank → left out of the R&D ratio.
        c.figures.insert(2023, fig(None, Some(50.0), Some(3)));
        c.stages = vec![change("2023-02-01T09:00:00", Some("股改中"), "已股改"), change("2023-09-01T09:00:00", Some("已股改"), "股改中")];
        c.listing_stage = Some("股改中".into());
        let mut d = ent("D");
        d.is_leader = Some(false);
        d.county = Some("清河县".into());
        d.specialized = q(false, Some(2023));
        d.figures.insert(2023, fig(Some(100.0), Some(50.0), Some(1)));
        d.stages = vec![change("2024-05-01T09:00:00", Some("未启动"), "辅导备案")];
        d.listing_stage = Some("辅导备案".into());
        let mut e = ent("E");
        e.is_leader = Some(true);
        e.listing_stage = Some("已上市".into());
        e.high_tech = q(true, Some(2023));
        let mut f = ent("F");
        f.listing_stage = Some("已上市".into());
        f.target_board = Some("新三板创新层".into());
        vec![a, b, c, d, e, f]
    }

    fn run(key: &str, year: i64, target: Option<f64>) -> Computed {
        let pool = fixture();
        let scope: Vec<&PoolEnterprise> = pool.iter().collect();
        compute(key, &scope, year, today(), LeaderBasis::of(&pool), target).unwrap()
    }
    fn counted(c: &Computed) -> Vec<&str> {
        c.members.iter().filter(|m| m.included).map(|m| m.uscc.as_str()).collect()
    }

    #[test]
    fn listed_counts_stage_at_year_end() {
        // B listed since 2022 by its history; E has no history: its current stage counts.
        let c = run("listed_companies", 2023, None);
        assert_eq!(c.value, Some(2.0));
        assert_eq!(counted(&c), vec!["B", "E"], "F is on 新三板: shown, not counted");
        assert_eq!(c.excluded, 1);
        assert_eq!(run("listed_companies", 2021, None).value, Some(2.0), "B's first record is 已上市");
    }

    #[test]
    fn stock_qualifications_count_up_to_the_year() {
        assert_eq!(run("little_giant", 2023, None).value, Some(1.0));
        assert_eq!(run("little_giant", 2024, None).value, Some(2.0));
        // A (2021), B (2023), C (year unknown); D is flagged 否.
        let c = run("specialized_sme", 2023, None);
        assert_eq!(counted(&c), vec!["A", "B", "C"]);
        assert!(c.note.contains("1 家认定时间未填"), "{}", c.note);
        assert_eq!(run("specialized_sme", 2022, None).value, Some(2.0));
    }

    #[test]
    fn new_qualifications_count_the_year_obtained_only() {
        let c = run("high_tech_new", 2023, None);
        assert_eq!(counted(&c), vec!["A", "E"]);
        assert_eq!(c.excluded, 1, "C has no year");
        assert_eq!(run("innovative_sme_new", 2023, None).value, Some(1.0));
        assert_eq!(run("specialized_new", 2023, None).value, Some(1.0), "B only; D is 否");
        assert_eq!(run("specialized_new", 2022, None).value, Some(0.0));
    }

    #[test]
    fn shareholding_reform_counts_changes_that_stand() {
        // A: 股改中 → 已股改 in 2023; C did too but was set back the same year; D: 未启动 → 辅导备案 in 2024.
        assert_eq!(counted(&run("shareholding_reform", 2023, None)), vec!["A"]);
        let c = run("shareholding_reform", 2024, None);
        assert_eq!(counted(&c), vec!["D"]);
        // B, E and F are past 股改 with no recorded change.
        assert_eq!(c.excluded, 3);
        assert_eq!(run("shareholding_reform", 2022, None).value, Some(0.0));
    }

    #[test]
    fn entered_dates_decide_over_stage_changes() {
        let mut pool = fixture();
        // A's 股改 was entered in 2026 but finished in 2025-06; E listed 2024-03; B's 上市时间 2025.
        pool[0].stages = vec![change("2026-11-20T09:00:00", Some("股改中"), "已股改")];
        pool[0].reform_date = Some("2025-06".into());
        pool[4].listed_date = Some("2024-03-18".into());
        pool[1].listed_date = Some("2025".into());
        let scope: Vec<&PoolEnterprise> = pool.iter().collect();
        let run = |key: &str, year| compute(key, &scope, year, today(), LeaderBasis::of(&pool), None).unwrap();
        assert_eq!(counted(&run("shareholding_reform", 2025)), vec!["A"]);
        assert_eq!(run("shareholding_reform", 2026).value, Some(0.0), "the edit time no longer counts");
        // 2024: D still counts by its stage change, and the note says so.
        let c = run("shareholding_reform", 2024);
        assert_eq!(counted(&c), vec!["D"]);
        assert!(c.note.contains("其中 1 家未填股改完成时间，按上市进度变化时间计"), "{}", c.note);
        // 2024: E by its date, B not yet (listed 2025 although its history says 2022).
        let c = run("listed_companies", 2024);
        assert_eq!(counted(&c), vec!["E"]);
        assert!(!c.note.contains("未填上市时间"), "{}", c.note);
        assert_eq!(counted(&run("listed_companies", 2025)), vec!["B", "E"]);
        assert_eq!(run("listed_companies", 2023).value, Some(0.0));
    }

    #[test]
    fn rd_ratio_of_leaders_excludes_missing_figures() {
        // 2022: A 40/1000, B 60/3000 → 100/4000 = 2.5 %; C and E have no 2022 figures.
        let c = run("leader_rd_ratio", 2022, Some(3.0));
        assert!((c.value.unwrap() - 2.5).abs() < 1e-9);
        assert_eq!(c.excluded, 2);
        assert_eq!(c.reaching, Some(1), "A reaches 4 %");
        // 2023: A 20/1000, B 120/3000 → 140/4000 = 3.5 %; C lacks revenue; D is not a leader.
        let c = run("leader_rd_ratio", 2023, Some(3.0));
        assert!((c.value.unwrap() - 3.5).abs() < 1e-9);
        assert_eq!(counted(&c), vec!["A", "B"]);
        assert_eq!(c.excluded, 2);
        let c_row = c.members.iter().find(|m| m.uscc == "C").unwrap();
        assert_eq!(c_row.detail, "缺少2023年营业收入，未计入");
        assert_eq!(c.reaching, Some(1), "B reaches 4 %, A only 2 %");
        assert!(c.note.contains("2 家缺少数据未计入"), "{}", c.note);
        // No leader has 2021 figures: no value at all.
        assert_eq!(run("leader_rd_ratio", 2021, Some(3.0)).value, None);
    }

    #[test]
    fn leader_basis_falls_back_to_pool_then_all() {
        let mut pool = fixture();
        for e in &mut pool {
            e.is_leader = None;
        }
        assert_eq!(LeaderBasis::of(&pool), LeaderBasis::All);
        pool[3].in_pool = Some(true);
        assert_eq!(LeaderBasis::of(&pool), LeaderBasis::Pool);
        let scope: Vec<&PoolEnterprise> = pool.iter().collect();
        let c = compute("leader_rd_ratio", &scope, 2023, today(), LeaderBasis::of(&pool), Some(3.0)).unwrap();
        assert_eq!(c.value, Some(50.0), "only D is in the pool");
    }

    #[test]
    fn patents_added_is_the_difference_of_yearly_counts() {
        // A 10 → 15, B 4 → 6; C and D have no 2022 count.
        let c = run("invention_patents_new", 2023, None);
        assert_eq!(c.value, Some(7.0));
        assert_eq!(counted(&c), vec!["A", "B"]);
        assert_eq!(c.excluded, 2);
        assert_eq!(run("invention_patents_new", 2022, None).value, None, "no 2021 counts");
    }
}
