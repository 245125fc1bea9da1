//! An enterprise's full stored state (its row and all its yearly figures) as JSON: taken
//! before an import touches it, and written back by undo.
use crate::error::Result;
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub enterprise: Map<String, Json>,
    pub figures: Vec<Map<String, Json>>,
}

impl Snapshot {
    pub fn id(&self) -> i64 {
        self.enterprise.get("id").and_then(Json::as_i64).unwrap_or(0)
    }
    pub fn figures_of(&self, year: i64) -> Option<&Map<String, Json>> {
        self.figures.iter().find(|f| f.get("year").and_then(Json::as_i64) == Some(year))
    }
}

/// A stored SQLite value as JSON (blobs as lossy text).
pub(crate) fn to_json(v: SqlValue) -> Json {
    match v {
        SqlValue::Null => Json::Null,
        SqlValue::Integer(i) => Json::from(i),
        SqlValue::Real(r) => serde_json::Number::from_f64(r).map(Json::Number).unwrap_or(Json::Null),
        SqlValue::Text(t) => Json::String(t),
        SqlValue::Blob(b) => Json::String(String::from_utf8_lossy(&b).into_owned()),
    }
}

pub fn to_sql(v: &Json) -> SqlValue {
    match v {
        Json::Null => SqlValue::Null,
        Json::Bool(b) => SqlValue::Integer(*b as i64),
        Json::Number(n) => n.as_i64().map(SqlValue::Integer).unwrap_or_else(|| SqlValue::Real(n.as_f64().unwrap_or(0.0))),
        Json::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

fn rows_as_maps(conn: &Connection, sql: &str, param: &dyn rusqlite::ToSql) -> Result<Vec<Map<String, Json>>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let names: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
    let rows = stmt.query_map([param], |r| {
        let mut m = Map::new();
        for (i, n) in names.iter().enumerate() {
            m.insert(n.clone(), to_json(r.get::<_, SqlValue>(i)?));
        }
        Ok(m)
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The stored state of the enterprise with this USCC, if any.
pub fn load(conn: &Connection, uscc: &str) -> Result<Option<Snapshot>> {
    let id: Option<i64> = conn.prepare_cached("SELECT id FROM enterprises WHERE uscc = ?1")?.query_row([uscc], |r| r.get(0)).optional()?;
    let Some(id) = id else { return Ok(None) };
    load_id(conn, id)
}

/// The stored state of the enterprise with this id, if any.
pub fn load_id(conn: &Connection, id: i64) -> Result<Option<Snapshot>> {
    let mut rows = rows_as_maps(conn, "SELECT * FROM enterprises WHERE id = ?1", &id)?;
    let figures = rows_as_maps(conn, "SELECT * FROM enterprise_figures WHERE enterprise_id = ?1 ORDER BY year", &id)?;
    Ok(rows.pop().map(|enterprise| Snapshot { enterprise, figures }))
}

/// Writes a snapshot back: every column of the enterprise row, and exactly its figures.
pub fn restore(conn: &Connection, snap: &Snapshot) -> Result<()> {
    let id = snap.id();
    let cols: Vec<&String> = snap.enterprise.keys().filter(|k| *k != "id").collect();
    let sets = cols.iter().map(|c| format!("\"{c}\" = ?")).collect::<Vec<_>>().join(", ");
    let mut params: Vec<SqlValue> = cols.iter().map(|c| to_sql(&snap.enterprise[*c])).collect();
    params.push(SqlValue::Integer(id));
    conn.execute(&format!("UPDATE enterprises SET {sets} WHERE id = ?"), rusqlite::params_from_iter(params))?;
    conn.execute("DELETE FROM enterprise_figures WHERE enterprise_id = ?1", [id])?;
    for f in &snap.figures {
        let cols: Vec<&String> = f.keys().collect();
        let names = cols.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
        let marks = vec!["?"; cols.len()].join(", ");
        let params: Vec<SqlValue> = cols.iter().map(|c| to_sql(&f[*c])).collect();
        conn.execute(&format!("INSERT INTO enterprise_figures ({names}) VALUES ({marks})"), rusqlite::params_from_iter(params))?;
    }
    Ok(())
}

/// `json_object('col', alias."col", …)` over every column of `table`.
fn json_row(conn: &Connection, table: &str, alias: &str) -> Result<String> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info(\"{table}\")"))?;
    let cols = stmt.query_map([], |r| r.get::<_, String>(1))?.collect::<rusqlite::Result<Vec<_>>>()?;
    let pairs: Vec<String> = cols.iter().map(|c| format!("'{c}', {alias}.\"{c}\"")).collect();
    Ok(format!("json_object({})", pairs.join(", ")))
}

/// Keeps in `import_changes.after` the state every enterprise of this import has once it is
/// written (the values undo compares with), in one statement for the whole import.
pub fn record_after(conn: &Connection, import_id: i64) -> Result<()> {
    let (e, f) = (json_row(conn, "enterprises", "e")?, json_row(conn, "enterprise_figures", "f")?);
    let sql = format!(
        "UPDATE import_changes SET after = json_object(
           'enterprise', json((SELECT {e} FROM enterprises e WHERE e.id = import_changes.enterprise_id)),
           'figures', json(coalesce((SELECT json_group_array(json(x)) FROM (SELECT {f} AS x FROM enterprise_figures f
                        WHERE f.enterprise_id = import_changes.enterprise_id ORDER BY f.year)), '[]')))
         WHERE import_id = ?1"
    );
    conn.execute(&sql, [import_id])?;
    Ok(())
}

/// Two stored values are the same: equal numbers (within rounding), texts, or both blank.
pub fn same_value(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0),
            _ => false,
        },
        (Json::Bool(x), Json::Number(y)) | (Json::Number(y), Json::Bool(x)) => y.as_i64() == Some(*x as i64),
        _ => a == b,
    }
}

/// Adds a snapshot's enterprise again (under its old id when that is free) with its figures;
/// returns the id it got.
pub fn insert(conn: &Connection, snap: &Snapshot) -> Result<i64> {
    let taken: bool = conn.query_row("SELECT EXISTS(SELECT 1 FROM enterprises WHERE id = ?1)", [snap.id()], |r| r.get(0))?;
    let cols: Vec<&String> = snap.enterprise.keys().filter(|k| !(taken && *k == "id")).collect();
    let names = cols.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
    let marks = vec!["?"; cols.len()].join(", ");
    let params: Vec<SqlValue> = cols.iter().map(|c| to_sql(&snap.enterprise[*c])).collect();
    conn.execute(&format!("INSERT INTO enterprises ({names}) VALUES ({marks})"), rusqlite::params_from_iter(params))?;
    let id = conn.last_insert_rowid();
    let mut again = snap.clone();
    again.enterprise.insert("id".into(), Json::from(id));
    for f in again.figures.iter_mut() {
        f.insert("enterprise_id".into(), Json::from(id));
    }
    restore(conn, &again)?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_round_trips() {
        let s = crate::Store::open_in_memory().unwrap();
        s.conn
            .execute_batch(
                "INSERT INTO enterprises(id, uscc, name, county, registered_capital_wan, specialized, extra, created_at, updated_at)
                   VALUES (7, '91130506MA01RRJY81', '甲', '南和区', 2600.5, 1, '{\"规模\":\"中型\"}', 't0', 't0');
                 INSERT INTO enterprise_figures(enterprise_id, year, revenue_wan, invention_patents) VALUES (7, 2022, 100.25, 3), (7, 2021, 90, NULL);",
            )
            .unwrap();
        let before = load(&s.conn, "91130506MA01RRJY81").unwrap().unwrap();
        assert_eq!(before.id(), 7);
        assert_eq!(before.figures.len(), 2);
        s.conn
            .execute_batch(
                "UPDATE enterprises SET name = '乙', county = NULL, extra = '{}' WHERE id = 7;
                 DELETE FROM enterprise_figures WHERE year = 2021;
                 INSERT INTO enterprise_figures(enterprise_id, year, revenue_wan) VALUES (7, 2023, 5);",
            )
            .unwrap();
        restore(&s.conn, &before).unwrap();
        assert_eq!(load(&s.conn, "91130506MA01RRJY81").unwrap().unwrap(), before);
        assert!(load(&s.conn, "911305067568074885").unwrap().is_none());
    }
}

/// A stored value as the audit log and history show it (是/否, plain numbers); `flag` reads a
/// 0/1 number as 是/否.
pub(crate) fn display_json(v: &Json, flag: bool) -> Option<String> {
    use crate::sheet::report::FieldValue;
    let fv = match v {
        Json::Null => return None,
        Json::Number(n) if flag => FieldValue::Bool(n.as_i64() == Some(1)),
        Json::Bool(b) => FieldValue::Bool(*b),
        Json::Number(n) if n.is_i64() => FieldValue::Int(n.as_i64().unwrap_or(0)),
        Json::Number(n) => FieldValue::Real(n.as_f64().unwrap_or(0.0)),
        Json::String(s) => FieldValue::Text(s.clone()),
        other => FieldValue::Text(other.to_string()),
    };
    Some(fv.display())
}
