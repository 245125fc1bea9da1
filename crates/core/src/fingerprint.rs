//! Preview is what gets written: the SHA-256 of an import file as previewed travels with the
//! commit, and a file changed since is refused (文件在预览后已被修改，请重新预览).
use crate::error::{CoreError, Result};
use sha2::{Digest, Sha256};
use std::path::Path;

/// The refusal when the file differs from the one previewed.
pub const CHANGED: &str = "文件在预览后已被修改，请重新预览";

/// A preview's report with the previewed file's SHA-256 beside its own keys (`file_hash`), for
/// importers whose report has no place for it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Hashed<T> {
    #[serde(flatten)]
    pub report: T,
    pub file_hash: String,
}

/// Lower-case hex SHA-256 of the bytes.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of the file at `path` (read errors in Chinese, as every importer gives them).
pub fn sha256_file(path: &Path) -> Result<String> {
    Ok(sha256(&crate::sheet::input::read_input(path)?.0))
}

/// Refuses when a previewed hash is given and `actual` (the bytes about to be written) differs.
pub fn ensure_unchanged(file_name: &str, actual: &str, previewed: Option<&str>) -> Result<()> {
    match previewed.map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) if !p.eq_ignore_ascii_case(actual) => Err(CoreError::Invalid(format!("{file_name}：{CHANGED}"))),
        _ => Ok(()),
    }
}

/// Runs a preview that reads `path` itself and returns it with the file's hash; refused when the
/// file changes while it is read (the hash before and after differ).
pub fn preview_hashed<T>(path: &Path, preview: impl FnOnce() -> Result<T>) -> Result<Hashed<T>> {
    let before = sha256_file(path)?;
    let report = preview()?;
    let after = sha256_file(path)?;
    ensure_unchanged(&crate::sheet::input::display_name(path), &after, Some(&before))?;
    Ok(Hashed { report, file_hash: before })
}

/// Runs a commit that reads `path` itself, after checking the file is still the one previewed.
pub fn commit_checked<T>(path: &Path, previewed: Option<&str>, commit: impl FnOnce() -> Result<T>) -> Result<T> {
    if previewed.is_some() {
        ensure_unchanged(&crate::sheet::input::display_name(path), &sha256_file(path)?, previewed)?;
    }
    commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_file_is_refused_and_the_same_one_passes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("名单.xlsx");
        std::fs::write(&path, b"first").unwrap();
        let hash = preview_hashed(&path, || Ok(())).unwrap().file_hash;
        assert_eq!(hash, sha256(b"first"));
        assert_eq!(commit_checked(&path, Some(&hash), || Ok(1)).unwrap(), 1);
        std::fs::write(&path, b"second").unwrap();
        let e = commit_checked(&path, Some(&hash), || Ok(1)).unwrap_err();
        assert!(e.to_string().contains(CHANGED) && e.to_string().contains("名单.xlsx"), "{e}");
        assert_eq!(commit_checked(&path, None, || Ok(2)).unwrap(), 2, "no hash: nothing to compare");
    }
}
