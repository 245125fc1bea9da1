//! The enterprise pool as the targets dashboard reads it: flags, qualification certificates, yearly
//! figures, the entered 股改/上市 dates and listing-stage history, loaded once from the store and
//! filtered in memory.
use super::TargetQuery;
use crate::error::Result;
use crate::store::Store;
use crate::qualifications::Validity;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// One enterprise's figures for one year (blank cells stay `None`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub revenue_wan: Option<f64>,
    pub rd_expense_wan: Option<f64>,
    pub invention_patents: Option<i64>,
}

/// A qualification as its certificates have it (回收站 ones left out).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Qualification {
    pub certificates: Vec<Validity>,
}

impl Qualification {
    /// The certificate that makes it count in `year` (valid on the year's reference day; see
    /// `crate::qualifications`), the latest obtained if several.
    pub fn valid_in(&self, year: i64, today: NaiveDate) -> Option<&Validity> {
        self.certificates.iter().filter(|c| c.valid_in(year, today)).max_by_key(|c| c.obtained_on.clone())
    }
}

/// One recorded change of 上市进度 (`at` is local ISO time).
#[derive(Debug, Clone, PartialEq)]
pub struct StageChange {
    pub at: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl StageChange {
    pub fn year(&self) -> Option<i64> {
        self.at.get(0..4).and_then(|y| y.parse().ok())
    }
}

/// The year of an entered date (its first four digits), if it has one.
pub fn date_year(date: Option<&str>) -> Option<i64> {
    date.and_then(|d| d.trim().get(0..4)).and_then(|y| y.parse().ok())
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PoolEnterprise {
    pub uscc: String,
    pub name: String,
    pub county: Option<String>,
    pub cluster: Option<String>,
    pub in_pool: Option<bool>,
    pub is_leader: Option<bool>,
    pub listing_stage: Option<String>,
    /// 拟上市板块 / 上市板块 (新三板 does not count as listed).
    pub target_board: Option<String>,
    /// 股改完成时间 and 上市时间 as entered (ISO: 2025, 2025-06 or 2025-06-15).
    pub reform_date: Option<String>,
    pub listed_date: Option<String>,
    pub specialized: Qualification,
    pub little_giant: Qualification,
    pub high_tech: Qualification,
    pub innovative_sme: Qualification,
    pub figures: BTreeMap<i64, Figures>,
    /// In time order.
    pub stages: Vec<StageChange>,
}

impl PoolEnterprise {
    pub fn in_scope(&self, scope: &TargetQuery) -> bool {
        let matches = |want: &Option<String>, have: &Option<String>| {
            want.as_deref().map(str::trim).filter(|w| !w.is_empty()).is_none_or(|w| have.as_deref() == Some(w))
        };
        matches(&scope.county, &self.county) && matches(&scope.cluster, &self.cluster)
    }
}

/// Every enterprise with its figures and stage history, in county/name order.
pub fn load(store: &Store) -> Result<Vec<PoolEnterprise>> {
    let conn = &store.conn;
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.uscc, e.name, e.county, e.cluster, e.in_pool, e.is_leader, e.listing_stage,
                e.target_board, e.reform_date, e.listed_date
         FROM enterprises e LEFT JOIN counties c ON c.name = e.county
         ORDER BY c.sort IS NULL, c.sort, e.name",
    )?;
    let mut ids = BTreeMap::new();
    let mut pool: Vec<PoolEnterprise> = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                PoolEnterprise {
                    uscc: r.get(1)?,
                    name: r.get(2)?,
                    county: r.get(3)?,
                    cluster: r.get(4)?,
                    in_pool: r.get(5)?,
                    is_leader: r.get(6)?,
                    listing_stage: r.get(7)?,
                    target_board: r.get(8)?,
                    reform_date: r.get(9)?,
                    listed_date: r.get(10)?,
                    ..Default::default()
                },
            ))
        })?
        .enumerate()
        .map(|(i, row)| {
            row.map(|(id, e)| {
                ids.insert(id, i);
                e
            })
        })
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT enterprise_id, year, revenue_wan, rd_expense_wan, invention_patents FROM enterprise_figures",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = ids.get(&r.get::<_, i64>(0)?) {
            let f = Figures { revenue_wan: r.get(2)?, rd_expense_wan: r.get(3)?, invention_patents: r.get(4)? };
            pool[i].figures.insert(r.get(1)?, f);
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT q.enterprise_id, k.summary, q.obtained_on, q.valid_until, q.revoked_on, q.review_on, q.review_result
         FROM qualifications q JOIN qualification_kinds k ON k.name = q.kind
         WHERE k.summary IS NOT NULL AND q.deleted_at IS NULL ORDER BY q.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(&i) = ids.get(&r.get::<_, i64>(0)?) else { continue };
        let v = Validity { obtained_on: r.get(2)?, valid_until: r.get(3)?, revoked_on: r.get(4)?, review_on: r.get(5)?, review_result: r.get(6)? };
        let e = &mut pool[i];
        let q = match r.get::<_, String>(1)?.as_str() {
            "specialized" => &mut e.specialized,
            "little_giant" => &mut e.little_giant,
            "high_tech" => &mut e.high_tech,
            _ => &mut e.innovative_sme,
        };
        q.certificates.push(v);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT enterprise_id, at, old_stage, new_stage FROM listing_stage_history ORDER BY at, id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = ids.get(&r.get::<_, i64>(0)?) {
            pool[i].stages.push(StageChange { at: r.get(1)?, old: r.get(2)?, new: r.get(3)? });
        }
    }
    Ok(pool)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_changes_are_kept_by_the_trigger() {
        let s = Store::open_in_memory().unwrap();
        s.conn
            .execute_batch(
                "INSERT INTO enterprises(id, uscc, name, county, listing_stage, specialized_year, created_at, updated_at)
                   VALUES (1, 'U1', '甲', '南和区', '股改中', 2023, 't', 't');
                 UPDATE enterprises SET listing_stage = '已股改' WHERE id = 1;
                 UPDATE enterprises SET name = '乙' WHERE id = 1;
                 INSERT INTO enterprise_figures(enterprise_id, year, revenue_wan, rd_expense_wan) VALUES (1, 2024, 100, 3);",
            )
            .unwrap();
        let pool = load(&s).unwrap();
        assert_eq!(pool.len(), 1);
        let e = &pool[0];
        let stages: Vec<_> = e.stages.iter().map(|c| (c.old.as_deref(), c.new.as_deref())).collect();
        assert_eq!(stages, vec![(None, Some("股改中")), (Some("股改中"), Some("已股改"))]);
        let today = crate::qualifications::today();
        assert!(e.specialized.valid_in(2024, today).is_some(), "a year with the flag blank became a certificate");
        assert!(e.specialized.valid_in(2022, today).is_none(), "not yet obtained");
        assert!(e.little_giant.valid_in(2024, today).is_none());
        assert_eq!(e.figures[&2024].rd_expense_wan, Some(3.0));
        assert!(e.in_scope(&TargetQuery { county: Some("南和区".into()), ..Default::default() }));
        assert!(!e.in_scope(&TargetQuery { county: Some("清河县".into()), ..Default::default() }));
    }
}
