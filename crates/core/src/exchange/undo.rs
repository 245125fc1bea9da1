//! Undoing a package import without destroying later work: a field goes back only where it
//! still holds the package's value, a record the package added is removed only when it is as the
//! package left it and nothing was recorded below it since; the base goes back where it still is
//! this package's.
use super::import::UndoData;
use super::kinds::{key_text, same_content, Records};
use crate::audit;
use crate::enterprise::snapshot::{display_json, same_value};
use crate::error::{CoreError, Result};
use crate::store::{now_text, Store};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use ts_rs::TS;

/// What undo did to one record.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export, rename = "PackageUndoLine")]
pub struct UndoLine {
    pub kind: String,
    pub label: String,
    pub key: String,
    /// What people call the record (the enterprise's name and what it is).
    pub title: String,
    /// removed / reverted / kept / gone
    pub action: String,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export, rename = "PackageUndoReport")]
pub struct UndoPackageReport {
    pub package_id: i64,
    /// Records the package had added, removed again.
    pub removed: i64,
    /// Records whose fields went back (all or some).
    pub reverted: i64,
    /// Records left as they are now (changed since, or with later records below them).
    pub kept: i64,
    pub lines: Vec<UndoLine>,
    /// A preview: nothing was written.
    pub dry_run: bool,
}

/// Undoes the import `package_id` in one transaction, every step audited.
pub fn undo_package(store: &mut Store, package_id: i64) -> Result<UndoPackageReport> {
    let operator = store.operator()?;
    let tx = store.conn.transaction()?;
    let report = undo_in(&tx, package_id, operator, false)?;
    tx.commit()?;
    Ok(report)
}

/// What [`undo_package`] would do, record by record: the same steps in a transaction that is
/// rolled back, so the preview cannot differ from the undo. Writes nothing.
pub fn undo_package_preview(store: &mut Store, package_id: i64) -> Result<UndoPackageReport> {
    let operator = store.operator()?;
    let tx = store.conn.transaction()?;
    undo_in(&tx, package_id, operator, true)
}

/// The undo's steps on `tx`, which the caller commits or drops.
fn undo_in(tx: &rusqlite::Transaction, package_id: i64, operator: String, dry_run: bool) -> Result<UndoPackageReport> {
    let now = now_text();
    crate::qualifications::pause_following(tx)?;
    let row: Option<(String, String, Option<String>, Option<String>)> = tx
        .query_row("SELECT direction, sender, undone_at, undo_data FROM exchange_packages WHERE id = ?1", [package_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((direction, sender, undone, data)) = row else {
        return Err(CoreError::NotFound(format!("没有编号为 {package_id} 的数据包记录（pacesetter package list 列出全部）")));
    };
    if direction != "received" {
        return Err(CoreError::Invalid(format!("第 {package_id} 条是导出的数据包，只有导入的数据包可以撤销")));
    }
    if let Some(at) = undone {
        return Err(CoreError::Invalid(format!("第 {package_id} 个数据包的导入已于 {} 撤销过", at.replace('T', " "))));
    }
    let data: UndoData = serde_json::from_str(data.as_deref().unwrap_or("{}"))?;
    let stamp = audit::Stamp::new(now.clone(), operator, format!("撤销数据包#{package_id}"));
    let mut reader = Records::new(tx)?;
    // A record the package added keeps its body once, in the base change.
    let added: std::collections::HashMap<(&str, &str), &str> = data.base.iter().map(|b| ((b.kind.as_str(), b.key.as_str()), b.after.as_str())).collect();
    let mut written = data.written.clone();
    for w in written.iter_mut().filter(|w| w.before.is_none() && w.after.is_empty()) {
        if let Some(body) = added.get(&(w.kind.as_str(), key_text(&w.key).as_str())) {
            w.after = serde_json::from_str(body)?;
        }
    }
    written.sort_by_key(|w| std::cmp::Reverse(reader.spec(&w.kind).map(|s| s.order).unwrap_or(0)));
    let mut report = UndoPackageReport { package_id, removed: 0, reverted: 0, kept: 0, lines: Vec::new(), dry_run };
    let titles = super::import::Titles::of_store(tx)?;
    for w in &written {
        let spec = reader.spec(&w.kind)?.clone();
        let kt = key_text(&w.key);
        let rec = super::kinds::Rec { kind: w.kind.clone(), key: w.key.clone(), body: w.after.clone() };
        let title = titles.title(&rec, &spec.label);
        let mut line = UndoLine { kind: w.kind.clone(), label: spec.label.clone(), key: kt.clone(), title, action: String::new(), reason: None };
        let Some((rowid, current)) = reader.load(&w.kind, &w.key)? else {
            line.action = "gone".into();
            line.reason = Some("已被删除，无需撤销".into());
            report.lines.push(line);
            continue;
        };
        match &w.before {
            None => {
                let below = rows_below(tx, &spec.kind, rowid)?;
                if !same_content(&current, &w.after) {
                    line.action = "kept".into();
                    line.reason = Some("导入后又被修改，保留".into());
                    report.kept += 1;
                } else if below > 0 {
                    line.action = "kept".into();
                    line.reason = Some(format!("导入后其下又有 {below} 条记录，保留"));
                    report.kept += 1;
                } else {
                    reader.delete(&w.kind, &w.key, rowid)?;
                    audit::record(tx, &stamp, audit::Entry::row("delete", &spec.table, &kt).values(Some(&super::kinds::body_text(&current)), None))?;
                    line.action = "removed".into();
                    report.removed += 1;
                }
            }
            Some(before) => {
                let null = Json::Null;
                let mut back = Vec::new();
                let mut kept = Vec::new();
                for (f, imported) in &w.after {
                    if same_value(current.get(f).unwrap_or(&null), imported) {
                        back.push((f.clone(), before.get(f).cloned().unwrap_or(Json::Null)));
                    } else if !super::kinds::STAMPS.contains(&f.as_str()) {
                        kept.push(f.clone());
                    }
                }
                if !back.is_empty() {
                    reader.update(&w.kind, rowid, &back)?;
                    for (f, v) in back.iter().filter(|(f, _)| !super::kinds::STAMPS.contains(&f.as_str())) {
                        let old = current.get(f).and_then(|x| display_json(x, false));
                        let new = display_json(v, false);
                        audit::record(tx, &stamp, audit::Entry::row("undo", &spec.table, &kt).field(f, old.as_deref(), new.as_deref()))?;
                    }
                }
                let reverted_fields = back.iter().filter(|(f, _)| !super::kinds::STAMPS.contains(&f.as_str())).count();
                if reverted_fields > 0 {
                    report.reverted += 1;
                    line.action = "reverted".into();
                } else {
                    line.action = "kept".into();
                }
                if !kept.is_empty() {
                    report.kept += 1;
                    line.reason = Some(format!("{} 导入后又被修改，保留", kept.join("、")));
                }
            }
        }
        report.lines.push(line);
    }
    {
        let mut get = tx.prepare_cached("SELECT body FROM exchange_base WHERE peer = ?1 AND direction = 'received' AND kind = ?2 AND key = ?3")?;
        for b in &data.base {
            let now_body: Option<String> = get.query_row(rusqlite::params![sender, b.kind, b.key], |r| r.get(0)).optional()?;
            if now_body.as_deref() != Some(b.after.as_str()) {
                continue;
            }
            match &b.before {
                Some(prev) => tx.execute("UPDATE exchange_base SET body = ?4 WHERE peer = ?1 AND direction = 'received' AND kind = ?2 AND key = ?3", rusqlite::params![sender, b.kind, b.key, prev])?,
                None => tx.execute("DELETE FROM exchange_base WHERE peer = ?1 AND direction = 'received' AND kind = ?2 AND key = ?3", rusqlite::params![sender, b.kind, b.key])?,
            };
        }
    }
    if let Some(before) = &data.current_plan_before {
        match before {
            Some(v) => crate::store::settings::set(tx, "current_work_plan", v)?,
            None => {
                tx.execute("DELETE FROM settings WHERE key = 'current_work_plan'", [])?;
            }
        }
    }
    tx.execute("UPDATE exchange_packages SET undone_at = ?1 WHERE id = ?2", rusqlite::params![now, package_id])?;
    let text = format!("删除 {}，恢复 {}，保留 {}", report.removed, report.reverted, report.kept);
    audit::record(tx, &stamp, audit::Entry::row("undo", "exchange_packages", &package_id.to_string()).values(None, Some(&text)))?;
    crate::qualifications::resume_following(tx)?;
    Ok(report)
}

/// Rows still below a record (an enterprise's figures, plans, problems …; a problem's progress).
fn rows_below(conn: &rusqlite::Connection, kind: &str, rowid: i64) -> Result<i64> {
    let root = match kind {
        "enterprise" => "enterprises",
        "problem" => "problems",
        "work_plan" => "work_plans",
        "measure" => "tasks",
        _ => return Ok(0),
    };
    let mut n = 0;
    let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")?;
    let tables: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    for t in tables {
        let mut fk = conn.prepare(&format!("PRAGMA foreign_key_list(\"{t}\")"))?;
        let cols: Vec<String> = fk.query_map([], |r| Ok((r.get::<_, String>(2)?, r.get::<_, String>(3)?)))?.filter_map(|r| r.ok()).filter(|(to, _)| to == root).map(|(_, c)| c).collect();
        for c in cols {
            n += conn.query_row(&format!("SELECT count(*) FROM \"{t}\" WHERE \"{c}\" = ?1"), [rowid], |r| r.get::<_, i64>(0))?;
        }
    }
    Ok(n)
}
