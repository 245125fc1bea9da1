//! Undo after work done by hand: an enterprise edited on its page or given a 一企一策 plan after
//! the import that added it is kept (with the reason), the edit survives, the rest is removed.
use pacesetter_core::enterprise::{self, detail, import::ImportOptions};
use pacesetter_core::{enterprise_plans as plans, Store};
use pacesetter_testkit::sample;

#[test]
fn hand_edits_and_plans_made_after_an_import_survive_its_undo() {
    let mut store = Store::open_in_memory().unwrap();
    let first = enterprise::import::commit(&mut store, &sample("county_nanhe_clean.xlsx"), &ImportOptions::default()).unwrap();
    let id_of = |s: &Store, uscc: &str| plans::enterprise_id_by_uscc(s, uscc).unwrap();
    let edited = id_of(&store, "91130506MA01RRJY81");
    let mut data = detail::get_enterprise(&store, edited).unwrap().data;
    data.phone = Some("0319-8888888".into());
    detail::update_enterprise(&mut store, edited, &data).unwrap();
    let planned = id_of(&store, "911305067568074885");
    let body = plans::get_plan(&store, planned, 2026).unwrap().body;
    plans::save_plan(&mut store, planned, 2026, &body).unwrap();

    let report = enterprise::import::undo(&mut store, first.import_id.unwrap()).unwrap();
    assert_eq!((report.deleted, report.kept), (23, 2));
    let reason = |uscc: &str| report.items.iter().find(|i| i.uscc == uscc).unwrap().reason.clone().unwrap();
    assert!(reason("91130506MA01RRJY81").contains("联系电话"), "{}", reason("91130506MA01RRJY81"));
    assert!(reason("911305067568074885").contains("一企一策 1 条"), "{}", reason("911305067568074885"));
    assert_eq!(detail::get_enterprise(&store, edited).unwrap().data.phone.as_deref(), Some("0319-8888888"));
    assert_eq!(enterprise::list_enterprises(&store, &Default::default()).unwrap().total, 2);
    let history = detail::enterprise_history(&store, edited).unwrap();
    assert!(history.iter().any(|h| h.action == "undo" && h.new_value.as_deref().is_some_and(|v| v.contains("保留"))), "the kept enterprise's history says why");
}
