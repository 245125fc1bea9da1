//! Importing a county's problem ledger sheet (问题台账): header found by synonyms, enterprises
//! matched by USCC or exact name, problems matched by enterprise + description; preview first.
use super::workflow::{self, next_state, parse_date, Action};
use super::{record, today};
use crate::audit;
use crate::sheet::merged::fill_merges;
use crate::enterprise::uscc;
use crate::sheet::read::{column_letter, read_file, CellValue, Grid};
use crate::error::{CoreError, Result};
use crate::sheet::report::{FieldChange, ImportReport, SheetIssue};
use crate::store::{now_text, Store};
use rusqlite::{params, Connection, OptionalExtension};
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Uscc,
    Name,
    Description,
    Category,
    Source,
    Received,
    Lead,
    CoUnits,
    Deadline,
    Result,
    Closed,
    Satisfaction,
}

/// The column a header text names (specific words before general ones: 问题类别 before 问题).
fn header_col(text: &str) -> Option<Col> {
    let k: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if k.is_empty() || k.chars().count() > 14 {
        return None;
    }
    let has = |ps: &[&str]| ps.iter().any(|p| k.contains(p));
    Some(if has(&["信用代码"]) {
        Col::Uscc
    } else if has(&["类别", "类型"]) {
        Col::Category
    } else if has(&["来源"]) {
        Col::Source
    } else if has(&["满意"]) {
        Col::Satisfaction
    } else if has(&["办结时间", "办结日期", "销号时间", "完成时间"]) {
        Col::Closed
    } else if has(&["时限", "期限"]) {
        Col::Deadline
    } else if has(&["牵头", "责任单位", "责任部门", "承办单位"]) {
        Col::Lead
    } else if has(&["配合", "协办"]) {
        Col::CoUnits
    } else if has(&["企业名称", "企业"]) {
        Col::Name
    } else if has(&["结果"]) {
        Col::Result
    } else if has(&["提出时间", "收集", "征集", "反映时间", "受理"]) {
        Col::Received
    } else if has(&["状态", "情况", "进展", "序号", "县"]) {
        return None;
    } else if has(&["问题", "诉求"]) {
        Col::Description
    } else {
        return None;
    })
}

struct Layout {
    header: usize,
    cols: Vec<(Col, usize)>,
}

impl Layout {
    fn col(&self, c: Col) -> Option<usize> {
        self.cols.iter().find(|(k, _)| *k == c).map(|(_, i)| *i)
    }
}

fn locate(grids: &[Grid]) -> Option<(usize, Layout)> {
    grids.iter().enumerate().filter(|(_, g)| !g.hidden).find_map(|(i, g)| {
        (0..g.rows.len().min(30)).find_map(|r| {
            let mut cols: Vec<(Col, usize)> = Vec::new();
            for (c, cell) in g.rows[r].iter().enumerate() {
                if let Some(k) = header_col(&cell.display()) {
                    if !cols.iter().any(|(x, _)| *x == k) {
                        cols.push((k, c));
                    }
                }
            }
            let l = Layout { header: r, cols };
            let found = l.col(Col::Description).is_some() && (l.col(Col::Name).is_some() || l.col(Col::Uscc).is_some());
            found.then_some((i, l))
        })
    })
}

/// One sheet row as read (text cells trimmed; dates as ISO text).
struct SheetRow {
    row: u32,
    enterprise_id: i64,
    enterprise_name: String,
    description: String,
    source: Option<String>,
    category: Option<String>,
    received_on: Option<String>,
    lead_unit: Option<String>,
    co_units: Vec<String>,
    deadline: Option<String>,
    result: Option<String>,
    closed_on: Option<String>,
    satisfaction: Option<String>,
}

struct Existing {
    id: i64,
    state: String,
    source: String,
    category: String,
    received_on: String,
    lead_unit: Option<String>,
    co_units: Vec<String>,
    deadline: Option<String>,
    result: Option<String>,
    closed_on: Option<String>,
    satisfaction: Option<String>,
}

fn find_enterprise(conn: &Connection, uscc_text: &str, name: &str) -> Result<Option<(i64, String)>> {
    let q = |sql: &str, key: &str| -> Result<Option<(i64, String)>> {
        Ok(conn.query_row(sql, [key], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
    };
    if !uscc_text.is_empty() {
        return q("SELECT id, name FROM enterprises WHERE uscc = ?1", uscc_text);
    }
    q("SELECT id, name FROM enterprises WHERE name = ?1", name)
}

fn read_row(conn: &Connection, g: &Grid, l: &Layout, r: usize) -> Result<std::result::Result<SheetRow, SheetIssue>> {
    let row = r as u32 + 1;
    let text = |c: Col| -> String {
        l.col(c)
            .and_then(|i| g.cell(r, i))
            .map(|cell| match &cell.value {
                CellValue::Date(d) => d.clone(),
                _ => cell.display().trim().to_string(),
            })
            .unwrap_or_default()
    };
    let opt = |c: Col| Some(text(c)).filter(|s| !s.is_empty());
    let reject = |c: Col, code: &str, message: String| {
        let value = l.col(c).and_then(|i| g.cell(r, i)).map(|cell| cell.display().trim().to_string());
        Ok(Err(SheetIssue::new(row, l.col(c).map(column_letter), value, code, message)))
    };
    let code = uscc::normalize(&text(Col::Uscc));
    if !code.is_empty() {
        if let Err(p) = uscc::check(&code) {
            return reject(Col::Uscc, p.code(), p.message());
        }
    }
    let name = text(Col::Name);
    let Some((enterprise_id, enterprise_name)) = find_enterprise(conn, &code, &name)? else {
        let who = if code.is_empty() { format!("企业名称“{name}”") } else { format!("统一社会信用代码 {code}") };
        let col = if code.is_empty() { Col::Name } else { Col::Uscc };
        return reject(col, "enterprise_unknown", format!("企业库中没有{who}对应的企业，请先导入该企业"));
    };
    let description = text(Col::Description);
    if description.is_empty() {
        return reject(Col::Description, "description_missing", "问题描述为空".into());
    }
    let mut dates = [(Col::Received, "收集日期", None), (Col::Deadline, "办理时限", None), (Col::Closed, "办结日期", None)];
    for (c, what, out) in dates.iter_mut() {
        if let Some(t) = opt(*c) {
            match parse_date(&t, what) {
                Ok(d) => *out = Some(d.to_string()),
                Err(e) => return reject(*c, "date_invalid", e.to_string()),
            }
        }
    }
    let controlled = [(Col::Source, &workflow::SOURCES[..], "问题来源"), (Col::Category, &workflow::CATEGORIES[..], "问题类别"), (Col::Satisfaction, &workflow::SATISFACTIONS[..], "企业满意度")];
    for (c, allowed, what) in controlled {
        if let Some(t) = opt(c) {
            if let Err(e) = workflow::one_of(&t, allowed, what) {
                return reject(c, "value_unknown", e.to_string());
            }
        }
    }
    let co_units = text(Col::CoUnits)
        .split(['、', ',', '，', ';', '；', '\n'])
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty())
        .collect();
    // The ledger export writes a returned problem's reason as 退回：… in the result column.
    let result = opt(Col::Result).filter(|t| !t.starts_with("退回："));
    let [received_on, deadline, closed_on] = dates.map(|d| d.2);
    Ok(Ok(SheetRow {
        row,
        enterprise_id,
        enterprise_name,
        description,
        source: opt(Col::Source),
        category: opt(Col::Category),
        received_on,
        lead_unit: opt(Col::Lead),
        co_units,
        deadline,
        result,
        closed_on,
        satisfaction: opt(Col::Satisfaction),
    }))
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
            Ok(Existing {
                id: r.get(0)?,
                state: r.get(1)?,
                source: r.get(2)?,
                category: r.get(3)?,
                received_on: r.get(4)?,
                lead_unit: r.get(5)?,
                co_units: co.and_then(|c| serde_json::from_str(&c).ok()).unwrap_or_default(),
                deadline: r.get(7)?,
                result: r.get(8)?,
                closed_on: r.get(9)?,
                satisfaction: r.get(10)?,
            })
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
    if workflow::OPEN_STATES.contains(&e.state.as_str()) {
        cmp("lead_unit", "牵头单位", e.lead_unit.as_deref(), &s.lead_unit);
        cmp("deadline", "办理时限", e.deadline.as_deref(), &s.deadline);
        let co = (!s.co_units.is_empty()).then(|| s.co_units.join("、"));
        cmp("co_units", "配合单位", Some(&e.co_units.join("、")), &co);
    }
    if workflow::CLOSED_STATES.contains(&e.state.as_str()) {
        cmp("result", "办理结果", e.result.as_deref(), &s.result);
        cmp("closed_on", "办结日期", e.closed_on.as_deref(), &s.closed_on);
        cmp("satisfaction", "企业满意度", e.satisfaction.as_deref(), &s.satisfaction);
    }
    out
}

/// Whether a new problem from this row is assigned at once (lead unit and deadline given).
fn assigns(s: &SheetRow) -> bool {
    s.lead_unit.is_some() && s.deadline.is_some()
}

struct Plan {
    report: LedgerImportReport,
    rows: Vec<(SheetRow, Option<Existing>)>,
}

fn plan(store: &Store, path: &Path) -> Result<Plan> {
    let (file, mut grids) = read_file(path)?;
    let Some((i, layout)) = locate(&grids) else {
        return Err(CoreError::UnrecognizedLayout(format!(
            "无法识别 {file} 中的问题台账：没有找到含“企业名称（或统一社会信用代码）”和“问题描述”的表头行"
        )));
    };
    fill_merges(&mut grids[i]);
    let g = &grids[i];
    let header = ImportReport { file_name: file, sheet: g.name.clone(), header_rows: vec![layout.header as u32 + 1], ..Default::default() };
    let mut report = LedgerImportReport { report: header, rows: 0, changes: Vec::new() };
    let mut rows = Vec::new();
    for r in layout.header + 1..g.rows.len() {
        let used: Vec<usize> = layout.cols.iter().map(|(_, c)| *c).collect();
        if used.iter().all(|c| g.cell(r, *c).map(|x| x.is_blank()).unwrap_or(true)) {
            continue;
        }
        report.rows += 1;
        let s = match read_row(&store.conn, g, &layout, r)? {
            Ok(s) => s,
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
    Ok(plan(store, path)?.report)
}

/// Imports the ledger sheet at `path` in one audited transaction: new problems (征集, or 交办
/// with their transition recorded) and changed fields of existing ones.
pub fn import_ledger(store: &mut Store, path: &Path) -> Result<LedgerImportReport> {
    let Plan { report, rows } = plan(store, path)?;
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
                    "INSERT INTO problems(enterprise_id, source, category, description, received_on, state, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, '征集', ?6, ?6)",
                    params![s.enterprise_id, source, category, s.description, received, now],
                )?;
                let id = tx.last_insert_rowid();
                record(&tx, id, "征集", None, "征集", &format!("{source}·{category}；{source_note}第{}行", s.row), &operator)?;
                if let (true, Some(lead), Some(deadline)) = (assigns(s), &s.lead_unit, &s.deadline) {
                    let to = next_state("征集", Action::Assign)?;
                    let co: Vec<&String> = s.co_units.iter().filter(|u| *u != lead).collect();
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
                    let value = if col == "co_units" { serde_json::to_string(&s.co_units)? } else { after.clone() };
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
