//! Where the shared sample spreadsheets live: `../shared/samples` beside the workspace root
//! (or the folder named by PACESETTER_SAMPLES), with a clear panic when they are missing.
use std::path::{Path, PathBuf};

/// The sample folder: `$PACESETTER_SAMPLES` if set, else `<workspace root>/../shared/samples`.
/// Panics with a message saying where it looked when the folder does not exist.
pub fn samples_dir() -> PathBuf {
    let dir = match std::env::var_os("PACESETTER_SAMPLES") {
        Some(d) => PathBuf::from(d),
        // This crate is <root>/crates/testkit; the samples sit beside <root>.
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples"),
    };
    if !dir.is_dir() {
        panic!(
            "找不到样例表格文件夹 {}：应位于工作区根目录旁的 ../shared/samples（或用环境变量 PACESETTER_SAMPLES 指定）",
            dir.display()
        );
    }
    dir.canonicalize().unwrap_or(dir)
}

/// The path of one sample file, e.g. `sample("county_nanhe_clean.xlsx")`; panics if it is absent.
pub fn sample(name: &str) -> PathBuf {
    let path = samples_dir().join(name);
    if !path.is_file() {
        panic!("样例文件 {} 不存在（样例文件夹：{}）", name, samples_dir().display());
    }
    path
}

/// The bytes of one sample file.
pub fn sample_bytes(name: &str) -> Vec<u8> {
    let path = sample(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("无法读取样例文件 {}：{e}", path.display()))
}

/// The expected results of a sample, `expected_<name>.json`: `expected("county_nanhe_clean.xlsx")`
/// or `expected("tasks")`.
pub fn expected(name: &str) -> serde_json::Value {
    let file = format!("expected_{name}.json");
    let bytes = sample_bytes(&file);
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("样例文件 {file} 不是有效的 JSON：{e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_samples() {
        assert!(samples_dir().join("README.md").is_file());
        assert!(sample("county_nanhe_clean.xlsx").is_file());
        assert_eq!(&sample_bytes("county_nanhe_clean.xlsx")[..2], b"PK");
        assert_eq!(&sample_bytes("county_linxi_merged_headers.xls")[..4], &[0xD0, 0xCF, 0x11, 0xE0]);
        assert_eq!(expected("county_nanhe_clean.xlsx")["enterprises"].as_array().unwrap().len(), 25);
        assert_eq!(expected("tasks")["tasks"].as_array().unwrap().len(), 21);
    }

    #[test]
    #[should_panic(expected = "样例文件 no_such_file.xlsx 不存在")]
    fn a_missing_sample_panics_clearly() {
        sample("no_such_file.xlsx");
    }
}
