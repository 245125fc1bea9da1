//! Linux: WebKitGTK's print operation with the page setup the app sets (A4, the view's orientation,
//! no margins: every page the view drew carries its GB/T 9704 margins). 打印 runs the GTK print
//! dialog; 导出 PDF prints without a dialog to GTK's “Print to File” printer, output as PDF.
use super::{Done, PrintJob};
use gtk::prelude::*;
use std::cell::RefCell;
use webkit2gtk::{PrintOperation, PrintOperationExt, PrintOperationResponse, WebView};

thread_local! {
    /// What the user last chose in the print dialog (printer, copies …), offered again next time.
    static LAST_SETTINGS: RefCell<Option<gtk::PrintSettings>> = const { RefCell::new(None) };
}

pub fn start(webview: WebView, job: PrintJob, done: Done) {
    let op = PrintOperation::new(&webview);
    let setup = page_setup(job.landscape);
    let settings = match &job.pdf {
        Some(path) => match pdf_settings(path) {
            Ok(s) => s,
            Err(why) => return done.send(Err(why)),
        },
        None => LAST_SETTINGS.with_borrow(|s| s.as_ref().and_then(|s| s.copy())).unwrap_or_default(),
    };
    settings.set_paper_size(&a4());
    settings.set_orientation(setup.orientation());
    settings.set_scale(100.0);
    op.set_page_setup(&setup);
    op.set_print_settings(&settings);
    watch(&op, done.clone());
    if job.pdf.is_some() {
        op.print();
        return;
    }
    add_layout_tab(&op, job.landscape);
    let parent = webview.toplevel().and_then(|w| w.downcast::<gtk::Window>().ok());
    if op.run_dialog(parent.as_ref()) == PrintOperationResponse::Print {
        LAST_SETTINGS.set(op.print_settings());
    } else {
        done.send(Ok(false));
    }
}

/// Reports the end of the print (failed comes before finished, and the first report counts) and
/// keeps the operation alive until then.
fn watch(op: &PrintOperation, done: Done) {
    let failed = done.clone();
    op.connect_failed(move |_, e| failed.clone().send(Err(format!("打印失败：{e}"))));
    let keep = RefCell::new(Some(op.clone()));
    op.connect_finished(move |_| {
        done.clone().send(Ok(true));
        keep.take();
    });
}

/// A 版式 tab in the print dialog saying what the app has set; and, as the user presses Print, the
/// file format the dialog leaves out (WebKitGTK 2.50 prints landscape pages blank to a file without it).
#[allow(deprecated)] // the custom tab API, deprecated since WebKitGTK 2.40 for the print portal, still works
fn add_layout_tab(op: &PrintOperation, landscape: bool) {
    use webkit2gtk::PrintCustomWidgetExt;
    op.connect_create_custom_widget(move |op| {
        let orientation = if landscape { "横向" } else { "纵向" };
        let note = format!(
            "本表已按公文格式排好页：A4 {orientation}，页边距（上 37、下 35、左 28、右 26 毫米，横向时相应旋转）、\
             每页表头和页码都已在页面中。\n请保持“页面设置”中的纸张 A4、方向{orientation}、缩放 100%，不要更改。"
        );
        let label = gtk::Label::new(Some(&note));
        label.set_line_wrap(true);
        label.set_xalign(0.0);
        label.set_margin_start(12);
        label.set_margin_end(12);
        label.set_margin_top(12);
        label.show();
        let tab = webkit2gtk::PrintCustomWidget::new(&label, "版式");
        let op = op.downgrade();
        tab.connect_apply(move |_| {
            if let Some(settings) = op.upgrade().and_then(|op| op.print_settings()) {
                settings.set(gtk::PRINT_SETTINGS_OUTPUT_FILE_FORMAT.as_str(), Some("pdf"));
            }
        });
        tab
    });
}

fn a4() -> gtk::PaperSize {
    gtk::PaperSize::new(Some(gtk::PAPER_NAME_A4.as_str()))
}

fn page_setup(landscape: bool) -> gtk::PageSetup {
    let setup = gtk::PageSetup::new();
    setup.set_paper_size(&a4());
    setup.set_orientation(if landscape { gtk::PageOrientation::Landscape } else { gtk::PageOrientation::Portrait });
    setup.set_top_margin(0.0, gtk::Unit::Mm);
    setup.set_bottom_margin(0.0, gtk::Unit::Mm);
    setup.set_left_margin(0.0, gtk::Unit::Mm);
    setup.set_right_margin(0.0, gtk::Unit::Mm);
    setup
}

/// Settings that send the job to GTK's file printer (its name is translated, as GTK shows it) as PDF.
fn pdf_settings(path: &std::path::Path) -> Result<gtk::PrintSettings, String> {
    let uri = gtk::glib::filename_to_uri(path, None).map_err(|e| format!("文件路径无效：{e}"))?;
    let settings = gtk::PrintSettings::new();
    settings.set_printer(&gtk::glib::dgettext(Some("gtk30"), "Print to File"));
    settings.set(gtk::PRINT_SETTINGS_OUTPUT_URI.as_str(), Some(uri.as_str()));
    settings.set(gtk::PRINT_SETTINGS_OUTPUT_FILE_FORMAT.as_str(), Some("pdf"));
    Ok(settings)
}
