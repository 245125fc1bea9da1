//! Reading a county workbook by its content (xls or xlsx, whatever the extension) into plain
//! grids of cells with their merged areas; a wrong .xls code page is retried as GBK (936).
use crate::error::{CoreError, Result};
use calamine::{open_workbook_auto_from_rs, Data, DataRef, Reader, SheetVisible, Sheets, Xls, XlsOptions};
use std::io::Cursor;

/// One cell as the importer sees it; `percent` is set when its number format shows a percent.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum CellValue {
    #[default]
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date cell, as ISO text (YYYY-MM-DD).
    Date(String),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    pub value: CellValue,
    pub percent: bool,
    /// Copied from the top-left cell of a merged area (not written in this cell itself).
    pub from_merge: bool,
}

impl Cell {
    #[cfg(test)]
    pub fn text(s: &str) -> Cell {
        Cell { value: CellValue::Text(s.to_string()), ..Default::default() }
    }
    #[cfg(test)]
    pub fn number(n: f64) -> Cell {
        Cell { value: CellValue::Number(n), ..Default::default() }
    }
    pub fn is_blank(&self) -> bool {
        match &self.value {
            CellValue::Empty => true,
            CellValue::Text(s) => super::text::clean(s).is_empty(),
            _ => false,
        }
    }
    /// The cell as display text (numbers without a trailing `.0`).
    pub fn display(&self) -> String {
        match &self.value {
            CellValue::Empty => String::new(),
            CellValue::Text(s) => s.clone(),
            CellValue::Number(n) => super::text::number_text(*n),
            CellValue::Bool(b) => if *b { "TRUE".into() } else { "FALSE".into() },
            CellValue::Date(d) => d.clone(),
        }
    }
}

/// A merged area, 0-based inclusive (row, column) corners.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Merge {
    pub first: (usize, usize),
    pub last: (usize, usize),
}

/// One worksheet: cells indexed from A1 (row 0, column 0), whatever the used range.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub name: String,
    pub hidden: bool,
    pub rows: Vec<Vec<Cell>>,
    pub merges: Vec<Merge>,
}

impl Grid {
    pub fn cell(&self, r: usize, c: usize) -> Option<&Cell> {
        self.rows.get(r).and_then(|row| row.get(c))
    }
}

/// Reads every worksheet of the file's bytes. `file_name` only serves the error messages.
pub fn read_workbook(bytes: &[u8], file_name: &str) -> Result<Vec<Grid>> {
    crate::sheet::input::shielded(file_name, || read_workbook_unshielded(bytes, file_name))
}

fn read_workbook_unshielded(bytes: &[u8], file_name: &str) -> Result<Vec<Grid>> {
    let unreadable = |why: &str| CoreError::UnreadableFile(format!("无法读取文件 {file_name}：{why}"));
    if bytes.is_empty() {
        return Err(unreadable("文件为空"));
    }
    let kind = sniff(bytes);
    match kind {
        FileKind::Cfb | FileKind::Zip => {}
        FileKind::Html => return Err(unreadable("这是网页（HTML）文件，不是 Excel 文件；请在 Excel/WPS 中打开后另存为 .xlsx 再导入")),
        FileKind::Xml => return Err(unreadable("这是 XML 表格（Excel 2003 XML）文件；请另存为 .xlsx 再导入")),
        FileKind::Text => return Err(unreadable("这是文本文件，不是 Excel 文件")),
        FileKind::Other => return Err(unreadable("不是 Excel 文件（.xls/.xlsx），或文件已损坏")),
    }
    crate::sheet::input::guard_workbook(bytes, file_name)?;
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        let msg = e.to_string();
        let encrypted = (kind == FileKind::Cfb && is_encrypted_cfb(bytes)) || msg.to_lowercase().contains("password") || msg.contains("encrypt");
        if encrypted {
            unreadable("文件设有打开密码（已加密），请去掉密码后再导入")
        } else {
            unreadable("文件已损坏或不完整，Excel 无法识别其内容")
        }
    })?;
    crate::sheet::input::guard_sheets(&mut book, file_name)?;
    let mut grids = read_sheets(&mut book).map_err(|e| unreadable(&format!("读取工作表失败（{e}）")))?;
    if matches!(book, Sheets::Xls(_)) && grids.iter().any(grid_has_mojibake) {
        let mut opts = XlsOptions::default();
        opts.force_codepage = Some(936);
        if let Ok(xls) = Xls::new_with_options(Cursor::new(bytes), opts) {
            let mut gbk = Sheets::Xls(xls);
            if let Ok(retry) = read_sheets(&mut gbk) {
                grids = retry;
            }
        }
    }
    Ok(grids)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum FileKind {
    Cfb,
    Zip,
    Html,
    Xml,
    Text,
    Other,
}

fn sniff(bytes: &[u8]) -> FileKind {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return FileKind::Cfb;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return FileKind::Zip;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<table") {
        return FileKind::Html;
    }
    if head.starts_with("<?xml") {
        return if head.contains("urn:schemas-microsoft-com:office:spreadsheet") || head.contains("<html") {
            if head.contains("<html") { FileKind::Html } else { FileKind::Xml }
        } else {
            FileKind::Xml
        };
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let binary = sample.iter().filter(|b| **b == 0 || (**b < 0x09)).count();
    if binary == 0 {
        FileKind::Text
    } else {
        FileKind::Other
    }
}

/// An encrypted xlsx is a CFB container holding an `EncryptionInfo` stream.
fn is_encrypted_cfb(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptionInfo".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

fn read_sheets<RS: std::io::Read + std::io::Seek>(book: &mut Sheets<RS>) -> std::result::Result<Vec<Grid>, calamine::Error> {
    let metas = book.sheets_metadata().to_vec();
    let mut out = Vec::new();
    for meta in metas {
        let cells = match sheet_cells(book, &meta.name) {
            Ok(c) => c,
            Err(_) if meta.typ != calamine::SheetType::WorkSheet => continue,
            Err(e) => return Err(e),
        };
        let merges = match book {
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(&meta.name).unwrap_or_default(),
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&meta.name).unwrap_or_default(),
            _ => Vec::new(),
        };
        let mut grid = Grid {
            name: meta.name.clone(),
            hidden: meta.visible != SheetVisible::Visible,
            rows: Vec::new(),
            merges: merges
                .iter()
                .map(|d| Merge {
                    first: (d.start.0 as usize, d.start.1 as usize),
                    last: (d.end.0 as usize, d.end.1 as usize),
                })
                .collect(),
        };
        if !cells.is_empty() {
            let height = cells.iter().map(|c| c.0).max().unwrap_or(0) as usize + 1;
            let width = cells.iter().map(|c| c.1).max().unwrap_or(0) as usize + 1;
            if (height as u64).saturating_mul(width as u64) > crate::sheet::input::MAX_SHEET_CELLS {
                return Err(calamine::Error::Msg("工作表范围过大，超出可导入的范围；请删去多余的空行、空列后再导入"));
            }
            grid.rows = vec![vec![Cell::default(); width]; height];
            for (r, c, v, percent) in cells {
                grid.rows[r as usize][c as usize] = Cell { value: convert(&v), percent, from_merge: false };
            }
        }
        out.push(grid);
    }
    Ok(out)
}

/// A cell's value and whether its number format shows a percent, by absolute (row, column).
type SheetCell = (u32, u32, Data, bool);

/// The non-empty cells of a sheet. An .xlsx sheet is read in one pass over its XML (values and
/// style ids together; calamine's `worksheet_style` would read the whole sheet a second time);
/// .xls through its range and style readers.
fn sheet_cells<RS: std::io::Read + std::io::Seek>(book: &mut Sheets<RS>, name: &str) -> std::result::Result<Vec<SheetCell>, calamine::Error> {
    if let Sheets::Xlsx(x) = book {
        let mut reader = x.worksheet_cells_reader(name)?;
        let percent: Vec<bool> = reader.styles().iter().map(is_percent).collect();
        let mut out = Vec::new();
        while let Some((cell, style)) = reader.next_cell_with_style_id()? {
            if matches!(cell.get_value(), DataRef::Empty) {
                continue;
            }
            let (r, c) = cell.get_position();
            out.push((r, c, Data::from(cell.get_value().clone()), percent.get(style).copied().unwrap_or(false)));
        }
        return Ok(out);
    }
    let range = book.worksheet_range(name)?;
    let styles = book.worksheet_style(name).ok();
    let start = range.start().unwrap_or((0, 0));
    Ok(range
        .used_cells()
        .map(|(r, c, v)| {
            let (ar, ac) = (r as u32 + start.0, c as u32 + start.1);
            let percent = styles.as_ref().and_then(|s| s.get((ar, ac))).is_some_and(is_percent);
            (ar, ac, v.clone(), percent)
        })
        .collect())
}

fn is_percent(s: &calamine::Style) -> bool {
    s.number_format.as_ref().is_some_and(|f| f.format_code.contains('%') || matches!(f.format_id, Some(9 | 10)))
}

fn convert(v: &Data) -> CellValue {
    match v {
        Data::Empty | Data::Error(_) => CellValue::Empty,
        Data::Int(i) => CellValue::Number(*i as f64),
        Data::Float(f) => CellValue::Number(*f),
        Data::String(s) => CellValue::Text(s.clone()),
        Data::Bool(b) => CellValue::Bool(*b),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) if dt.is_datetime() => CellValue::Date(d.date().format("%Y-%m-%d").to_string()),
            _ => CellValue::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) => CellValue::Date(s.chars().take(10).collect()),
        Data::DurationIso(s) => CellValue::Text(s.clone()),
    }
}

/// Text decoded with the wrong code page shows Latin-1 letters where Chinese should be.
fn grid_has_mojibake(grid: &Grid) -> bool {
    let mut latin = 0usize;
    let mut cjk = 0usize;
    for row in grid.rows.iter().take(30) {
        for cell in row {
            if let CellValue::Text(s) = &cell.value {
                for ch in s.chars() {
                    match ch as u32 {
                        0x00C0..=0x00FF => latin += 1,
                        0x4E00..=0x9FFF => cjk += 1,
                        _ => {}
                    }
                }
            }
        }
    }
    latin > 4 && latin > cjk * 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_inputs_are_named() {
        let cases: &[(&[u8], &str)] = &[
            (b"", "文件为空"),
            (b"# README\nThis is text.\n", "文本文件"),
            (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "网页"),
            (b"<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">", "XML"),
            (b"PK\x03\x04\x14\x00\x00\x00truncated", "损坏"),
            (&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0], "损坏"),
            (&[0x00, 0x01, 0x02, 0x03, 0xFF], "不是 Excel"),
        ];
        for (bytes, want) in cases {
            let err = read_workbook(bytes, "a.xls").unwrap_err();
            assert!(matches!(err, CoreError::UnreadableFile(_)), "{err}");
            assert!(err.to_string().contains("a.xls") && err.to_string().contains(want), "{err} vs {want}");
        }
    }

    #[test]
    fn mojibake_is_detected() {
        let cases = [("ÄÏºÍÇø¹«Ë¾ÃûÆ÷", true), ("南和区企业名称", false), ("Company name", false)];
        for (text, want) in cases {
            let grid = Grid { rows: vec![vec![Cell::text(text)]], ..Default::default() };
            assert_eq!(grid_has_mojibake(&grid), want, "{text}");
        }
    }
}
