//! Exchange tests kept in the crate (they read stores through the crate-private connection).
//! Cluster records in the packages: a county's clusters with their 一群一策 and rename history go
//! up and arrive record by record equal; the same package again changes nothing; a later edit of
//! the plan arrives as a change; the city's clusters of no county come down to a county.
use super::kinds::{body_text, key_text, Records, Scope, STAMPS};
use super::{export_package, import_package, preview_package, set_unit, ImportChoices, CITY};
use crate::clusters::plan::{save_plan, ClusterMeasure, ClusterPlanBody};
use crate::clusters::{add_cluster, cluster_by_name, rename_cluster};
use crate::store::Store;

fn cluster_records(s: &Store, names: &[&str]) -> Vec<(String, String, String)> {
    let ids = names.iter().map(|n| cluster_by_name(s, n).unwrap().id).collect();
    let mut r = Records::new(&s.conn).unwrap();
    let mut out: Vec<_> = r
        .collect(&Scope { clusters: ids, ..Scope::default() })
        .unwrap()
        .into_iter()
        .map(|mut r| {
            // Each store seeds the shipped clusters itself, at its own time.
            r.body.retain(|k, _| !STAMPS.contains(&k.as_str()));
            (r.kind, key_text(&r.key), body_text(&r.body))
        })
        .collect();
    out.sort();
    out
}

fn plan_body() -> ClusterPlanBody {
    ClusterPlanBody {
        note: "农机装备企业 40 余家".into(),
        measures: vec![ClusterMeasure { content: "组织产需对接".into(), unit: "南和区工信局".into(), deadline: Some("2026-06-30".into()), status: "推进中".into() }],
        ..Default::default()
    }
}

#[test]
fn a_countys_clusters_and_plans_go_up_and_come_back_equal() {
    let dir = tempfile::tempdir().unwrap();
    let mut county = Store::open(&dir.path().join("county.db")).unwrap();
    set_unit(&county, "南和区").unwrap();
    let c = cluster_by_name(&county, "南和农机装备").unwrap().id;
    rename_cluster(&mut county, c, "南和农机").unwrap();
    save_plan(&mut county, c, &plan_body()).unwrap();
    add_cluster(&mut county, "南和新材料", Some("南和区")).unwrap();
    let up = dir.path().join("up.pacesetter");
    let report = export_package(&county, None, &up).unwrap();
    let carried = |kind: &str| report.counts.iter().find(|k| k.kind == kind).map(|k| k.new).unwrap_or(0);
    assert_eq!((carried("cluster"), carried("cluster_plan"), carried("cluster_rename")), (3, 1, 1), "南和区 has 南和宠物食品 too");

    let mut city = Store::open(&dir.path().join("city.db")).unwrap();
    set_unit(&city, CITY).unwrap();
    let preview = preview_package(&mut city, &up, &ImportChoices::default()).unwrap();
    let count = |r: &super::ExchangeReport, kind: &str| r.counts.iter().find(|k| k.kind == kind).map(|k| (k.new, k.changed, k.unchanged, k.conflicts)).unwrap();
    // The city has the shipped 南和宠物食品 as it is; 南和农机 and 南和新材料 are new to it.
    assert_eq!(count(&preview, "cluster"), (2, 0, 1, 0));
    import_package(&mut city, &up, &ImportChoices::default()).unwrap();
    let names = ["南和农机", "南和新材料", "南和宠物食品"];
    assert_eq!(cluster_records(&city, &names), cluster_records(&county, &names));
    assert_eq!(crate::clusters::plan::get_plan(&city, cluster_by_name(&city, "南和农机").unwrap().id).unwrap().body.measures[0].content, "组织产需对接");
    let again = import_package(&mut city, &up, &ImportChoices::default()).unwrap();
    assert_eq!(count(&again, "cluster_plan"), (0, 0, 1, 0));

    let mut next = plan_body();
    next.measures[0].status = "已完成".into();
    save_plan(&mut county, c, &next).unwrap();
    let up2 = dir.path().join("up2.pacesetter");
    export_package(&county, None, &up2).unwrap();
    let r = import_package(&mut city, &up2, &ImportChoices::default()).unwrap();
    assert_eq!(count(&r, "cluster_plan"), (0, 1, 0, 0));
    let change = r.changes.iter().find(|c| c.kind == "cluster_plan").unwrap();
    assert_eq!(change.title, "一群一策 南和农机");
    assert_eq!(change.fields[0].label, "措施");

    // The city's own cluster (no county) goes down to a county; a county cannot send it up.
    add_cluster(&mut city, "邢台市装备制造", None).unwrap();
    let down = dir.path().join("down.pacesetter");
    let sent = export_package(&city, Some("南和区"), &down).unwrap();
    // 南和宠物食品, 南和农机, 南和新材料, 邢台市装备制造 — and the city's 南和农机装备: a rename reaches
    // the other side as a new cluster (docs/exchange.md, 未做到的).
    assert!(sent.counts.iter().any(|k| k.kind == "cluster" && k.new == 5), "{:?}", sent.counts);
    import_package(&mut county, &down, &ImportChoices::default()).unwrap();
    assert!(cluster_by_name(&county, "邢台市装备制造").unwrap().county.is_none());
    let mut other = Store::open(&dir.path().join("other.db")).unwrap();
    add_cluster(&mut other, "邢台市装备制造", None).unwrap();
    let bad = dir.path().join("bad.pacesetter");
    let mut r = Records::new(&other.conn).unwrap();
    let recs = r.collect(&Scope { clusters: vec![cluster_by_name(&other, "邢台市装备制造").unwrap().id], ..Scope::default() }).unwrap();
    let manifest = super::Manifest { kind: "up".into(), sender: "南和区".into(), receiver: CITY.into(), ..sent.manifest.clone() };
    let rows = super::package::texts(&recs);
    super::package::write(&bad, &super::Manifest { content_sha256: super::package::content_hash(&rows), records: rows.len() as i64, ..manifest }, &rows).unwrap();
    let refused = preview_package(&mut city, &bad, &ImportChoices::default()).unwrap_err();
    assert!(refused.to_string().contains("特色产业集群 邢台市装备制造"), "{refused}");
}
