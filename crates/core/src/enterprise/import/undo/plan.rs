//! Deciding an undo before anything is written: for every enterprise the import touched, what
//! happened to it since (edits by hand or by later imports, 一企一策, problems, stage history),
//! so that only what still holds the imported value is reverted and nothing later is lost.
use super::slots::{self, Slot};
use super::{UndoField, UndoItem};
use crate::enterprise::records;
use crate::enterprise::snapshot::{self, same_value, Snapshot};
use crate::error::{CoreError, Result};
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value as Json;

/// The bookkeeping column undo and redo restore along with a whole enterprise.
pub const STAMP: &str = "updated_at";

/// One slot undo writes back: the value before the import and the one it imported.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Write {
    pub slot: Slot,
    pub before: Json,
    pub imported: Json,
}

/// What undo does to one enterprise, with the report line people read.
pub struct Decision {
    pub enterprise_id: i64,
    pub uscc: String,
    pub item: UndoItem,
    pub writes: Vec<Write>,
    /// The enterprise was added by the import and nothing was recorded about it since: deleted.
    pub remove: bool,
}

struct Change {
    enterprise_id: i64,
    uscc: String,
    kind: String,
    before: Option<Snapshot>,
    after: Option<Snapshot>,
}

fn parse(text: Option<String>) -> Result<Option<Snapshot>> {
    Ok(match text {
        Some(t) => Some(serde_json::from_str(&t)?),
        None => None,
    })
}

fn changes(conn: &Connection, import_id: i64) -> Result<Vec<Change>> {
    let mut stmt = conn.prepare("SELECT enterprise_id, uscc, kind, before, after FROM import_changes WHERE import_id = ?1 ORDER BY enterprise_id")?;
    let rows = stmt
        .query_map([import_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, Option<String>>(3)?, r.get::<_, Option<String>>(4)?)))?
        .collect::<rusqlite::Result<Vec<(i64, String, String, _, _)>>>()?;
    rows.into_iter()
        .map(|(enterprise_id, uscc, kind, before, after)| Ok(Change { enterprise_id, uscc, kind, before: parse(before)?, after: parse(after)? }))
        .collect()
}

/// The audit rows of this import end with its `import` row; everything after it is later.
fn boundary(conn: &Connection, import_id: i64) -> Result<i64> {
    let source = format!("导入#{import_id}");
    Ok(conn.query_row("SELECT coalesce(max(id), 0) FROM audit_log WHERE source = ?1", [source], |r| r.get(0))?)
}

/// A later change of the enterprise in the audit log, as people read it.
struct Later {
    at: String,
    operator: String,
    source: String,
}

impl Later {
    fn text(&self) -> String {
        format!("{} 于 {}（{}）", self.operator, self.at.replace('T', " "), self.source)
    }
}

/// Sources whose changes are not “later work”: this import and its own undo/redo, and imports
/// since undone (with their undos), whose changes are gone again.
const LATER_SQL: &str = "SELECT at, operator, coalesce(source, '') FROM audit_log
     WHERE id > ?2 AND ((table_name = 'enterprises' AND row_key = ?1) OR (table_name = 'enterprise_figures' AND row_key LIKE ?1 || '/%'))
       AND coalesce(source, '') NOT IN (?3, ?4, ?5)
       AND coalesce(source, '') NOT IN (SELECT '导入#' || id FROM imports WHERE undone_at IS NOT NULL
                                        UNION SELECT '撤销导入#' || id FROM imports WHERE undone_at IS NOT NULL)
     ORDER BY id DESC";

struct Context<'a> {
    conn: &'a Connection,
    import_id: i64,
    boundary: i64,
}

impl Context<'_> {
    fn own_sources(&self) -> [String; 3] {
        let n = self.import_id;
        [format!("导入#{n}"), format!("撤销导入#{n}"), format!("恢复导入#{n}")]
    }

    fn later(&self, uscc: &str) -> Result<Vec<Later>> {
        let [a, b, c] = self.own_sources();
        let mut stmt = self.conn.prepare_cached(LATER_SQL)?;
        let rows = stmt.query_map(rusqlite::params![uscc, self.boundary, a, b, c], |r| Ok(Later { at: r.get(0)?, operator: r.get(1)?, source: r.get(2)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The last later change of one slot, if the audit log has one.
    fn later_of(&self, uscc: &str, slot: &Slot) -> Result<Option<Later>> {
        let (table, key, field) = slot.audit_target(uscc);
        let [a, b, c] = self.own_sources();
        Ok(self
            .conn
            .query_row(
                "SELECT at, operator, coalesce(source, '') FROM audit_log WHERE id > ?1 AND table_name = ?2 AND row_key = ?3 AND field = ?4
                   AND coalesce(source, '') NOT IN (?5, ?6, ?7) ORDER BY id DESC LIMIT 1",
                rusqlite::params![self.boundary, table, key, field, a, b, c],
                |r| Ok(Later { at: r.get(0)?, operator: r.get(1)?, source: r.get(2)? }),
            )
            .optional()?)
    }

    /// Later imports, not undone, that also changed this enterprise.
    fn later_imports(&self, enterprise_id: i64) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.import_id FROM import_changes c JOIN imports i ON i.id = c.import_id AND i.undone_at IS NULL
             WHERE c.enterprise_id = ?1 AND c.import_id > ?2 ORDER BY c.import_id",
        )?;
        let rows = stmt.query_map(rusqlite::params![enterprise_id, self.import_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn name_of(s: Option<&Snapshot>, fallback: &str) -> String {
    s.and_then(|s| s.enterprise.get("name")).and_then(Json::as_str).unwrap_or(fallback).to_string()
}

fn item(ch: &Change, name: String, action: &str, reason: Option<String>, fields: Vec<UndoField>) -> UndoItem {
    UndoItem { uscc: ch.uscc.clone(), name, action: action.into(), reason, fields }
}

/// Why an enterprise this import added must stay: what was recorded about it since.
fn reasons_to_keep(cx: &Context, ch: &Change, current: &Snapshot) -> Result<Vec<String>> {
    let mut why = Vec::new();
    if let Some(after) = &ch.after {
        let edited = slots::differing(Some(after), current);
        if !edited.is_empty() {
            let labels: Vec<String> = edited.iter().take(5).map(Slot::label).collect();
            why.push(format!("导入后又修改了{}{}", labels.join("、"), if edited.len() > 5 { " 等" } else { "" }));
        }
    }
    for (table, n) in records::counts(cx.conn, ch.enterprise_id)? {
        // Figures are compared value by value above; every stage change (the history's rows) is
        // also an audited edit, found below with those of imports since undone left out.
        // Certificates the flag columns made follow those columns (compared above).
        let n = if table == "qualifications" { crate::qualifications::entered_count(cx.conn, ch.enterprise_id)? } else { n };
        if n > 0 && !matches!(table.as_str(), "enterprise_figures" | "listing_stage_history") {
            why.push(format!("有{} {n} 条", records::table_label(&table)));
        }
    }
    let later_imports = cx.later_imports(ch.enterprise_id)?;
    if !later_imports.is_empty() {
        let list: Vec<String> = later_imports.iter().map(|i| format!("第 {i} 次")).collect();
        why.push(format!("{}导入也更新了它", list.join("、")));
    }
    if let Some(last) = cx.later(&ch.uscc)?.first() {
        why.push(format!("最近一次修改：{}", last.text()));
    }
    Ok(why)
}

fn decide_insert(cx: &Context, ch: &Change, current: Snapshot) -> Result<Decision> {
    let name = name_of(Some(&current), &ch.uscc);
    let why = reasons_to_keep(cx, ch, &current)?;
    let (action, reason, remove) = if why.is_empty() {
        ("remove", None, true)
    } else {
        ("keep", Some(format!("本次导入新增的企业，保留：{}", why.join("；"))), false)
    };
    let item = item(ch, name, action, reason, Vec::new());
    Ok(Decision { enterprise_id: ch.enterprise_id, uscc: ch.uscc.clone(), item, writes: Vec::new(), remove })
}

fn decide_update(cx: &Context, ch: &Change, current: Snapshot) -> Result<Decision> {
    let name = name_of(Some(&current), &ch.uscc);
    let before = ch.before.as_ref().ok_or_else(|| CoreError::Store(format!("导入#{} 缺少 {} 导入前的记录", cx.import_id, ch.uscc)))?;
    let after = match &ch.after {
        Some(a) => a.clone(),
        // Imports made before the state after them was kept: only when nothing happened since
        // is the present state the imported one.
        None if cx.later(&ch.uscc)?.is_empty() && cx.later_imports(ch.enterprise_id)?.is_empty() => current.clone(),
        None => {
            let why = "该次导入早于本版本，无法逐项核对；导入后又有修改，整家企业保留现状".to_string();
            return Ok(Decision { enterprise_id: ch.enterprise_id, uscc: ch.uscc.clone(), item: item(ch, name, "keep", Some(why), Vec::new()), writes: Vec::new(), remove: false });
        }
    };
    let (mut writes, mut fields) = (Vec::new(), Vec::new());
    for slot in slots::differing(Some(before), &after) {
        let (b, imported, now) = (slot.value(before), slot.value(&after), slot.value(&current));
        let (field, year) = slot.field();
        let revert = same_value(&now, &imported);
        let reason = if revert {
            None
        } else {
            let who = cx.later_of(&ch.uscc, &slot)?.map(|l| format!("，由 {}", l.text())).unwrap_or_default();
            Some(format!("导入后已改为“{}”{who}，保留", slot.shown(&now).unwrap_or_else(|| "空".into())))
        };
        fields.push(UndoField { field, label: slot.label(), year, before: slot.shown(&b), imported: slot.shown(&imported), current: slot.shown(&now), revert, reason });
        if revert {
            writes.push(Write { slot, before: b, imported });
        }
    }
    let kept = fields.iter().filter(|f| !f.revert).count();
    if kept == 0 && !writes.is_empty() {
        // Everything goes back: so does the time it was last changed.
        let slot = Slot::Column(STAMP.into());
        writes.push(Write { before: slot.value(before), imported: slot.value(&after), slot });
    }
    let (action, reason) = match (writes.is_empty(), kept) {
        (true, 0) => ("none", Some("导入没有改动字段值，无需恢复".to_string())),
        (true, _) => ("keep", Some("导入改动的字段导入后都又被修改，全部保留".to_string())),
        (false, 0) => ("revert", None),
        (false, n) => ("revert", Some(format!("其中 {n} 项导入后又被修改，保留"))),
    };
    Ok(Decision { enterprise_id: ch.enterprise_id, uscc: ch.uscc.clone(), item: item(ch, name, action, reason, fields), writes, remove: false })
}

/// The decisions of undoing `import_id`, read on `conn` (inside the undo's transaction).
pub fn decide(conn: &Connection, import_id: i64) -> Result<Vec<Decision>> {
    let cx = Context { conn, import_id, boundary: boundary(conn, import_id)? };
    let mut out = Vec::new();
    for ch in changes(conn, import_id)? {
        let Some(current) = snapshot::load_id(conn, ch.enterprise_id)? else {
            let name = name_of(ch.after.as_ref().or(ch.before.as_ref()), &ch.uscc);
            let why = "企业已被删除（见回收站），无需撤销".to_string();
            out.push(Decision { enterprise_id: ch.enterprise_id, uscc: ch.uscc.clone(), item: item(&ch, name, "gone", Some(why), Vec::new()), writes: Vec::new(), remove: false });
            continue;
        };
        out.push(if ch.kind == "insert" { decide_insert(&cx, &ch, current)? } else { decide_update(&cx, &ch, current)? });
    }
    Ok(out)
}
