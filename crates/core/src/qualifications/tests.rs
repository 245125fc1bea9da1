use super::*;
use crate::enterprise::{list_enterprises, EnterpriseQuery};
use crate::Store;
use chrono::NaiveDate;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn store_with(uscc: &str, name: &str) -> (Store, i64) {
    let s = Store::open_in_memory().unwrap();
    s.conn
        .execute("INSERT INTO enterprises(uscc, name, county, created_at, updated_at) VALUES (?1, ?2, '南和区', 't', 't')", [uscc, name])
        .unwrap();
    let id = s.conn.last_insert_rowid();
    (s, id)
}

fn add(s: &mut Store, id: i64, kind: &str, obtained: &str) -> Qualification {
    add_qualification(s, &QualificationInput { enterprise_id: id, kind: kind.into(), obtained_on: Some(obtained.into()), ..Default::default() }).unwrap()
}

fn valid(s: &Store, id: i64, year: i64, today: NaiveDate) -> bool {
    let d = reference_day(year, today).format("%Y-%m-%d").to_string();
    s.conn
        .query_row(&format!("SELECT EXISTS(SELECT 1 FROM qualifications q WHERE q.id = ?1 AND {})", valid_sql("q", "?2")), rusqlite::params![id, d], |r| r.get(0))
        .unwrap()
}

fn validity(q: &Qualification) -> Validity {
    Validity {
        obtained_on: q.obtained_on.clone(),
        valid_until: q.valid_until.clone(),
        revoked_on: q.revoked_on.clone(),
        review_on: q.review_on.clone(),
        review_result: q.review_result.clone(),
    }
}

/// Rust and SQL say the same for the years around a certificate.
fn counts_in(s: &Store, q: &Qualification, today: NaiveDate) -> Vec<i64> {
    let years: Vec<i64> = (2019..=2028).filter(|y| valid(s, q.id, *y, today)).collect();
    let rust: Vec<i64> = (2019..=2028).filter(|y| validity(q).valid_in(*y, today)).collect();
    assert_eq!(years, rust, "SQL and Rust agree for {q:?}");
    years
}

#[test]
fn a_specialized_obtained_2021_06_counts_in_2023_not_in_2025_without_a_review() {
    let (mut s, id) = store_with("91130500MA0000001Y", "甲公司");
    let today = day(2026, 12, 4);
    let q = add(&mut s, id, "专精特新", "2021年6月");
    assert_eq!((q.kind.as_str(), q.level.as_str(), q.valid_until.as_deref()), ("专精特新中小企业", "省级", Some("2024-06")));
    assert_eq!(counts_in(&s, &q, today), vec![2021, 2022, 2023], "2024-12-31 is past 2024-06");
    // 复核 通过 extends by another period.
    let r = review_qualification(&mut s, q.id, &ReviewInput { date: "2024-05-20".into(), result: "复核通过".into() }).unwrap();
    assert_eq!(r.valid_until.as_deref(), Some("2027-06"));
    assert_eq!(counts_in(&s, &r, today), vec![2021, 2022, 2023, 2024, 2025, 2026]);
    assert_eq!(r.status, "有效");
    // revoked: ends on that day
    let v = revoke_qualification(&mut s, q.id, &RevokeInput { date: "2025-03-01".into(), reason: "不再符合条件".into() }).unwrap();
    assert_eq!(counts_in(&s, &v, today), vec![2021, 2022, 2023, 2024]);
    assert_eq!(v.status, "已撤销");
    let audit: i64 = s.conn.query_row("SELECT count(*) FROM audit_log WHERE table_name = 'qualifications'", [], |r| r.get(0)).unwrap();
    assert!(audit >= 5, "insert, the review's two fields and valid_until, the revocation: {audit}");
}

#[test]
fn a_failed_review_ends_it_and_year_only_dates_run_to_the_end_of_the_year() {
    let (mut s, id) = store_with("91130500MA0000001Y", "甲公司");
    let today = day(2026, 12, 4);
    let q = add(&mut s, id, "高新", "2020");
    assert_eq!(q.valid_until.as_deref(), Some("2023"));
    assert_eq!(counts_in(&s, &q, today), vec![2020, 2021, 2022, 2023]);
    let f = review_qualification(&mut s, q.id, &ReviewInput { date: "2022-09".into(), result: "未通过".into() }).unwrap();
    assert_eq!(counts_in(&s, &f, today), vec![2020, 2021]);
    assert_eq!(f.status, "复核未通过");
    // the current year looks at today: a certificate ending before today does not count this year
    let g = add_qualification(&mut s, &QualificationInput { enterprise_id: id, kind: "科技型中小企业".into(), obtained_on: Some("2025-05-10".into()), valid_until: Some("2026-05-09".into()), ..Default::default() }).unwrap();
    assert_eq!(counts_in(&s, &g, today), vec![2025]);
    assert_eq!(counts_in(&s, &g, day(2026, 3, 1)), vec![2025, 2026]);
}

#[test]
fn bad_input_is_refused_in_chinese() {
    let (mut s, id) = store_with("91130500MA0000001Y", "甲公司");
    let mut err = |input: QualificationInput| add_qualification(&mut s, &input).unwrap_err().to_string();
    let base = QualificationInput { enterprise_id: id, kind: "专精特新".into(), ..Default::default() };
    assert!(err(QualificationInput { kind: "五星企业".into(), ..base.clone() }).contains("资质类别“五星企业”无法识别"));
    assert!(err(QualificationInput { level: "国家级".into(), ..base.clone() }).contains("专精特新中小企业没有“国家级”"));
    assert!(err(QualificationInput { obtained_on: Some("明年".into()), ..base.clone() }).contains("认定时间“明年”"));
    assert!(err(QualificationInput { obtained_on: Some("2023".into()), valid_until: Some("2021".into()), ..base.clone() }).contains("早于认定时间"));
    assert!(err(QualificationInput { enterprise_id: 99, ..base }).contains("没有编号为 99 的企业"));
}

#[test]
fn the_flags_follow_the_certificates_and_the_certificates_the_flags() {
    let (mut s, id) = store_with("91130500MA0000001Y", "甲公司");
    let flags = |s: &Store| -> (Option<bool>, Option<i64>, Option<String>) {
        s.conn.query_row("SELECT specialized, specialized_year, specialized_until FROM enterprises WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap()
    };
    let q = add(&mut s, id, "专精特新中小企业", "2021-06");
    assert_eq!(flags(&s), (Some(true), Some(2021), Some("2024-06".into())));
    delete_qualification(&mut s, q.id).unwrap();
    assert_eq!(flags(&s), (Some(false), None, None));
    assert_eq!(qualifications_of(&s, id, true).unwrap()[0].status, "已删除");
    restore_qualification(&mut s, q.id).unwrap();
    assert_eq!(flags(&s).0, Some(true));
    // A flag written (form, import, batch) makes or changes the certificate.
    s.conn.execute("UPDATE enterprises SET high_tech = 1, high_tech_year = 2022 WHERE id = ?1", [id]).unwrap();
    let ht: Vec<Qualification> = qualifications_of(&s, id, false).unwrap().into_iter().filter(|q| q.kind == "高新技术企业").collect();
    assert_eq!((ht.len(), ht[0].obtained_on.as_deref(), ht[0].valid_until.as_deref(), ht[0].source.as_str()), (1, Some("2022"), Some("2025"), "企业信息"));
    // a later 认定时间 after the end: a new recognition; a correction within: the same certificate
    s.conn.execute("UPDATE enterprises SET high_tech_on = '2026-03' WHERE id = ?1", [id]).unwrap();
    let ht: Vec<Qualification> = qualifications_of(&s, id, false).unwrap().into_iter().filter(|q| q.kind == "高新技术企业").collect();
    assert_eq!(ht.iter().map(|q| q.obtained_on.clone().unwrap()).collect::<Vec<_>>(), vec!["2026-03", "2022"]);
    s.conn.execute("UPDATE enterprises SET high_tech_year = 2026, high_tech_on = '2026-04' WHERE id = ?1", [id]).unwrap();
    let ht: Vec<Qualification> = qualifications_of(&s, id, false).unwrap().into_iter().filter(|q| q.kind == "高新技术企业").collect();
    assert_eq!((ht.len(), ht[0].obtained_on.as_deref(), ht[0].valid_until.as_deref()), (2, Some("2026-04"), Some("2029-04")));
    // clearing the flag: the bare ones made by the flag go
    s.conn.execute("UPDATE enterprises SET high_tech = 0 WHERE id = ?1", [id]).unwrap();
    assert!(qualifications_of(&s, id, false).unwrap().iter().all(|q| q.kind != "高新技术企业"));
    // a certificate with a number is revoked instead
    update_qualification(&mut s, q.id, &QualificationInput { kind: "专精特新".into(), obtained_on: Some("2021-06".into()), certificate_no: "冀专精2021-188".into(), ..Default::default() }).unwrap();
    s.conn.execute("UPDATE enterprises SET specialized = 0 WHERE id = ?1", [id]).unwrap();
    let sp = qualifications_of(&s, id, false).unwrap();
    assert_eq!((sp.len(), sp[0].status.as_str(), sp[0].revoke_reason.as_str()), (1, "已撤销", "企业信息中取消了该资质"));
}

#[test]
fn flags_of_an_older_store_become_records_without_loss() {
    let s = Store::open_in_memory().unwrap();
    let conn = &s.conn;
    // the schema of version 14 with flags, then migration 0015 alone
    let old = rusqlite::Connection::open_in_memory().unwrap();
    crate::store::migrate::migrate_to(&old, 14);
    old.execute_batch(
        "INSERT INTO enterprises(id, uscc, name, specialized, specialized_year, little_giant, little_giant_year, high_tech, high_tech_year, innovative_sme, innovative_sme_year, created_at, updated_at) VALUES
           (1, 'A', '甲', 1, 2021, 1, NULL, 0, 2019, NULL, 2022, 't', 't'),
           (2, 'B', '乙', NULL, NULL, NULL, NULL, 1, 2023, 0, NULL, 't', 't');",
    )
    .unwrap();
    let before: Vec<(i64, String, Option<i64>)> = flags(&old);
    old.execute_batch(include_str!("../store/migrations/0015_qualifications.sql")).unwrap();
    let records: Vec<(i64, String, Option<i64>)> = {
        let mut stmt = old.prepare("SELECT enterprise_id, kind, CAST(substr(obtained_on, 1, 4) AS INTEGER) FROM qualifications ORDER BY enterprise_id, kind").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(records, before, "one record per flag held (a year with a blank flag counted as held), with its year");
    assert_eq!(flags(&old), before, "the flags stay");
    let sources: Vec<String> = old.prepare("SELECT DISTINCT source FROM qualifications").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert_eq!(sources, vec!["原有标记"]);
    let _ = conn;

    fn flags(c: &rusqlite::Connection) -> Vec<(i64, String, Option<i64>)> {
        let mut out = Vec::new();
        for (col, name) in [("high_tech", "高新技术企业"), ("innovative_sme", "创新型中小企业"), ("specialized", "专精特新中小企业"), ("little_giant", "专精特新“小巨人”企业")] {
            let mut stmt = c.prepare(&format!("SELECT id, {col}_year FROM enterprises WHERE {col} = 1 OR ({col} IS NULL AND {col}_year IS NOT NULL)")).unwrap();
            out.extend(stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, name.to_string(), r.get(1)?))).unwrap().map(Result::unwrap));
        }
        out.sort();
        out
    }
}

#[test]
fn the_list_filter_with_a_year_counts_valid_certificates_and_missing_codes() {
    let (mut s, a) = store_with("91130500MA0000001Y", "甲公司");
    s.conn.execute("INSERT INTO enterprises(uscc, name, created_at, updated_at) VALUES ('91130500MA0000001X', '乙公司', 't', 't')", []).unwrap();
    let b = s.conn.last_insert_rowid();
    add(&mut s, a, "专精特新", "2021-06");
    add(&mut s, b, "专精特新", "2024-01");
    let n = |s: &Store, year: Option<i64>| {
        list_enterprises(s, &EnterpriseQuery { qualifications: Some(vec!["专精特新".into()]), qualification_year: year, ..Default::default() }).unwrap().total
    };
    assert_eq!(n(&s, None), 2);
    assert_eq!(n(&s, Some(2023)), 1, "甲 only: 乙 from 2024");
    assert_eq!(n(&s, Some(2024)), 1, "乙 only: 甲 ended 2024-06");
    assert_eq!(n(&s, Some(2025)), 1);
    let bad = list_enterprises(&s, &EnterpriseQuery { missing_uscc: Some(true), ..Default::default() }).unwrap();
    let valid: Vec<bool> = bad.rows.iter().map(|r| crate::enterprise::uscc::check(&r.uscc).is_ok()).collect();
    assert!(valid.iter().all(|v| !v));
    let all = list_enterprises(&s, &EnterpriseQuery::default()).unwrap();
    let want = all.rows.iter().filter(|r| crate::enterprise::uscc::check(&r.uscc).is_err()).count() as i64;
    assert_eq!(bad.total, want);
}

#[test]
fn expiring_lists_certificates_ending_within_the_months_soonest_first() {
    let (mut s, id) = store_with("91130500MA0000001Y", "甲公司");
    let today = day(2026, 12, 4);
    add(&mut s, id, "专精特新", "2024-03");            // ends 2027-03-31: in
    add(&mut s, id, "创新型", "2023-12-20");           // ends 2026-12-20: in, first
    add(&mut s, id, "高新", "2024-09");                // ends 2027-09-30: out
    let old = add(&mut s, id, "小巨人", "2021-01");    // ended: out
    let list = expiring(&s, today, 6).unwrap();
    let got: Vec<(&str, &str, i64)> = list.iter().map(|e| (e.short_name.as_str(), e.ends_on.as_str(), e.days_left)).collect();
    assert_eq!(got, vec![("创新型", "2026-12-20", 16), ("专精特新", "2027-03-31", 117)]);
    assert!(list.iter().all(|e| e.enterprise_name == "甲公司" && e.reviewed));
    assert_ne!(old.status, "有效");
    assert!(expiring(&s, today, 0).unwrap_err().to_string().contains("月数"));
}

#[test]
fn the_bureau_adds_a_kind_audited_and_names_are_unique() {
    let mut s = Store::open_in_memory().unwrap();
    assert_eq!(kinds(&s).unwrap().len(), 7);
    let k = add_kind(&mut s, &KindInput { name: "河北省制造业单项冠军培育企业".into(), short_name: "冠军培育".into(), levels: vec!["省级".into()], validity_years: Some(2), reviewed: false, note: String::new() }).unwrap();
    assert_eq!((k.default_level.as_str(), k.builtin), ("省级", false));
    assert!(add_kind(&mut s, &KindInput { name: "高新".into(), levels: vec!["省级".into()], ..Default::default() }).unwrap_err().to_string().contains("已有"));
    assert!(add_kind(&mut s, &KindInput { name: "某资质".into(), levels: vec!["县级".into()], ..Default::default() }).unwrap_err().to_string().contains("县级"));
    let audited: i64 = s.conn.query_row("SELECT count(*) FROM audit_log WHERE table_name = 'qualification_kinds'", [], |r| r.get(0)).unwrap();
    assert_eq!(audited, 1);
    assert_eq!(resolve_kind(&s.conn, "冠军培育").unwrap().name, "河北省制造业单项冠军培育企业");
}


#[test]
fn imports_read_the_dates_and_review_columns_and_our_export_reads_back_unchanged() {
    let mut s = Store::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("南和区资质.xlsx");
    let code = crate::enterprise::uscc::with_check_digit("91130527MA0ABCDE1");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    let rows = [
        ["企业名称", "统一社会信用代码", "县（市、区）", "专精特新企业", "专精特新认定时间", "专精特新复核时间", "专精特新复核结果", "高新技术企业", "高新技术企业认定时间", "高新技术企业有效期"],
        ["邢台甲机械有限公司", code.as_str(), "南和区", "是", "2021年6月", "2024-05", "复核通过", "是", "2022-11-15", "2025-11-14"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    book.save(&path).unwrap();
    crate::enterprise::import::commit(&mut s, &path, &Default::default()).unwrap();
    let id = enterprise_by_uscc(&s, &code).unwrap();
    let got: Vec<(String, Option<String>, Option<String>, Option<String>)> =
        qualifications_of(&s, id, false).unwrap().into_iter().map(|q| (q.short_name, q.obtained_on, q.valid_until, q.review_result)).collect();
    assert_eq!(
        got,
        vec![
            ("专精特新".into(), Some("2021-06".into()), Some("2027-06".into()), Some("通过".into())),
            ("高新".into(), Some("2022-11-15".into()), Some("2025-11-14".into()), None),
        ],
        "复核通过 without a 有效期 column moves the end one period on"
    );
    // our own export reads back with 0 changes, certificates included
    let out = dir.path().join("企业库.xlsx");
    crate::enterprise::export::export_enterprises(&s, &out, &EnterpriseQuery::default()).unwrap();
    let p = crate::enterprise::import::preview(&s, &out, &Default::default()).unwrap();
    assert_eq!((p.report.inserted, p.report.updated, p.report.unchanged), (0, 0, 1), "{:?}", p.changed_rows);
    let before = qualifications_of(&s, id, false).unwrap();
    crate::enterprise::import::commit(&mut s, &out, &Default::default()).unwrap();
    assert_eq!(qualifications_of(&s, id, false).unwrap(), before);
}
