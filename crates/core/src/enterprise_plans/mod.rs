//! 一企一策: one plan per enterprise and year. The basic situation is read live from the pool;
//! goals, measures, service visits, financing and awards are sections the user edits; a plan
//! can be copied to the next year. Saving is one audited transaction.
pub mod awards;
pub mod docx;
pub mod file_name;

use crate::audit;
use crate::error::{CoreError, Result};
use crate::ledger::{list_problems, Problem, ProblemQuery};
use crate::store::{now_text, Store};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const MEASURE_STATUSES: [&str; 4] = ["未启动", "推进中", "已完成", "滞后"];
pub const GOAL_KINDS: [&str; 4] = ["上市", "研发", "资质", "其他"];

/// The choices the plan page offers, from the same lists the core checks against.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct PlanOptions {
    pub boards: Vec<String>,
    pub goal_kinds: Vec<String>,
    pub measure_statuses: Vec<String>,
}

pub fn plan_options() -> PlanOptions {
    let owned = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
    PlanOptions {
        boards: owned(crate::enterprise::vocab::BOARDS),
        goal_kinds: owned(&GOAL_KINDS),
        measure_statuses: owned(&MEASURE_STATUSES),
    }
}

/// The enterprise as the pool knows it today (pre-filled, not edited in the plan).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct PlanSituation {
    pub name: String,
    pub uscc: String,
    pub county: Option<String>,
    pub cluster: Option<String>,
    pub industry: Option<String>,
    pub main_business: Option<String>,
    pub legal_rep: Option<String>,
    pub figures_year: Option<i64>,
    pub revenue_wan: Option<f64>,
    pub rd_ratio_pct: Option<f64>,
    /// 专精特新（2023年）, 高新技术企业 …
    pub qualifications: Vec<String>,
    pub target_board: Option<String>,
    pub listing_stage: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct PlanGoal {
    /// 上市 / 研发 / 资质 / 其他
    pub kind: String,
    pub year: Option<i64>,
    pub content: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct PlanMeasure {
    pub content: String,
    pub unit: String,
    pub person: String,
    pub deadline: Option<String>,
    /// 未启动 / 推进中 / 已完成 / 滞后
    pub status: String,
}

/// 入企服务 / 把脉开方.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct PlanVisit {
    pub date: Option<String>,
    pub visitor: String,
    pub findings: String,
    pub advice: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct PlanFinancing {
    pub need: String,
    pub bank: String,
    pub amount_wan: Option<f64>,
    pub product: String,
    pub result: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct PlanAward {
    /// The catalogue entry, when chosen from it.
    pub award_id: Option<i64>,
    pub name: String,
    pub year: Option<i64>,
    pub amount_wan: Option<f64>,
    pub note: String,
}

/// What the plan page edits and saves.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct PlanBody {
    pub target_board: Option<String>,
    pub situation_note: String,
    pub white_list: bool,
    pub eco_positive_list: bool,
    pub goals: Vec<PlanGoal>,
    pub measures: Vec<PlanMeasure>,
    pub visits: Vec<PlanVisit>,
    pub financing: Vec<PlanFinancing>,
    pub awards: Vec<PlanAward>,
}

/// One enterprise's plan for one year; `id` is none for a draft not saved yet.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Plan {
    pub id: Option<i64>,
    pub enterprise_id: i64,
    pub year: i64,
    pub situation: PlanSituation,
    pub body: PlanBody,
    /// The enterprise's problems in the ledger.
    pub problems: Vec<Problem>,
    /// Years with a saved plan for this enterprise.
    pub years: Vec<i64>,
    pub updated_at: Option<String>,
}

/// A row of the 一企一策 list page.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct PlanSummary {
    pub id: i64,
    pub enterprise_id: i64,
    pub name: String,
    pub uscc: String,
    pub county: Option<String>,
    pub year: i64,
    pub measures: i64,
    pub measures_done: i64,
    pub visits: i64,
    pub open_problems: i64,
    pub updated_at: String,
}

/// The basic situation from the pool, with the latest year's figures.
pub fn situation(store: &Store, enterprise_id: i64) -> Result<PlanSituation> {
    let row = store
        .conn
        .query_row(
            "SELECT e.name, e.uscc, e.county, e.cluster, e.industry, e.main_business, e.legal_rep,
                    f.year, f.revenue_wan, f.rd_ratio_pct, e.target_board, e.listing_stage,
                    e.specialized, e.specialized_year, e.little_giant, e.little_giant_year,
                    e.high_tech, e.high_tech_year, e.innovative_sme, e.innovative_sme_year,
                    e.in_pool, e.is_leader
             FROM enterprises e
             LEFT JOIN enterprise_figures f ON f.enterprise_id = e.id
                 AND f.year = (SELECT max(year) FROM enterprise_figures g WHERE g.enterprise_id = e.id)
             WHERE e.id = ?1",
            [enterprise_id],
            |r| {
                let mut qualifications = Vec::new();
                let names = ["专精特新中小企业", "专精特新“小巨人”企业", "高新技术企业", "创新型中小企业"];
                for (i, name) in names.iter().enumerate() {
                    let has: Option<bool> = r.get(12 + 2 * i)?;
                    let year: Option<i64> = r.get(13 + 2 * i)?;
                    if has == Some(true) {
                        qualifications.push(match year {
                            Some(y) => format!("{name}（{y}年）"),
                            None => name.to_string(),
                        });
                    }
                }
                if r.get::<_, Option<bool>>(20)? == Some(true) {
                    qualifications.push("上市培育库入库企业".into());
                }
                if r.get::<_, Option<bool>>(21)? == Some(true) {
                    qualifications.push("“领跑者”企业".into());
                }
                Ok(PlanSituation {
                    name: r.get(0)?,
                    uscc: r.get(1)?,
                    county: r.get(2)?,
                    cluster: r.get(3)?,
                    industry: r.get(4)?,
                    main_business: r.get(5)?,
                    legal_rep: r.get(6)?,
                    figures_year: r.get(7)?,
                    revenue_wan: r.get(8)?,
                    rd_ratio_pct: r.get(9)?,
                    qualifications,
                    target_board: r.get(10)?,
                    listing_stage: r.get(11)?,
                })
            },
        )
        .optional()?;
    row.ok_or_else(|| CoreError::NotFound("企业库中没有这家企业".into()))
}

fn plan_years(store: &Store, enterprise_id: i64) -> Result<Vec<i64>> {
    let mut stmt = store.conn.prepare_cached("SELECT year FROM enterprise_plans WHERE enterprise_id = ?1 ORDER BY year")?;
    let rows = stmt.query_map([enterprise_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn json<T: serde::de::DeserializeOwned + Default>(text: String) -> T {
    serde_json::from_str(&text).unwrap_or_default()
}

fn stored_body(store: &Store, enterprise_id: i64, year: i64) -> Result<Option<(i64, PlanBody, String)>> {
    Ok(store
        .conn
        .query_row(
            "SELECT id, target_board, situation_note, white_list, eco_positive_list, goals, measures, visits,
                    financing, awards, updated_at
             FROM enterprise_plans WHERE enterprise_id = ?1 AND year = ?2",
            params![enterprise_id, year],
            |r| {
                let body = PlanBody {
                    target_board: r.get(1)?,
                    situation_note: r.get(2)?,
                    white_list: r.get(3)?,
                    eco_positive_list: r.get(4)?,
                    goals: json(r.get(5)?),
                    measures: json(r.get(6)?),
                    visits: json(r.get(7)?),
                    financing: json(r.get(8)?),
                    awards: json(r.get(9)?),
                };
                Ok((r.get(0)?, body, r.get(10)?))
            },
        )
        .optional()?)
}

/// The plan of an enterprise for `year`: the saved one, or a draft pre-filled from the pool
/// (target board and the two list flags).
pub fn get_plan(store: &Store, enterprise_id: i64, year: i64) -> Result<Plan> {
    check_year(year)?;
    let situation = situation(store, enterprise_id)?;
    let (id, body, updated_at) = match stored_body(store, enterprise_id, year)? {
        Some((id, body, at)) => (Some(id), body, Some(at)),
        None => {
            let (white_list, eco): (Option<bool>, Option<bool>) = store.conn.query_row(
                "SELECT white_list, eco_positive_list FROM enterprises WHERE id = ?1",
                [enterprise_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let body = PlanBody {
                target_board: situation.target_board.clone(),
                white_list: white_list.unwrap_or(false),
                eco_positive_list: eco.unwrap_or(false),
                ..Default::default()
            };
            (None, body, None)
        }
    };
    let problems = list_problems(store, &ProblemQuery { enterprise_id: Some(enterprise_id), ..Default::default() })?.rows;
    Ok(Plan { id, enterprise_id, year, situation, body, problems, years: plan_years(store, enterprise_id)?, updated_at })
}

/// The id of the enterprise with this USCC (for the CLI).
pub fn enterprise_id_by_uscc(store: &Store, uscc: &str) -> Result<i64> {
    store
        .conn
        .query_row("SELECT id FROM enterprises WHERE uscc = ?1", [uscc.trim().to_uppercase()], |r| r.get(0))
        .optional()?
        .ok_or_else(|| CoreError::NotFound(format!("企业库中没有统一社会信用代码为 {} 的企业", uscc.trim())))
}

/// The year a plan is opened at when none is asked for: the latest saved, else this year.
pub fn default_year(store: &Store, enterprise_id: i64) -> Result<i64> {
    let latest = plan_years(store, enterprise_id)?.last().copied();
    Ok(latest.unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now()) as i64))
}

fn check_year(year: i64) -> Result<()> {
    if (2000..=2100).contains(&year) {
        Ok(())
    } else {
        Err(CoreError::Invalid(format!("年度“{year}”无效")))
    }
}

/// Trims every text, drops empty rows and checks the controlled values.
fn clean(body: &PlanBody) -> Result<PlanBody> {
    let t = |s: &str| s.trim().to_string();
    let mut b = body.clone();
    b.situation_note = t(&b.situation_note);
    b.target_board = b.target_board.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(String::from);
    b.goals.retain(|g| !g.content.trim().is_empty());
    for g in &mut b.goals {
        g.content = t(&g.content);
        if !GOAL_KINDS.contains(&g.kind.as_str()) {
            return Err(CoreError::Invalid(format!("目标类别“{}”无效，应为：{}", g.kind, GOAL_KINDS.join("、"))));
        }
    }
    b.measures.retain(|m| !m.content.trim().is_empty());
    for m in &mut b.measures {
        (m.content, m.unit, m.person) = (t(&m.content), t(&m.unit), t(&m.person));
        if !MEASURE_STATUSES.contains(&m.status.as_str()) {
            return Err(CoreError::Invalid(format!("措施“{}”的状态“{}”无效", m.content, m.status)));
        }
        if let Some(d) = m.deadline.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            m.deadline = Some(crate::ledger::workflow::parse_date(d, "措施完成时限")?.to_string());
        } else {
            m.deadline = None;
        }
    }
    b.visits.retain(|v| !(v.findings.trim().is_empty() && v.advice.trim().is_empty() && v.visitor.trim().is_empty()));
    b.financing.retain(|f| !(f.need.trim().is_empty() && f.bank.trim().is_empty() && f.amount_wan.is_none()));
    b.awards.retain(|a| !a.name.trim().is_empty());
    Ok(b)
}

/// Saves (creates or replaces) the plan of an enterprise for a year; every changed section is
/// audited with its old and new content.
pub fn save_plan(store: &mut Store, enterprise_id: i64, year: i64, body: &PlanBody) -> Result<Plan> {
    check_year(year)?;
    situation(store, enterprise_id)?;
    let body = clean(body)?;
    let before = stored_body(store, enterprise_id, year)?;
    let operator = store.operator()?;
    let now = now_text();
    let sections = |b: &PlanBody| -> Result<Vec<(&'static str, String)>> {
        Ok(vec![
            ("target_board", b.target_board.clone().unwrap_or_default()),
            ("situation_note", b.situation_note.clone()),
            ("white_list", b.white_list.to_string()),
            ("eco_positive_list", b.eco_positive_list.to_string()),
            ("goals", serde_json::to_string(&b.goals)?),
            ("measures", serde_json::to_string(&b.measures)?),
            ("visits", serde_json::to_string(&b.visits)?),
            ("financing", serde_json::to_string(&b.financing)?),
            ("awards", serde_json::to_string(&b.awards)?),
        ])
    };
    let new = sections(&body)?;
    let tx = store.conn.transaction()?;
    tx.execute(
        "INSERT INTO enterprise_plans(enterprise_id, year, target_board, situation_note, white_list, eco_positive_list,
                           goals, measures, visits, financing, awards, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)
         ON CONFLICT(enterprise_id, year) DO UPDATE SET target_board = excluded.target_board,
             situation_note = excluded.situation_note, white_list = excluded.white_list,
             eco_positive_list = excluded.eco_positive_list, goals = excluded.goals, measures = excluded.measures,
             visits = excluded.visits, financing = excluded.financing, awards = excluded.awards,
             updated_at = excluded.updated_at",
        params![enterprise_id, year, body.target_board, body.situation_note, body.white_list, body.eco_positive_list,
            new[4].1, new[5].1, new[6].1, new[7].1, new[8].1, now],
    )?;
    let id: i64 = tx.query_row(
        "SELECT id FROM enterprise_plans WHERE enterprise_id = ?1 AND year = ?2",
        params![enterprise_id, year],
        |r| r.get(0),
    )?;
    let old = before.as_ref().map(|(_, b, _)| sections(b)).transpose()?;
    let stamp = audit::Stamp::new(now.clone(), operator.clone(), format!("一企一策·{year}年"));
    let key = id.to_string();
    for (i, (field, value)) in new.iter().enumerate() {
        let old_value = old.as_ref().map(|o| o[i].1.clone());
        if old_value.as_ref() == Some(value) {
            continue;
        }
        let action = if old.is_none() { "insert" } else { "update" };
        let entry = audit::Entry::row(action, "enterprise_plans", &key).field(field, old_value.as_deref(), Some(value));
        audit::record(&tx, &stamp, entry)?;
    }
    tx.commit()?;
    get_plan(store, enterprise_id, year)
}

/// Copies a saved plan to the next year: goals, target board, flags, the situation note and the
/// measures not yet 已完成; visits, financing and awards belong to their year and stay.
pub fn copy_to_next_year(store: &mut Store, enterprise_id: i64, year: i64) -> Result<Plan> {
    let (_, body, _) = stored_body(store, enterprise_id, year)?
        .ok_or_else(|| CoreError::NotFound(format!("该企业没有{year}年的一企一策，请先保存")))?;
    if stored_body(store, enterprise_id, year + 1)?.is_some() {
        return Err(CoreError::Invalid(format!("该企业已有{}年的一企一策，不能覆盖", year + 1)));
    }
    let next = PlanBody {
        measures: body.measures.iter().filter(|m| m.status != "已完成").cloned().collect(),
        visits: Vec::new(),
        financing: Vec::new(),
        awards: Vec::new(),
        ..body
    };
    save_plan(store, enterprise_id, year + 1, &next)
}

/// Saved plans, by county and/or year, ordered by county then enterprise.
pub fn list_plans(store: &Store, county: Option<&str>, year: Option<i64>) -> Result<Vec<PlanSummary>> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT p.id, p.enterprise_id, e.name, e.uscc, e.county, p.year,
                json_array_length(p.measures),
                (SELECT count(*) FROM json_each(p.measures) WHERE json_extract(value, '$.status') = '已完成'),
                json_array_length(p.visits),
                (SELECT count(*) FROM problems q WHERE q.enterprise_id = p.enterprise_id
                    AND q.state NOT IN ('办结', '销号')),
                p.updated_at
         FROM enterprise_plans p JOIN enterprises e ON e.id = p.enterprise_id
         WHERE (?1 IS NULL OR e.county = ?1) AND (?2 IS NULL OR p.year = ?2)
         ORDER BY (SELECT sort FROM counties c WHERE c.name = e.county), e.county, e.id, p.year",
    )?;
    let rows = stmt.query_map(params![county.filter(|c| !c.is_empty()), year], |r| {
        Ok(PlanSummary {
            id: r.get(0)?,
            enterprise_id: r.get(1)?,
            name: r.get(2)?,
            uscc: r.get(3)?,
            county: r.get(4)?,
            year: r.get(5)?,
            measures: r.get(6)?,
            measures_done: r.get(7)?,
            visits: r.get(8)?,
            open_problems: r.get(9)?,
            updated_at: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
pub(crate) mod tests;
