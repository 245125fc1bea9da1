//! The enterprise pool as read by the list page and `pacesetter list enterprises`: one row per
//! enterprise with its latest year's figures, searched, filtered and paged in SQL.
use super::list_filter::filter;
use crate::store::filter::Paging;
use crate::error::Result;
use crate::store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One enterprise in the pool; the keys are the CLI's `list enterprises --json` contract.
/// Figures are those of the latest year on record (`figures_year`).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct EnterpriseRow {
    pub id: i64,
    pub name: String,
    pub uscc: String,
    pub county: Option<String>,
    pub cluster: Option<String>,
    pub legal_rep: Option<String>,
    pub contact: Option<String>,
    pub phone: Option<String>,
    pub registered_capital_wan: Option<f64>,
    pub figures_year: Option<i64>,
    pub revenue_wan: Option<f64>,
    pub profit_wan: Option<f64>,
    pub rd_expense_wan: Option<f64>,
    pub rd_ratio_pct: Option<f64>,
    pub invention_patents: Option<i64>,
    pub target_board: Option<String>,
    pub listing_stage: Option<String>,
    pub specialized: Option<bool>,
    pub little_giant: Option<bool>,
    pub high_tech: Option<bool>,
    pub innovative_sme: Option<bool>,
    pub tier: Option<String>,
    /// In the 上市培育库 now.
    pub in_pool: Option<bool>,
    /// A “领跑者”企业 now.
    pub is_leader: Option<bool>,
}

/// What the list page asks for: free text (name or USCC), a county, a page, and the filters people
/// sort the pool by (all combined with AND; see `list_filter`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct EnterpriseQuery {
    #[ts(optional)]
    pub search: Option<String>,
    #[ts(optional)]
    pub county: Option<String>,
    #[ts(optional)]
    pub cluster: Option<String>,
    /// Qualifications held, every one of them: specialized / little_giant / high_tech /
    /// innovative_sme (or 专精特新, 小巨人, 高新, 创新型).
    #[ts(optional)]
    pub qualifications: Option<Vec<String>>,
    /// With `qualifications`: each held by a certificate valid in this year (on 31 December, or
    /// today for the current year); without it: held now (not revoked, not failed at 复核).
    #[ts(optional)]
    pub qualification_year: Option<i64>,
    /// In the 上市培育库 (true) or not (false: 否 or not filled in).
    #[ts(optional)]
    pub in_pool: Option<bool>,
    /// A “领跑者”企业 (true) or not.
    #[ts(optional)]
    pub leader: Option<bool>,
    /// Recognised as 领跑者 in this year's batch.
    #[ts(optional)]
    pub leader_batch: Option<i64>,
    /// 领跑者级别: 省级 / 市级.
    #[ts(optional)]
    pub leader_level: Option<String>,
    #[ts(optional)]
    pub white_list: Option<bool>,
    #[ts(optional)]
    pub eco_positive: Option<bool>,
    /// 上市进度, any of these (未填 for none).
    #[ts(optional)]
    pub stages: Option<Vec<String>>,
    /// 拟上市板块, any of these (未填 for none).
    #[ts(optional)]
    pub boards: Option<Vec<String>>,
    /// 梯队 (未填 for none).
    #[ts(optional)]
    pub tier: Option<String>,
    /// The year the figure ranges look at; none: each enterprise's latest year.
    #[ts(optional)]
    pub figures_year: Option<i64>,
    /// 营业收入 at least / at most (万元).
    #[ts(optional)]
    pub revenue_min: Option<f64>,
    #[ts(optional)]
    pub revenue_max: Option<f64>,
    /// 研发投入占比 at least / at most (%).
    #[ts(optional)]
    pub rd_ratio_min: Option<f64>,
    #[ts(optional)]
    pub rd_ratio_max: Option<f64>,
    /// No figures recorded for this year.
    #[ts(optional)]
    pub missing_figures: Option<i64>,
    /// 统一社会信用代码 missing or failing its check character.
    #[ts(optional)]
    pub missing_uscc: Option<bool>,
    #[serde(flatten)]
    #[ts(flatten)]
    pub paging: Paging,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct EnterprisePage {
    pub total: i64,
    pub rows: Vec<EnterpriseRow>,
}

/// The page of enterprises is chosen first (filter, order, limit) and only its rows are joined
/// with their latest figures, so a page costs the same with 20 or 20,000 enterprises.
const SELECT_PAGE: &str = "SELECT e.id, e.name, e.uscc, e.county, e.cluster, e.legal_rep, e.contact, e.phone,
        e.registered_capital_wan, f.year, f.revenue_wan, f.profit_wan, f.rd_expense_wan, f.rd_ratio_pct,
        f.invention_patents, e.target_board, e.listing_stage, e.specialized, e.little_giant, e.high_tech,
        e.innovative_sme, e.tier, e.in_pool, e.is_leader
    FROM page e
    LEFT JOIN enterprise_figures f ON f.enterprise_id = e.id
        AND f.year = (SELECT max(year) FROM enterprise_figures g WHERE g.enterprise_id = e.id)
    ORDER BY e.county_sort, e.county, e.id";

fn row_from(r: &rusqlite::Row) -> rusqlite::Result<EnterpriseRow> {
    Ok(EnterpriseRow {
        id: r.get(0)?,
        name: r.get(1)?,
        uscc: r.get(2)?,
        county: r.get(3)?,
        cluster: r.get(4)?,
        legal_rep: r.get(5)?,
        contact: r.get(6)?,
        phone: r.get(7)?,
        registered_capital_wan: r.get(8)?,
        figures_year: r.get(9)?,
        revenue_wan: r.get(10)?,
        profit_wan: r.get(11)?,
        rd_expense_wan: r.get(12)?,
        rd_ratio_pct: r.get(13)?,
        invention_patents: r.get(14)?,
        target_board: r.get(15)?,
        listing_stage: r.get(16)?,
        specialized: r.get(17)?,
        little_giant: r.get(18)?,
        high_tech: r.get(19)?,
        innovative_sme: r.get(20)?,
        tier: r.get(21)?,
        in_pool: r.get(22)?,
        is_leader: r.get(23)?,
    })
}

/// One page of the pool, ordered by county then name.
pub fn list_enterprises(store: &Store, q: &EnterpriseQuery) -> Result<EnterprisePage> {
    let f = filter(&store.conn, q)?;
    let total = f.count(&store.conn, "enterprises e")?;
    let params = f.page_params(&q.paging);
    let where_sql = f.where_sql();
    let sql = format!(
        "WITH page AS (
            SELECT e.*, c.sort AS county_sort
            FROM enterprises e LEFT JOIN counties c ON c.name = e.county{where_sql}
            ORDER BY c.sort, e.county, e.id LIMIT ? OFFSET ?)
         {SELECT_PAGE}"
    );
    let mut stmt = store.conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(params.iter()), row_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(EnterprisePage { total, rows })
}

/// The ids of every enterprise the query matches (all pages), in the list's order: what a batch
/// edit of “全选符合条件的企业” changes.
pub fn matching_ids(store: &Store, q: &EnterpriseQuery) -> Result<Vec<i64>> {
    let f = filter(&store.conn, q)?;
    let sql = format!(
        "SELECT e.id FROM enterprises e LEFT JOIN counties c ON c.name = e.county{} ORDER BY c.sort, e.county, e.id",
        f.where_sql()
    );
    let mut stmt = store.conn.prepare_cached(&sql)?;
    let ids = stmt.query_map(rusqlite::params_from_iter(f.params.iter()), |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(s: &Store, uscc: &str, name: &str, county: &str) {
        s.conn
            .execute(
                "INSERT INTO enterprises(uscc, name, county, created_at, updated_at) VALUES (?1, ?2, ?3, '', '')",
                [uscc, name, county],
            )
            .unwrap();
    }

    #[test]
    fn search_by_name_or_uscc_prefix_and_filter_by_county() {
        let s = Store::open_in_memory().unwrap();
        add(&s, "91130506MA01RRJY81", "河北嘉坤农机装备股份有限公司", "南和区");
        add(&s, "911305067568074885", "南和翔盛农业机械有限公司", "南和区");
        add(&s, "91130528MA08TU9953", "宁晋某某光伏有限公司", "宁晋县");
        let q = |search: Option<&str>, county: Option<&str>| EnterpriseQuery {
            search: search.map(Into::into),
            county: county.map(Into::into),
            ..Default::default()
        };
        assert_eq!(list_enterprises(&s, &q(None, None)).unwrap().total, 3);
        assert_eq!(list_enterprises(&s, &q(Some("农机"), None)).unwrap().total, 1);
        assert_eq!(list_enterprises(&s, &q(Some("91130506"), None)).unwrap().total, 2);
        assert_eq!(list_enterprises(&s, &q(Some("91130506ma"), None)).unwrap().total, 1);
        assert_eq!(list_enterprises(&s, &q(None, Some("宁晋县"))).unwrap().total, 1);
        let page = list_enterprises(&s, &EnterpriseQuery { paging: Paging::new(2, 2), ..Default::default() }).unwrap();
        assert_eq!((page.total, page.rows.len()), (3, 1));
    }
}
