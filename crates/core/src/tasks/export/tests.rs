//! Tests of the task exports: the official sheets read back through the workbook reader.
use crate::sheet::read::read_filled;
use super::*;
use crate::tasks::progress::{upsert_progress, ProgressInput};

#[test]
fn exported_table_reads_back_as_the_21_measures() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("任务分工表.xlsx");
    let s = Store::open_in_memory().unwrap();
    export_tasks(&s, &path, &TaskExportOptions::default()).unwrap();
    let tasks = crate::tasks::import::read_task_sheet(&path).unwrap();
    let seeded = crate::tasks::list_tasks(&s, 1).unwrap();
    assert_eq!(tasks.len(), seeded.len());
    for (t, w) in tasks.iter().zip(&seeded) {
        assert_eq!((t.action_no, t.measure_no, &t.title, &t.content, &t.units, &t.deadline), (w.action_no, w.measure_no, &w.title, &w.content, &w.units, &w.deadline));
    }
    let r = crate::tasks::import::preview_import(&s, &path, 1).unwrap();
    assert_eq!(
        (r.report.unchanged, r.report.rejected.len(), r.report.warnings.len()),
        (21, 0, 0)
    );
}

#[test]
fn exported_table_has_title_header_action_rows_and_merges() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.xlsx");
    let s = Store::open_in_memory().unwrap();
    export_tasks(&s, &path, &TaskExportOptions::default()).unwrap();
    let g = &read_filled(&path).unwrap().1[0];
    assert_eq!(g.name, "任务分工表");
    assert_eq!(g.text(0, 0), "邢台市特色产业集群“领跑者”企业培育任务分工表");
    assert_eq!(g.text(0, 4), g.text(0, 0), "title merged across");
    assert_eq!(g.row_texts(1), TASK_HEADERS.map(String::from).to_vec());
    assert_eq!(g.text(2, 0), "（一）企业上市行动");
    assert_eq!(
        g.text(2, 4),
        "（一）企业上市行动",
        "action row merged across"
    );
    let measure_rows = (0..g.rows.len())
        .filter(|r| g.text(*r, 0).parse::<i64>().is_ok())
        .count();
    assert_eq!(measure_rows, 21);
    assert_eq!(g.rows.len(), 2 + 6 + 21 + 1);
    assert_eq!(g.row_texts(g.rows.len() - 1)[0], NOTE);
}

#[test]
fn county_version_names_the_county_government_and_its_progress() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("清河县.xlsx");
    let mut s = Store::open_in_memory().unwrap();
    crate::work_plans::set_unlocked(&mut s, 1, true).unwrap();
    let id = list_tasks(&s, 1).unwrap()[0].id;
    let input = ProgressInput {
        task_id: id,
        unit: "清河县".into(),
        period: "2026-11".into(),
        status: "推进中".into(),
        text: "已入库3家".into(),
        percent: Some(60.0),
        ..Default::default()
    };
    upsert_progress(&mut s, &input).unwrap();
    export_tasks(
        &s,
        &path,
        &TaskExportOptions {
            county: Some("清河县".into()),
            period: Some("2026-11".into()),
            plan_id: None,
        },
    )
    .unwrap();
    let g = &read_filled(&path).unwrap().1[0];
    assert!(g.text(0, 0).starts_with("清河县") && g.text(0, 0).contains("2026年11月"));
    assert_eq!(g.text(1, 6), "进展情况");
    assert_eq!(
        (g.text(3, 3).as_str(), g.text(3, 5).as_str(), g.text(3, 6).as_str(), g.text(3, 7).as_str()),
        ("清河县政府", "推进中", "已入库3家", "60%")
    );
    assert_eq!(g.text(4, 5), "未填报");
    let back = crate::tasks::import::read_task_sheet(&path).unwrap();
    assert_eq!(back.len(), 21);
    assert!(back
        .iter()
        .all(|t| t.units == vec!["清河县政府".to_string()]));
    let bad = export_tasks(
        &s,
        &path,
        &TaskExportOptions {
            county: Some("火星县".into()),
            period: None,
            plan_id: None,
        },
    )
    .unwrap_err();
    assert_eq!(bad.code(), "invalid");
}

#[test]
fn progress_report_lists_each_measure_by_unit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("进展.xlsx");
    let mut s = Store::open_in_memory().unwrap();
    crate::work_plans::set_unlocked(&mut s, 1, true).unwrap();
    let t = list_tasks(&s, 1).unwrap()[0].clone();
    for (unit, status) in [("市工业和信息化局", "已完成"), ("宁晋县", "滞后")] {
        let input = ProgressInput {
            task_id: t.id,
            unit: unit.into(),
            period: "2026Q4".into(),
            status: status.into(),
            text: "x".into(),
            ..Default::default()
        };
        upsert_progress(&mut s, &input).unwrap();
    }
    export_progress_report(&s, &path, "2026年第四季度", None).unwrap();
    let g = &read_filled(&path).unwrap().1[0];
    assert_eq!(g.name, "进展情况汇总表");
    assert!(g.text(0, 0).contains("2026年第四季度"));
    // Measure 1 has units 工信局, 金融监管局 (各县 stands for the counties) plus 宁晋县 that reported.
    let rows: Vec<(String, String, String)> = (3..6)
        .map(|r| {
            (
                g.text(r, 1),
                g.text(r, 3),
                g.text(r, 4),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (t.title.clone(), "市工业和信息化局".into(), "已完成".into()),
            (t.title.clone(), "市地方金融监管局".into(), "未填报".into()),
            (t.title.clone(), "宁晋县".into(), "滞后".into()),
        ]
    );
    assert_eq!(
        export_progress_report(&s, &path, "下个月", None)
            .unwrap_err()
            .code(),
        "invalid"
    );
}

#[test]
fn row_heights_follow_wrapped_lines() {
    for (text, width, want) in [
        ("", 10.0, 1.0),
        ("一二三四", 12.0, 1.0),
        ("一二三四五六七八九十", 12.0, 3.0),
        ("ab\ncd", 10.0, 2.0),
    ] {
        assert_eq!(lines_needed(text, width), want, "{text}");
    }
}

#[test]
fn numerals_periods_and_governments() {
    for (n, want) in [
        (1, "一"),
        (6, "六"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (21, "二十一"),
    ] {
        assert_eq!(chinese_numeral(n), want);
    }
    assert_eq!(period_label("2026-01"), "2026年1月");
    assert_eq!(period_label("2026Q4"), "2026年第四季度");
    assert_eq!(county_government("邢台经济开发区"), "邢台经济开发区管委会");
    assert_eq!(county_government("威县"), "威县政府");
}
