//! Facts about the running app that the UI shows: its version, where the store is, and whether
//! end-to-end tests are driving it.
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// What `app_info` tells the UI (the 设置 page's store location, the e2e test hooks).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    /// Set by end-to-end tests (`PACESETTER_E2E=1`) to open a test hook for the import path.
    pub e2e: bool,
}

impl AppInfo {
    /// The facts for the app whose store is at `db_path`; the version is the workspace's.
    pub fn new(db_path: &Path) -> AppInfo {
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            db_path: db_path.display().to_string(),
            e2e: std::env::var_os("PACESETTER_E2E").is_some(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_info_json_keys_are_the_ui_contract() {
        let info = AppInfo::new(Path::new("/tmp/pacesetter.db"));
        let json = serde_json::to_value(&info).unwrap();
        let mut keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, ["db_path", "e2e", "version"]);
        assert_eq!(json["db_path"], "/tmp/pacesetter.db");
        assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));
    }
}
