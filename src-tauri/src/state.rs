//! The app's one store, behind a mutex: where it lives and how commands reach it.
use pacesetter_core::store::backup::{self, StartupReport};
use pacesetter_core::{CoreError, ErrorPayload, Store};
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::Manager;

pub struct AppState {
    /// The store, or why it could not be opened (shown by the UI instead of crashing).
    store: Mutex<Result<Store, ErrorPayload>>,
    pub path: PathBuf,
    /// The quick check and automatic backup run when the app started.
    pub startup: StartupReport,
}

/// `PACESETTER_DB` if set (tests), else `<app data>/pacesetter.db`.
pub fn store_path(app: &tauri::AppHandle) -> Result<PathBuf, Box<dyn std::error::Error>> {
    if std::env::var_os("PACESETTER_DB").is_some_and(|p| !p.is_empty()) {
        return Ok(pacesetter_core::store::default_db_path());
    }
    Ok(app.path().app_data_dir()?.join(pacesetter_core::store::DB_FILE_NAME))
}

impl AppState {
    pub fn open(path: PathBuf) -> AppState {
        let store = Store::open(&path).map_err(|e| e.payload());
        let startup = match &store {
            Ok(s) => backup::startup(s),
            Err(e) => StartupReport { ok: false, problems: vec![e.message.clone()], backup: None, backup_error: None },
        };
        AppState { store: Mutex::new(store), path, startup }
    }

    /// Runs `f` with the store; errors become the `{code, message}` the UI shows.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, CoreError>) -> Result<T, ErrorPayload> {
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        match guard.as_mut() {
            Ok(store) => f(store).map_err(|e| e.payload()),
            Err(e) => Err(e.clone()),
        }
    }
}
