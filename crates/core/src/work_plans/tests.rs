//! Tests of work plans as records: the 2022 plan migrated in place from a store of schema 7,
//! the lifecycle, the current plan, editing and locking.
use super::*;
use crate::store::migrate::migrate_to;

/// A store as the release before work plans left it: two measures with progress, targets with a
/// manual entry, an enterprise with a problem and a 一企一策, an award.
fn schema7_store(path: &std::path::Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    migrate_to(&conn, 7);
    conn.execute_batch(
        "INSERT INTO tasks(id, seq, action_no, action, measure_no, title, content, units, deadline) VALUES
           (11, 1, 1, '企业上市行动', 1, '锁定培育目标', '遴选30家', '[\"市工业和信息化局\"]', '2023年底'),
           (12, 2, 1, '企业上市行动', 2, '精准培训辅导', '培训', '[\"市工业和信息化局\"]', '长期坚持');
         INSERT INTO task_progress(task_id, unit, period, status, text, operator, created_at, updated_at) VALUES
           (11, '市工业和信息化局', '2025Q4', '已完成', '已遴选30家', '张三', 't', 't'),
           (12, '清河县', '2025-11', '推进中', '培训两场', '李四', 't', 't');
         INSERT INTO target_indicators(key, name, unit, kind, per_year, yearly_target, note, sort) VALUES
           ('little_giant', '专精特新“小巨人”企业数', '家', 'computed', 0, NULL, NULL, 1),
           ('green_factories', '省级以上绿色工厂', '家', 'manual', 1, 3, NULL, 2),
           ('diagnosis_coverage', '“领跑者”企业数字化诊断覆盖率', '%', 'manual', 0, NULL, NULL, 3);
         INSERT INTO target_values(indicator, year, target) VALUES ('little_giant', 2023, 30), ('little_giant', 2025, 50);
         INSERT INTO target_entries(indicator, year, value, entered_on, source, entered_by, updated_at) VALUES
           ('green_factories', 2025, 4, '2025-12-20', '省工信厅名单', '王五', 't');
         INSERT INTO enterprises(id, uscc, name, county, created_at, updated_at) VALUES (5, 'U5', '甲公司', '清河县', 't', 't');
         INSERT INTO problems(id, enterprise_id, source, category, description, received_on, state, created_at, updated_at) VALUES
           (7, 5, '入企服务', '融资', '流动资金紧张', '2025-03-01', '征集', 't', 't');
         INSERT INTO problem_progress(problem_id, date, unit, content, operator, created_at) VALUES (7, '2025-03-05', '市金融工作局', '对接银行', '张三', 't');
         INSERT INTO plans(enterprise_id, year, created_at, updated_at) VALUES (5, 2025, 't', 't');
         INSERT INTO award_catalog(name, category, amount_wan, source, sort) VALUES ('中国质量奖', '质量奖励', 100, '市级', 1);
         INSERT INTO settings(key, value) VALUES ('seed_version', '1'), ('award_seed_version', '1');",
    )
    .unwrap();
}

fn count(s: &Store, sql: &str) -> i64 {
    s.conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn the_2022_plan_migrates_in_place_with_all_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    schema7_store(&path);
    let s = Store::open(&path).unwrap();
    let plan = get_plan(&s, 1).unwrap();
    assert_eq!((plan.title.as_str(), plan.start_year, plan.end_year), ("邢台市特色产业集群“领跑者”企业培育工作方案", 2022, 2025));
    assert_eq!(plan.issued_on.as_deref(), Some("2022-08-03"), "metadata from assets/seed/plan.json");
    assert_eq!(count(&s, "SELECT count(*) FROM tasks WHERE plan_id = 1 AND id IN (11, 12)"), 2, "ids kept");
    assert_eq!(count(&s, "SELECT count(*) FROM task_progress WHERE task_id IN (11, 12)"), 2, "progress kept");
    assert_eq!(count(&s, "SELECT count(*) FROM target_entries WHERE plan_id = 1 AND indicator = 'green_factories' AND value = 4"), 1);
    assert_eq!(count(&s, "SELECT count(*) FROM target_values WHERE plan_id = 1 AND indicator = 'little_giant'"), 2);
    assert_eq!(count(&s, "SELECT count(*) FROM problems WHERE plan_id = 1 AND id = 7"), 1);
    assert_eq!(count(&s, "SELECT count(*) FROM problem_progress WHERE problem_id = 7"), 1);
    assert_eq!(count(&s, "SELECT count(*) FROM enterprise_plans WHERE enterprise_id = 5"), 1);
    assert_eq!(count(&s, "SELECT count(*) FROM award_catalog WHERE plan_id = 1 AND name = '中国质量奖'"), 1);
    let name: String = s.conn.query_row("SELECT name FROM target_indicators WHERE plan_id = 1 AND key = 'diagnosis_coverage'", [], |r| r.get(0)).unwrap();
    assert_eq!(name, "特色产业集群工业诊断服务覆盖率", "the seed's misstatement corrected");
    assert_eq!(count(&s, "SELECT count(*) FROM target_indicators WHERE plan_id = 1 AND key = 'standard_leaders'"), 1, "the missing indicator added");
    assert_eq!(count(&s, "SELECT count(*) FROM tasks WHERE plan_id = 1"), 21, "the other measures seeded beside the kept ones");
    assert!(crate::store::check_store(&s, false).unwrap().ok);
}

#[test]
fn lifecycle_current_plan_edit_and_lock() {
    let mut s = Store::open_in_memory().unwrap();
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    assert_eq!(status_of(2022, 2025, d(2026, 12, 3)), ("ended", "已结束"));
    assert_eq!(status_of(2026, 2028, d(2026, 12, 3)), ("active", "实施中"));
    assert_eq!(status_of(2027, 2028, d(2026, 12, 3)), ("upcoming", "未开始"));
    let plans = list_plans(&s).unwrap();
    assert_eq!(plans.len(), 1);
    assert!(plans[0].current && plans[0].measures == 21 && plans[0].indicators >= 24);
    let next = copy_plan(&mut s, 1, 2026, 2028, Some("邢台市领跑者企业培育工作方案（2026—2028年）")).unwrap();
    assert_eq!(current_plan_id(&s).unwrap(), 1, "a copy does not switch");
    use_plan(&s, next.id).unwrap();
    assert_eq!(resolve(&s, None).unwrap().id, next.id);
    assert!(use_plan(&s, 99).unwrap_err().to_string().contains("没有编号为 99"));
    let mut input = WorkPlanInput { title: " 新标题 ".into(), issuer: "邢台市人民政府办公室".into(), doc_no: "邢政办字〔2026〕1号".into(), issued_on: Some("2026-02-01".into()), start_year: 2026, end_year: 2028 };
    let edited = update_plan(&mut s, next.id, &input).unwrap();
    assert_eq!((edited.title.as_str(), edited.doc_no.as_str()), ("新标题", "邢政办字〔2026〕1号"));
    input.issued_on = Some("二月".into());
    assert!(update_plan(&mut s, next.id, &input).unwrap_err().to_string().contains("印发日期"));
    assert!(ensure_editable(&s, 1).is_err(), "the ended 2022 plan is read-only by default");
    set_unlocked(&mut s, 1, true).unwrap();
    assert!(ensure_editable(&s, 1).is_ok());
    assert_eq!(count(&s, "SELECT count(*) FROM audit_log WHERE table_name = 'work_plans'"), 1 + 3 + 1);
}
