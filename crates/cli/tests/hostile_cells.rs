//! Hostile cells through the real binary: a huge merged area is imported (or refused with a
//! Chinese reason) quickly and in bounded memory, control characters never reach the store or a
//! Word document, and a text beyond Excel's cell limit is cut on import with a warning naming
//! its row and column, so that what is stored is what every export writes.
use pacesetter_testkit::{sample, uscc_for, TempStore};
use rust_xlsxwriter::Workbook;
use serde_json::Value;
use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

fn store() -> TempStore {
    TempStore::new(env!("CARGO_BIN_EXE_pacesetter"))
}

/// Column letters as Excel shows them (0 → A).
fn letter(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

/// A county sheet of three enterprises whose 备注 (E2:F3) is merged, then that merge stretched to
/// 100,000 rows × 1,000 columns in the sheet's XML (rust_xlsxwriter would write every covered
/// cell); `far` also writes one cell at (`far`, 999), so that the used grid is large too.
fn huge_merge_sheet(path: &Path, far: Option<u32>) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("名单").unwrap();
    for (c, h) in ["序号", "企业名称", "统一社会信用代码", "所在县区", "备注", "联系人"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..3u32 {
        let row = [(i + 1).to_string(), format!("邢台合并{i}有限公司"), uscc_for(i as usize), "南和区".to_string()];
        for (c, v) in row.iter().enumerate() {
            ws.write_string(i + 1, c as u16, v).unwrap();
        }
    }
    ws.merge_range(1, 4, 2, 5, "同一备注", &rust_xlsxwriter::Format::new()).unwrap();
    if let Some(r) = far {
        ws.write_string(r, 999, "远处").unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let huge = format!("E2:{}{}", letter(4 + 999), 2 + 99_999);
    let patched = rewrite_zip(&bytes, "xl/worksheets/sheet1.xml", |xml| xml.replace("<mergeCell ref=\"E2:F3\"/>", &format!("<mergeCell ref=\"{huge}\"/>")));
    assert!(patched.len() < 20_000, "a 20 KB file, not {} bytes", patched.len());
    std::fs::write(path, patched).unwrap();
}

/// The zip `bytes` with the text part `name` replaced by `edit(part)` (which must change it).
fn rewrite_zip(bytes: &[u8], name: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let part = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if part == name {
            let text = String::from_utf8(data).unwrap();
            let edited = edit(&text);
            assert_ne!(edited, text, "{name} edited");
            data = edited.into_bytes();
        }
        out.start_file(part, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The largest resident memory of any child process this test process has waited for, in MB.
#[cfg(unix)]
fn children_peak_mb() -> f64 {
    // SAFETY: getrusage writes into the zeroed struct we own.
    let usage = unsafe {
        let mut u: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut u);
        u
    };
    usage.ru_maxrss as f64 / 1024.0
}

#[test]
fn a_huge_merge_is_imported_or_refused_in_seconds_and_bounded_memory() {
    let s = store();
    // The merge over a small sheet: filled only where the sheet has cells.
    let small = s.path("合并.xlsx");
    huge_merge_sheet(&small, None);
    let t = Instant::now();
    let rep = s.run(["import", small.to_str().unwrap(), "--json"]).ok();
    assert!(t.elapsed() < Duration::from_secs(5), "took {:?}", t.elapsed());
    assert_eq!(rep["inserted"], 3, "{rep}");
    let listed = s.full_listing();
    let notes: Vec<&str> = listed.as_array().unwrap().iter().map(|e| e["notes"].as_str().unwrap_or("")).collect();
    assert_eq!(notes, ["同一备注"; 3], "{listed}");

    // The same merge over a sheet whose used range is 100,000 × 1,000: the fill would pass the
    // file's cell budget, so the file is refused before anything is filled.
    let big = s.path("大合并.xlsx");
    huge_merge_sheet(&big, Some(2_999));
    let t = Instant::now();
    let run = s.run(["import", big.to_str().unwrap()]);
    assert!(t.elapsed() < Duration::from_secs(5), "took {:?}", t.elapsed());
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("无法读取文件 大合并.xlsx：单元格过多（读到工作表“名单”时，连同合并单元格要填充的格子已超过 400 万个）"),
        "{}",
        run.stderr
    );
    #[cfg(unix)]
    assert!(children_peak_mb() < 300.0, "peak {} MB", children_peak_mb());
}

/// Whether `xml` is well-formed XML 1.0 for a real parser (roxmltree rejects control characters).
fn parses(xml: &str) -> Result<(), String> {
    roxmltree::Document::parse(xml).map(|_| ()).map_err(|e| e.to_string())
}

fn docx_part(path: &Path, name: &str) -> String {
    let mut zin = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zin.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

#[test]
fn control_characters_never_reach_the_store_or_a_word_document() {
    let s = store();
    let file = s.path("控制字符.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["企业名称", "统一社会信用代码", "所在县区"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    // rust_xlsxwriter writes U+0001 as `_x0001_`, as Excel does.
    ws.write_string(1, 0, "河北\u{1}嘉坤\u{1f}有限公司").unwrap();
    ws.write_string(1, 1, &uscc_for(7)).unwrap();
    ws.write_string(1, 2, "南和区").unwrap();
    wb.save(&file).unwrap();
    assert_eq!(s.json_of("import", &file, &[])["inserted"], 1);
    assert_eq!(s.full_listing()[0]["name"], "河北嘉坤有限公司");

    // A name that reaches the store another way (an old store, a hand edit) still exports.
    let conn = rusqlite::Connection::open(&s.db).unwrap();
    conn.execute("UPDATE enterprises SET name = ?1", ["河北\u{1}嘉坤有限公司"]).unwrap();
    drop(conn);
    let out = s.path("一企一策.docx");
    s.run(["export", "plan", &uscc_for(7), "--out", out.to_str().unwrap()]).text();
    let xml = docx_part(&out, "word/document.xml");
    parses(&xml).unwrap_or_else(|e| panic!("document.xml does not parse: {e}"));
    assert!(xml.contains("河北嘉坤有限公司"), "the name is in the document");
    // The check can fail: the same part with the control character does not parse.
    let broken = xml.replacen("河北嘉坤有限公司", "河北\u{1}嘉坤有限公司", 1);
    assert!(parses(&broken).is_err(), "roxmltree refuses U+0001");
}

/// The warning of `report` about a cut text.
fn cut_warning(report: &Value) -> &Value {
    report["warnings"].as_array().unwrap().iter().find(|w| w["code"] == "text_cut").unwrap_or_else(|| panic!("no text_cut warning: {report}"))
}

#[test]
fn a_text_beyond_excels_limit_is_cut_on_import_with_a_warning_and_exported_whole() {
    let s = store();
    let long: String = (0..40_000).map(|i| char::from_u32(0x4E00 + (i % 500) as u32).unwrap()).collect();
    let kept: String = long.chars().take(32_767).collect();

    // A county sheet whose 备注 (column D, row 2) has 40,000 characters.
    let county = s.path("长备注.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["企业名称", "统一社会信用代码", "所在县区", "备注"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "河北长备注有限公司").unwrap();
    ws.write_string(1, 1, &uscc_for(3)).unwrap();
    ws.write_string(1, 2, "南和区").unwrap();
    wb.save(&county).unwrap();
    // rust_xlsxwriter refuses strings beyond the limit: put the long text into the XML itself.
    let bytes = std::fs::read(&county).unwrap();
    let patched = rewrite_zip(&bytes, "xl/worksheets/sheet1.xml", |xml| {
        xml.replace("</row></sheetData>", &format!("<c r=\"D2\" t=\"inlineStr\"><is><t>{long}</t></is></c></row></sheetData>"))
    });
    std::fs::write(&county, patched).unwrap();
    let rep = s.json_of("import", &county, &[]);
    assert_eq!(rep["inserted"], 1, "{rep}");
    let w = cut_warning(&rep);
    assert_eq!((w["row"].as_u64(), w["column"].as_str()), (Some(2), Some("D")), "{w}");
    assert!(w["message"].as_str().unwrap().starts_with("第2行D列“备注”：内容有 40000 个字符"), "{w}");
    assert_eq!(s.full_listing()[0]["notes"].as_str().map(|n| n.chars().count()), Some(32_767));

    // A ledger whose 问题描述 has 40,000 characters: cut and warned about, then exported whole.
    let s = store();
    s.json_of("import", &sample("county_nanhe_clean.xlsx"), &[]);
    let first = s.full_listing()[0].clone();
    let ledger = s.path("台账.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["企业名称", "统一社会信用代码", "问题来源", "问题类别", "问题描述", "收集日期"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in [first["name"].as_str().unwrap(), first["uscc"].as_str().unwrap(), "入企服务", "融资", "占位", "2026-03-01"].iter().enumerate() {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    wb.save(&ledger).unwrap();
    let bytes = std::fs::read(&ledger).unwrap();
    let patched = rewrite_zip(&bytes, "xl/sharedStrings.xml", |xml| xml.replace(">占位<", &format!(">{long}<")));
    std::fs::write(&ledger, patched).unwrap();
    let rep = s.json_of("import-ledger", &ledger, &[]);
    assert_eq!(rep["inserted"], 1, "{rep}");
    let w = cut_warning(&rep);
    assert_eq!((w["row"].as_u64(), w["column"].as_str()), (Some(2), Some("E")), "{w}");
    let out = s.path("台账导出.xlsx");
    s.run(["export", "ledger", "--out", out.to_str().unwrap()]).text();
    let mut book = calamine::open_workbook_auto(&out).unwrap();
    use calamine::Reader;
    let range = book.worksheet_range("问题台账").unwrap();
    let exported: Vec<String> = range.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(exported.iter().any(|t| *t == kept), "the stored 32,767 characters are exported whole");
}
