//! 数据交换 end to end in core: a county store (a sample sheet, a ledger with progress, 一企一策,
//! task progress, a manual indicator value) → up package → city store, record by record equal;
//! the same package again, a county edit, a conflicting city edit, the refusals, a down package
//! with the city's allocation and assignments, and undo.
use pacesetter_core::enterprise::{self, import::ImportOptions};
use pacesetter_core::exchange::kinds::{body_text, key_text, Records, Scope, STAMPS};
use pacesetter_core::exchange::{self, ImportChoices};
use pacesetter_core::{ledger, Store};
use pacesetter_testkit::{expected, sample, write_ledger};
use std::path::{Path, PathBuf};

const COUNTY: &str = "南和区";

fn nanhe(n: usize) -> Vec<(String, String)> {
    let want = expected("county_nanhe_clean.xlsx");
    want["enterprises"].as_array().unwrap()[..n].iter().map(|e| (e["name"].as_str().unwrap().to_string(), e["uscc"].as_str().unwrap().to_string())).collect()
}

/// The county store: the 南和区 sample, a ledger of 3 problems with a progress entry, 一企一策
/// for 2 enterprises, progress on a measure and a manual indicator value.
fn county_store(dir: &Path) -> Store {
    let mut s = Store::open(&dir.join("county.db")).unwrap();
    exchange::set_unit(&s, COUNTY).unwrap();
    enterprise::import::commit(&mut s, &sample("county_nanhe_clean.xlsx"), &ImportOptions::default()).unwrap();
    let ledger_file = dir.join("台账.xlsx");
    write_ledger(&ledger_file, &nanhe(3));
    ledger::import::import_ledger(&mut s, &ledger_file, 1).unwrap();
    s.test_conn()
        .execute_batch(&format!(
            "INSERT INTO problem_progress(problem_id, date, unit, content, operator, created_at)
               SELECT id, '2026-03-05', '{COUNTY}', '已对接银行', '县工信局', '2026-03-05T10:00:00' FROM problems ORDER BY id LIMIT 1;
             INSERT INTO enterprise_plans(enterprise_id, year, situation_note, measures, created_at, updated_at)
               SELECT id, 2026, '拟北交所上市', '[{{\"content\":\"股改辅导\",\"unit\":\"县金融办\"}}]', 't', 't' FROM enterprises ORDER BY id LIMIT 2;
             INSERT INTO task_progress(task_id, unit, period, status, text, percent, date, operator, created_at, updated_at)
               SELECT id, '{COUNTY}', '2026Q1', '推进中', '召开对接会 2 场', 40, '2026-03-20', '县工信局', 't', 't' FROM tasks WHERE plan_id = 1 AND seq = 1;
             INSERT INTO county_entries(plan_id, indicator, year, county, value, source, entered_by, updated_at, entered_on)
               VALUES (1, 'matchmaking_events', 2026, '{COUNTY}', 4, '县工信局统计', '县工信局', 't', '2026-03-31');
             UPDATE enterprises SET listing_stage = '辅导备案' WHERE id = (SELECT min(id) FROM enterprises);"
        ))
        .unwrap();
    s
}

fn city_store(dir: &Path) -> Store {
    let s = Store::open(&dir.join("city.db")).unwrap();
    exchange::set_unit(&s, exchange::CITY).unwrap();
    s
}

/// Every record of the county as a store holds it: (kind, key, body) texts, sorted.
fn records_of(s: &Store, county: &str, plans: bool) -> Vec<(String, String, String)> {
    let ids: Vec<i64> = s.test_conn().prepare("SELECT id FROM enterprises WHERE county = ?1").unwrap().query_map([county], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    let scope = Scope { enterprises: ids, county_rows_of: (!plans).then(|| county.to_string()), plans: if plans { vec![1] } else { vec![] }, county_targets_of: plans.then(|| county.to_string()), clusters: Vec::new() };
    let mut r = Records::new(s.test_conn()).unwrap();
    let mut out: Vec<(String, String, String)> = r
        .collect(&scope)
        .unwrap()
        .into_iter()
        .map(|mut r| {
            // Each store seeds the 2022 plan itself, at its own time.
            if r.kind == "work_plan" {
                r.body.retain(|k, _| !STAMPS.contains(&k.as_str()));
            }
            (r.kind, key_text(&r.key), body_text(&r.body))
        })
        .collect();
    out.sort();
    out
}

fn count<'a>(report: &'a exchange::ExchangeReport, kind: &str) -> (i64, i64, i64, i64) {
    let c = report.counts.iter().find(|c| c.kind == kind).unwrap_or_else(|| panic!("{kind} in {:?}", report.counts));
    (c.new, c.changed, c.unchanged, c.conflicts)
}

fn export(s: &Store, county: Option<&str>, path: PathBuf) -> PathBuf {
    exchange::export_package(s, county, &path).unwrap();
    path
}

fn none() -> ImportChoices {
    ImportChoices::default()
}

#[test]
fn county_to_city_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut county = county_store(dir.path());
    let mut city = city_store(dir.path());
    let p1 = export(&county, None, dir.path().join("p1.pacesetter"));

    // Every record arrives, field by field equal.
    let preview = exchange::preview_package(&mut city, &p1, &none()).unwrap();
    assert!(preview.dry_run && preview.package_id.is_none());
    assert_eq!(count(&preview, "enterprise"), (25, 0, 0, 0));
    assert_eq!(exchange::list_packages(&city).unwrap().len(), 0, "a preview writes nothing");
    let done = exchange::import_package(&mut city, &p1, &none()).unwrap();
    assert_eq!(done.total.conflicts, 0);
    for kind in ["enterprise", "figures", "problem", "problem_progress", "problem_transition", "enterprise_plan", "task_progress", "county_entry", "stage_history"] {
        assert!(done.counts.iter().any(|c| c.kind == kind && c.new > 0), "{kind} arrives: {:?}", done.counts);
    }
    assert_eq!(records_of(&county, COUNTY, false), records_of(&city, COUNTY, false));

    // The same package twice: nothing changes, nothing is recorded.
    let again = exchange::import_package(&mut city, &p1, &none()).unwrap();
    assert_eq!((again.total.new, again.total.changed, again.total.conflicts), (0, 0, 0), "{:?}", again.counts);
    assert!(again.already_imported_at.is_some() && again.package_id.is_none());

    // A county edit: 1 updated.
    let (_, uscc) = nanhe(1).remove(0);
    county.test_conn().execute("UPDATE enterprises SET phone = '0319-7000001' WHERE uscc = ?1", [&uscc]).unwrap();
    let p2 = export(&county, Some(COUNTY), dir.path().join("p2.pacesetter"));
    let r2 = exchange::import_package(&mut city, &p2, &none()).unwrap();
    assert_eq!(count(&r2, "enterprise"), (0, 1, 24, 0));
    assert_eq!(r2.total.changed, 1, "{:?}", r2.counts);
    let phone = |s: &Store| -> String { s.test_conn().query_row("SELECT phone FROM enterprises WHERE uscc = ?1", [&uscc], |r| r.get(0)).unwrap() };
    assert_eq!(phone(&city), "0319-7000001");

    // The city edits the same field, the county again: 1 conflict, decided by the receiver.
    city.test_conn().execute("UPDATE enterprises SET phone = '0319-2000002' WHERE uscc = ?1", [&uscc]).unwrap();
    county.test_conn().execute("UPDATE enterprises SET phone = '0319-7000003', address = '南和区新址' WHERE uscc = ?1", [&uscc]).unwrap();
    let p3 = export(&county, None, dir.path().join("p3.pacesetter"));
    let r3 = exchange::preview_package(&mut city, &p3, &none()).unwrap();
    assert_eq!(count(&r3, "enterprise"), (0, 0, 24, 1));
    assert_eq!(r3.conflicts.len(), 1);
    let c = &r3.conflicts[0];
    assert_eq!((c.field.as_str(), c.local.as_deref(), c.incoming.as_deref(), c.base.as_deref()), ("phone", Some("0319-2000002"), Some("0319-7000003"), Some("0319-7000001")));
    let refused = exchange::import_package(&mut city, &p3, &none()).unwrap_err().to_string();
    assert!(refused.contains("冲突尚未决定") && refused.contains(&c.id), "{refused}");
    assert_eq!(phone(&city), "0319-2000002", "nothing written");
    let choose = ImportChoices { take: vec![c.id.clone()], previewed_sha256: Some(r3.manifest.content_sha256.clone()), ..none() };
    let r3 = exchange::import_package(&mut city, &p3, &choose).unwrap();
    assert_eq!(phone(&city), "0319-7000003");
    let address: String = city.test_conn().query_row("SELECT address FROM enterprises WHERE uscc = ?1", [&uscc], |r| r.get(0)).unwrap();
    assert_eq!(address, "南和区新址", "the field only the county changed is taken with it");

    // An older package after a newer one: refused with both dates.
    let older = exchange::import_package(&mut city, &p1, &none()).unwrap_err().to_string();
    assert!(older.contains("早于") && older.contains(&r3.manifest.created_at.replace('T', " ")), "{older}");

    // Undo the last import: the phone goes back to the city's value; a later city edit stays.
    city.test_conn().execute("UPDATE enterprises SET address = '市里核实的地址' WHERE uscc = ?1", [&uscc]).unwrap();
    let undone = exchange::undo_package(&mut city, r3.package_id.unwrap()).unwrap();
    assert_eq!(phone(&city), "0319-2000002");
    let address: String = city.test_conn().query_row("SELECT address FROM enterprises WHERE uscc = ?1", [&uscc], |r| r.get(0)).unwrap();
    assert_eq!(address, "市里核实的地址");
    assert!(undone.lines.iter().any(|l| l.reason.as_deref().is_some_and(|r| r.contains("address"))), "{:?}", undone.lines);
    assert!(exchange::undo_package(&mut city, r3.package_id.unwrap()).unwrap_err().to_string().contains("撤销过"));

    // Down: the city assigns a problem and splits a target to the county; the county gets both.
    city.test_conn()
        .execute_batch(&format!(
            "UPDATE problems SET state = '交办', lead_unit = '市金融办', assigned_on = '2026-04-01', deadline = '2026-06-30'
               WHERE id = (SELECT min(id) FROM problems);
             INSERT INTO county_targets(plan_id, indicator, year, county, target, updated_at) VALUES (1, 'matchmaking_events', 2026, '{COUNTY}', 6, 't');"
        ))
        .unwrap();
    let d1 = export(&city, Some(COUNTY), dir.path().join("d1.pacesetter"));
    let down = exchange::import_package(&mut county, &d1, &none()).unwrap();
    assert_eq!(down.total.conflicts, 0, "{:?}", down.conflicts);
    assert_eq!(count(&down, "county_target").0, 1);
    assert!(count(&down, "problem").1 >= 1);
    let (state, lead): (String, String) = county.test_conn().query_row("SELECT state, lead_unit FROM problems WHERE lead_unit IS NOT NULL", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!((state.as_str(), lead.as_str()), ("交办", "市金融办"));
    let target: f64 = county.test_conn().query_row("SELECT target FROM county_targets WHERE county = ?1", [COUNTY], |r| r.get(0)).unwrap();
    assert_eq!(target, 6.0);

    // A new county installation gets the plan and its assigned problems from the same package.
    let fresh_dir = tempfile::tempdir().unwrap();
    let mut fresh = Store::open(&fresh_dir.path().join("fresh.db")).unwrap();
    exchange::set_unit(&fresh, COUNTY).unwrap();
    let got = exchange::import_package(&mut fresh, &d1, &none()).unwrap();
    assert_eq!(count(&got, "enterprise").0, 25);
    assert_eq!(records_of(&city, COUNTY, true), records_of(&fresh, COUNTY, true));
}

/// Opens a package file to change it as someone might, then gives it back.
fn edit_package(path: &Path, sql: &str) {
    let c = rusqlite::Connection::open(path).unwrap();
    c.execute_batch(sql).unwrap();
}

fn rehash(path: &Path) {
    let c = rusqlite::Connection::open(path).unwrap();
    let rows: Vec<(String, String, String)> = c.prepare("SELECT kind, key, body FROM records ORDER BY kind, key").unwrap().query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect();
    let sha = exchange::package::content_hash(&rows);
    c.execute("UPDATE manifest SET value = ?1 WHERE key = 'content_sha256'", [sha]).unwrap();
}

#[test]
fn tampered_newer_wrong_county_and_misaddressed_packages_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let county = county_store(dir.path());
    let mut city = city_store(dir.path());
    let p = export(&county, None, dir.path().join("p.pacesetter"));
    let copy = |name: &str| {
        let to = dir.path().join(name);
        std::fs::copy(&p, &to).unwrap();
        to
    };
    let err = |s: &mut Store, path: &Path| exchange::preview_package(s, path, &none()).unwrap_err().to_string();

    let tampered = copy("tampered.pacesetter");
    edit_package(&tampered, "UPDATE records SET body = replace(body, '南和', '北和') WHERE kind = 'enterprise' AND rowid = (SELECT min(rowid) FROM records WHERE kind = 'enterprise')");
    assert!(err(&mut city, &tampered).contains("已被改动"), "{}", err(&mut city, &tampered));

    let newer = copy("newer.pacesetter");
    edit_package(&newer, "UPDATE manifest SET value = '999' WHERE key = 'schema_version'");
    assert!(err(&mut city, &newer).contains("较新版本"), "{}", err(&mut city, &newer));

    let claims_other = copy("other.pacesetter");
    edit_package(&claims_other, "UPDATE manifest SET value = '清河县' WHERE key = 'sender'");
    let e = err(&mut city, &claims_other);
    assert!(e.contains("自称是清河县") && e.contains("南和区"), "{e}");

    let moved = copy("moved.pacesetter");
    edit_package(&moved, "UPDATE records SET body = replace(body, '\"county\":\"南和区\"', '\"county\":\"清河县\"') WHERE kind = 'enterprise' AND rowid = (SELECT min(rowid) FROM records WHERE kind = 'enterprise')");
    rehash(&moved);
    assert!(err(&mut city, &moved).contains("清河县的记录"), "{}", err(&mut city, &moved));

    let not_package = dir.path().join("名单.pacesetter");
    std::fs::copy(sample("county_nanhe_clean.xlsx"), &not_package).unwrap();
    assert!(err(&mut city, &not_package).contains("不是领跑者系统的数据包"));

    let mut other_county = Store::open(&dir.path().join("qinghe.db")).unwrap();
    exchange::set_unit(&other_county, "清河县").unwrap();
    assert!(err(&mut other_county, &p).contains("不是发给本机单位"), "{}", err(&mut other_county, &p));
    let mut county = county;
    assert!(err(&mut county, &p).contains("本机"), "its own package");
    assert_eq!(exchange::list_packages(&city).unwrap().len(), 0);
}

#[test]
fn undo_removes_what_the_package_added_unless_work_was_done_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let county = county_store(dir.path());
    let mut city = city_store(dir.path());
    let p = export(&county, None, dir.path().join("p.pacesetter"));
    let r = exchange::import_package(&mut city, &p, &none()).unwrap();
    let (_, uscc) = nanhe(2).remove(1);
    city.test_conn().execute("UPDATE enterprises SET notes = '市里备注' WHERE uscc = ?1", [&uscc]).unwrap();
    let enterprises = |s: &Store| s.test_conn().query_row("SELECT count(*) FROM enterprises", [], |r| r.get::<_, i64>(0)).unwrap();
    let before = enterprises(&city);
    let preview = exchange::undo_package_preview(&mut city, r.package_id.unwrap()).unwrap();
    assert!(preview.dry_run);
    assert!(preview.removed >= 23, "{preview:?}");
    assert_eq!(enterprises(&city), before, "the preview writes nothing");
    assert!(exchange::list_packages(&city).unwrap().iter().all(|p| p.undone_at.is_none()));
    let undone = exchange::undo_package(&mut city, r.package_id.unwrap()).unwrap();
    assert_eq!((undone.removed, undone.reverted, undone.kept, &undone.lines), (preview.removed, preview.reverted, preview.kept, &preview.lines), "the preview is what the undo does");
    assert!(!undone.dry_run);
    let left: Vec<String> = city.test_conn().prepare("SELECT uscc FROM enterprises").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert_eq!(left, vec![uscc], "{:?}", undone.lines.iter().filter(|l| l.action == "kept").collect::<Vec<_>>());
    let rows: i64 = city.test_conn().query_row("SELECT count(*) FROM task_progress", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 0);
    // After the undo the package can be imported again.
    let again = exchange::preview_package(&mut city, &p, &none()).unwrap();
    // The kept enterprise's note, written here after the import, now meets the package's.
    let fields: Vec<&str> = again.conflicts.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, vec!["notes"]);
    assert_eq!(count(&again, "enterprise").0, 24);
}

#[test]
fn certificates_and_the_bureaus_own_kinds_travel_and_a_correction_updates_the_same_certificate() {
    use pacesetter_core::qualifications::{self, KindInput, QualificationInput};
    let dir = tempfile::tempdir().unwrap();
    let mut county = county_store(dir.path());
    let mut city = city_store(dir.path());
    let (_, uscc) = nanhe(1).remove(0);
    let id = qualifications::enterprise_by_uscc(&county, &uscc).unwrap();
    let kind = KindInput { name: "河北省制造业单项冠军".into(), short_name: "省单项冠军".into(), levels: vec!["省级".into()], validity_years: Some(3), reviewed: true, note: String::new() };
    qualifications::add_kind(&mut county, &kind).unwrap();
    let input = QualificationInput { enterprise_id: id, kind: kind.name.clone(), obtained_on: Some("2024-05".into()), certificate_no: "冀单冠-01".into(), ..Default::default() };
    let cert = qualifications::add_qualification(&mut county, &input).unwrap();
    let certs = |s: &Store| -> Vec<(String, String, String)> {
        s.test_conn()
            .prepare("SELECT q.kind, coalesce(q.obtained_on, ''), q.certificate_no FROM qualifications q JOIN enterprises e ON e.id = q.enterprise_id WHERE e.uscc = ?1 AND q.deleted_at IS NULL ORDER BY 1, 2")
            .unwrap()
            .query_map([&uscc], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };

    let p1 = export(&county, None, dir.path().join("q1.pacesetter"));
    let r1 = exchange::import_package(&mut city, &p1, &none()).unwrap();
    assert_eq!(count(&r1, "qualification_kind").0, 1, "the bureau's own kind comes with its certificates");
    assert_eq!(certs(&city), certs(&county));

    // A correction at the county updates the city's certificate; it does not add a second one.
    let corrected = QualificationInput { certificate_no: "冀单冠-2024-01".into(), ..input };
    qualifications::update_qualification(&mut county, cert.id, &corrected).unwrap();
    let p2 = export(&county, None, dir.path().join("q2.pacesetter"));
    let r2 = exchange::import_package(&mut city, &p2, &none()).unwrap();
    let (new, changed, _, conflicts) = count(&r2, "qualification");
    assert_eq!((new, changed, conflicts), (0, 1, 0));
    assert_eq!(certs(&city), certs(&county));
    assert_eq!(certs(&city).iter().filter(|c| c.0 == kind.name).count(), 1);
    let again = exchange::preview_package(&mut city, &p2, &none()).unwrap();
    assert_eq!(again.total.new + again.total.changed, 0, "the same package twice: 0 changes");
}
