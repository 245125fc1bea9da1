//! Tests of progress records, deadlines and the board.
use super::*;

/// A store whose 2022 plan (ended) is reopened, so progress can be entered.
fn open() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    crate::work_plans::set_unlocked(&mut s, 1, true).unwrap();
    s
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn input(task_id: i64, unit: &str, period: &str, status: &str) -> ProgressInput {
    ProgressInput {
        task_id,
        unit: unit.into(),
        period: period.into(),
        status: status.into(),
        text: "进展".into(),
        ..Default::default()
    }
}

#[test]
fn periods_are_normalised() {
    let cases = [
        ("2026-11", Some("2026-11")),
        ("2026-1", Some("2026-01")),
        ("2026/11", Some("2026-11")),
        ("2026年11月", Some("2026-11")),
        ("2026q4", Some("2026Q4")),
        ("2026-Q4", Some("2026Q4")),
        ("2026年第四季度", Some("2026Q4")),
        ("2026年三季度", Some("2026Q3")),
        ("2026-13", None),
        ("2026Q5", None),
        ("明年", None),
    ];
    for (input, want) in cases {
        assert_eq!(normalize_period(input).as_deref(), want, "{input}");
    }
    assert_eq!(period_end("2026Q4"), Some(d("2026-12-31")));
    assert_eq!(period_end("2026-02"), Some(d("2026-02-28")));
}

#[test]
fn deadlines_give_due_dates_and_urgency() {
    let today = d("2026-12-05");
    let running = PlanYears { start: 2023, end: 2027 };
    let cases = [
        ("长期坚持", None, None, None, "long_term"),
        ("每年", None, None, Some("2026-12-31"), "due_soon"),
        ("2023年底", None, None, Some("2023-12-31"), "missed"),
        ("2023年底", Some("已完成"), Some("2023Q4"), Some("2023-12-31"), "done"),
        ("每年", Some("已完成"), Some("2025Q4"), Some("2026-12-31"), "due_soon"),
        ("每年", Some("已完成"), Some("2026-10"), Some("2026-12-31"), "done"),
        ("2027年底", Some("推进中"), Some("2026-10"), Some("2027-12-31"), "on_track"),
        ("2027年底", Some("滞后"), Some("2026-10"), Some("2027-12-31"), "overdue"),
        ("长期坚持", Some("滞后"), Some("2026-10"), None, "overdue"),
    ];
    for (deadline, status, period, due, want) in cases {
        assert_eq!(due_date(deadline, today, running), due.map(d), "{deadline}");
        assert_eq!(classify(deadline, status, period, today, running), want, "{deadline} {status:?} {period:?}");
    }
    assert_eq!(classify("每年", None, None, d("2026-06-01"), running), "on_track");
    assert_eq!(classify("2026年底", None, None, d("2027-01-02"), running), "missed", "due last year: missed, not overdue");
}

#[test]
fn an_ended_plan_has_no_overdue_alarms() {
    let today = d("2026-12-05");
    let ended = PlanYears { start: 2022, end: 2025 };
    assert!(ended.ended(today));
    assert_eq!(due_date("每年", today, ended), Some(d("2025-12-31")), "每年 stops at the plan's last year");
    let cases = [
        ("每年", Some("已完成"), Some("2025Q4"), "done"),
        ("每年", Some("已完成"), Some("2024Q4"), "missed"),
        ("每年", None, None, "missed"),
        ("2025年底", Some("滞后"), Some("2025-10"), "missed"),
        ("2023年底", Some("已完成"), Some("2023-11"), "done"),
        ("长期坚持", Some("滞后"), Some("2025-10"), "long_term"),
    ];
    for (deadline, status, period, want) in cases {
        assert_eq!(classify(deadline, status, period, today, ended), want, "{deadline} {status:?} {period:?}");
    }
}

#[test]
fn yearly_numbers_are_read_from_measure_texts() {
    let cases = [
        ("……依法协调解决股份制改造中涉及的相关手续和确权登记，每年推动5家企业完成股份制改造。", Some((5.0, "家", "每年推动5家企业完成股份制改造"))),
        ("每年新培育创新型中小企业400家、高新技术企业10家", Some((400.0, "家", "每年新培育创新型中小企业400家"))),
        ("力争每年打造1个特色产业集群联盟；发挥行业协会作用", Some((1.0, "个", "每年打造1个特色产业集群联盟"))),
        ("到2023年建成省级智能制造标杆企业1家", None),
    ];
    for (text, want) in cases {
        let got = quantity_target(text);
        assert_eq!(
            got.as_ref()
                .map(|q| (q.amount, q.unit.as_str(), q.text.as_str())),
            want,
            "{text}"
        );
    }
}

#[test]
fn progress_is_upserted_audited_and_listed() {
    let mut s = open();
    let t = list_tasks(&s, 1)
        .unwrap()
        .into_iter()
        .find(|t| t.title == "规范股改提升")
        .unwrap();
    let mut i = input(t.id, "市工业和信息化局", "2026年11月", "推进中");
    i.done = Some(3.0);
    let p = upsert_progress(&mut s, &i).unwrap();
    assert_eq!(
        (p.period.as_str(), p.percent, p.operator.as_str()),
        ("2026-11", Some(60.0), "本机用户")
    );
    i.status = "已完成".into();
    i.done = None;
    i.percent = Some(100.0);
    let p2 = upsert_progress(&mut s, &i).unwrap();
    assert_eq!(p2.id, p.id);
    let audits: Vec<(String, Option<String>)> = s
        .conn
        .prepare("SELECT action, field FROM audit_log WHERE table_name = 'task_progress' ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(
        audits,
        vec![
            ("insert".into(), None),
            ("update".into(), Some("status".into())),
            ("update".into(), Some("percent".into()))
        ]
    );
    upsert_progress(&mut s, &input(t.id, "清河县", "2026Q4", "滞后")).unwrap();
    assert_eq!(
        list_progress(
            &s,
            &ProgressQuery {
                unit: Some("清河县".into()),
                ..Default::default()
            }
        )
        .unwrap()
        .len(),
        1
    );
    assert_eq!(
        list_progress(
            &s,
            &ProgressQuery {
                period: Some("2026-11".into()),
                ..Default::default()
            }
        )
        .unwrap()
        .len(),
        1
    );
    delete_progress(&mut s, p.id).unwrap();
    assert_eq!(
        list_progress(&s, &ProgressQuery::default()).unwrap().len(),
        1
    );
}

#[test]
fn bad_progress_input_is_refused() {
    let mut s = open();
    let t = list_tasks(&s, 1)
        .unwrap()
        .into_iter()
        .find(|t| t.title == "精准培训辅导")
        .unwrap();
    let mut no_number = input(t.id, "市工业和信息化局", "2026-11", "推进中");
    no_number.done = Some(2.0);
    let cases = [
        input(t.id, "市财政局", "2026-11", "推进中"),
        input(t.id, ALL_COUNTIES_UNIT, "2026-11", "推进中"),
        input(t.id, "市工业和信息化局", "下个月", "推进中"),
        input(t.id, "市工业和信息化局", "2026-11", "差不多"),
        input(9999, "市工业和信息化局", "2026-11", "推进中"),
        no_number,
    ];
    for (i, c) in cases.iter().enumerate() {
        assert!(upsert_progress(&mut s, c).is_err(), "case {i}");
    }
    assert!(list_progress(&s, &ProgressQuery::default())
        .unwrap()
        .is_empty());
}

#[test]
fn summaries_count_per_unit_and_per_county() {
    let mut s = open();
    let tasks = list_tasks(&s, 1).unwrap();
    let first = &tasks[0]; // 锁定培育目标, 2023年底
    upsert_progress(
        &mut s,
        &input(first.id, "市工业和信息化局", "2026-10", "已完成"),
    )
    .unwrap();
    upsert_progress(&mut s, &input(first.id, "清河县", "2026-10", "推进中")).unwrap();
    let today = d("2026-11-26");
    let units = summary_by_unit(&s, 1, today).unwrap();
    let miit = units.iter().find(|u| u.unit == "市工业和信息化局").unwrap();
    let measures_of_miit = tasks
        .iter()
        .filter(|t| t.units.contains(&"市工业和信息化局".to_string()))
        .count() as i64;
    assert_eq!(
        (miit.total, miit.done, miit.not_reported + miit.done),
        (measures_of_miit, 1, measures_of_miit)
    );
    assert!(units.iter().all(|u| u.unit != ALL_COUNTIES_UNIT));
    let counties = summary_by_county(&s, 1, today).unwrap();
    assert_eq!(counties.len(), 20);
    let qinghe = counties.iter().find(|c| c.unit == "清河县").unwrap();
    assert_eq!((qinghe.total, qinghe.in_progress), (21, 1));
    let with_deadline = tasks.iter().filter(|t| t.deadline != "长期坚持").count() as i64;
    assert_eq!((qinghe.overdue, qinghe.missed), (0, with_deadline), "the 2022 plan ended: 逾期未完成, no alarms");
    let board = task_board(&s, 1, today).unwrap();
    let row = board
        .iter()
        .find(|r| r.task_id == first.id && r.unit == "市工业和信息化局")
        .unwrap();
    assert_eq!(
        (row.status.as_str(), row.urgency.as_str(), row.is_lead),
        ("已完成", "done", true)
    );
}
