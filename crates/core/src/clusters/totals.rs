//! What a cluster holds: its enterprises (with their latest figures and their place on the
//! “领跑者” list) and its totals per year — 营业收入, 研发投入占比 as Σ研发投入 / Σ营业收入, 专精特新.
use super::{get_cluster, renames, Cluster, ClusterRename};
use crate::error::Result;
use crate::store::Store;
use crate::targets::{specialized_by_year, TargetQuery};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One enterprise of the cluster.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ClusterEnterprise {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub uscc: String,
    pub county: Option<String>,
    pub in_pool: bool,
    pub is_leader: bool,
    /// 领跑者: 省级 / 市级 and the batch year, as the current membership records them.
    pub leader_level: Option<String>,
    #[ts(type = "number | null")]
    pub leader_batch: Option<i64>,
    pub listing_stage: Option<String>,
    /// The latest year with figures, and its figures.
    #[ts(type = "number | null")]
    pub figures_year: Option<i64>,
    pub revenue_wan: Option<f64>,
    pub rd_ratio_pct: Option<f64>,
}

/// The cluster's totals of one year.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ClusterYear {
    #[ts(type = "number")]
    pub year: i64,
    /// Enterprises with 营业收入 that year, and their sum (万元).
    #[ts(type = "number")]
    pub enterprises: i64,
    pub revenue_wan: Option<f64>,
    /// Σ研发投入 (万元) and Σ研发投入 / Σ营业收入 (%) over the enterprises with both figures
    /// (研发投入 not entered is taken as 研发投入占比 × 营业收入).
    pub rd_expense_wan: Option<f64>,
    pub rd_ratio_pct: Option<f64>,
    #[ts(type = "number")]
    pub rd_counted: i64,
    /// 专精特新中小企业 held at the end of the year.
    #[ts(type = "number")]
    pub specialized: i64,
}

/// The cluster page: the cluster, its renames, enterprises and yearly totals.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ClusterOverview {
    pub cluster: Cluster,
    pub renames: Vec<ClusterRename>,
    pub enterprises: Vec<ClusterEnterprise>,
    pub years: Vec<ClusterYear>,
}

/// The enterprises labelled with `name`: 领跑者 first, then by name.
pub fn cluster_enterprises(store: &Store, name: &str) -> Result<Vec<ClusterEnterprise>> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT e.id, e.name, e.uscc, e.county, e.in_pool, e.is_leader, e.leader_level, e.leader_batch, e.listing_stage,
                f.year, f.revenue_wan, f.rd_ratio_pct
         FROM enterprises e
         LEFT JOIN enterprise_figures f ON f.enterprise_id = e.id
             AND f.year = (SELECT max(year) FROM enterprise_figures g WHERE g.enterprise_id = e.id)
         WHERE e.cluster = ?1
         ORDER BY e.is_leader IS NOT 1, e.name",
    )?;
    let rows = stmt.query_map([name], |r| {
        Ok(ClusterEnterprise {
            id: r.get(0)?,
            name: r.get(1)?,
            uscc: r.get(2)?,
            county: r.get(3)?,
            in_pool: r.get::<_, Option<bool>>(4)?.unwrap_or(false),
            is_leader: r.get::<_, Option<bool>>(5)?.unwrap_or(false),
            leader_level: r.get(6)?,
            leader_batch: r.get(7)?,
            listing_stage: r.get(8)?,
            figures_year: r.get(9)?,
            revenue_wan: r.get(10)?,
            rd_ratio_pct: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Rounded to two decimals, as the sheets show 万元 and percentages.
fn cents(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The totals of every year any enterprise of the cluster has figures for, in year order.
pub fn year_totals(store: &Store, name: &str) -> Result<Vec<ClusterYear>> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT f.year, count(f.revenue_wan), sum(f.revenue_wan), count(r.rd), sum(r.rd), sum(CASE WHEN r.rd IS NOT NULL THEN f.revenue_wan END)
         FROM enterprise_figures f
         JOIN enterprises e ON e.id = f.enterprise_id
         JOIN (SELECT enterprise_id, year,
                      CASE WHEN revenue_wan > 0 THEN coalesce(rd_expense_wan, rd_ratio_pct * revenue_wan / 100.0) END AS rd
               FROM enterprise_figures) r ON r.enterprise_id = f.enterprise_id AND r.year = f.year
         WHERE e.cluster = ?1
         GROUP BY f.year ORDER BY f.year",
    )?;
    let rows = stmt.query_map([name], |r| {
        let rd: Option<f64> = r.get(4)?;
        let rd_revenue: Option<f64> = r.get(5)?;
        Ok(ClusterYear {
            year: r.get(0)?,
            enterprises: r.get(1)?,
            revenue_wan: r.get::<_, Option<f64>>(2)?.map(cents),
            rd_counted: r.get(3)?,
            rd_expense_wan: rd.map(cents),
            rd_ratio_pct: rd.zip(rd_revenue).filter(|(_, rev)| *rev > 0.0).map(|(rd, rev)| cents(rd / rev * 100.0)),
            specialized: 0,
        })
    })?;
    let mut years: Vec<ClusterYear> = rows.collect::<rusqlite::Result<_>>()?;
    let scope = TargetQuery { cluster: Some(name.to_string()), ..Default::default() };
    let held = specialized_by_year(store, &scope, &years.iter().map(|y| y.year).collect::<Vec<_>>())?;
    for y in &mut years {
        y.specialized = held.get(&y.year).copied().unwrap_or(0);
    }
    Ok(years)
}

/// Everything the cluster page shows above the plan.
pub fn cluster_overview(store: &Store, id: i64) -> Result<ClusterOverview> {
    let cluster = get_cluster(store, id)?;
    Ok(ClusterOverview {
        renames: renames(store, id)?,
        enterprises: cluster_enterprises(store, &cluster.name)?,
        years: year_totals(store, &cluster.name)?,
        cluster,
    })
}
