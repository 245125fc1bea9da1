//! Tests of the evaluation report: the 2022 plan's whole period and one year, both formats.
use super::*;
use crate::sheet::read::tests::sheet;

/// A pool with two 小巨人 (2023, 2025), three 专精特新 and R&D figures for 2023 and 2025.
fn store() -> Store {
    let s = Store::open_in_memory().unwrap();
    s.conn
        .execute_batch(
            "INSERT INTO enterprises(id, uscc, name, county, is_leader, little_giant, little_giant_year, specialized, specialized_year, created_at, updated_at) VALUES
               (1, 'U1', '甲公司', '南和区', 1, 1, 2023, 1, 2022, 't', 't'),
               (2, 'U2', '乙公司', '清河县', 1, 1, 2025, 1, 2024, 't', 't'),
               (3, 'U3', '丙公司', '清河县', 1, 0, NULL, 1, 2025, 't', 't');
             INSERT INTO enterprise_figures(enterprise_id, year, revenue_wan, rd_expense_wan) VALUES
               (1, 2023, 1000, 30), (2, 2023, 1000, 40), (1, 2025, 1000, 40), (2, 2025, 1000, 30);",
        )
        .unwrap();
    s
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn the_whole_period_names_both_milestones_with_actuals_from_the_pool() {
    let mut s = store();
    crate::work_plans::set_unlocked(&mut s, 1, true).unwrap();
    let first = crate::tasks::list_tasks(&s, 1).unwrap()[0].clone();
    for unit in ["市工业和信息化局", "市地方金融监管局"] {
        let input = crate::tasks::progress::ProgressInput { task_id: first.id, unit: unit.into(), period: "2023Q4".into(), status: "已完成".into(), text: "30家入库".into(), ..Default::default() };
        crate::tasks::progress::upsert_progress(&mut s, &input).unwrap();
    }
    let r = build_report_as_of(&s, Some(1), ReportScope::Whole, day(2026, 12, 3)).unwrap();
    assert_eq!(r.years, vec![2022, 2023, 2024, 2025]);
    assert_eq!(r.as_of, "2025-12-31");
    let at = |key: &str, year: i64| {
        let i = r.indicators.iter().find(|i| i.key == key).unwrap();
        i.figures.iter().find(|f| f.year == year).map(|f| (f.target, f.actual, f.milestone)).unwrap()
    };
    assert_eq!(at("little_giant", 2023), (Some(30.0), Some(1.0), true));
    assert_eq!(at("little_giant", 2025), (Some(50.0), Some(2.0), true));
    assert_eq!(at("specialized_sme", 2023).0, Some(320.0));
    assert_eq!(at("specialized_sme", 2025), (Some(440.0), Some(3.0), true));
    let (target, actual, milestone) = at("leader_rd_ratio", 2023);
    assert_eq!((target, milestone), (Some(3.0), true));
    assert!((actual.unwrap() - 3.5).abs() < 1e-9, "(30 + 40) / 2000");
    assert_eq!(at("leader_rd_ratio", 2025).0, Some(3.5));
    assert!(!at("little_giant", 2024).2, "2024 is no milestone");
    let reform = r.indicators.iter().find(|i| i.key == "shareholding_reform").unwrap();
    assert_eq!(reform.total_target, Some(20.0), "5 a year × 4 years");
    let specialized_new = r.indicators.iter().find(|i| i.key == "specialized_new").unwrap();
    assert_eq!((specialized_new.total_target, specialized_new.total_actual), (Some(240.0), Some(3.0)));
    assert_eq!(specialized_new.total_status, "未达标", "the period is over");
    assert_eq!(r.measures.len(), 21);
    assert_eq!((r.measures[0].status.as_str(), r.measures[0].units_done), ("已完成", 2));
    assert!(r.measures[0].progress[0].contains("30家入库（已完成，2023年第四季度）"), "{:?}", r.measures[0].progress);
    for m in &r.measures[1..] {
        let want = if m.deadline == "长期坚持" { "未填报" } else { "逾期未完成" };
        assert_eq!(m.status, want, "{} {}: the plan ended without a report", m.title, m.deadline);
    }
    assert_eq!(r.counties.len(), 20);
    let qinghe = r.counties.iter().find(|c| c.county == "清河县").unwrap();
    let lg = r.county_indicators.iter().position(|(n, _)| n == "专精特新“小巨人”企业数").unwrap();
    assert_eq!((qinghe.enterprises, qinghe.values[lg]), (2, Some(1.0)));
}

#[test]
fn both_formats_are_written_and_read_back() {
    let s = store();
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("总结评估.docx");
    export_report(&s, None, ReportScope::Whole, &docx).unwrap();
    let text = crate::sheet::docx::read(&std::fs::read(&docx).unwrap(), "总结评估.docx").unwrap();
    let all: String = text.iter().flat_map(|g| g.rows.iter().flat_map(|r| r.iter().map(|c| c.display()))).collect::<Vec<_>>().join("|");
    for want in ["2023年目标", "2025年完成", "专精特新“小巨人”企业数", "30", "50", "320", "440", "3.5", "锁定培育目标", "清河县"] {
        assert!(all.contains(want), "{want} in the report's tables");
    }
    let xlsx = dir.path().join("2025年度.xlsx");
    export_report(&s, None, ReportScope::Year(2025), &xlsx).unwrap();
    let g = sheet(&xlsx, "主要目标完成情况");
    assert!(g.text(0, 0).contains("2025年度实施情况报告"));
    let row = (2..g.rows.len()).find(|&r| g.text(r, 0) == "专精特新“小巨人”企业数").unwrap();
    assert_eq!(g.cell(row, 4).map(|c| c.value.clone()), Some(crate::sheet::read::CellValue::Number(50.0)), "a number, not text");
    assert_eq!(g.text(row, 5), "2");
    assert!(export_report(&s, None, ReportScope::Year(2019), &xlsx).unwrap_err().to_string().contains("不在"));
    assert!(export_report(&s, None, ReportScope::Whole, &dir.path().join("a.pdf")).is_err());
}

#[test]
fn years_not_yet_begun_have_no_actual_and_count_in_no_total_actual() {
    let mut s = store();
    let next = crate::work_plans::copy::copy_plan(&mut s, 1, 2025, 2027, None).unwrap();
    let r = build_report_as_of(&s, Some(next.id), ReportScope::Whole, day(2026, 3, 1)).unwrap();
    assert_eq!(r.years, vec![2025, 2026, 2027]);
    let reform = r.indicators.iter().find(|i| i.key == "specialized_new").unwrap();
    let figure = |y: i64| reform.figures.iter().find(|f| f.year == y).unwrap();
    assert_eq!((figure(2027).actual, figure(2027).status_label.as_str()), (None, NOT_BEGUN));
    assert_eq!(figure(2025).actual, Some(1.0), "丙公司, 2025");
    assert_ne!(figure(2026).status_label, NOT_BEGUN, "the report's own year has begun");
    assert_eq!(reform.total_actual, Some(1.0 + figure(2026).actual.unwrap_or(0.0)), "2027 adds nothing");
    assert_eq!(reform.total_status, "实施中", "short of the total while the period runs");
    assert_eq!(reform.total_target, figure(2025).target.zip(figure(2027).target).map(|(a, b)| a + figure(2026).target.unwrap() + b));
}
