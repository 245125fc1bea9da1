//! Importing a package: refusals (tampered, newer, older, not for this unit, not all of the
//! county it claims), then record by record new / changed / unchanged / conflict against what is
//! kept here and what the same sender sent last; written in one transaction (a preview is the
//! same run rolled back), audited, with what undo needs.
use super::kinds::{key_text, Body, Key, Rec, Records, Scope, STAMPS};
use super::merge::{decide_record, Action, FieldDecision};
use super::package::{self, Package};
use super::unit::{unit, CITY};
use crate::audit;
use crate::enterprise::snapshot::display_json;
use crate::error::{CoreError, Result};
use crate::store::{now_text, Store};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use ts_rs::TS;

/// How the receiver decides the conflicts: by id (see [`Conflict::id`]), or all one way.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export, rename = "PackageChoices")]
pub struct ImportChoices {
    #[serde(default)]
    pub take: Vec<String>,
    #[serde(default)]
    pub keep: Vec<String>,
    #[serde(default)]
    pub take_all: bool,
    #[serde(default)]
    pub keep_all: bool,
    /// The package's content_sha256 as previewed: a different file is refused.
    #[serde(default)]
    #[ts(optional)]
    pub previewed_sha256: Option<String>,
}

/// What the import does to one type of record.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export, rename = "PackageKindCount")]
pub struct KindCount {
    pub kind: String,
    pub label: String,
    pub new: i64,
    pub changed: i64,
    pub unchanged: i64,
    /// Records with at least one conflicting field.
    pub conflicts: i64,
    /// Records not written: their parent (plan, measure) is not in this store.
    #[serde(default)]
    pub skipped: i64,
}

/// One field of a new or changed record: here → from the package.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export, rename = "PackageFieldChange")]
pub struct FieldChange {
    pub field: String,
    pub label: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A record the package adds or changes (unchanged ones are only counted).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export, rename = "PackageRecordChange")]
pub struct RecordChange {
    pub kind: String,
    pub label: String,
    /// The natural key as JSON text.
    pub key: String,
    /// What people read: the enterprise and the year, the plan and the measure …
    pub title: String,
    /// new / changed / conflict
    pub status: String,
    pub fields: Vec<FieldChange>,
}

/// A field both sides changed: the receiver decides (keep ours / take theirs).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export, rename = "PackageConflict")]
pub struct Conflict {
    /// Stable short id: what `--take` and the app's choices name.
    pub id: String,
    pub kind: String,
    pub label: String,
    pub key: String,
    pub title: String,
    pub field: String,
    pub field_label: String,
    /// The value here.
    pub local: Option<String>,
    /// The value in the package.
    pub incoming: Option<String>,
    /// The value of the last package from this sender (none: its first package).
    pub base: Option<String>,
    /// keep / take, or none while undecided.
    pub choice: Option<String>,
}

/// The preview, or what an import did.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export, rename = "PackageReport")]
pub struct ExchangeReport {
    pub file_name: String,
    pub manifest: package::Manifest,
    /// e.g. 清河县 → 市工信局 上报数据包
    pub title: String,
    pub dry_run: bool,
    /// The import's number (for undo), once written.
    #[ts(type = "number | null")]
    pub package_id: Option<i64>,
    /// When the same package was imported before (then nothing changes).
    pub already_imported_at: Option<String>,
    pub counts: Vec<KindCount>,
    pub total: KindCount,
    pub changes: Vec<RecordChange>,
    pub conflicts: Vec<Conflict>,
    /// Conflicts with no decision: a commit needs them decided.
    pub undecided: i64,
    pub warnings: Vec<String>,
}

/// What undo needs of one written record: the values before and after, field by field
/// (`before` none: the import added it; its body is then the base change's `after`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Written {
    pub kind: String,
    pub key: Key,
    pub before: Option<Body>,
    pub after: Body,
}

/// A base entry replaced by the import: (kind, key, the previous body, the new body).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct BaseChange {
    pub kind: String,
    pub key: String,
    pub before: Option<String>,
    pub after: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct UndoData {
    pub written: Vec<Written>,
    pub base: Vec<BaseChange>,
    /// The current work plan setting before a down package made its new plan current.
    pub current_plan_before: Option<Option<String>>,
}

fn field_label(kind: &str, field: &str) -> String {
    if let Some(h) = field.strip_prefix(super::kinds::EXTRA_PREFIX) {
        return format!("{h}（附加）");
    }
    if matches!(kind, "enterprise" | "figures") {
        if let Some(f) = crate::enterprise::fields::field(field) {
            return f.label.to_string();
        }
    }
    let label = match field {
        "name" => "名称",
        "year" => "年度",
        "status" => "状态",
        "text" => "进展情况",
        "percent" => "完成比例",
        "date" => "日期",
        "value" => "数值",
        "target" => "目标值",
        "source" => "来源",
        "entered_on" => "数据日期",
        "state" => "办理状态",
        "category" => "问题类别",
        "lead_unit" => "牵头单位",
        "co_units" => "配合单位",
        "assigned_on" => "交办日期",
        "deadline" => "完成时限",
        "result" => "办理结果",
        "closed_on" => "办结日期",
        "satisfaction" => "满意度",
        "return_reason" => "退回原因",
        "plan_id" => "工作方案",
        "task_id" => "工作措施",
        "goals" => "目标",
        "measures" => "措施",
        "visits" => "走访服务",
        "financing" => "融资需求",
        "awards" => "奖励资助",
        "situation_note" => "基本情况",
        "target_board" => "拟上市板块",
        "white_list" => "白名单",
        "eco_positive_list" => "正面清单",
        "title" => "标题",
        "content" => "内容",
        "units" => "责任单位",
        "action" => "重点任务",
        "seq" => "序号",
        "deadline_note" => "时限说明",
        "quantities" => "量化目标",
        "issuer" => "发文单位",
        "doc_no" => "文号",
        "issued_on" => "印发日期",
        "unlocked" => "结束后可修改",
        "unit" => "单位",
        "kind" => "类型",
        "per_year" => "按年度",
        "yearly_target" => "年度目标",
        "note" => "说明",
        "sort" => "排序",
        "county" => "县（市、区）",
        "alliance" => "产业集群联盟",
        "diagnoses" => "工业诊所诊断",
        "deleted_at" => "移入回收站时间",
        "deleted_by" => "删除人",
        other => other,
    };
    label.to_string()
}

fn shown(kind: &str, field: &str, v: &Json) -> Option<String> {
    let flag = kind == "enterprise" && crate::enterprise::fields::field(field).is_some_and(|f| f.kind == crate::enterprise::fields::Kind::Flag);
    match v {
        Json::Array(parts) if field == "plan_id" || field == "task_id" => Some(parts.iter().map(|p| p.as_str().map(String::from).unwrap_or_else(|| p.to_string())).collect::<Vec<_>>().join(" ")),
        other => display_json(other, flag).filter(|s| !s.is_empty()),
    }
}

/// A key as people read it.
fn key_words(key: &Key) -> String {
    key.iter().map(|p| p.as_str().map(String::from).unwrap_or_else(|| p.to_string())).collect::<Vec<_>>().join(" · ")
}

/// The audit log's row key: an enterprise by USCC, figures as USCC/year (as imports write them).
fn audit_key(kind: &str, key: &Key) -> String {
    match kind {
        "enterprise" => key_words(key),
        "figures" => key.iter().map(|p| p.as_str().map(String::from).unwrap_or_else(|| p.to_string())).collect::<Vec<_>>().join("/"),
        _ => key_words(key),
    }
}

/// The conflict id of one field of one record.
fn conflict_id(kind: &str, key: &str, field: &str) -> String {
    crate::fingerprint::sha256(format!("{kind}\0{key}\0{field}").as_bytes())[..8].to_string()
}

/// People's title of a record: the enterprise's name, then what the record is.
pub(super) struct Titles {
    names: HashMap<String, String>,
}

impl Titles {
    /// Titles by the names of the enterprises in a store (USCC → name).
    pub(super) fn of_store(conn: &rusqlite::Connection) -> Result<Titles> {
        let mut stmt = conn.prepare("SELECT uscc, name FROM enterprises")?;
        let names = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(Titles { names })
    }

    pub(super) fn title(&self, rec: &Rec, label: &str) -> String {
        let first = rec.key.first().and_then(Json::as_str).unwrap_or_default();
        match rec.kind.as_str() {
            "enterprise" => format!("{}（{first}）", self.names.get(first).cloned().unwrap_or_default()),
            k if rec.key.len() > 1 && matches!(k, "figures" | "enterprise_plan" | "problem" | "problem_progress" | "problem_transition" | "stage_history") || k.starts_with("table:") => {
                let name = self.names.get(first).cloned().unwrap_or_else(|| first.to_string());
                let rest = match k {
                    "figures" => format!("{} 年", key_words(&rec.key[1..2].to_vec())),
                    "enterprise_plan" => format!("{} 年", key_words(&rec.key[1..2].to_vec())),
                    "problem" => key_words(&rec.key[1..].to_vec()),
                    _ => rec.body.get("content").or(rec.body.get("action")).or(rec.body.get("new_stage")).and_then(Json::as_str).unwrap_or_default().to_string(),
                };
                format!("{name} {label} {rest}").trim().to_string()
            }
            "cluster" | "cluster_plan" | "cluster_rename" => format!("{label} {first}"),
            "work_plan" => format!("{}（{}—{}）", first, rec.key.get(1).map(|v| v.to_string()).unwrap_or_default(), rec.key.get(2).map(|v| v.to_string()).unwrap_or_default()),
            _ => format!("{label} {}", key_words(&rec.key[rec.key.len().min(3)..].to_vec())),
        }
    }
}

/// The county whose records a package must hold only, with what was found otherwise.
fn check_county(pkg: &Package) -> Result<()> {
    let owner = if pkg.manifest.kind == "up" { &pkg.manifest.sender } else { &pkg.manifest.receiver };
    for r in &pkg.records {
        let found = match r.kind.as_str() {
            "enterprise" => r.body.get("county").and_then(Json::as_str).map(String::from),
            "task_progress" => r.key.get(5).and_then(Json::as_str).map(String::from),
            "county_entry" | "county_target" => r.key.get(5).and_then(Json::as_str).map(String::from),
            // A cluster of no county is the city's: it may come down to any county.
            "cluster" => match r.body.get("county").and_then(Json::as_str) {
                None if pkg.manifest.kind == "down" => continue,
                c => c.map(String::from),
            },
            _ => continue,
        };
        if found.as_deref() != Some(owner.as_str()) {
            let what = match r.kind.as_str() {
                "enterprise" => format!("企业 {}（{}）", r.body.get("name").and_then(Json::as_str).unwrap_or_default(), key_words(&r.key)),
                "cluster" => format!("特色产业集群 {}", key_words(&r.key)),
                _ => format!("{} {}", r.kind, key_words(&r.key)),
            };
            return Err(CoreError::Invalid(format!(
                "数据包自称是{owner}的，但其中有{}的记录：{what}；已拒绝导入",
                found.unwrap_or_else(|| "未填县（市、区）".into())
            )));
        }
    }
    Ok(())
}

/// Refusals that depend on this installation: not for it, its own, older than one imported.
fn check_receiver(conn: &Connection, pkg: &Package, mine: Option<&str>) -> Result<()> {
    let m = &pkg.manifest;
    if mine == Some(m.sender.as_str()) {
        return Err(CoreError::Invalid(format!("这是本机（{}）导出的数据包，应在{}的电脑上导入", m.sender, m.receiver)));
    }
    if let Some(me) = mine {
        if me != m.receiver {
            return Err(CoreError::Invalid(format!("这是{}，不是发给本机单位（{me}）的，已拒绝导入", super::describe(&m.kind, &m.sender, &m.receiver))));
        }
    }
    if m.kind == "up" && m.receiver != CITY {
        return Err(CoreError::Invalid(format!("上报数据包的接收单位应为{CITY}，这个数据包写的是{}", m.receiver)));
    }
    let last: Option<(String, String)> = conn
        .query_row(
            "SELECT created_at, sha256 FROM exchange_packages WHERE direction = 'received' AND sender = ?1 AND kind = ?2 AND undone_at IS NULL
             ORDER BY created_at DESC LIMIT 1",
            [&m.sender, &m.kind],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((at, _)) = last.filter(|(at, _)| m.created_at < *at) {
        return Err(CoreError::Invalid(format!(
            "这个数据包生成于 {}，早于已导入的{}数据包（生成于 {}）：旧数据包不能覆盖新数据，已拒绝导入",
            m.created_at.replace('T', " "),
            m.sender,
            at.replace('T', " ")
        )));
    }
    Ok(())
}

/// What this store holds of the records the package carries.
fn local_scope(conn: &Connection, reader: &mut Records, pkg: &Package) -> Result<Scope> {
    let mut scope = Scope::default();
    let usccs: Vec<&str> = pkg.records.iter().filter(|r| r.kind == "enterprise").filter_map(|r| r.key.first().and_then(Json::as_str)).collect();
    let mut stmt = conn.prepare_cached("SELECT id FROM enterprises WHERE uscc IN (SELECT value FROM json_each(?1)) ORDER BY id")?;
    scope.enterprises = stmt.query_map([serde_json::to_string(&usccs)?], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    for r in pkg.records.iter().filter(|r| r.kind == "cluster") {
        if let Some(id) = reader.locate("cluster", &r.key)? {
            scope.clusters.push(id);
        }
    }
    for r in pkg.records.iter().filter(|r| r.kind == "work_plan") {
        if let Some(id) = reader.locate("work_plan", &r.key)? {
            scope.plans.push(id);
        }
    }
    if pkg.manifest.kind == "up" {
        scope.county_rows_of = Some(pkg.manifest.sender.clone());
    } else {
        scope.county_targets_of = Some(pkg.manifest.receiver.clone());
    }
    Ok(scope)
}

/// The bodies last exchanged with `peer` in one direction, by (kind, key text).
pub(crate) fn load_base(conn: &Connection, peer: &str, direction: &str) -> Result<HashMap<(String, String), String>> {
    let mut stmt = conn.prepare("SELECT kind, key, body FROM exchange_base WHERE peer = ?1 AND direction = ?2")?;
    let rows = stmt.query_map([peer, direction], |r| Ok(((r.get::<_, String>(0)?, r.get::<_, String>(1)?), r.get::<_, String>(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Kinds the city owns (the plan, its measures and targets, the allocation): in a down package,
/// with nothing exchanged before, the city's value is taken.
const CITY_OWNED: &[&str] = &["work_plan", "measure", "indicator", "target_value", "county_target"];

/// Reads a package and shows what importing it would do; writes nothing.
pub fn preview_package(store: &mut Store, path: &Path, choices: &ImportChoices) -> Result<ExchangeReport> {
    run(store, path, choices, true)
}

/// Imports a package as decided in `choices`, in one transaction. Undecided conflicts refuse it.
pub fn import_package(store: &mut Store, path: &Path, choices: &ImportChoices) -> Result<ExchangeReport> {
    run(store, path, choices, false)
}

fn run(store: &mut Store, path: &Path, choices: &ImportChoices, dry_run: bool) -> Result<ExchangeReport> {
    let pkg = package::read(path)?;
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if let Some(p) = choices.previewed_sha256.as_deref().filter(|p| !p.trim().is_empty()) {
        if !p.eq_ignore_ascii_case(&pkg.manifest.content_sha256) {
            return Err(CoreError::Invalid(format!("{file_name}：{}", crate::fingerprint::CHANGED)));
        }
    }
    check_county(&pkg)?;
    let mine = unit(store)?;
    let operator = store.operator()?;
    let tx = store.conn.transaction()?;
    check_receiver(&tx, &pkg, mine.as_deref())?;
    crate::qualifications::pause_following(&tx)?;
    let report = apply(&tx, &pkg, &file_name, choices, dry_run, &operator)?;
    crate::qualifications::resume_following(&tx)?;
    if !dry_run && report.undecided > 0 {
        let list: Vec<String> = report.conflicts.iter().filter(|c| c.choice.is_none()).take(10).map(|c| format!("{} {} {}", c.id, c.title, c.field_label)).collect();
        return Err(CoreError::Invalid(format!(
            "有 {} 处冲突尚未决定（本机与数据包都改过的字段），未写入任何数据：{}{}。请逐项选择保留本机或采用数据包（命令行：--take 编号、--take-all 或 --keep-all）",
            report.undecided,
            list.join("；"),
            if report.undecided > 10 { " 等" } else { "" }
        )));
    }
    if !dry_run {
        tx.commit()?;
    }
    Ok(report)
}

struct Planned {
    rec: Rec,
    status: &'static str,
    fields: Vec<FieldDecision>,
    local: Option<(i64, Body)>,
}

fn apply(tx: &Connection, pkg: &Package, file_name: &str, choices: &ImportChoices, dry_run: bool, operator: &str) -> Result<ExchangeReport> {
    let m = &pkg.manifest;
    let mut reader = Records::new(tx)?;
    let scope = local_scope(tx, &mut reader, pkg)?;
    let local: HashMap<(String, String), Body> = reader.collect(&scope)?.into_iter().map(|r| ((r.kind.clone(), key_text(&r.key)), r.body)).collect();
    // The base: what this sender sent last; where it never sent a record, what we sent it.
    let base = load_base(tx, &m.sender, "received")?;
    let sent = load_base(tx, &m.sender, "sent")?;
    let already: Option<String> = tx
        .query_row(
            "SELECT at FROM exchange_packages WHERE direction = 'received' AND sha256 = ?1 AND undone_at IS NULL ORDER BY id DESC LIMIT 1",
            [&m.content_sha256],
            |r| r.get(0),
        )
        .optional()?;
    let mut warnings = Vec::new();
    let last_sha: Option<String> = tx
        .query_row(
            "SELECT sha256 FROM exchange_packages WHERE direction = 'received' AND sender = ?1 AND kind = ?2 AND undone_at IS NULL ORDER BY created_at DESC LIMIT 1",
            [&m.sender, &m.kind],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(last) = &last_sha {
        if *last != m.content_sha256 && m.follows.as_deref() != Some(last.as_str()) {
            warnings.push(format!("{}此前发出的数据包中可能有未在本机导入的（这个数据包接续的不是本机最后导入的那个）", m.sender));
        }
    }
    let titles = Titles { names: pkg.records.iter().filter(|r| r.kind == "enterprise").map(|r| (key_words(&r.key), r.body.get("name").and_then(Json::as_str).unwrap_or_default().to_string())).collect() };

    // Decide every record.
    let mut planned: Vec<Planned> = Vec::with_capacity(pkg.records.len());
    for rec in &pkg.records {
        let spec = reader.spec(&rec.kind)?.clone();
        let kt = key_text(&rec.key);
        let here = local.get(&(rec.kind.clone(), kt.clone()));
        let base_text = base.get(&(rec.kind.clone(), kt.clone())).or_else(|| sent.get(&(rec.kind.clone(), kt.clone())));
        let mut base_body: Option<Body> = base_text.and_then(|t| serde_json::from_str(t).ok());
        if base_body.is_none() && m.kind == "down" && CITY_OWNED.contains(&rec.kind.as_str()) {
            base_body = here.cloned();
        }
        let (status, fields) = match here {
            Some(_) if spec.log => ("unchanged", Vec::new()),
            Some(l) => {
                let fields = decide_record(l, &rec.body, base_body.as_ref());
                let status = if fields.iter().any(|f| f.action == Action::Conflict) {
                    "conflict"
                } else if fields.iter().any(|f| f.action == Action::Take) {
                    "changed"
                } else {
                    "unchanged"
                };
                (status, fields)
            }
            // Deleted here after the last package carried it unchanged: it stays deleted.
            None if base_body.as_ref().is_some_and(|b| super::kinds::same_content(b, &rec.body)) => ("unchanged", Vec::new()),
            None => ("new", Vec::new()),
        };
        planned.push(Planned { rec: rec.clone(), status, fields, local: here.map(|b| (0, b.clone())) });
    }
    planned.sort_by_key(|p| reader.spec(&p.rec.kind).map(|s| s.order).unwrap_or(99));

    // The conflicts and their decisions.
    let take: HashSet<&str> = choices.take.iter().map(|s| s.trim()).collect();
    let keep: HashSet<&str> = choices.keep.iter().map(|s| s.trim()).collect();
    let mut conflicts = Vec::new();
    let mut chosen: HashMap<String, bool> = HashMap::new();
    for p in planned.iter().filter(|p| p.status == "conflict") {
        let spec = reader.spec(&p.rec.kind)?;
        let kt = key_text(&p.rec.key);
        for f in p.fields.iter().filter(|f| f.action == Action::Conflict) {
            let id = conflict_id(&p.rec.kind, &kt, &f.field);
            let choice = if take.contains(id.as_str()) {
                Some("take")
            } else if keep.contains(id.as_str()) {
                Some("keep")
            } else if choices.take_all {
                Some("take")
            } else if choices.keep_all {
                Some("keep")
            } else {
                None
            };
            if let Some(c) = choice {
                chosen.insert(id.clone(), c == "take");
            }
            conflicts.push(Conflict {
                id,
                kind: p.rec.kind.clone(),
                label: spec.label.clone(),
                key: kt.clone(),
                title: titles.title(&p.rec, &spec.label),
                field: f.field.clone(),
                field_label: field_label(&p.rec.kind, &f.field),
                local: shown(&p.rec.kind, &f.field, &f.local),
                incoming: shown(&p.rec.kind, &f.field, &f.incoming),
                base: f.base.as_ref().and_then(|b| shown(&p.rec.kind, &f.field, b)),
                choice: choice.map(String::from),
            });
        }
    }
    let undecided = conflicts.iter().filter(|c| c.choice.is_none()).count() as i64;
    for id in take.iter().chain(keep.iter()) {
        if !conflicts.iter().any(|c| c.id == *id) {
            warnings.push(format!("没有编号为 {id} 的冲突（已忽略）"));
        }
    }

    // The package's row (its id names the audit rows), then the writes.
    let now = now_text();
    tx.execute(
        "INSERT INTO exchange_packages(direction, kind, sender, receiver, sha256, created_at, follows, file_name, operator, at)
         VALUES ('received', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        rusqlite::params![m.kind, m.sender, m.receiver, m.content_sha256, m.created_at, m.follows, file_name, operator, now],
    )?;
    let package_id = tx.last_insert_rowid();
    let stamp = audit::Stamp::new(now.clone(), operator, format!("数据包#{package_id}"));
    let stage_mark: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM listing_stage_history", [], |r| r.get(0))?;
    let mut undo = UndoData::default();
    let mut counts: BTreeMap<String, KindCount> = BTreeMap::new();
    let mut changes = Vec::new();
    let mut stage_carried: HashSet<String> = HashSet::new();
    let mut inserted_stage_rows: Vec<i64> = Vec::new();
    let mut new_plan: Option<i64> = None;
    for p in &mut planned {
        let spec = reader.spec(&p.rec.kind)?.clone();
        let kt = key_text(&p.rec.key);
        let c = counts.entry(spec.kind.clone()).or_insert_with(|| KindCount { kind: spec.kind.clone(), label: spec.label.clone(), ..KindCount::default() });
        if spec.kind == "stage_history" {
            stage_carried.insert(key_words(&p.rec.key[..1].to_vec()));
        }
        let title = titles.title(&p.rec, &spec.label);
        match p.status {
            "unchanged" => c.unchanged += 1,
            "new" => {
                let Some(rowid) = reader.insert(&p.rec)? else {
                    c.skipped += 1;
                    warnings.push(format!("{}：本机没有它所属的{}，未导入", title, parent_label(&spec)));
                    continue;
                };
                c.new += 1;
                if spec.kind == "stage_history" {
                    inserted_stage_rows.push(rowid);
                }
                if spec.kind == "work_plan" {
                    new_plan = Some(rowid);
                }
                audit::record(tx, &stamp, audit::Entry::row("insert", &spec.table, &audit_key(&spec.kind, &p.rec.key)).values(None, Some(&title)))?;
                let fields = p.rec.body.iter().filter(|(f, v)| !STAMPS.contains(&f.as_str()) && !v.is_null()).map(|(f, v)| FieldChange { field: f.clone(), label: field_label(&spec.kind, f), old: None, new: shown(&spec.kind, f, v) }).collect();
                changes.push(RecordChange { kind: spec.kind.clone(), label: spec.label.clone(), key: kt.clone(), title, status: "new".into(), fields });
                undo.written.push(Written { kind: spec.kind.clone(), key: p.rec.key.clone(), before: None, after: Body::new() });
            }
            status => {
                if status == "conflict" {
                    c.conflicts += 1;
                } else {
                    c.changed += 1;
                }
                let mut writes: Vec<(String, Json)> = Vec::new();
                let mut shown_fields = Vec::new();
                for f in &p.fields {
                    let take_it = match f.action {
                        Action::Take => true,
                        Action::Conflict => chosen.get(&conflict_id(&spec.kind, &kt, &f.field)).copied().unwrap_or(false),
                        _ => false,
                    };
                    if matches!(f.action, Action::Take | Action::Conflict) {
                        shown_fields.push(FieldChange { field: f.field.clone(), label: field_label(&spec.kind, &f.field), old: shown(&spec.kind, &f.field, &f.local), new: shown(&spec.kind, &f.field, &f.incoming) });
                    }
                    if take_it {
                        writes.push((f.field.clone(), f.incoming.clone()));
                    }
                }
                changes.push(RecordChange { kind: spec.kind.clone(), label: spec.label.clone(), key: kt.clone(), title, status: status.into(), fields: shown_fields });
                if writes.is_empty() {
                    continue;
                }
                let local_body = p.local.as_ref().map(|(_, b)| b.clone()).unwrap_or_default();
                for stamp_field in STAMPS {
                    if let Some(v) = p.rec.body.get(*stamp_field) {
                        writes.push((stamp_field.to_string(), v.clone()));
                    }
                }
                let Some(rowid) = reader.locate(&spec.kind, &p.rec.key)? else { continue };
                reader.update(&spec.kind, rowid, &writes)?;
                let null = Json::Null;
                let mut before = Body::new();
                let mut after = Body::new();
                for (f, v) in &writes {
                    let old = local_body.get(f).unwrap_or(&null);
                    before.insert(f.clone(), old.clone());
                    after.insert(f.clone(), v.clone());
                    if !STAMPS.contains(&f.as_str()) {
                        let (o, n) = (shown(&spec.kind, f, old), shown(&spec.kind, f, v));
                        audit::record(tx, &stamp, audit::Entry::row("update", &spec.table, &audit_key(&spec.kind, &p.rec.key)).field(f, o.as_deref(), n.as_deref()))?;
                    }
                }
                undo.written.push(Written { kind: spec.kind.clone(), key: p.rec.key.clone(), before: Some(before), after });
            }
        }
    }

    // Stage history: the package carries the sender's; rows the triggers added just now for the
    // same enterprises are dropped.
    if !stage_carried.is_empty() {
        let usccs: Vec<&String> = stage_carried.iter().collect();
        tx.execute(
            "DELETE FROM listing_stage_history WHERE id > ?1 AND id NOT IN (SELECT value FROM json_each(?2))
               AND enterprise_id IN (SELECT id FROM enterprises WHERE uscc IN (SELECT value FROM json_each(?3)))",
            rusqlite::params![stage_mark, serde_json::to_string(&inserted_stage_rows)?, serde_json::to_string(&usccs)?],
        )?;
    }

    // The base: what this sender sent last, record by record.
    {
        let mut put = tx.prepare_cached(
            "INSERT INTO exchange_base(peer, direction, kind, key, body) VALUES (?1, 'received', ?2, ?3, ?4)
             ON CONFLICT(peer, direction, kind, key) DO UPDATE SET body = excluded.body",
        )?;
        for rec in &pkg.records {
            let (kt, bt) = (key_text(&rec.key), super::kinds::body_text(&rec.body));
            let before = base.get(&(rec.kind.clone(), kt.clone())).cloned();
            if before.as_deref() != Some(bt.as_str()) {
                put.execute(rusqlite::params![m.sender, rec.kind, kt, bt])?;
                undo.base.push(BaseChange { kind: rec.kind.clone(), key: kt, before, after: bt });
            }
        }
    }

    // A plan new here that the city works in becomes current here too.
    if let (Some(id), Some(current)) = (new_plan, m.current_plan.as_deref()) {
        let key: Key = serde_json::from_str(current).unwrap_or_default();
        if reader.locate("work_plan", &key)? == Some(id) {
            undo.current_plan_before = Some(crate::store::settings::get(tx, "current_work_plan")?);
            crate::store::settings::set(tx, "current_work_plan", &id.to_string())?;
            warnings.push("数据包中的工作方案是本机新增的，已设为当前工作方案".to_string());
        }
    }

    let counts: Vec<KindCount> = {
        let order: Vec<String> = reader.specs.iter().map(|s| s.kind.clone()).collect();
        let mut v: Vec<KindCount> = counts.into_values().collect();
        v.sort_by_key(|c| order.iter().position(|k| *k == c.kind).unwrap_or(usize::MAX));
        v
    };
    let mut total = KindCount { kind: "total".into(), label: "合计".into(), ..KindCount::default() };
    for c in &counts {
        total.new += c.new;
        total.changed += c.changed;
        total.unchanged += c.unchanged;
        total.conflicts += c.conflicts;
        total.skipped += c.skipped;
    }
    let written_anything = !undo.written.is_empty() || !undo.base.is_empty();
    if !dry_run {
        if already.is_some() && !written_anything {
            // The same package again: nothing to record.
            tx.execute("DELETE FROM exchange_packages WHERE id = ?1", [package_id])?;
        } else {
            tx.execute(
                "UPDATE exchange_packages SET counts = ?1, undo_data = ?2 WHERE id = ?3",
                rusqlite::params![serde_json::to_string(&counts)?, serde_json::to_string(&undo)?, package_id],
            )?;
            let text = format!("新增 {}，更新 {}，未变 {}，冲突 {}", total.new, total.changed, total.unchanged, total.conflicts);
            audit::record(tx, &stamp, audit::Entry::row("import", "exchange_packages", &package_id.to_string()).values(None, Some(&text)))?;
        }
    }
    let recorded = !dry_run && !(already.is_some() && !written_anything);
    Ok(ExchangeReport {
        file_name: file_name.to_string(),
        title: super::describe(&m.kind, &m.sender, &m.receiver),
        manifest: m.clone(),
        dry_run,
        package_id: recorded.then_some(package_id),
        already_imported_at: already,
        counts,
        total,
        changes,
        conflicts,
        undecided,
        warnings,
    })
}

fn parent_label(spec: &super::kinds::Spec) -> &'static str {
    match spec.parent.as_ref().map(|(p, _)| p.as_str()) {
        Some("work_plan") => "工作方案",
        Some("measure") => "工作措施",
        Some("enterprise") => "企业",
        Some("problem") => "问题",
        _ => "上级记录",
    }
}
