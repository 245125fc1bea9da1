//! Clusters through the real binary: after importing 南和区, `clusters list/show --json` count the
//! cluster's enterprises and sum their 营业收入 as the sample has them; `clusters rename` takes the
//! enterprises along and keeps the history; `export cluster-plan` writes the 一群一策 .docx.
use pacesetter_core::clusters::{self, plan};
use pacesetter_core::Store;
use pacesetter_testkit::{sample, TempStore};
use serde_json::Value;

fn expected_nanhe() -> Value {
    let text = std::fs::read_to_string(sample("expected_county_nanhe_clean.xlsx.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn list_show_rename_and_export_the_plan() {
    let s = TempStore::new(env!("CARGO_BIN_EXE_pacesetter"));
    s.json_of("import", &sample("county_nanhe_clean.xlsx"), &["--year", "2024"]);
    let expected = expected_nanhe();
    let members: Vec<&Value> = expected["enterprises"].as_array().unwrap().iter().filter(|e| e["cluster"] == "南和农机装备").collect();
    let revenue: f64 = members.iter().filter_map(|e| e["revenue_wan"].as_f64()).sum();

    let list = s.run(["clusters", "list", "--json"]).ok();
    let nanhe = list.as_array().unwrap().iter().find(|c| c["name"] == "南和农机装备").unwrap().clone();
    assert_eq!(nanhe["enterprises"].as_i64().unwrap(), members.len() as i64);
    assert_eq!(nanhe["county"], "南和区");

    let shown = s.run(["clusters", "show", "南和农机装备", "--json"]).ok();
    let years = shown["overview"]["years"].as_array().unwrap();
    assert_eq!(years.len(), 1);
    assert_eq!(years[0]["year"], 2024);
    assert!((years[0]["revenue_wan"].as_f64().unwrap() - revenue).abs() < 0.01, "{} vs {revenue}", years[0]["revenue_wan"]);
    assert_eq!(shown["overview"]["enterprises"].as_array().unwrap().len(), members.len());
    assert_eq!(shown["plan"]["updated_at"], Value::Null);

    let renamed = s.run(["clusters", "rename", "南和农机装备", "南和农机", "--json"]).ok();
    assert_eq!(renamed["enterprises"].as_i64().unwrap(), members.len() as i64);
    let listed = s.run(["list", "enterprises", "--cluster", "南和农机", "--json"]).ok();
    assert_eq!(listed.as_array().unwrap().len(), members.len());
    let text = s.run(["clusters", "show", "南和农机"]);
    assert!(text.text().contains("改名：南和农机装备 → 南和农机"), "{}", text.stdout);

    let refused = s.run(["clusters", "delete", "南和农机"]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("还有"), "{}", refused.stderr);
    s.run(["clusters", "add", "南和新材料", "--county", "南和区", "--json"]).ok();
    s.run(["clusters", "delete", "南和新材料", "--json"]).ok();
    let bin = s.run(["clusters", "list", "--deleted", "--json"]).ok();
    assert_eq!(bin.as_array().unwrap().len(), 1);
    assert_eq!(s.run(["clusters", "show", "没有这个集群"]).code, 2);

    {
        let mut store = Store::open(&s.db).unwrap();
        let id = clusters::cluster_by_name(&store, "南和农机").unwrap().id;
        let mut body = plan::ClusterPlanBody::default();
        body.measures.push(plan::ClusterMeasure { content: "组织产需对接活动".into(), unit: "南和区工信局".into(), deadline: None, status: "推进中".into() });
        plan::save_plan(&mut store, id, &body).unwrap();
    }
    let out = s.path("南和农机一群一策.docx");
    s.run(["export", "cluster-plan", "--cluster", "南和农机", "--out", out.to_str().unwrap()]).text();
    let bytes = std::fs::read(&out).unwrap();
    let mut xml = String::new();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    assert!(xml.contains("南和农机特色产业集群“一群一策”工作方案") && xml.contains("组织产需对接活动"));
    let missing = s.run(["export", "cluster-plan", "--cluster", "没有这个集群", "--out", "x.docx"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("没有名为“没有这个集群”的特色产业集群"));
}
