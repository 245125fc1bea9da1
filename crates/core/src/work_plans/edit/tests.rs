//! Tests of editing a plan copied to 2026–2028: measures added, changed, renumbered and removed,
//! indicators and their targets; every refusal and the audit trail.
use super::*;
use crate::store::Store;
use crate::tasks::list_tasks;
use crate::work_plans::{copy_plan, get_plan};

fn next_plan() -> (Store, i64) {
    let mut s = Store::open_in_memory().unwrap();
    let id = copy_plan(&mut s, 1, 2026, 2028, None).unwrap().id;
    (s, id)
}

fn measure(action_no: i64, measure_no: i64, content: &str, deadline: &str) -> MeasureInput {
    MeasureInput {
        action_no,
        action: String::new(),
        measure_no,
        content: content.into(),
        lead_unit: "市工业和信息化局".into(),
        co_units: vec!["市科技局、市市场监管局".into()],
        deadline: deadline.into(),
        ..Default::default()
    }
}

fn err(r: crate::error::Result<impl std::fmt::Debug>) -> String {
    r.unwrap_err().to_string()
}

fn audit_count(s: &Store, table: &str) -> i64 {
    s.conn.query_row("SELECT count(*) FROM audit_log WHERE table_name = ?1 AND source LIKE '编辑工作方案%'", [table], |r| r.get(0)).unwrap()
}

#[test]
fn a_measure_is_added_changed_and_renumbered_within_its_plan() {
    let (mut s, plan) = next_plan();
    let mut input = measure(2, 5, "每年举办6场产融对接活动，服务“领跑者”企业", "每年");
    let added = add_measure(&mut s, plan, &input).unwrap();
    assert_eq!((added.action_no, added.measure_no, added.deadline.as_str()), (2, 5, "每年"));
    assert_eq!(added.action, list_tasks(&s, plan).unwrap().iter().find(|t| t.action_no == 2).unwrap().action, "the action's title taken from its other measures");
    assert_eq!(added.units, vec!["市工业和信息化局", "市科技局", "市市场监管局"], "lead unit first, co-units split");
    assert_eq!(added.quantities.iter().map(|q| (q.amount, q.unit.as_str())).collect::<Vec<_>>(), vec![(6.0, "场")], "read from the content");
    assert_eq!(added.title, "每年举办6场产融对接活动");
    assert_eq!(added.deadline_note, "在系统中编辑");
    let tasks = list_tasks(&s, plan).unwrap();
    assert_eq!(tasks.len(), 22);
    assert_eq!(tasks.iter().map(|t| t.seq).collect::<Vec<_>>(), (1..=22).collect::<Vec<_>>(), "seq follows action and measure order");
    assert_eq!(list_tasks(&s, 1).unwrap().len(), 21, "the original plan keeps its measures");

    input.measure_no = 1;
    assert!(err(update_measure(&mut s, added.id, &input)).contains("本方案已有措施 2.1"));
    input.measure_no = 5;
    input.deadline = "2027年12月底".into();
    input.lead_unit = "市科技局".into();
    input.co_units = vec!["市科技局".into(), "各县（市、区）政府".into()];
    input.action = "创新能力提升行动（修订）".into();
    input.quantities = Some(vec![crate::tasks::progress::QuantityTarget { amount: 8.0, unit: "场".into(), text: String::new() }]);
    let changed = update_measure(&mut s, added.id, &input).unwrap();
    assert_eq!(changed.deadline, "2027年底");
    assert_eq!(changed.units, vec!["市科技局", "各县（市、区）政府"]);
    assert_eq!((changed.quantities[0].amount, changed.quantities[0].text.as_str()), (8.0, "8场"));
    let actions: Vec<String> = list_tasks(&s, plan).unwrap().into_iter().filter(|t| t.action_no == 2).map(|t| t.action).collect();
    assert!(actions.iter().all(|a| a == "创新能力提升行动（修订）"), "the action renamed for all its measures: {actions:?}");
    let fields: Vec<String> = {
        let mut stmt = s.conn.prepare("SELECT field FROM audit_log WHERE table_name = 'tasks' AND action = 'update' AND row_key = ?1 ORDER BY id").unwrap();
        stmt.query_map([format!("{plan}:2-5")], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(fields, vec!["units", "deadline", "quantities", "action"]);

    // Moved to the front of action 1: every later measure's seq moves up one.
    input.action_no = 1;
    input.measure_no = 9;
    input.action = String::new();
    update_measure(&mut s, added.id, &input).unwrap();
    let tasks = list_tasks(&s, plan).unwrap();
    let pos = tasks.iter().position(|t| t.id == added.id).unwrap();
    assert_eq!((pos, tasks[pos].seq), (4, 5));
    assert!(tasks.windows(2).all(|w| w[0].seq + 1 == w[1].seq));
    // Moved back to action 2 with action 1's title still in the form: it joins action 2 as it is.
    let action_1 = tasks[0].action.clone();
    input.action_no = 2;
    input.action = action_1.clone();
    let back = update_measure(&mut s, added.id, &input).unwrap();
    assert_eq!(back.action, "创新能力提升行动（修订）");
    assert!(list_tasks(&s, plan).unwrap().iter().filter(|t| t.action_no == 1).all(|t| t.action == action_1));
}

#[test]
fn bad_measures_and_read_only_plans_are_refused_in_chinese() {
    let (mut s, plan) = next_plan();
    assert!(err(add_measure(&mut s, plan, &measure(1, 9, "  ", "每年"))).contains("请填写措施内容"));
    assert!(err(add_measure(&mut s, plan, &measure(1, 1, "遴选企业", "每年"))).contains("本方案已有措施 1.1"));
    assert!(err(add_measure(&mut s, plan, &measure(1, 9, "遴选企业", "2030年底"))).contains("不在本方案实施期限（2026—2028年）内"));
    assert!(err(add_measure(&mut s, plan, &measure(1, 9, "遴选企业", "尽快"))).contains("完成时限“尽快”无法识别"));
    assert!(err(add_measure(&mut s, plan, &measure(9, 1, "新行动的措施", "每年"))).contains("请填写第 9 项行动的名称"));
    let mut no_lead = measure(1, 9, "遴选企业", "每年");
    no_lead.lead_unit = " ".into();
    assert!(err(add_measure(&mut s, plan, &no_lead)).contains("请填写牵头单位"));
    let mut bad_amount = measure(1, 9, "遴选企业", "每年");
    bad_amount.quantities = Some(vec![crate::tasks::progress::QuantityTarget { amount: -1.0, unit: "家".into(), text: "x".into() }]);
    assert!(err(add_measure(&mut s, plan, &bad_amount)).contains("数量 -1 不正确"));
    assert_eq!(list_tasks(&s, plan).unwrap().len(), 21, "nothing written");
    // The ended 2022 plan is read-only until reopened.
    let first = list_tasks(&s, 1).unwrap()[0].clone();
    assert!(err(add_measure(&mut s, 1, &measure(1, 9, "遴选企业", "2025年底"))).contains("只读"));
    assert!(err(delete_measure(&mut s, first.id)).contains("只读"));
    crate::work_plans::set_unlocked(&mut s, 1, true).unwrap();
    assert!(add_measure(&mut s, 1, &measure(1, 9, "遴选企业", "2025年底")).is_ok());
    assert_eq!(audit_count(&s, "tasks"), 1);
}

#[test]
fn a_measure_with_progress_or_problems_is_kept() {
    let (mut s, plan) = next_plan();
    let tasks = list_tasks(&s, plan).unwrap();
    let (with_progress, free) = (&tasks[0], &tasks[1]);
    s.conn.execute("INSERT INTO task_progress(task_id, unit, period, status, operator, created_at, updated_at) VALUES (?1, '清河县', '2026-11', '推进中', '张三', 't', 't')", [with_progress.id]).unwrap();
    s.conn.execute("INSERT INTO enterprises(id, uscc, name, county, created_at, updated_at) VALUES (5, 'U5', '甲公司', '清河县', 't', 't')", []).unwrap();
    for _ in 0..2 {
        s.conn.execute("INSERT INTO problems(enterprise_id, source, category, description, received_on, state, created_at, updated_at, plan_id, task_id) VALUES (5, '入企服务', '融资', 'x', '2026-03-01', '征集', 't', 't', ?1, ?2)", [plan, with_progress.id]).unwrap();
    }
    let refused = err(delete_measure(&mut s, with_progress.id));
    assert!(refused.contains("已有1 条进展记录、2 个关联问题，不能删除"), "{refused}");
    delete_measure(&mut s, free.id).unwrap();
    let after = list_tasks(&s, plan).unwrap();
    assert_eq!(after.len(), 20);
    assert!(after.iter().all(|t| t.id != free.id));
    assert_eq!(after.iter().map(|t| t.seq).collect::<Vec<_>>(), (1..=20).collect::<Vec<_>>());
    let deleted: String = s.conn.query_row("SELECT old_value FROM audit_log WHERE table_name = 'tasks' AND action = 'delete'", [], |r| r.get(0)).unwrap();
    assert!(deleted.starts_with(&format!("{}.{} {}", free.action_no, free.measure_no, free.title)));
}

fn indicator(name: &str, unit: &str, computed: bool, per_year: bool, yearly: &str, targets: &[(i64, &str)]) -> IndicatorInput {
    IndicatorInput {
        name: name.into(),
        unit: unit.into(),
        computed,
        per_year,
        yearly_target: yearly.into(),
        targets: targets.iter().map(|(year, t)| TargetText { year: *year, target: t.to_string() }).collect(),
        note: String::new(),
    }
}

#[test]
fn indicators_and_their_targets_are_edited_within_the_plan() {
    let (mut s, plan) = next_plan();
    let before = list_indicators(&s, plan).unwrap().len();
    let added = add_indicator(&mut s, plan, &indicator("省级制造业单项冠军", "家", false, true, "2", &[(2027, "≥3")])).unwrap();
    assert_eq!((added.key.as_str(), added.yearly_target, added.targets.clone()), ("custom_1", Some(2.0), vec![YearTarget { year: 2027, target: 3.0 }]));
    let list = list_indicators(&s, plan).unwrap();
    assert_eq!((list.len(), list.last().unwrap().key.as_str()), (before + 1, "custom_1"), "added after the last one");
    // A milestone moved: 小巨人 60 by 2028, none for 2027.
    let lg = list.iter().find(|i| i.key == "little_giant").unwrap().clone();
    assert_eq!(lg.targets.iter().map(|t| t.year).collect::<Vec<_>>(), vec![2027, 2028], "copied milestones shifted into the period");
    let mut input = indicator(&lg.name, &lg.unit, true, false, "", &[(2028, "60"), (2027, "")]);
    let changed = update_indicator(&mut s, plan, "little_giant", &input).unwrap();
    assert_eq!(changed.targets, vec![YearTarget { year: 2028, target: 60.0 }]);
    let loaded = crate::targets::plan_indicators(&s, &get_plan(&s, plan).unwrap()).unwrap();
    assert_eq!(loaded.iter().find(|i| i.key == "little_giant").unwrap().targets.get(&2028), Some(&60.0), "the dashboard reads the new target");
    let original = crate::targets::plan_indicators(&s, &get_plan(&s, 1).unwrap()).unwrap();
    assert_eq!(original.iter().find(|i| i.key == "little_giant").unwrap().targets.get(&2025), Some(&50.0), "the 2022 plan unchanged");
    let fields: Vec<(String, String, String)> = {
        let mut stmt = s.conn.prepare("SELECT field, old_value, new_value FROM audit_log WHERE table_name = 'target_indicators' AND row_key = ?1 ORDER BY id").unwrap();
        stmt.query_map([format!("{plan}:little_giant")], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(fields, vec![("2027年目标".into(), "30".into(), "".into()), ("2028年目标".into(), "50".into(), "60".into())]);

    input.targets = vec![TargetText { year: 2028, target: "六十".into() }];
    assert!(err(update_indicator(&mut s, plan, "little_giant", &input)).contains("2028年目标“六十”不是数字"));
    input.targets = vec![TargetText { year: 2030, target: "60".into() }];
    assert!(err(update_indicator(&mut s, plan, "little_giant", &input)).contains("2030年不在本方案实施期限"));
    assert!(err(add_indicator(&mut s, plan, &indicator("“领跑者”企业营业收入", "亿元", true, false, "", &[]))).contains("无法由企业库计算"));
    assert!(err(add_indicator(&mut s, plan, &indicator("省级制造业单项冠军", "家", false, true, "", &[]))).contains("本方案已有指标"));
    assert!(err(add_indicator(&mut s, plan, &indicator("覆盖率", "%", false, false, "", &[(2028, "120")]))).contains("超过 100%"));
    assert!(err(add_indicator(&mut s, plan, &indicator("覆盖率", "%", false, false, "5", &[]))).contains("不填“每年目标”"));
    assert!(err(add_indicator(&mut s, plan, &indicator(" ", "家", false, true, "", &[]))).contains("请填写指标名称"));
    assert!(err(add_indicator(&mut s, 1, &indicator("新指标", "家", false, true, "1", &[]))).contains("只读"));
}

#[test]
fn an_indicator_with_entries_is_kept() {
    let (mut s, plan) = next_plan();
    let added = add_indicator(&mut s, plan, &indicator("省级制造业单项冠军", "家", false, true, "2", &[])).unwrap();
    let entry = crate::targets::TargetEntryInput { plan_id: Some(plan), indicator: added.key.clone(), year: 2026, value: 1.0, entered_on: "2026-11-30".into(), source: "省工信厅名单".into(), entered_by: None, county: None };
    crate::targets::save_entry(&mut s, &entry).unwrap();
    assert!(err(delete_indicator(&mut s, plan, &added.key)).contains("已有 1 条填报值，不能删除"));
    crate::targets::delete_entry(&mut s, Some(plan), &added.key, 2026, None).unwrap();
    delete_indicator(&mut s, plan, &added.key).unwrap();
    assert!(list_indicators(&s, plan).unwrap().iter().all(|i| i.key != added.key));
    assert_eq!(audit_count(&s, "target_indicators"), 2, "the insert and the delete (a yearly target has no per-year rows)");
}
