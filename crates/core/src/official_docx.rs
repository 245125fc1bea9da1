//! The building blocks of the official Word documents (docx-rs): 方正小标宋简体 title, 黑体
//! headings, 仿宋 body, bordered tables, A4 with GB/T 9704 margins and “— n —” page numbers.
use crate::error::{CoreError, Result};
use crate::sheet::text::printable;
use docx_rs::{
    AlignmentType, BorderType, Docx, Footer, LineSpacing, PageMargin, PageNum, Paragraph, Run, RunFonts, Table,
    TableBorder, TableBorderPosition, TableBorders, TableCell, TableRow, VAlignType, WidthType,
};
use std::path::Path;

pub const TITLE_FONT: &str = "方正小标宋简体";
pub const HEADING_FONT: &str = "黑体";
pub const BODY_FONT: &str = "仿宋";
/// Text block width of an A4 page with 28 mm / 26 mm side margins, in twentieths of a point.
const TEXT_WIDTH: usize = 8844;

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new().east_asia(east_asia).ascii("Times New Roman").hi_ansi("Times New Roman")
}

/// Every text goes into the document through here: without the control characters XML forbids
/// (a name typed or imported with U+0001 would make Word refuse the file).
fn text_run(r: Run, text: &str) -> Run {
    r.add_text(printable(text))
}

fn run(text: &str, font: &str, half_points: usize) -> Run {
    text_run(Run::new(), text).fonts(fonts(font)).size(half_points)
}

pub(crate) fn title(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, TITLE_FONT, 44))
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().after(300))
}

pub(crate) fn heading(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, HEADING_FONT, 32))
        .line_spacing(LineSpacing::new().before(240).after(120))
        .keep_next(true)
}

pub(crate) fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, BODY_FONT, 32))
        .indent(None, Some(docx_rs::SpecialIndentType::FirstLine(640)), None, None)
        .line_spacing(LineSpacing::new().line(560))
}

/// Tables of more columns than this are set in 五号 (10.5 pt) rather than 小四 (12 pt).
const WIDE_TABLE_COLUMNS: usize = 7;

fn cell(text: &str, width: usize, header: bool, half_points: usize) -> TableCell {
    let mut p = Paragraph::new();
    let font = if header { HEADING_FONT } else { BODY_FONT };
    for (i, line) in text.split('\n').enumerate() {
        let r = if i > 0 { Run::new().add_break(docx_rs::BreakType::TextWrapping) } else { Run::new() };
        p = p.add_run(text_run(r, line).fonts(fonts(font)).size(half_points));
    }
    if header {
        // A header row stays on the page of the first row under it.
        p = p.align(AlignmentType::Center).keep_next(true);
    }
    TableCell::new().add_paragraph(p).width(width, WidthType::Dxa).vertical_align(VAlignType::Center)
}

/// A bordered table: `cols` are (header, share of the width); `rows` the cells; an empty body
/// shows one row saying 无.
pub(crate) fn table(cols: &[(&str, usize)], rows: Vec<Vec<String>>) -> Table {
    let headers: Vec<&str> = cols.iter().map(|c| c.0).collect();
    let shares: Vec<usize> = cols.iter().map(|c| c.1).collect();
    grid(&shares, Some(&headers), rows)
}

/// A bordered table with columns of the given shares of the width, an optional header row (黑体)
/// and body rows; without a header the even columns are labels (黑体): a form of label–value pairs.
pub(crate) fn grid(shares: &[usize], headers: Option<&[&str]>, rows: Vec<Vec<String>>) -> Table {
    let total: usize = shares.iter().sum();
    let widths: Vec<usize> = shares.iter().map(|s| TEXT_WIDTH * s / total).collect();
    let size = if shares.len() > WIDE_TABLE_COLUMNS { 21 } else { 24 };
    let mut out = Vec::new();
    if let Some(h) = headers {
        out.push(TableRow::new(h.iter().zip(&widths).map(|(h, w)| cell(h, *w, true, size)).collect()).cant_split());
        if rows.is_empty() {
            out.push(TableRow::new(vec![cell("无", TEXT_WIDTH, false, size).grid_span(shares.len())]));
        }
    }
    for r in rows {
        // Without a header row the even columns (labels) are set like headers.
        let cells = r.iter().zip(&widths).enumerate().map(|(i, (t, w))| cell(t, *w, headers.is_none() && i.is_multiple_of(2), size));
        out.push(TableRow::new(cells.collect()).cant_split());
    }
    let border = |p| TableBorder::new(p).border_type(BorderType::Single).size(4).color("000000");
    let borders = [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .fold(TableBorders::new(), |b, p| b.set(border(p)));
    Table::new(out).set_grid(widths).width(TEXT_WIDTH, WidthType::Dxa).set_borders(borders)
}

/// An empty official document: A4 with GB/T 9704 margins, 仿宋 三号, “— n —” page numbers.
pub(crate) fn official_document() -> Docx {
    Docx::new()
        .page_size(11906, 16838)
        .page_margin(PageMargin::new().top(2098).bottom(1984).left(1587).right(1474).header(851).footer(992))
        .default_fonts(fonts(BODY_FONT))
        .default_size(32)
        .footer(Footer::new().add_paragraph(
            Paragraph::new()
                .add_run(run("— ", BODY_FONT, 28))
                .add_page_num(PageNum::new())
                .add_run(run(" —", BODY_FONT, 28))
                .align(AlignmentType::Center),
        ))
}

pub(crate) fn save(doc: Docx, path: &Path) -> Result<()> {
    let file = std::fs::File::create(path)
        .map_err(|e| CoreError::Export(format!("无法创建 {}：{}", path.display(), crate::error::io_reason(&e))))?;
    doc.build()
        .pack(file)
        .map_err(|e| CoreError::Export(format!("写入 Word 文件 {} 失败：{e}", path.display())))
}

/// A number of 万元 with two decimals; blank when unknown.
pub(crate) fn wan(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.2}")).unwrap_or_default()
}
