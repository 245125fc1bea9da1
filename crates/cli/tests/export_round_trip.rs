//! The app's own enterprise export comes back whole, through the real binary, on the three county
//! samples (with extra attributes, a flag and a second year added): re-imported into the same
//! store it changes nothing; imported into an empty store it gives the same `--full` listing.
use pacesetter_testkit::{expected, sample, write_sheet, TempStore};
use serde_json::Value;

const SAMPLES: [&str; 3] = ["county_nanhe_clean.xlsx", "county_ningjin_messy.xlsx", "county_linxi_merged_headers.xls"];

fn store() -> TempStore {
    TempStore::new(env!("CARGO_BIN_EXE_pacesetter"))
}

/// Gives the first two enterprises of the sample an extra attribute, 入库 and a 2019 revenue.
fn enrich(s: &TempStore, file: &str) {
    let want = expected(file);
    let header = ["企业名称", "统一社会信用代码", "2019年营业收入（万元）", "是否入库（上市培育库）", "产值排名", "备注"];
    let mut rows = vec![header.map(String::from).to_vec()];
    for (i, e) in want["enterprises"].as_array().unwrap()[..2].iter().enumerate() {
        let (name, uscc) = (e["name"].as_str().unwrap(), e["uscc"].as_str().unwrap());
        rows.push([name, uscc, &format!("{}.25", 1000 + i), "是", &format!("第{}名", i + 1), "含“引号”与\n换行的备注"].map(String::from).to_vec());
    }
    let path = s.path("补充.xlsx");
    write_sheet(&path, &rows);
    assert_eq!(s.json_of("import", &path, &[])["updated"], 2);
}

fn by_uscc(listing: Value) -> Vec<Value> {
    let mut v = listing.as_array().unwrap().clone();
    v.sort_by(|a, b| a["uscc"].as_str().cmp(&b["uscc"].as_str()));
    v
}

#[test]
fn the_export_re_imports_with_no_change_and_fills_an_empty_store_identically() {
    for file in SAMPLES {
        let s = store();
        let first = s.json_of("import", &sample(file), &[]);
        enrich(&s, file);
        let before = s.full_listing();
        assert!(before.as_array().unwrap().iter().any(|e| e["figures"].as_array().unwrap().len() >= 2), "{file}: two years somewhere");
        let out = s.path("导出.xlsx");
        s.run(["export".as_ref(), "enterprises".as_ref(), "--out".as_ref(), out.as_os_str()]).text();

        let again = s.json_of("import", &out, &[]);
        assert_eq!((again["inserted"].as_u64(), again["updated"].as_u64()), (Some(0), Some(0)), "{file}: {again}");
        assert_eq!(again["unchanged"], first["inserted"], "{file}");
        assert_eq!(s.full_listing(), before, "{file}: nothing changed, no 数据年度 in extra");

        let empty = store();
        let fresh = empty.json_of("import", &out, &[]);
        assert_eq!(fresh["inserted"], first["inserted"], "{file}: {fresh}");
        assert!(fresh["rejected"].as_array().unwrap().is_empty(), "{file}: {fresh}");
        assert_eq!(by_uscc(empty.full_listing()), by_uscc(before), "{file}: every field and every year");
    }
}

#[test]
fn the_collection_template_has_a_column_for_every_field_and_extra_attribute() {
    let s = store();
    s.json_of("import", &sample("county_nanhe_clean.xlsx"), &[]);
    enrich(&s, "county_nanhe_clean.xlsx");
    let out = s.path("模板.xlsx");
    s.run(["export".as_ref(), "template".as_ref(), "--out".as_ref(), out.as_os_str()]).text();
    let preview = s.run(["import".as_ref(), out.as_os_str(), "--dry-run".as_ref(), "--json".as_ref()]);
    let p = preview.ok();
    assert_eq!(p["inserted"].as_u64().unwrap() + p["updated"].as_u64().unwrap(), 0, "a blank template: {p}");
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let range = calamine::Reader::worksheet_range(&mut wb, "企业名单").unwrap();
    let headers: Vec<String> = (0..range.width()).map(|c| range.get((1, c)).map(|d| d.to_string()).unwrap_or_default()).collect();
    for want in ["是否入库（上市培育库）", "是否“领跑者”企业", "梯队", "专精特新认定年份", "创新型中小企业", "产业链供应链白名单", "生态环境监管正面清单", "成立时间", "地址", "所属行业", "主营业务", "备注", "产值排名"] {
        assert!(headers.iter().any(|h| h == want), "{want} in {headers:?}");
    }
}

#[test]
fn a_data_year_column_dates_the_figures_instead_of_landing_in_extra() {
    // The shape of the export of earlier versions: one 数据年度 column and undated figure headers.
    let s = store();
    let rows: Vec<Vec<String>> = [
        ["企业名称", "统一社会信用代码", "数据年度", "营业收入（万元）", "税收（万元）"],
        ["甲有限公司", "91130506MA01RRJY81", "2024", "1200.5", "80"],
        ["乙有限公司", "91130500774018087N", "2022年", "300", ""],
    ]
    .iter()
    .map(|r| r.map(String::from).to_vec())
    .collect();
    let path = s.path("旧版导出.xlsx");
    write_sheet(&path, &rows);
    let report = s.json_of("import", &path, &["--year", "2025"]);
    assert_eq!(report["inserted"], 2, "{report}");
    let listing = by_uscc(s.full_listing());
    let years: Vec<(String, Vec<i64>)> = listing
        .iter()
        .map(|e| (e["name"].as_str().unwrap().to_string(), e["figures"].as_array().unwrap().iter().map(|f| f["year"].as_i64().unwrap()).collect()))
        .collect();
    assert!(years.contains(&("甲有限公司".into(), vec![2024])) && years.contains(&("乙有限公司".into(), vec![2022])), "{years:?}");
    assert!(listing.iter().all(|e| e["extra"].as_object().is_none_or(|x| x.is_empty())), "{listing:?}");
    let again = s.json_of("import", &path, &["--year", "2025"]);
    assert_eq!((again["inserted"].as_u64(), again["updated"].as_u64()), (Some(0), Some(0)), "{again}");
}
