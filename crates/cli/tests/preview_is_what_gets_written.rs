//! Preview is what gets written, through the real binary: every importer's `--dry-run --json`
//! reports the file's SHA-256, and a commit given it (`--sha256`) refuses a file re-saved since
//! with 文件在预览后已被修改，请重新预览, writing nothing.
use pacesetter_testkit::{expected, sample, sample_bytes, write_ledger, TempStore};
use std::path::Path;

const CHANGED: &str = "文件在预览后已被修改，请重新预览";

fn store() -> TempStore {
    TempStore::new(env!("CARGO_BIN_EXE_pacesetter"))
}

/// `COMMAND FILE --dry-run --json`: the previewed file's hash (64 hex digits).
fn previewed(s: &TempStore, command: &str, file: &Path) -> String {
    let p = s.json_of(command, file, &["--dry-run"]);
    let hash = p["file_hash"].as_str().unwrap_or_else(|| panic!("{command}: no file_hash in {p}")).to_string();
    assert_eq!(hash.len(), 64, "{hash}");
    hash
}

/// The commit with the preview's hash is refused once the file changed, and passes when it did not.
fn refused_then_accepted(s: &TempStore, command: &str, file: &Path, hash: &str, original: &[u8]) {
    let refused = s.run([command.as_ref(), file.as_os_str(), "--sha256".as_ref(), hash.as_ref(), "--json".as_ref()]);
    assert_eq!(refused.code, 2, "{command}: {}", refused.stdout);
    assert!(refused.stderr.contains(CHANGED), "{command}: {}", refused.stderr);
    std::fs::write(file, original).unwrap();
    s.run([command.as_ref(), file.as_os_str(), "--sha256".as_ref(), hash.as_ref(), "--json".as_ref()]).ok();
}

#[test]
fn a_county_sheet_changed_after_its_preview_is_refused() {
    let s = store();
    let file = s.path("名单.xlsx");
    let original = sample_bytes("county_nanhe_clean.xlsx");
    std::fs::write(&file, &original).unwrap();
    let hash = previewed(&s, "import", &file);
    std::fs::write(&file, sample_bytes("county_ningjin_messy.xlsx")).unwrap();
    let refused = s.run(["import".as_ref(), file.as_os_str(), "--sha256".as_ref(), hash.as_ref()]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains(CHANGED) && refused.stderr.contains("名单.xlsx"), "{}", refused.stderr);
    assert!(s.run(["list", "enterprises", "--json"]).ok().as_array().unwrap().is_empty(), "nothing written");
    assert!(s.run(["imports", "--json"]).ok().as_array().unwrap().is_empty());
    refused_then_accepted(&s, "import", &file, &hash, &original);
    assert_eq!(s.run(["list", "enterprises", "--json"]).ok().as_array().unwrap().len(), 25);
}

#[test]
fn a_ledger_changed_after_its_preview_is_refused() {
    let s = store();
    s.json_of("import", &sample("county_nanhe_clean.xlsx"), &[]);
    let want = expected("county_nanhe_clean.xlsx");
    let pairs: Vec<(String, String)> = want["enterprises"].as_array().unwrap()[..2]
        .iter()
        .map(|e| (e["name"].as_str().unwrap().to_string(), e["uscc"].as_str().unwrap().to_string()))
        .collect();
    let file = s.path("台账.xlsx");
    write_ledger(&file, &pairs[..1]);
    let original = std::fs::read(&file).unwrap();
    let hash = previewed(&s, "import-ledger", &file);
    write_ledger(&file, &pairs);
    refused_then_accepted(&s, "import-ledger", &file, &hash, &original);
    let out = s.path("导出.xlsx");
    let export = s.run(["export".as_ref(), "ledger".as_ref(), "--out".as_ref(), out.as_os_str()]);
    assert!(export.text().contains("共 1 个问题"), "the previewed sheet's one problem: {}", export.stdout);
}

#[test]
fn a_task_sheet_changed_after_its_preview_is_refused() {
    let s = store();
    let file = s.path("任务分工表.xlsx");
    let original = sample_bytes("task_assignment.xlsx");
    std::fs::write(&file, &original).unwrap();
    let hash = previewed(&s, "import-tasks", &file);
    std::fs::write(&file, sample_bytes("task_assignment.xls")).unwrap();
    refused_then_accepted(&s, "import-tasks", &file, &hash, &original);
}
