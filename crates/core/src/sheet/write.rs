//! Writing official .xlsx sheets (rust_xlsxwriter): the one page setup (A4 landscape, one page
//! wide, centred, margins, page numbers), the CJK fonts every sheet uses, and column widths
//! measured by display width (CJK characters count double; autofit under-measures them).
use crate::error::{CoreError, Result};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};
use std::path::Path;

/// The page-number footer: “第 1 页 共 3 页”, or “— 1 —” as in official documents.
#[derive(Debug, Clone, Copy)]
pub enum Footer {
    PageOfTotal,
    Dashes,
}

/// A4 landscape, one page wide, centred, page numbers in the footer; `side` is the left and
/// right margin in inches (top 0.8, bottom 0.8, header 0.3, footer 0.4).
pub fn official_page(ws: &mut Worksheet, side: f64, footer: Footer) {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(side, side, 0.8, 0.8, 0.3, 0.4);
    ws.set_footer(match footer {
        Footer::PageOfTotal => "&C第 &P 页 共 &N 页",
        Footer::Dashes => "&C— &P —",
    });
}

/// A Chinese font (GB2312 charset, so WPS and Excel pick the East Asian face) at `size` pt.
pub fn cjk(name: &str, size: f64) -> Format {
    Format::new().set_font_name(name).set_font_charset(134).set_font_size(size)
}

/// A table cell: thin borders, vertically centred.
pub fn cell(f: Format) -> Format {
    f.set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter)
}

/// A table cell whose text wraps within the column.
pub fn wrapped(f: Format) -> Format {
    cell(f).set_text_wrap()
}

/// Body text of an official table: 仿宋 12 pt in a bordered, wrapping cell.
pub fn body() -> Format {
    wrapped(cjk("仿宋", 12.0))
}

/// The merged title row: 方正小标宋简体 20 pt, centred.
pub fn title() -> Format {
    cjk("方正小标宋简体", 20.0).set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter)
}

/// The header row: 黑体 12 pt, bordered, centred, wrapped.
pub fn header() -> Format {
    cell(cjk("黑体", 12.0)).set_align(FormatAlign::Center).set_text_wrap()
}

/// Display width of a text as a spreadsheet column measures it: CJK and other wide characters
/// count 2, the rest 1.
pub fn display_width(s: &str) -> usize {
    s.chars().map(|c| if (c as u32) < 0x1100 { 1 } else { 2 }).sum()
}

/// Saves `book` to `path`, saying in Chinese which file could not be written.
pub fn save(book: &mut Workbook, path: &Path) -> Result<()> {
    book.save(path)
        .map_err(|e| CoreError::Export(format!("无法保存 {}：{}", path.display(), crate::error::xlsx_reason(&e))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_double() {
        assert_eq!(display_width("序号ab"), 6);
    }
}
