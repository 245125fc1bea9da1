//! The one error type of the core library. Every variant carries a Chinese message for the
//! user; `code()` is a short stable code the UI and the CLI's `--json` output react to.
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// The file cannot be read as a spreadsheet (corrupt, wrong type, encrypted …).
    #[error("{0}")]
    UnreadableFile(String),
    /// The file was read but holds nothing we can import.
    #[error("{0}")]
    UnrecognizedLayout(String),
    /// Input from the user that breaks a rule (bad USCC on an edit, unknown id …).
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    NotFound(String),
    /// The store is from a newer version, damaged, or busy.
    #[error("{0}")]
    Store(String),
    #[error("数据库错误：{0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("文件读写失败：{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Export(String),
}

impl CoreError {
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::UnreadableFile(_) => "unreadable_file",
            CoreError::UnrecognizedLayout(_) => "unrecognized_layout",
            CoreError::Invalid(_) => "invalid",
            CoreError::NotFound(_) => "not_found",
            CoreError::Store(_) => "store",
            CoreError::Sqlite(e) if is_busy(e) => "busy",
            CoreError::Sqlite(_) => "store",
            CoreError::Io(_) => "io",
            CoreError::Export(_) => "export",
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        let message = match self {
            CoreError::Sqlite(e) if is_busy(e) => {
                "数据库正被其他程序（另一窗口或命令行）占用，请稍后重试".to_string()
            }
            other => other.to_string(),
        };
        ErrorPayload { code: self.code().to_string(), message }
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
}

impl From<rust_xlsxwriter::XlsxError> for CoreError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        CoreError::Export(format!("写入 Excel 文件失败：{}", xlsx_reason(&e)))
    }
}

/// Why the spreadsheet writer failed; a file error as [`io_reason`] says it.
pub(crate) fn xlsx_reason(e: &rust_xlsxwriter::XlsxError) -> String {
    match e {
        rust_xlsxwriter::XlsxError::IoError(io) => io_reason(io),
        e => e.to_string(),
    }
}

/// Windows' ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION: another program holds the file,
/// as Excel, WPS and Word do with every file they show.
const WINDOWS_FILE_IN_USE: [i32; 2] = [32, 33];

/// Why reading or writing a file failed, for a Chinese message: a file another program holds
/// open (Windows) in words, anything else as the system says it.
pub fn io_reason(e: &std::io::Error) -> String {
    if cfg!(windows) && e.raw_os_error().is_some_and(|c| WINDOWS_FILE_IN_USE.contains(&c)) {
        return "文件正被其他程序（如 Excel、WPS 或 Word）打开，请先关闭该文件再重试".into();
    }
    e.to_string()
}

impl From<serde_json::Error> for CoreError {
    fn from(e: serde_json::Error) -> Self {
        CoreError::Store(format!("数据格式错误：{e}"))
    }
}

/// What crosses to the UI and into `--json` output: exactly `{code, message}`.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
}

impl Serialize for CoreError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.payload().serialize(s)
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_crosses_as_code_and_message() {
        let e = CoreError::UnreadableFile("无法读取文件 a.xls：不是 Excel 文件".into());
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"code":"unreadable_file","message":"无法读取文件 a.xls：不是 Excel 文件"}"#
        );
    }

    #[test]
    fn a_file_held_open_by_another_program_is_named_on_windows_only() {
        let in_use = std::io::Error::from_raw_os_error(32);
        let reason = io_reason(&in_use);
        // 32 is EPIPE on Linux: only Windows means "held by another program" by it.
        assert_eq!(reason.contains("正被其他程序"), cfg!(windows), "{reason}");
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(io_reason(&missing), missing.to_string());
    }
}
