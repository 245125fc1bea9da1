use super::*;

fn sample() -> EnterpriseData {
    EnterpriseData {
        uscc: " 91130506ma01rrjy81 ".into(),
        name: "河北嘉坤农机装备股份有限公司".into(),
        county: Some("南和县".into()),
        target_board: Some("科创板".into()),
        listing_stage: Some("已完成股改".into()),
        specialized: Some(true),
        specialized_year: Some(2021),
        extra: BTreeMap::from([("企业规模".to_string(), "中型".to_string())]),
        figures: vec![YearFigures { year: 2022, revenue_wan: Some(12000.5), rd_ratio_pct: Some(3.5), ..Default::default() }],
        ..Default::default()
    }
}

fn audit_count(s: &Store) -> i64 {
    s.conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap()
}

#[test]
fn create_normalizes_and_audits() {
    let mut s = Store::open_in_memory().unwrap();
    let d = create_enterprise(&mut s, &sample()).unwrap();
    assert_eq!(d.data.uscc, "91130506MA01RRJY81");
    assert_eq!(d.data.county.as_deref(), Some("南和区"));
    assert_eq!(d.data.target_board.as_deref(), Some("上交所科创板"));
    assert_eq!(d.data.listing_stage.as_deref(), Some("已股改"));
    assert_eq!(d.data.figures[0].revenue_wan, Some(12000.5));
    assert_eq!(d.data.extra["企业规模"], "中型");
    assert_eq!(get_enterprise(&s, d.id).unwrap(), d);
    let h = enterprise_history(&s, d.id).unwrap();
    assert!(h.iter().any(|e| e.action == "insert" && e.new_value.as_deref() == Some("河北嘉坤农机装备股份有限公司")));
    assert!(h.iter().any(|e| e.label == "2022年营业收入（万元）" && e.new_value.as_deref() == Some("12000.5")));
    assert!(h.iter().all(|e| e.source.as_deref() == Some(MANUAL_SOURCE)));
    // A second enterprise with the same code is refused, naming the holder.
    let err = create_enterprise(&mut s, &sample()).unwrap_err();
    assert!(err.to_string().contains("已由企业“河北嘉坤农机装备股份有限公司”"), "{err}");
}

#[test]
fn update_writes_and_audits_only_changes() {
    let mut s = Store::open_in_memory().unwrap();
    let d = create_enterprise(&mut s, &sample()).unwrap();
    let before = audit_count(&s);
    update_enterprise(&mut s, d.id, &d.data).unwrap();
    assert_eq!(audit_count(&s), before, "saving unchanged data logs nothing");
    let mut e = d.data.clone();
    e.legal_rep = Some("张三".into());
    e.specialized = Some(false);
    e.extra.clear();
    e.figures.push(YearFigures { year: 2023, profit_wan: Some(-20.0), ..Default::default() });
    let after = update_enterprise(&mut s, d.id, &e).unwrap();
    assert_eq!(after.data.legal_rep.as_deref(), Some("张三"));
    assert_eq!(after.data.figures.len(), 2);
    assert!(after.data.extra.is_empty());
    assert_eq!(audit_count(&s), before + 4);
    let h = enterprise_history(&s, d.id).unwrap();
    let spec = h.iter().find(|x| x.label == "专精特新企业").unwrap();
    assert_eq!((spec.old_value.as_deref(), spec.new_value.as_deref()), (Some("是"), Some("否")));
    assert!(h.iter().any(|x| x.label == "企业规模（其他属性）" && x.old_value.as_deref() == Some("中型") && x.new_value.is_none()));
    assert!(h.iter().any(|x| x.label == "2023年利润总额（万元）" && x.new_value.as_deref() == Some("-20")));
}

#[test]
fn history_follows_a_changed_code() {
    let mut s = Store::open_in_memory().unwrap();
    let d = create_enterprise(&mut s, &sample()).unwrap();
    let mut e = d.data.clone();
    e.uscc = "911305067568074885".into();
    e.name = "新名称".into();
    update_enterprise(&mut s, d.id, &e).unwrap();
    let h = enterprise_history(&s, d.id).unwrap();
    assert!(h.iter().any(|x| x.action == "insert"), "entries under the old code are kept");
    assert!(h.iter().any(|x| x.label == "统一社会信用代码" && x.new_value.as_deref() == Some("911305067568074885")));
    assert!(h.iter().any(|x| x.label == "企业名称" && x.new_value.as_deref() == Some("新名称")));
}

#[test]
fn validation_errors_are_chinese_and_nothing_is_written() {
    let mut s = Store::open_in_memory().unwrap();
    type Edit = fn(&mut EnterpriseData);
    let cases: &[(Edit, &str)] = &[
        (|d| d.uscc = "91130506MA01RRJY82".into(), "第18位校验码应为1"),
        (|d| d.uscc = "9113".into(), "应为18位"),
        (|d| d.name = "  ".into(), "请填写企业名称"),
        (|d| d.county = Some("石家庄".into()), "不在邢台市"),
        (|d| d.target_board = Some("月球板".into()), "拟上市板块"),
        (|d| d.founded = Some("2012年".into()), "成立时间"),
        (|d| d.figures[0].rd_ratio_pct = Some(120.0), "2022年研发投入占比"),
        (|d| d.figures.push(YearFigures { year: 2022, ..Default::default() }), "两行"),
        (|d| d.specialized_year = Some(1800), "专精特新认定年份"),
    ];
    for (edit, want) in cases {
        let mut d = sample();
        edit(&mut d);
        let err = create_enterprise(&mut s, &d).unwrap_err();
        assert_eq!(err.code(), "invalid");
        assert!(err.to_string().contains(want), "{want}: {err}");
    }
    let n: i64 = s.conn.query_row("SELECT count(*) FROM enterprises", [], |r| r.get(0)).unwrap();
    assert_eq!((n, audit_count(&s)), (0, 0));
}

#[test]
fn live_uscc_check() {
    let mut s = Store::open_in_memory().unwrap();
    let ok = validate_uscc(&s, "９１１３０５０６ma01rrjy81", None).unwrap();
    assert!(ok.valid && ok.error.is_none() && ok.warning.is_none());
    assert_eq!(ok.normalized, "91130506MA01RRJY81");
    let bad = validate_uscc(&s, "91130506MA01RRJY82", None).unwrap();
    assert!(!bad.valid);
    assert!(bad.error.unwrap().contains("第18位校验码应为1"));
    let d = create_enterprise(&mut s, &sample()).unwrap();
    assert!(validate_uscc(&s, "91130506MA01RRJY81", Some(d.id)).unwrap().valid, "its own code is fine");
    assert!(!validate_uscc(&s, "91130506MA01RRJY81", None).unwrap().valid, "another's code is not");
}

#[test]
fn history_shows_the_import_then_hand_edits() {
    let mut s = Store::open_in_memory().unwrap();
    let sample = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples/county_nanhe_clean.xlsx"));
    crate::enterprise::import::commit(&mut s, sample, &Default::default()).unwrap();
    let id: i64 = s.conn.query_row("SELECT id FROM enterprises WHERE uscc = '91130506MA01RRJY81'", [], |r| r.get(0)).unwrap();
    let mut d = get_enterprise(&s, id).unwrap().data;
    assert_eq!(d.name, "河北嘉坤农机装备股份有限公司");
    assert!(!d.figures.is_empty(), "imported figures are shown");
    d.phone = Some("0319-1234567".into());
    update_enterprise(&mut s, id, &d).unwrap();
    let h = enterprise_history(&s, id).unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!((h[0].label.as_str(), h[0].source.as_deref()), ("联系电话", Some(MANUAL_SOURCE)));
    assert_eq!((h[1].action.as_str(), h[1].source.as_deref()), ("insert", Some("导入#1")));
}

#[test]
fn delete_removes_figures_and_keeps_state_in_audit() {
    let mut s = Store::open_in_memory().unwrap();
    let d = create_enterprise(&mut s, &sample()).unwrap();
    delete_enterprise(&mut s, d.id).unwrap();
    assert_eq!(get_enterprise(&s, d.id).unwrap_err().code(), "not_found");
    let figures: i64 = s.conn.query_row("SELECT count(*) FROM enterprise_figures", [], |r| r.get(0)).unwrap();
    assert_eq!(figures, 0);
    let old: String = s
        .conn
        .query_row("SELECT old_value FROM audit_log WHERE action = 'delete'", [], |r| r.get(0))
        .unwrap();
    let restored: EnterpriseData = serde_json::from_str(&old).unwrap();
    assert_eq!(restored, d.data);
    assert_eq!(delete_enterprise(&mut s, d.id).unwrap_err().code(), "not_found");
}
