//! The evaluation report as an official Word document: title, the four sections with their
//! tables, and a closing line with the date it was judged on.
use super::{number, with_unit, EvaluationReport};
use crate::official_docx::{body, heading, official_document, save, table, title};
use crate::error::Result;
use crate::ledger::workflow::date_cn;
use std::path::Path;

/// 一、主要目标完成情况 for the whole period: milestones of the stock and ratio indicators, then
/// the yearly indicators year by year with their totals.
fn targets_whole(r: &EvaluationReport) -> Vec<docx_rs::Table> {
    let milestones: Vec<i64> = r.years.iter().copied().filter(|y| r.indicators.iter().any(|i| i.figures.iter().any(|f| f.year == *y && f.milestone))).collect();
    let mut head: Vec<(String, usize)> = vec![("指标".into(), 8), ("单位".into(), 2)];
    for y in &milestones {
        head.push((format!("{y}年目标"), 3));
        head.push((format!("{y}年完成"), 3));
    }
    head.push(("完成情况".into(), 4));
    let stock = r.indicators.iter().filter(|i| !i.per_year).map(|i| {
        let mut row = vec![i.name.clone(), i.unit.clone()];
        for y in &milestones {
            let f = i.figures.iter().find(|f| f.year == *y && f.milestone);
            row.push(f.map(|f| number(f.target)).unwrap_or_else(|| "—".into()));
            row.push(f.map(|f| number(f.actual)).unwrap_or_else(|| "—".into()));
        }
        let last = i.figures.iter().rev().find(|f| f.milestone).or(i.figures.last());
        row.push(last.map(|f| f.status_label.clone()).unwrap_or_default());
        row
    });
    let head_refs: Vec<(&str, usize)> = head.iter().map(|(h, w)| (h.as_str(), *w)).collect();
    let first = table(&head_refs, stock.collect());

    let mut head: Vec<(String, usize)> = vec![("指标".into(), 7), ("每年目标".into(), 3)];
    head.extend(r.years.iter().map(|y| (format!("{y}年"), 3)));
    head.push(("累计完成/累计目标".into(), 4));
    head.push(("完成情况".into(), 4));
    let yearly = r.indicators.iter().filter(|i| i.per_year).map(|i| {
        let mut row = vec![i.name.clone(), with_unit(i.yearly_target, &i.unit)];
        row.extend(r.years.iter().map(|y| number(i.figures.iter().find(|f| f.year == *y).and_then(|f| f.actual))));
        row.push(format!("{}/{}", number(i.total_actual), number(i.total_target)));
        row.push(i.total_status.clone());
        row
    });
    let head_refs: Vec<(&str, usize)> = head.iter().map(|(h, w)| (h.as_str(), *w)).collect();
    vec![first, table(&head_refs, yearly.collect())]
}

/// 一、主要目标完成情况 for one year.
fn targets_year(r: &EvaluationReport) -> docx_rs::Table {
    let rows = r.indicators.iter().map(|i| {
        let f = i.figures.first();
        let pct = f.and_then(|f| f.actual.zip(f.target)).filter(|(_, t)| *t > 0.0).map(|(a, t)| format!("{:.0}%", a / t * 100.0));
        vec![
            i.name.clone(),
            i.unit.clone(),
            number(f.and_then(|f| f.target)),
            number(f.and_then(|f| f.actual)),
            pct.unwrap_or_else(|| "—".into()),
            f.map(|f| f.status_label.clone()).unwrap_or_default(),
            i.source.clone(),
        ]
    });
    table(&[("指标", 8), ("单位", 2), ("目标值", 3), ("完成值", 3), ("完成进度", 3), ("状态", 3), ("数据来源", 3)], rows.collect())
}

fn summary_line(r: &EvaluationReport) -> String {
    let met = r.indicators.iter().filter(|i| i.figures.last().is_some_and(|f| f.status_label == "已达标")).count();
    let done = r.measures.iter().filter(|m| m.status == "已完成").count();
    format!(
        "{}，《{}》共设主要目标指标 {} 项，截至{}已达标 {} 项；重点任务 {} 条，已完成 {} 条。",
        r.scope_label,
        r.plan.title,
        r.indicators.len(),
        date_cn(Some(&r.as_of)),
        met,
        r.measures.len(),
        done
    )
}

/// Writes `r` to `path` (.docx).
pub fn write(r: &EvaluationReport, path: &Path) -> Result<()> {
    let mut doc = official_document().add_paragraph(title(&r.title)).add_paragraph(body(&summary_line(r)));
    doc = doc.add_paragraph(heading("一、主要目标完成情况"));
    if r.whole {
        for t in targets_whole(r) {
            doc = doc.add_table(t).add_paragraph(body(""));
        }
    } else {
        doc = doc.add_table(targets_year(r));
    }
    let measures = r.measures.iter().map(|m| {
        vec![
            format!("{}.{}", m.action_no, m.measure_no),
            m.title.clone(),
            m.lead_unit.clone(),
            m.deadline.clone(),
            format!("{}（{}/{}个单位）", m.status, m.units_done, m.units_total),
            if m.progress.is_empty() { "尚无进展填报".into() } else { m.progress.join("\n") },
        ]
    });
    doc = doc
        .add_paragraph(heading("二、重点任务落实情况"))
        .add_table(table(&[("序号", 3), ("工作措施", 5), ("牵头单位", 5), ("完成时限", 3), ("落实情况", 5), ("进展", 11)], measures.collect()));
    let mut head: Vec<(String, usize)> = vec![("县（市、区）".into(), 4), ("企业数".into(), 2)];
    head.extend(r.county_indicators.iter().map(|(n, u)| (format!("{n}（{u}）"), 3)));
    head.push(("措施已完成".into(), 3));
    let counties = r.counties.iter().map(|c| {
        let mut row = vec![c.county.clone(), c.enterprises.to_string()];
        row.extend(c.values.iter().map(|v| number(*v)));
        row.push(format!("{}/{}", c.measures_done, c.measures_total));
        row
    });
    let head_refs: Vec<(&str, usize)> = head.iter().map(|(h, w)| (h.as_str(), *w)).collect();
    doc = doc.add_paragraph(heading("三、分县区情况")).add_table(table(&head_refs, counties.collect()));
    let l = &r.ledger;
    let ledger_text = format!(
        "{}共征集企业问题 {} 件，已办结 {} 件（其中销号 {} 件），正在办理 {} 件，退回 {} 件，办结率 {}。",
        r.scope_label,
        l.total,
        l.closed,
        l.confirmed,
        l.open,
        l.returned,
        l.close_rate_pct.map(|p| format!("{}%", number(Some(p)))).unwrap_or_else(|| "—".into())
    );
    let categories = l.by_category.iter().map(|(c, n)| vec![c.clone(), n.to_string()]).collect();
    doc = doc
        .add_paragraph(heading("四、问题台账办理情况"))
        .add_paragraph(body(&ledger_text))
        .add_table(table(&[("问题类别", 6), ("件数", 3)], categories))
        .add_paragraph(body(""))
        .add_paragraph(body(&format!("（统计日期：{}。企业库计算的指标按统计日期的企业库数据计算。）", date_cn(Some(&r.as_of)))));
    save(doc, path)
}
