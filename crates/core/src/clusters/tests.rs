//! Cluster records (add, rename with history, county, delete only when empty, restore), the
//! totals per year against a fixture, the diagnosis coverage, the plan's save and audit, the .docx.
use super::plan::{get_plan, save_plan, Alliance, AllianceMember, ClusterGoal, ClusterMeasure, ClusterPlanBody, Diagnosis, GoalTarget};
use super::totals::cluster_overview;
use super::*;

const A: &str = "91130506MA01RRJY81";
const B: &str = "91130528MA08TU9953";
const C: &str = "91130500183803681N";

/// 南和农机装备 with three enterprises (A 领跑者 省级 2023, B 专精特新 since 2023, C without
/// figures for 2024) and one enterprise elsewhere.
pub(crate) fn fixture() -> (Store, i64) {
    let s = Store::open_in_memory().unwrap();
    s.conn
        .execute_batch(&format!(
            "INSERT INTO enterprises(id, uscc, name, county, cluster, is_leader, leader_level, leader_batch, specialized, specialized_year, created_at, updated_at) VALUES
               (1, '{A}', '河北嘉坤农机装备股份有限公司', '南和区', '南和农机装备', 1, '省级', 2023, NULL, NULL, '', ''),
               (2, '{B}', '南和某某农机有限公司', '南和区', '南和农机装备', 0, NULL, NULL, 1, 2023, '', ''),
               (3, '{C}', '南和某某机械有限公司', '南和区', '南和农机装备', NULL, NULL, NULL, NULL, NULL, '', ''),
               (4, '91130500MA0CXXXX01', '南和某某宠物食品有限公司', '南和区', '南和宠物食品', NULL, NULL, NULL, 1, 2020, '', '');
             INSERT INTO enterprise_figures(enterprise_id, year, revenue_wan, rd_expense_wan, rd_ratio_pct) VALUES
               (1, 2023, 10000, 300, NULL), (2, 2023, 5000, NULL, 4.0), (3, 2023, 1000, NULL, NULL),
               (1, 2024, 12000, 480, NULL), (2, 2024, 6000, 240, NULL),
               (4, 2024, 99999, 9999, NULL);"
        ))
        .unwrap();
    let id = cluster_by_name(&s, "南和农机装备").unwrap().id;
    (s, id)
}

fn audit_rows(s: &Store, table: &str) -> Vec<(String, Option<String>, Option<String>, Option<String>)> {
    let mut stmt = s.conn.prepare("SELECT row_key, field, old_value, new_value FROM audit_log WHERE table_name = ?1 ORDER BY id").unwrap();
    stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn the_seeded_clusters_are_records_with_their_counts() {
    let (s, id) = fixture();
    let all = list_clusters(&s, false).unwrap();
    assert_eq!(all.len(), 22);
    let c = all.iter().find(|c| c.id == id).unwrap();
    assert_eq!((c.county.as_deref(), c.enterprises, c.leaders, c.has_plan), (Some("南和区"), 3, 1, false));
}

#[test]
fn a_rename_keeps_history_and_the_enterprises_follow() {
    let (mut s, id) = fixture();
    s.set_setting("operator", "张三").unwrap();
    let c = rename_cluster(&mut s, id, " 南和农机 ").unwrap();
    assert_eq!((c.name.as_str(), c.enterprises), ("南和农机", 3));
    let n: i64 = s.conn.query_row("SELECT count(*) FROM enterprises WHERE cluster = '南和农机装备'", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0, "no enterprise keeps the old name");
    let h = renames(&s, id).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!((h[0].old_name.as_str(), h[0].new_name.as_str(), h[0].operator.as_str(), h[0].enterprises), ("南和农机装备", "南和农机", "张三", 3));
    assert_eq!(h[0].renamed_at.len(), 19);
    let audited = audit_rows(&s, "enterprises");
    assert_eq!(audited.len(), 3);
    assert!(audited.iter().all(|(_, f, o, n)| f.as_deref() == Some("cluster") && o.as_deref() == Some("南和农机装备") && n.as_deref() == Some("南和农机")));
    assert_eq!(audit_rows(&s, "clusters"), vec![("南和农机".into(), Some("name".into()), Some("南和农机装备".into()), Some("南和农机".into()))]);
    // The shipped name is not seeded again.
    crate::store::settings::set(&s.conn, "seed_version", "0").unwrap();
    crate::store::seed::seed(&mut s.conn).unwrap();
    assert!(cluster_by_name(&s, "南和农机装备").is_err());
    assert!(crate::reference::list_clusters(&s).unwrap().contains(&"南和农机".to_string()));

    for (name, want) in [("", "请填写集群名称"), ("南和宠物食品", "已有名为“南和宠物食品”的集群"), ("南和农机", "相同")] {
        let e = rename_cluster(&mut s, id, name).unwrap_err();
        assert!(e.to_string().contains(want), "{name}: {e}");
    }
}

#[test]
fn add_set_county_delete_when_empty_and_restore() {
    let (mut s, id) = fixture();
    let c = add_cluster(&mut s, "南和智能装备", Some("南和区")).unwrap();
    assert_eq!((c.enterprises, c.county.as_deref()), (0, Some("南和区")));
    assert!(add_cluster(&mut s, "南和智能装备", None).unwrap_err().to_string().contains("已有名为"));
    assert!(add_cluster(&mut s, "某集群", Some("北京市")).unwrap_err().to_string().contains("不是邢台市的县"));
    let c = set_cluster_county(&mut s, c.id, Some("任泽区")).unwrap();
    assert_eq!(c.county.as_deref(), Some("任泽区"));
    assert_eq!(audit_rows(&s, "clusters").last().unwrap(), &("南和智能装备".into(), Some("county".into()), Some("南和区".into()), Some("任泽区".into())));

    let e = delete_cluster(&mut s, id).unwrap_err();
    assert!(e.to_string().contains("还有 3 家企业"), "{e}");
    let gone = delete_cluster(&mut s, c.id).unwrap();
    assert!(gone.deleted_at.is_some());
    assert!(!crate::reference::list_clusters(&s).unwrap().contains(&"南和智能装备".to_string()));
    assert_eq!(list_clusters(&s, true).unwrap().len(), 1);
    assert!(add_cluster(&mut s, "南和智能装备", None).unwrap_err().to_string().contains("回收站中已有"));
    assert!(rename_cluster(&mut s, c.id, "别名").unwrap_err().to_string().contains("在回收站中"));
    let back = restore_cluster(&mut s, c.id).unwrap();
    assert!(back.deleted_at.is_none());
    assert!(list_clusters(&s, true).unwrap().is_empty());
}

#[test]
fn totals_per_year_are_sums_and_the_rd_ratio_is_of_the_sums() {
    let (s, id) = fixture();
    let o = cluster_overview(&s, id).unwrap();
    assert_eq!(o.enterprises.len(), 3);
    assert_eq!(o.enterprises[0].name, "河北嘉坤农机装备股份有限公司", "领跑者 first");
    assert_eq!((o.enterprises[0].leader_level.as_deref(), o.enterprises[0].leader_batch), (Some("省级"), Some(2023)));
    assert_eq!(o.enterprises[0].revenue_wan, Some(12000.0));
    let years: Vec<_> = o.years.iter().map(|y| (y.year, y.enterprises, y.revenue_wan, y.rd_expense_wan, y.rd_ratio_pct, y.rd_counted, y.specialized)).collect();
    // 2023: 研发投入 300 + 4% × 5000 = 500 over 营业收入 15000 (C has none) = 3.33 %.
    // 2024: (480 + 240) / 18000 = 4 %. 专精特新: B since 2023.
    assert_eq!(years, vec![
        (2023, 3, Some(16000.0), Some(500.0), Some(3.33), 2, 1),
        (2024, 2, Some(18000.0), Some(720.0), Some(4.0), 2, 1),
    ]);
}

fn body() -> ClusterPlanBody {
    ClusterPlanBody {
        note: " 集群共有规上企业 3 家 ".into(),
        goals: vec![
            ClusterGoal { content: "集群营业收入".into(), unit: "亿元".into(), targets: vec![GoalTarget { year: 2025, value: 2.5 }, GoalTarget { year: 2024, value: 2.0 }] },
            ClusterGoal { content: "  ".into(), ..Default::default() },
        ],
        measures: vec![ClusterMeasure { content: "组织农机装备产需对接会".into(), unit: "南和区工信局".into(), deadline: Some("2025年6月30日".into()), status: "推进中".into() }],
        alliance: Alliance {
            name: "南和农机装备产业集群联盟".into(),
            founded_on: Some("2024-03-15".into()),
            lead_uscc: Some(A.to_lowercase()),
            lead_name: String::new(),
            members: vec![AllianceMember { uscc: Some(B.into()), name: String::new() }, AllianceMember { uscc: None, name: "河北农业大学".into() }],
        },
        diagnoses: vec![
            Diagnosis { uscc: Some(A.into()), name: String::new(), date: Some("2024-05-10".into()), done: true, findings: "装配线自动化程度低".into() },
            Diagnosis { uscc: Some(B.into()), name: String::new(), date: Some("2025-03-01".into()), done: false, findings: String::new() },
        ],
    }
}

#[test]
fn the_plan_saves_cleaned_in_one_audited_write_and_shows_the_coverage() {
    let (mut s, id) = fixture();
    let draft = get_plan(&s, id).unwrap();
    assert!(draft.updated_at.is_none());
    assert_eq!((draft.coverage.done, draft.coverage.total, draft.coverage.pct), (0, 3, Some(0.0)));
    let p = save_plan(&mut s, id, &body()).unwrap();
    assert!(p.updated_at.is_some());
    assert_eq!(p.body.note, "集群共有规上企业 3 家");
    assert_eq!(p.body.goals.len(), 1);
    assert_eq!(p.body.goals[0].targets.iter().map(|t| t.year).collect::<Vec<_>>(), vec![2024, 2025]);
    assert_eq!(p.body.measures[0].deadline.as_deref(), Some("2025-06-30"));
    assert_eq!((p.body.alliance.lead_uscc.as_deref(), p.body.alliance.lead_name.as_str()), (Some(A), "河北嘉坤农机装备股份有限公司"));
    assert_eq!(p.body.alliance.members[0].name, "南和某某农机有限公司");
    // A diagnosed, B planned, C not yet: 1 of 3.
    assert_eq!((p.coverage.done, p.coverage.planned, p.coverage.total, p.coverage.pct), (1, 1, 3, Some(33.3)));
    assert!(get_cluster(&s, id).unwrap().has_plan);
    let audited = audit_rows(&s, "cluster_plans");
    assert_eq!(audited.iter().map(|a| a.1.clone().unwrap()).collect::<Vec<_>>(), vec!["note", "goals", "measures", "alliance", "diagnoses"]);
    assert!(audited.iter().all(|a| a.2.is_none()));

    // Saving the same again changes nothing; a changed section is audited with old and new.
    save_plan(&mut s, id, &p.body).unwrap();
    assert_eq!(audit_rows(&s, "cluster_plans").len(), 5);
    let mut next = p.body.clone();
    next.diagnoses[1].done = true;
    let p2 = save_plan(&mut s, id, &next).unwrap();
    assert_eq!((p2.coverage.done, p2.coverage.pct), (2, Some(66.7)));
    let last = audit_rows(&s, "cluster_plans").pop().unwrap();
    assert_eq!(last.1.as_deref(), Some("diagnoses"));
    assert!(last.2.unwrap().contains("\"done\":false") && last.3.unwrap().contains("\"done\":true"));

    // Bad input: a clear message and nothing written.
    let before = get_plan(&s, id).unwrap();
    for (change, want) in [
        (Box::new(|b: &mut ClusterPlanBody| b.measures[0].status = "完成了".into()) as Box<dyn Fn(&mut ClusterPlanBody)>, "第 1 条措施"),
        (Box::new(|b: &mut ClusterPlanBody| b.diagnoses[0].uscc = Some("91130500MA0CZZZZ99".into())), "第 1 条诊断：企业库中没有"),
        (Box::new(|b: &mut ClusterPlanBody| b.diagnoses[0].uscc = None), "请从企业库中选择"),
        (Box::new(|b: &mut ClusterPlanBody| b.alliance.founded_on = Some("去年".into())), "联盟成立时间"),
        (Box::new(|b: &mut ClusterPlanBody| b.goals[0].targets.push(GoalTarget { year: 2024, value: 1.0 })), "2024年的目标值填了两次"),
    ] {
        let mut b = before.body.clone();
        change(&mut b);
        let e = save_plan(&mut s, id, &b).unwrap_err();
        assert!(e.to_string().contains(want), "{want}: {e}");
    }
    assert_eq!(get_plan(&s, id).unwrap().body, before.body);
}

#[test]
fn the_docx_has_the_title_sections_tables_and_coverage() {
    let (mut s, id) = fixture();
    save_plan(&mut s, id, &body()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("一群一策.docx");
    super::docx::export_plan(&s, id, &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    docx_rs::read_docx(&bytes).expect("the docx opens");
    let mut xml = String::new();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    for t in ["南和农机装备特色产业集群“一群一策”工作方案", "一、集群基本情况", "四、产业集群联盟", "南和农机装备产业集群联盟",
        "2024年3月15日", "河北农业大学", "诊断服务覆盖率：33.3%（已诊断 1 家 / 集群企业 3 家；计划诊断 1 家）", "装配线自动化程度低",
        "组织农机装备产需对接会", "2025年6月30日", "18000.00", "3.33%", "南和某某机械有限公司"] {
        assert!(xml.contains(t), "missing {t}");
    }
    assert!(xml.contains("w:eastAsia=\"方正小标宋简体\""));
    assert_eq!(xml.matches("<w:tbl>").count(), 9);
}
