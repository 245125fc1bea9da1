//! Values of the manual (人工填报) indicators: one per plan, indicator and year for the city
//! (target_entries) and for each county (county_entries), with the date it refers to, its source
//! and who entered it; every save and removal is audited. An ended plan takes entries only once
//! reopened.
use super::{TargetEntry, TargetEntryInput};
use crate::audit;
use crate::error::{CoreError, Result};
use crate::store::{now_text, Store};
use chrono::NaiveDate;
use rusqlite::OptionalExtension;

/// City and county entries alike; `county` is NULL for the city's own.
const SELECT: &str = "SELECT e.* FROM (
    SELECT indicator, year, value, entered_on, source, entered_by, updated_at, plan_id, NULL AS county FROM target_entries
    UNION ALL
    SELECT indicator, year, value, entered_on, source, entered_by, updated_at, plan_id, county FROM county_entries) e";

fn entry_from(r: &rusqlite::Row) -> rusqlite::Result<TargetEntry> {
    Ok(TargetEntry {
        indicator: r.get(0)?,
        year: r.get(1)?,
        value: r.get(2)?,
        entered_on: r.get(3)?,
        source: r.get(4)?,
        entered_by: r.get(5)?,
        updated_at: r.get(6)?,
        plan_id: r.get(7)?,
        county: r.get(8)?,
    })
}

/// The entries of a plan (the current one when `None`): the city's, then the counties' in the
/// counties' order.
pub fn list_entries(store: &Store, plan_id: Option<i64>) -> Result<Vec<TargetEntry>> {
    let plan = crate::work_plans::resolve(store, plan_id)?.id;
    let mut stmt = store.conn.prepare_cached(&format!(
        "{SELECT} LEFT JOIN counties c ON c.name = county WHERE plan_id = ?1 ORDER BY county IS NOT NULL, c.sort, indicator, year"
    ))?;
    let rows = stmt.query_map([plan], entry_from)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn get(conn: &rusqlite::Connection, plan: i64, indicator: &str, year: i64, county: Option<&str>) -> Result<Option<TargetEntry>> {
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE plan_id = ?1 AND indicator = ?2 AND year = ?3 AND county IS ?4"),
            rusqlite::params![plan, indicator, year, county],
            entry_from,
        )
        .optional()?)
}

fn describe(e: &TargetEntry) -> String {
    format!("{}（{}，{}，{}）", e.value, e.entered_on, e.source, e.entered_by)
}

/// The table an entry of the city (`None`) or a county lives in.
fn table(county: Option<&str>) -> &'static str {
    if county.is_some() { "county_entries" } else { "target_entries" }
}

fn audit(tx: &rusqlite::Connection, operator: &str, action: &str, county: Option<&str>, key: &str, old: Option<String>, new: Option<String>) -> Result<()> {
    let stamp = audit::Stamp::new(now_text(), operator, "目标看板");
    let key = county.map_or_else(|| key.to_string(), |c| format!("{c}:{key}"));
    audit::record(tx, &stamp, audit::Entry::row(action, table(county), &key).field("value", old.as_deref(), new.as_deref()))
}

/// A county named in an entry: trimmed, and one of the counties list.
fn checked_county(store: &Store, county: &Option<String>) -> Result<Option<String>> {
    let Some(name) = county.as_deref().map(str::trim).filter(|c| !c.is_empty()) else { return Ok(None) };
    let known: bool = store.conn.query_row("SELECT EXISTS(SELECT 1 FROM counties WHERE name = ?1)", [name], |r| r.get(0))?;
    if !known {
        return Err(CoreError::Invalid(format!("“{name}”不是本市的县（市、区）")));
    }
    Ok(Some(name.to_string()))
}

/// Checks the input and fills in the operator when no name is given.
fn validated(store: &Store, input: &TargetEntryInput) -> Result<TargetEntry> {
    let plan = crate::work_plans::resolve(store, input.plan_id)?.id;
    let (kind, unit): (String, String) = store
        .conn
        .query_row("SELECT kind, unit FROM target_indicators WHERE plan_id = ?1 AND key = ?2", rusqlite::params![plan, input.indicator], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| CoreError::NotFound(format!("没有指标“{}”", input.indicator)))?;
    if kind != "manual" {
        return Err(CoreError::Invalid("该指标由企业库自动计算，不能人工填报".into()));
    }
    if !(2000..=2100).contains(&input.year) {
        return Err(CoreError::Invalid(format!("年份 {} 不正确", input.year)));
    }
    if !input.value.is_finite() || input.value < 0.0 || (unit == "%" && input.value > 100.0) {
        return Err(CoreError::Invalid(format!("填报值 {} 不正确{}", input.value, if unit == "%" { "（应在 0—100 之间）" } else { "（不能为负数）" })));
    }
    let entered_on = input.entered_on.trim();
    if NaiveDate::parse_from_str(entered_on, "%Y-%m-%d").is_err() {
        return Err(CoreError::Invalid(format!("日期“{entered_on}”不正确，应为 2026-11-26 的形式")));
    }
    let source = input.source.trim();
    if source.is_empty() {
        return Err(CoreError::Invalid("请填写数据来源".into()));
    }
    let entered_by = match input.entered_by.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(name) => name.to_string(),
        None => store.operator()?,
    };
    Ok(TargetEntry {
        indicator: input.indicator.clone(),
        year: input.year,
        value: input.value,
        entered_on: entered_on.into(),
        source: source.into(),
        entered_by,
        updated_at: now_text(),
        plan_id: plan,
        county: checked_county(store, &input.county)?,
    })
}

/// Saves the value of a manual indicator for a year, of the city or of a county (replacing an
/// earlier one), audited.
pub fn save_entry(store: &mut Store, input: &TargetEntryInput) -> Result<TargetEntry> {
    let entry = validated(store, input)?;
    crate::work_plans::ensure_editable(store, entry.plan_id)?;
    let operator = store.operator()?;
    let county = entry.county.as_deref();
    let tx = store.conn.transaction()?;
    let before = get(&tx, entry.plan_id, &entry.indicator, entry.year, county)?;
    let (columns, values, conflict) = match county {
        Some(_) => (", county", ", ?9", ", county"),
        None => ("", "", ""),
    };
    tx.execute(
        &format!(
            "INSERT INTO {table}(plan_id, indicator, year, value, entered_on, source, entered_by, updated_at{columns})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8{values})
             ON CONFLICT(plan_id, indicator, year{conflict}) DO UPDATE SET value = excluded.value, entered_on = excluded.entered_on,
               source = excluded.source, entered_by = excluded.entered_by, updated_at = excluded.updated_at",
            table = table(county)
        ),
        rusqlite::params_from_iter(
            [
                rusqlite::types::Value::from(entry.plan_id),
                entry.indicator.clone().into(),
                entry.year.into(),
                entry.value.into(),
                entry.entered_on.clone().into(),
                entry.source.clone().into(),
                entry.entered_by.clone().into(),
                entry.updated_at.clone().into(),
            ]
            .into_iter()
            .chain(county.map(|c| c.to_string().into())),
        ),
    )?;
    let action = if before.is_some() { "update" } else { "insert" };
    let key = entry_key(entry.plan_id, &entry.indicator, entry.year);
    audit(&tx, &operator, action, county, &key, before.as_ref().map(describe), Some(describe(&entry)))?;
    tx.commit()?;
    Ok(entry)
}

/// The audit key of an entry: indicator/year, with the plan for plans after the first.
fn entry_key(plan: i64, indicator: &str, year: i64) -> String {
    if plan == crate::work_plans::DEFAULT_PLAN_ID {
        format!("{indicator}/{year}")
    } else {
        format!("{plan}:{indicator}/{year}")
    }
}

/// Removes the value of a manual indicator for a year of a plan (the current one when `None`), of
/// the city or of a county, audited.
pub fn delete_entry(store: &mut Store, plan_id: Option<i64>, indicator: &str, year: i64, county: Option<&str>) -> Result<()> {
    let plan = crate::work_plans::resolve(store, plan_id)?.id;
    crate::work_plans::ensure_editable(store, plan)?;
    let operator = store.operator()?;
    let tx = store.conn.transaction()?;
    let before = get(&tx, plan, indicator, year, county)?.ok_or_else(|| CoreError::NotFound(format!("{}{year}年没有该指标的填报值", county.unwrap_or(""))))?;
    match county {
        Some(c) => tx.execute(
            "DELETE FROM county_entries WHERE plan_id = ?1 AND indicator = ?2 AND year = ?3 AND county = ?4",
            rusqlite::params![plan, indicator, year, c],
        )?,
        None => tx.execute("DELETE FROM target_entries WHERE plan_id = ?1 AND indicator = ?2 AND year = ?3", rusqlite::params![plan, indicator, year])?,
    };
    audit(&tx, &operator, "delete", county, &entry_key(plan, indicator, year), Some(describe(&before)), None)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(indicator: &str, value: f64) -> TargetEntryInput {
        TargetEntryInput {
            plan_id: None,
            indicator: indicator.into(),
            year: 2025,
            value,
            entered_on: "2025-12-20".into(),
            source: "市工信局统计".into(),
            entered_by: None,
            county: None,
        }
    }

    #[test]
    fn entries_are_saved_replaced_removed_and_audited() {
        let mut s = Store::open_in_memory().unwrap();
        crate::work_plans::set_unlocked(&mut s, 1, true).unwrap();
        let e = save_entry(&mut s, &input("green_factories", 2.0)).unwrap();
        assert_eq!(e.entered_by, "本机用户");
        let mut again = input("green_factories", 3.0);
        again.entered_by = Some("张科长".into());
        save_entry(&mut s, &again).unwrap();
        let all = list_entries(&s, None).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!((all[0].value, all[0].entered_by.as_str()), (3.0, "张科长"));
        delete_entry(&mut s, None, "green_factories", 2025, None).unwrap();
        assert!(list_entries(&s, None).unwrap().is_empty());
        let actions: Vec<String> = s
            .conn
            .prepare("SELECT action FROM audit_log WHERE table_name = 'target_entries' ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(actions, vec!["insert", "update", "delete"]);
        crate::work_plans::set_unlocked(&mut s, 1, false).unwrap();
        let refused = save_entry(&mut s, &input("green_factories", 1.0)).unwrap_err().to_string();
        assert!(refused.contains("已于2025年底结束"), "{refused}");
    }

    #[test]
    fn county_entries_stand_beside_the_citys() {
        let mut s = Store::open_in_memory().unwrap();
        crate::work_plans::set_unlocked(&mut s, 1, true).unwrap();
        save_entry(&mut s, &input("green_factories", 5.0)).unwrap();
        let mut nanhe = input("green_factories", 2.0);
        nanhe.county = Some(" 南和区 ".into());
        assert_eq!(save_entry(&mut s, &nanhe).unwrap().county.as_deref(), Some("南和区"));
        nanhe.value = 3.0;
        save_entry(&mut s, &nanhe).unwrap();
        let all = list_entries(&s, None).unwrap();
        let seen: Vec<_> = all.iter().map(|e| (e.county.as_deref(), e.value)).collect();
        assert_eq!(seen, vec![(None, 5.0), (Some("南和区"), 3.0)]);
        let audited: Vec<(String, String)> = s
            .conn
            .prepare("SELECT table_name, row_key FROM audit_log WHERE table_name = 'county_entries' ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(audited.len(), 2);
        assert_eq!(audited[0].1, "南和区:green_factories/2025");
        delete_entry(&mut s, None, "green_factories", 2025, Some("南和区")).unwrap();
        assert_eq!(list_entries(&s, None).unwrap().len(), 1, "the city's stays");
        let mut stranger = input("green_factories", 1.0);
        stranger.county = Some("北京市".into());
        assert!(save_entry(&mut s, &stranger).unwrap_err().to_string().contains("不是本市的县（市、区）"));
    }

    #[test]
    fn bad_entries_are_refused_in_chinese() {
        let mut s = Store::open_in_memory().unwrap();
        crate::work_plans::set_unlocked(&mut s, 1, true).unwrap();
        assert!(save_entry(&mut s, &input("listed_companies", 1.0)).unwrap_err().to_string().contains("自动计算"));
        assert!(save_entry(&mut s, &input("industrial_cloud", 120.0)).unwrap_err().to_string().contains("0—100"));
        let mut no_source = input("standards", 4.0);
        no_source.source = " ".into();
        assert!(save_entry(&mut s, &no_source).unwrap_err().to_string().contains("数据来源"));
        let mut bad_date = input("standards", 4.0);
        bad_date.entered_on = "去年".into();
        assert!(save_entry(&mut s, &bad_date).is_err());
        assert!(save_entry(&mut s, &input("nope", 1.0)).is_err());
        assert!(list_entries(&s, None).unwrap().is_empty());
    }
}
