//! The schema objects (tables, indexes, triggers, views) the migrations create at each version,
//! compared with a store file's: a backup whose schema was changed by hand or by another program
//! (an extra trigger or view, a missing index, a table of other columns) is not restored.
use super::migrate;
use crate::error::Result;
use rusqlite::Connection;
use std::collections::BTreeMap;

/// type + name → the object's SQL with whitespace and quotes evened out.
type Objects = BTreeMap<(String, String), String>;

fn objects(conn: &Connection) -> Result<Objects> {
    let mut stmt = conn.prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")?;
    let rows = stmt.query_map([], |r| Ok(((r.get::<_, String>(0)?, r.get::<_, String>(1)?), even(&r.get::<_, String>(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// SQL compared without its layout: runs of whitespace as one space, no identifier quotes.
fn even(sql: &str) -> String {
    sql.replace(['"', '`'], "").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn kind(t: &str) -> &str {
    match t {
        "table" => "表",
        "index" => "索引",
        "trigger" => "触发器",
        "view" => "视图",
        other => other,
    }
}

/// How the schema of `conn` differs from what the migrations create at `version`, as Chinese
/// sentences (empty when it is the same).
pub fn differences(conn: &Connection, version: i64) -> Result<Vec<String>> {
    let reference = Connection::open_in_memory()?;
    migrate::apply_up_to(&reference, version)?;
    let (want, got) = (objects(&reference)?, objects(conn)?);
    let mut out = Vec::new();
    for ((t, name), sql) in &got {
        match want.get(&(t.clone(), name.clone())) {
            None => out.push(format!("多出{} {name}（本程序的数据库结构中没有）", kind(t))),
            Some(w) if w != sql => out.push(format!("{} {name} 的定义与本程序的数据库结构不同", kind(t))),
            Some(_) => {}
        }
    }
    for (t, name) in want.keys().filter(|k| !got.contains_key(*k)) {
        out.push(format!("缺少{} {name}", kind(t)));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_store_matches_and_an_added_trigger_or_view_does_not() {
        let s = crate::Store::open_in_memory().unwrap();
        let v = migrate::schema_version(&s.conn).unwrap();
        assert_eq!(differences(&s.conn, v).unwrap(), Vec::<String>::new());
        s.conn.execute_batch("CREATE VIEW v AS SELECT 1; CREATE TRIGGER t AFTER INSERT ON settings BEGIN DELETE FROM enterprises; END; DROP INDEX enterprises_name;").unwrap();
        let d = differences(&s.conn, v).unwrap();
        assert!(d.iter().any(|p| p.contains("多出视图 v")), "{d:?}");
        assert!(d.iter().any(|p| p.contains("多出触发器 t")), "{d:?}");
        assert!(d.iter().any(|p| p.contains("缺少索引 enterprises_name")), "{d:?}");
    }
}
