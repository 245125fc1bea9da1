//! `pacesetter package …` through the real binary: export from a county store, import into a city
//! store (preview, counts, re-import unchanged), a county edit, a conflict decided with --take,
//! refusals (exit 2 with the JSON error), list and undo; the JSON keys of docs/exchange.md.
use pacesetter_testkit::{sample, TempStore};
use serde_json::Value;
use std::ffi::OsStr;
use std::path::Path;

fn store() -> TempStore {
    TempStore::new(env!("CARGO_BIN_EXE_pacesetter"))
}

fn run(s: &TempStore, args: &[&OsStr]) -> pacesetter_testkit::Run {
    s.run(args.iter().copied())
}

fn export(s: &TempStore, out: &Path) -> Value {
    run(s, &["package".as_ref(), "export".as_ref(), "--out".as_ref(), out.as_os_str(), "--json".as_ref()]).ok()
}

fn import(s: &TempStore, file: &Path, extra: &[&str]) -> pacesetter_testkit::Run {
    let mut args: Vec<&OsStr> = vec!["package".as_ref(), "import".as_ref(), file.as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    run(s, &args)
}

fn kind<'a>(report: &'a Value, kind: &str) -> &'a Value {
    report["counts"].as_array().unwrap().iter().find(|c| c["kind"] == kind).unwrap_or_else(|| panic!("{kind}: {report}"))
}

/// A one-row .csv changing one enterprise's phone number.
fn phone_sheet(s: &TempStore, file: &str, uscc: &str, name: &str, phone: &str) -> std::path::PathBuf {
    let path = s.path(file);
    std::fs::write(&path, format!("企业名称,统一社会信用代码,联系电话\n{name},{uscc},{phone}\n")).unwrap();
    path
}

#[test]
fn a_county_package_goes_up_merges_and_is_undone() {
    let county = store();
    let city = store();
    assert_eq!(county.run(["package", "unit", "南和区", "--json"]).ok()["unit"], "南和区");
    assert_eq!(city.run(["package", "unit", "市工信局", "--json"]).ok()["unit"], "市工信局");
    county.json_of("import", &sample("county_nanhe_clean.xlsx"), &[]);
    let p1 = county.path("p1.pacesetter");
    let exported = export(&county, &p1);
    assert_eq!(exported["manifest"]["kind"], "up");
    assert_eq!(exported["manifest"]["sender"], "南和区");
    assert_eq!(exported["manifest"]["content_sha256"].as_str().unwrap().len(), 64);

    let preview = import(&city, &p1, &["--dry-run", "--json"]).ok();
    for key in ["file_name", "manifest", "title", "dry_run", "package_id", "already_imported_at", "counts", "total", "changes", "conflicts", "undecided", "warnings"] {
        assert!(preview.get(key).is_some(), "{key} in {preview}");
    }
    assert_eq!((preview["dry_run"].as_bool(), kind(&preview, "enterprise")["new"].as_i64()), (Some(true), Some(25)));
    assert_eq!(city.run(["list", "enterprises", "--json"]).ok().as_array().unwrap().len(), 0, "a dry run writes nothing");
    let text = import(&city, &p1, &[]);
    assert!(text.text().contains("导入完成：南和区 → 市工信局 上报数据包") && text.stdout.contains("企业\t25\t0\t0\t0"), "{}", text.stdout);
    assert_eq!(city.run(["list", "enterprises", "--json"]).ok().as_array().unwrap().len(), 25);

    let again = import(&city, &p1, &["--json"]).ok();
    assert_eq!((again["total"]["new"].as_i64(), again["total"]["changed"].as_i64(), again["total"]["conflicts"].as_i64()), (Some(0), Some(0), Some(0)));
    assert!(again["package_id"].is_null() && again["already_imported_at"].is_string());

    // The county changes a phone: 1 updated, shown old → new.
    let first = &county.run(["list", "enterprises", "--json"]).ok()[0];
    let (uscc, name) = (first["uscc"].as_str().unwrap().to_string(), first["name"].as_str().unwrap().to_string());
    county.json_of("import", &phone_sheet(&county, "phone.csv", &uscc, &name, "0319-7000001"), &[]);
    let p2 = county.path("p2.pacesetter");
    export(&county, &p2);
    let r2 = import(&city, &p2, &["--json"]).ok();
    assert_eq!(kind(&r2, "enterprise")["changed"], 1, "{r2}");
    let change = r2["changes"].as_array().unwrap().iter().find(|c| c["status"] == "changed").unwrap();
    assert!(change["fields"].as_array().unwrap().iter().any(|f| f["field"] == "phone" && f["new"] == "0319-7000001"), "{change}");

    // Both change it: a conflict; refused until decided, then taken by its id.
    city.json_of("import", &phone_sheet(&city, "city.csv", &uscc, &name, "0319-2000002"), &[]);
    county.json_of("import", &phone_sheet(&county, "phone3.csv", &uscc, &name, "0319-7000003"), &[]);
    let p3 = county.path("p3.pacesetter");
    export(&county, &p3);
    let r3 = import(&city, &p3, &["--dry-run", "--json"]).ok();
    assert_eq!((kind(&r3, "enterprise")["conflicts"].as_i64(), r3["undecided"].as_i64()), (Some(1), Some(1)));
    let conflict = &r3["conflicts"][0];
    assert_eq!((conflict["local"].as_str(), conflict["incoming"].as_str(), conflict["base"].as_str()), (Some("0319-2000002"), Some("0319-7000003"), Some("0319-7000001")));
    let refused = import(&city, &p3, &["--json"]);
    assert_eq!(refused.code, 2);
    assert!(refused.json()["error"]["message"].as_str().unwrap().contains("冲突尚未决定"), "{}", refused.stdout);
    let id = conflict["id"].as_str().unwrap();
    let taken = import(&city, &p3, &["--take", id, "--json"]).ok();
    assert_eq!(taken["conflicts"][0]["choice"], "take");
    let phone_of = |s: &TempStore| s.run(["list", "enterprises", "--json"]).ok().as_array().unwrap().iter().find(|e| e["uscc"] == uscc.as_str()).unwrap()["phone"].clone();
    assert_eq!(phone_of(&city), "0319-7000003");

    // Older after newer: refused with both dates.
    let older = import(&city, &p2, &["--json"]);
    assert_eq!(older.code, 2);
    assert!(older.stderr.contains("早于"), "{}", older.stderr);

    // List and undo.
    let list = city.run(["package", "list", "--json"]).ok();
    let last = list.as_array().unwrap().iter().find(|p| p["direction"] == "received").unwrap();
    let undo_id = last["id"].as_i64().unwrap().to_string();
    let before_undo = phone_of(&city);
    let previewed = city.run(["package", "undo", &undo_id, "--dry-run", "--json"]).ok();
    assert_eq!((previewed["reverted"].as_i64(), previewed["dry_run"].as_bool()), (Some(1), Some(true)), "{previewed}");
    assert_eq!(phone_of(&city), before_undo, "--dry-run writes nothing");
    let undone = city.run(["package", "undo", &undo_id, "--json"]).ok();
    assert_eq!(undone["reverted"], 1, "{undone}");
    assert_eq!(undone["lines"], previewed["lines"], "the preview is what the undo did");
    assert_eq!(phone_of(&city), "0319-2000002");
    assert_eq!(city.run(["package", "undo", &undo_id]).code, 2, "twice");
    let tampered = county.path("tampered.pacesetter");
    std::fs::copy(&p3, &tampered).unwrap();
    let c = rusqlite::Connection::open(&tampered).unwrap();
    c.execute("UPDATE records SET body = replace(body, '0319-7000003', '0319-9999999')", []).unwrap();
    drop(c);
    let t = import(&city, &tampered, &["--dry-run"]);
    assert_eq!(t.code, 2);
    assert!(t.stderr.contains("已被改动"), "{}", t.stderr);
}

#[test]
fn the_city_needs_a_county_to_send_to_and_a_county_only_sends_its_own() {
    let city = store();
    city.run(["package", "unit", "市工信局"]).text();
    let out = city.path("d.pacesetter");
    let no_county = run(&city, &["package".as_ref(), "export".as_ref(), "--out".as_ref(), out.as_os_str()]);
    assert_eq!(no_county.code, 2);
    assert!(no_county.stderr.contains("--county"), "{}", no_county.stderr);
    let ok = run(&city, &["package".as_ref(), "export".as_ref(), "--county".as_ref(), "清河县".as_ref(), "--out".as_ref(), out.as_os_str(), "--json".as_ref()]).ok();
    assert_eq!((ok["manifest"]["kind"].as_str(), ok["manifest"]["receiver"].as_str()), (Some("down"), Some("清河县")));
    assert!(ok["counts"].as_array().unwrap().iter().any(|c| c["kind"] == "measure" && c["new"] == 21), "{ok}");

    let county = store();
    county.run(["package", "unit", "南和区"]).text();
    let other = run(&county, &["package".as_ref(), "export".as_ref(), "--county".as_ref(), "清河县".as_ref(), "--out".as_ref(), out.as_os_str()]);
    assert_eq!(other.code, 2);
    let wrong = import(&county, &out, &["--json"]);
    assert_eq!(wrong.code, 2);
    assert!(wrong.json()["error"]["message"].as_str().unwrap().contains("不是发给本机单位"), "{}", wrong.stdout);
    assert_eq!(county.run(["package", "unit", "北京市"]).code, 2);
}
