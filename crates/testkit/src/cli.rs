//! Running the `pacesetter` binary on a fresh store in a temp folder, the way the CLI tests do:
//! exit code and output captured, JSON parsed with a clear message when it is not JSON.
use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One finished run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\nstderr: {}", self.stdout, self.stderr))
    }

    /// Exit 0 and the JSON printed.
    #[track_caller]
    pub fn ok(&self) -> Value {
        assert_eq!(self.code, 0, "stdout: {}\nstderr: {}", self.stdout, self.stderr);
        self.json()
    }

    /// Exit 0 and the text printed.
    #[track_caller]
    pub fn text(&self) -> &str {
        assert_eq!(self.code, 0, "stdout: {}\nstderr: {}", self.stdout, self.stderr);
        &self.stdout
    }
}

/// A fresh store (`pacesetter.db`) in its own temp folder, run through `bin`
/// (`env!("CARGO_BIN_EXE_pacesetter")` in the CLI's tests); files for a test go in the same folder.
pub struct TempStore {
    pub dir: PathBuf,
    pub db: PathBuf,
    bin: PathBuf,
    _keep: TempDir,
}

/// A temp folder removed when dropped (no dependency on the tempfile crate).
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl TempStore {
    pub fn new(bin: &str) -> Self {
        static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!("pacesetter-cli-{}-{n}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempStore { db: dir.join("pacesetter.db"), bin: PathBuf::from(bin), _keep: TempDir(dir.clone()), dir }
    }

    /// A path in the store's folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Runs `pacesetter --db STORE ARGS…` in the store's folder.
    pub fn run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let out = Command::new(&self.bin)
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .env_remove("PACESETTER_DB")
            .current_dir(&self.dir)
            .output()
            .unwrap();
        Run { code: out.status.code().unwrap_or(-1), stdout: String::from_utf8_lossy(&out.stdout).into_owned(), stderr: String::from_utf8_lossy(&out.stderr).into_owned() }
    }

    /// `pacesetter COMMAND FILE [EXTRA…] --json`, exit 0, its JSON.
    #[track_caller]
    pub fn json_of(&self, command: &str, file: &Path, extra: &[&str]) -> Value {
        let mut args: Vec<&OsStr> = vec![command.as_ref(), file.as_os_str()];
        args.extend(extra.iter().map(OsStr::new));
        args.push("--json".as_ref());
        self.run(args).ok()
    }

    /// `list enterprises --json --full`: every stored field of every enterprise.
    #[track_caller]
    pub fn full_listing(&self) -> Value {
        self.run(["list", "enterprises", "--json", "--full"]).ok()
    }
}
