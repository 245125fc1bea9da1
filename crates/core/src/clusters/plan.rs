//! 一群一策: one plan per cluster — goals (with optional targets per year), measures (unit,
//! deadline, status), the 产业集群联盟 (name, founded, 盟主, members) and the 工业诊所 diagnoses,
//! whose coverage of the cluster's enterprises is the plan's 诊断服务覆盖率. Saved in one audited transaction.
use super::totals::cluster_enterprises;
use super::{get_cluster, Cluster, CLUSTER_SOURCE};
use crate::audit;
use crate::enterprise_plans::MEASURE_STATUSES;
use crate::error::{CoreError, Result};
use crate::ledger::workflow::parse_date;
use crate::store::{now_text, Store};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use ts_rs::TS;

/// A goal's number for one year.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct GoalTarget {
    #[ts(type = "number")]
    pub year: i64,
    pub value: f64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ClusterGoal {
    pub content: String,
    /// The unit of the yearly numbers (亿元, 家, % …).
    pub unit: String,
    pub targets: Vec<GoalTarget>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ClusterMeasure {
    pub content: String,
    /// 责任单位
    pub unit: String,
    /// ISO date.
    pub deadline: Option<String>,
    /// 未启动 / 推进中 / 已完成 / 滞后
    pub status: String,
}

/// A member of the alliance: an enterprise of the pool (with its USCC) or another body
/// (协会商会、高校、科研院所) by name.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct AllianceMember {
    pub uscc: Option<String>,
    pub name: String,
}

/// 产业集群联盟.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct Alliance {
    pub name: String,
    /// ISO date.
    pub founded_on: Option<String>,
    /// 盟主: the lead enterprise.
    pub lead_uscc: Option<String>,
    pub lead_name: String,
    pub members: Vec<AllianceMember>,
}

/// One 工业诊所 diagnosis of an enterprise: done, or planned.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct Diagnosis {
    pub uscc: Option<String>,
    pub name: String,
    /// ISO date (done: when; planned: when due).
    pub date: Option<String>,
    pub done: bool,
    /// 诊断发现与建议.
    pub findings: String,
}

/// What the plan page edits and saves.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ClusterPlanBody {
    /// 集群基本情况 as written.
    pub note: String,
    pub goals: Vec<ClusterGoal>,
    pub measures: Vec<ClusterMeasure>,
    pub alliance: Alliance,
    pub diagnoses: Vec<Diagnosis>,
}

/// 诊断服务覆盖率: the cluster's enterprises with a diagnosis done, of all its enterprises.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct Coverage {
    #[ts(type = "number")]
    pub done: i64,
    /// Enterprises with only planned diagnoses.
    #[ts(type = "number")]
    pub planned: i64,
    #[ts(type = "number")]
    pub total: i64,
    /// done / total in %, none when the cluster has no enterprise.
    pub pct: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ClusterPlan {
    pub cluster: Cluster,
    pub body: ClusterPlanBody,
    pub coverage: Coverage,
    /// None: not saved yet (an empty draft).
    pub updated_at: Option<String>,
}

fn json<T: serde::de::DeserializeOwned + Default>(text: String) -> T {
    serde_json::from_str(&text).unwrap_or_default()
}

fn stored(conn: &Connection, cluster_id: i64) -> Result<Option<(ClusterPlanBody, String)>> {
    Ok(conn
        .query_row(
            "SELECT note, goals, measures, alliance, diagnoses, updated_at FROM cluster_plans WHERE cluster_id = ?1",
            [cluster_id],
            |r| {
                let body = ClusterPlanBody { note: r.get(0)?, goals: json(r.get(1)?), measures: json(r.get(2)?), alliance: json(r.get(3)?), diagnoses: json(r.get(4)?) };
                Ok((body, r.get(5)?))
            },
        )
        .optional()?)
}

/// The coverage of `diagnoses` over the enterprises (by USCC) of the cluster now.
pub fn coverage(members: &BTreeSet<String>, diagnoses: &[Diagnosis]) -> Coverage {
    let of = |done: bool| -> BTreeSet<&String> {
        diagnoses.iter().filter(|d| d.done == done).filter_map(|d| d.uscc.as_ref()).filter(|u| members.contains(*u)).collect()
    };
    let done = of(true);
    let planned = of(false).into_iter().filter(|u| !done.contains(u)).count() as i64;
    let total = members.len() as i64;
    let pct = (total > 0).then(|| ((done.len() as f64 / total as f64) * 1000.0).round() / 10.0);
    Coverage { done: done.len() as i64, planned, total, pct }
}

fn member_usccs(store: &Store, cluster: &Cluster) -> Result<BTreeSet<String>> {
    Ok(cluster_enterprises(store, &cluster.name)?.into_iter().map(|e| e.uscc).collect())
}

/// The cluster's plan: the saved one, or an empty draft.
pub fn get_plan(store: &Store, cluster_id: i64) -> Result<ClusterPlan> {
    let cluster = get_cluster(store, cluster_id)?;
    let (body, updated_at) = match stored(&store.conn, cluster_id)? {
        Some((b, at)) => (b, Some(at)),
        None => (ClusterPlanBody::default(), None),
    };
    let coverage = coverage(&member_usccs(store, &cluster)?, &body.diagnoses);
    Ok(ClusterPlan { cluster, body, coverage, updated_at })
}

/// An optional date as stored (ISO), read from what was typed.
fn date(text: &Option<String>, what: &str) -> Result<Option<String>> {
    match text.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => Ok(Some(parse_date(d, what)?.to_string())),
        None => Ok(None),
    }
}

/// The enterprise of the pool with this USCC: (normalized USCC, its name).
fn pool_enterprise(conn: &Connection, uscc: &str, what: &str) -> Result<(String, String)> {
    let code = crate::enterprise::uscc::normalize(uscc);
    conn.query_row("SELECT name FROM enterprises WHERE uscc = ?1", [&code], |r| r.get(0))
        .optional()?
        .map(|name| (code.clone(), name))
        .ok_or_else(|| CoreError::Invalid(format!("{what}：企业库中没有统一社会信用代码为 {code} 的企业")))
}

/// An enterprise reference as stored: with a USCC, the pool's name; without, the name given.
fn enterprise_ref(conn: &Connection, uscc: &Option<String>, name: &str, what: &str) -> Result<(Option<String>, String)> {
    match uscc.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        Some(u) => pool_enterprise(conn, u, what).map(|(u, n)| (Some(u), n)),
        None => Ok((None, name.trim().to_string())),
    }
}

/// Trims every text, drops empty rows, checks dates, statuses and enterprises.
fn clean(conn: &Connection, body: &ClusterPlanBody) -> Result<ClusterPlanBody> {
    let mut b = body.clone();
    b.note = b.note.trim().to_string();
    b.goals.retain(|g| !g.content.trim().is_empty());
    for (i, g) in b.goals.iter_mut().enumerate() {
        g.content = g.content.trim().to_string();
        g.unit = g.unit.trim().to_string();
        let mut years = BTreeSet::new();
        for t in &g.targets {
            if !(2000..=2100).contains(&t.year) || !t.value.is_finite() {
                return Err(CoreError::Invalid(format!("第 {} 个目标“{}”：年度 {} 或目标值无效", i + 1, g.content, t.year)));
            }
            if !years.insert(t.year) {
                return Err(CoreError::Invalid(format!("第 {} 个目标“{}”：{}年的目标值填了两次", i + 1, g.content, t.year)));
            }
        }
        g.targets.sort_by_key(|t| t.year);
    }
    b.measures.retain(|m| !m.content.trim().is_empty());
    for (i, m) in b.measures.iter_mut().enumerate() {
        (m.content, m.unit) = (m.content.trim().to_string(), m.unit.trim().to_string());
        if !MEASURE_STATUSES.contains(&m.status.as_str()) {
            return Err(CoreError::Invalid(format!("第 {} 条措施“{}”的状态“{}”无效，应为：{}", i + 1, m.content, m.status, MEASURE_STATUSES.join("、"))));
        }
        m.deadline = date(&m.deadline, &format!("第 {} 条措施的完成时限", i + 1))?;
    }
    let a = &mut b.alliance;
    a.name = a.name.trim().to_string();
    a.founded_on = date(&a.founded_on, "联盟成立时间")?;
    (a.lead_uscc, a.lead_name) = enterprise_ref(conn, &a.lead_uscc, &a.lead_name, "联盟盟主")?;
    a.members.retain(|m| !(m.name.trim().is_empty() && m.uscc.as_deref().is_none_or(|u| u.trim().is_empty())));
    let mut seen = BTreeSet::new();
    for (i, m) in a.members.iter_mut().enumerate() {
        (m.uscc, m.name) = enterprise_ref(conn, &m.uscc, &m.name, &format!("联盟第 {} 个成员", i + 1))?;
        if !seen.insert(m.uscc.clone().unwrap_or_else(|| m.name.clone())) {
            return Err(CoreError::Invalid(format!("联盟成员“{}”列了两次", m.name)));
        }
    }
    b.diagnoses.retain(|d| !(d.name.trim().is_empty() && d.uscc.as_deref().is_none_or(|u| u.trim().is_empty())));
    for (i, d) in b.diagnoses.iter_mut().enumerate() {
        let what = format!("第 {} 条诊断", i + 1);
        if d.uscc.as_deref().is_none_or(|u| u.trim().is_empty()) {
            return Err(CoreError::Invalid(format!("{what}（{}）：请从企业库中选择被诊断的企业", d.name.trim())));
        }
        (d.uscc, d.name) = enterprise_ref(conn, &d.uscc, &d.name, &what)?;
        d.date = date(&d.date, &format!("{what}的日期"))?;
        d.findings = d.findings.trim().to_string();
    }
    Ok(b)
}

/// The plan's sections as stored, by column.
fn sections(b: &ClusterPlanBody) -> Result<[(&'static str, String); 5]> {
    Ok([
        ("note", b.note.clone()),
        ("goals", serde_json::to_string(&b.goals)?),
        ("measures", serde_json::to_string(&b.measures)?),
        ("alliance", serde_json::to_string(&b.alliance)?),
        ("diagnoses", serde_json::to_string(&b.diagnoses)?),
    ])
}

/// Saves (creates or replaces) the cluster's plan; every changed section is audited with its
/// old and new content.
pub fn save_plan(store: &mut Store, cluster_id: i64, body: &ClusterPlanBody) -> Result<ClusterPlan> {
    let operator = store.operator()?;
    let now = now_text();
    let tx = store.conn.transaction()?;
    let cluster = super::in_use(&tx, cluster_id)?;
    let body = clean(&tx, body)?;
    let before = stored(&tx, cluster_id)?.map(|(b, _)| sections(&b)).transpose()?;
    let new = sections(&body)?;
    tx.execute(
        "INSERT INTO cluster_plans(cluster_id, note, goals, measures, alliance, diagnoses, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
         ON CONFLICT(cluster_id) DO UPDATE SET note = excluded.note, goals = excluded.goals, measures = excluded.measures,
             alliance = excluded.alliance, diagnoses = excluded.diagnoses, updated_at = excluded.updated_at",
        params![cluster_id, new[0].1, new[1].1, new[2].1, new[3].1, new[4].1, now],
    )?;
    let stamp = audit::Stamp::new(now, operator, format!("{CLUSTER_SOURCE}·一群一策"));
    for (i, (field, value)) in new.iter().enumerate() {
        let old = before.as_ref().map(|o| o[i].1.as_str());
        if old == Some(value.as_str()) {
            continue;
        }
        let action = if before.is_none() { "insert" } else { "update" };
        audit::record(&tx, &stamp, audit::Entry::row(action, "cluster_plans", &cluster.name).field(field, old, Some(value)))?;
    }
    tx.commit()?;
    get_plan(store, cluster_id)
}
