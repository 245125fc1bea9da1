//! The list filters and batch edits through the real binary: `list enterprises` with each filter
//! gives the same enterprises as the core query the desktop list sends; `batch` previews, writes
//! (入库 with a reason) and `batch undo` takes the whole batch back.
use pacesetter_core::enterprise::{list_enterprises, matching_ids, EnterpriseQuery};
use pacesetter_core::Store;
use pacesetter_testkit::{sample, TempStore};
use serde_json::Value;

fn store() -> TempStore {
    let s = TempStore::new(env!("CARGO_BIN_EXE_pacesetter"));
    s.json_of("import", &sample("county_nanhe_clean.xlsx"), &[]);
    s
}

fn listed(s: &TempStore, filter: &[&str]) -> Vec<String> {
    let mut args = vec!["list", "enterprises", "--json"];
    args.extend(filter);
    let out = s.run(&args).ok();
    out.as_array().unwrap().iter().map(|e| e["uscc"].as_str().unwrap().to_string()).collect()
}

fn core_uscc(s: &TempStore, q: &EnterpriseQuery) -> Vec<String> {
    let store = Store::open(&s.db).unwrap();
    let rows = list_enterprises(&store, q).unwrap().rows;
    assert_eq!(matching_ids(&store, q).unwrap(), rows.iter().map(|r| r.id).collect::<Vec<_>>());
    rows.into_iter().map(|r| r.uscc).collect()
}

fn words(v: &[&str]) -> Option<Vec<String>> {
    Some(v.iter().map(|s| s.to_string()).collect())
}

#[test]
fn each_filter_gives_the_core_querys_enterprises() {
    let s = store();
    let cases: Vec<(Vec<&str>, EnterpriseQuery)> = vec![
        (vec![], EnterpriseQuery::default()),
        (vec!["--qualification", "专精特新"], EnterpriseQuery { qualifications: words(&["专精特新"]), ..Default::default() }),
        (
            vec!["--qualification", "专精特新", "--qualification", "高新"],
            EnterpriseQuery { qualifications: words(&["专精特新", "高新"]), ..Default::default() },
        ),
        (vec!["--stage", "已股改"], EnterpriseQuery { stages: words(&["已股改"]), ..Default::default() }),
        (vec!["--stage", "股改中", "--stage", "未填"], EnterpriseQuery { stages: words(&["股改中", "未填"]), ..Default::default() }),
        (vec!["--board", "北交所"], EnterpriseQuery { boards: words(&["北交所"]), ..Default::default() }),
        (vec!["--cluster", "南和宠物食品"], EnterpriseQuery { cluster: Some("南和宠物食品".into()), ..Default::default() }),
        (vec!["--revenue-min", "20000"], EnterpriseQuery { revenue_min: Some(20000.0), ..Default::default() }),
        (
            vec!["--rd-ratio-min", "3", "--rd-ratio-max", "5"],
            EnterpriseQuery { rd_ratio_min: Some(3.0), rd_ratio_max: Some(5.0), ..Default::default() },
        ),
        (vec!["--missing-figures", "2019"], EnterpriseQuery { missing_figures: Some(2019), ..Default::default() }),
        (vec!["--not-in-pool"], EnterpriseQuery { in_pool: Some(false), ..Default::default() }),
        (
            vec!["--qualification", "专精特新", "--stage", "已股改"],
            EnterpriseQuery { qualifications: words(&["专精特新"]), stages: words(&["已股改"]), ..Default::default() },
        ),
    ];
    for (args, q) in &cases {
        let cli = listed(&s, args);
        assert_eq!(cli, core_uscc(&s, q), "{args:?}");
        let text = s.run([&["list", "enterprises"][..], args].concat()).text().to_string();
        assert!(text.starts_with(&format!("共 {} 家企业", cli.len())), "{args:?}: {text}");
    }
    assert_eq!(listed(&s, &["--qualification", "专精特新", "--stage", "已股改"]).len(), 2);
    assert_eq!(listed(&s, &["--missing-figures", "2019"]).len(), 25);
    // A filter word the store does not know: exit 2 and the choices.
    let bad = s.run(["list", "enterprises", "--stage", "快上市了", "--json"]);
    assert_eq!(bad.code, 2);
    assert!(bad.json()["error"]["message"].as_str().unwrap().contains("可选"));
}

#[test]
fn batch_into_the_pool_with_a_reason_then_undo() {
    let s = store();
    let filter = ["--qualification", "专精特新", "--stage", "已股改"];
    let batch = |extra: &[&str]| -> Value {
        let mut args = vec!["batch"];
        args.extend(filter);
        args.extend(extra);
        args.push("--json");
        s.run(&args).ok()
    };
    let set = ["--set", "in_pool=是", "--reason", "拟于2027年申报北交所", "--date", "2026-11-20"];
    let dry = batch(&[&set[..], &["--dry-run"]].concat());
    assert_eq!((dry["matched"].as_i64(), dry["changed"].as_i64(), dry["dry_run"].as_bool()), (Some(2), Some(2), Some(true)));
    assert!(dry["batch_id"].is_null());
    assert!(listed(&s, &["--in-pool"]).is_empty(), "a dry run writes nothing");

    let done = batch(&set);
    let id = done["batch_id"].as_i64().unwrap();
    assert_eq!(done["changed"], 2);
    assert_eq!(listed(&s, &["--in-pool"]).len(), 2);
    let items = s.run(["list", "enterprises", "--in-pool", "--json"]).ok();
    assert!(items.as_array().unwrap().iter().all(|e| e["in_pool"] == true));
    let batches = s.run(["batch", "list", "--json"]).ok();
    assert_eq!(batches[0]["id"].as_i64(), Some(id));
    assert!(batches[0]["summary"].as_str().unwrap().contains("拟于2027年申报北交所"));

    // No reason for a list change, or no enterprises named: refused, nothing written.
    let no_reason = s.run(["batch", "--in-pool", "--set", "in_pool=否", "--json"]);
    assert_eq!(no_reason.code, 2);
    assert!(no_reason.json()["error"]["message"].as_str().unwrap().contains("理由"));
    let unnamed = s.run(["batch", "--set", "tier=第一梯队"]);
    assert_eq!(unnamed.code, 2);
    assert!(unnamed.stderr.contains("--all"), "{}", unnamed.stderr);

    let undone = s.run(["batch", "undo", &id.to_string(), "--json"]).ok();
    assert_eq!((undone["reverted"].as_i64(), undone["kept"].as_i64()), (Some(2), Some(0)));
    assert!(listed(&s, &["--in-pool"]).is_empty());
    let again = s.run(["batch", "undo", &id.to_string()]);
    assert_eq!(again.code, 2);
    assert!(s.run(["batch", "list"]).text().contains("（已撤销）"));
}

#[test]
fn batch_by_ids_sets_leader_cluster_and_a_qualification() {
    let s = store();
    let ids: Vec<String> = s.run(["list", "enterprises", "--cluster", "南和宠物食品", "--json"]).ok().as_array().unwrap()[..3]
        .iter()
        .map(|e| e["id"].to_string())
        .collect();
    let ids = ids.join(",");
    let out = s
        .run(["batch", "--ids", &ids, "--set", "is_leader=是", "--level", "省级", "--batch-year", "2023", "--reason", "2023年省级第二批", "--json"])
        .ok();
    assert_eq!(out["changed"], 3);
    assert_eq!(listed(&s, &["--leader", "--leader-batch", "2023", "--leader-level", "省级"]).len(), 3);
    s.run(["batch", "--ids", &ids, "--set", "specialized=是", "--year", "2025", "--set", "tier=第一梯队", "--json"]).ok();
    assert_eq!(listed(&s, &["--qualification", "专精特新", "--qualification-year", "2025", "--tier", "第一梯队"]).len(), 3);
    let text = s.run(["batch", "--ids", &ids, "--set", "tier=第一梯队", "--dry-run"]).text().to_string();
    assert!(text.contains("修改 0 家，不变 3 家"), "{text}");
}
