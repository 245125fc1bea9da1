//! Opens a workbook by its content (not its extension) with calamine and turns every sheet into
//! a grid of cell texts with merged cells filled from their top-left cell.
use crate::error::{CoreError, Result};
use calamine::{open_workbook_auto_from_rs, Data, Reader, Sheets, Xls, XlsOptions};
use std::io::Cursor;
use std::path::Path;

/// One sheet as text: `cells[r][c]`, where row `r` is sheet row `first_row + r` (0-based).
#[derive(Debug, Clone)]
pub struct Grid {
    pub sheet: String,
    pub first_row: u32,
    pub first_col: u32,
    pub cells: Vec<Vec<String>>,
}

impl Grid {
    /// The 1-based row number Excel shows for grid row `r`.
    pub fn sheet_row(&self, r: usize) -> u32 {
        self.first_row + r as u32 + 1
    }

    /// The column letter Excel shows for grid column `c`.
    pub fn column_letter(&self, c: usize) -> String {
        let mut n = self.first_col as usize + c + 1;
        let mut s = String::new();
        while n > 0 {
            let rem = (n - 1) % 26;
            s.insert(0, (b'A' + rem as u8) as char);
            n = (n - 1) / 26;
        }
        s
    }

    /// A grid from literal rows starting at A1, for tests.
    #[cfg(test)]
    pub fn from_rows(rows: &[&[&str]]) -> Grid {
        Grid {
            sheet: "s".into(),
            first_row: 0,
            first_col: 0,
            cells: rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect(),
        }
    }

    pub fn cell(&self, r: usize, c: usize) -> &str {
        self.cells
            .get(r)
            .and_then(|row| row.get(c))
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// Every sheet of the workbook at `path`, in workbook order.
pub fn read_grids(path: &Path) -> Result<Vec<Grid>> {
    let (bytes, name) = crate::sheet::input::read_input(path)?;
    crate::sheet::input::shielded(&name.clone(), || grids_of_bytes(bytes, name))
}

fn grids_of_bytes(bytes: Vec<u8>, name: String) -> Result<Vec<Grid>> {
    if !(bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) || bytes.starts_with(b"PK")) {
        return Err(CoreError::UnreadableFile(format!(
            "无法读取文件 {name}：不是 Excel 工作簿（.xls 或 .xlsx），可能是网页、文本或已损坏的文件"
        )));
    }
    crate::sheet::input::guard_workbook(&bytes, &name)?;
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.clone())).map_err(|e| {
        CoreError::UnreadableFile(format!("无法读取文件 {name}：文件已损坏或加密（{e}）"))
    })?;
    crate::sheet::input::guard_sheets(&mut book, &name)?;
    let grids = grids_of(&mut book, &name)?;
    if matches!(book, Sheets::Xls(_)) && grids.iter().any(looks_garbled) {
        // Old Chinese .xls files sometimes carry a wrong code page: read again as GBK (936).
        let mut opts = XlsOptions::default();
        opts.force_codepage = Some(936);
        if let Ok(xls) = Xls::new_with_options(Cursor::new(bytes), opts) {
            let mut book = Sheets::Xls(xls);
            return grids_of(&mut book, &name);
        }
    }
    Ok(grids)
}

pub use crate::sheet::input::display_name as file_name;

fn grids_of(book: &mut Sheets<Cursor<Vec<u8>>>, file: &str) -> Result<Vec<Grid>> {
    let names = book.sheet_names().to_vec();
    let mut grids = Vec::new();
    for sheet in names {
        let range = book.worksheet_range(&sheet).map_err(|e| {
            CoreError::UnreadableFile(format!("无法读取文件 {file} 的工作表“{sheet}”：{e}"))
        })?;
        if let Some(end) = range.end() {
            crate::sheet::input::check_extent(end.0 as u64 + 1, end.1 as u64 + 1, &sheet, file)?;
        }
        let merges = match book {
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(&sheet).unwrap_or_default(),
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&sheet).unwrap_or_default(),
            _ => Vec::new(),
        };
        let (first_row, first_col) = range.start().unwrap_or((0, 0));
        let mut cells: Vec<Vec<String>> = range
            .rows()
            .map(|row| row.iter().map(cell_text).collect())
            .collect();
        for m in merges {
            fill_merge(&mut cells, first_row, first_col, m.start, m.end);
        }
        grids.push(Grid {
            sheet,
            first_row,
            first_col,
            cells,
        });
    }
    Ok(grids)
}

/// Copies the top-left value of a merged region into every cell of it (grid-relative).
fn fill_merge(
    cells: &mut [Vec<String>],
    first_row: u32,
    first_col: u32,
    start: (u32, u32),
    end: (u32, u32),
) {
    let (Some(r0), Some(c0)) = (
        start.0.checked_sub(first_row),
        start.1.checked_sub(first_col),
    ) else {
        return;
    };
    let (r0, c0) = (r0 as usize, c0 as usize);
    let value = match cells.get(r0).and_then(|row| row.get(c0)) {
        Some(v) if !v.is_empty() => v.clone(),
        _ => return,
    };
    let r1 = (end.0 - first_row) as usize;
    let c1 = (end.1.saturating_sub(first_col)) as usize;
    for row in cells.iter_mut().take(r1 + 1).skip(r0) {
        for c in c0..=c1 {
            if let Some(cell) = row.get_mut(c) {
                if cell.is_empty() {
                    *cell = value.clone();
                }
            }
        }
    }
}

/// A cell as text: whole numbers without “.0”, dates as ISO dates.
pub fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) => t.date().format("%Y-%m-%d").to_string(),
            None => dt.as_f64().to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    }
}

/// Mojibake from a wrong code page: Latin-1 letters where Chinese is expected, and no CJK.
fn looks_garbled(g: &Grid) -> bool {
    let text: String = g.cells.iter().flatten().map(String::as_str).collect();
    let cjk = text
        .chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .count();
    let latin1 = text
        .chars()
        .filter(|c| ('\u{00C0}'..='\u{00FF}').contains(c))
        .count();
    cjk == 0 && latin1 > 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_regions_are_filled_down_and_right() {
        let mut cells = vec![
            vec!["A".to_string(), String::new(), String::new()],
            vec![String::new(), "x".into(), String::new()],
            vec![String::new(), String::new(), String::new()],
        ];
        fill_merge(&mut cells, 0, 0, (0, 0), (0, 2));
        fill_merge(&mut cells, 0, 0, (1, 1), (2, 1));
        assert_eq!(cells[0], vec!["A", "A", "A"]);
        assert_eq!(cells[2][1], "x");
        assert_eq!(cells[2][0], "");
    }

    #[test]
    fn column_letters_follow_the_range_start() {
        let g = Grid {
            sheet: "s".into(),
            first_row: 2,
            first_col: 1,
            cells: vec![],
        };
        assert_eq!(
            (g.column_letter(0), g.column_letter(25), g.sheet_row(0)),
            ("B".into(), "AA".into(), 3)
        );
    }

    #[test]
    fn files_that_are_not_workbooks_are_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in [
            ("a.xls", &b"<html><table></table></html>"[..]),
            ("b.xlsx", &b"PK\x03\x04broken"[..]),
            ("c.xls", &b""[..]),
        ] {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            let e = read_grids(&p).unwrap_err();
            assert_eq!(e.code(), "unreadable_file", "{name}");
            assert!(e.to_string().contains(name));
        }
    }
}
