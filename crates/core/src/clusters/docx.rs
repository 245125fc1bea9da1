//! 一群一策 as a .docx in the official style of 一企一策 (the shared `official_docx` blocks): the
//! cluster's situation and yearly totals, goals, measures, the 产业集群联盟, the 工业诊所
//! diagnoses with the 诊断服务覆盖率, and the list of its enterprises.
use super::plan::{get_plan, ClusterPlan};
use super::totals::{cluster_overview, ClusterOverview};
use crate::error::Result;
use crate::ledger::workflow::date_cn;
use crate::official_docx::{body, grid, heading, official_document, save, table, title, wan};
use crate::store::Store;
use docx_rs::Docx;
use std::collections::BTreeSet;
use std::path::Path;

/// The document's title line.
pub fn plan_title(cluster: &str) -> String {
    format!("{cluster}特色产业集群“一群一策”工作方案")
}

fn pct(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.2}%")).unwrap_or_default()
}

/// A number as people write it: no trailing zeros (12, 3.5).
fn number(v: f64) -> String {
    let t = format!("{v:.2}");
    t.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// 诊断服务覆盖率 as the document says it.
pub fn coverage_line(plan: &ClusterPlan) -> String {
    let c = &plan.coverage;
    let rate = c.pct.map(|p| format!("{}%", number(p))).unwrap_or_else(|| "—（集群暂无企业）".into());
    format!("诊断服务覆盖率：{rate}（已诊断 {} 家 / 集群企业 {} 家；计划诊断 {} 家）", c.done, c.total, c.planned)
}

/// The plan as a Word document.
pub fn plan_document(plan: &ClusterPlan, o: &ClusterOverview) -> Docx {
    let c = &plan.cluster;
    let b = &plan.body;
    let latest = o.years.last();
    let leaders: Vec<_> = o.enterprises.iter().filter(|e| e.is_leader).collect();
    let situation = vec![
        vec!["集群名称".into(), c.name.clone(), "县（市、区）".into(), c.county.clone().unwrap_or_default()],
        vec!["集群企业".into(), format!("{} 家", c.enterprises), "其中“领跑者”企业".into(), format!("{} 家", leaders.len())],
        vec![
            format!("营业收入（万元{}）", latest.map(|y| format!("，{}年", y.year)).unwrap_or_default()),
            wan(latest.and_then(|y| y.revenue_wan)),
            "研发投入占比".into(),
            pct(latest.and_then(|y| y.rd_ratio_pct)),
        ],
    ];
    let mut doc = official_document()
        .add_paragraph(title(&plan_title(&c.name)))
        .add_paragraph(heading("一、集群基本情况"))
        .add_table(grid(&[3, 5, 3, 5], None, situation));
    if !b.note.is_empty() {
        doc = doc.add_paragraph(body(&b.note));
    }
    let years = o.years.iter().map(|y| vec![
        format!("{}年", y.year), y.enterprises.to_string(), wan(y.revenue_wan), wan(y.rd_expense_wan), pct(y.rd_ratio_pct), y.specialized.to_string(),
    ]).collect();
    doc = doc.add_paragraph(body("集群企业主要经济指标（研发投入占比为研发投入合计与营业收入合计之比）："))
        .add_table(table(&[("年度", 3), ("有数据企业（家）", 4), ("营业收入（万元）", 5), ("研发投入（万元）", 5), ("研发投入占比", 4), ("专精特新中小企业（家）", 5)], years));
    let leader_rows = leaders.iter().enumerate().map(|(i, e)| vec![
        (i + 1).to_string(), e.name.clone(), e.leader_level.clone().unwrap_or_default(),
        e.leader_batch.map(|y| format!("{y}年")).unwrap_or_default(), e.listing_stage.clone().unwrap_or_default(),
    ]).collect();
    doc = doc.add_paragraph(body("集群“领跑者”企业："))
        .add_table(table(&[("序号", 3), ("企业名称", 12), ("级别", 3), ("批次", 3), ("上市进度", 4)], leader_rows));

    let goal_years: Vec<i64> = b.goals.iter().flat_map(|g| g.targets.iter().map(|t| t.year)).collect::<BTreeSet<_>>().into_iter().collect();
    let mut goal_cols: Vec<(String, usize)> = vec![("序号".into(), 3), ("目标内容".into(), 12), ("单位".into(), 3)];
    goal_cols.extend(goal_years.iter().map(|y| (format!("{y}年"), 3)));
    let goal_rows = b.goals.iter().enumerate().map(|(i, g)| {
        let mut row = vec![(i + 1).to_string(), g.content.clone(), g.unit.clone()];
        row.extend(goal_years.iter().map(|y| g.targets.iter().find(|t| t.year == *y).map(|t| number(t.value)).unwrap_or_default()));
        row
    }).collect();
    let goal_refs: Vec<(&str, usize)> = goal_cols.iter().map(|(h, w)| (h.as_str(), *w)).collect();
    let measures = b.measures.iter().enumerate()
        .map(|(i, m)| vec![(i + 1).to_string(), m.content.clone(), m.unit.clone(), date_cn(m.deadline.as_deref()), m.status.clone()])
        .collect();
    doc = doc.add_paragraph(heading("二、发展目标"))
        .add_table(table(&goal_refs, goal_rows))
        .add_paragraph(heading("三、重点措施"))
        .add_table(table(&[("序号", 3), ("措施内容", 12), ("责任单位", 6), ("完成时限", 5), ("状态", 3)], measures));

    let a = &b.alliance;
    let alliance = vec![
        vec!["联盟名称".into(), a.name.clone(), "成立时间".into(), date_cn(a.founded_on.as_deref())],
        vec!["盟主企业".into(), a.lead_name.clone(), "成员单位".into(), format!("{} 家", a.members.len())],
    ];
    let members = a.members.iter().enumerate().map(|(i, m)| vec![(i + 1).to_string(), m.name.clone(), m.uscc.clone().unwrap_or_default()]).collect();
    let diagnoses = b.diagnoses.iter().enumerate().map(|(i, d)| vec![
        (i + 1).to_string(), d.name.clone(), date_cn(d.date.as_deref()), if d.done { "已诊断" } else { "计划" }.into(), d.findings.clone(),
    ]).collect();
    let enterprises = o.enterprises.iter().enumerate().map(|(i, e)| vec![
        (i + 1).to_string(), e.name.clone(), e.uscc.clone(), e.county.clone().unwrap_or_default(),
        if e.is_leader { "是" } else { "" }.into(), wan(e.revenue_wan),
    ]).collect();
    doc.add_paragraph(heading("四、产业集群联盟"))
        .add_table(grid(&[3, 5, 3, 5], None, alliance))
        .add_paragraph(body("联盟成员："))
        .add_table(table(&[("序号", 3), ("成员单位", 12), ("统一社会信用代码", 8)], members))
        .add_paragraph(heading("五、工业诊所诊断服务"))
        .add_paragraph(body(&coverage_line(plan)))
        .add_table(table(&[("序号", 3), ("企业", 9), ("日期", 5), ("状态", 3), ("诊断发现与建议", 11)], diagnoses))
        .add_paragraph(heading("六、集群企业名单"))
        .add_table(table(&[("序号", 3), ("企业名称", 11), ("统一社会信用代码", 10), ("县（市、区）", 5), ("领跑者", 3), ("营业收入（万元）", 6)], enterprises))
}

/// Writes the plan of a cluster (saved or, if none, the empty draft with the cluster's figures).
pub fn export_plan(store: &Store, cluster_id: i64, path: &Path) -> Result<()> {
    let plan = get_plan(store, cluster_id)?;
    let overview = cluster_overview(store, cluster_id)?;
    save(plan_document(&plan, &overview), path)
}
