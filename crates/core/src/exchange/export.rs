//! Writing a package: which way it goes (from this installation's unit), which records it
//! carries, the manifest with the content hash and the package it follows; recorded as sent.
use super::import::KindCount;
use super::kinds::{key_text, Records, Scope};
use super::package::{self, Manifest};
use super::unit::{is_county, unit, CITY};
use crate::error::{CoreError, Result};
use crate::store::{now_text, Store};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// What an export wrote.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export, rename = "PackageExport")]
pub struct ExportReport {
    pub path: String,
    pub manifest: Manifest,
    /// Records per type (only `new` is used: the number carried).
    pub counts: Vec<KindCount>,
}

/// The enterprises of a county, by id.
fn enterprises_of(store: &Store, county: &str) -> Result<Vec<i64>> {
    let mut stmt = store.conn.prepare("SELECT id FROM enterprises WHERE county = ?1 ORDER BY id")?;
    let ids = stmt.query_map([county], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

/// The clusters of a county, by id; with `citys`, also those of no county (the city's own).
fn clusters_of(store: &Store, county: &str, citys: bool) -> Result<Vec<i64>> {
    let mut stmt = store.conn.prepare("SELECT id FROM clusters WHERE county = ?1 OR (?2 AND county IS NULL) ORDER BY id")?;
    let ids = stmt.query_map(rusqlite::params![county, citys], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

/// (kind, sender, receiver, scope) of the package this installation writes for `county`.
fn direction(store: &Store, county: Option<&str>) -> Result<(&'static str, String, String, Scope)> {
    let county = county.map(str::trim).filter(|c| !c.is_empty());
    if let Some(c) = county {
        if !is_county(store, c)? {
            return Err(CoreError::Invalid(format!("“{c}”不是县（市、区）的正式名称（如 清河县、任泽区、邢台经济开发区）")));
        }
    }
    let mine = unit(store)?;
    match mine.as_deref() {
        Some(CITY) => {
            let c = county.ok_or_else(|| CoreError::Invalid("本机单位是市工信局：请用 --county 指定下发给哪个县（市、区）".into()))?;
            let plan = crate::work_plans::current_plan_id(store)?;
            let scope = Scope {
                enterprises: enterprises_of(store, c)?,
                plans: vec![plan],
                county_targets_of: Some(c.to_string()),
                county_rows_of: None,
                clusters: clusters_of(store, c, true)?,
            };
            Ok(("down", CITY.to_string(), c.to_string(), scope))
        }
        Some(me) => {
            if let Some(c) = county.filter(|c| *c != me) {
                return Err(CoreError::Invalid(format!("本机单位是{me}，只能导出本县（市、区）的上报数据包，不能导出{c}的")));
            }
            let scope = Scope { enterprises: enterprises_of(store, me)?, county_rows_of: Some(me.to_string()), clusters: clusters_of(store, me, false)?, ..Scope::default() };
            Ok(("up", me.to_string(), CITY.to_string(), scope))
        }
        None => {
            let c = county.ok_or_else(|| CoreError::Invalid("尚未设置本机单位：请先在“数据交换”中选择本机单位，或用 --county 指定报送数据的县（市、区）".into()))?;
            let scope = Scope { enterprises: enterprises_of(store, c)?, county_rows_of: Some(c.to_string()), clusters: clusters_of(store, c, false)?, ..Scope::default() };
            Ok(("up", c.to_string(), CITY.to_string(), scope))
        }
    }
}

/// Now with milliseconds, so that two packages of one minute keep their order.
pub(crate) fn created_now() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%.3f").to_string()
}

/// Writes the package this installation sends (for `county` where it must be named) to `out`.
pub fn export_package(store: &Store, county: Option<&str>, out: &Path) -> Result<ExportReport> {
    let (kind, sender, receiver, scope) = direction(store, county)?;
    let mut reader = Records::new(&store.conn)?;
    let records = reader.collect(&scope)?;
    let rows = package::texts(&records);
    let sha = package::content_hash(&rows);
    let follows: Option<String> = store
        .conn
        .query_row(
            "SELECT sha256 FROM exchange_packages WHERE direction = 'sent' AND sender = ?1 AND receiver = ?2 ORDER BY id DESC LIMIT 1",
            [&sender, &receiver],
            |r| r.get(0),
        )
        .optional()?;
    let current_plan = match scope.plans.first() {
        Some(id) => reader.key_of("work_plan", *id)?.map(|k| key_text(&k)),
        None => None,
    };
    let manifest = Manifest {
        format: package::FORMAT,
        kind: kind.into(),
        sender: sender.clone(),
        receiver: receiver.clone(),
        created_at: created_now(),
        app_version: env!("CARGO_PKG_VERSION").into(),
        schema_version: crate::store::schema_version(&store.conn)?,
        content_sha256: sha.clone(),
        follows: follows.clone(),
        current_plan,
        records: rows.len() as i64,
    };
    package::write(out, &manifest, &rows)?;
    let mut counts: Vec<KindCount> = Vec::new();
    for spec in &reader.specs {
        let n = records.iter().filter(|r| r.kind == spec.kind).count() as i64;
        if n > 0 {
            counts.push(KindCount { kind: spec.kind.clone(), label: spec.label.clone(), new: n, ..KindCount::default() });
        }
    }
    let file_name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tx = store.conn.unchecked_transaction()?;
    {
        let mut put = tx.prepare_cached(
            "INSERT INTO exchange_base(peer, direction, kind, key, body) VALUES (?1, 'sent', ?2, ?3, ?4)
             ON CONFLICT(peer, direction, kind, key) DO UPDATE SET body = excluded.body",
        )?;
        for (kind, key, body) in &rows {
            put.execute([&receiver, kind, key, body])?;
        }
    }
    tx.execute(
        "INSERT INTO exchange_packages(direction, kind, sender, receiver, sha256, created_at, follows, file_name, counts, operator, at)
         VALUES ('sent', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        rusqlite::params![kind, sender, receiver, sha, manifest.created_at, follows, file_name, serde_json::to_string(&counts)?, store.operator()?, now_text()],
    )?;
    tx.commit()?;
    Ok(ExportReport { path: out.display().to_string(), manifest, counts })
}
