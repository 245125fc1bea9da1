//! Delimited text (.csv, tab-separated .txt) read through the `csv` crate: the delimiter found
//! from the content (or Excel's `sep=` line), quoted fields and line breaks kept, web exports'
//! `="0319…"` guards unwrapped; one grid named after the file, like Excel opens it.
use super::placed::{self, Placed};
use super::read::Grid;
use crate::error::{CoreError, Result};

const DELIMITERS: [u8; 4] = [b'\t', b',', b';', b'|'];

/// The table in `text`, or `None` when no delimiter splits its lines into columns.
pub fn read(text: &str, file_name: &str) -> Result<Option<Vec<Grid>>> {
    let (text, declared) = excel_separator(text);
    let Some(delimiter) = declared.or_else(|| detect(text)) else { return Ok(None) };
    let name = file_name.rsplit_once('.').map_or(file_name, |(stem, _)| stem);
    let (mut cells, mut width) = (Vec::new(), 0usize);
    for (row, record) in records(text, delimiter).enumerate() {
        let record = record.map_err(|e| {
            CoreError::UnreadableFile(format!("无法读取文件 {file_name}：第 {} 行无法按分隔符读取（{e}）", row + 1))
        })?;
        for (col, field) in record.iter().enumerate() {
            let text = unguarded(field);
            if !text.trim().is_empty() {
                cells.push(Placed { row, col, rows: 1, cols: 1, text: text.to_string() });
            }
        }
        width = width.max(record.len());
        // Refused while reading, before a huge file fills memory.
        super::input::check_extent(row as u64 + 1, width as u64, name, file_name)?;
    }
    Ok(Some(vec![placed::grid(name, &cells, file_name)?]))
}

fn records(text: &str, delimiter: u8) -> csv::StringRecordsIntoIter<&[u8]> {
    csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes()).into_records()
}

/// Excel's first line `sep=;` names the delimiter; the rest is the table.
fn excel_separator(text: &str) -> (&str, Option<u8>) {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    match first.trim().strip_prefix("sep=").map(str::as_bytes) {
        Some([d]) => (rest, Some(*d)),
        _ => (text, None),
    }
}

/// The delimiter that splits most of the first lines into the same number (≥ 2) of columns.
fn detect(text: &str) -> Option<u8> {
    DELIMITERS
        .iter()
        .filter_map(|d| {
            let widths: Vec<usize> = records(text, *d).take(100).filter_map(|r| r.ok()).map(|r| r.len()).filter(|w| *w >= 2).collect();
            let most = widths.iter().map(|w| widths.iter().filter(|x| *x == w).count()).max()?;
            (most >= 2 || widths.len() == 1).then_some((most, *d))
        })
        .max_by_key(|(most, _)| *most)
        .map(|(_, d)| d)
}

/// A web export's `="00123"` (kept as text in Excel) as the text inside.
fn unguarded(field: &str) -> &str {
    field.strip_prefix("=\"").and_then(|f| f.strip_suffix('"')).unwrap_or(field)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Option<Vec<Vec<String>>> {
        read(text, "名单.csv").unwrap().map(|g| (0..g[0].rows.len()).map(|r| g[0].row_texts(r)).collect())
    }

    #[test]
    fn delimiters_and_quotes_are_read_from_the_content() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let cases: Vec<(&str, &str, Option<Vec<Vec<String>>>)> = vec![
            ("comma", "企业名称,代码\n甲公司,9113\n", Some(vec![s(&["企业名称", "代码"]), s(&["甲公司", "9113"])])),
            ("tab", "企业名称\t代码\n甲公司\t9113\n", Some(vec![s(&["企业名称", "代码"]), s(&["甲公司", "9113"])])),
            ("semicolon via sep=", "sep=;\n企业名称;代码\n甲,公司;1\n", Some(vec![s(&["企业名称", "代码"]), s(&["甲,公司", "1"])])),
            ("quoted comma and line break", "企业名称,地址\n\"甲公司\",\"邢台市,\n南和区\"\n", Some(vec![s(&["企业名称", "地址"]), s(&["甲公司", "邢台市,\n南和区"])])),
            ("title line above the header", "南和区名单\n企业名称,代码\n甲,1\n", Some(vec![s(&["南和区名单", ""]), s(&["企业名称", "代码"]), s(&["甲", "1"])])),
            ("guarded text", "电话,代码\n=\"03195551234\",1\n", Some(vec![s(&["电话", "代码"]), s(&["03195551234", "1"])])),
            ("prose", "# 说明\n这是一个文本文件。\n", None),
        ];
        for (what, text, want) in cases {
            assert_eq!(rows(text), want, "{what}");
        }
        assert_eq!(read("a,b\n1,2\n", "名单.csv").unwrap().unwrap()[0].name, "名单");
    }
}
