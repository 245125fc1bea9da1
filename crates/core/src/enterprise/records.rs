//! The records that belong to an enterprise: every row of every table whose foreign key leads to
//! it (figures, 一企一策, problems and their progress, stage history …), found from the schema
//! itself so a table added later is covered too; taken whole as JSON and put back.
use crate::enterprise::snapshot::{to_json, to_sql};
use crate::error::Result;
use rusqlite::types::Value as SqlValue;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use std::collections::BTreeMap;

/// A table that refers to `parent` through `column`.
#[derive(Debug, Clone, PartialEq)]
pub struct Child {
    pub table: String,
    pub column: String,
    pub parent: String,
}

/// What people call the rows of a table.
pub fn table_label(table: &str) -> String {
    match table {
        "enterprises" => "企业".into(),
        "enterprise_figures" => "年度数据".into(),
        "plans" | "enterprise_plans" => "一企一策".into(),
        "problems" => "问题台账".into(),
        "problem_progress" => "问题办理进展".into(),
        "problem_transitions" => "问题流转记录".into(),
        "listing_stage_history" => "上市进展变动记录".into(),
        "list_memberships" => "入库、领跑者等名单记录".into(),
        "qualifications" => "资质证书".into(),
        other => other.into(),
    }
}

/// Every table below `root`, parents before children (problems before problem_progress).
pub fn children(conn: &Connection, root: &str) -> Result<Vec<Child>> {
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tables.retain(|t| t != root);
    let mut out: Vec<Child> = Vec::new();
    let mut parents = vec![root.to_string()];
    while let Some(parent) = parents.pop() {
        for t in &tables {
            let mut stmt = conn.prepare(&format!("PRAGMA foreign_key_list(\"{t}\")"))?;
            let fks = stmt.query_map([], |r| Ok((r.get::<_, String>(2)?, r.get::<_, String>(3)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
            for (to, column) in fks.into_iter().filter(|(to, _)| *to == parent) {
                if !out.iter().any(|c| &c.table == t) {
                    out.push(Child { table: t.clone(), column, parent: to });
                    parents.push(t.clone());
                }
            }
        }
    }
    Ok(out)
}

/// The number of rows of each table below the enterprise (tables with none left out).
pub fn counts(conn: &Connection, id: i64) -> Result<Vec<(String, i64)>> {
    let rows = take(conn, id)?;
    Ok(rows.tables.into_iter().filter(|(t, r)| t != "enterprises" && !r.is_empty()).map(|(t, r)| (t, r.len() as i64)).collect())
}

/// An enterprise and everything below it, table by table, as stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Records {
    pub tables: BTreeMap<String, Vec<Map<String, Json>>>,
}

fn select(conn: &Connection, table: &str, column: &str, ids: &[Json]) -> Result<Vec<Map<String, Json>>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\" WHERE \"{column}\" = ?1 ORDER BY rowid"))?;
    let names: Vec<String> = stmt.column_names().into_iter().map(|s| s.to_string()).collect();
    for id in ids {
        let rows = stmt.query_map([to_sql(id)], |r| {
            let mut m = Map::new();
            for (i, n) in names.iter().enumerate() {
                m.insert(n.clone(), to_json(r.get::<_, SqlValue>(i)?));
            }
            Ok(m)
        })?;
        out.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
    }
    Ok(out)
}

/// The enterprise `id` and every row below it.
pub fn take(conn: &Connection, id: i64) -> Result<Records> {
    let mut tables = BTreeMap::new();
    tables.insert("enterprises".to_string(), select(conn, "enterprises", "id", &[Json::from(id)])?);
    for c in children(conn, "enterprises")? {
        let parent_ids: Vec<Json> = tables.get(&c.parent).map(|rows: &Vec<Map<String, Json>>| rows.iter().filter_map(|r| r.get("id").cloned()).collect()).unwrap_or_default();
        tables.insert(c.table.clone(), select(conn, &c.table, &c.column, &parent_ids)?);
    }
    Ok(Records { tables })
}

/// Writes the records back: rows keep their ids where those are free, otherwise they get new
/// ones and the rows below follow. Rows the enterprise's own insert adds (stage history by
/// trigger) are replaced by the ones kept. Returns the enterprise's id.
pub fn put_back(conn: &Connection, records: &Records) -> Result<i64> {
    let mut order = vec![Child { table: "enterprises".into(), column: String::new(), parent: String::new() }];
    order.extend(children(conn, "enterprises")?);
    let mut new_ids: BTreeMap<(String, i64), i64> = BTreeMap::new();
    let mut enterprise_id = 0;
    for c in &order {
        let Some(rows) = records.tables.get(&c.table) else { continue };
        if c.table != "enterprises" && enterprise_id != 0 && c.parent == "enterprises" {
            conn.execute(&format!("DELETE FROM \"{}\" WHERE \"{}\" = ?1", c.table, c.column), [enterprise_id])?;
        }
        for row in rows {
            let mut row = row.clone();
            if !c.column.is_empty() {
                let old = row.get(&c.column).and_then(Json::as_i64).unwrap_or(0);
                if let Some(n) = new_ids.get(&(c.parent.clone(), old)) {
                    row.insert(c.column.clone(), Json::from(*n));
                }
            }
            let old_id = row.get("id").and_then(Json::as_i64);
            if let Some(old) = old_id {
                let taken: bool = conn.query_row(&format!("SELECT EXISTS(SELECT 1 FROM \"{}\" WHERE id = ?1)", c.table), [old], |r| r.get(0))?;
                if taken {
                    row.remove("id");
                }
            }
            let cols: Vec<&String> = row.keys().collect();
            let names = cols.iter().map(|k| format!("\"{k}\"")).collect::<Vec<_>>().join(", ");
            let marks = vec!["?"; cols.len()].join(", ");
            let params: Vec<SqlValue> = cols.iter().map(|k| to_sql(&row[*k])).collect();
            conn.execute(&format!("INSERT INTO \"{}\" ({names}) VALUES ({marks})", c.table), rusqlite::params_from_iter(params))?;
            let id = conn.last_insert_rowid();
            if let Some(old) = old_id {
                new_ids.insert((c.table.clone(), old), id);
            }
            if c.table == "enterprises" {
                enterprise_id = id;
            }
        }
    }
    Ok(enterprise_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_below_an_enterprise_is_found_parents_first() {
        let s = crate::Store::open_in_memory().unwrap();
        let got: Vec<(String, String)> = children(&s.conn, "enterprises").unwrap().into_iter().map(|c| (c.table, c.parent)).collect();
        for want in ["enterprise_figures", "enterprise_plans", "problems", "listing_stage_history", "problem_progress", "problem_transitions"] {
            assert!(got.iter().any(|(t, _)| t == want), "{want} in {got:?}");
        }
        let at = |t: &str| got.iter().position(|(x, _)| x == t).unwrap();
        assert!(at("problems") < at("problem_progress"));
        assert_eq!(got[at("problem_progress")].1, "problems");
    }
}
