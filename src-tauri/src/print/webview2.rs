//! Windows: WebView2 prints through Chromium, which honours the page's @page rule (A4, orientation,
//! no margins of its own). 打印 opens WebView2's print dialog (the browser print preview with the
//! system printers); 导出 PDF is PrintToPdf with the same paper and orientation, no header or footer.
use super::{Done, PrintJob};
use std::path::Path;
use tauri::webview::PlatformWebview;
use webview2_com::Microsoft::Web::WebView2::Win32::*;
use webview2_com::PrintToPdfCompletedHandler;
use windows_core::{Interface, HSTRING, PCWSTR};

const MM_PER_INCH: f64 = 25.4;

pub fn start(platform: PlatformWebview, job: PrintJob, done: Done) {
    let started = unsafe {
        match &job.pdf {
            None => show_dialog(&platform).map(|()| done.clone().send(Ok(false))),
            Some(path) => print_to_pdf(&platform, job.landscape, path, done.clone()),
        }
    };
    if let Err(e) = started {
        done.send(Err(format!("打印失败：{e}")));
    }
}

unsafe fn show_dialog(platform: &PlatformWebview) -> windows_core::Result<()> {
    let webview = platform.controller().CoreWebView2()?.cast::<ICoreWebView2_16>()?;
    webview.ShowPrintUI(COREWEBVIEW2_PRINT_DIALOG_KIND_BROWSER)
}

unsafe fn print_to_pdf(platform: &PlatformWebview, landscape: bool, path: &Path, done: Done) -> windows_core::Result<()> {
    let webview = platform.controller().CoreWebView2()?.cast::<ICoreWebView2_7>()?;
    let settings = pdf_settings(&platform.environment(), landscape)?;
    let handler = PrintToPdfCompletedHandler::create(Box::new(move |result, written| {
        done.send(match result {
            Ok(()) if written => Ok(true),
            Ok(()) => Err("PDF 文件未能写入（文件可能正被其他程序打开）".into()),
            Err(e) => Err(format!("导出 PDF 失败：{e}")),
        });
        Ok(())
    }));
    let target = HSTRING::from(path.as_os_str());
    webview.PrintToPdf(PCWSTR(target.as_ptr()), &settings, &handler)
}

/// A4 in the view's orientation, no margins (the page draws them), no header/footer, at 100 %.
unsafe fn pdf_settings(environment: &ICoreWebView2Environment, landscape: bool) -> windows_core::Result<ICoreWebView2PrintSettings> {
    let settings = environment.cast::<ICoreWebView2Environment6>()?.CreatePrintSettings()?;
    let orientation = if landscape { COREWEBVIEW2_PRINT_ORIENTATION_LANDSCAPE } else { COREWEBVIEW2_PRINT_ORIENTATION_PORTRAIT };
    settings.SetOrientation(orientation)?;
    settings.SetPageWidth(210.0 / MM_PER_INCH)?;
    settings.SetPageHeight(297.0 / MM_PER_INCH)?;
    settings.SetMarginTop(0.0)?;
    settings.SetMarginBottom(0.0)?;
    settings.SetMarginLeft(0.0)?;
    settings.SetMarginRight(0.0)?;
    settings.SetScaleFactor(1.0)?;
    settings.SetShouldPrintBackgrounds(true)?;
    settings.SetShouldPrintHeaderAndFooter(false)?;
    Ok(settings)
}
