//! The app's one store, behind a mutex: where it lives and how commands reach it.
use pacesetter_core::store::backup::{self, StartupReport};
use pacesetter_core::{CoreError, ErrorPayload, Store};
use std::path::PathBuf;
use std::sync::Mutex;

pub struct AppState {
    /// The store, or why it could not be opened (shown by the UI instead of crashing).
    store: Mutex<Result<Store, ErrorPayload>>,
    pub path: PathBuf,
    /// The quick check and automatic backup run when the app started.
    pub startup: StartupReport,
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
