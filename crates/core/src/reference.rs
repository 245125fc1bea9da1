//! Reference lists the UI offers in drop-downs: counties (official names) and clusters.
use crate::error::Result;
use crate::store::Store;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct County {
    pub name: String,
    pub kind: String,
}

pub fn list_counties(store: &Store) -> Result<Vec<County>> {
    let mut stmt = store.conn.prepare_cached("SELECT name, kind FROM counties ORDER BY sort")?;
    let rows = stmt.query_map([], |r| Ok(County { name: r.get(0)?, kind: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn list_clusters(store: &Store) -> Result<Vec<String>> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT c.name FROM clusters c LEFT JOIN counties k ON k.name = c.county WHERE c.deleted_at IS NULL ORDER BY k.sort, c.name",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
