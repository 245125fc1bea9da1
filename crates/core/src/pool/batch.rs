//! Batch edits: one change (入库/出库 with date and reason, 领跑者 with level and batch, 集群, 梯队, a
//! qualification with its year) for a set of enterprises or every one a filter matches; previewed
//! field by field, then written in one transaction, audited and recorded so it can be undone whole.
use super::lists::ListKind;
use super::membership::{self, Stay};
use crate::audit;
use crate::enterprise::snapshot::{display_json, same_value, to_json, to_sql};
use crate::enterprise::{fields, matching_ids, qualification, EnterpriseQuery, QUALIFICATIONS};
use crate::error::{CoreError, Result};
use crate::store::{now_text, Store};
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use ts_rs::TS;

/// Joining or leaving a list.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ListChange {
    pub list: ListKind,
    /// true: 纳入/认定/列入; false: 移出/调出.
    pub join: bool,
    /// The date it takes effect (2026-11-26, 2026-11 or 2026); none: today.
    #[serde(default)]
    #[ts(optional)]
    pub date: Option<String>,
    /// Why (required).
    #[serde(default)]
    pub reason: String,
    /// 领跑者: 省级 / 市级.
    #[serde(default)]
    #[ts(optional)]
    pub level: Option<String>,
    /// 领跑者: the batch's year.
    #[serde(default)]
    #[ts(optional)]
    pub batch_year: Option<i64>,
}

/// Giving or taking away a qualification (专精特新 …) with the year it was obtained.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct QualificationChange {
    /// specialized / little_giant / high_tech / innovative_sme, or the Chinese name.
    pub qualification: String,
    pub held: bool,
    #[serde(default)]
    #[ts(optional)]
    pub year: Option<i64>,
}

/// What a batch edit changes; the parts not given stay as they are.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
#[serde(default)]
pub struct BatchChange {
    #[ts(optional)]
    pub list: Option<ListChange>,
    /// 特色产业集群 (empty: cleared).
    #[ts(optional)]
    pub cluster: Option<String>,
    /// 梯队 (empty: cleared).
    #[ts(optional)]
    pub tier: Option<String>,
    #[ts(optional)]
    pub qualification: Option<QualificationChange>,
}

/// Which enterprises and what to change: the ids given, or (none given) every enterprise the query matches.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
#[serde(default)]
pub struct BatchRequest {
    pub ids: Vec<i64>,
    #[ts(optional)]
    pub query: Option<EnterpriseQuery>,
    pub change: BatchChange,
}

/// One field a batch edit changes on one enterprise.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct BatchField {
    pub field: String,
    pub label: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// One enterprise in a batch edit's preview.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct BatchItem {
    #[ts(type = "number")]
    pub id: i64,
    pub uscc: String,
    pub name: String,
    /// Nothing to change: why (已在上市培育库 …); otherwise none.
    pub note: Option<String>,
    pub fields: Vec<BatchField>,
}

/// What a batch edit does (or did): counts, the summary people read, every enterprise.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct BatchPreview {
    /// The recorded batch (undo with this id); none on a dry run or when nothing changed.
    #[ts(type = "number | null")]
    pub batch_id: Option<i64>,
    pub summary: String,
    #[ts(type = "number")]
    pub matched: i64,
    #[ts(type = "number")]
    pub changed: i64,
    #[ts(type = "number")]
    pub unchanged: i64,
    pub dry_run: bool,
    pub items: Vec<BatchItem>,
}

/// The columns a batch edit may write.
const COLUMNS: &[&str] = &[
    "in_pool", "pool_entered_on", "is_leader", "leader_level", "leader_batch", "white_list", "eco_positive_list", "cluster", "tier",
    "specialized", "specialized_year", "little_giant", "little_giant_year", "high_tech", "high_tech_year", "innovative_sme",
    "innovative_sme_year",
];

/// An enterprise as a batch edit reads it: id, code, name and the columns it may write.
pub(crate) struct Current {
    pub id: i64,
    pub uscc: String,
    pub name: String,
    pub values: Map<String, Json>,
}

pub(crate) fn load_current(conn: &Connection, id: i64) -> Result<Option<Current>> {
    let sql = format!("SELECT id, uscc, name, {} FROM enterprises WHERE id = ?1", COLUMNS.join(", "));
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], |r| {
            let mut values = Map::new();
            for (i, c) in COLUMNS.iter().enumerate() {
                values.insert(c.to_string(), to_json(r.get::<_, SqlValue>(i + 3)?));
            }
            Ok(Current { id: r.get(0)?, uscc: r.get(1)?, name: r.get(2)?, values })
        })
        .optional()?)
}

fn is_flag(column: &str) -> bool {
    fields::field(column).is_some_and(|f| f.kind == fields::Kind::Flag)
}

pub(crate) fn label(column: &str) -> String {
    fields::field(column).map_or(column.to_string(), |f| f.label.to_string())
}

pub(crate) fn shown(column: &str, v: &Json) -> Option<String> {
    display_json(v, is_flag(column))
}

/// Whether the stored flag says 是.
fn on(v: &Json) -> bool {
    v.as_i64() == Some(1)
}

/// A date as the store keeps it: 2026-11-26, 2026-11 or 2026.
fn check_date(d: &str) -> Result<String> {
    let d = d.trim().replace(['/', '.'], "-");
    let ok = chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").is_ok()
        || (d.len() == 7 && chrono::NaiveDate::parse_from_str(&format!("{d}-01"), "%Y-%m-%d").is_ok())
        || (d.len() == 4 && d.parse::<i32>().is_ok_and(|y| (1949..=2100).contains(&y)));
    if ok {
        Ok(d)
    } else {
        Err(CoreError::Invalid(format!("日期“{d}”应写成 2026-11-26、2026-11 或 2026")))
    }
}

/// 2026-11-26 → 2026年11月26日 (2026-11 → 2026年11月, 2026 → 2026年), as the summary says it.
fn chinese_date(d: &str) -> String {
    let parts: Vec<&str> = d.split('-').collect();
    let n = |s: &str| s.parse::<u32>().map_or(s.to_string(), |v| v.to_string());
    match parts.as_slice() {
        [y, m, day] => format!("{y}年{}月{}日", n(m), n(day)),
        [y, m] => format!("{y}年{}月", n(m)),
        [y] if !y.is_empty() => format!("{y}年"),
        _ => d.to_string(),
    }
}

fn today() -> String {
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

fn tidy(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// A change checked and put in its one form (date filled in, level and qualification resolved).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct Checked {
    pub list: Option<ListChange>,
    pub cluster: Option<Option<String>>,
    pub tier: Option<Option<String>>,
    /// (column, held, year)
    pub qualification: Option<(String, bool, Option<i64>)>,
}

fn check(change: &BatchChange) -> Result<Checked> {
    let this_year = chrono::Datelike::year(&chrono::Local::now()) as i64;
    let list = match &change.list {
        None => None,
        Some(l) => {
            let reason = l.reason.trim().to_string();
            if reason.is_empty() {
                let (join, leave) = l.list.verbs();
                return Err(CoreError::Invalid(format!("请填写{}的理由", if l.join { join } else { leave })));
            }
            let date = match l.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
                Some(d) => check_date(d)?,
                None => today(),
            };
            let level = match l.level.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                Some(t) if l.list == ListKind::Leader => Some(
                    super::lists::leader_level(t)
                        .ok_or_else(|| CoreError::Invalid(format!("“领跑者”级别“{t}”无法识别，可选：{}", super::LEADER_LEVELS.join("、"))))?
                        .to_string(),
                ),
                _ => None,
            };
            if let Some(y) = l.batch_year.filter(|y| !(2000..=this_year + 1).contains(y)) {
                return Err(CoreError::Invalid(format!("“领跑者”批次年份应在 2000 到 {} 之间，填写的是 {y}", this_year + 1)));
            }
            let batch_year = l.batch_year.filter(|_| l.list == ListKind::Leader);
            Some(ListChange { list: l.list, join: l.join, date: Some(date), reason, level, batch_year })
        }
    };
    let qualification = match &change.qualification {
        None => None,
        Some(q) => {
            if let Some(y) = q.year.filter(|y| !(1949..=this_year + 1).contains(y)) {
                return Err(CoreError::Invalid(format!("认定年份应在 1949 到 {} 之间，填写的是 {y}", this_year + 1)));
            }
            Some((qualification(&q.qualification)?.to_string(), q.held, q.year.filter(|_| q.held)))
        }
    };
    let checked = Checked {
        list,
        cluster: change.cluster.as_deref().map(tidy),
        tier: change.tier.as_deref().map(tidy),
        qualification,
    };
    if checked.list.is_none() && checked.cluster.is_none() && checked.tier.is_none() && checked.qualification.is_none() {
        return Err(CoreError::Invalid("请选择要批量修改的内容".into()));
    }
    Ok(checked)
}

/// What the change says, as people read it.
fn summary(c: &Checked) -> String {
    let mut parts = Vec::new();
    if let Some(l) = &c.list {
        let (join, leave) = l.list.verbs();
        let mut extra = vec![chinese_date(l.date.as_deref().unwrap_or_default())];
        if let Some(level) = &l.level {
            extra.push(level.clone());
        }
        if let Some(y) = l.batch_year {
            extra.push(format!("{y}年批次"));
        }
        extra.push(format!("理由：{}", l.reason));
        parts.push(format!("{}（{}）", if l.join { join } else { leave }, extra.join("，")));
    }
    let set = |what: &str, v: &Option<String>| match v {
        Some(v) => format!("{what}设为“{v}”"),
        None => format!("清除{what}"),
    };
    if let Some(v) = &c.cluster {
        parts.push(set("特色产业集群", v));
    }
    if let Some(v) = &c.tier {
        parts.push(set("梯队", v));
    }
    if let Some((col, held, year)) = &c.qualification {
        let name = QUALIFICATIONS.iter().find(|(k, _)| k == col).map_or(col.as_str(), |(_, n)| n);
        parts.push(match (held, year) {
            (true, Some(y)) => format!("{name}：是（{y}年认定）"),
            (true, None) => format!("{name}：是"),
            (false, _) => format!("{name}：否"),
        });
    }
    parts.join("；")
}

/// Whether a list membership is opened or closed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum ListStep {
    Open,
    Close,
}

/// What the batch does to one enterprise.
pub(crate) struct Planned {
    pub current: Current,
    pub after: Map<String, Json>,
    pub step: Option<ListStep>,
    pub note: Option<String>,
}

fn text_json(v: &Option<String>) -> Json {
    v.clone().map_or(Json::Null, Json::String)
}

fn plan_one(current: Current, c: &Checked) -> Planned {
    let mut want: Vec<(&str, Json)> = Vec::new();
    let mut step = None;
    let mut note = None;
    let v = &current.values;
    if let Some(l) = &c.list {
        let flag = l.list.flag();
        let is_on = on(&v[flag]);
        let leave = l.list.verbs().1;
        if l.join {
            if !is_on {
                want.push((flag, Json::from(1)));
                step = Some(ListStep::Open);
            }
            match l.list {
                ListKind::Pool if !is_on => want.push(("pool_entered_on", text_json(&l.date))),
                ListKind::Leader => {
                    if l.level.is_some() || !is_on {
                        want.push(("leader_level", text_json(&l.level)));
                    }
                    if l.batch_year.is_some() || !is_on {
                        want.push(("leader_batch", l.batch_year.map_or(Json::Null, Json::from)));
                    }
                }
                _ => {}
            }
            if is_on {
                note = Some(match l.list {
                    ListKind::Leader => "已是“领跑者”企业".to_string(),
                    list => format!("已在{}", list.label()),
                });
            }
        } else if is_on {
            want.push((flag, Json::from(0)));
            step = Some(ListStep::Close);
            match l.list {
                ListKind::Pool => want.push(("pool_entered_on", Json::Null)),
                ListKind::Leader => {
                    want.push(("leader_level", Json::Null));
                    want.push(("leader_batch", Json::Null));
                }
                _ => {}
            }
        } else {
            note = Some(format!("不在{}，无需{}", l.list.label(), leave));
        }
    }
    if let Some(x) = &c.cluster {
        want.push(("cluster", text_json(x)));
    }
    if let Some(x) = &c.tier {
        want.push(("tier", text_json(x)));
    }
    if let Some((col, held, year)) = &c.qualification {
        let year_col = format!("{col}_year");
        if *held {
            want.push((col.as_str(), Json::from(1)));
            if let Some(y) = year {
                want.push((COLUMNS.iter().find(|k| **k == year_col).copied().unwrap_or("specialized_year"), Json::from(*y)));
            }
        } else {
            want.push((col.as_str(), Json::from(0)));
            want.push((COLUMNS.iter().find(|k| **k == year_col).copied().unwrap_or("specialized_year"), Json::Null));
        }
    }
    let mut after = Map::new();
    for (col, new) in want {
        if !same_value(&v[col], &new) && !(v[col].is_null() && new.is_null()) {
            after.insert(col.to_string(), new);
        }
    }
    if after.is_empty() && note.is_none() {
        note = Some("已是要改成的值".into());
    }
    Planned { current, after, step, note }
}

fn item(p: &Planned) -> BatchItem {
    let fields = p
        .after
        .iter()
        .map(|(col, new)| BatchField { field: col.clone(), label: label(col), old: shown(col, &p.current.values[col]), new: shown(col, new) })
        .collect();
    let note = p.after.is_empty().then(|| p.note.clone()).flatten();
    BatchItem { id: p.current.id, uscc: p.current.uscc.clone(), name: p.current.name.clone(), note, fields }
}

fn targets(store: &Store, req: &BatchRequest) -> Result<Vec<i64>> {
    let ids = if !req.ids.is_empty() {
        let mut ids = req.ids.clone();
        ids.dedup();
        ids
    } else if let Some(q) = &req.query {
        matching_ids(store, q)?
    } else {
        return Err(CoreError::Invalid("请先选择企业，或选择“全选符合条件的企业”".into()));
    };
    if ids.is_empty() {
        return Err(CoreError::Invalid("没有符合条件的企业".into()));
    }
    Ok(ids)
}

fn plan(conn: &Connection, ids: &[i64], c: &Checked) -> Result<Vec<Planned>> {
    ids.iter()
        .map(|id| {
            let cur = load_current(conn, *id)?.ok_or_else(|| CoreError::NotFound(format!("没有编号为 {id} 的企业，可能已被删除")))?;
            Ok(plan_one(cur, c))
        })
        .collect()
}

fn preview_of(plans: &[Planned], summary: String, batch_id: Option<i64>, dry_run: bool) -> BatchPreview {
    let changed = plans.iter().filter(|p| !p.after.is_empty()).count() as i64;
    BatchPreview {
        batch_id,
        summary,
        matched: plans.len() as i64,
        changed,
        unchanged: plans.len() as i64 - changed,
        dry_run,
        items: plans.iter().map(item).collect(),
    }
}

/// What the batch edit would change, enterprise by enterprise. Writes nothing.
pub fn batch_preview(store: &Store, req: &BatchRequest) -> Result<BatchPreview> {
    let c = check(&req.change)?;
    let plans = plan(&store.conn, &targets(store, req)?, &c)?;
    Ok(preview_of(&plans, summary(&c), None, true))
}

/// Makes the batch edit as [`batch_preview`] shows it, in one transaction: every changed field
/// audited (source 批量修改#N), memberships opened or closed with the date and reason, the whole
/// recorded for [`super::undo_batch`].
pub fn batch_apply(store: &mut Store, req: &BatchRequest) -> Result<BatchPreview> {
    let c = check(&req.change)?;
    let ids = targets(store, req)?;
    let operator = store.operator()?;
    let now = now_text();
    let text = summary(&c);
    let tx = store.conn.transaction()?;
    let plans = plan(&tx, &ids, &c)?;
    if plans.iter().all(|p| p.after.is_empty()) {
        return Ok(preview_of(&plans, text, None, false));
    }
    tx.execute(
        "INSERT INTO batch_edits(summary, change, enterprises, operator, created_at) VALUES (?1, ?2, 0, ?3, ?4)",
        rusqlite::params![text, serde_json::to_string(&c)?, operator, now],
    )?;
    let batch_id = tx.last_insert_rowid();
    let source = format!("批量修改#{batch_id}");
    let stamp = audit::Stamp::new(now.clone(), operator, source.clone());
    let mut changed = 0;
    for p in plans.iter().filter(|p| !p.after.is_empty()) {
        let (mut opened, mut closed) = (None, None);
        if let (Some(step), Some(l)) = (p.step, &c.list) {
            let stay = Stay {
                date: l.date.as_deref().unwrap_or_default(),
                reason: &l.reason,
                level: l.level.as_deref(),
                batch_year: l.batch_year,
                source: &source,
            };
            match step {
                ListStep::Open => opened = Some(membership::open(&tx, p.current.id, l.list, &stay)?),
                ListStep::Close => closed = membership::close(&tx, p.current.id, l.list, &stay)?,
            }
        }
        let mut before = Map::new();
        for (col, new) in &p.after {
            let old = &p.current.values[col];
            write_column(&tx, p.current.id, col, new)?;
            let (o, n) = (shown(col, old), shown(col, new));
            audit::record(&tx, &stamp, audit::Entry::row("update", "enterprises", &p.current.uscc).field(col, o.as_deref(), n.as_deref()))?;
            before.insert(col.clone(), old.clone());
        }
        tx.execute("UPDATE enterprises SET updated_at = ?1 WHERE id = ?2", rusqlite::params![now, p.current.id])?;
        tx.execute(
            "INSERT INTO batch_edit_changes(batch_id, enterprise_id, uscc, before, after, opened, closed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            rusqlite::params![batch_id, p.current.id, p.current.uscc, Json::Object(before).to_string(), Json::Object(p.after.clone()).to_string(), opened, closed],
        )?;
        changed += 1;
    }
    tx.execute("UPDATE batch_edits SET enterprises = ?1 WHERE id = ?2", rusqlite::params![changed, batch_id])?;
    let count = format!("{text}：{changed} 家企业");
    audit::record(&tx, &stamp, audit::Entry::row("batch", "batch_edits", &batch_id.to_string()).values(None, Some(&count)))?;
    tx.commit()?;
    Ok(preview_of(&plans, text, Some(batch_id), false))
}

/// Writes one column of an enterprise (one of [`COLUMNS`]).
pub(crate) fn write_column(conn: &Connection, id: i64, column: &str, value: &Json) -> Result<()> {
    let col = COLUMNS.iter().find(|c| **c == column).ok_or_else(|| CoreError::Invalid(format!("不能批量修改“{column}”")))?;
    conn.execute(&format!("UPDATE enterprises SET \"{col}\" = ?1 WHERE id = ?2"), rusqlite::params![to_sql(value), id])?;
    Ok(())
}
