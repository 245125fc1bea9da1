//! The record kinds a data package carries, each keyed by what it is (USCC, a plan's title and
//! period, a measure's numbers …) instead of the ids of one store, with local ids and foreign
//! keys left out of the body; reading them from a store, finding them again, writing them back.
use crate::enterprise::records;
use crate::enterprise::snapshot::{same_value, to_json, to_sql};
use crate::error::{CoreError, Result};
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value as Json};
use std::collections::{BTreeMap, HashMap};

/// A record's fields as carried: sorted by name, so that its JSON text is canonical.
pub type Body = BTreeMap<String, Json>;

/// A record's natural key: its parent's key followed by its own parts.
pub type Key = Vec<Json>;

/// Fields carried along but never compared: when and by whom a row was written.
pub const STAMPS: &[&str] = &["created_at", "updated_at", "operator", "entered_by"];

/// What an enterprise's free-form attributes (`extra`) become in a body: one field each.
pub const EXTRA_PREFIX: &str = "extra.";

/// Where a foreign key column points, translated to something every store shares.
#[derive(Debug, Clone, PartialEq)]
pub enum Ref {
    /// The key of a record of this kind (a problem's plan and measure).
    Kind(String),
    /// The referenced row's own content without its id (lookup tables of later migrations).
    Row(String),
}

/// How one kind of record is stored and keyed.
#[derive(Debug, Clone)]
pub struct Spec {
    pub kind: String,
    pub table: String,
    pub label: String,
    /// The parent kind and the column that points to it.
    pub parent: Option<(String, String)>,
    /// The columns of the key below the parent; empty for logs (keyed by their content).
    pub key_cols: Vec<String>,
    /// Append-only: the union of both sides' rows, never changed field by field.
    pub log: bool,
    pub refs: Vec<(String, Ref)>,
    /// Write order: parents first.
    pub order: u32,
}

fn spec(kind: &str, table: &str, label: &str, parent: Option<(&str, &str)>, key_cols: &[&str], log: bool, order: u32) -> Spec {
    Spec {
        kind: kind.into(),
        table: table.into(),
        label: label.into(),
        parent: parent.map(|(k, c)| (k.into(), c.into())),
        key_cols: key_cols.iter().map(|c| c.to_string()).collect(),
        log,
        refs: Vec::new(),
        order,
    }
}

/// Every kind this store knows: the fixed ones, and every other table below enterprises or
/// problems (found from the schema's foreign keys), carried as a log.
pub fn specs(conn: &Connection) -> Result<Vec<Spec>> {
    let mut out = vec![
        // The bureau's own kinds of qualification, before the certificates that name them.
        spec("qualification_kind", "qualification_kinds", "资质类型", None, &["name"], false, 9),
        spec("work_plan", "work_plans", "工作方案", None, &["title", "start_year", "end_year"], false, 10),
        spec("measure", "tasks", "工作措施", Some(("work_plan", "plan_id")), &["action_no", "measure_no"], false, 11),
        spec("indicator", "target_indicators", "目标指标", Some(("work_plan", "plan_id")), &["key"], false, 12),
        spec("target_value", "target_values", "指标目标值", Some(("work_plan", "plan_id")), &["indicator", "year"], false, 13),
        spec("county_target", "county_targets", "县区任务分解", Some(("work_plan", "plan_id")), &["indicator", "year", "county"], false, 14),
        spec("task_progress", "task_progress", "任务进展", Some(("measure", "task_id")), &["unit", "period"], false, 15),
        spec("county_entry", "county_entries", "县区指标填报值", Some(("work_plan", "plan_id")), &["indicator", "year", "county"], false, 16),
        spec("cluster", "clusters", "特色产业集群", None, &["name"], false, 17),
        spec("cluster_plan", "cluster_plans", "一群一策", Some(("cluster", "cluster_id")), &[], false, 18),
        spec("cluster_rename", "cluster_renames", "集群改名记录", Some(("cluster", "cluster_id")), &[], true, 19),
        spec("enterprise", "enterprises", "企业", None, &["uscc"], false, 20),
        spec("figures", "enterprise_figures", "年度数据", Some(("enterprise", "enterprise_id")), &["year"], false, 21),
        spec("enterprise_plan", "enterprise_plans", "一企一策", Some(("enterprise", "enterprise_id")), &["year"], false, 22),
        spec("problem", "problems", "问题台账", Some(("enterprise", "enterprise_id")), &["received_on", "description"], false, 23),
        spec("problem_progress", "problem_progress", "问题办理进展", Some(("problem", "problem_id")), &[], true, 24),
        spec("problem_transition", "problem_transitions", "问题流转记录", Some(("problem", "problem_id")), &[], true, 25),
        spec("stage_history", "listing_stage_history", "上市进展变动记录", Some(("enterprise", "enterprise_id")), &[], true, 26),
        // A certificate is one per kind and 认定时间: a correction or 复核 sent again updates it.
        spec("qualification", "qualifications", "资质认定", Some(("enterprise", "enterprise_id")), &["kind", "obtained_on"], false, 27),
    ];
    out.iter_mut().find(|s| s.kind == "problem").expect("problem spec").refs =
        vec![("plan_id".into(), Ref::Kind("work_plan".into())), ("task_id".into(), Ref::Kind("measure".into()))];
    let known: Vec<String> = out.iter().map(|s| s.table.clone()).collect();
    let mut order = 30;
    for child in records::children(conn, "enterprises")? {
        let parent_kind = match child.parent.as_str() {
            "enterprises" => "enterprise",
            "problems" => "problem",
            _ => continue,
        };
        if known.contains(&child.table) || child.table == "trash" {
            continue;
        }
        let mut s = spec(&format!("table:{}", child.table), &child.table, &records::table_label(&child.table), Some((parent_kind, &child.column)), &[], true, order);
        for (column, target) in foreign_keys(conn, &child.table)? {
            if column != child.column && target != "counties" {
                s.refs.push((column, Ref::Row(target)));
            }
        }
        out.push(s);
        order += 1;
    }
    Ok(out)
}

/// (column, referenced table) of every single-column foreign key of `table` that points at `id`.
fn foreign_keys(conn: &Connection, table: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(&format!("PRAGMA foreign_key_list(\"{table}\")"))?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, Option<String>>(4)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (to, from, to_col) = row?;
        if to_col.as_deref().unwrap_or("id") == "id" {
            out.push((from, to));
        }
    }
    Ok(out)
}

/// Columns of `table` in the store, in order.
pub fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(&format!("PRAGMA table_info(\"{table}\")"))?;
    let cols = stmt.query_map([], |r| r.get::<_, String>(1))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(cols)
}

/// The canonical JSON text of a value: object keys sorted at every level.
pub fn canonical(v: &Json) -> String {
    match v {
        Json::Object(m) => {
            let sorted: BTreeMap<&String, String> = m.iter().map(|(k, v)| (k, canonical(v))).collect();
            let parts: Vec<String> = sorted.iter().map(|(k, v)| format!("{}:{v}", Json::String((*k).clone()))).collect();
            format!("{{{}}}", parts.join(","))
        }
        Json::Array(a) => format!("[{}]", a.iter().map(canonical).collect::<Vec<_>>().join(",")),
        other => other.to_string(),
    }
}

pub fn body_text(body: &Body) -> String {
    canonical(&Json::Object(body.iter().map(|(k, v)| (k.clone(), v.clone())).collect()))
}

pub fn key_text(key: &Key) -> String {
    canonical(&Json::Array(key.clone()))
}

/// The short content hash that keys a log row.
fn content_hash(body: &Body) -> String {
    crate::fingerprint::sha256(body_text(body).as_bytes())[..16].to_string()
}

/// Blank: no value, or empty text.
pub fn blank(v: &Json) -> bool {
    match v {
        Json::Null => true,
        Json::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// Two bodies hold the same content (stamps aside).
pub fn same_content(a: &Body, b: &Body) -> bool {
    let null = Json::Null;
    a.keys().chain(b.keys()).filter(|k| !STAMPS.contains(&k.as_str())).all(|k| same_value(a.get(k).unwrap_or(&null), b.get(k).unwrap_or(&null)))
}

/// Which rows a collection reads.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// Enterprises (by id) with every record below them.
    pub enterprises: Vec<i64>,
    /// Work plans (by id) with their measures, indicators and targets.
    pub plans: Vec<i64>,
    /// The county of the allocation rows carried with `plans`.
    pub county_targets_of: Option<String>,
    /// The county (a unit) whose task progress and manual indicator values are carried.
    pub county_rows_of: Option<String>,
    /// Clusters (by id) with their 一群一策 and rename history.
    pub clusters: Vec<i64>,
}

/// One record as carried.
#[derive(Debug, Clone, PartialEq)]
pub struct Rec {
    pub kind: String,
    pub key: Key,
    pub body: Body,
}

/// Reads records from one store and writes them into it; caches keys and row ids.
pub struct Records<'a> {
    pub conn: &'a Connection,
    pub specs: Vec<Spec>,
    keys: HashMap<(String, i64), Option<Key>>,
    rowids: HashMap<(String, String), Option<i64>>,
    columns: HashMap<String, Vec<String>>,
}

type Row = Map<String, Json>;

impl<'a> Records<'a> {
    pub fn new(conn: &'a Connection) -> Result<Self> {
        Ok(Records { conn, specs: specs(conn)?, keys: HashMap::new(), rowids: HashMap::new(), columns: HashMap::new() })
    }

    /// The columns of `table` (read once).
    fn columns_of(&mut self, table: &str) -> Result<Vec<String>> {
        if let Some(c) = self.columns.get(table) {
            return Ok(c.clone());
        }
        let c = columns(self.conn, table)?;
        self.columns.insert(table.to_string(), c.clone());
        Ok(c)
    }

    pub fn spec(&self, kind: &str) -> Result<&Spec> {
        self.specs.iter().find(|s| s.kind == kind).ok_or_else(|| CoreError::Invalid(format!("数据包中有本程序不认识的记录类型 {kind}（请升级程序）")))
    }

    fn rows(&self, table: &str, filter: &str, param: SqlValue) -> Result<Vec<(i64, Row)>> {
        self.rows_where(table, &[filter.to_string()], &[param])
    }

    /// The body of a stored row: without ids, the parent column and the key columns; foreign
    /// keys as keys; an enterprise's extra attributes one field each.
    fn body_of(&mut self, spec: &Spec, row: &Row) -> Result<Body> {
        let mut body = Body::new();
        for (col, v) in row {
            let is_parent = spec.parent.as_ref().is_some_and(|(_, c)| c == col);
            if col == "id" || is_parent || spec.key_cols.contains(col) {
                continue;
            }
            if let Some((_, target)) = spec.refs.iter().find(|(c, _)| c == col) {
                let id = v.as_i64();
                let translated = match (target, id) {
                    (_, None) => Json::Null,
                    (Ref::Kind(kind), Some(id)) => self.key_of(kind, id)?.map(Json::Array).unwrap_or(Json::Null),
                    (Ref::Row(table), Some(id)) => self.row_content(table, id)?,
                };
                body.insert(col.clone(), translated);
                continue;
            }
            if spec.kind == "enterprise" && col == "extra" {
                let extra: Map<String, Json> = v.as_str().and_then(|t| serde_json::from_str(t).ok()).unwrap_or_default();
                for (h, x) in extra {
                    body.insert(format!("{EXTRA_PREFIX}{h}"), x);
                }
                continue;
            }
            body.insert(col.clone(), v.clone());
        }
        Ok(body)
    }

    /// A referenced row of a lookup table, as its content without the id.
    fn row_content(&self, table: &str, id: i64) -> Result<Json> {
        let rows = self.rows(table, "rowid = ?1", SqlValue::Integer(id))?;
        Ok(rows.into_iter().next().map(|(_, mut r)| {
            r.remove("id");
            Json::Object(r)
        }).unwrap_or(Json::Null))
    }

    /// The key of the stored row `rowid` of `kind`.
    pub fn key_of(&mut self, kind: &str, rowid: i64) -> Result<Option<Key>> {
        if let Some(k) = self.keys.get(&(kind.to_string(), rowid)) {
            return Ok(k.clone());
        }
        let spec = self.spec(kind)?.clone();
        let row = self.rows(&spec.table, "rowid = ?1", SqlValue::Integer(rowid))?.into_iter().next();
        let key = match row {
            None => None,
            Some((_, row)) => self.key_of_row(&spec, rowid, &row)?,
        };
        self.keys.insert((kind.to_string(), rowid), key.clone());
        Ok(key)
    }

    fn key_of_row(&mut self, spec: &Spec, rowid: i64, row: &Row) -> Result<Option<Key>> {
        let mut key = match &spec.parent {
            None => Vec::new(),
            Some((pk, col)) => match row.get(col).and_then(Json::as_i64) {
                Some(pid) => match self.key_of(pk, pid)? {
                    Some(k) => k,
                    None => return Ok(None),
                },
                None => return Ok(None),
            },
        };
        if spec.log {
            key.push(Json::String(content_hash(&self.body_of(spec, row)?)));
            return Ok(Some(key));
        }
        for c in &spec.key_cols {
            key.push(row.get(c).cloned().unwrap_or(Json::Null));
        }
        if spec.kind == "problem" {
            // Two problems of one enterprise received the same day with the same words: the
            // later ones are numbered.
            let n: i64 = self.conn.prepare_cached(
                "SELECT count(*) FROM problems WHERE enterprise_id = ?1 AND received_on IS ?2 AND description IS ?3 AND id < ?4",
            )?.query_row(rusqlite::params![row["enterprise_id"].as_i64(), to_sql(&row["received_on"]), to_sql(&row["description"]), rowid], |r| r.get(0))?;
            if n > 0 {
                key.push(Json::from(n + 1));
            }
        }
        Ok(Some(key))
    }

    fn take_rows(&mut self, spec: &Spec, filter: &str, param: SqlValue, out: &mut Vec<Rec>) -> Result<Vec<i64>> {
        let rows = self.rows(&spec.table, filter, param)?;
        let mut ids = Vec::with_capacity(rows.len());
        for (rowid, row) in rows {
            let Some(key) = self.key_of_row(spec, rowid, &row)? else { continue };
            self.keys.insert((spec.kind.clone(), rowid), Some(key.clone()));
            let body = self.body_of(spec, &row)?;
            ids.push(rowid);
            out.push(Rec { kind: spec.kind.clone(), key, body });
        }
        Ok(ids)
    }

    /// Every record in `scope`, parents before children; logs with the same content once.
    pub fn collect(&mut self, scope: &Scope) -> Result<Vec<Rec>> {
        let mut out = Vec::new();
        let ids = |v: &[i64]| SqlValue::Text(serde_json::to_string(v).unwrap_or_else(|_| "[]".into()));
        let specs = self.specs.clone();
        let by_kind = |k: &str| specs.iter().find(|s| s.kind == k).cloned().expect("fixed kind");
        if !scope.plans.is_empty() {
            let plans = ids(&scope.plans);
            self.take_rows(&by_kind("work_plan"), "id IN (SELECT value FROM json_each(?1))", plans.clone(), &mut out)?;
            for k in ["measure", "indicator", "target_value"] {
                self.take_rows(&by_kind(k), "plan_id IN (SELECT value FROM json_each(?1))", plans.clone(), &mut out)?;
            }
            if let Some(c) = &scope.county_targets_of {
                let filter = format!("county = ?1 AND plan_id IN ({})", scope.plans.iter().map(i64::to_string).collect::<Vec<_>>().join(","));
                self.take_rows(&by_kind("county_target"), &filter, SqlValue::Text(c.clone()), &mut out)?;
            }
        }
        if let Some(c) = &scope.county_rows_of {
            self.take_rows(&by_kind("task_progress"), "unit = ?1", SqlValue::Text(c.clone()), &mut out)?;
            self.take_rows(&by_kind("county_entry"), "county = ?1", SqlValue::Text(c.clone()), &mut out)?;
        }
        if !scope.clusters.is_empty() {
            let clusters = ids(&scope.clusters);
            self.take_rows(&by_kind("cluster"), "id IN (SELECT value FROM json_each(?1))", clusters.clone(), &mut out)?;
            for k in ["cluster_plan", "cluster_rename"] {
                self.take_rows(&by_kind(k), "cluster_id IN (SELECT value FROM json_each(?1))", clusters.clone(), &mut out)?;
            }
        }
        if !scope.enterprises.is_empty() {
            let ents = ids(&scope.enterprises);
            self.take_rows(&by_kind("qualification_kind"), "builtin = ?1", SqlValue::Integer(0), &mut out)?;
            self.take_rows(&by_kind("enterprise"), "id IN (SELECT value FROM json_each(?1))", ents.clone(), &mut out)?;
            let mut problem_ids = Vec::new();
            for s in specs.iter().filter(|s| s.parent.as_ref().is_some_and(|(p, _)| p == "enterprise")) {
                let col = &s.parent.as_ref().expect("parent").1;
                let got = self.take_rows(s, &format!("\"{col}\" IN (SELECT value FROM json_each(?1))"), ents.clone(), &mut out)?;
                if s.kind == "problem" {
                    problem_ids = got;
                }
            }
            let problems = ids(&problem_ids);
            for s in specs.iter().filter(|s| s.parent.as_ref().is_some_and(|(p, _)| p == "problem")) {
                let col = &s.parent.as_ref().expect("parent").1;
                self.take_rows(s, &format!("\"{col}\" IN (SELECT value FROM json_each(?1))"), problems.clone(), &mut out)?;
            }
        }
        let mut seen = std::collections::HashSet::new();
        out.retain(|r| seen.insert((r.kind.clone(), key_text(&r.key))));
        Ok(out)
    }

    /// The row id of the stored record of `kind` with this key, if any.
    pub fn locate(&mut self, kind: &str, key: &Key) -> Result<Option<i64>> {
        let cache_key = (kind.to_string(), key_text(key));
        if let Some(found) = self.rowids.get(&cache_key) {
            return Ok(*found);
        }
        let spec = self.spec(kind)?.clone();
        let found = self.locate_uncached(&spec, key)?;
        self.rowids.insert(cache_key, found);
        Ok(found)
    }

    /// Forgets what `locate` found (after a row was added or removed).
    pub fn forget(&mut self, kind: &str, key: &Key) {
        self.rowids.remove(&(kind.to_string(), key_text(key)));
    }

    /// The parent part of a key (all but the record's own parts).
    pub fn parent_key(&self, spec: &Spec, key: &Key) -> Key {
        key[..key.len() - self.own_len(spec, key)].to_vec()
    }

    fn own_len(&self, spec: &Spec, key: &Key) -> usize {
        if spec.log {
            return 1;
        }
        let base = spec.key_cols.len();
        let parent_len = match spec.parent.as_ref().map(|(p, _)| p.as_str()) {
            None => 0,
            Some("work_plan") => 3,
            Some("measure") => 5,
            Some("enterprise") | Some("cluster") => 1,
            Some(_) => key.len().saturating_sub(base),
        };
        key.len().saturating_sub(parent_len).max(base)
    }

    fn locate_uncached(&mut self, spec: &Spec, key: &Key) -> Result<Option<i64>> {
        let own = self.own_len(spec, key);
        if key.len() < own {
            return Ok(None);
        }
        let (parent_part, own_part) = key.split_at(key.len() - own);
        let mut filter = Vec::new();
        let mut params: Vec<SqlValue> = Vec::new();
        if let Some((pk, col)) = &spec.parent {
            let Some(pid) = self.locate(pk, &parent_part.to_vec())? else { return Ok(None) };
            filter.push(format!("\"{col}\" = ?"));
            params.push(SqlValue::Integer(pid));
        }
        if spec.log {
            let rows = self.rows_where(&spec.table, &filter, &params)?;
            for (rowid, row) in rows {
                if Json::String(content_hash(&self.body_of(spec, &row)?)) == own_part[0] {
                    return Ok(Some(rowid));
                }
            }
            return Ok(None);
        }
        for (c, v) in spec.key_cols.iter().zip(own_part) {
            filter.push(format!("\"{c}\" IS ?"));
            params.push(to_sql(v));
        }
        let offset = own_part.get(spec.key_cols.len()).and_then(Json::as_i64).map(|n| n - 1).unwrap_or(0);
        let sql = format!("SELECT rowid FROM \"{}\" WHERE {} ORDER BY rowid LIMIT 1 OFFSET {offset}", spec.table, filter.join(" AND "));
        Ok(self.conn.prepare_cached(&sql)?.query_row(rusqlite::params_from_iter(params), |r| r.get(0)).optional()?)
    }

    fn rows_where(&self, table: &str, filter: &[String], params: &[SqlValue]) -> Result<Vec<(i64, Row)>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT rowid AS \"@rowid\", * FROM \"{table}\" WHERE {} ORDER BY rowid", filter.join(" AND ")))?;
        let names: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            let mut m = Map::new();
            for (i, n) in names.iter().enumerate().skip(1) {
                m.insert(n.clone(), to_json(r.get::<_, SqlValue>(i)?));
            }
            Ok((r.get::<_, i64>(0)?, m))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The stored value of a body field for writing: keys back to row ids.
    fn stored(&mut self, spec: &Spec, col: &str, v: &Json) -> Result<SqlValue> {
        match spec.refs.iter().find(|(c, _)| c == col).map(|(_, t)| t.clone()) {
            None => Ok(to_sql(v)),
            Some(_) if v.is_null() => Ok(SqlValue::Null),
            Some(Ref::Kind(kind)) => {
                let key: Key = v.as_array().cloned().unwrap_or_default();
                match self.locate(&kind, &key)? {
                    Some(id) => Ok(SqlValue::Integer(id)),
                    None if spec.kind == "problem" && col == "plan_id" => Ok(SqlValue::Integer(crate::work_plans::DEFAULT_PLAN_ID)),
                    None => Ok(SqlValue::Null),
                }
            }
            Some(Ref::Row(table)) => self.lookup_row(&table, v),
        }
    }

    /// The id of the row of `table` with this content, added when there is none.
    fn lookup_row(&self, table: &str, content: &Json) -> Result<SqlValue> {
        let Some(m) = content.as_object().filter(|m| !m.is_empty()) else { return Ok(SqlValue::Null) };
        let cols: Vec<&String> = m.keys().collect();
        let filter = cols.iter().map(|c| format!("\"{c}\" IS ?")).collect::<Vec<_>>().join(" AND ");
        let params: Vec<SqlValue> = cols.iter().map(|c| to_sql(&m[*c])).collect();
        let found: Option<i64> = self.conn.query_row(&format!("SELECT rowid FROM \"{table}\" WHERE {filter} LIMIT 1"), rusqlite::params_from_iter(params.clone()), |r| r.get(0)).optional()?;
        if let Some(id) = found {
            return Ok(SqlValue::Integer(id));
        }
        let names = cols.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
        let marks = vec!["?"; cols.len()].join(", ");
        self.conn.execute(&format!("INSERT INTO \"{table}\" ({names}) VALUES ({marks})"), rusqlite::params_from_iter(params))?;
        Ok(SqlValue::Integer(self.conn.last_insert_rowid()))
    }

    /// Adds a record; returns its row id, or `None` when its parent is not in this store.
    pub fn insert(&mut self, rec: &Rec) -> Result<Option<i64>> {
        let spec = self.spec(&rec.kind)?.clone();
        let own = self.own_len(&spec, &rec.key);
        let (parent_part, own_part) = rec.key.split_at(rec.key.len() - own);
        let mut cols: Vec<String> = Vec::new();
        let mut vals: Vec<SqlValue> = Vec::new();
        if let Some((pk, col)) = &spec.parent {
            let Some(pid) = self.locate(pk, &parent_part.to_vec())? else { return Ok(None) };
            cols.push(col.clone());
            vals.push(SqlValue::Integer(pid));
        }
        if !spec.log {
            for (c, v) in spec.key_cols.iter().zip(own_part) {
                cols.push(c.clone());
                vals.push(to_sql(v));
            }
        }
        let known = self.columns_of(&spec.table)?;
        let mut extra = Map::new();
        for (field, v) in &rec.body {
            if let Some(h) = field.strip_prefix(EXTRA_PREFIX).filter(|_| spec.kind == "enterprise") {
                if !v.is_null() {
                    extra.insert(h.to_string(), v.clone());
                }
                continue;
            }
            if !known.contains(field) || cols.contains(field) {
                continue;
            }
            let value = self.stored(&spec, field, v)?;
            cols.push(field.clone());
            vals.push(value);
        }
        if spec.kind == "enterprise" {
            cols.push("extra".into());
            vals.push(SqlValue::Text(canonical(&Json::Object(extra))));
            let now = crate::store::now_text();
            for stamp in ["created_at", "updated_at"] {
                if !cols.iter().any(|c| c == stamp) {
                    cols.push(stamp.into());
                    vals.push(SqlValue::Text(now.clone()));
                }
            }
        }
        let names = cols.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
        let marks = vec!["?"; cols.len()].join(", ");
        self.conn
            .prepare_cached(&format!("INSERT INTO \"{}\" ({names}) VALUES ({marks})", spec.table))?
            .execute(rusqlite::params_from_iter(vals))
            .map_err(|e| CoreError::Store(format!("写入{}（{}）失败：{e}", spec.label, key_text(&rec.key))))?;
        let id = self.conn.last_insert_rowid();
        self.rowids.insert((rec.kind.clone(), key_text(&rec.key)), Some(id));
        Ok(Some(id))
    }

    /// Writes these fields of the stored record `rowid`.
    pub fn update(&mut self, kind: &str, rowid: i64, fields: &[(String, Json)]) -> Result<()> {
        let spec = self.spec(kind)?.clone();
        let known = self.columns_of(&spec.table)?;
        let mut sets: Vec<String> = Vec::new();
        let mut vals: Vec<SqlValue> = Vec::new();
        let extra_fields: Vec<&(String, Json)> = fields.iter().filter(|(f, _)| spec.kind == "enterprise" && f.starts_with(EXTRA_PREFIX)).collect();
        if !extra_fields.is_empty() {
            let text: String = self.conn.query_row("SELECT extra FROM enterprises WHERE rowid = ?1", [rowid], |r| r.get(0))?;
            let mut extra: Map<String, Json> = serde_json::from_str(&text).unwrap_or_default();
            for (f, v) in extra_fields {
                let h = &f[EXTRA_PREFIX.len()..];
                if v.is_null() {
                    extra.remove(h);
                } else {
                    extra.insert(h.to_string(), v.clone());
                }
            }
            sets.push("extra = ?".into());
            vals.push(SqlValue::Text(canonical(&Json::Object(extra))));
        }
        for (f, v) in fields.iter().filter(|(f, _)| known.contains(f) && f != "id") {
            sets.push(format!("\"{f}\" = ?"));
            vals.push(self.stored(&spec, f, v)?);
        }
        if sets.is_empty() {
            return Ok(());
        }
        vals.push(SqlValue::Integer(rowid));
        self.conn.execute(&format!("UPDATE \"{}\" SET {} WHERE rowid = ?", spec.table, sets.join(", ")), rusqlite::params_from_iter(vals))?;
        Ok(())
    }

    /// The stored record of `kind` with this key: its row id and body.
    pub fn load(&mut self, kind: &str, key: &Key) -> Result<Option<(i64, Body)>> {
        let Some(rowid) = self.locate(kind, key)? else { return Ok(None) };
        let spec = self.spec(kind)?.clone();
        let Some((_, row)) = self.rows(&spec.table, "rowid = ?1", SqlValue::Integer(rowid))?.into_iter().next() else { return Ok(None) };
        Ok(Some((rowid, self.body_of(&spec, &row)?)))
    }

    /// Removes the stored record `rowid` of `kind`.
    pub fn delete(&mut self, kind: &str, key: &Key, rowid: i64) -> Result<()> {
        let spec = self.spec(kind)?.clone();
        self.conn.execute(&format!("DELETE FROM \"{}\" WHERE rowid = ?1", spec.table), [rowid])?;
        self.forget(kind, key);
        self.keys.retain(|(k, _), _| k != kind);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_text_sorts_keys_at_every_level() {
        let v: Json = serde_json::from_str(r#"{"b":1,"a":{"d":[1,{"z":0,"y":"字"}],"c":null}}"#).unwrap();
        assert_eq!(canonical(&v), r#"{"a":{"c":null,"d":[1,{"y":"字","z":0}]},"b":1}"#);
    }

    #[test]
    fn every_table_below_an_enterprise_has_a_kind() {
        let s = crate::Store::open_in_memory().unwrap();
        let kinds = specs(&s.conn).unwrap();
        for c in records::children(&s.conn, "enterprises").unwrap() {
            assert!(kinds.iter().any(|k| k.table == c.table), "{} has no kind", c.table);
        }
    }
}
