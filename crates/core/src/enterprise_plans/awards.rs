//! The catalogue of awards and subsidies a 一企一策 can record: the current work plan's own (the
//! 2022 plan's seeded from assets/seed/awards.json: 中国质量奖 100万元 …), extendable by the user.
use crate::audit;
use crate::error::{CoreError, Result};
use crate::store::{now_text, Store};
use crate::work_plans::{current_plan_id, DEFAULT_PLAN_ID};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const AWARDS_JSON: &str = include_str!("../../../../assets/seed/awards.json");
/// Bump when awards.json gains entries a store made earlier should also receive.
const AWARD_SEED_VERSION: &str = "1";

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct AwardItem {
    pub id: i64,
    pub name: String,
    pub category: String,
    pub amount_wan: Option<f64>,
    pub source: String,
}

/// A catalogue entry the user adds.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AwardInput {
    pub name: String,
    pub category: String,
    #[ts(optional)]
    pub amount_wan: Option<f64>,
    #[serde(default)]
    pub source: String,
}

#[derive(Deserialize)]
struct Seed {
    awards: Vec<AwardInput>,
}

/// Adds the shipped entries once per store (entries the user removed or renamed stay so).
pub(crate) fn ensure_seeded(store: &mut Store) -> Result<()> {
    if store.setting("award_seed_version")?.as_deref() == Some(AWARD_SEED_VERSION) {
        return Ok(());
    }
    let seed: Seed = serde_json::from_str(AWARDS_JSON)?;
    let tx = store.conn.transaction()?;
    for (i, a) in seed.awards.iter().enumerate() {
        tx.execute(
            "INSERT OR IGNORE INTO award_catalog(plan_id, name, category, amount_wan, source, sort)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM work_plans WHERE id = ?1)",
            params![DEFAULT_PLAN_ID, a.name, a.category, a.amount_wan, a.source, i as i64 + 1],
        )?;
    }
    tx.execute(
        "INSERT INTO settings(key, value) VALUES ('award_seed_version', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [AWARD_SEED_VERSION],
    )?;
    tx.commit()?;
    Ok(())
}

/// The current work plan's catalogue.
pub fn list_awards(store: &mut Store) -> Result<Vec<AwardItem>> {
    ensure_seeded(store)?;
    let plan = current_plan_id(store)?;
    let mut stmt = store
        .conn
        .prepare_cached("SELECT id, name, category, amount_wan, source FROM award_catalog WHERE plan_id = ?1 ORDER BY sort, id")?;
    let rows = stmt.query_map([plan], |r| {
        Ok(AwardItem { id: r.get(0)?, name: r.get(1)?, category: r.get(2)?, amount_wan: r.get(3)?, source: r.get(4)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds an entry to the current plan's catalogue (audited); names are unique within it.
pub fn add_award(store: &mut Store, input: &AwardInput) -> Result<AwardItem> {
    ensure_seeded(store)?;
    let name = input.name.trim();
    let category = input.category.trim();
    if name.is_empty() || category.is_empty() {
        return Err(CoreError::Invalid("请填写奖励名称和类别".into()));
    }
    if input.amount_wan.is_some_and(|a| !(0.0..=100_000.0).contains(&a)) {
        return Err(CoreError::Invalid("奖励金额应在 0 至 100000 万元之间".into()));
    }
    let operator = store.operator()?;
    let plan = current_plan_id(store)?;
    let tx = store.conn.transaction()?;
    let exists: i64 = tx.query_row("SELECT count(*) FROM award_catalog WHERE plan_id = ?1 AND name = ?2", params![plan, name], |r| r.get(0))?;
    if exists > 0 {
        return Err(CoreError::Invalid(format!("目录中已有“{name}”")));
    }
    tx.execute(
        "INSERT INTO award_catalog(plan_id, name, category, amount_wan, source, sort)
         VALUES (?1, ?2, ?3, ?4, ?5, (SELECT coalesce(max(sort), 0) + 1 FROM award_catalog WHERE plan_id = ?1))",
        params![plan, name, category, input.amount_wan, input.source.trim()],
    )?;
    let id = tx.last_insert_rowid();
    let stamp = audit::Stamp::new(now_text(), operator, "奖励目录");
    audit::record(&tx, &stamp, audit::Entry::row("insert", "award_catalog", &id.to_string()).values(None, Some(name)))?;
    tx.commit()?;
    Ok(list_awards(store)?.into_iter().find(|a| a.id == id).expect("just inserted"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_holds_the_plans_amounts_and_can_be_extended() {
        let mut s = Store::open_in_memory().unwrap();
        let list = list_awards(&mut s).unwrap();
        let amount = |n: &str| list.iter().find(|a| a.name.starts_with(n)).and_then(|a| a.amount_wan);
        assert_eq!(amount("中国质量奖提名奖"), Some(50.0));
        assert_eq!(amount("中国质量奖"), Some(100.0));
        assert_eq!(amount("河北省政府质量奖"), Some(50.0));
        assert_eq!(amount("邢台市政府质量奖"), Some(20.0));
        assert_eq!(amount("主持国际标准"), Some(30.0));
        assert_eq!(amount("主持行业标准"), Some(10.0));
        assert_eq!(amount("中国驰名商标"), Some(20.0));
        let added = add_award(&mut s, &AwardInput { name: "省级专精特新奖励".into(), category: "资质奖励".into(), amount_wan: Some(10.0), source: "县级".into() }).unwrap();
        assert_eq!(list_awards(&mut s).unwrap().last().unwrap(), &added);
        let again = add_award(&mut s, &AwardInput { name: "省级专精特新奖励".into(), category: "资质奖励".into(), ..Default::default() });
        assert!(again.unwrap_err().to_string().contains("已有"));
        s.conn.execute("DELETE FROM award_catalog WHERE name = '中国质量奖'", []).unwrap();
        assert_eq!(list_awards(&mut s).unwrap().len(), 8, "a removed seed entry is not re-added");
    }
}
