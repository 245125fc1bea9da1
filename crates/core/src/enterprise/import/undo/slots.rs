//! The places an import writes in one enterprise (a column, an extra attribute, one year's
//! figure), their values in a snapshot, the slots two snapshots differ in, and writing one back.
use crate::enterprise::fields::{self, Kind};
use crate::enterprise::snapshot::{same_value, to_sql, Snapshot};
use crate::error::Result;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Slot {
    Column(String),
    Extra(String),
    Figure(i64, String),
}

/// Columns that are bookkeeping, not something a person entered.
const NOT_ENTERED: [&str; 4] = ["id", "extra", "created_at", "updated_at"];

fn extra_of(s: &Snapshot) -> Map<String, Json> {
    s.enterprise.get("extra").and_then(Json::as_str).and_then(|t| serde_json::from_str(t).ok()).unwrap_or_default()
}

impl Slot {
    /// The value of this slot in a snapshot (null where absent).
    pub fn value(&self, s: &Snapshot) -> Json {
        match self {
            Slot::Column(c) => s.enterprise.get(c).cloned().unwrap_or(Json::Null),
            Slot::Extra(h) => extra_of(s).get(h).cloned().unwrap_or(Json::Null),
            Slot::Figure(y, c) => s.figures_of(*y).and_then(|f| f.get(c)).cloned().unwrap_or(Json::Null),
        }
    }

    /// The field key (`extra` for extra attributes) and year, as in `FieldChange`.
    pub fn field(&self) -> (String, Option<i64>) {
        match self {
            Slot::Column(c) => (c.clone(), None),
            Slot::Extra(_) => ("extra".into(), None),
            Slot::Figure(y, c) => (c.clone(), Some(*y)),
        }
    }

    /// The Chinese label people read: 注册资本（万元）, 2022年营业收入（万元）, 规模（其他属性）.
    pub fn label(&self) -> String {
        let name = |k: &str| fields::field(k).map_or(k.to_string(), |f| f.label.to_string());
        match self {
            Slot::Column(c) => name(c),
            Slot::Extra(h) => format!("{h}（其他属性）"),
            Slot::Figure(y, c) => format!("{y}年{}", name(c)),
        }
    }

    /// Where the audit log records a change of this slot: table, row key, field.
    pub fn audit_target(&self, uscc: &str) -> (&'static str, String, String) {
        match self {
            Slot::Column(c) => ("enterprises", uscc.to_string(), c.clone()),
            Slot::Extra(h) => ("enterprises", uscc.to_string(), format!("extra.{h}")),
            Slot::Figure(y, c) => ("enterprise_figures", format!("{uscc}/{y}"), c.clone()),
        }
    }

    /// A value of this slot as people read it (是/否 for flags, plain numbers); None when blank.
    pub fn shown(&self, v: &Json) -> Option<String> {
        let flag = matches!(self, Slot::Column(c) if fields::field(c).is_some_and(|f| f.kind == Kind::Flag));
        crate::enterprise::snapshot::display_json(v, flag)
    }
}

/// Every slot whose value differs between `a` (none: a blank enterprise) and `b`.
pub fn differing(a: Option<&Snapshot>, b: &Snapshot) -> Vec<Slot> {
    let blank = Snapshot { enterprise: Map::new(), figures: Vec::new() };
    let a = a.unwrap_or(&blank);
    let mut slots = BTreeSet::new();
    for c in a.enterprise.keys().chain(b.enterprise.keys()).filter(|c| !NOT_ENTERED.contains(&c.as_str())) {
        slots.insert(Slot::Column(c.clone()));
    }
    for h in extra_of(a).keys().chain(extra_of(b).keys()) {
        slots.insert(Slot::Extra(h.clone()));
    }
    for f in a.figures.iter().chain(&b.figures) {
        let Some(year) = f.get("year").and_then(Json::as_i64) else { continue };
        for c in f.keys().filter(|c| !matches!(c.as_str(), "enterprise_id" | "year")) {
            slots.insert(Slot::Figure(year, c.clone()));
        }
    }
    slots.into_iter().filter(|s| !same_value(&s.value(a), &s.value(b))).collect()
}

/// Writes `value` into one slot of the enterprise `id`; a year left with no figure at all is removed.
pub fn write(conn: &Connection, id: i64, slot: &Slot, value: &Json) -> Result<()> {
    match slot {
        Slot::Column(c) => {
            conn.execute(&format!("UPDATE enterprises SET \"{c}\" = ?1 WHERE id = ?2"), rusqlite::params![to_sql(value), id])?;
        }
        Slot::Extra(h) => {
            let text: String = conn.query_row("SELECT extra FROM enterprises WHERE id = ?1", [id], |r| r.get(0))?;
            let mut m: Map<String, Json> = serde_json::from_str(&text).unwrap_or_default();
            match value {
                Json::Null => m.remove(h),
                v => m.insert(h.clone(), v.clone()),
            };
            conn.execute("UPDATE enterprises SET extra = ?1 WHERE id = ?2", rusqlite::params![Json::Object(m).to_string(), id])?;
        }
        Slot::Figure(year, c) => {
            conn.execute("INSERT OR IGNORE INTO enterprise_figures(enterprise_id, year) VALUES (?1, ?2)", rusqlite::params![id, year])?;
            conn.execute(
                &format!("UPDATE enterprise_figures SET \"{c}\" = ?1 WHERE enterprise_id = ?2 AND year = ?3"),
                rusqlite::params![to_sql(value), id, year],
            )?;
            conn.execute(
                "DELETE FROM enterprise_figures WHERE enterprise_id = ?1 AND year = ?2 AND revenue_wan IS NULL AND profit_wan IS NULL
                   AND tax_wan IS NULL AND rd_expense_wan IS NULL AND rd_ratio_pct IS NULL AND invention_patents IS NULL",
                rusqlite::params![id, year],
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(e: Json, figures: Json) -> Snapshot {
        serde_json::from_value(serde_json::json!({"enterprise": e, "figures": figures})).unwrap()
    }

    #[test]
    fn slots_that_differ_between_two_states() {
        let a = snap(
            serde_json::json!({"id": 1, "name": "甲", "phone": null, "in_pool": 1, "extra": "{\"规模\":\"中型\"}", "updated_at": "t0"}),
            serde_json::json!([{"enterprise_id": 1, "year": 2022, "revenue_wan": 100.0, "profit_wan": null}]),
        );
        let b = snap(
            serde_json::json!({"id": 1, "name": "甲", "phone": "123", "in_pool": 1, "extra": "{\"规模\":\"大型\",\"网址\":\"x\"}", "updated_at": "t1"}),
            serde_json::json!([{"enterprise_id": 1, "year": 2022, "revenue_wan": 100.0000000001, "profit_wan": 5}, {"enterprise_id": 1, "year": 2023, "revenue_wan": 7}]),
        );
        let got = differing(Some(&a), &b);
        let want = [
            Slot::Column("phone".into()),
            Slot::Extra("网址".into()),
            Slot::Extra("规模".into()),
            Slot::Figure(2022, "profit_wan".into()),
            Slot::Figure(2023, "revenue_wan".into()),
        ];
        assert_eq!(got, want);
        assert_eq!(Slot::Column("in_pool".into()).shown(&Json::from(1)).as_deref(), Some("是"));
        assert_eq!(Slot::Figure(2023, "revenue_wan".into()).label(), "2023年营业收入（万元）");
        assert_eq!(differing(None, &a).len(), 4, "a new enterprise: every entered value");
    }
}
