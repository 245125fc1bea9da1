//! Importing a county's problem ledger sheet (问题台账, a workbook, .csv or web table): header
//! found by synonyms, enterprises matched by USCC or exact name, problems matched by enterprise +
//! description; free words kept (warned), only rows without enterprise or description rejected.
mod sheet;
mod words;

use super::workflow::{self, next_state, Action};
use super::{record, today};
use crate::audit;
use crate::sheet::merged::fill_merges;
use crate::fingerprint;
use crate::sheet::input::read_input;
use crate::sheet::read::{column_letter, read_workbook};
use crate::error::{CoreError, Result};
use crate::sheet::report::{FieldChange, ImportReport, SheetIssue};
use crate::store::{now_text, Store};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// A sheet row that adds a problem (`insert`) or changes one (`update`).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct LedgerImportChange {
    pub row: u32,
    pub kind: String,
    pub enterprise_name: String,
    pub description: String,
    /// The state a new problem gets (征集, or 交办 when the sheet names a lead unit and deadline).
    pub state: String,
    pub fields: Vec<FieldChange>,
}

/// What importing a ledger sheet does (preview) or did (`committed`).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct LedgerImportReport {
    #[serde(flatten)]
    #[ts(flatten)]
    pub report: ImportReport,
    /// Data rows read under the header.
    pub rows: u32,
    pub changes: Vec<LedgerImportChange>,
    /// SHA-256 of the file read: give the preview's back to `import_ledger_checked`.
    pub file_hash: String,
}

use sheet::{locate, read_row, Col, Handling, SheetRow};

/// A stored problem a sheet row may be.
struct Existing {
    id: i64,
    state: String,
    source: String,
    category: String,
    received_on: String,
    handling: Handling,
}

/// The stored problem a sheet row is: among the enterprise's problems with this description
/// that no earlier row took (`taken`), the first the row leaves unchanged, else the oldest.
fn existing(conn: &Connection, s: &SheetRow, taken: &[i64]) -> Result<Option<Existing>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, state, source, category, received_on, lead_unit, co_units, deadline, result, closed_on, satisfaction
         FROM problems WHERE enterprise_id = ?1 AND trim(description) = ?2
           AND id NOT IN (SELECT value FROM json_each(?3)) ORDER BY id",
    )?;
    let mut found = stmt
        .query_map(params![s.enterprise_id, s.description, serde_json::to_string(taken)?], |r| {
            let co: Option<String> = r.get(6)?;
            let handling = Handling {
                lead_unit: r.get(5)?,
                co_units: co.and_then(|c| serde_json::from_str(&c).ok()).unwrap_or_default(),
                deadline: r.get(7)?,
                result: r.get(8)?,
                closed_on: r.get(9)?,
                satisfaction: r.get(10)?,
            };
            Ok(Existing { id: r.get(0)?, state: r.get(1)?, source: r.get(2)?, category: r.get(3)?, received_on: r.get(4)?, handling })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let same = found.iter().position(|e| field_changes(e, s).is_empty()).unwrap_or(0);
    Ok((!found.is_empty()).then(|| found.swap_remove(same)))
}

/// The fields the sheet changes on an existing problem: (column, label, old, new). Unit and
/// deadline only while the problem is with a unit; result, date and satisfaction once closed.
fn field_changes(e: &Existing, s: &SheetRow) -> Vec<(&'static str, &'static str, String, String)> {
    let mut out = Vec::new();
    let mut cmp = |col, label, old: Option<&str>, new: &Option<String>| {
        if let Some(n) = new {
            if old != Some(n.as_str()) {
                out.push((col, label, old.unwrap_or("").to_string(), n.clone()));
            }
        }
    };
    cmp("source", "问题来源", Some(&e.source), &s.source);
    cmp("category", "问题类别", Some(&e.category), &s.category);
    cmp("received_on", "收集日期", Some(&e.received_on), &s.received_on);
    let (old, new) = (&e.handling, &s.handling);
    if workflow::OPEN_STATES.contains(&e.state.as_str()) {
        cmp("lead_unit", "牵头单位", old.lead_unit.as_deref(), &new.lead_unit);
        cmp("deadline", "办理时限", old.deadline.as_deref(), &new.deadline);
        let co = (!new.co_units.is_empty()).then(|| new.co_units.join("、"));
        cmp("co_units", "配合单位", Some(&old.co_units.join("、")), &co);
    }
    if workflow::CLOSED_STATES.contains(&e.state.as_str()) {
        cmp("result", "办理结果", old.result.as_deref(), &new.result);
        cmp("closed_on", "办结日期", old.closed_on.as_deref(), &new.closed_on);
        cmp("satisfaction", "企业满意度", old.satisfaction.as_deref(), &new.satisfaction);
    }
    out
}

/// Whether a new problem from this row is assigned at once (lead unit and deadline given).
fn assigns(s: &SheetRow) -> bool {
    s.handling.lead_unit.is_some() && s.handling.deadline.is_some()
}

struct Plan {
    report: LedgerImportReport,
    rows: Vec<(SheetRow, Option<Existing>)>,
}

fn plan(store: &Store, path: &Path, previewed: Option<&str>) -> Result<Plan> {
    let (bytes, file) = read_input(path)?;
    let file_hash = fingerprint::sha256(&bytes);
    fingerprint::ensure_unchanged(&file, &file_hash, previewed)?;
    let mut grids = read_workbook(&bytes, &file)?;
    let Some((i, layout)) = locate(&grids) else {
        return Err(CoreError::UnrecognizedLayout(format!(
            "无法识别 {file} 中的问题台账：没有找到含“企业名称（或统一社会信用代码）”和“问题描述”的表头行"
        )));
    };
    fill_merges(&mut grids[i]);
    let g = &grids[i];
    let header = ImportReport { file_name: file, sheet: g.name.clone(), header_rows: vec![layout.header as u32 + 1], ..Default::default() };
    let mut report = LedgerImportReport { report: header, rows: 0, changes: Vec::new(), file_hash };
    report.report.warnings.extend(g.cut.iter().map(|cut| cut.issue(None)));
    let mut rows = Vec::new();
    for r in layout.header + 1..g.rows.len() {
        let used: Vec<usize> = layout.cols.iter().map(|(_, c)| *c).collect();
        if used.iter().all(|c| g.cell(r, *c).map(|x| x.is_blank()).unwrap_or(true)) {
            continue;
        }
        report.rows += 1;
        let s = match read_row(&store.conn, g, &layout, r)? {
            Ok((s, warnings)) => {
                report.report.warnings.extend(warnings);
                s
            }
            Err(issue) => {
                report.report.rejected.push(issue);
                continue;
            }
        };
        let taken: Vec<i64> = rows.iter().filter_map(|(_, e): &(SheetRow, Option<Existing>)| e.as_ref().map(|e| e.id)).collect();
        let e = existing(&store.conn, &s, &taken)?;
        let duplicate = rows.iter().any(|(o, _)| o.enterprise_id == s.enterprise_id && o.description == s.description);
        if duplicate && e.is_none() {
            let column = layout.col(Col::Description).map(column_letter);
            let message = "与表中前面一行是同一企业的同一问题，已跳过";
            report.report.rejected.push(SheetIssue::new(s.row, column, Some(s.description.clone()), "duplicate", message));
            continue;
        }
        let change = |kind: &str, state: &str, fields: Vec<FieldChange>| LedgerImportChange {
            row: s.row,
            kind: kind.into(),
            enterprise_name: s.enterprise_name.clone(),
            description: s.description.clone(),
            state: state.into(),
            fields,
        };
        match &e {
            None => {
                report.report.inserted += 1;
                report.changes.push(change("insert", if assigns(&s) { "交办" } else { "征集" }, Vec::new()));
            }
            Some(old) => {
                let fields: Vec<FieldChange> = field_changes(old, &s)
                    .into_iter()
                    .map(|(col, label, old, new)| FieldChange::text(col, label, Some(old), new))
                    .collect();
                if fields.is_empty() {
                    report.report.unchanged += 1;
                } else {
                    report.report.updated += 1;
                    report.changes.push(change("update", &old.state, fields));
                }
            }
        }
        rows.push((s, e));
    }
    Ok(Plan { report, rows })
}

/// What importing the ledger sheet at `path` would do; writes nothing.
pub fn preview_ledger_import(store: &Store, path: &Path) -> Result<LedgerImportReport> {
    Ok(plan(store, path, None)?.report)
}

/// Imports the ledger sheet at `path` in one audited transaction: new problems (征集, or 交办
/// with their transition recorded, belonging to work plan `plan_id`) and changed fields of
/// existing ones.
pub fn import_ledger(store: &mut Store, path: &Path, plan_id: i64) -> Result<LedgerImportReport> {
    import_ledger_checked(store, path, plan_id, None)
}

/// [`import_ledger`], refused when `previewed` (the preview's `file_hash`) is given and the file
/// has changed since.
pub fn import_ledger_checked(store: &mut Store, path: &Path, plan_id: i64, previewed: Option<&str>) -> Result<LedgerImportReport> {
    crate::work_plans::get_plan(store, plan_id)?;
    let Plan { report, rows } = plan(store, path, previewed)?;
    let operator = store.operator()?;
    let now = now_text();
    let source_note = format!("导入问题台账：{}", report.report.file_name);
    let stamp = audit::Stamp::new(now.clone(), operator.clone(), source_note.clone());
    let tx = store.conn.transaction()?;
    for (s, e) in &rows {
        match e {
            None => {
                let source = s.source.clone().unwrap_or_else(|| "其他".into());
                let category = s.category.clone().unwrap_or_else(|| "其他".into());
                let received = s.received_on.clone().unwrap_or_else(|| today().to_string());
                tx.execute(
                    "INSERT INTO problems(enterprise_id, source, category, description, received_on, state, created_at, updated_at, plan_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, '征集', ?6, ?6, ?7)",
                    params![s.enterprise_id, source, category, s.description, received, now, plan_id],
                )?;
                let id = tx.last_insert_rowid();
                record(&tx, id, "征集", None, "征集", &format!("{source}·{category}；{source_note}第{}行", s.row), &operator)?;
                if let (true, Some(lead), Some(deadline)) = (assigns(s), &s.handling.lead_unit, &s.handling.deadline) {
                    let to = next_state("征集", Action::Assign)?;
                    let co: Vec<&String> = s.handling.co_units.iter().filter(|u| *u != lead).collect();
                    tx.execute(
                        "UPDATE problems SET state = ?1, lead_unit = ?2, co_units = ?3, assigned_on = ?4, deadline = ?5 WHERE id = ?6",
                        params![to, lead, serde_json::to_string(&co)?, today().to_string(), deadline, id],
                    )?;
                    let note = format!("牵头单位：{lead}；办理时限：{}；{source_note}", workflow::date_cn(Some(deadline)));
                    record(&tx, id, Action::Assign.label(), Some("征集"), to, &note, &operator)?;
                }
            }
            Some(old) => {
                for (col, label, before, after) in field_changes(old, s) {
                    let value = if col == "co_units" { serde_json::to_string(&s.handling.co_units)? } else { after.clone() };
                    tx.execute(&format!("UPDATE problems SET {col} = ?1, updated_at = ?2 WHERE id = ?3"), params![value, now, old.id])?;
                    let key = old.id.to_string();
                    let entry = audit::Entry::row("update", "problems", &key).field(label, Some(&before), Some(&after));
                    audit::record(&tx, &stamp, entry)?;
                }
            }
        }
    }
    tx.commit()?;
    Ok(report)
}

#[cfg(test)]
mod tests;
