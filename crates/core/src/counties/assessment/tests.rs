//! Tests of the 考核 on a small plan whose every number is known: three indicators, four
//! measures, three counties with allocations, progress and problems; scores worked out by hand.
use super::*;
use crate::counties::allocation::{save_allocation, AllocationCell};

/// Plan 2 (2025–2026): 小巨人 (stock, 10 by 2026), 新培育高新 (5 a year), 绿色工厂 (manual, 3 a
/// year); measures due 2025年底, 每年, 长期坚持 and 2026年底.
fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.conn
        .execute_batch(
            "INSERT INTO work_plans(id, title, start_year, end_year, created_at, updated_at) VALUES (2, '测试市“领跑者”企业培育工作方案', 2025, 2026, 't', 't');
             INSERT INTO target_indicators(plan_id, key, name, unit, kind, per_year, yearly_target, sort) VALUES
               (2, 'little_giant', '专精特新“小巨人”企业数', '家', 'computed', 0, NULL, 1),
               (2, 'high_tech_new', '新培育高新技术企业', '家', 'computed', 1, 5, 2),
               (2, 'green_factories', '省级以上绿色工厂', '家', 'manual', 1, 3, 3);
             INSERT INTO target_values(plan_id, indicator, year, target) VALUES (2, 'little_giant', 2026, 10);
             INSERT INTO tasks(id, plan_id, seq, action_no, action, measure_no, title, content, units, deadline) VALUES
               (101, 2, 1, 1, '行动一', 1, '措施一', '内容', '[\"市工业和信息化局\"]', '2025年底'),
               (102, 2, 2, 1, '行动一', 2, '措施二', '内容', '[\"市工业和信息化局\"]', '每年'),
               (103, 2, 3, 1, '行动一', 3, '措施三', '内容', '[\"市工业和信息化局\"]', '长期坚持'),
               (104, 2, 4, 1, '行动一', 4, '措施四', '内容', '[\"市工业和信息化局\"]', '2026年底');
             INSERT INTO enterprises(id, uscc, name, county, little_giant, little_giant_year, high_tech, high_tech_year, created_at, updated_at) VALUES
               (1, 'U1', '清河甲', '清河县', 1, 2024, NULL, NULL, 't', 't'),
               (2, 'U2', '清河乙', '清河县', 1, 2025, NULL, NULL, 't', 't'),
               (3, 'U3', '清河丙', '清河县', NULL, NULL, 1, 2025, 't', 't'),
               (4, 'U4', '南和甲', '南和区', 1, 2023, NULL, NULL, 't', 't'),
               (5, 'U5', '宁晋甲', '宁晋县', NULL, NULL, NULL, NULL, 't', 't');
             INSERT INTO task_progress(task_id, unit, period, status, text, date, operator, created_at, updated_at) VALUES
               (101, '清河县', '2025Q4', '已完成', '', '2025-12-20', 'x', 't', 't'),
               (102, '清河县', '2025-06', '推进中', '', '2025-06-30', 'x', 't', 't'),
               (103, '清河县', '2025Q2', '推进中', '', '2025-06-30', 'x', 't', 't'),
               (101, '南和区', '2025Q3', '已完成', '', '2025-09-30', 'x', 't', 't'),
               (101, '南和区', '2025Q4', '滞后', '', '2025-12-30', 'x', 't', 't'),
               (101, '南和区', '2026-01', '已完成', '', '2026-01-20', 'x', 't', 't'),
               (102, '南和区', '2025Q4', '已完成', '', '2025-12-30', 'x', 't', 't'),
               (104, '南和区', '2024Q4', '推进中', '', '2024-12-30', 'x', 't', 't');
             INSERT INTO problems(id, plan_id, enterprise_id, source, category, description, received_on, state, deadline, created_at, updated_at) VALUES
               (1, 2, 1, '入企服务', '融资', 'a', '2025-03-01', '销号', NULL, 't', 't'),
               (2, 2, 1, '入企服务', '融资', 'b', '2025-03-01', '对接服务', '2025-11-30', 't', 't'),
               (3, 2, 2, '入企服务', '融资', 'c', '2025-03-01', '交办', '2026-01-15', 't', 't'),
               (4, 2, 3, '入企服务', '融资', 'd', '2025-03-01', '办结', NULL, 't', 't'),
               (5, 2, 4, '入企服务', '融资', 'e', '2026-02-01', '交办', '2026-02-05', 't', 't'),
               (6, 1, 1, '入企服务', '融资', 'other plan', '2025-03-01', '交办', '2025-04-01', 't', 't');
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6)
             INSERT INTO problems(plan_id, enterprise_id, source, category, description, received_on, state, deadline, created_at, updated_at)
               SELECT 2, 5, '入企服务', '用地', 'n' || i, '2025-02-01', '交办', '2025-05-01', 't', 't' FROM n;
             INSERT INTO county_entries(plan_id, indicator, year, county, value, entered_by, updated_at) VALUES
               (2, 'green_factories', 2025, '清河县', 1, 'x', 't'),
               (2, 'green_factories', 2025, '南和区', 3, 'x', 't');",
        )
        .unwrap();
    let cell = |i: &str, c: &str, t: f64| AllocationCell { indicator: i.into(), county: c.into(), target: Some(t) };
    let cells = [
        cell("little_giant", "清河县", 4.0),
        cell("high_tech_new", "清河县", 2.0),
        cell("green_factories", "清河县", 2.0),
        cell("little_giant", "南和区", 1.0),
        cell("green_factories", "南和区", 1.0),
        cell("little_giant", "宁晋县", 2.0),
    ];
    save_allocation(&mut s, Some(2), 2025, &cells, None, false).unwrap();
    s
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn of<'a>(scores: &'a [CountyScore], county: &str) -> &'a CountyScore {
    scores.iter().find(|s| s.county == county).unwrap()
}

/// (value, points) of each part, in scheme order.
fn parts(s: &CountyScore) -> Vec<(f64, f64)> {
    s.parts.iter().map(|p| (p.value, p.points)).collect()
}

#[test]
fn scores_and_ranks_as_worked_out_by_hand() {
    let s = store();
    let scores = assess(&s, Some(2), 2025, day(2026, 3, 1)).unwrap();
    assert_eq!(scores.len(), 20);
    // As of 2025-12-31. Due: 措施一 (2025年底) and 措施二 (每年); 措施三 never, 措施四 in 2026.
    // 清河县: 小巨人 2 of 4 (甲 2024, 乙 2025) → 0.5; 高新 1 of 2 → 0.5; 绿色工厂 1 of 2 → 0.5;
    //   mean 0.5 → 60 × 0.5 = 30. Reported 措施一二三 for 2025: 3 of 4 → 15 × 0.75 = 11.25.
    //   Due and done: 措施一 (已完成), not 措施二 (推进中): 1 of 2 → 10 × 0.5 = 5. Problems of
    //   plan 2: 4, closed 2 (销号, 办结) → 10 × 0.5 = 5; overdue: problem 2 (11-30) → 5 − 1 = 4.
    //   30 + 11.25 + 5 + 5 + 4 = 55.25.
    let qinghe = of(&scores, "清河县");
    assert_eq!(parts(qinghe), vec![(50.0, 30.0), (75.0, 11.25), (50.0, 5.0), (50.0, 5.0), (1.0, 4.0)]);
    assert_eq!(qinghe.score, 55.25);
    // 南和区: 小巨人 1 of 1, 绿色工厂 3 of 1 → capped at 1: 60. Reported for 2025: 措施一, 二
    //   (措施四 was 2024, 2026-01 is another year): 2 of 4 → 7.5. 措施一's latest by year end is
    //   滞后 (the 2026-01 已完成 comes later), 措施二 已完成: 1 of 2 → 5. No problem received by
    //   year end → 10; none overdue → 5. 60 + 7.5 + 5 + 10 + 5 = 87.5.
    let nanhe = of(&scores, "南和区");
    assert_eq!(parts(nanhe), vec![(100.0, 60.0), (50.0, 7.5), (50.0, 5.0), (100.0, 10.0), (0.0, 5.0)]);
    assert_eq!(nanhe.score, 87.5);
    // 宁晋县: 小巨人 0 of 2 → 0; nothing reported → 0, 0; 6 problems, none closed → 0; 6 overdue
    //   → 5 − 6 → 0. Score 0.
    let ningjin = of(&scores, "宁晋县");
    assert_eq!(parts(ningjin), vec![(0.0, 0.0), (0.0, 0.0), (0.0, 0.0), (0.0, 0.0), (6.0, 0.0)]);
    // The other 17: no target → 60, nothing reported → 0 + 0, no problem → 10 + 5: 75.
    let xiangdu = of(&scores, "襄都区");
    assert_eq!(parts(xiangdu), vec![(100.0, 60.0), (0.0, 0.0), (0.0, 0.0), (100.0, 10.0), (0.0, 5.0)]);
    assert_eq!(xiangdu.score, 75.0);
    // Ranks: 南和区 1; the 17 at 75 share rank 2 in county order; 清河县 19; 宁晋县 20.
    let ranked: Vec<(&str, u32)> = scores.iter().map(|s| (s.county.as_str(), s.rank)).collect();
    assert_eq!(ranked[0], ("南和区", 1));
    assert_eq!(&ranked[1..4], &[("襄都区", 2), ("信都区", 2), ("任泽区", 2)]);
    assert!(ranked[1..18].iter().all(|(_, r)| *r == 2));
    assert_eq!(&ranked[18..], &[("清河县", 19), ("宁晋县", 20)]);
    assert!(scores.iter().all(|s| s.parts.iter().map(|p| p.item.as_str()).eq(DEFAULT_SCHEME.iter().map(|d| d.0))));
}

#[test]
fn mid_year_nothing_is_due_yet_and_deadlines_have_not_passed() {
    let s = store();
    let scores = assess(&s, Some(2), 2025, day(2025, 6, 30)).unwrap();
    // As of 2025-06-30: no measure due → 按时完成 full (10); problem 2 (due 11-30) not overdue.
    let qinghe = of(&scores, "清河县");
    assert_eq!((qinghe.parts[2].value, qinghe.parts[2].points), (100.0, 10.0));
    assert_eq!((qinghe.parts[4].value, qinghe.parts[4].points), (0.0, 5.0));
    assert_eq!(as_of(2025, day(2026, 3, 1)), day(2025, 12, 31));
}

#[test]
fn the_scheme_is_editable_audited_and_changes_the_scores() {
    let mut s = store();
    let defaults = scheme(&s, Some(2), 2025).unwrap();
    let labels: Vec<&str> = defaults.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, vec!["指标完成", "进展报送", "按时完成", "问题销号率", "逾期问题"]);
    assert_eq!(defaults.iter().map(|i| i.weight).sum::<f64>(), 100.0);
    assert!(defaults.iter().all(|i| !i.rule.is_empty() && i.weight == i.default_weight));
    let set = [SchemeWeight { item: "indicators".into(), weight: 40.0 }, SchemeWeight { item: "ledger_overdue".into(), weight: 10.0 }];
    let now = set_scheme(&mut s, Some(2), 2025, &set, Some("李处长")).unwrap();
    assert_eq!(now.iter().map(|i| i.weight).collect::<Vec<_>>(), vec![40.0, 15.0, 10.0, 10.0, 10.0]);
    // 清河县: 40 × 0.5 = 20; 10 − 1 overdue = 9; 20 + 11.25 + 5 + 5 + 9 = 50.25.
    let scores = assess(&s, Some(2), 2025, day(2026, 3, 1)).unwrap();
    assert_eq!(of(&scores, "清河县").score, 50.25);
    assert_eq!(scheme(&s, Some(2), 2026).unwrap()[0].weight, 60.0, "another year keeps the defaults");
    set_scheme(&mut s, Some(2), 2025, &set, Some("李处长")).unwrap();
    let audited: i64 = s.conn.query_row("SELECT count(*) FROM audit_log WHERE table_name = 'assessment_items' AND operator = '李处长'", [], |r| r.get(0)).unwrap();
    assert_eq!(audited, 2, "saving the same weights again changes nothing");
    let bad = |item: &str, weight: f64| SchemeWeight { item: item.into(), weight };
    assert!(set_scheme(&mut s, Some(2), 2025, &[bad("indicators", -1.0)], None).unwrap_err().to_string().contains("不小于 0"));
    assert!(set_scheme(&mut s, Some(2), 2025, &[bad("bonus", 1.0)], None).unwrap_err().to_string().contains("不存在"));
    assert!(set_scheme(&mut s, Some(2), 2025, &[bad("indicators", 1.0), bad("indicators", 2.0)], None).unwrap_err().to_string().contains("重复"));
}

#[test]
fn the_score_sheet_lists_counties_by_rank_with_values_and_points() {
    let s = store();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("考核.xlsx");
    export_assessment(&s, Some(2), 2025, day(2026, 3, 1), &path).unwrap();
    let g = crate::sheet::read::tests::sheet(&path, "考核评分表");
    assert_eq!(g.text(0, 0), "测试市“领跑者”企业培育2025年度县（市、区）考核评分表");
    assert!(g.text(1, 0).contains("2025年12月31日"), "{}", g.text(1, 0));
    assert_eq!(g.text(2, 2), "指标完成（60分）");
    assert_eq!((g.text(3, 2), g.text(3, 3)), ("完成率（%）".into(), "得分".into()));
    assert_eq!(g.text(2, 12), "总分");
    assert_eq!((g.text(4, 0), g.text(4, 1), g.text(4, 12)), ("1".into(), "南和区".into(), "87.5".into()));
    assert_eq!((g.text(22, 1), g.text(22, 2), g.text(22, 3), g.text(22, 12)), ("清河县".into(), "50".into(), "30".into(), "55.25".into()));
    assert_eq!(g.text(23, 11), "0");
    assert!(g.text(25, 0).starts_with("评分说明"));
}
