//! The audit log as people read it: filtered and paged for the 操作日志 page, with Chinese names
//! for actions and tables, and exported to .xlsx with the same filters.
use crate::store::filter::Paging;
use crate::error::Result;
use crate::store::filter::{given, like_escape, Filter};
use crate::store::Store;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditQuery {
    /// First day included, YYYY-MM-DD.
    pub from: Option<String>,
    /// Last day included, YYYY-MM-DD.
    pub to: Option<String>,
    pub table: Option<String>,
    pub operator: Option<String>,
    /// Text searched in the record key, field, old and new values and source.
    pub text: Option<String>,
    /// The page (at most 500 rows; 50 when no limit is given).
    #[serde(flatten)]
    #[ts(flatten)]
    pub paging: Paging,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
pub struct AuditEntry {
    #[ts(type = "number")]
    pub id: i64,
    pub at: String,
    pub operator: String,
    pub action: String,
    /// 新增 / 修改 / 删除 / 导入 / 撤销 / 恢复
    pub action_label: String,
    pub table_name: String,
    pub table_label: String,
    pub row_key: String,
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AuditPage {
    pub rows: Vec<AuditEntry>,
    #[ts(type = "number")]
    pub total: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AuditOption {
    pub value: String,
    pub label: String,
}

/// What the filters can choose from: the tables and operators present in the log.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AuditFilters {
    pub tables: Vec<AuditOption>,
    pub operators: Vec<String>,
}

pub fn action_label(action: &str) -> &str {
    match action {
        "insert" => "新增",
        "update" => "修改",
        "delete" => "删除",
        "import" => "导入",
        "undo" => "撤销",
        "restore" => "恢复",
        other => other,
    }
}

pub fn table_label(table: &str) -> &str {
    match table {
        "enterprises" => "企业库",
        "enterprise_figures" => "企业经济指标",
        "imports" => "导入记录",
        "tasks" => "任务分工",
        "task_progress" => "任务进展",
        "settings" => "设置",
        "store" => "数据库",
        "target_values" => "目标值",
        "target_entries" => "指标填报",
        "target_indicators" => "目标指标",
        "work_plans" => "工作方案",
        "plans" | "enterprise_plans" => "一企一策",
        "problems" => "问题台账",
        "header_mappings" => "表头对应",
        "county_targets" => "任务分解",
        "county_entries" => "县区指标填报",
        "assessment_items" => "考核方案",
        "clusters" => "特色产业集群",
        "cluster_plans" => "一群一策",
        other => other,
    }
}

/// The filter of `q`: time range, table, operator, free text.
fn filter(q: &AuditQuery) -> Filter {
    let mut f = Filter::default();
    if let Some(from) = given(&q.from) {
        f.add("at >= ?", [Value::Text(format!("{from}T00:00:00"))]);
    }
    if let Some(to) = given(&q.to) {
        f.add("at <= ?", [Value::Text(format!("{to}T23:59:59"))]);
    }
    f.text("table_name = ?", given(&q.table));
    f.text("operator = ?", given(&q.operator));
    if let Some(text) = given(&q.text) {
        let like = Value::Text(format!("%{}%", like_escape(text)));
        f.add(
            "(row_key LIKE ? ESCAPE '\\' OR field LIKE ? ESCAPE '\\' OR old_value LIKE ? ESCAPE '\\'
              OR new_value LIKE ? ESCAPE '\\' OR source LIKE ? ESCAPE '\\')",
            std::iter::repeat_n(like, 5),
        );
    }
    f
}

fn entries(store: &Store, q: &AuditQuery, limit: i64, offset: i64) -> Result<Vec<AuditEntry>> {
    let f = filter(q);
    let params = f.page_params(&Paging::new(offset, limit));
    let clause = f.where_sql();
    let sql = format!(
        "SELECT id, at, operator, action, table_name, row_key, field, old_value, new_value, source
         FROM audit_log{clause} ORDER BY at DESC, id DESC LIMIT ? OFFSET ?"
    );
    let mut stmt = store.conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
        let action: String = r.get(3)?;
        let table: String = r.get(4)?;
        Ok(AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            operator: r.get(2)?,
            action_label: action_label(&action).to_string(),
            action,
            table_label: table_label(&table).to_string(),
            table_name: table,
            row_key: r.get(5)?,
            field: r.get(6)?,
            old_value: r.get(7)?,
            new_value: r.get(8)?,
            source: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One page of the log, newest first.
pub fn list_audit(store: &Store, q: &AuditQuery) -> Result<AuditPage> {
    let size = q.paging.limit.filter(|l| *l > 0).map_or(50, |l| l.min(500));
    let total = filter(q).count(&store.conn, "audit_log")?;
    Ok(AuditPage { rows: entries(store, q, size, q.paging.offset.unwrap_or(0).max(0))?, total })
}

pub fn audit_filters(store: &Store) -> Result<AuditFilters> {
    let tables: Vec<String> = store
        .conn
        .prepare("SELECT DISTINCT table_name FROM audit_log ORDER BY table_name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let operators = store
        .conn
        .prepare("SELECT DISTINCT operator FROM audit_log ORDER BY operator")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(AuditFilters {
        tables: tables.into_iter().map(|t| AuditOption { label: table_label(&t).to_string(), value: t }).collect(),
        operators,
    })
}

/// "2026-11-26T10:05:00" → "2026年11月26日 10:05:00".
fn time_text(at: &str) -> String {
    match chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%S") {
        Ok(t) => t.format("%Y年%-m月%-d日 %H:%M:%S").to_string(),
        Err(_) => at.to_string(),
    }
}

/// Writes every entry matching `q` (all pages) to an .xlsx at `out`; returns how many.
pub fn export_audit(store: &Store, q: &AuditQuery, out: &Path) -> Result<i64> {
    use rust_xlsxwriter::{Format, Workbook};
    const MAX_ROWS: i64 = 1_000_000;
    let rows = entries(store, q, MAX_ROWS, 0)?;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("操作日志")?;
    let head = Format::new().set_bold().set_background_color("#F2F2F2").set_border(rust_xlsxwriter::FormatBorder::Thin);
    let header = ["时间", "操作人", "操作", "对象", "记录", "字段", "原值", "新值", "来源"];
    let widths = [22.0, 12.0, 8.0, 14.0, 24.0, 18.0, 30.0, 30.0, 12.0];
    for (c, (h, w)) in header.iter().zip(widths).enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head)?;
        ws.set_column_width(c as u16, w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (i, e) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        let cells = [
            time_text(&e.at),
            e.operator.clone(),
            e.action_label.clone(),
            e.table_label.clone(),
            e.row_key.clone(),
            e.field.clone().unwrap_or_default(),
            e.old_value.clone().unwrap_or_default(),
            e.new_value.clone().unwrap_or_default(),
            e.source.clone().unwrap_or_default(),
        ];
        for (c, v) in cells.iter().enumerate() {
            ws.write_string(r, c as u16, v)?;
        }
    }
    ws.autofilter(0, 0, rows.len() as u32, header.len() as u16 - 1)?;
    crate::sheet::write::save(&mut wb, out)?;
    Ok(rows.len() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log(s: &Store, at: &str, operator: &str, action: &str, table: &str, key: &str, new: &str) {
        let stamp = crate::audit::Stamp::new(at, operator, "导入#1");
        crate::audit::record(&s.conn, &stamp, crate::audit::Entry::row(action, table, key).field("name", None, Some(new))).unwrap();
    }

    fn sample() -> Store {
        let s = Store::open_in_memory().unwrap();
        log(&s, "2026-11-01T09:00:00", "张三", "insert", "enterprises", "U1", "甲公司");
        log(&s, "2026-11-02T10:00:00", "李四", "update", "enterprises", "U1", "甲公司_新");
        log(&s, "2026-11-03T11:00:00", "张三", "update", "task_progress", "5/任务", "已完成");
        log(&s, "2026-11-04T12:00:00", "张三", "restore", "store", "*", "b.db");
        s
    }

    #[test]
    fn filters_page_and_label_the_log() {
        let s = sample();
        let all = list_audit(&s, &AuditQuery::default()).unwrap();
        assert_eq!(all.total, 4);
        assert_eq!(all.rows[0].action_label, "恢复");
        assert_eq!(all.rows[0].table_label, "数据库");
        let q = |f: fn(&mut AuditQuery)| {
            let mut q = AuditQuery::default();
            f(&mut q);
            list_audit(&s, &q).unwrap()
        };
        assert_eq!(q(|q| q.operator = Some("张三".into())).total, 3);
        assert_eq!(q(|q| q.table = Some("enterprises".into())).total, 2);
        assert_eq!(q(|q| { q.from = Some("2026-11-02".into()); q.to = Some("2026-11-03".into()) }).total, 2);
        assert_eq!(q(|q| q.text = Some("甲公司".into())).total, 2);
        assert_eq!(q(|q| q.text = Some("_新".into())).total, 1, "LIKE wildcards are literal");
        let page2 = q(|q| q.paging = Paging::new(3, 3));
        assert_eq!((page2.total, page2.rows.len(), page2.rows[0].at.as_str()), (4, 1, "2026-11-01T09:00:00"));
        let f = audit_filters(&s).unwrap();
        assert_eq!(f.operators, ["张三", "李四"]);
        assert!(f.tables.iter().any(|t| t.value == "task_progress" && t.label == "任务进展"));
    }

    #[test]
    fn export_writes_the_filtered_rows() {
        let s = sample();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("操作日志.xlsx");
        let n = export_audit(&s, &AuditQuery { operator: Some("张三".into()), ..Default::default() }, &out).unwrap();
        assert_eq!(n, 3);
        let g = crate::sheet::read::tests::sheet(&out, "操作日志");
        assert_eq!(g.rows.len(), 4);
        assert_eq!(g.text(1, 0), "2026年11月4日 12:00:00");
        assert_eq!(g.text(1, 2), "恢复");
    }
}
