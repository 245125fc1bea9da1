//! Files that are not workbooks but hold tables, told apart by their content whatever their
//! name: Word documents (.docx; an old binary .doc is named), web pages with tables (the .xls
//! of web systems) and delimited text (.csv, .txt) in any encoding. Each gives the same grids.
use super::read::{unreadable, Grid};
use super::{decode, delimited, docx, html};
use crate::error::Result;
use std::io::Cursor;

/// What a Word 97-2003 document gets: it cannot be read, and how to make it readable.
pub const DOC_MESSAGE: &str = "这是 Word 97-2003 文档（.doc），无法直接读取；请在 WPS 或 Word 中另存为 .docx 后再导入";

/// The grids of a file that holds tables outside a workbook; `None` for a workbook (or any
/// other file) that the workbook reader is to read or explain.
pub fn read_tables(bytes: &[u8], file_name: &str) -> Result<Option<Vec<Grid>>> {
    if docx::is_docx(bytes) {
        super::input::guard_workbook(bytes, file_name)?;
        return docx::read(bytes, file_name).map(Some);
    }
    if is_word_97(bytes) {
        return Err(unreadable(file_name, DOC_MESSAGE));
    }
    let Some(text) = decode::text(bytes) else { return Ok(None) };
    if html::is_html(&text) {
        return html::read(&text, file_name);
    }
    if text.trim_start().starts_with('<') {
        return Ok(None);
    }
    delimited::read(&text, file_name)
}

/// A compound file holding a `WordDocument` stream (Word 97-2003 .doc, WPS .wps).
fn is_word_97(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        && cfb::CompoundFile::open(Cursor::new(bytes)).is_ok_and(|f| f.is_stream("/WordDocument"))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A Word 97-2003 document as far as its container goes: a compound file with a
    /// `WordDocument` stream.
    pub(crate) fn word_97() -> Vec<u8> {
        let mut f = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        f.create_stream("/WordDocument").unwrap().write_all(&[0xEC, 0xA5, 0xC1, 0x00]).unwrap();
        f.flush().unwrap();
        f.into_inner().into_inner()
    }

    #[test]
    fn each_kind_of_file_goes_to_its_reader() {
        let xls = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples/task_assignment.xls")).unwrap();
        let xlsx = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples/task_assignment.xlsx")).unwrap();
        let read = |b: &[u8]| read_tables(b, "任务.doc").map(|g| g.map(|g| g.len()));
        assert_eq!(read(&xls).unwrap(), None);
        assert_eq!(read(&xlsx).unwrap(), None);
        assert_eq!(read(b"a,b\n1,2\n").unwrap(), Some(1));
        assert_eq!(read(b"<table><tr><td>1</td></tr></table>").unwrap(), Some(1));
        assert_eq!(read(b"<?xml version=\"1.0\"?><Workbook>").unwrap(), None);
        assert_eq!(read(b"# README\n").unwrap(), None);
        let e = read(&word_97()).unwrap_err();
        assert_eq!(e.to_string(), format!("无法读取文件 任务.doc：{DOC_MESSAGE}"));
        assert_eq!(e.code(), "unreadable_file");
    }
}
