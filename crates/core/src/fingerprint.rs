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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_hash_is_refused_and_the_same_one_passes() {
        let hash = sha256(b"first");
        assert_eq!(hash.len(), 64);
        ensure_unchanged("名单.xlsx", &hash, Some(&hash.to_uppercase())).unwrap();
        let e = ensure_unchanged("名单.xlsx", &sha256(b"second"), Some(&hash)).unwrap_err();
        assert!(e.to_string().contains(CHANGED) && e.to_string().contains("名单.xlsx"), "{e}");
        ensure_unchanged("名单.xlsx", &hash, None).unwrap();
        ensure_unchanged("名单.xlsx", &hash, Some("  ")).unwrap();
    }
}
