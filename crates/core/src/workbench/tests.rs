//! The 工作台 against a fixed day (2025-12-10, the 2022 plan's last year): an overdue and a due-soon
//! measure, an overdue and a due-in-3-days problem, an unfilled report, 入库 n / 30, the imports.
use super::*;
use crate::ledger::tests::{new_problem, store_with_two};
use crate::ledger::{assign_problem, set_deadline, AssignInput};
use crate::tasks::progress::{upsert_progress, ProgressInput};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn section<'a>(w: &'a Workbench, key: &str) -> &'a Section {
    w.sections.iter().find(|s| s.key == key).unwrap_or_else(|| panic!("no section {key}"))
}

fn titles(w: &Workbench, key: &str) -> Vec<String> {
    section(w, key).items.iter().map(|i| i.title.clone()).collect()
}

fn task_id(s: &Store, no: &str) -> i64 {
    let (a, m) = no.split_once('.').unwrap();
    s.conn
        .query_row("SELECT id FROM tasks WHERE plan_id = 1 AND action_no = ?1 AND measure_no = ?2", [a, m], |r| r.get(0))
        .unwrap()
}

/// A problem of the enterprise with its deadline moved to `deadline`.
fn problem_due(s: &mut Store, enterprise: i64, category: &str, deadline: &str) -> i64 {
    let p = new_problem(s, enterprise, category);
    assign_problem(s, p.id, &AssignInput { lead_unit: "区工信局".into(), ..Default::default() }).unwrap();
    set_deadline(s, p.id, deadline).unwrap();
    p.id
}

/// Reports progress on the 2022 plan (ended by now, so first allowed to be changed).
fn progress(s: &mut Store, no: &str, unit: &str, period: &str, status: &str) {
    crate::work_plans::set_unlocked(s, 1, true).unwrap();
    let input = ProgressInput { task_id: task_id(s, no), unit: unit.into(), period: period.into(), status: status.into(), date: Some("2025-12-05".into()), ..Default::default() };
    upsert_progress(s, &input).unwrap();
}

#[test]
fn a_county_sees_its_overdue_and_due_work_and_where_to_open_it() {
    let (mut s, nanhe, ningjin) = store_with_two();
    let overdue = problem_due(&mut s, nanhe, "融资", "2025-12-01");
    let soon = problem_due(&mut s, nanhe, "用地", "2025-12-13");
    problem_due(&mut s, nanhe, "用工", "2025-12-14");
    problem_due(&mut s, ningjin, "审批", "2025-12-02");
    // 3.1 (2025年底) reported for this month; 2.1 (每年) reported 滞后 last month.
    progress(&mut s, "3.1", "南和区", "2025-12", "推进中");
    progress(&mut s, "2.1", "南和区", "2025-11", "滞后");
    progress(&mut s, "2.2", "南和区", "2025-12", "已完成");

    let w = items(&s, day("2025-12-10"), Some("南和区")).unwrap();
    assert_eq!((w.unit.as_deref(), w.scope.as_str(), w.period.as_str()), (Some("南和区"), "南和区", "2025-12"));
    assert_eq!(w.units.len(), 21);
    let keys: Vec<&str> = w.sections.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, ["overdue_measures", "due_measures", "overdue_problems", "due_problems", "unfilled_reports", "expiring_qualifications", "pool", "imports"]);

    // Measures: 1.1 and 4.3 (2023年底) missed, 2.1 reported 滞后; 3.1 (2025年底) and the 每年 ones due within 30 days.
    let late = titles(&w, "overdue_measures");
    assert_eq!(late, ["1.1 锁定培育目标", "4.3 强化集群服务支撑", "2.1 强化创新主体培育"], "{late:?}");
    let first = &section(&w, "overdue_measures").items[0];
    assert_eq!(first.tone, "danger");
    assert_eq!(first.opens, Opens::Measure { task_id: task_id(&s, "1.1"), unit: "南和区".into() });
    let due = titles(&w, "due_measures");
    assert!(due.contains(&"3.1 推动企业“智改数转”".to_string()) && due.contains(&"1.3 规范股改提升".to_string()), "{due:?}");
    assert!(!due.iter().any(|t| t.starts_with("1.2") || t.starts_with("2.1") || t.starts_with("1.1")), "长期坚持, overdue not due: {due:?}");
    assert_eq!(section(&w, "due_measures").items[0].date.as_deref(), Some("2025-12-31"));

    // Problems: only the county's, overdue before today, due within 3 days from today.
    let over = &section(&w, "overdue_problems").items;
    assert_eq!(over.len(), 1, "{over:?}");
    assert_eq!((over[0].opens.clone(), over[0].date.as_deref()), (Opens::Problem { problem_id: overdue }, Some("2025-12-01")));
    assert!(over[0].title.starts_with("河北嘉坤农机装备股份有限公司："), "{}", over[0].title);
    let soon_items = &section(&w, "due_problems").items;
    assert_eq!(soon_items.iter().map(|i| i.opens.clone()).collect::<Vec<_>>(), [Opens::Problem { problem_id: soon }]);

    // Reports: every measure not done without a 2025-12 report (3.1 reported, 2.2 done).
    let unfilled = titles(&w, "unfilled_reports");
    assert_eq!(unfilled.len(), 19, "{unfilled:?}");
    assert!(!unfilled.iter().any(|t| t.starts_with("3.1") || t.starts_with("2.2")));
    assert!(unfilled.contains(&"1.1 锁定培育目标".to_string()));
    // Locked again (the plan ended): nothing can be reported, so nothing is asked for.
    crate::work_plans::set_unlocked(&mut s, 1, false).unwrap();
    let locked = items(&s, day("2025-12-10"), Some("南和区")).unwrap();
    assert!(section(&locked, "unfilled_reports").items.is_empty());
    assert!(section(&locked, "unfilled_reports").empty.contains("只读"));

    let pool = &section(&w, "pool").items[0];
    assert_eq!((pool.title.as_str(), pool.opens.clone()), ("上市培育库 入库 0 / 30", Opens::List { list: ListKind::Pool }));
    assert!(pool.detail.contains("其中南和区 0 家"), "{}", pool.detail);
    assert!(section(&w, "imports").items.is_empty());

    // The next day the 12-13 problem is still within 3 days; on 12-14 the first is overdue too.
    let later = items(&s, day("2025-12-14"), Some("南和区")).unwrap();
    assert_eq!(section(&later, "overdue_problems").items.len(), 2);
    assert_eq!(section(&later, "due_problems").items.len(), 1);
}

#[test]
fn the_city_sees_its_own_measures_and_every_county_problem_and_the_setting_decides() {
    let (mut s, nanhe, ningjin) = store_with_two();
    problem_due(&mut s, nanhe, "融资", "2025-12-01");
    problem_due(&mut s, ningjin, "审批", "2025-12-02");
    progress(&mut s, "1.1", CITY_TASK_UNIT, "2025-12", "已完成");
    let today = day("2025-12-10");

    // No unit chosen: the city's work, and the page is told none is set.
    let w = items(&s, today, None).unwrap();
    assert_eq!((w.unit.as_deref(), w.scope.as_str()), (None, CITY));
    assert_eq!(section(&w, "overdue_problems").items.len(), 2, "the city sees every county's problems");
    let late = titles(&w, "overdue_measures");
    assert_eq!(late, ["4.3 强化集群服务支撑"], "1.1 done by the city: {late:?}");
    assert!(section(&w, "overdue_measures").items.iter().all(|i| matches!(&i.opens, Opens::Measure { unit, .. } if unit == CITY_TASK_UNIT)));
    // Measures the city is not responsible for are not its work (none here: it is in all 21).
    assert_eq!(section(&w, "unfilled_reports").items.len(), 20);

    // The setting decides once chosen; a unit given overrides it; an unknown one is refused.
    crate::exchange::set_unit(&s, "宁晋县").unwrap();
    let w = items(&s, today, None).unwrap();
    assert_eq!((w.unit.as_deref(), w.scope.as_str()), (Some("宁晋县"), "宁晋县"));
    assert_eq!(section(&w, "overdue_problems").items.len(), 1);
    assert_eq!(items(&s, today, Some(CITY)).unwrap().scope, CITY);
    let err = items(&s, today, Some("火星县")).unwrap_err().to_string();
    assert!(err.contains("火星县") && err.contains("市工信局"), "{err}");

    // The latest imports, newest first, each opening its record.
    let mut s = s;
    crate::enterprise::import::commit(&mut s, &pacesetter_testkit::sample("county_nanhe_clean.xlsx"), &Default::default()).unwrap();
    let w = items(&s, today, None).unwrap();
    let imp = &section(&w, "imports").items;
    assert_eq!(imp.len(), 1);
    assert!(imp[0].title.contains("county_nanhe_clean.xlsx") && imp[0].detail.contains("新增 24 条，更新 1 条"), "{imp:?}");
    assert!(matches!(imp[0].opens, Opens::Import { .. }));
}

#[test]
fn certificates_ending_within_six_months_show_for_their_county_and_open_the_enterprise() {
    use crate::qualifications::{add_qualification, QualificationInput};
    let (mut s, nanhe, ningjin) = store_with_two();
    let cert = |s: &mut Store, enterprise_id: i64, obtained: &str| {
        let input = QualificationInput { enterprise_id, kind: "专精特新中小企业".into(), obtained_on: Some(obtained.into()), ..Default::default() };
        add_qualification(s, &input).unwrap();
    };
    cert(&mut s, nanhe, "2023-03-01"); // valid to 2026-03-01: 3 months after 2025-12-01
    cert(&mut s, ningjin, "2023-11-01"); // valid to 2026-11-01: beyond 6 months
    let today = day("2025-12-01");
    let w = items(&s, today, Some("南和区")).unwrap();
    let due = &section(&w, "expiring_qualifications").items;
    assert_eq!(due.len(), 1, "{due:?}");
    assert!(due[0].title.contains("专精特新中小企业") && due[0].detail.contains("复核"), "{:?}", due[0]);
    assert_eq!(due[0].opens, Opens::Enterprise { enterprise_id: nanhe });
    assert!(section(&items(&s, today, Some("宁晋县")).unwrap(), "expiring_qualifications").items.is_empty(), "another county's certificate");
    assert_eq!(section(&items(&s, day("2026-06-01"), Some(CITY)).unwrap(), "expiring_qualifications").items.len(), 1, "the city sees every county's; the first has ended by then");
}
