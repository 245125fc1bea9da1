//! Grids built from tables that are not workbooks (web pages, Word documents, delimited text):
//! cells placed at their row and column, spans recorded as merged areas as a workbook's are,
//! and a cell's text typed as Excel types what it opens (plain numbers become numbers).
use super::input::check_extent;
use super::read::{Cell, CellValue, CutText, Grid, Merge};
use crate::error::Result;

/// One cell of a table at its place (0-based), spanning `rows` × `cols`.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub row: usize,
    pub col: usize,
    pub rows: usize,
    pub cols: usize,
    pub text: String,
}

/// The grid of placed cells, refused (with the reader's Chinese message) beyond the sheet limit.
pub fn grid(name: &str, cells: &[Placed], file_name: &str) -> Result<Grid> {
    let height = cells.iter().map(|p| p.row + p.rows.max(1)).max().unwrap_or(0);
    let width = cells.iter().map(|p| p.col + p.cols.max(1)).max().unwrap_or(0);
    check_extent(height as u64, width as u64, name, file_name)?;
    let mut rows = vec![vec![Cell::default(); width]; height];
    let (mut merges, mut cut) = (Vec::new(), Vec::new());
    for p in cells {
        let (text, chars) = super::text::cell_text(&p.text);
        if let Some(chars) = chars {
            cut.push(CutText { row: p.row, col: p.col, chars });
        }
        rows[p.row][p.col] = Cell { value: typed(&text), ..Default::default() };
        if p.rows > 1 || p.cols > 1 {
            merges.push(Merge { first: (p.row, p.col), last: (p.row + p.rows - 1, p.col + p.cols - 1) });
        }
    }
    Ok(Grid { name: name.to_string(), hidden: false, rows, merges, cut })
}

/// A cell's text as Excel would type it: blank → empty, a plain decimal number (no leading
/// zero, at most 15 digits, no thousands separator) → number, anything else → text as written.
pub fn typed(text: &str) -> CellValue {
    let t = text.trim();
    if t.is_empty() {
        return CellValue::Empty;
    }
    let unsigned = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let plain = !int.is_empty()
        && digits(int)
        && digits(frac)
        && (int == "0" || !int.starts_with('0'))
        && !(unsigned.ends_with('.'))
        && int.len() + frac.len() <= 15;
    match t.parse::<f64>() {
        Ok(n) if plain => CellValue::Number(n),
        _ => CellValue::Text(text.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_typed_as_excel_would() {
        let n = CellValue::Number;
        let t = |s: &str| CellValue::Text(s.into());
        let cases = [
            ("", CellValue::Empty),
            ("  ", CellValue::Empty),
            ("12", n(12.0)),
            ("3.52", n(3.52)),
            ("-1.5", n(-1.5)),
            ("0.0352", n(0.0352)),
            ("0319-5551234", t("0319-5551234")),
            ("03195551234", t("03195551234")),
            ("12,345.60", t("12,345.60")),
            ("3.52%", t("3.52%")),
            ("913005060000000001", t("913005060000000001")),
            ("2022-08-03", t("2022-08-03")),
            ("1.", t("1.")),
            ("企业名称", t("企业名称")),
        ];
        for (text, want) in cases {
            assert_eq!(typed(text), want, "{text}");
        }
    }

    #[test]
    fn spans_become_merged_areas() {
        let p = |row, col, rows, cols, text: &str| Placed { row, col, rows, cols, text: text.into() };
        let g = grid("表1", &[p(0, 0, 1, 3, "标题"), p(1, 0, 2, 1, "南和区"), p(1, 1, 1, 1, "a"), p(2, 1, 1, 2, "b")], "a.html").unwrap();
        assert_eq!((g.rows.len(), g.rows[0].len()), (3, 3));
        let m = |a, b| Merge { first: a, last: b };
        assert_eq!(g.merges, vec![m((0, 0), (0, 2)), m((1, 0), (2, 0)), m((2, 1), (2, 2))]);
        assert_eq!((g.text(1, 0), g.text(2, 0), g.text(2, 1)), ("南和区".into(), "".into(), "b".into()));
        let long = format!("{}\u{1}", "备".repeat(40_000));
        let g = grid("表1", &[p(0, 0, 1, 1, "甲\u{1}乙"), p(1, 1, 1, 1, &long)], "a.csv").unwrap();
        assert_eq!(g.text(0, 0), "甲乙");
        assert_eq!(g.text(1, 1).chars().count(), 32_767);
        assert_eq!(g.cut, vec![CutText { row: 1, col: 1, chars: 40_000 }]);
        let huge = grid("表1", &[p(0, 0, 2_000_000, 2, "x")], "a.html").unwrap_err();
        assert!(huge.to_string().contains("范围过大"), "{huge}");
    }
}
