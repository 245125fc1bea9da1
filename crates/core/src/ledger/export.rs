//! The problem ledger as the official .xlsx sheet (问题台账): merged title, 黑体 header repeated on
//! every printed page, 仿宋 body with borders, A4 landscape one page wide, page numbers.
use super::query::{list_problems, ProblemQuery};
use super::problem_detail;
use super::workflow::date_cn;
use crate::store::filter::Paging;
use crate::error::Result;
use crate::store::Store;
use crate::sheet::write::{self, display_width, Footer};
use rust_xlsxwriter::{FormatAlign, Workbook};
use std::path::Path;

pub const LEDGER_TITLE: &str = "邢台市特色产业集群“领跑者”企业问题台账";

/// Header and (min, max) width in characters of each column.
const COLUMNS: [(&str, f64, f64); 15] = [
    ("序号", 5.0, 6.0),
    ("县（市、区）", 10.0, 12.0),
    ("企业名称", 16.0, 28.0),
    ("问题来源", 8.0, 10.0),
    ("问题类别", 8.0, 10.0),
    ("问题描述", 20.0, 36.0),
    ("收集日期", 12.0, 16.0),
    ("牵头单位", 12.0, 20.0),
    ("配合单位", 12.0, 24.0),
    ("办理时限", 12.0, 16.0),
    ("对接服务情况", 20.0, 36.0),
    ("办理结果", 14.0, 28.0),
    ("办结日期", 12.0, 16.0),
    ("企业满意度", 8.0, 10.0),
    ("办理状态", 8.0, 10.0),
];

fn light_label(light: &str) -> &'static str {
    match light {
        "overdue" => "（已超期）",
        "due_soon" => "（即将到期）",
        _ => "",
    }
}

/// The rows of the sheet, one per problem (filtered by `q`), as text cells in COLUMNS order.
pub fn ledger_rows(store: &Store, q: &ProblemQuery) -> Result<Vec<Vec<String>>> {
    let page = list_problems(store, &ProblemQuery { paging: Paging::default(), ..q.clone() })?;
    let mut rows = Vec::with_capacity(page.rows.len());
    for (i, p) in page.rows.iter().enumerate() {
        let progress = problem_detail(store, p.id)?
            .progress
            .iter()
            .map(|e| format!("{} {}：{}", date_cn(Some(&e.date)), e.unit, e.content))
            .collect::<Vec<_>>()
            .join("\n");
        rows.push(vec![
            (i + 1).to_string(),
            p.county.clone().unwrap_or_default(),
            p.enterprise_name.clone(),
            p.source.clone(),
            p.category.clone(),
            p.description.clone(),
            date_cn(Some(&p.received_on)),
            p.lead_unit.clone().unwrap_or_default(),
            p.co_units.join("、"),
            date_cn(p.deadline.as_deref()),
            progress,
            p.result.clone().or_else(|| p.return_reason.as_ref().map(|r| format!("退回：{r}"))).unwrap_or_default(),
            date_cn(p.closed_on.as_deref()),
            p.satisfaction.clone().unwrap_or_default(),
            format!("{}{}", p.state, light_label(&p.light)),
        ]);
    }
    Ok(rows)
}

/// Writes the ledger (all problems, or those `q` selects) to `path`.
pub fn export_ledger(store: &Store, path: &Path, q: &ProblemQuery) -> Result<usize> {
    let rows = ledger_rows(store, q)?;
    let title = write::title();
    let header = write::header();
    let body = write::body();
    let center = write::body().set_align(FormatAlign::Center);

    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("问题台账")?;
    write::official_page(ws, 0.6, Footer::PageOfTotal);
    let last = COLUMNS.len() as u16 - 1;
    ws.merge_range(0, 0, 0, last, LEDGER_TITLE, &title)?;
    ws.set_row_height(0, 40)?;
    let mut widths = Vec::new();
    for (c, (h, min, max)) in COLUMNS.iter().enumerate() {
        let widest = rows
            .iter()
            .flat_map(|r| r[c].lines().map(display_width).max())
            .chain([display_width(h)])
            .max()
            .unwrap_or(0) as f64
            + 2.0;
        let w = widest.clamp(*min, *max);
        widths.push(w);
        ws.set_column_width(c as u16, w)?;
        ws.write_string_with_format(1, c as u16, *h, &header)?;
    }
    ws.set_row_height(1, 24)?;
    ws.set_repeat_rows(1, 1)?;
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 2;
        let mut lines = 1.0f64;
        for (c, text) in row.iter().enumerate() {
            let centered = matches!(COLUMNS[c].0, "序号" | "问题来源" | "问题类别" | "企业满意度" | "办理状态")
                || COLUMNS[c].0.ends_with("日期")
                || COLUMNS[c].0 == "办理时限";
            let f = if centered { &center } else { &body };
            if c == 0 {
                ws.write_number_with_format(r, 0, (i + 1) as f64, f)?;
            } else {
                ws.write_string_with_format(r, c as u16, text, f)?;
            }
            let need: f64 = text
                .lines()
                .map(|l| (display_width(l) as f64 * 1.15 / (widths[c] - 1.0)).ceil().max(1.0))
                .sum();
            lines = lines.max(need);
        }
        ws.set_row_height(r, lines * 16.5 + 6.0)?;
    }
    write::save(&mut book, path)?;
    Ok(rows.len())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{new_problem, store_with_two};
    use super::super::*;
    use super::*;

    #[test]
    fn the_exported_ledger_reads_back_with_title_header_and_rows() {
        let (mut s, a, b) = store_with_two();
        let p = new_problem(&mut s, a, "融资");
        new_problem(&mut s, b, "用地");
        assign_problem(&mut s, p.id, &AssignInput { lead_unit: "市金融工作局".into(), co_units: vec!["市工业和信息化局".into()], deadline: None }).unwrap();
        serve_problem(&mut s, p.id, &ServeInput { date: Some("2026-11-21".into()), unit: "市金融工作局".into(), content: "组织银企对接会".into() }).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("台账.xlsx");
        assert_eq!(export_ledger(&s, &path, &ProblemQuery::default()).unwrap(), 2);
        let g = crate::sheet::read::tests::sheet(&path, "问题台账");
        let text = |r: usize, c: usize| g.text(r, c);
        assert_eq!(text(0, 0), LEDGER_TITLE);
        assert_eq!(text(1, 2), "企业名称");
        assert_eq!(g.rows.len(), 4);
        let all: Vec<String> = (2..4).map(|r| (0..15).map(|c| text(r, c)).collect::<Vec<_>>().join("|")).collect();
        let served = all.iter().find(|r| r.contains("河北嘉坤")).unwrap();
        assert!(served.contains("2026年11月21日 市金融工作局：组织银企对接会") && served.contains("对接服务"), "{served}");
        let only = export_ledger(&s, &path, &ProblemQuery { county: Some("宁晋县".into()), ..Default::default() }).unwrap();
        assert_eq!(only, 1);
    }
}
