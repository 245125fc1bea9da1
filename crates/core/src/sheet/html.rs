//! Web pages holding tables (the “导出 Excel” of web systems: HTML saved with an .xls name), read
//! through the `scraper` HTML parser: every innermost `<table>` with text is one grid, `rowspan`
//! and `colspan` become merged areas, `<br>` and paragraphs line breaks inside a cell.
use super::placed::{self, Placed};
use super::read::Grid;
use crate::error::Result;
use scraper::{ElementRef, Html, Node, Selector};

/// Whether the text is a web page (or a bare HTML table).
pub fn is_html(text: &str) -> bool {
    let head: String = text.chars().take(2048).collect::<String>().to_lowercase();
    let head = head.trim_start();
    head.starts_with("<!doctype html") || head.contains("<html") || head.contains("<table")
}

/// The page's tables as grids (表1, 表2 …), or `None` when it holds no table with text.
pub fn read(text: &str, file_name: &str) -> Result<Option<Vec<Grid>>> {
    let doc = Html::parse_document(text);
    let table = Selector::parse("table").expect("a valid selector");
    let mut grids = Vec::new();
    for t in doc.select(&table).filter(|t| t.select(&table).next().is_none()) {
        let cells = place(&rows_of(t));
        if cells.iter().any(|c| !c.text.trim().is_empty()) {
            grids.push(placed::grid(&format!("表{}", grids.len() + 1), &cells, file_name)?);
        }
    }
    Ok((!grids.is_empty()).then_some(grids))
}

/// A cell as written: its text and spans.
struct Written {
    text: String,
    rows: usize,
    cols: usize,
}

/// The rows of a table (in `thead`, `tbody`, `tfoot` or directly), each its `td`/`th` cells.
fn rows_of(table: ElementRef) -> Vec<Vec<Written>> {
    let tr = Selector::parse("tr").expect("a valid selector");
    let span = |e: &ElementRef, name: &str, max: usize| {
        e.value().attr(name).and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(1).clamp(1, max)
    };
    table
        .select(&tr)
        .map(|row| {
            row.children()
                .filter_map(ElementRef::wrap)
                .filter(|c| matches!(c.value().name(), "td" | "th"))
                .map(|c| Written { text: cell_text(c), rows: span(&c, "rowspan", 65_534), cols: span(&c, "colspan", 1_000) })
                .collect()
        })
        .collect()
}

/// Places cells as a browser does: each in the first column not taken by a cell spanning down
/// from a row above; a span never reaches past the table's last row.
fn place(rows: &[Vec<Written>]) -> Vec<Placed> {
    let mut out: Vec<Placed> = Vec::new();
    // (first column, last column, last row) of cells spanning down.
    let mut down: Vec<(usize, usize, usize)> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        down.retain(|d| d.2 >= r);
        let mut c = 0;
        for cell in row {
            while let Some(d) = down.iter().find(|d| d.0 <= c && c <= d.1) {
                c = d.1 + 1;
            }
            let span_rows = cell.rows.min(rows.len() - r);
            if span_rows > 1 {
                down.push((c, c + cell.cols - 1, r + span_rows - 1));
            }
            out.push(Placed { row: r, col: c, rows: span_rows, cols: cell.cols, text: cell.text.clone() });
            c += cell.cols;
        }
    }
    out
}

/// A cell's text: runs of white space as one space, line breaks at `<br>` and block elements;
/// a non-breaking space (&nbsp;) stays for the importers' cleanup.
fn cell_text(cell: ElementRef) -> String {
    let mut raw = String::new();
    for node in cell.descendants() {
        match node.value() {
            Node::Text(t) => {
                for ch in t.chars() {
                    if !ch.is_ascii_whitespace() {
                        raw.push(ch);
                    } else if !raw.ends_with(' ') {
                        raw.push(' ');
                    }
                }
            }
            Node::Element(e) if matches!(e.name(), "br" | "p" | "div" | "li" | "tr") => raw.push('\n'),
            _ => {}
        }
    }
    let lines = raw.lines().map(|l| l.trim_matches(|c: char| c.is_ascii_whitespace())).filter(|l| !l.is_empty());
    lines.collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::read::Merge;

    #[test]
    fn tables_spans_and_cell_texts() {
        let page = r#"<html><head><title>导出</title></head><body>
            <table border="1"><tr><td colspan="3">南和区企业名单</td></tr>
            <thead><tr><th>县区</th><th>企业名称</th><th>地址</th></tr></thead>
            <tbody><tr><td rowspan="2">南和区</td><td> 甲&nbsp;公司 </td><td>邢台市<br>南和区</td></tr>
            <tr><td>乙公司</td><td><p>一</p><p>二</p></td></tr>
            <tr><td rowspan="9">多余的跨行</td><td>丙</td><td>3</td></tr></tbody></table>
            <table><tr><td><table><tr><td>内层</td></tr></table></td></tr></table>
            <table><tr><td> </td></tr></table></body></html>"#;
        assert!(is_html(page));
        let grids = read(page, "名单.xls").unwrap().unwrap();
        assert_eq!(grids.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(), ["表1", "表2"], "the wrapper and the empty table are skipped");
        let g = &grids[0];
        let texts: Vec<Vec<String>> = (0..g.rows.len()).map(|r| g.row_texts(r)).collect();
        assert_eq!(
            texts,
            vec![
                vec!["南和区企业名单", "", ""],
                vec!["县区", "企业名称", "地址"],
                vec!["南和区", "甲\u{a0}公司", "邢台市\n南和区"],
                vec!["", "乙公司", "一\n二"],
                vec!["多余的跨行", "丙", "3"],
            ]
        );
        let m = |a, b| Merge { first: a, last: b };
        assert_eq!(g.merges, vec![m((0, 0), (0, 2)), m((2, 0), (3, 0))]);
        assert_eq!(grids[1].text(0, 0), "内层");
        assert!(read("<html><body><p>登录已过期</p></body></html>", "a.xls").unwrap().is_none());
        assert!(!is_html("企业名称,代码\n"));
    }
}
