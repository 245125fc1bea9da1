//! Tables of a Word document (.docx) as grids, read through docx-rs: `gridSpan` and `vMerge`
//! become merged areas; a table followed by one with the same columns (a table split across
//! pages, one table per action) joins it, with the short paragraphs before and between as rows.
use super::placed::{self, Placed};
use super::read::Grid;
use crate::error::{CoreError, Result};
use docx_rs::{DocumentChild, Paragraph, Table, TableCell, TableCellContent, TableChild, TableRowChild};
use std::io::Cursor;

/// Paragraphs longer than this are body text, not a title or a heading above a table.
const HEADING_CHARS: usize = 60;

/// Whether the bytes are a Word document (a zip holding `word/document.xml`).
pub fn is_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK")
        && zip::ZipArchive::new(Cursor::new(bytes)).is_ok_and(|z| z.index_for_name("word/document.xml").is_some())
}

/// The document's tables (表格1, 表格2 … one per run of tables with the same columns).
pub fn read(bytes: &[u8], file_name: &str) -> Result<Vec<Grid>> {
    let options = docx_rs::ReadDocxOptions::default().with_image_previews(false);
    let doc = docx_rs::read_docx_with_options(bytes, options).map_err(|_| {
        CoreError::UnreadableFile(format!("无法读取文件 {file_name}：Word 文档已损坏或不完整，无法读取其中的表格"))
    })?;
    let mut groups: Vec<Group> = Vec::new();
    let mut headings: Vec<String> = Vec::new();
    for child in &doc.document.children {
        match child {
            DocumentChild::Paragraph(p) => {
                let text = paragraph_text(p);
                if text.chars().count() > HEADING_CHARS {
                    headings.clear();
                } else if !text.is_empty() && !is_continuation(&text) {
                    headings.push(text);
                }
            }
            DocumentChild::Table(t) => {
                let cells = table_cells(t);
                let width = cells.iter().map(|c| c.col + c.cols).max().unwrap_or(0);
                match groups.last_mut().filter(|g| g.width == width) {
                    Some(g) => g.push_rows(&headings, cells),
                    None => {
                        let mut g = Group { width, cells: Vec::new(), height: 0 };
                        let titles = headings.len().saturating_sub(3);
                        g.push_rows(&headings[titles..], cells);
                        groups.push(g);
                    }
                }
                headings.clear();
            }
            _ => {}
        }
    }
    if groups.iter().all(|g| g.width == 0) {
        return Err(CoreError::UnreadableFile(format!("无法读取文件 {file_name}：Word 文档中没有表格")));
    }
    let named = groups.iter().filter(|g| g.width > 0).enumerate();
    named.map(|(i, g)| placed::grid(&format!("表格{}", i + 1), &g.cells, file_name)).collect()
}

/// A label Word users put above the rest of a table on the next page (“续表”, “（续上表）”,
/// “表1（续）”): it marks the continuation and is no row of the table.
fn is_continuation(text: &str) -> bool {
    let bare: String = text.chars().filter(|c| !c.is_whitespace() && !"()（）[]【】:：".contains(*c)).collect();
    bare.starts_with("续表") || bare.starts_with("续上表") || (bare.ends_with('续') && bare.chars().count() <= 8)
}

/// Tables stacked into one grid.
struct Group {
    width: usize,
    cells: Vec<Placed>,
    height: usize,
}

impl Group {
    /// Appends heading lines (each merged across the table) and then a table's cells.
    fn push_rows(&mut self, headings: &[String], cells: Vec<Placed>) {
        for h in headings {
            self.cells.push(Placed { row: self.height, col: 0, rows: 1, cols: self.width.max(1), text: h.clone() });
            self.height += 1;
        }
        let rows = cells.iter().map(|c| c.row + c.rows).max().unwrap_or(0);
        self.cells.extend(cells.into_iter().map(|c| Placed { row: c.row + self.height, ..c }));
        self.height += rows;
    }
}

/// The cells of a table at their grid places: a cell starts after the row's `gridBefore`
/// columns and the spans of the cells before it; a `vMerge` continuation lengthens the cell
/// above it instead of being a cell of its own.
fn table_cells(t: &Table) -> Vec<Placed> {
    let mut out: Vec<Placed> = Vec::new();
    // Column → index in `out` of the cell whose vertical merge is still open there.
    let mut open: Vec<(usize, usize)> = Vec::new();
    for (r, TableChild::TableRow(row)) in t.rows.iter().enumerate() {
        let mut c = property_number(&row.property, "gridBefore");
        for TableRowChild::TableCell(cell) in &row.cells {
            let (span, merge) = cell_property(cell);
            let above = open.iter().find(|(col, _)| *col == c).map(|(_, i)| *i);
            match (merge.as_deref(), above) {
                (Some("continue"), Some(i)) if out[i].row + out[i].rows == r => out[i].rows += 1,
                (Some("continue"), _) => {}
                _ => {
                    open.retain(|(col, _)| *col != c);
                    if merge.as_deref() == Some("restart") {
                        open.push((c, out.len()));
                    }
                    out.push(Placed { row: r, col: c, rows: 1, cols: span, text: cell_text(cell) });
                }
            }
            c += span;
        }
    }
    out
}

/// A cell's column span and vertical merge (`restart` / `continue`), which docx-rs keeps in
/// private fields and shows in its serialized form (the form its JSON output uses).
fn cell_property(cell: &TableCell) -> (usize, Option<String>) {
    let p = serde_json::to_value(&cell.property).unwrap_or_default();
    let span = p["gridSpan"].as_u64().unwrap_or(1).clamp(1, 1_000) as usize;
    (span, p["verticalMerge"].as_str().map(str::to_string))
}

fn property_number(property: &impl serde::Serialize, key: &str) -> usize {
    let p = serde_json::to_value(property).unwrap_or_default();
    p[key].as_u64().unwrap_or(0).min(1_000) as usize
}

/// A cell's paragraphs, one line each.
fn cell_text(cell: &TableCell) -> String {
    let lines = cell.children.iter().filter_map(|c| match c {
        TableCellContent::Paragraph(p) => Some(paragraph_text(p)),
        _ => None,
    });
    lines.filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

fn paragraph_text(p: &Paragraph) -> String {
    p.raw_text().trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::read::Merge;
    use docx_rs::{Docx, Run, TableRow, VMergeType};

    fn cell(text: &str) -> TableCell {
        let mut c = TableCell::new();
        for line in text.split('\n') {
            c = c.add_paragraph(Paragraph::new().add_run(Run::new().add_text(line)));
        }
        c
    }

    fn bytes(doc: Docx) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        doc.build().pack(&mut buf).unwrap();
        buf.into_inner()
    }

    #[test]
    fn merged_cells_and_split_tables_become_one_grid() {
        let para = |t: &str| Paragraph::new().add_run(Run::new().add_text(t));
        let header = || TableRow::new(vec![cell("序号"), cell("工作措施"), cell("牵头单位")]);
        let first = Table::new(vec![
            header(),
            TableRow::new(vec![cell("一、企业上市行动").grid_span(3)]),
            TableRow::new(vec![cell("1"), cell("锁定培育目标。针对……").vertical_merge(VMergeType::Restart), cell("市工业和信息化局\n市财政局")]),
            TableRow::new(vec![cell("2"), cell("").vertical_merge(VMergeType::Continue), cell("市科技局")]),
        ]);
        let second = Table::new(vec![header(), TableRow::new(vec![cell("3"), cell("强化创新"), cell("市科技局")])]);
        let other = Table::new(vec![TableRow::new(vec![cell("填报单位"), cell("南和区")])]);
        let doc = Docx::new()
            .add_paragraph(para("附件"))
            .add_paragraph(para("任务分工表"))
            .add_table(first)
            .add_paragraph(para("（续表）"))
            .add_paragraph(para("二、科技赋能行动"))
            .add_table(second)
            .add_paragraph(para(&"正文".repeat(40)))
            .add_table(other);
        let bytes = bytes(doc);
        assert!(is_docx(&bytes));
        let grids = read(&bytes, "任务.docx").unwrap();
        assert_eq!(grids.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(), ["表格1", "表格2"]);
        let g = &grids[0];
        let texts: Vec<Vec<String>> = (0..g.rows.len()).map(|r| g.row_texts(r)).collect();
        let row = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            texts,
            vec![
                row(&["附件", "", ""]),
                row(&["任务分工表", "", ""]),
                row(&["序号", "工作措施", "牵头单位"]),
                row(&["一、企业上市行动", "", ""]),
                row(&["1", "锁定培育目标。针对……", "市工业和信息化局\n市财政局"]),
                row(&["2", "", "市科技局"]),
                row(&["二、科技赋能行动", "", ""]),
                row(&["序号", "工作措施", "牵头单位"]),
                row(&["3", "强化创新", "市科技局"]),
            ]
        );
        let m = |a, b| Merge { first: a, last: b };
        assert_eq!(g.merges, vec![m((0, 0), (0, 2)), m((1, 0), (1, 2)), m((3, 0), (3, 2)), m((4, 1), (5, 1)), m((6, 0), (6, 2))]);
        assert_eq!(grids[1].row_texts(0), ["填报单位", "南和区"]);
    }

    #[test]
    fn continuation_labels_are_no_rows() {
        let cases = [("续表", true), ("（续表）", true), ("续上表", true), ("表1（续）", true), ("续表：任务分工", true), ("二、科技赋能行动", false), ("继续推进", false), ("附件", false)];
        for (text, want) in cases {
            assert_eq!(is_continuation(text), want, "{text}");
        }
    }

    #[test]
    fn a_document_without_tables_or_damaged_is_named() {
        let doc = bytes(Docx::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text("通知"))));
        assert_eq!(read(&doc, "通知.docx").unwrap_err().to_string(), "无法读取文件 通知.docx：Word 文档中没有表格");
        let cut = &doc[..doc.len() / 2];
        assert!(read(cut, "坏.docx").unwrap_err().to_string().contains("已损坏"));
    }
}
