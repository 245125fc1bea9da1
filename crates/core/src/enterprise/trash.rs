//! The recycle bin (回收站): deleting an enterprise moves it with every record below it into the
//! `trash` table; it can be listed, restored whole, or purged (the purge audits the full snapshot).
use crate::audit;
use crate::enterprise::records::{self, table_label, Records};
use crate::error::{CoreError, Result};
use crate::store::{now_text, Store};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

/// The audit `source` of moves into, out of and purges from the recycle bin.
pub const TRASH_SOURCE: &str = "回收站";

/// How many rows of one kind an enterprise in the bin carries (年度数据 3, 问题台账 2 …).
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
pub struct TrashCount {
    pub table: String,
    pub label: String,
    #[ts(type = "number")]
    pub count: i64,
}

/// One deleted enterprise in the bin.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
pub struct TrashItem {
    #[ts(type = "number")]
    pub id: i64,
    pub uscc: String,
    pub name: String,
    pub county: Option<String>,
    pub deleted_at: String,
    pub deleted_by: String,
    /// The records kept with it, table by table (tables with none left out).
    pub counts: Vec<TrashCount>,
}

/// What a restore put back.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
pub struct TrashRestored {
    /// The enterprise's id in the pool again.
    #[ts(type = "number")]
    pub enterprise_id: i64,
    pub uscc: String,
    pub name: String,
    pub counts: Vec<TrashCount>,
}

fn counts_of(r: &Records) -> Vec<TrashCount> {
    r.tables
        .iter()
        .filter(|(t, rows)| t.as_str() != "enterprises" && !rows.is_empty())
        .map(|(t, rows)| TrashCount { table: t.clone(), label: table_label(t), count: rows.len() as i64 })
        .collect()
}

/// Moves enterprise `id` with all its records into the bin, inside the caller's transaction
/// (the rows below go by `ON DELETE CASCADE` once they are kept). Returns the bin entry's id.
pub(crate) fn move_in(conn: &Connection, id: i64, at: &str, operator: &str) -> Result<i64> {
    let kept = records::take(conn, id)?;
    let Some(own) = kept.tables.get("enterprises").and_then(|rows| rows.first()) else {
        return Err(CoreError::NotFound(format!("没有编号为 {id} 的企业，可能已被删除")));
    };
    let text = |k: &str| own.get(k).and_then(|v| v.as_str()).map(str::to_string);
    conn.execute(
        "INSERT INTO trash(uscc, name, county, records, deleted_at, deleted_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        rusqlite::params![text("uscc").unwrap_or_default(), text("name").unwrap_or_default(), text("county"), serde_json::to_string(&kept)?, at, operator],
    )?;
    let trash_id = conn.last_insert_rowid();
    conn.execute("DELETE FROM enterprises WHERE id = ?1", [id])?;
    Ok(trash_id)
}

struct Entry {
    item: TrashItem,
    records: Records,
}

fn read(conn: &Connection, filter: &str, param: &dyn rusqlite::ToSql) -> Result<Vec<Entry>> {
    let sql = format!("SELECT id, uscc, name, county, deleted_at, deleted_by, records FROM trash {filter} ORDER BY deleted_at DESC, id DESC");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([param], |r| {
        let item = TrashItem { id: r.get(0)?, uscc: r.get(1)?, name: r.get(2)?, county: r.get(3)?, deleted_at: r.get(4)?, deleted_by: r.get(5)?, counts: Vec::new() };
        Ok((item, r.get::<_, String>(6)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (mut item, json) = row?;
        let records: Records = serde_json::from_str(&json)
            .map_err(|e| CoreError::Store(format!("回收站第 {} 条记录已损坏，无法读取（{e}）", item.id)))?;
        item.counts = counts_of(&records);
        out.push(Entry { item, records });
    }
    Ok(out)
}

/// Everything in the bin, the latest deletion first.
pub fn list_trash(store: &Store) -> Result<Vec<TrashItem>> {
    Ok(read(&store.conn, "WHERE ?1 = 1", &1)?.into_iter().map(|e| e.item).collect())
}

fn entry(conn: &Connection, trash_id: i64) -> Result<Entry> {
    read(conn, "WHERE id = ?1", &trash_id)?
        .pop()
        .ok_or_else(|| CoreError::NotFound(format!("回收站中没有编号为 {trash_id} 的记录，可能已恢复或已彻底删除")))
}

/// The bin entry of the latest deletion of the enterprise with this USCC.
pub fn find_by_uscc(store: &Store, uscc: &str) -> Result<i64> {
    let code = crate::enterprise::uscc::normalize(uscc);
    read(&store.conn, "WHERE uscc = ?1", &code)?
        .first()
        .map(|e| e.item.id)
        .ok_or_else(|| CoreError::NotFound(format!("回收站中没有统一社会信用代码为 {code} 的企业")))
}

/// Deletes the enterprise with this USCC (to the bin, as the 企业库 page does); returns its entry.
pub fn delete_by_uscc(store: &mut Store, uscc: &str) -> Result<TrashItem> {
    let code = crate::enterprise::uscc::normalize(uscc);
    let id: Option<i64> = store.conn.query_row("SELECT id FROM enterprises WHERE uscc = ?1", [&code], |r| r.get(0)).optional()?;
    let id = id.ok_or_else(|| CoreError::NotFound(format!("企业库中没有统一社会信用代码为 {code} 的企业")))?;
    crate::enterprise::detail::delete_enterprise(store, id)?;
    let trash_id = find_by_uscc(store, &code)?;
    Ok(entry(&store.conn, trash_id)?.item)
}

/// Puts a deleted enterprise back with all its records, in one transaction; refused while the
/// pool has another enterprise with the same USCC.
pub fn restore(store: &mut Store, trash_id: i64) -> Result<TrashRestored> {
    let operator = store.operator()?;
    let tx = store.conn.transaction()?;
    let e = entry(&tx, trash_id)?;
    let taken: Option<String> = tx.query_row("SELECT name FROM enterprises WHERE uscc = ?1", [&e.item.uscc], |r| r.get(0)).optional()?;
    if let Some(other) = taken {
        return Err(CoreError::Invalid(format!(
            "企业库中已有统一社会信用代码为 {} 的企业（{other}），不能恢复“{}”；请先删除或修改那家企业",
            e.item.uscc, e.item.name
        )));
    }
    let enterprise_id = records::put_back(&tx, &e.records)?;
    tx.execute("DELETE FROM trash WHERE id = ?1", [trash_id])?;
    let stamp = audit::Stamp::new(now_text(), operator, TRASH_SOURCE);
    audit::record(&tx, &stamp, audit::Entry::row("restore", "enterprises", &e.item.uscc).values(None, Some(&e.item.name)))?;
    tx.commit()?;
    Ok(TrashRestored { enterprise_id, uscc: e.item.uscc, name: e.item.name, counts: e.item.counts })
}

/// Removes a bin entry for good, in one transaction; the audit log keeps the full snapshot of
/// what is removed (the enterprise and every record below it, as JSON).
pub fn purge(store: &mut Store, trash_id: i64) -> Result<TrashItem> {
    let operator = store.operator()?;
    let tx = store.conn.transaction()?;
    let e = entry(&tx, trash_id)?;
    let stamp = audit::Stamp::new(now_text(), operator, TRASH_SOURCE);
    let snapshot = serde_json::to_string(&e.records)?;
    audit::record(&tx, &stamp, audit::Entry::row("purge", "enterprises", &e.item.uscc).values(Some(&snapshot), None))?;
    tx.execute("DELETE FROM trash WHERE id = ?1", [trash_id])?;
    tx.commit()?;
    Ok(e.item)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enterprise::detail::{create_enterprise, delete_enterprise, get_enterprise, EnterpriseData, YearFigures};

    fn one(s: &mut Store) -> i64 {
        let data = EnterpriseData {
            uscc: "91130528MA08TU9953".into(),
            name: "宁晋测试光伏有限公司".into(),
            county: Some("宁晋县".into()),
            listing_stage: Some("辅导备案".into()),
            figures: vec![YearFigures { year: 2024, revenue_wan: Some(1234.5), ..Default::default() }],
            ..Default::default()
        };
        create_enterprise(s, &data).unwrap().id
    }

    #[test]
    fn delete_restore_and_purge() {
        let mut s = Store::open_in_memory().unwrap();
        let id = one(&mut s);
        let before = get_enterprise(&s, id).unwrap();
        let stages_before: i64 = s.conn.query_row("SELECT count(*) FROM listing_stage_history", [], |r| r.get(0)).unwrap();
        delete_enterprise(&mut s, id).unwrap();
        let bin = list_trash(&s).unwrap();
        assert_eq!(bin.len(), 1);
        assert!(bin[0].counts.iter().any(|c| c.label == "年度数据" && c.count == 1), "{:?}", bin[0].counts);
        let restored = restore(&mut s, bin[0].id).unwrap();
        assert_eq!(get_enterprise(&s, restored.enterprise_id).unwrap().data, before.data);
        let stages: i64 = s.conn.query_row("SELECT count(*) FROM listing_stage_history", [], |r| r.get(0)).unwrap();
        assert_eq!(stages, stages_before, "the kept stage history, not a new one from the trigger");
        assert!(list_trash(&s).unwrap().is_empty());
        delete_enterprise(&mut s, restored.enterprise_id).unwrap();
        let t = find_by_uscc(&s, "91130528ma08tu9953").unwrap();
        purge(&mut s, t).unwrap();
        assert!(list_trash(&s).unwrap().is_empty());
        let snap: String = s.conn.query_row("SELECT old_value FROM audit_log WHERE action = 'purge'", [], |r| r.get(0)).unwrap();
        let kept: Records = serde_json::from_str(&snap).unwrap();
        assert_eq!(kept.tables["enterprise_figures"].len(), 1);
        assert_eq!(restore(&mut s, t).unwrap_err().code(), "not_found");
    }
}
