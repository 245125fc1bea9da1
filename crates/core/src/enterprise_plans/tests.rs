use super::*;
use crate::ledger::tests::{new_problem, store_with_two};

pub(crate) fn sample_body() -> PlanBody {
    PlanBody {
        target_board: Some("北交所".into()),
        situation_note: "企业主营农机装备，2025年完成股改。".into(),
        white_list: true,
        eco_positive_list: false,
        goals: vec![
            PlanGoal { kind: "上市".into(), year: Some(2027), content: "2027年向北交所提交申报材料".into() },
            PlanGoal { kind: "研发".into(), year: Some(2026), content: "研发投入占比达到4%".into() },
        ],
        measures: vec![
            PlanMeasure { content: "协调券商开展辅导".into(), unit: "市金融工作局".into(), person: "张三".into(), deadline: Some("2026年12月31日".into()), status: "推进中".into() },
            PlanMeasure { content: "申报省级企业技术中心".into(), unit: "市工业和信息化局".into(), person: "李四".into(), deadline: None, status: "已完成".into() },
            PlanMeasure { content: "  ".into(), unit: "".into(), person: "".into(), deadline: None, status: "未启动".into() },
        ],
        visits: vec![PlanVisit { date: Some("2026-10-12".into()), visitor: "市工信局 王五".into(), findings: "流动资金紧张".into(), advice: "对接银行授信".into() }],
        financing: vec![PlanFinancing { need: "流动资金贷款".into(), bank: "邢台银行".into(), amount_wan: Some(500.0), product: "科创贷".into(), result: "已授信".into() }],
        awards: vec![PlanAward { award_id: Some(4), name: "邢台市政府质量奖（组织奖）".into(), year: Some(2025), amount_wan: Some(20.0), note: "".into() }],
    }
}

#[test]
fn a_new_plan_is_prefilled_from_the_pool_and_saves_with_an_audit() {
    let (mut s, a, _) = store_with_two();
    s.conn.execute(
        "UPDATE enterprises SET cluster = '南和农机', main_business = '农机装备', target_board = '北交所', listing_stage = '已股改',
                specialized = 1, specialized_year = 2023, high_tech = 1, white_list = 1 WHERE id = ?1", [a]).unwrap();
    s.conn.execute("INSERT INTO enterprise_figures(enterprise_id, year, revenue_wan, rd_ratio_pct) VALUES (?1, 2024, 1000, 3.1), (?1, 2025, 1200, 3.5)", [a]).unwrap();
    let draft = get_plan(&s, a, 2026).unwrap();
    assert_eq!(draft.id, None);
    assert_eq!((draft.situation.revenue_wan, draft.situation.figures_year), (Some(1200.0), Some(2025)));
    assert_eq!(draft.situation.qualifications, vec!["专精特新中小企业（2023年）", "高新技术企业"]);
    assert_eq!((draft.body.target_board.as_deref(), draft.body.white_list), (Some("北交所"), true));
    new_problem(&mut s, a, "融资");
    let saved = save_plan(&mut s, a, 2026, &sample_body()).unwrap();
    assert!(saved.id.is_some());
    assert_eq!(saved.body.measures.len(), 2, "blank rows are dropped");
    assert_eq!(saved.body.measures[0].deadline.as_deref(), Some("2026-12-31"));
    assert_eq!((saved.problems.len(), saved.years.clone()), (1, vec![2026]));
    let audits = |s: &Store| -> i64 { s.conn.query_row("SELECT count(*) FROM audit_log WHERE table_name = 'enterprise_plans'", [], |r| r.get(0)).unwrap() };
    assert_eq!(audits(&s), 9);
    let mut changed = sample_body();
    changed.measures[0].status = "已完成".into();
    save_plan(&mut s, a, 2026, &changed).unwrap();
    assert_eq!(audits(&s), 10, "only the measures section changed");
    let mut bad = sample_body();
    bad.measures[0].status = "进行".into();
    assert!(save_plan(&mut s, a, 2026, &bad).unwrap_err().to_string().contains("状态"));
    assert_eq!(save_plan(&mut s, 77, 2026, &bad).unwrap_err().code(), "not_found");
}

#[test]
fn copying_to_next_year_keeps_goals_and_open_measures_only() {
    let (mut s, a, b) = store_with_two();
    assert!(copy_to_next_year(&mut s, a, 2026).unwrap_err().to_string().contains("请先保存"));
    save_plan(&mut s, a, 2026, &sample_body()).unwrap();
    let next = copy_to_next_year(&mut s, a, 2026).unwrap();
    assert_eq!(next.year, 2027);
    assert_eq!(next.body.goals.len(), 2);
    assert_eq!(next.body.measures.len(), 1);
    assert!(next.body.visits.is_empty() && next.body.awards.is_empty() && next.body.financing.is_empty());
    assert_eq!(next.years, vec![2026, 2027]);
    assert_eq!(default_year(&s, a).unwrap(), 2027);
    assert!(copy_to_next_year(&mut s, a, 2026).unwrap_err().to_string().contains("不能覆盖"));
    save_plan(&mut s, b, 2026, &PlanBody::default()).unwrap();
    let all = list_plans(&s, None, Some(2026)).unwrap();
    assert_eq!(all.len(), 2);
    let nanhe = list_plans(&s, Some("南和区"), None).unwrap();
    assert_eq!(nanhe.iter().map(|p| p.year).collect::<Vec<_>>(), vec![2026, 2027]);
    assert_eq!((nanhe[0].measures, nanhe[0].measures_done, nanhe[0].visits), (2, 1, 1));
}
