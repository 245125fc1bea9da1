//! 特色产业集群 as records of their own: listed with their enterprise counts, added, renamed (the
//! enterprises follow and the rename is kept with who and when), moved to a county, deleted into
//! the bin only when no enterprise is left in it, and restored. Every write is one audited transaction.
pub mod docx;
pub mod plan;
pub mod totals;

#[cfg(test)]
pub(crate) mod tests;

use crate::audit;
use crate::error::{CoreError, Result};
use crate::store::{now_text, Store};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The audit `source` of cluster edits and of the enterprises that follow a rename.
pub const CLUSTER_SOURCE: &str = "特色产业集群";

/// Longest cluster name accepted (the seeded ones are at most 8 characters).
const NAME_MAX: usize = 40;

/// One cluster as the list and the page show it.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct Cluster {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub county: Option<String>,
    /// Enterprises of the pool labelled with this cluster.
    #[ts(type = "number")]
    pub enterprises: i64,
    /// Of them on the “领跑者” list now.
    #[ts(type = "number")]
    pub leaders: i64,
    /// Whether a 一群一策 plan is saved.
    pub has_plan: bool,
    /// In the bin since (none: in use).
    pub deleted_at: Option<String>,
    pub deleted_by: Option<String>,
}

/// One rename of a cluster.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ClusterRename {
    pub old_name: String,
    pub new_name: String,
    pub renamed_at: String,
    pub operator: String,
    /// How many enterprises followed it.
    #[ts(type = "number")]
    pub enterprises: i64,
}

const SELECT: &str = "SELECT c.id, c.name, c.county,
        (SELECT count(*) FROM enterprises e WHERE e.cluster = c.name),
        (SELECT count(*) FROM enterprises e WHERE e.cluster = c.name AND e.is_leader = 1),
        EXISTS(SELECT 1 FROM cluster_plans p WHERE p.cluster_id = c.id),
        c.deleted_at, c.deleted_by
     FROM clusters c LEFT JOIN counties k ON k.name = c.county";

fn cluster_row(r: &rusqlite::Row) -> rusqlite::Result<Cluster> {
    Ok(Cluster {
        id: r.get(0)?,
        name: r.get(1)?,
        county: r.get(2)?,
        enterprises: r.get(3)?,
        leaders: r.get(4)?,
        has_plan: r.get(5)?,
        deleted_at: r.get(6)?,
        deleted_by: r.get(7)?,
    })
}

/// The clusters in county order (those of no county last); the ones in the bin only when asked.
pub fn list_clusters(store: &Store, deleted: bool) -> Result<Vec<Cluster>> {
    let sql = format!("{SELECT} WHERE (c.deleted_at IS NOT NULL) = ?1 ORDER BY k.sort IS NULL, k.sort, c.name");
    let mut stmt = store.conn.prepare(&sql)?;
    let rows = stmt.query_map([deleted], cluster_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn find(conn: &Connection, id: i64) -> Result<Cluster> {
    conn.query_row(&format!("{SELECT} WHERE c.id = ?1"), [id], cluster_row)
        .optional()?
        .ok_or_else(|| CoreError::NotFound(format!("没有编号为 {id} 的特色产业集群，可能已被删除")))
}

pub fn get_cluster(store: &Store, id: i64) -> Result<Cluster> {
    find(&store.conn, id)
}

/// The cluster of this name (in use or in the bin), for the command line.
pub fn cluster_by_name(store: &Store, name: &str) -> Result<Cluster> {
    let id: Option<i64> = store.conn.query_row("SELECT id FROM clusters WHERE name = ?1", [name.trim()], |r| r.get(0)).optional()?;
    match id {
        Some(id) => find(&store.conn, id),
        None => Err(CoreError::NotFound(format!("没有名为“{}”的特色产业集群", name.trim()))),
    }
}

/// Every rename of the cluster, the latest first.
pub fn renames(store: &Store, id: i64) -> Result<Vec<ClusterRename>> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT old_name, new_name, renamed_at, operator, enterprises FROM cluster_renames WHERE cluster_id = ?1 ORDER BY renamed_at DESC, id DESC",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(ClusterRename { old_name: r.get(0)?, new_name: r.get(1)?, renamed_at: r.get(2)?, operator: r.get(3)?, enterprises: r.get(4)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A name as stored: trimmed, not empty, not too long, not another cluster's.
fn checked_name(conn: &Connection, name: &str, except: Option<i64>) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CoreError::Invalid("请填写集群名称".into()));
    }
    if name.chars().count() > NAME_MAX {
        return Err(CoreError::Invalid(format!("集群名称“{name}”过长（不超过 {NAME_MAX} 个字）")));
    }
    let other: Option<(i64, Option<String>)> =
        conn.query_row("SELECT id, deleted_at FROM clusters WHERE name = ?1", [name], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    match other {
        Some((id, _)) if Some(id) == except => Ok(name.to_string()),
        Some((_, Some(_))) => Err(CoreError::Invalid(format!("回收站中已有名为“{name}”的集群，请恢复它或换一个名称"))),
        Some(_) => Err(CoreError::Invalid(format!("已有名为“{name}”的集群"))),
        None => Ok(name.to_string()),
    }
}

/// A county as stored: one of the official names, or none.
fn checked_county(conn: &Connection, county: Option<&str>) -> Result<Option<String>> {
    let Some(c) = county.map(str::trim).filter(|c| !c.is_empty()) else { return Ok(None) };
    let known: bool = conn.query_row("SELECT EXISTS(SELECT 1 FROM counties WHERE name = ?1)", [c], |r| r.get(0))?;
    if known {
        Ok(Some(c.to_string()))
    } else {
        Err(CoreError::Invalid(format!("“{c}”不是邢台市的县（市、区）名称（如 清河县、南和区、沙河市）")))
    }
}

pub(crate) fn in_use(conn: &Connection, id: i64) -> Result<Cluster> {
    let c = find(conn, id)?;
    if c.deleted_at.is_some() {
        return Err(CoreError::Invalid(format!("集群“{}”在回收站中，请先恢复", c.name)));
    }
    Ok(c)
}

fn stamp(store: &Store) -> Result<audit::Stamp> {
    Ok(audit::Stamp::new(now_text(), store.operator()?, CLUSTER_SOURCE))
}

/// Adds a cluster.
pub fn add_cluster(store: &mut Store, name: &str, county: Option<&str>) -> Result<Cluster> {
    let stamp = stamp(store)?;
    let tx = store.conn.transaction()?;
    let name = checked_name(&tx, name, None)?;
    let county = checked_county(&tx, county)?;
    tx.execute("INSERT INTO clusters(name, county, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)", params![name, county, stamp.at])?;
    let id = tx.last_insert_rowid();
    audit::record(&tx, &stamp, audit::Entry::row("insert", "clusters", &name).values(None, county.as_deref().or(Some(""))))?;
    tx.commit()?;
    get_cluster(store, id)
}

/// Renames a cluster: its enterprises follow (each audited), the rename is kept in its history.
pub fn rename_cluster(store: &mut Store, id: i64, new_name: &str) -> Result<Cluster> {
    let stamp = stamp(store)?;
    let tx = store.conn.transaction()?;
    let old = in_use(&tx, id)?;
    let new_name = checked_name(&tx, new_name, Some(id))?;
    if new_name == old.name {
        return Err(CoreError::Invalid(format!("新名称与原名称“{}”相同", old.name)));
    }
    let members: Vec<String> = tx
        .prepare("SELECT uscc FROM enterprises WHERE cluster = ?1 ORDER BY id")?
        .query_map([&old.name], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tx.execute("UPDATE clusters SET name = ?1, updated_at = ?2 WHERE id = ?3", params![new_name, stamp.at, id])?;
    tx.execute("UPDATE enterprises SET cluster = ?1, updated_at = ?2 WHERE cluster = ?3", params![new_name, stamp.at, old.name])?;
    tx.execute(
        "INSERT INTO cluster_renames(cluster_id, old_name, new_name, renamed_at, operator, enterprises) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, old.name, new_name, stamp.at, stamp.operator, members.len() as i64],
    )?;
    audit::record(&tx, &stamp, audit::Entry::row("update", "clusters", &new_name).field("name", Some(&old.name), Some(&new_name)))?;
    let follow = audit::Stamp::new(stamp.at.clone(), stamp.operator.clone(), format!("{CLUSTER_SOURCE}改名"));
    for uscc in &members {
        audit::record(&tx, &follow, audit::Entry::row("update", "enterprises", uscc).field("cluster", Some(&old.name), Some(&new_name)))?;
    }
    tx.commit()?;
    get_cluster(store, id)
}

/// Moves a cluster to a county (or to none).
pub fn set_cluster_county(store: &mut Store, id: i64, county: Option<&str>) -> Result<Cluster> {
    let stamp = stamp(store)?;
    let tx = store.conn.transaction()?;
    let c = in_use(&tx, id)?;
    let county = checked_county(&tx, county)?;
    if county != c.county {
        tx.execute("UPDATE clusters SET county = ?1, updated_at = ?2 WHERE id = ?3", params![county, stamp.at, id])?;
        audit::record(&tx, &stamp, audit::Entry::row("update", "clusters", &c.name).field("county", c.county.as_deref(), county.as_deref()))?;
    }
    tx.commit()?;
    get_cluster(store, id)
}

/// Moves a cluster with its plan and rename history into the bin; refused while enterprises are in it.
pub fn delete_cluster(store: &mut Store, id: i64) -> Result<Cluster> {
    let stamp = stamp(store)?;
    let tx = store.conn.transaction()?;
    let c = in_use(&tx, id)?;
    if c.enterprises > 0 {
        return Err(CoreError::Invalid(format!(
            "集群“{}”中还有 {} 家企业，不能删除；请先把这些企业改到其他集群（企业库 → 批量修改 → 集群）",
            c.name, c.enterprises
        )));
    }
    tx.execute("UPDATE clusters SET deleted_at = ?1, deleted_by = ?2 WHERE id = ?3", params![stamp.at, stamp.operator, id])?;
    audit::record(&tx, &stamp, audit::Entry::row("delete", "clusters", &c.name).values(Some(&c.name), Some("回收站")))?;
    tx.commit()?;
    get_cluster(store, id)
}

/// Takes a cluster out of the bin as it was.
pub fn restore_cluster(store: &mut Store, id: i64) -> Result<Cluster> {
    let stamp = stamp(store)?;
    let tx = store.conn.transaction()?;
    let c = find(&tx, id)?;
    if c.deleted_at.is_none() {
        return Err(CoreError::Invalid(format!("集群“{}”不在回收站中", c.name)));
    }
    tx.execute("UPDATE clusters SET deleted_at = NULL, deleted_by = NULL, updated_at = ?1 WHERE id = ?2", params![stamp.at, id])?;
    audit::record(&tx, &stamp, audit::Entry::row("restore", "clusters", &c.name).values(None, Some(&c.name)))?;
    tx.commit()?;
    get_cluster(store, id)
}
