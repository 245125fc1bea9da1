//! Diff and commit: compares each record with the stored enterprise (new / changed field by
//! field / unchanged), builds the preview, and writes an import in one transaction with its
//! undo snapshots and audit log rows. A blank cell never blanks a stored value.
use super::analyze::Analysis;
use crate::audit;
use crate::enterprise::fields;
use crate::sheet::read::column_letter;
use super::record::Record;
use crate::enterprise::snapshot::{self, Snapshot};
use super::progress::Progress;
use super::{ChangedRow, ColumnInfo, FieldChange, ImportOptions, ImportPreview, ImportReport, PreviewRow, Value};
use crate::error::Result;
use crate::store::{now_text, Store};
use rusqlite::types::Value as SqlValue;
use rusqlite::Connection;
use serde_json::Value as Json;
use rusqlite::OptionalExtension;
use std::collections::{BTreeMap, HashMap};

/// What importing one record does.
pub struct Planned<'a> {
    pub record: &'a Record,
    /// The stored enterprise with the record's USCC, if any.
    pub id: Option<i64>,
    /// Its full stored state (the undo snapshot), loaded only when the record changes it.
    pub before: Option<Snapshot>,
    pub changes: Vec<FieldChange>,
}

fn same(stored: &Json, new: &Value) -> bool {
    match (stored, new) {
        (Json::Null, _) => false,
        (Json::Number(a), Value::Real(b)) => a.as_f64().is_some_and(|a| (a - b).abs() < 1e-6),
        (Json::Number(a), Value::Int(b)) => a.as_f64().is_some_and(|a| (a - *b as f64).abs() < 1e-9),
        (Json::Number(a), Value::Bool(b)) => a.as_i64() == Some(*b as i64),
        (Json::String(a), Value::Text(b)) => a == b,
        _ => false,
    }
}

/// [`same`] for a stored value as SQLite gives it (as the snapshot's JSON would hold it), without
/// copying its text.
fn same_sql(stored: &SqlValue, new: &Value) -> bool {
    match stored {
        SqlValue::Text(t) => matches!(new, Value::Text(b) if t == b),
        other => same(&snapshot::to_json(other.clone()), new),
    }
}

fn stored_value(key: &str, v: &Json) -> Option<Value> {
    let kind = fields::field(key).map(|f| f.kind);
    match v {
        Json::Null => None,
        Json::Number(n) if kind == Some(fields::Kind::Flag) => Some(Value::Bool(n.as_i64() == Some(1))),
        Json::Number(n) => n.as_i64().filter(|_| n.is_i64()).map(Value::Int).or_else(|| n.as_f64().map(Value::Real)),
        Json::String(s) => Some(Value::Text(s.clone())),
        Json::Bool(b) => Some(Value::Bool(*b)),
        _ => None,
    }
}

fn extra_map(text: Option<&str>) -> BTreeMap<String, String> {
    text.and_then(|t| serde_json::from_str::<BTreeMap<String, Json>>(t).ok())
        .map(|m| m.into_iter().map(|(k, v)| (k, v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()))).collect())
        .unwrap_or_default()
}

/// A stored enterprise as the diff reads it: a field's value, a year's figure, the extra
/// attributes' JSON text.
trait Stored {
    /// Whether the stored `key` equals `new`; the stored value when it does not.
    fn base_same(&self, key: &str, new: &Value) -> Result<(), Json>;
    fn figure_same(&self, year: i64, key: &str, new: &Value) -> Result<(), Json>;
    fn extra(&self) -> Option<&str>;
}

/// The field-by-field changes a record makes to a stored enterprise.
fn changes_to(rec: &Record, stored: &impl Stored) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let label = |k: &str| fields::field(k).map_or(k.to_string(), |f| f.label.to_string());
    for (key, value) in &rec.base {
        if let Err(old) = stored.base_same(key, value) {
            out.push(FieldChange { field: key.to_string(), label: label(key), year: None, old: stored_value(key, &old), new: value.clone() });
        }
    }
    for (year, figures) in &rec.figures {
        for (key, value) in figures {
            if let Err(old) = stored.figure_same(*year, key, value) {
                out.push(FieldChange { field: key.to_string(), label: label(key), year: Some(*year), old: stored_value(key, &old), new: value.clone() });
            }
        }
    }
    if rec.extra.is_empty() {
        return out;
    }
    let extra = extra_map(stored.extra());
    for (header, value) in &rec.extra {
        if extra.get(header) != Some(value) {
            out.push(FieldChange {
                field: "extra".into(),
                label: header.clone(),
                year: None,
                old: extra.get(header).map(|v| Value::Text(v.clone())),
                new: Value::Text(value.clone()),
            });
        }
    }
    out
}

/// Column positions of a `SELECT *` over `enterprises` or `enterprise_figures`.
struct Columns(HashMap<String, usize>);

impl Columns {
    fn of(stmt: &rusqlite::Statement) -> Columns {
        Columns(stmt.column_names().into_iter().enumerate().map(|(i, n)| (n.to_string(), i)).collect())
    }
    fn get<'v>(&self, row: &'v [SqlValue], key: &str) -> &'v SqlValue {
        self.0.get(key).and_then(|i| row.get(*i)).unwrap_or(&SqlValue::Null)
    }
}

/// One stored enterprise row and its figures (year, row), as read for the diff.
struct StoredRow<'c> {
    cols: &'c Columns,
    row: Vec<SqlValue>,
    figure_cols: &'c Columns,
    figures: &'c [(i64, Vec<SqlValue>)],
}

fn differs(v: &SqlValue, new: &Value) -> Result<(), Json> {
    if same_sql(v, new) { Ok(()) } else { Err(snapshot::to_json(v.clone())) }
}

impl Stored for StoredRow<'_> {
    fn base_same(&self, key: &str, new: &Value) -> Result<(), Json> {
        differs(self.cols.get(&self.row, key), new)
    }
    fn figure_same(&self, year: i64, key: &str, new: &Value) -> Result<(), Json> {
        match self.figures.iter().find(|(y, _)| *y == year) {
            Some((_, f)) => differs(self.figure_cols.get(f, key), new),
            None => Err(Json::Null),
        }
    }
    fn extra(&self) -> Option<&str> {
        match self.cols.get(&self.row, "extra") {
            SqlValue::Text(t) => Some(t),
            _ => None,
        }
    }
}

fn sql_row(r: &rusqlite::Row, n: usize) -> rusqlite::Result<Vec<SqlValue>> {
    (0..n).map(|i| r.get::<_, SqlValue>(i)).collect()
}

/// Records from this many on are compared with one scan of the store instead of a lookup each.
const SCAN_FROM: usize = 200;

pub fn plan<'a>(conn: &Connection, analysis: &'a Analysis) -> Result<Vec<Planned<'a>>> {
    plan_with(conn, analysis, &mut Progress::silent())
}

/// `plan`, reporting the "check" stage every `PROGRESS_STEP` records. Each record is compared
/// with the stored row and figures of its USCC; the full snapshot (what undo restores) is
/// loaded only for the enterprises the import changes.
fn plan_with<'a>(conn: &Connection, analysis: &'a Analysis, progress: &mut Progress) -> Result<Vec<Planned<'a>>> {
    let records = &analysis.records;
    let total = records.len();
    let mut found: Vec<Option<(i64, Vec<FieldChange>)>> = Vec::with_capacity(total);
    found.resize_with(total, || None);
    let mut figures_stmt = conn.prepare_cached("SELECT * FROM enterprise_figures WHERE enterprise_id = ?1 ORDER BY year")?;
    let figure_cols = Columns::of(&figures_stmt);
    let (fig_n, year_at) = (figures_stmt.column_count(), figure_cols.0.get("year").copied().unwrap_or(0));
    let year_of = |row: &[SqlValue]| match row.get(year_at) {
        Some(SqlValue::Integer(y)) => *y,
        _ => i64::MIN,
    };
    if total >= SCAN_FROM {
        let index: HashMap<&str, usize> = records.iter().enumerate().map(|(i, r)| (r.uscc.as_str(), i)).collect();
        let mut figures: HashMap<i64, Vec<(i64, Vec<SqlValue>)>> = HashMap::new();
        {
            let mut stmt = conn.prepare("SELECT * FROM enterprise_figures ORDER BY enterprise_id, year")?;
            let id_at = Columns::of(&stmt).0.get("enterprise_id").copied().unwrap_or(0);
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let row = sql_row(r, fig_n)?;
                let id = match row.get(id_at) {
                    Some(SqlValue::Integer(id)) => *id,
                    _ => continue,
                };
                figures.entry(id).or_default().push((year_of(&row), row));
            }
        }
        let mut stmt = conn.prepare("SELECT * FROM enterprises")?;
        let cols = Columns::of(&stmt);
        let n = stmt.column_count();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let row = sql_row(r, n)?;
            let (SqlValue::Text(uscc), SqlValue::Integer(id)) = (cols.get(&row, "uscc"), cols.get(&row, "id")) else { continue };
            let Some(&i) = index.get(uscc.as_str()) else { continue };
            let id = *id;
            let figs = figures.get(&id).map(Vec::as_slice).unwrap_or(&[]);
            let stored = StoredRow { cols: &cols, row, figure_cols: &figure_cols, figures: figs };
            found[i] = Some((id, changes_to(&records[i], &stored)));
        }
    } else {
        let mut stmt = conn.prepare_cached("SELECT * FROM enterprises WHERE uscc = ?1")?;
        let cols = Columns::of(&stmt);
        let n = stmt.column_count();
        for (i, record) in records.iter().enumerate() {
            let Some(row) = stmt.query_row([&record.uscc], |r| sql_row(r, n)).optional()? else { continue };
            let SqlValue::Integer(id) = *cols.get(&row, "id") else { continue };
            let figs: Vec<(i64, Vec<SqlValue>)> =
                figures_stmt.query_map([id], |r| sql_row(r, fig_n))?.map(|r| r.map(|row| (year_of(&row), row))).collect::<rusqlite::Result<_>>()?;
            let stored = StoredRow { cols: &cols, row, figure_cols: &figure_cols, figures: &figs };
            found[i] = Some((id, changes_to(record, &stored)));
        }
    }
    let mut plans = Vec::with_capacity(total);
    for (i, (record, f)) in records.iter().zip(found).enumerate() {
        progress.step("check", i, total)?;
        let plan = match f {
            None => Planned { record, id: None, before: None, changes: Vec::new() },
            Some((id, changes)) if changes.is_empty() => Planned { record, id: Some(id), before: None, changes },
            Some((id, changes)) => {
                let before = snapshot::load_id(conn, id)?.ok_or_else(|| crate::error::CoreError::Store(format!("企业 {} 在比对中途消失", record.uscc)))?;
                Planned { record, id: Some(id), before: Some(before), changes }
            }
        };
        plans.push(plan);
    }
    progress.report("check", total, total)?;
    Ok(plans)
}

fn report(analysis: &Analysis, plans: &[Planned], import_id: Option<i64>) -> ImportReport {
    let inserted = plans.iter().filter(|p| p.id.is_none()).count() as u32;
    let updated = plans.iter().filter(|p| p.id.is_some() && !p.changes.is_empty()).count() as u32;
    ImportReport {
        import_id,
        file_name: analysis.file_name.clone(),
        sheet: analysis.sheet.clone(),
        header_rows: analysis.header_rows.clone(),
        inserted,
        updated,
        unchanged: (plans.len() + analysis.known_unchanged.len()) as u32 - inserted - updated,
        rejected: analysis.rejected.clone(),
        warnings: analysis.warnings.clone(),
        ignored: analysis.ignored.clone(),
    }
}

fn preview_row(rec: &Record) -> PreviewRow {
    PreviewRow {
        row: rec.row,
        uscc: rec.uscc.clone(),
        name: rec.name.clone(),
        values: rec.base.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
        figures: rec
            .figures
            .iter()
            .map(|(y, f)| (y.to_string(), f.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()))
            .collect(),
        extra: rec.extra.clone(),
    }
}

pub fn preview(store: &Store, analysis: &Analysis) -> Result<ImportPreview> {
    let plans = plan(&store.conn, analysis)?;
    let columns = analysis
        .columns
        .iter()
        .map(|c| {
            let ignored = analysis.ignored_columns.contains(&c.index);
            ColumnInfo {
                letter: column_letter(c.index),
                header: c.header.clone(),
                field: if ignored { Some("ignore".into()) } else { c.key.map(str::to_string) },
                field_label: if ignored { Some("忽略此列".into()) } else { c.key.and_then(fields::field).map(|f| f.label.to_string()) },
                year: c.key.and_then(fields::field).filter(|f| f.yearly).map(|_| c.year.unwrap_or(analysis.year)),
                samples: analysis.samples.get(&c.index).cloned().unwrap_or_default(),
            }
        })
        .collect();
    let mut new_rows = Vec::new();
    let mut changed_rows = Vec::new();
    let mut unchanged_rows = Vec::new();
    for p in &plans {
        match (&p.id, p.changes.is_empty()) {
            (None, _) => new_rows.push(preview_row(p.record)),
            (Some(_), false) => changed_rows.push(ChangedRow { row: preview_row(p.record), changes: p.changes.clone() }),
            (Some(_), true) => unchanged_rows.push(preview_row(p.record)),
        }
    }
    Ok(ImportPreview {
        report: report(analysis, &plans, None),
        year: analysis.year,
        columns,
        remembered_mapping: analysis.remembered_mapping,
        new_rows,
        changed_rows,
        unchanged_rows,
        fields: fields::field_options(),
        file_hash: String::new(),
    })
}

fn sql_value(v: &Value) -> SqlValue {
    match v {
        Value::Bool(b) => SqlValue::Integer(*b as i64),
        Value::Int(i) => SqlValue::Integer(*i),
        Value::Real(r) => SqlValue::Real(*r),
        Value::Text(t) => SqlValue::Text(t.clone()),
    }
}

struct Audit<'a> {
    conn: &'a Connection,
    stamp: audit::Stamp,
}

impl Audit<'_> {
    fn log(&self, action: &str, table: &str, key: &str, field: Option<&str>, old: Option<String>, new: Option<String>) -> Result<()> {
        let entry = audit::Entry { action, table, key, field, old: old.as_deref(), new: new.as_deref() };
        audit::record(self.conn, &self.stamp, entry)
    }
}

/// The upsert of one year's figures, by the fields it writes: built once per set of fields.
type FigureSql = HashMap<Vec<&'static str>, String>;

/// Writes a record's figures (or, for an update, only the changed ones): one upsert per year.
fn write_figures(conn: &Connection, sqls: &mut FigureSql, id: i64, rec: &Record, only: Option<&[FieldChange]>) -> Result<()> {
    for (year, figures) in &rec.figures {
        let wanted: Vec<(&'static str, &Value)> = figures
            .iter()
            .filter(|(k, _)| only.is_none_or(|ch| ch.iter().any(|c| c.year == Some(*year) && c.field == **k)))
            .map(|(k, v)| (*k, v))
            .collect();
        if wanted.is_empty() {
            continue;
        }
        let keys: Vec<&'static str> = wanted.iter().map(|(k, _)| *k).collect();
        let sql = sqls.entry(keys).or_insert_with_key(|keys| {
            let names: String = keys.iter().map(|k| format!(", \"{k}\"")).collect();
            let marks: String = (0..keys.len()).map(|i| format!(", ?{}", i + 3)).collect();
            let sets = keys.iter().map(|k| format!("\"{k}\" = excluded.\"{k}\"")).collect::<Vec<_>>().join(", ");
            format!(
                "INSERT INTO enterprise_figures(enterprise_id, year{names}) VALUES (?1, ?2{marks})
             ON CONFLICT(enterprise_id, year) DO UPDATE SET {sets}"
            )
        });
        let mut params = Vec::with_capacity(wanted.len() + 2);
        params.extend([SqlValue::Integer(id), SqlValue::Integer(*year)]);
        params.extend(wanted.iter().map(|(_, v)| sql_value(v)));
        conn.prepare_cached(sql)?.execute(rusqlite::params_from_iter(params))?;
    }
    Ok(())
}

/// The insert of a new enterprise with every base field that any new record carries
/// (absent ones NULL): one prepared statement for all new rows.
struct NewEnterprise<'c> {
    stmt: rusqlite::Statement<'c>,
    keys: Vec<&'static str>,
}

impl<'c> NewEnterprise<'c> {
    fn prepare(conn: &'c Connection, plans: &[Planned]) -> Result<Self> {
        let keys: Vec<&'static str> = plans
            .iter()
            .filter(|p| p.id.is_none())
            .flat_map(|p| p.record.base.keys().copied())
            .filter(|k| !matches!(*k, "uscc" | "name"))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let names: String = keys.iter().map(|k| format!(", \"{k}\"")).collect();
        let marks: String = (0..keys.len()).map(|i| format!(", ?{}", i + 5)).collect();
        let stmt = conn.prepare(&format!(
            "INSERT INTO enterprises(uscc, name, extra, created_at, updated_at{names}) VALUES (?1, ?2, ?3, ?4, ?4{marks})"
        ))?;
        Ok(NewEnterprise { stmt, keys })
    }

    fn insert(&mut self, rec: &Record, now: &str) -> Result<i64> {
        let mut params = vec![
            SqlValue::Text(rec.uscc.clone()),
            SqlValue::Text(rec.name.clone()),
            SqlValue::Text(merged_extra(None, rec)),
            SqlValue::Text(now.to_string()),
        ];
        params.extend(self.keys.iter().map(|k| rec.base.get(k).map_or(SqlValue::Null, sql_value)));
        Ok(self.stmt.insert(rusqlite::params_from_iter(params))?)
    }
}

fn merged_extra(before: Option<&Snapshot>, rec: &Record) -> String {
    let mut m: serde_json::Map<String, Json> = before
        .and_then(|s| s.enterprise.get("extra"))
        .and_then(Json::as_str)
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default();
    for (k, v) in &rec.extra {
        m.insert(k.clone(), Json::String(v.clone()));
    }
    Json::Object(m).to_string()
}

/// Writes the import; `file_hash` is the SHA-256 of the bytes the analysis read.
pub fn commit(store: &mut Store, analysis: &Analysis, file_hash: &str, opts: &ImportOptions, progress: &mut Progress) -> Result<ImportReport> {
    let operator = store.operator()?;
    let now = now_text();
    // Statement journals of a 20,000-row transaction stay in memory instead of a temp file.
    store.conn.pragma_update(None, "temp_store", "MEMORY")?;
    let tx = store.conn.transaction()?;
    // A cancel (an Err) drops `tx` uncommitted: rusqlite rolls it back.
    super::known::still_held(&tx, &analysis.known_unchanged)?;
    let plans = plan_with(&tx, analysis, progress)?;
    let mut rep = report(analysis, &plans, None);
    let import_id = record_import(&tx, analysis, &rep, file_hash, (&operator, &now))?;
    let audit = Audit { conn: &tx, stamp: audit::Stamp::new(now.clone(), operator, format!("导入#{import_id}")) };
    tx.set_prepared_statement_cache_capacity(64);
    let mut new_enterprise = NewEnterprise::prepare(&tx, &plans)?;
    let mut figure_sql = FigureSql::new();
    let mut row_hashes = Vec::with_capacity(plans.len());
    for (i, p) in plans.iter().enumerate() {
        progress.step("write", i, plans.len())?;
        let rec = p.record;
        match &p.before {
            None if p.id.is_none() => {
                let id = new_enterprise.insert(rec, &now)?;
                row_hashes.extend(rec.kept.as_ref().map(|k| (id, rec.row, k)));
                write_figures(&tx, &mut figure_sql, id, rec, None)?;
                tx.prepare_cached(
                    "INSERT INTO import_changes(import_id, enterprise_id, uscc, kind, before) VALUES (?1, ?2, ?3, 'insert', NULL)",
                )?
                .execute(rusqlite::params![import_id, id, rec.uscc])?;
                audit.log("insert", "enterprises", &rec.uscc, None, None, Some(rec.name.clone()))?;
            }
            Some(before) if !p.changes.is_empty() => write_update(&audit, &mut figure_sql, import_id, p, before)?,
            _ => {}
        }
        if let (Some(id), Some(k)) = (p.id, rec.kept.as_ref()) {
            row_hashes.push((id, rec.row, k));
        }
    }
    audit.log("import", "imports", &import_id.to_string(), None, None, Some(analysis.file_name.clone()))?;
    snapshot::record_after(&tx, import_id)?;
    super::known::remember(&tx, import_id, &row_hashes, &analysis.warnings)?;
    if let Some(m) = &opts.mapping {
        tx.execute(
            "INSERT INTO header_mappings(signature, mapping, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(signature) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at",
            rusqlite::params![analysis.signature, serde_json::to_string(m)?, now],
        )?;
    }
    drop(new_enterprise);
    progress.report("write", plans.len(), plans.len())?;
    tx.commit()?;
    rep.import_id = Some(import_id);
    Ok(rep)
}

/// The `imports` row of this import (file, hash, sheet, header rows, column mapping, counts).
fn record_import(tx: &Connection, analysis: &Analysis, rep: &ImportReport, file_hash: &str, (operator, now): (&str, &str)) -> Result<i64> {
    let mapping: BTreeMap<String, String> = analysis
        .columns
        .iter()
        .map(|c| {
            let f = if analysis.ignored_columns.contains(&c.index) { "ignore" } else { c.key.unwrap_or("extra") };
            (column_letter(c.index), f.to_string())
        })
        .collect();
    tx.execute(
        "INSERT INTO imports(file_name, file_hash, sheet, header_rows, mapping, inserted, updated, unchanged, rejected, ignored, operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        rusqlite::params![
            analysis.file_name,
            file_hash,
            analysis.sheet,
            serde_json::to_string(&analysis.header_rows)?,
            serde_json::to_string(&mapping)?,
            rep.inserted,
            rep.updated,
            rep.unchanged,
            rep.rejected.len() as i64,
            rep.ignored.len() as i64,
            operator,
            now,
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Writes the changes of one stored enterprise: its fields, extra attributes and figures, the
/// `import_changes` row holding what it was before, and one audit line per changed field.
fn write_update(audit: &Audit, figure_sql: &mut FigureSql, import_id: i64, p: &Planned, before: &Snapshot) -> Result<()> {
    let (tx, rec, now) = (audit.conn, p.record, &audit.stamp.at);
    let id = before.id();
    for ch in p.changes.iter().filter(|c| c.year.is_none() && c.field != "extra") {
        tx.prepare_cached(&format!("UPDATE enterprises SET \"{}\" = ?1 WHERE id = ?2", ch.field))?
            .execute(rusqlite::params![sql_value(&ch.new), id])?;
    }
    if p.changes.iter().any(|c| c.field == "extra") {
        tx.prepare_cached("UPDATE enterprises SET extra = ?1 WHERE id = ?2")?
            .execute(rusqlite::params![merged_extra(Some(before), rec), id])?;
    }
    tx.prepare_cached("UPDATE enterprises SET updated_at = ?1 WHERE id = ?2")?.execute(rusqlite::params![now, id])?;
    write_figures(tx, figure_sql, id, rec, Some(&p.changes))?;
    tx.prepare_cached("INSERT INTO import_changes(import_id, enterprise_id, uscc, kind, before) VALUES (?1, ?2, ?3, 'update', ?4)")?
        .execute(rusqlite::params![import_id, id, rec.uscc, serde_json::to_string(before)?])?;
    for ch in &p.changes {
        let (table, key, field) = match ch.year {
            Some(y) => ("enterprise_figures", format!("{}/{y}", rec.uscc), ch.field.clone()),
            None if ch.field == "extra" => ("enterprises", rec.uscc.clone(), format!("extra.{}", ch.label)),
            None => ("enterprises", rec.uscc.clone(), ch.field.clone()),
        };
        audit.log("update", table, &key, Some(&field), ch.old.as_ref().map(|v| v.display()), Some(ch.new.display()))?;
    }
    Ok(())
}
