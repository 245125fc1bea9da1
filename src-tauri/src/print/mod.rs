//! Printing the page the webview shows, per platform: WebKitGTK's print operation on Linux, WebView2's
//! print dialog and PrintToPdf on Windows. The page itself draws every sheet with its margins, header
//! and page number (ui/src/views/print), so the engine only gets A4, the orientation and no margins.
#[cfg(target_os = "linux")]
mod webkit;
#[cfg(windows)]
mod webview2;

use pacesetter_core::{CoreError, ErrorPayload};
use std::path::PathBuf;
use tauri::async_runtime::{channel, Sender};

pub struct PrintJob {
    pub landscape: bool,
    /// Print to this PDF file without a dialog; none: the print dialog.
    pub pdf: Option<PathBuf>,
}

/// The end of a print: true when the app should say it was sent (printed, or the PDF written);
/// false when there is nothing to add (the dialog cancelled, or a dialog that reports itself); or why not.
pub type Outcome = Result<bool, String>;

/// Reports the outcome; the platform code calls it from its callbacks. Only the first report counts
/// (a failed print is also a finished one), so a clone may be kept for the error path.
#[derive(Clone)]
pub struct Done(Sender<Outcome>);

impl Done {
    pub fn send(self, outcome: Outcome) {
        let _ = self.0.try_send(outcome);
    }
}

/// Starts the print on the main thread (where the webview lives) and waits for its end.
pub async fn run(webview: &tauri::Webview, job: PrintJob) -> Result<bool, ErrorPayload> {
    if let Some(path) = &job.pdf {
        check_target(path)?;
    }
    let (tx, mut rx) = channel(1);
    let done = Done(tx);
    webview.with_webview(move |platform| start(platform, job, done)).map_err(|e| fail(format!("无法访问窗口：{e}")))?;
    match rx.recv().await {
        Some(Ok(printed)) => Ok(printed),
        Some(Err(why)) => Err(fail(why)),
        None => Err(fail("打印未完成".into())),
    }
}

#[cfg(target_os = "linux")]
fn start(platform: tauri::webview::PlatformWebview, job: PrintJob, done: Done) {
    webkit::start(platform.inner(), job, done);
}

#[cfg(windows)]
fn start(platform: tauri::webview::PlatformWebview, job: PrintJob, done: Done) {
    webview2::start(platform, job, done);
}

#[cfg(not(any(target_os = "linux", windows)))]
fn start(_: tauri::webview::PlatformWebview, _: PrintJob, done: Done) {
    done.send(Err("本系统上不支持打印".into()));
}

/// A PDF goes into an existing folder, by full path, under a name ending in .pdf.
fn check_target(path: &std::path::Path) -> Result<(), ErrorPayload> {
    if !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
        return Err(fail(format!("导出的文件名须以 .pdf 结尾：{}", path.display())));
    }
    if !path.is_absolute() || !path.parent().is_some_and(|dir| dir.is_dir()) {
        return Err(fail(format!("保存位置不存在：{}", path.display())));
    }
    Ok(())
}

fn fail(why: String) -> ErrorPayload {
    CoreError::Export(why).payload()
}
