//! The lists with history, the enterprise-list filters and batch edits with undo, against the
//! 南和区 sample pool (25 enterprises; its expected values are the oracle of the filter counts).
use super::*;
use crate::enterprise::detail::{delete_enterprise, get_enterprise, update_enterprise};
use crate::enterprise::import::{commit, ImportOptions};
use crate::enterprise::{list_enterprises, matching_ids, EnterpriseQuery};
use crate::Store;
use pacesetter_testkit::{expected, sample, write_sheet};
use serde_json::Value as Json;

fn nanhe() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    commit(&mut s, &sample("county_nanhe_clean.xlsx"), &ImportOptions::default()).unwrap();
    s
}

fn total(s: &Store, q: &EnterpriseQuery) -> i64 {
    let page = list_enterprises(s, q).unwrap();
    assert_eq!(matching_ids(s, q).unwrap().len() as i64, page.total, "matching_ids agrees with the list");
    page.total
}

/// How many of the sample's expected enterprises satisfy `pred`.
fn oracle(pred: impl Fn(&Json) -> bool) -> i64 {
    expected("county_nanhe_clean.xlsx")["enterprises"].as_array().unwrap().iter().filter(|e| pred(e)).count() as i64
}

fn words(v: &[&str]) -> Option<Vec<String>> {
    Some(v.iter().map(|s| s.to_string()).collect())
}

fn id_of(s: &Store, name: &str) -> i64 {
    s.conn.query_row("SELECT id FROM enterprises WHERE name = ?1", [name], |r| r.get(0)).unwrap()
}

fn records(s: &Store, id: i64) -> Vec<Membership> {
    memberships(s, id).unwrap()
}

fn join_pool(reason: &str) -> BatchChange {
    BatchChange {
        list: Some(ListChange { list: ListKind::Pool, join: true, date: Some("2026-11-20".into()), reason: reason.into(), level: None, batch_year: None }),
        ..Default::default()
    }
}

fn specialized_reformed() -> EnterpriseQuery {
    EnterpriseQuery { qualifications: words(&["专精特新"]), stages: words(&["已股改"]), ..Default::default() }
}

#[test]
fn each_filter_and_combinations_count_as_the_sample_says() {
    let s = nanhe();
    let is = |e: &Json, k: &str| e[k] == Json::Bool(true);
    let q = |f: fn(&mut EnterpriseQuery)| {
        let mut q = EnterpriseQuery::default();
        f(&mut q);
        q
    };
    assert_eq!(total(&s, &q(|_| {})), 25);
    assert_eq!(total(&s, &q(|q| q.qualifications = words(&["专精特新"]))), oracle(|e| is(e, "specialized")));
    assert_eq!(total(&s, &q(|q| q.qualifications = words(&["high_tech"]))), oracle(|e| is(e, "high_tech")));
    assert_eq!(total(&s, &q(|q| q.qualifications = words(&["小巨人"]))), 0);
    assert_eq!(
        total(&s, &q(|q| q.qualifications = words(&["专精特新", "高新"]))),
        oracle(|e| is(e, "specialized") && is(e, "high_tech"))
    );
    assert_eq!(total(&s, &q(|q| q.stages = words(&["已股改"]))), oracle(|e| e["listing_stage"] == "已股改"));
    assert_eq!(
        total(&s, &q(|q| q.stages = words(&["已股改", "辅导备案"]))),
        oracle(|e| e["listing_stage"] == "已股改" || e["listing_stage"] == "辅导备案")
    );
    assert_eq!(total(&s, &q(|q| q.stages = words(&["未填"]))), oracle(|e| e["listing_stage"].is_null()));
    assert_eq!(total(&s, &q(|q| q.boards = words(&["北交所"]))), oracle(|e| e["target_board"] == "北交所"));
    assert_eq!(total(&s, &q(|q| q.cluster = Some("南和宠物食品".into()))), oracle(|e| e["cluster"] == "南和宠物食品"));
    let rev = |e: &Json| e["revenue_wan"].as_f64().unwrap_or(-1.0);
    assert_eq!(total(&s, &q(|q| q.revenue_min = Some(20000.0))), oracle(|e| rev(e) >= 20000.0));
    assert_eq!(
        total(&s, &q(|q| { q.revenue_min = Some(5000.0); q.revenue_max = Some(20000.0) })),
        oracle(|e| (5000.0..=20000.0).contains(&rev(e)))
    );
    let rd = |e: &Json| e["rd_ratio_pct"].as_f64().unwrap_or(-1.0);
    assert_eq!(total(&s, &q(|q| q.rd_ratio_min = Some(3.0))), oracle(|e| rd(e) >= 3.0));
    // Combined: every filter must hold.
    assert_eq!(total(&s, &specialized_reformed()), oracle(|e| is(e, "specialized") && e["listing_stage"] == "已股改"));
    assert_eq!(total(&s, &specialized_reformed()), 2);
    assert_eq!(
        total(&s, &q(|q| { q.qualifications = words(&["高新"]); q.boards = words(&["北交所"]); q.rd_ratio_min = Some(3.0) })),
        oracle(|e| is(e, "high_tech") && e["target_board"] == "北交所" && rd(e) >= 3.0)
    );
    // Figures of a year: the sample's year has figures for all, an earlier year for none.
    let year = list_enterprises(&s, &EnterpriseQuery::default()).unwrap().rows[0].figures_year.unwrap();
    assert_eq!(total(&s, &q(|q| q.missing_figures = Some(2019))), 25);
    let mut with_year = EnterpriseQuery { missing_figures: Some(year), ..Default::default() };
    assert_eq!(total(&s, &with_year), 0);
    with_year = EnterpriseQuery { figures_year: Some(year - 1), revenue_min: Some(0.0), ..Default::default() };
    assert_eq!(total(&s, &with_year), 0, "no figures in the year before");
    // Flags, tier, qualification year.
    s.conn.execute_batch("UPDATE enterprises SET white_list = 1, tier = '第一梯队', specialized_year = 2023 WHERE name LIKE '邢台%'").unwrap();
    // the others' certificates obtained 2019: valid through 2022 (a year with a 专精特新 counts its valid certificates)
    s.conn.execute_batch("UPDATE enterprises SET specialized_year = 2019 WHERE specialized = 1 AND name NOT LIKE '邢台%'").unwrap();
    let xingtai = oracle(|e| e["name"].as_str().unwrap().starts_with("邢台"));
    assert_eq!(total(&s, &q(|q| q.white_list = Some(true))), xingtai);
    assert_eq!(total(&s, &q(|q| q.white_list = Some(false))), 25 - xingtai);
    assert_eq!(total(&s, &q(|q| q.tier = Some("第一梯队".into()))), xingtai);
    assert_eq!(total(&s, &q(|q| q.tier = Some("未填".into()))), 25 - xingtai);
    assert_eq!(
        total(&s, &q(|q| { q.qualifications = words(&["专精特新"]); q.qualification_year = Some(2023) })),
        oracle(|e| is(e, "specialized") && e["name"].as_str().unwrap().starts_with("邢台"))
    );
    assert_eq!(
        total(&s, &q(|q| { q.qualifications = words(&["专精特新"]); q.qualification_year = Some(2022) })),
        oracle(|e| is(e, "specialized") && !e["name"].as_str().unwrap().starts_with("邢台"))
    );
    // A word that is no filter is refused, saying what can be chosen.
    let err = list_enterprises(&s, &q(|q| q.qualifications = words(&["国家级"]))).unwrap_err();
    assert!(err.to_string().contains("可选"), "{err}");
    let err = list_enterprises(&s, &q(|q| q.stages = words(&["快上市了"]))).unwrap_err();
    assert!(err.to_string().contains("上市进度"), "{err}");
}

#[test]
fn flags_set_before_records_migrate_into_open_records() {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    crate::store::migrate::migrate_to(&conn, 11);
    conn.execute_batch(
        "INSERT INTO enterprises(id, uscc, name, in_pool, is_leader, white_list, eco_positive_list, created_at, updated_at)
           VALUES (1, 'A', '甲', 1, 1, 0, NULL, '', ''), (2, 'B', '乙', NULL, 0, 1, 1, '', '');",
    )
    .unwrap();
    crate::store::migrate::migrate(&mut conn, None).unwrap();
    let rows: Vec<(i64, String, String, bool)> = conn
        .prepare("SELECT enterprise_id, list, source, closed_at IS NULL FROM list_memberships ORDER BY enterprise_id, list")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let want = [(1, "leader", true), (1, "pool", true), (2, "eco_positive", true), (2, "white_list", true)];
    assert_eq!(rows.len(), want.len(), "{rows:?}");
    for ((id, list, source, open), (wid, wlist, wopen)) in rows.iter().zip(want) {
        assert_eq!((*id, list.as_str(), *open), (wid, wlist, wopen));
        assert_eq!(source, "原有标记");
    }
    // The flags themselves are untouched: the flag is the current membership.
    let flags: (i64, i64) = conn.query_row("SELECT in_pool, is_leader FROM enterprises WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!(flags, (1, 1));
}

#[test]
fn the_form_keeps_flag_and_record_together() {
    let mut s = nanhe();
    let id = id_of(&s, "河北嘉坤农机装备股份有限公司");
    assert!(records(&s, id).is_empty());
    let mut d = get_enterprise(&s, id).unwrap().data;
    d.in_pool = Some(true);
    d.pool_entered_on = Some("2023-06".into());
    d.is_leader = Some(true);
    d.leader_level = Some("省".into());
    d.leader_batch = Some(2022);
    let saved = update_enterprise(&mut s, id, &d).unwrap().data;
    assert_eq!(saved.leader_level.as_deref(), Some("省级"));
    let r = records(&s, id);
    assert_eq!(r.len(), 2);
    assert_eq!((r[0].list, r[0].entered_on.as_deref(), r[0].current), (ListKind::Pool, Some("2023-06"), true));
    assert_eq!((r[1].list, r[1].level.as_deref(), r[1].batch_year), (ListKind::Leader, Some("省级"), Some(2022)));
    // Unticking closes the record; ticking again opens a new one: two stays in the history.
    let mut d = saved.clone();
    d.in_pool = Some(false);
    update_enterprise(&mut s, id, &d).unwrap();
    d.in_pool = Some(true);
    update_enterprise(&mut s, id, &d).unwrap();
    let pool: Vec<Membership> = records(&s, id).into_iter().filter(|m| m.list == ListKind::Pool).collect();
    assert_eq!(pool.len(), 2);
    assert!(pool[0].current && !pool[1].current, "{pool:?}");
    assert_eq!(pool_count(&s).unwrap().in_pool, 1);
    let mut wrong = saved;
    wrong.leader_level = Some("国家级".into());
    assert!(update_enterprise(&mut s, id, &wrong).unwrap_err().to_string().contains("级别"));
}

#[test]
fn imports_read_pool_date_and_leader_batch() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("入库名单.xlsx");
    let rows = [
        ["企业名称", "统一社会信用代码", "是否入库", "入库时间", "是否领跑者", "领跑者批次", "领跑者级别"],
        ["河北嘉坤农机装备股份有限公司", "91130506MA01RRJY81", "是", "2022年8月", "是", "2022年第一批", "省级"],
        ["南和翔盛农业机械有限公司", "911305067568074885", "否", "", "否", "", ""],
    ];
    write_sheet(&path, &rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect::<Vec<_>>());
    let mut s = Store::open_in_memory().unwrap();
    let report = commit(&mut s, &path, &ImportOptions::default()).unwrap();
    assert_eq!(report.inserted, 2, "{:?}", report.rejected);
    let id = id_of(&s, "河北嘉坤农机装备股份有限公司");
    let d = get_enterprise(&s, id).unwrap().data;
    assert_eq!((d.in_pool, d.pool_entered_on.as_deref(), d.leader_batch, d.leader_level.as_deref()), (Some(true), Some("2022-08"), Some(2022), Some("省级")));
    let r = records(&s, id);
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].entered_on.as_deref(), Some("2022-08"));
    assert_eq!(r[1].batch_year, Some(2022));
    assert!(records(&s, id_of(&s, "南和翔盛农业机械有限公司")).is_empty());
    let leaders = EnterpriseQuery { leader_batch: Some(2022), leader_level: Some("省级".into()), ..Default::default() };
    assert_eq!(total(&s, &leaders), 1);
    assert_eq!(total(&s, &EnterpriseQuery { in_pool: Some(false), ..Default::default() }), 1);
}

#[test]
fn batch_join_with_preview_then_undo_as_one_unit() {
    let mut s = nanhe();
    let req = BatchRequest { query: Some(specialized_reformed()), change: join_pool("拟于2027年申报北交所"), ..Default::default() };
    let audit_before: i64 = s.conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap();
    let preview = batch_preview(&s, &req).unwrap();
    assert_eq!((preview.matched, preview.changed, preview.dry_run, preview.batch_id), (2, 2, true, None));
    assert_eq!(preview.summary, "纳入上市培育库（2026年11月20日，理由：拟于2027年申报北交所）");
    let f = &preview.items[0].fields;
    assert!(f.iter().any(|f| f.field == "in_pool" && f.new.as_deref() == Some("是")), "{f:?}");
    assert!(f.iter().any(|f| f.field == "pool_entered_on" && f.new.as_deref() == Some("2026-11-20")));
    assert_eq!(pool_count(&s).unwrap().in_pool, 0, "a preview writes nothing");

    let done = batch_apply(&mut s, &req).unwrap();
    let batch = done.batch_id.unwrap();
    assert_eq!((done.changed, done.dry_run), (2, false));
    assert_eq!(pool_count(&s).unwrap().in_pool, 2);
    assert_eq!(total(&s, &EnterpriseQuery { in_pool: Some(true), ..Default::default() }), 2);
    let id = done.items[0].id;
    let r = records(&s, id);
    assert_eq!(r.len(), 1, "the trigger adds no second record");
    assert_eq!((r[0].entered_on.as_deref(), r[0].entered_reason.as_str()), (Some("2026-11-20"), "拟于2027年申报北交所"));
    assert_eq!(r[0].source, format!("批量修改#{batch}"));
    let sources: Vec<String> = s
        .conn
        .prepare("SELECT source FROM audit_log WHERE id > ?1")
        .unwrap()
        .query_map([audit_before], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(sources.len(), 2 * 2 + 1, "two fields each and the batch row");
    assert!(sources.iter().all(|x| *x == format!("批量修改#{batch}")));
    // Again: nothing left to change.
    let again = batch_preview(&s, &req).unwrap();
    assert_eq!((again.changed, again.unchanged), (0, 2));
    assert_eq!(again.items[0].note.as_deref(), Some("已在上市培育库"));
    assert_eq!(list_batches(&s).unwrap()[0].enterprises, 2);

    let undone = undo_batch(&mut s, batch).unwrap();
    assert_eq!((undone.reverted, undone.kept), (2, 0));
    assert_eq!(pool_count(&s).unwrap().in_pool, 0);
    assert!(records(&s, id).is_empty(), "the record the batch opened is gone");
    assert_eq!(get_enterprise(&s, id).unwrap().data.in_pool, None, "back to not filled in");
    assert!(undo_batch(&mut s, batch).unwrap_err().to_string().contains("撤销过"));
    assert!(list_batches(&s).unwrap()[0].undone_at.is_some());
}

#[test]
fn undo_keeps_later_work_and_reopens_what_a_leave_closed() {
    let mut s = nanhe();
    let ids = matching_ids(&s, &specialized_reformed()).unwrap();
    // Join, then leave one of them with a date and reason.
    batch_apply(&mut s, &BatchRequest { ids: ids.clone(), change: join_pool("入库"), ..Default::default() }).unwrap();
    let leave = BatchChange {
        list: Some(ListChange { list: ListKind::Pool, join: false, date: Some("2026-11-25".into()), reason: "企业放弃上市计划".into(), level: None, batch_year: None }),
        ..Default::default()
    };
    let out = batch_apply(&mut s, &BatchRequest { ids: vec![ids[0]], change: leave, ..Default::default() }).unwrap();
    let r = records(&s, ids[0]);
    assert_eq!((r[0].current, r[0].left_on.as_deref(), r[0].left_reason.as_str()), (false, Some("2026-11-25"), "企业放弃上市计划"));
    assert_eq!(pool_count(&s).unwrap().in_pool, 1);
    // Undoing the leave puts it back on the list, the same record open again.
    undo_batch(&mut s, out.batch_id.unwrap()).unwrap();
    let r = records(&s, ids[0]);
    assert_eq!((r.len(), r[0].current, r[0].left_on.as_deref()), (1, true, None));
    assert_eq!(pool_count(&s).unwrap().in_pool, 2);

    // A cluster and a qualification for both; one's cluster is then changed by hand.
    let change = BatchChange {
        cluster: Some("南和农机装备（一群一策）".into()),
        qualification: Some(QualificationChange { qualification: "小巨人".into(), held: true, year: Some(2025) }),
        ..Default::default()
    };
    let batch = batch_apply(&mut s, &BatchRequest { ids: ids.clone(), change, ..Default::default() }).unwrap().batch_id.unwrap();
    let giants = EnterpriseQuery { qualifications: words(&["小巨人"]), qualification_year: Some(2025), ..Default::default() };
    assert_eq!(total(&s, &giants), 2);
    let mut d = get_enterprise(&s, ids[1]).unwrap().data;
    d.cluster = Some("南和宠物食品".into());
    update_enterprise(&mut s, ids[1], &d).unwrap();
    let undone = undo_batch(&mut s, batch).unwrap();
    assert_eq!((undone.reverted, undone.kept), (2, 1));
    assert_eq!(get_enterprise(&s, ids[1]).unwrap().data.cluster.as_deref(), Some("南和宠物食品"), "later work kept");
    assert_eq!(get_enterprise(&s, ids[0]).unwrap().data.cluster.as_deref(), Some("南和农机装备"));
    assert_eq!(total(&s, &giants), 0);
    assert!(list_batches(&s).unwrap()[0].undo_note.as_deref().unwrap_or("").contains("保留"));
}

#[test]
fn leader_batches_and_the_recycle_bin_keep_the_history() {
    let mut s = nanhe();
    let id = id_of(&s, "河北嘉坤农机装备股份有限公司");
    let recognise = BatchChange {
        list: Some(ListChange { list: ListKind::Leader, join: true, date: Some("2022-12".into()), reason: "省第一批".into(), level: Some("省级".into()), batch_year: Some(2022) }),
        ..Default::default()
    };
    batch_apply(&mut s, &BatchRequest { ids: vec![id], change: recognise, ..Default::default() }).unwrap();
    let adjust = BatchChange {
        list: Some(ListChange { list: ListKind::Leader, join: false, date: Some("2023-12".into()), reason: "2023年调整".into(), level: None, batch_year: None }),
        ..Default::default()
    };
    batch_apply(&mut s, &BatchRequest { ids: vec![id], change: adjust, ..Default::default() }).unwrap();
    let d = get_enterprise(&s, id).unwrap().data;
    assert_eq!((d.is_leader, d.leader_batch), (Some(false), None));
    let r = records(&s, id);
    assert_eq!((r[0].level.as_deref(), r[0].batch_year, r[0].left_reason.as_str()), (Some("省级"), Some(2022), "2023年调整"));
    // Deleted and restored: the history comes back with it.
    delete_enterprise(&mut s, id).unwrap();
    let trash_id = crate::enterprise::trash::list_trash(&s).unwrap()[0].id;
    let back = crate::enterprise::trash::restore(&mut s, trash_id).unwrap();
    let r2 = records(&s, back.enterprise_id);
    assert_eq!(r2.len(), 1);
    assert_eq!((r2[0].entered_reason.as_str(), r2[0].left_reason.as_str()), ("省第一批", "2023年调整"));
    // Checks: a reason is required; an empty change is refused.
    let no_reason = BatchRequest { ids: vec![back.enterprise_id], change: join_pool("  "), ..Default::default() };
    assert!(batch_preview(&s, &no_reason).unwrap_err().to_string().contains("理由"));
    let nothing = BatchRequest { ids: vec![back.enterprise_id], ..Default::default() };
    assert!(batch_preview(&s, &nothing).unwrap_err().to_string().contains("请选择"));
}

#[test]
fn a_batch_of_a_list_and_a_qualification_is_undone_whole() {
    let mut s = nanhe();
    let id = id_of(&s, "河北嘉坤农机装备股份有限公司");
    let mut change = join_pool("入库并认定专精特新");
    change.qualification = Some(QualificationChange { qualification: "专精特新".into(), held: true, year: Some(2024) });
    let batch = batch_apply(&mut s, &BatchRequest { ids: vec![id], change, ..Default::default() }).unwrap().batch_id.unwrap();
    let d = get_enterprise(&s, id).unwrap().data;
    assert_eq!((d.in_pool, d.specialized, d.specialized_year), (Some(true), Some(true), Some(2024)));
    assert_eq!(records(&s, id).len(), 1);
    undo_batch(&mut s, batch).unwrap();
    assert!(records(&s, id).is_empty(), "the pool record the batch opened is removed");
    let d = get_enterprise(&s, id).unwrap().data;
    assert_eq!((d.in_pool, d.specialized, d.specialized_year), (None, Some(false), None));
}

#[test]
fn list_pages_members_on_a_date_history_and_the_sheet_read_back_unchanged() {
    let mut s = nanhe();
    let ids = matching_ids(&s, &specialized_reformed()).unwrap();
    batch_apply(&mut s, &BatchRequest { ids: ids.clone(), change: join_pool("县区推荐"), ..Default::default() }).unwrap();
    let leave = BatchChange {
        list: Some(ListChange { list: ListKind::Pool, join: false, date: Some("2026-11-25".into()), reason: "企业放弃上市计划".into(), level: None, batch_year: None }),
        ..Default::default()
    };
    batch_apply(&mut s, &BatchRequest { ids: vec![ids[0]], change: leave, ..Default::default() }).unwrap();
    let recognise = BatchChange {
        list: Some(ListChange { list: ListKind::Leader, join: true, date: Some("2022-12-20".into()), reason: "省第一批".into(), level: Some("省级".into()), batch_year: Some(2022) }),
        ..Default::default()
    };
    batch_apply(&mut s, &BatchRequest { ids: ids.clone(), change: recognise, ..Default::default() }).unwrap();

    let now = list_members(&s, ListKind::Pool, None).unwrap();
    assert_eq!(now.len(), 1);
    assert_eq!((now[0].enterprise_id, now[0].entered_on.as_deref(), now[0].entered_reason.as_str()), (ids[1], Some("2026-11-20"), "县区推荐"));
    let on = |d: &str| list_members(&s, ListKind::Pool, Some(d)).unwrap().len();
    assert_eq!((on("2026-11-19"), on("2026-11-20"), on("2026-11-24"), on("2026-11-25")), (0, 2, 2, 1));
    let past = list_members(&s, ListKind::Pool, Some("2026-11-24")).unwrap();
    assert_eq!(past.iter().find(|m| m.enterprise_id == ids[0]).unwrap().left_on.as_deref(), Some("2026-11-25"));
    let leaders = list_members(&s, ListKind::Leader, Some("2023-06-01")).unwrap();
    assert_eq!(leaders.len(), 2);
    assert!(leaders.iter().all(|m| m.level.as_deref() == Some("省级") && m.batch_year == Some(2022)));
    assert!(list_members(&s, ListKind::Pool, Some("2026-13-01")).unwrap_err().to_string().contains("日期"));

    let history = list_history(&s, ListKind::Pool, None).unwrap();
    let seen: Vec<(&str, Option<&str>)> = history.iter().map(|e| (e.kind.as_str(), e.date.as_deref())).collect();
    assert_eq!(seen, [("left", Some("2026-11-25")), ("joined", Some("2026-11-20")), ("joined", Some("2026-11-20"))]);
    assert_eq!((history[0].label.as_str(), history[0].reason.as_str()), ("移出上市培育库", "企业放弃上市计划"));
    assert_eq!(list_history(&s, ListKind::Pool, Some(ids[1])).unwrap().len(), 1);
    assert_eq!(list_named("领跑者").unwrap(), ListKind::Leader);
    assert!(list_named("宠物").unwrap_err().to_string().contains("上市培育库"));

    assert_eq!((list_title(ListKind::Pool), list_title(ListKind::Leader)), ("邢台市上市培育库企业名单".into(), "邢台市“领跑者”企业名单".into()));
    let dir = tempfile::tempdir().unwrap();
    for (list, want) in [(ListKind::Pool, 1), (ListKind::Leader, 2), (ListKind::WhiteList, 0)] {
        let path = dir.path().join(format!("{}.xlsx", list.key()));
        assert_eq!(export_list(&s, list, &path).unwrap(), want);
        let g = crate::sheet::read::tests::sheet(&path, list.label());
        assert_eq!(g.text(0, 0), list_title(list));
        assert!(g.text(1, 0).starts_with(&format!("共 {want} 家企业")), "{}", g.text(1, 0));
        assert_eq!((g.text(2, 0), g.text(2, 1), g.text(2, 2), g.text(2, 3)), ("序号".into(), "企业名称".into(), "统一社会信用代码".into(), "县（市、区）".into()));
        if want == 0 {
            continue;
        }
        let p = crate::enterprise::import::preview(&s, &path, &Default::default()).unwrap();
        assert_eq!((p.report.inserted, p.report.updated, p.report.unchanged), (0, 0, want as u32), "{list:?}: {:?}", p.changed_rows);
        assert!(p.columns.iter().all(|c| c.field.is_some()), "every column is a field: {:?}", p.columns);
    }
}
