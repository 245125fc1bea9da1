//! 资质认定 through the real binary: certificates added and reviewed, `qualifications expiring
//! --json` equal to core's `expiring`, and the year filter of `list enterprises` equal to the core
//! query (certificates valid in the year), the missing-USCC filter too.
use pacesetter_core::enterprise::{list_enterprises, EnterpriseQuery};
use pacesetter_core::qualifications::{expiring, today};
use pacesetter_core::Store;
use pacesetter_testkit::{sample, TempStore};

fn store() -> TempStore {
    let s = TempStore::new(env!("CARGO_BIN_EXE_pacesetter"));
    s.json_of("import", &sample("county_nanhe_clean.xlsx"), &[]);
    s
}

fn first_usccs(s: &TempStore, n: usize) -> Vec<String> {
    let all = s.run(["list", "enterprises", "--json"]).ok();
    all.as_array().unwrap().iter().take(n).map(|e| e["uscc"].as_str().unwrap().to_string()).collect()
}

#[test]
fn expiring_json_is_cores_and_a_review_moves_it_out() {
    let s = store();
    let u = first_usccs(&s, 2);
    let now = today();
    let months_ago = |n: i64| {
        let m: i64 = now.format("%Y").to_string().parse::<i64>().unwrap() * 12 + now.format("%m").to_string().parse::<i64>().unwrap() - 1 - n;
        format!("{}-{:02}", m / 12, m % 12 + 1)
    };
    let soon = months_ago(34); // three years: ends in about 2 months
    let later = months_ago(12); // ends in 2 years
    let a = s.run(["qualifications", "add", &u[0], "--kind", "创新型", "--obtained", &soon, "--number", "冀创新2023-1", "--json"]).ok();
    assert_eq!(a["kind"], "创新型中小企业");
    s.run(["qualifications", "add", &u[1], "--kind", "单项冠军", "--level", "省级", "--obtained", &later, "--json"]).ok();
    let cli = s.run(["qualifications", "expiring", "--within-months", "6", "--json"]).ok();
    let store = Store::open(&s.db).unwrap();
    let core = serde_json::to_value(expiring(&store, now, 6).unwrap()).unwrap();
    assert_eq!(cli, core);
    assert!(cli.as_array().unwrap().iter().any(|e| e["id"] == a["id"] && e["reviewed"] == true), "{cli}");
    assert!(cli.as_array().unwrap().iter().all(|e| e["kind"] != "制造业单项冠军"));
    let id = a["id"].as_i64().unwrap().to_string();
    let r = s.run(["qualifications", "review", &id, "--date", &now.format("%Y-%m-%d").to_string(), "--result", "通过", "--json"]).ok();
    assert_eq!(r["review_result"], "通过");
    let cli = s.run(["qualifications", "expiring", "--json"]).ok();
    assert!(cli.as_array().unwrap().iter().all(|e| e["id"] != a["id"]), "reviewed: valid another three years");
    let bad = s.run(["qualifications", "review", &id, "--date", "昨天", "--result", "通过", "--json"]).json();
    assert!(bad["error"]["message"].as_str().unwrap().contains("复核时间“昨天”"), "{bad}");
}

#[test]
fn year_and_missing_code_filters_give_the_core_counts() {
    let s = store();
    let u = first_usccs(&s, 1);
    s.run(["qualifications", "add", &u[0], "--kind", "专精特新", "--obtained", "2021-06", "--json"]).ok();
    for (args, year) in [(vec!["--qualification", "专精特新", "--qualification-year", "2023"], 2023), (vec!["--qualification", "专精特新", "--qualification-year", "2025"], 2025)] {
        let mut all = vec!["list", "enterprises", "--json"];
        all.extend(args);
        let cli = s.run(&all).ok().as_array().unwrap().len() as i64;
        let store = Store::open(&s.db).unwrap();
        let q = EnterpriseQuery { qualifications: Some(vec!["专精特新".into()]), qualification_year: Some(year), ..Default::default() };
        assert_eq!(cli, list_enterprises(&store, &q).unwrap().total, "{year}");
    }
    let cli = s.run(["list", "enterprises", "--missing-uscc", "--json"]).ok().as_array().unwrap().len() as i64;
    let store = Store::open(&s.db).unwrap();
    assert_eq!(cli, list_enterprises(&store, &EnterpriseQuery { missing_uscc: Some(true), ..Default::default() }).unwrap().total);
    let kinds = s.run(["qualifications", "kinds", "add", "省级技术创新中心", "--level", "省级", "--years", "3", "--json"]).ok();
    assert_eq!(kinds["default_level"], "省级");
    let listed = s.run(["qualifications", "kinds", "--json"]).ok();
    assert_eq!(listed.as_array().unwrap().len(), 8);
}
