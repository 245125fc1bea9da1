//! A tiny run of `pacesetter bench` (200 rows, once): the generated sheet imports completely,
//! re-imports unchanged, and every measure is reported in the JSON contract.
use std::process::Command;

#[test]
fn bench_runs_small() {
    let out = Command::new(env!("CARGO_BIN_EXE_pacesetter"))
        .args(["bench", "--rows", "200", "--repeat", "1", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["rows"], 200);
    let keys: Vec<&str> = v["measures"].as_array().unwrap().iter().map(|m| m["key"].as_str().unwrap()).collect();
    for want in ["import_vs_read", "reimport_vs_read", "export_vs_plain", "list_all", "search_name", "search_uscc", "filter_county"] {
        assert!(keys.contains(&want), "{want} missing from {keys:?}");
    }
    for m in v["measures"].as_array().unwrap() {
        assert!(m["value"].as_f64().unwrap() > 0.0, "{m}");
    }
    if cfg!(unix) {
        assert!(keys.contains(&"import_peak_memory"));
    }
}
