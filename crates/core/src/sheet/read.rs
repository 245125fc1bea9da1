//! The one reader of workbooks (the only caller of calamine): a file sniffed by its content (xls
//! or xlsx, whatever the extension), guarded, read into grids of typed cells with their merged
//! areas; encrypted files and non-workbooks named, a wrong .xls code page retried as GBK (936).
//! Tables outside workbooks (.docx, web pages, .csv) are handed to `sheet::formats` first.
use crate::error::{CoreError, Result};
use crate::sheet::input::{check_extent, CellBudget, MAX_SHEET_CELLS};
use crate::sheet::report::SheetIssue;
use crate::sheet::text::{self, EXCEL_CELL_CHARS};
use calamine::{open_workbook_auto_from_rs, Data, DataRef, Reader, SheetType, SheetVisible, Sheets, Xls, XlsOptions, Xlsx};
use std::io::{Cursor, Read, Seek};
use std::path::Path;

/// One cell as the importers see it; `percent` is set when its number format shows a percent.
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
            CellValue::Text(s) => super::text::is_blank_text(s),
            _ => false,
        }
    }
    /// The cell as text, the one text view every importer uses: numbers without a trailing
    /// `.0`, booleans as 是/否 (as a stored flag is shown), dates as ISO dates.
    pub fn display(&self) -> String {
        match &self.value {
            CellValue::Empty => String::new(),
            CellValue::Text(s) => s.clone(),
            CellValue::Number(n) => super::text::number_text(*n),
            CellValue::Bool(b) => if *b { "是" } else { "否" }.to_string(),
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
    /// Texts cut to Excel's cell limit while reading, for the importers' warnings.
    pub cut: Vec<CutText>,
}

/// A cell whose text was longer than Excel's limit and was cut to it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CutText {
    /// 0-based row and column of the grid.
    pub row: usize,
    pub col: usize,
    /// Characters the text had.
    pub chars: usize,
}

impl CutText {
    /// The warning an import gives for it (`code` text_cut), naming row and column.
    pub fn issue(&self, header: Option<&str>) -> SheetIssue {
        let (row, col) = (sheet_row(self.row), column_letter(self.col));
        let header = header.map(|h| format!("“{h}”")).unwrap_or_default();
        let message = format!(
            "第{row}行{col}列{header}：内容有 {} 个字符，超过 Excel 单元格上限 {EXCEL_CELL_CHARS} 个字符，已截去第 {} 个字符以后的部分",
            self.chars,
            EXCEL_CELL_CHARS + 1
        );
        SheetIssue::new(row, Some(col), None, "text_cut", message)
    }
}

impl Grid {
    pub fn cell(&self, r: usize, c: usize) -> Option<&Cell> {
        self.rows.get(r).and_then(|row| row.get(c))
    }
    /// The text of a cell ([`Cell::display`]); empty outside the sheet.
    pub fn text(&self, r: usize, c: usize) -> String {
        self.cell(r, c).map(Cell::display).unwrap_or_default()
    }
    /// The texts of a row, one per column of that row.
    pub fn row_texts(&self, r: usize) -> Vec<String> {
        self.rows.get(r).map(|row| row.iter().map(Cell::display).collect()).unwrap_or_default()
    }
    /// A grid of text cells from A1 (blank strings as empty cells), for tests.
    #[cfg(test)]
    pub fn from_rows(rows: &[&[&str]]) -> Grid {
        let cell = |s: &&str| if s.is_empty() { Cell::default() } else { Cell::text(s) };
        Grid { name: "s".into(), rows: rows.iter().map(|r| r.iter().map(cell).collect()).collect(), ..Default::default() }
    }
}

/// The 1-based row number Excel shows for grid row `r`.
pub fn sheet_row(r: usize) -> u32 {
    r as u32 + 1
}

/// Column letters as Excel shows them: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(mut index: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push((b'A' + (index % 26) as u8) as char);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    s.iter().rev().collect()
}

/// The 0-based column of a letter as Excel shows it (A → 0, AA → 26); `None` for anything else.
pub fn column_index(letter: &str) -> Option<usize> {
    let mut n = 0usize;
    for ch in letter.trim().chars() {
        let u = ch.to_ascii_uppercase();
        if !u.is_ascii_uppercase() {
            return None;
        }
        n = n * 26 + (u as usize - 'A' as usize + 1);
    }
    n.checked_sub(1)
}

/// The workbook at `path`: its display name and every worksheet, in workbook order.
pub fn read_file(path: &Path) -> Result<(String, Vec<Grid>)> {
    let (bytes, name) = crate::sheet::input::read_input(path)?;
    let grids = read_workbook(&bytes, &name)?;
    Ok((name, grids))
}

/// [`read_file`] with every merged area filled from its top-left cell.
pub fn read_filled(path: &Path) -> Result<(String, Vec<Grid>)> {
    read_filled_hashed(path).map(|(name, grids, _)| (name, grids))
}

/// [`read_filled`] plus the SHA-256 of the very bytes read, so that a commit can check it is
/// writing the file that was previewed without reading it a second time.
pub fn read_filled_hashed(path: &Path) -> Result<(String, Vec<Grid>, String)> {
    let (bytes, name) = crate::sheet::input::read_input(path)?;
    let mut grids = read_workbook(&bytes, &name)?;
    grids.iter_mut().for_each(super::merged::fill_merges);
    Ok((name, grids, crate::fingerprint::sha256(&bytes)))
}

/// Reads every worksheet of the file's bytes. `file_name` only serves the error messages.
pub fn read_workbook(bytes: &[u8], file_name: &str) -> Result<Vec<Grid>> {
    crate::sheet::input::shielded(file_name, || read_workbook_unshielded(bytes, file_name))
}

pub(crate) fn unreadable(file_name: &str, why: &str) -> CoreError {
    CoreError::UnreadableFile(format!("无法读取文件 {file_name}：{why}"))
}

fn read_workbook_unshielded(bytes: &[u8], file_name: &str) -> Result<Vec<Grid>> {
    if bytes.is_empty() {
        return Err(unreadable(file_name, "文件为空"));
    }
    if let Some(grids) = super::formats::read_tables(bytes, file_name)? {
        let mut budget = CellBudget::new(file_name);
        grids.iter().try_for_each(|g| take_budget(&mut budget, g))?;
        return Ok(grids);
    }
    let kind = sniff(bytes);
    let not_a_workbook = match kind {
        FileKind::Cfb | FileKind::Zip => None,
        FileKind::Html => Some("这是网页（HTML）文件，不是 Excel 文件；请在 Excel/WPS 中打开后另存为 .xlsx 再导入"),
        FileKind::Xml => Some("这是 XML 表格（Excel 2003 XML）文件；请另存为 .xlsx 再导入"),
        FileKind::Text => Some("这是文本文件，不是 Excel 文件"),
        FileKind::Other => Some("不是 Excel 文件（.xls/.xlsx），或文件已损坏"),
    };
    if let Some(why) = not_a_workbook {
        return Err(unreadable(file_name, why));
    }
    crate::sheet::input::guard_workbook(bytes, file_name)?;
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        let msg = e.to_string();
        let encrypted = (kind == FileKind::Cfb && is_encrypted_cfb(bytes)) || msg.to_lowercase().contains("password") || msg.contains("encrypt");
        if encrypted {
            unreadable(file_name, "文件设有打开密码（已加密），请去掉密码后再导入")
        } else {
            unreadable(file_name, "文件已损坏或不完整，Excel 无法识别其内容")
        }
    })?;
    let mut grids = read_sheets(&mut book, file_name)?;
    let is_xls = matches!(book, Sheets::Xls(_));
    drop(book);
    if is_xls && grids.iter().any(grid_has_mojibake) {
        let mut opts = XlsOptions::default();
        opts.force_codepage = Some(936);
        if let Ok(xls) = Xls::new_with_options(Cursor::new(bytes), opts) {
            if let Ok(retry) = read_sheets(&mut Sheets::Xls(xls), file_name) {
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
        return if head.contains("<html") { FileKind::Html } else { FileKind::Xml };
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

/// Every sheet of the workbook with its merged areas (both from the spreadsheet library).
fn read_sheets<RS: Read + Seek>(book: &mut Sheets<RS>, file_name: &str) -> Result<Vec<Grid>> {
    let metas = book.sheets_metadata().to_vec();
    let mut budget = CellBudget::new(file_name);
    let mut out = Vec::new();
    for meta in metas {
        let cells = match sheet_cells(book, &meta.name, file_name) {
            Ok(c) => c,
            Err(_) if meta.typ != SheetType::WorkSheet => continue,
            Err(e) => return Err(e),
        };
        let dims = match book {
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(&meta.name).unwrap_or_default(),
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&meta.name).unwrap_or_default(),
            _ => Vec::new(),
        };
        let merges = dims.iter().map(|d| Merge { first: (d.start.0 as usize, d.start.1 as usize), last: (d.end.0 as usize, d.end.1 as usize) }).collect();
        let (rows, cut) = cells.finish();
        let grid = Grid { name: meta.name.clone(), hidden: meta.visible != SheetVisible::Visible, rows, merges, cut };
        take_budget(&mut budget, &grid)?;
        out.push(grid);
    }
    Ok(out)
}

/// Takes a read grid's cells and the fills of its merged areas from the file's budget.
pub(crate) fn take_budget(budget: &mut CellBudget, grid: &Grid) -> Result<()> {
    let area = grid.rows.len() as u64 * grid.rows.first().map_or(0, Vec::len) as u64;
    budget.take(&grid.name, area)?;
    budget.take(&grid.name, super::merged::fill_cost(grid))
}

fn sheet_failed(file_name: &str, why: &dyn std::fmt::Display) -> CoreError {
    unreadable(file_name, &format!("读取工作表失败（{why}）"))
}

/// A sheet's cells as they are read, placed straight into its rows (no copy of the sheet is
/// kept besides the grid): texts cleaned and cut as [`text::cell_text`] says, cuts remembered.
#[derive(Default)]
pub(crate) struct GridBuilder {
    rows: Vec<Vec<Cell>>,
    cut: Vec<CutText>,
    /// The widest row so far.
    width: usize,
}

impl GridBuilder {
    /// Puts a value at (row, column); the caller has checked the sheet's extent.
    fn put(&mut self, r: usize, c: usize, value: CellValue, percent: bool) {
        if self.rows.len() <= r {
            self.rows.resize_with(r + 1, Vec::new);
        }
        let width = self.width;
        let row = &mut self.rows[r];
        if row.len() <= c {
            // A new row is given the width seen so far at once (rows grown cell by cell keep
            // up to twice the room they need).
            if row.capacity() <= c && width > c {
                row.reserve_exact(width - row.len());
            }
            row.resize(c + 1, Cell::default());
        }
        self.width = self.width.max(c + 1);
        row[c] = Cell { value, percent, from_merge: false };
    }

    /// The text cell at (row, column).
    fn text(&mut self, r: usize, c: usize, s: &str, percent: bool) {
        let (t, chars) = text::cell_text(s);
        if let Some(chars) = chars {
            self.cut.push(CutText { row: r, col: c, chars });
        }
        self.put(r, c, CellValue::Text(t), percent);
    }

    /// Every row as wide as the widest, as the importers index them.
    pub(crate) fn finish(mut self) -> (Vec<Vec<Cell>>, Vec<CutText>) {
        let width = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        for row in &mut self.rows {
            row.resize(width, Cell::default());
        }
        (self.rows, self.cut)
    }
}

/// The cells of a sheet: an .xlsx sheet in one pass over its XML, .xls (and the other formats)
/// through the library's range and style readers.
fn sheet_cells<RS: Read + Seek>(book: &mut Sheets<RS>, name: &str, file_name: &str) -> Result<GridBuilder> {
    if let Sheets::Xlsx(x) = book {
        return xlsx_cells(x, name, file_name);
    }
    let range = book.worksheet_range(name).map_err(|e| sheet_failed(file_name, &e))?;
    let styles = book.worksheet_style(name).ok();
    let start = range.start().unwrap_or((0, 0));
    let mut out = GridBuilder::default();
    if let Some(end) = range.end() {
        check_extent(end.0 as u64 + 1, end.1 as u64 + 1, name, file_name)?;
    }
    for (r, c, v) in range.used_cells() {
        let (ar, ac) = (r as u32 + start.0, c as u32 + start.1);
        let percent = styles.as_ref().and_then(|s| s.get((ar, ac))).is_some_and(is_percent);
        put_data(&mut out, (ar as usize, ac as usize), v, percent);
    }
    Ok(out)
}

/// The cells of an .xlsx sheet, values and style ids read together (calamine's `worksheet_style`
/// would read the whole sheet a second time). The same pass measures the sheet from A1 to its
/// last cell, empty styled cells included: beyond [`MAX_SHEET_CELLS`] no more cells are kept
/// and the sheet is refused, so a sheet claiming millions of cells never fills memory.
fn xlsx_cells<RS: Read + Seek>(x: &mut Xlsx<RS>, name: &str, file_name: &str) -> Result<GridBuilder> {
    let mut reader = x.worksheet_cells_reader(name).map_err(|e| sheet_failed(file_name, &e))?;
    let percent: Vec<bool> = reader.styles().iter().map(is_percent).collect();
    let (mut out, mut kept, mut end, mut too_big) = (GridBuilder::default(), 0u64, (0u64, 0u64), false);
    loop {
        let (cell, style) = match reader.next_cell_with_style_id() {
            Ok(Some(next)) => next,
            Ok(None) => break,
            // What was measured before the damage is what is reported.
            Err(_) if too_big => break,
            Err(e) => return Err(sheet_failed(file_name, &e)),
        };
        let (r, c) = cell.get_position();
        end = (end.0.max(r as u64 + 1), end.1.max(c as u64 + 1));
        too_big = too_big || end.0.saturating_mul(end.1) > MAX_SHEET_CELLS || kept >= MAX_SHEET_CELLS;
        if too_big {
            continue;
        }
        let at = (r as usize, c as usize);
        let pct = percent.get(style).copied().unwrap_or(false);
        kept += 1;
        match cell.get_value() {
            DataRef::Empty => kept -= 1,
            DataRef::SharedString(s) => out.text(at.0, at.1, s, pct),
            DataRef::String(s) | DataRef::DurationIso(s) => out.text(at.0, at.1, s, pct),
            DataRef::Int(i) => out.put(at.0, at.1, CellValue::Number(*i as f64), pct),
            DataRef::Float(f) => out.put(at.0, at.1, CellValue::Number(*f), pct),
            DataRef::Bool(b) => out.put(at.0, at.1, CellValue::Bool(*b), pct),
            DataRef::DateTime(dt) => out.put(at.0, at.1, date_value(dt), pct),
            DataRef::DateTimeIso(s) => out.put(at.0, at.1, CellValue::Date(s.chars().take(10).collect()), pct),
            DataRef::Error(_) => out.put(at.0, at.1, CellValue::Empty, pct),
        }
    }
    if too_big {
        check_extent(end.0, end.1, name, file_name)?;
        return Err(sheet_failed(file_name, &"单元格过多，超出可导入的范围"));
    }
    Ok(out)
}

fn is_percent(s: &calamine::Style) -> bool {
    s.number_format.as_ref().is_some_and(|f| f.format_code.contains('%') || matches!(f.format_id, Some(9 | 10)))
}

/// An .xls (or other non-xlsx) cell value into the grid.
fn put_data(out: &mut GridBuilder, (r, c): (usize, usize), v: &Data, percent: bool) {
    let value = match v {
        Data::Empty | Data::Error(_) => CellValue::Empty,
        Data::Int(i) => CellValue::Number(*i as f64),
        Data::Float(f) => CellValue::Number(*f),
        Data::String(s) | Data::DurationIso(s) => return out.text(r, c, s, percent),
        Data::Bool(b) => CellValue::Bool(*b),
        Data::DateTime(dt) => date_value(dt),
        Data::DateTimeIso(s) => CellValue::Date(s.chars().take(10).collect()),
    };
    out.put(r, c, value, percent);
}

/// A date-formatted number as an ISO date, or the number when it is no date (a time of day).
fn date_value(dt: &calamine::ExcelDateTime) -> CellValue {
    match dt.as_datetime() {
        Some(d) if dt.is_datetime() => CellValue::Date(d.date().format("%Y-%m-%d").to_string()),
        _ => CellValue::Number(dt.as_f64()),
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
pub(crate) mod tests {
    use super::*;

    /// Files that are not workbooks an importer can read, and the error every importer gives
    /// for each (after “无法读取文件 NAME：”): an encrypted workbook, text renamed .xlsx, a web
    /// page without a table saved as .xls.
    pub(crate) fn unreadable_files() -> Vec<(&'static str, Vec<u8>, &'static str)> {
        let encrypted = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/encrypted.xlsx")).unwrap();
        vec![
            ("加密.xlsx", encrypted, "文件设有打开密码（已加密），请去掉密码后再导入"),
            ("说明.xlsx", "# 说明\n这是一个文本文件。\n".as_bytes().to_vec(), "这是文本文件，不是 Excel 文件"),
            ("网页.xls", "<html><body><p>登录已过期，请重新登录</p></body></html>".as_bytes().to_vec(), "这是网页（HTML）文件，不是 Excel 文件；请在 Excel/WPS 中打开后另存为 .xlsx 再导入"),
        ]
    }

    /// The sheet called `name` of the workbook at `path`, as read (merged areas not filled):
    /// how the tests of the exports read their files back.
    pub(crate) fn sheet(path: &Path, name: &str) -> Grid {
        read_file(path).unwrap().1.into_iter().find(|g| g.name == name).unwrap()
    }

    /// Runs `import` on each of [`unreadable_files`] written to a temporary folder and checks
    /// that it fails with exactly the reader's message.
    pub(crate) fn assert_unreadable_files_refused<T: std::fmt::Debug>(mut import: impl FnMut(&Path) -> Result<T>) {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes, why) in unreadable_files() {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            let e = import(&path).unwrap_err();
            assert_eq!(e.code(), "unreadable_file", "{name}: {e}");
            assert_eq!(e.to_string(), format!("无法读取文件 {name}：{why}"));
        }
    }

    #[test]
    fn unreadable_inputs_are_named() {
        let cases: &[(&[u8], &str)] = &[
            (b"", "文件为空"),
            (b"# README\nThis is text.\n", "文本文件"),
            (b"<html><body><p>1</p></body></html>", "网页"),
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
    fn encrypted_and_non_workbook_files_are_explained() {
        assert_unreadable_files_refused(read_file);
        let e = read_workbook(b"<?xml version=\"1.0\"?><html><body></body></html>", "a.xls").unwrap_err();
        assert!(e.to_string().contains("网页"), "{e}");
    }

    #[test]
    fn mojibake_is_detected() {
        let cases = [("ÄÏºÍÇø¹«Ë¾ÃûÆ÷", true), ("南和区企业名称", false), ("Company name", false)];
        for (text, want) in cases {
            let grid = Grid { rows: vec![vec![Cell::text(text)]], ..Default::default() };
            assert_eq!(grid_has_mojibake(&grid), want, "{text}");
        }
    }

    #[test]
    fn letters_round_trip() {
        for (i, l) in [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")] {
            assert_eq!(column_letter(i), l);
            assert_eq!(column_index(l), Some(i));
        }
    }

    #[test]
    fn column_letters_in_any_case_and_nonsense() {
        assert_eq!((column_index("a"), column_index(" ab ")), (Some(0), Some(27)));
        assert_eq!((column_index(""), column_index("A1")), (None, None));
    }

    #[test]
    fn cells_as_text() {
        let cell = |value| Cell { value, ..Default::default() };
        let cases = [
            (CellValue::Empty, ""),
            (CellValue::Number(2600.0), "2600"),
            (CellValue::Number(3.52), "3.52"),
            (CellValue::Bool(true), "是"),
            (CellValue::Bool(false), "否"),
            (CellValue::Date("2022-08-03".into()), "2022-08-03"),
            (CellValue::Text(" 南和区 ".into()), " 南和区 "),
        ];
        for (value, want) in cases {
            assert_eq!(cell(value.clone()).display(), want, "{value:?}");
        }
        let grid = Grid::from_rows(&[&["a", "", "1"]]);
        assert_eq!((grid.text(0, 0), grid.text(0, 1), grid.text(5, 5)), ("a".into(), "".into(), "".into()));
        assert_eq!(grid.row_texts(0), ["a", "", "1"]);
    }

    #[test]
    fn a_sheet_claiming_too_many_cells_is_refused_in_the_reading_pass() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet().set_name("名单").unwrap();
        ws.write_string(0, 0, "企业名称").unwrap();
        ws.write_string(1_048_575, 0, "末行").unwrap();
        ws.write_string(0, 3, "末列").unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let e = read_workbook(&bytes, "大表.xlsx").unwrap_err().to_string();
        assert_eq!(e, "无法读取文件 大表.xlsx：工作表“名单”的范围过大（1048576 行 × 4 列），超出可导入的范围；请删去多余的空行、空列后再导入");
    }

    #[test]
    fn line_breaks_in_cells_are_read_as_lf() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "市工业和信息化局\r\n市商务局\r市财政局").unwrap();
        let grids = read_workbook(&wb.save_to_buffer().unwrap(), "换行.xlsx").unwrap();
        assert_eq!(grids[0].text(0, 0), "市工业和信息化局\n市商务局\n市财政局");
    }
}
