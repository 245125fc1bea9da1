//! 打印 / 导出 PDF of the open print view: the webview's own print path with the paper, orientation
//! and margins set by the app, so that each A4 page the view laid out prints on one sheet.
use super::CmdResult;
use crate::print::{self, PrintJob};

/// Prints the window's page: `pdf` none opens the system print dialog (true: printed, false: the
/// user cancelled); `pdf` a path writes the pages to that PDF file without a dialog.
#[tauri::command]
pub async fn print_current(webview: tauri::Webview, landscape: bool, pdf: Option<String>) -> CmdResult<bool> {
    print::run(&webview, PrintJob { landscape, pdf: pdf.map(Into::into) }).await
}
