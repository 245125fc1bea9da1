//! The sections of the 工作台, in the order shown; each is one function from the context: measures
//! overdue and due within 30 days, problems overdue and due within 3 days, this period's reports
//! not filled, certificates expiring within 6 months, 入库 n / 30, the latest imports.
use super::{Context, Opens, Section, WorkItem};
use crate::error::Result;
use crate::ledger::query::{problem_from, SELECT_PROBLEM};
use crate::ledger::workflow::OPEN_STATES;
use crate::pool::{pool_count, ListKind};
use crate::tasks::progress::{list_progress, ProgressQuery, TaskUnitStatus, DUE_SOON_DAYS};
use chrono::{Datelike, Duration, NaiveDate};

/// A problem whose deadline is this close (days) is due soon on the 工作台.
pub const PROBLEM_DUE_DAYS: i64 = 3;
/// A certificate ending within this many months shows on the 工作台 (time to apply for 复核).
pub const EXPIRING_MONTHS: u32 = 6;
/// How many of the latest imports are shown.
const LATEST_IMPORTS: usize = 5;

type Build = fn(&Context) -> Result<Section>;

/// Every section, in the order shown.
pub(crate) const SECTIONS: &[Build] =
    &[overdue_measures, due_measures, overdue_problems, due_problems, unfilled_reports, expiring_qualifications, pool, imports];

/// The report period of `today` (its month, as the progress form defaults to).
pub fn period_of(today: NaiveDate) -> String {
    format!("{}-{:02}", today.year(), today.month())
}

fn section(key: &str, title: &str, empty: &str, items: Vec<WorkItem>) -> Section {
    Section { key: key.into(), title: title.into(), empty: empty.into(), items }
}

fn measure_item(m: &TaskUnitStatus, tone: &str, detail: String) -> WorkItem {
    WorkItem {
        title: format!("{}.{} {}", m.action_no, m.measure_no, m.title),
        detail,
        tone: tone.into(),
        date: m.due_date.clone(),
        opens: Opens::Measure { task_id: m.task_id, unit: m.unit.clone() },
    }
}

fn measures_where(ctx: &Context, urgencies: &[&str], tone: &str) -> Vec<WorkItem> {
    let mut rows: Vec<&TaskUnitStatus> = ctx.measures.iter().filter(|m| urgencies.contains(&m.urgency.as_str())).collect();
    rows.sort_by(|a, b| a.due_date.cmp(&b.due_date).then(a.action_no.cmp(&b.action_no)).then(a.measure_no.cmp(&b.measure_no)));
    rows.into_iter()
        .map(|m| {
            let late = if m.urgency == "missed" { "逾期未完成" } else { "" };
            measure_item(m, tone, format!("完成时限：{} · {}{} · {}", m.deadline, m.status, if late.is_empty() { String::new() } else { format!("（{late}）") }, m.unit))
        })
        .collect()
}

fn overdue_measures(ctx: &Context) -> Result<Section> {
    Ok(section("overdue_measures", "逾期的工作措施", "没有逾期的工作措施", measures_where(ctx, &["overdue", "missed"], "danger")))
}

fn due_measures(ctx: &Context) -> Result<Section> {
    let title = format!("{DUE_SOON_DAYS} 天内到期的工作措施");
    Ok(section("due_measures", &title, &format!("{DUE_SOON_DAYS} 天内没有到期的工作措施"), measures_where(ctx, &["due_soon"], "warning")))
}

/// Open problems (of the county, or all for the city) due on or before `until`, earliest first.
fn open_problems(ctx: &Context, from: Option<NaiveDate>, until: NaiveDate, tone: &str) -> Result<Vec<WorkItem>> {
    let sql = format!(
        "{SELECT_PROBLEM} WHERE p.state IN (?1, ?2) AND p.deadline IS NOT NULL AND p.deadline <= ?3
           AND (?4 IS NULL OR p.deadline >= ?4) AND (?5 IS NULL OR e.county = ?5)
         ORDER BY p.deadline, p.id"
    );
    let mut stmt = ctx.store.conn.prepare_cached(&sql)?;
    let params = rusqlite::params![OPEN_STATES[0], OPEN_STATES[1], until.to_string(), from.map(|d| d.to_string()), ctx.county];
    let problems = stmt.query_map(params, problem_from)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(problems
        .into_iter()
        .map(|p| {
            let unit = p.lead_unit.as_deref().map(|u| format!(" · 牵头：{u}")).unwrap_or_default();
            WorkItem {
                title: format!("{}：{}", p.enterprise_name, p.description),
                detail: format!("{} · {}{unit}", p.county.as_deref().unwrap_or("未填县区"), p.state),
                tone: tone.into(),
                date: p.deadline.clone(),
                opens: Opens::Problem { problem_id: p.id },
            }
        })
        .collect())
}

fn overdue_problems(ctx: &Context) -> Result<Section> {
    let items = open_problems(ctx, None, ctx.today - Duration::days(1), "danger")?;
    Ok(section("overdue_problems", "逾期未办结的问题", "没有逾期未办结的问题", items))
}

fn due_problems(ctx: &Context) -> Result<Section> {
    let items = open_problems(ctx, Some(ctx.today), ctx.today + Duration::days(PROBLEM_DUE_DAYS), "warning")?;
    let title = format!("{PROBLEM_DUE_DAYS} 天内到期的问题");
    Ok(section("due_problems", &title, &format!("{PROBLEM_DUE_DAYS} 天内没有到期的问题"), items))
}

/// Certificates of the county's enterprises (all for the city) that end within
/// [`EXPIRING_MONTHS`] months, soonest first; each opens its enterprise.
fn expiring_qualifications(ctx: &Context) -> Result<Section> {
    let items = crate::qualifications::expiring(ctx.store, ctx.today, EXPIRING_MONTHS)?
        .into_iter()
        .filter(|q| ctx.county.is_none() || q.county == ctx.county)
        .map(|q| {
            let review = if q.reviewed { "，请提醒企业申请复核" } else { "" };
            WorkItem {
                title: format!("{}：{}（{}）", q.enterprise_name, q.kind, q.level),
                detail: format!("{} · 还有 {} 天到期{review}", q.county.as_deref().unwrap_or("未填县区"), q.days_left),
                tone: if q.days_left <= 30 { "danger" } else { "warning" }.into(),
                date: Some(q.ends_on),
                opens: Opens::Enterprise { enterprise_id: q.enterprise_id },
            }
        })
        .collect();
    let title = format!("{EXPIRING_MONTHS} 个月内到期的资质");
    Ok(section("expiring_qualifications", &title, &format!("{EXPIRING_MONTHS} 个月内没有到期的资质证书"), items))
}

/// The unit's measures not done that have no report for this month (none once the plan ended and
/// was not reopened: nothing can be reported then).
fn unfilled_reports(ctx: &Context) -> Result<Section> {
    let period = period_of(ctx.today);
    let title = format!("本期（{period}）未填报的进展");
    if !crate::work_plans::get_plan(ctx.store, ctx.plan_id)?.editable {
        return Ok(section("unfilled_reports", &title, "工作方案已结束（只读），不再填报进展", Vec::new()));
    }
    let unit = ctx.measures.first().map(|m| m.unit.clone());
    let filled: Vec<i64> = match &unit {
        Some(u) => list_progress(ctx.store, &ProgressQuery { plan_id: Some(ctx.plan_id), unit: Some(u.clone()), period: Some(period.clone()), ..Default::default() })?
            .into_iter()
            .map(|p| p.task_id)
            .collect(),
        None => Vec::new(),
    };
    let items = ctx
        .measures
        .iter()
        .filter(|m| m.urgency != "done" && !filled.contains(&m.task_id))
        .map(|m| measure_item(m, "info", format!("{} 尚未填报 {period} 进展 · 最近：{}", m.unit, m.status)))
        .collect();
    Ok(section("unfilled_reports", &title, "本期进展都已填报", items))
}

fn pool(ctx: &Context) -> Result<Section> {
    let c = pool_count(ctx.store)?;
    let own = match &ctx.county {
        Some(county) => {
            let n: i64 = ctx.store.conn.query_row("SELECT count(*) FROM enterprises WHERE in_pool = 1 AND county = ?1", [county], |r| r.get(0))?;
            format!("，其中{county} {n} 家")
        }
        None => String::new(),
    };
    let tone = if c.in_pool < c.target { "warning" } else { "info" };
    let item = WorkItem {
        title: format!("上市培育库 入库 {} / {}", c.in_pool, c.target),
        detail: format!("{}{own}；“领跑者”企业 {} 家", c.basis, c.leaders),
        tone: tone.into(),
        date: None,
        opens: Opens::List { list: ListKind::Pool },
    };
    Ok(section("pool", "上市培育库", "", vec![item]))
}

fn imports(ctx: &Context) -> Result<Section> {
    let items = crate::enterprise::import::list_imports(ctx.store)?
        .into_iter()
        .take(LATEST_IMPORTS)
        .map(|r| {
            let undone = if r.undone_at.is_some() { "（已撤销）" } else { "" };
            WorkItem {
                title: format!("{}{undone}", r.file_name),
                detail: format!("新增 {} 条，更新 {} 条，未变 {} 条，拒绝 {} 行 · {}", r.inserted, r.updated, r.unchanged, r.rejected, r.operator),
                tone: "info".into(),
                date: Some(r.created_at.clone()),
                opens: Opens::Import { import_id: r.id },
            }
        })
        .collect();
    Ok(section("imports", "最近的导入", "还没有导入记录", items))
}
