//! Reading the ledger: problems filtered by plan, state, unit, county, category, measure, overdue and paged in
//! SQL; counts and 办结率 per lead unit and per county.
use super::workflow::{self, CLOSED_STATES};
use super::{today, Problem};
use crate::store::filter::Paging;
use crate::error::Result;
use crate::store::filter::{given, Filter};
use crate::store::Store;
use chrono::NaiveDate;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub(crate) const SELECT_PROBLEM: &str = "SELECT p.id, p.enterprise_id, e.name, e.uscc, e.county, p.source, p.category,
        p.description, p.received_on, p.state, p.lead_unit, p.co_units, p.assigned_on, p.deadline, p.result,
        p.closed_on, p.satisfaction, p.return_reason, p.updated_at, p.task_id,
        (SELECT t.action_no || '.' || t.measure_no || ' ' || t.title FROM tasks t WHERE t.id = p.task_id), p.plan_id
    FROM problems p JOIN enterprises e ON e.id = p.enterprise_id";

pub(crate) fn problem_from(r: &rusqlite::Row) -> rusqlite::Result<Problem> {
    let state: String = r.get(9)?;
    let deadline: Option<String> = r.get(13)?;
    let due = deadline.as_deref().and_then(|d| d.parse().ok());
    let co: String = r.get(11)?;
    let category: String = r.get(6)?;
    Ok(Problem {
        id: r.get(0)?,
        enterprise_id: r.get(1)?,
        enterprise_name: r.get(2)?,
        uscc: r.get(3)?,
        county: r.get(4)?,
        source: r.get(5)?,
        default_deadline: workflow::default_deadline(&category, today()).to_string(),
        category,
        description: r.get(7)?,
        received_on: r.get(8)?,
        light: workflow::light(&state, due, today()).to_string(),
        actions: workflow::allowed_actions(&state).into_iter().map(String::from).collect(),
        state,
        lead_unit: r.get(10)?,
        co_units: serde_json::from_str(&co).unwrap_or_default(),
        assigned_on: r.get(12)?,
        deadline,
        result: r.get(14)?,
        closed_on: r.get(15)?,
        satisfaction: r.get(16)?,
        return_reason: r.get(17)?,
        updated_at: r.get(18)?,
        task_id: r.get(19)?,
        task_label: r.get(20)?,
        plan_id: r.get(21)?,
    })
}

/// Filters of the ledger page; all optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProblemQuery {
    #[ts(optional)]
    pub state: Option<String>,
    /// Lead unit or co-unit.
    #[ts(optional)]
    pub unit: Option<String>,
    #[ts(optional)]
    pub county: Option<String>,
    #[ts(optional)]
    pub category: Option<String>,
    /// Only problems past their deadline and not yet 办结.
    #[ts(optional)]
    pub overdue: Option<bool>,
    #[ts(optional)]
    pub enterprise_id: Option<i64>,
    /// Only problems linked to this measure.
    #[ts(optional)]
    pub task_id: Option<i64>,
    /// Only problems registered under this work plan.
    #[ts(optional)]
    pub plan_id: Option<i64>,
    #[serde(flatten)]
    #[ts(flatten)]
    pub paging: Paging,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ProblemPage {
    pub total: i64,
    pub rows: Vec<Problem>,
}

/// Counts for one lead unit or one county.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct LedgerStat {
    pub name: String,
    pub total: i64,
    /// 交办 or 对接服务.
    pub open: i64,
    /// 办结 or 销号.
    pub closed: i64,
    pub confirmed: i64,
    pub overdue: i64,
    /// closed / total × 100; none when total is 0.
    pub close_rate_pct: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct LedgerStats {
    pub all: LedgerStat,
    pub by_unit: Vec<LedgerStat>,
    pub by_county: Vec<LedgerStat>,
}

const OVERDUE_SQL: &str = "(p.state IN ('交办', '对接服务') AND p.deadline < ?)";

fn filter(q: &ProblemQuery) -> Filter {
    let mut f = Filter::default();
    f.text("p.state = ?", given(&q.state));
    if let Some(u) = given(&q.unit) {
        f.add(
            "(p.lead_unit = ? OR EXISTS (SELECT 1 FROM json_each(p.co_units) WHERE value = ?))",
            [Value::Text(u.to_string()), Value::Text(u.to_string())],
        );
    }
    f.text("e.county = ?", given(&q.county));
    f.text("p.category = ?", given(&q.category));
    if q.overdue == Some(true) {
        f.add(OVERDUE_SQL, [Value::Text(today().to_string())]);
    }
    if let Some(id) = q.enterprise_id {
        f.add("p.enterprise_id = ?", [Value::Integer(id)]);
    }
    if let Some(id) = q.task_id {
        f.add("p.task_id = ?", [Value::Integer(id)]);
    }
    if let Some(id) = q.plan_id {
        f.add("p.plan_id = ?", [Value::Integer(id)]);
    }
    f
}

/// One page of the ledger, newest received first.
pub fn list_problems(store: &Store, q: &ProblemQuery) -> Result<ProblemPage> {
    let f = filter(q);
    let total = f.count(&store.conn, "problems p JOIN enterprises e ON e.id = p.enterprise_id")?;
    let params = f.page_params(&q.paging);
    let where_sql = f.where_sql();
    let sql = format!("{SELECT_PROBLEM}{where_sql} ORDER BY p.received_on DESC, p.id DESC LIMIT ? OFFSET ?");
    let mut stmt = store.conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(params.iter()), problem_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ProblemPage { total, rows })
}

/// Which problems the counts cover: a plan's (all plans' when `None`), received by a day (any
/// day when `None`), overdue as of `as_of`.
struct StatScope {
    plan_id: Option<i64>,
    received_by: Option<NaiveDate>,
    as_of: NaiveDate,
}

fn stats_by(store: &Store, key_sql: &str, order_sql: &str, scope: &StatScope) -> Result<Vec<LedgerStat>> {
    let closed = CLOSED_STATES.map(|s| format!("'{s}'")).join(", ");
    let sql = format!(
        "SELECT {key_sql} AS k, count(*),
                sum(p.state IN ('交办', '对接服务')),
                sum(p.state IN ({closed})),
                sum(p.state = '销号'),
                sum({OVERDUE_SQL})
         FROM problems p JOIN enterprises e ON e.id = p.enterprise_id
         WHERE {key_sql} IS NOT NULL AND (?2 IS NULL OR p.plan_id = ?2) AND (?3 IS NULL OR p.received_on <= ?3)
         GROUP BY k ORDER BY {order_sql}"
    );
    let mut stmt = store.conn.prepare_cached(&sql)?;
    let params = rusqlite::params![scope.as_of.to_string(), scope.plan_id, scope.received_by.map(|d| d.to_string())];
    let rows = stmt.query_map(params, |r| {
        Ok(stat(r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn stat(name: String, total: i64, open: i64, closed: i64, confirmed: i64, overdue: i64) -> LedgerStat {
    let close_rate_pct = (total > 0).then(|| (closed as f64 * 1000.0 / total as f64).round() / 10.0);
    LedgerStat { name, total, open, closed, confirmed, overdue, close_rate_pct }
}

/// Counts and 办结率 of all problems, per lead unit (problems assigned) and per county.
pub fn ledger_stats(store: &Store) -> Result<LedgerStats> {
    let scope = StatScope { plan_id: None, received_by: None, as_of: today() };
    let by_unit = stats_by(store, "p.lead_unit", "count(*) DESC, k", &scope)?;
    let by_county = stats_by(store, "e.county", COUNTY_ORDER, &scope)?;
    let all = stats_by(store, "'合计'", "k", &scope)?
        .into_iter()
        .next()
        .unwrap_or_else(|| stat("合计".into(), 0, 0, 0, 0, 0));
    Ok(LedgerStats { all, by_unit, by_county })
}

const COUNTY_ORDER: &str = "(SELECT sort FROM counties c WHERE c.name = e.county), k";

/// Counts and 办结率 per county of the problems of plan `plan_id` received by `as_of`, overdue
/// as of `as_of` (the 考核 of a year judges them at its end).
pub fn county_stats(store: &Store, plan_id: i64, as_of: NaiveDate) -> Result<Vec<LedgerStat>> {
    let scope = StatScope { plan_id: Some(plan_id), received_by: Some(as_of), as_of };
    stats_by(store, "e.county", COUNTY_ORDER, &scope)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{new_problem, store_with_two};
    use super::super::*;
    use super::*;

    fn assign(s: &mut Store, id: i64, unit: &str, deadline: &str) {
        let input = AssignInput { lead_unit: unit.into(), co_units: vec!["市工业和信息化局".into()], deadline: Some(deadline.into()) };
        assign_problem(s, id, &input).unwrap();
    }

    fn serve_and_close(s: &mut Store, id: i64) {
        serve_problem(s, id, &ServeInput { date: None, unit: "市金融工作局".into(), content: "对接".into() }).unwrap();
        close_problem(s, id, &CloseInput { result: "解决".into(), closed_on: None, satisfaction: "基本满意".into() }).unwrap();
    }

    #[test]
    fn filters_overdue_and_rates_per_unit_and_county() {
        let (mut s, a, b) = store_with_two();
        let p1 = new_problem(&mut s, a, "融资");
        let p2 = new_problem(&mut s, a, "用地");
        let p3 = new_problem(&mut s, b, "融资");
        let _p4 = new_problem(&mut s, b, "技术");
        let far = (today() + chrono::Duration::days(40)).to_string();
        assign(&mut s, p1.id, "市金融工作局", &far);
        assign(&mut s, p2.id, "市自然资源和规划局", &far);
        assign(&mut s, p3.id, "市金融工作局", &far);
        // p2's deadline passes: moved back in the store as time would.
        s.conn.execute("UPDATE problems SET deadline = '2020-01-01' WHERE id = ?1", [p2.id]).unwrap();
        serve_and_close(&mut s, p1.id);

        let count = |q: ProblemQuery| list_problems(&s, &q).unwrap().total;
        assert_eq!(count(ProblemQuery::default()), 4);
        assert_eq!(count(ProblemQuery { overdue: Some(true), ..Default::default() }), 1);
        assert_eq!(count(ProblemQuery { unit: Some("市金融工作局".into()), ..Default::default() }), 2);
        assert_eq!(count(ProblemQuery { unit: Some("市工业和信息化局".into()), ..Default::default() }), 3);
        assert_eq!(count(ProblemQuery { county: Some("宁晋县".into()), ..Default::default() }), 2);
        assert_eq!(count(ProblemQuery { category: Some("融资".into()), state: Some("办结".into()), ..Default::default() }), 1);
        let page = list_problems(&s, &ProblemQuery { enterprise_id: Some(a), paging: Paging::new(1, 1), ..Default::default() }).unwrap();
        assert_eq!((page.total, page.rows.len()), (2, 1));
        let overdue = list_problems(&s, &ProblemQuery { overdue: Some(true), ..Default::default() }).unwrap();
        assert_eq!(overdue.rows[0].light, "overdue");

        let st = ledger_stats(&s).unwrap();
        assert_eq!(st.all, LedgerStat { name: "合计".into(), total: 4, open: 2, closed: 1, confirmed: 0, overdue: 1, close_rate_pct: Some(25.0) });
        let fin = st.by_unit.iter().find(|u| u.name == "市金融工作局").unwrap();
        assert_eq!((fin.total, fin.closed, fin.close_rate_pct), (2, 1, Some(50.0)));
        let land = st.by_unit.iter().find(|u| u.name == "市自然资源和规划局").unwrap();
        assert_eq!((land.overdue, land.close_rate_pct), (1, Some(0.0)));
        assert_eq!(st.by_county.len(), 2);
        let nanhe = st.by_county.iter().find(|c| c.name == "南和区").unwrap();
        assert_eq!((nanhe.total, nanhe.closed, nanhe.close_rate_pct), (2, 1, Some(50.0)));

        serve_and_close(&mut s, p3.id);
        confirm_problem(&mut s, p3.id).unwrap();
        let fin = ledger_stats(&s).unwrap().by_unit.into_iter().find(|u| u.name == "市金融工作局").unwrap();
        assert_eq!((fin.closed, fin.confirmed, fin.close_rate_pct), (2, 1, Some(100.0)));
    }
}
