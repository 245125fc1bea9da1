//! The merged areas of an .xlsx sheet without parsing its XML a second time: the sheet's part is
//! inflated once more, only its tail (what follows `</sheetData>`) is kept and its `<mergeCell>`s
//! read. `None` whenever the file is not laid out as this reader expects: the caller then asks
//! the spreadsheet library, which parses the whole sheet.
use super::read::{column_index, Merge};
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// Bytes of a sheet's XML kept from its end: the merges and page setup that follow its cells.
const TAIL_BYTES: usize = 1 << 20;

/// The parts of the workbook's worksheets, by sheet name (`xl/workbook.xml` and its relations).
pub struct SheetParts<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    paths: HashMap<String, String>,
}

impl<'a> SheetParts<'a> {
    /// The worksheet parts of the .xlsx in `bytes`; `None` when its workbook part is not where
    /// or what this reader expects.
    pub fn new(bytes: &'a [u8]) -> Option<SheetParts<'a>> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
        let workbook = part_text(&mut zip, "xl/workbook.xml")?;
        let rels = part_text(&mut zip, "xl/_rels/workbook.xml.rels")?;
        let targets: HashMap<String, String> = elements(&rels, "Relationship")
            .filter_map(|e| Some((attr(e, "Id")?, attr(e, "Target")?)))
            .collect();
        let mut paths = HashMap::new();
        for e in elements(&workbook, "sheet") {
            let name = attr(e, "name")?;
            let rid = attr(e, "r:id")?;
            let target = targets.get(&rid)?;
            let path = match target.strip_prefix('/') {
                Some(abs) => abs.to_string(),
                None => format!("xl/{target}"),
            };
            paths.insert(name, path);
        }
        Some(SheetParts { zip, paths })
    }

    /// The merged areas of sheet `name`, or `None` when they cannot be read this way.
    pub fn merges(&mut self, name: &str) -> Option<Vec<Merge>> {
        let path = self.paths.get(name)?;
        let mut part = self.zip.by_name(path).ok()?;
        let tail = read_tail(&mut part)?;
        let end = rfind(&tail, b"</sheetData>").map(|p| p + 12).or_else(|| rfind(&tail, b"<sheetData/>").map(|p| p + 12))?;
        let rest = std::str::from_utf8(&tail[end..]).ok()?;
        elements(rest, "mergeCell").map(|e| attr(e, "ref").and_then(|r| area(&r))).collect()
    }
}

/// The last bytes of a part (up to [`TAIL_BYTES`] and the chunk that reached them).
fn read_tail(r: &mut impl Read) -> Option<Vec<u8>> {
    let mut tail: Vec<u8> = Vec::with_capacity(TAIL_BYTES + (256 << 10));
    let mut chunk = vec![0u8; 256 << 10];
    loop {
        let n = r.read(&mut chunk).ok()?;
        if n == 0 {
            return Some(tail);
        }
        if tail.len() + n > TAIL_BYTES + (256 << 10) {
            let keep_from = (tail.len() + n).saturating_sub(TAIL_BYTES).min(tail.len());
            tail.drain(..keep_from);
        }
        tail.extend_from_slice(&chunk[..n]);
    }
}

fn part_text(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, path: &str) -> Option<String> {
    let mut s = String::new();
    zip.by_name(path).ok()?.read_to_string(&mut s).ok()?;
    Some(s)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// The attribute texts of every `<tag …>` element (not `<tagX…>`), in order.
fn elements<'a>(xml: &'a str, tag: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let open = format!("<{tag}");
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let start = at + xml[at..].find(&open)? + open.len();
        let end = start + xml[start..].find('>')?;
        at = end;
        if xml[start..].starts_with(|c: char| c.is_whitespace() || c == '/' || c == '>') {
            return Some(&xml[start..end]);
        }
    })
}

/// The value of attribute `name` in an element's attribute text, XML entities decoded.
fn attr(e: &str, name: &str) -> Option<String> {
    let mut rest = e;
    loop {
        let i = rest.find(name)?;
        let before_ok = i == 0 || rest[..i].ends_with(|c: char| c.is_whitespace());
        let after = rest[i + name.len()..].trim_start();
        if before_ok {
            if let Some(v) = after.strip_prefix('=') {
                let v = v.trim_start();
                let quote = v.chars().next().filter(|q| *q == '"' || *q == '\'')?;
                let body = &v[1..];
                return Some(unescape(&body[..body.find(quote)?]));
            }
        }
        rest = &rest[i + name.len()..];
    }
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let Some(semi) = after.find(';') else {
            out.push_str(&rest[i..]);
            return out;
        };
        let entity = &after[..semi];
        let ch = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| entity.strip_prefix('#').map(str::parse::<u32>))
                .and_then(|n| n.ok())
                .and_then(char::from_u32),
        };
        match ch {
            Some(c) => out.push(c),
            None => out.push_str(&rest[i..i + 2 + semi]),
        }
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    out
}

/// A cell reference such as `B3`, 0-based (row, column).
fn cell_ref(s: &str) -> Option<(usize, usize)> {
    let split = s.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = s.split_at(split);
    if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let row: usize = digits.parse().ok()?;
    Some((row.checked_sub(1)?, column_index(letters)?))
}

/// A merged area `A1:C2` (or a single cell `A1`).
fn area(r: &str) -> Option<Merge> {
    let (a, b) = r.split_once(':').unwrap_or((r, r));
    let (first, last) = (cell_ref(a.trim())?, cell_ref(b.trim())?);
    Some(Merge { first: (first.0.min(last.0), first.1.min(last.1)), last: (first.0.max(last.0), first.1.max(last.1)) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_come_from_the_tail_as_the_library_reads_them() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let f = rust_xlsxwriter::Format::new();
        let ws = wb.add_worksheet().set_name("名单 & 说明").unwrap();
        ws.merge_range(0, 0, 0, 5, "标题", &f).unwrap();
        ws.merge_range(3, 1, 7, 1, "临西县", &f).unwrap();
        for r in 10..3000 {
            ws.write_string(r, 0, format!("第{r}行 </sheetData> 不是标记")).unwrap();
        }
        wb.add_worksheet().set_name("空表").unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let mut parts = SheetParts::new(&bytes).unwrap();
        let m = |a, b| Merge { first: a, last: b };
        assert_eq!(parts.merges("名单 & 说明"), Some(vec![m((0, 0), (0, 5)), m((3, 1), (7, 1))]));
        assert_eq!(parts.merges("空表"), Some(vec![]));
        assert_eq!(parts.merges("没有"), None);
    }

    #[test]
    fn attributes_and_references() {
        assert_eq!(attr(r#" name="A&amp;B" sheetId="1" r:id="rId2""#, "r:id").as_deref(), Some("rId2"));
        assert_eq!(attr(r#" name="A&amp;B&#x4E00;" id="x""#, "name").as_deref(), Some("A&B一"));
        assert_eq!(attr(r#" Xid="no" id='yes'"#, "id").as_deref(), Some("yes"));
        assert_eq!(area("AA10"), Some(Merge { first: (9, 26), last: (9, 26) }));
        assert_eq!(area("A:A"), None);
        assert_eq!(elements(r#"<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>"#, "mergeCell").collect::<Vec<_>>(), vec![r#" ref="A1:B2"/"#]);
    }
}
