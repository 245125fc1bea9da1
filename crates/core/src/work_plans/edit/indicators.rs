//! Adding, changing and removing an indicator (目标指标) of a work plan in the app: name, unit,
//! computed from the pool or entered by hand, yearly-new or stock/ratio, and its targets per year
//! and per milestone year. Each change is one audited transaction; a read-only plan is refused.
use crate::audit;
use crate::error::{CoreError, Result};
use crate::store::{now_text, Store};
use crate::targets::COMPUTED_KEYS;
use crate::work_plans::indicator_sheet::{compact, known_names, parse_target};
use crate::work_plans::{ensure_editable, get_plan, WorkPlan};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// One target of an indicator.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct YearTarget {
    pub year: i64,
    pub target: f64,
}

/// An indicator as the 指标 editor shows it.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct PlanIndicator {
    pub key: String,
    pub name: String,
    pub unit: String,
    pub computed: bool,
    /// 每年新增 (a target each year) rather than a stock or ratio reached by a year.
    pub per_year: bool,
    pub yearly_target: Option<f64>,
    pub targets: Vec<YearTarget>,
    pub note: Option<String>,
    /// Manual entries recorded for it (an indicator with entries cannot be removed).
    pub entries: i64,
}

/// A target as typed in a form (50, ≥3, 78%); blank removes the year's target.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TargetText {
    pub year: i64,
    pub target: String,
}

/// What the 指标 form edits.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IndicatorInput {
    pub name: String,
    pub unit: String,
    pub computed: bool,
    pub per_year: bool,
    /// The target of every year (每年新增 indicators); blank: none.
    #[serde(default)]
    pub yearly_target: String,
    /// Targets of single years (milestones, or years differing from the yearly target).
    #[serde(default)]
    pub targets: Vec<TargetText>,
    #[serde(default)]
    pub note: String,
}

struct Checked {
    name: String,
    unit: String,
    computed: bool,
    per_year: bool,
    yearly_target: Option<f64>,
    targets: BTreeMap<i64, f64>,
    note: Option<String>,
}

fn target(text: &str, what: &str, unit: &str) -> Result<Option<f64>> {
    let v = parse_target(text).map_err(|()| CoreError::Invalid(format!("{what}“{}”不是数字（只填数字，如 50、3.5）", text.trim())))?;
    if unit == "%" && v.is_some_and(|v| v > 100.0) {
        return Err(CoreError::Invalid(format!("{what}“{}”超过 100%", text.trim())));
    }
    Ok(v)
}

fn check(plan: &WorkPlan, input: &IndicatorInput) -> Result<Checked> {
    let name = input.name.trim().to_string();
    if name.is_empty() {
        return Err(CoreError::Invalid("请填写指标名称".into()));
    }
    let unit = input.unit.trim().replace('％', "%");
    if unit.is_empty() {
        return Err(CoreError::Invalid(format!("请填写指标“{name}”的单位（家、项、% …）")));
    }
    let yearly_target = target(&input.yearly_target, "每年目标", &unit)?;
    let mut targets = BTreeMap::new();
    for t in &input.targets {
        if !(plan.start_year..=plan.end_year).contains(&t.year) {
            return Err(CoreError::Invalid(format!("{}年不在本方案实施期限（{}—{}年）内，不能设目标", t.year, plan.start_year, plan.end_year)));
        }
        if let Some(v) = target(&t.target, &format!("{}年目标", t.year), &unit)? {
            targets.insert(t.year, v);
        }
    }
    if yearly_target.is_some() && !input.per_year {
        return Err(CoreError::Invalid(format!("指标“{name}”为累计或比率口径，请把目标填在达到的年份，不填“每年目标”")));
    }
    let note = Some(input.note.trim().to_string()).filter(|n| !n.is_empty());
    Ok(Checked { name, unit, computed: input.computed, per_year: input.per_year, yearly_target, targets, note })
}

/// Refuses “企业库计算” for an indicator the app cannot count.
fn ensure_computable(key: &str, c: &Checked) -> Result<()> {
    if c.computed && !COMPUTED_KEYS.contains(&key) {
        let names: Vec<String> = crate::store::seed::target_seed().indicators.into_iter().filter(|i| COMPUTED_KEYS.contains(&i.key.as_str())).map(|i| i.name).collect();
        return Err(CoreError::Invalid(format!("“{}”无法由企业库计算，请选“人工填报”（可计算的指标：{}）", c.name, names.join("、"))));
    }
    Ok(())
}

/// A plan's indicators in plan order, with their targets and how many entries each has.
pub fn list_indicators(store: &Store, plan_id: i64) -> Result<Vec<PlanIndicator>> {
    let plan = get_plan(store, plan_id)?;
    let list = crate::targets::plan_indicators(store, &plan)?;
    let mut stmt = store.conn.prepare_cached("SELECT count(*) FROM target_entries WHERE plan_id = ?1 AND indicator = ?2")?;
    list.into_iter()
        .map(|i| {
            let entries: i64 = stmt.query_row(params![plan_id, i.key], |r| r.get(0))?;
            Ok(PlanIndicator {
                targets: i.targets.iter().map(|(&year, &target)| YearTarget { year, target }).collect(),
                key: i.key,
                name: i.name,
                unit: i.unit,
                computed: i.computed,
                per_year: i.per_year,
                yearly_target: i.yearly_target,
                note: i.note,
                entries,
            })
        })
        .collect()
}

fn get(store: &Store, plan_id: i64, key: &str) -> Result<PlanIndicator> {
    list_indicators(store, plan_id)?.into_iter().find(|i| i.key == key).ok_or_else(|| CoreError::NotFound(format!("本方案没有指标“{key}”")))
}

fn ensure_unique_name(store: &Store, plan_id: i64, name: &str, except: Option<&str>) -> Result<()> {
    let clash: Option<String> = store
        .conn
        .query_row("SELECT key FROM target_indicators WHERE plan_id = ?1 AND name = ?2 AND key <> coalesce(?3, '')", params![plan_id, name, except], |r| r.get(0))
        .optional()?;
    match clash {
        Some(_) => Err(CoreError::Invalid(format!("本方案已有指标“{name}”"))),
        None => Ok(()),
    }
}

/// The key of a new indicator: the known one for its name, else custom_N unused in the plan.
fn new_key(store: &Store, plan_id: i64, name: &str) -> Result<String> {
    let taken = |k: &str| -> Result<bool> {
        Ok(store.conn.query_row("SELECT count(*) FROM target_indicators WHERE plan_id = ?1 AND key = ?2", params![plan_id, k], |r| r.get::<_, i64>(0))? > 0)
    };
    if let Some(k) = known_names(store)?.get(&compact(name)) {
        if !taken(k)? {
            return Ok(k.clone());
        }
    }
    let mut n = 1;
    while taken(&format!("custom_{n}"))? {
        n += 1;
    }
    Ok(format!("custom_{n}"))
}

fn opt(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn stamp(store: &Store, plan: &WorkPlan) -> Result<audit::Stamp> {
    Ok(audit::Stamp::new(now_text(), store.operator()?, format!("编辑工作方案：{}", plan.title)))
}

/// Replaces the targets of an indicator, auditing each year that changed.
fn write_targets(tx: &Transaction, stamp: &audit::Stamp, plan_id: i64, key: &str, old: &BTreeMap<i64, f64>, new: &BTreeMap<i64, f64>) -> Result<()> {
    let row_key = format!("{plan_id}:{key}");
    let years: std::collections::BTreeSet<i64> = old.keys().chain(new.keys()).copied().collect();
    for year in years {
        let (o, n) = (old.get(&year).copied(), new.get(&year).copied());
        if o != n {
            audit::record(tx, stamp, audit::Entry::row("update", "target_indicators", &row_key).field(&format!("{year}年目标"), Some(&opt(o)), Some(&opt(n))))?;
        }
    }
    tx.execute("DELETE FROM target_values WHERE plan_id = ?1 AND indicator = ?2", params![plan_id, key])?;
    for (year, t) in new {
        tx.execute("INSERT INTO target_values(plan_id, indicator, year, target) VALUES (?1, ?2, ?3, ?4)", params![plan_id, key, year, t])?;
    }
    Ok(())
}

/// Adds an indicator to plan `plan_id` (after its last one) and returns it.
pub fn add_indicator(store: &mut Store, plan_id: i64, input: &IndicatorInput) -> Result<PlanIndicator> {
    let plan = get_plan(store, plan_id)?;
    ensure_editable(store, plan_id)?;
    let c = check(&plan, input)?;
    ensure_unique_name(store, plan_id, &c.name, None)?;
    let key = new_key(store, plan_id, &c.name)?;
    ensure_computable(&key, &c)?;
    let stamp = stamp(store, &plan)?;
    let tx = store.conn.transaction()?;
    let sort: i64 = tx.query_row("SELECT coalesce(max(sort), 0) + 1 FROM target_indicators WHERE plan_id = ?1", [plan_id], |r| r.get(0))?;
    tx.execute(
        "INSERT INTO target_indicators(plan_id, key, name, unit, kind, per_year, yearly_target, note, sort) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![plan_id, key, c.name, c.unit, kind(c.computed), c.per_year, c.yearly_target, c.note, sort],
    )?;
    audit::record(&tx, &stamp, audit::Entry::row("insert", "target_indicators", &format!("{plan_id}:{key}")).values(None, Some(&format!("{}（{}）", c.name, c.unit))))?;
    write_targets(&tx, &stamp, plan_id, &key, &BTreeMap::new(), &c.targets)?;
    tx.commit()?;
    get(store, plan_id, &key)
}

fn kind(computed: bool) -> &'static str {
    if computed {
        "computed"
    } else {
        "manual"
    }
}

fn kind_label(computed: bool) -> &'static str {
    if computed {
        "企业库计算"
    } else {
        "人工填报"
    }
}

fn basis_label(per_year: bool) -> &'static str {
    if per_year {
        "每年新增"
    } else {
        "累计或比率"
    }
}

/// Changes indicator `key` of plan `plan_id` (its key, entries and place stay); audited per field.
pub fn update_indicator(store: &mut Store, plan_id: i64, key: &str, input: &IndicatorInput) -> Result<PlanIndicator> {
    let plan = get_plan(store, plan_id)?;
    ensure_editable(store, plan_id)?;
    let old = get(store, plan_id, key)?;
    let c = check(&plan, input)?;
    ensure_unique_name(store, plan_id, &c.name, Some(key))?;
    ensure_computable(key, &c)?;
    let stamp = stamp(store, &plan)?;
    let tx = store.conn.transaction()?;
    tx.execute(
        "UPDATE target_indicators SET name = ?1, unit = ?2, kind = ?3, per_year = ?4, yearly_target = ?5, note = ?6 WHERE plan_id = ?7 AND key = ?8",
        params![c.name, c.unit, kind(c.computed), c.per_year, c.yearly_target, c.note, plan_id, key],
    )?;
    let row_key = format!("{plan_id}:{key}");
    let fields = [
        ("name", old.name.clone(), c.name.clone()),
        ("unit", old.unit.clone(), c.unit.clone()),
        ("kind", kind_label(old.computed).to_string(), kind_label(c.computed).to_string()),
        ("per_year", basis_label(old.per_year).to_string(), basis_label(c.per_year).to_string()),
        ("yearly_target", opt(old.yearly_target), opt(c.yearly_target)),
        ("note", old.note.clone().unwrap_or_default(), c.note.clone().unwrap_or_default()),
    ];
    for (field, o, n) in fields.iter().filter(|(_, o, n)| o != n) {
        audit::record(&tx, &stamp, audit::Entry::row("update", "target_indicators", &row_key).field(field, Some(o), Some(n)))?;
    }
    let old_targets: BTreeMap<i64, f64> = old.targets.iter().map(|t| (t.year, t.target)).collect();
    write_targets(&tx, &stamp, plan_id, key, &old_targets, &c.targets)?;
    tx.commit()?;
    get(store, plan_id, key)
}

/// Removes indicator `key` of plan `plan_id`; refused while manual entries are recorded for it.
pub fn delete_indicator(store: &mut Store, plan_id: i64, key: &str) -> Result<()> {
    let plan = get_plan(store, plan_id)?;
    ensure_editable(store, plan_id)?;
    let old = get(store, plan_id, key)?;
    if old.entries > 0 {
        return Err(CoreError::Invalid(format!("指标“{}”已有 {} 条填报值，不能删除；可修改其名称或目标", old.name, old.entries)));
    }
    let stamp = stamp(store, &plan)?;
    let tx = store.conn.transaction()?;
    tx.execute("DELETE FROM target_values WHERE plan_id = ?1 AND indicator = ?2", params![plan_id, key])?;
    tx.execute("DELETE FROM target_indicators WHERE plan_id = ?1 AND key = ?2", params![plan_id, key])?;
    audit::record(&tx, &stamp, audit::Entry::row("delete", "target_indicators", &format!("{plan_id}:{key}")).values(Some(&format!("{}（{}）", old.name, old.unit)), None))?;
    tx.commit()?;
    Ok(())
}
