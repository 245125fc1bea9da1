//! The WHERE clause of a list query, built from optional filters (pool, ledger, audit log):
//! clauses joined by AND, their parameters in order, the total count, LIKE escaping; and the
//! one paging shape every list takes.
use crate::error::Result;
use rusqlite::types::Value;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Default)]
pub struct Filter {
    clauses: Vec<String>,
    pub params: Vec<Value>,
}

/// A filter value as given by the UI or CLI: trimmed, none when blank.
pub fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// `s` with LIKE's wildcards escaped (use with `ESCAPE '\'`).
pub fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

impl Filter {
    /// Adds a clause with its parameters.
    pub fn add(&mut self, clause: &str, params: impl IntoIterator<Item = Value>) {
        self.clauses.push(clause.to_string());
        self.params.extend(params);
    }

    /// Adds `clause` with one text parameter when `value` is given.
    pub fn text(&mut self, clause: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.add(clause, [Value::Text(v.to_string())]);
        }
    }

    /// " WHERE a AND b", or "" without clauses.
    pub fn where_sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }

    /// `SELECT count(*) FROM <from_sql>` with this filter.
    pub fn count(&self, conn: &Connection, from_sql: &str) -> Result<i64> {
        let sql = format!("SELECT count(*) FROM {from_sql}{}", self.where_sql());
        Ok(conn.query_row(&sql, rusqlite::params_from_iter(self.params.iter()), |r| r.get(0))?)
    }

    /// The parameters followed by LIMIT and OFFSET (none = all rows).
    pub fn page_params(&self, paging: &Paging) -> Vec<Value> {
        let mut params = self.params.clone();
        params.push(Value::Integer(paging.limit.unwrap_or(-1)));
        params.push(Value::Integer(paging.offset.unwrap_or(0)));
        params
    }
}

/// Which rows of a list a page shows: skip `offset`, then at most `limit` (none = all). Every
/// paged query of the app takes this one shape.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Paging {
    #[ts(optional)]
    pub offset: Option<i64>,
    #[ts(optional)]
    pub limit: Option<i64>,
}

impl Paging {
    pub fn new(offset: i64, limit: i64) -> Self {
        Paging { offset: Some(offset), limit: Some(limit) }
    }

    /// The half-open range of `total` items this page covers.
    pub fn range(&self, total: usize) -> std::ops::Range<usize> {
        let start = (self.offset.unwrap_or(0).max(0) as usize).min(total);
        let end = self.limit.map_or(total, |l| (start + l.max(0) as usize).min(total));
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_join_and_count() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t(a TEXT); INSERT INTO t VALUES ('x'), ('y'), ('50%');").unwrap();
        let mut f = Filter::default();
        assert_eq!(f.where_sql(), "");
        assert_eq!(f.count(&conn, "t").unwrap(), 3);
        f.text("a = ?", given(&Some(" x ".into())));
        f.text("a = ?", given(&Some("  ".into())));
        assert_eq!(f.where_sql(), " WHERE a = ?");
        assert_eq!(f.count(&conn, "t").unwrap(), 1);
        let mut f = Filter::default();
        f.add("a LIKE ? ESCAPE '\\'", [Value::Text(format!("%{}", like_escape("0%")))]);
        assert_eq!(f.count(&conn, "t").unwrap(), 1);
        assert_eq!(f.page_params(&Paging { offset: None, limit: Some(10) }).len(), 3);
    }
}
