//! Hostile and broken files: deterministic mutations of the sample workbooks (truncation, byte
//! flips, damaged zip entries, huge dimensions, deep XML, zip bombs, wrong code pages, formula
//! errors, 1,048,576-row and 16,384-column sheets, empty workbooks) go through the county import
//! (preview, then commit) and the task sheet reader. Each must end in a Chinese error or a correct
//! import, never a panic; time per file and peak memory stay bounded; a failed commit leaves the
//! store unchanged. PACESETTER_MUTATIONS sets the count (default 10,000, about a minute with the
//! core at opt-level 1); PACESETTER_MUTATION_TRACE=1 prints each case first.
use pacesetter_core::enterprise;
use pacesetter_core::enterprise::import::ImportOptions;
use pacesetter_core::tasks;
use pacesetter_core::{CoreError, Store};
use std::io::{Cursor, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use zip::write::SimpleFileOptions;

const PER_FILE_LIMIT: Duration = Duration::from_secs(20);

fn sample(name: &str) -> Vec<u8> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples"));
    std::fs::read(dir.join(name)).unwrap()
}

/// xorshift64: deterministic mutations.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

type Entries = Vec<(String, Vec<u8>)>;

fn unzip(bytes: &[u8]) -> Entries {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (name, data)
        })
        .collect()
}

fn rezip(entries: &Entries) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    for (name, data) in entries {
        w.start_file(name.as_str(), opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn sheet_index(entries: &Entries) -> usize {
    entries.iter().position(|(n, _)| n.contains("worksheets/") && n.ends_with(".xml")).unwrap()
}

/// The first worksheet with `extra` inserted just before `</sheetData>` (or `<sheetData>` + 11
/// when `at_start`).
fn with_sheet_xml(entries: &Entries, extra: &str, at_start: bool) -> Vec<u8> {
    let mut e = entries.clone();
    let i = sheet_index(&e);
    let xml = String::from_utf8_lossy(&e[i].1).into_owned();
    let xml = if at_start {
        xml.replacen("<sheetData>", &format!("<sheetData>{extra}"), 1)
    } else if xml.contains("</sheetData>") {
        xml.replacen("</sheetData>", &format!("{extra}</sheetData>"), 1)
    } else {
        xml.replacen("<sheetData/>", &format!("<sheetData>{extra}</sheetData>"), 1)
    };
    e[i].1 = xml.into_bytes();
    rezip(&e)
}

/// A zip whose `target` entry unpacks to `size` bytes of XML padding (compresses ~1000:1).
fn bomb(entries: &Entries, target: &str, size: usize) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    for (name, data) in entries {
        w.start_file(name.as_str(), opts).unwrap();
        if name.contains(target) {
            let xml = String::from_utf8_lossy(data);
            let cut = xml.find("<sheetData>").map(|p| p + 11).unwrap_or(xml.len() / 2);
            w.write_all(xml[..cut].as_bytes()).unwrap();
            let chunk = vec![b' '; 1 << 20];
            for _ in 0..size >> 20 {
                w.write_all(&chunk).unwrap();
            }
            w.write_all(xml[cut..].as_bytes()).unwrap();
        } else {
            w.write_all(data).unwrap();
        }
    }
    w.finish().unwrap().into_inner()
}

/// Rewrites the declared uncompressed size of every entry (local and central headers) to `size`:
/// an archive that lies about how much it unpacks to.
fn lie_about_sizes(mut zip: Vec<u8>, size: u32) -> Vec<u8> {
    let mut i = 0;
    while i + 46 <= zip.len() {
        match &zip[i..i + 4] {
            b"PK\x01\x02" => zip[i + 24..i + 28].copy_from_slice(&size.to_le_bytes()),
            b"PK\x03\x04" => zip[i + 22..i + 26].copy_from_slice(&size.to_le_bytes()),
            _ => {}
        }
        i += 1;
    }
    zip
}

/// An .xls with its CODEPAGE record (0x0042) set to `cp`.
fn with_codepage(xls: &[u8], cp: u16) -> Option<Vec<u8>> {
    let pos = xls.windows(4).position(|w| w == [0x42, 0x00, 0x02, 0x00])?;
    let mut out = xls.to_vec();
    out[pos + 4..pos + 6].copy_from_slice(&cp.to_le_bytes());
    Some(out)
}

fn generated(kind: &str) -> Vec<u8> {
    use rust_xlsxwriter::{Formula, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    if kind == "formula_errors" {
        for (c, h) in ["企业名称", "统一社会信用代码", "营业收入（万元）", "研发费用（万元）", "研发投入占比"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        let errors = ["#REF!", "#DIV/0!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"];
        for r in 1..30u32 {
            ws.write_string(r, 0, format!("错误公式{r}有限公司")).unwrap();
            ws.write_string(r, 1, "91130500MA0A00000X").unwrap();
            for c in 2..5u16 {
                let e = errors[(r as usize + c as usize) % errors.len()];
                ws.write_formula(r, c, Formula::new("=1/0").set_result(e)).unwrap();
            }
        }
    }
    let mut out = Vec::new();
    wb.save_to_writer(Cursor::new(&mut out)).unwrap();
    out
}

struct Case {
    label: String,
    bytes: Vec<u8>,
}

/// All the mutations, in a fixed order, about `target` of them.
fn corpus(target: usize) -> Vec<Case> {
    let names = [
        "county_nanhe_clean.xlsx",
        "county_ningjin_messy.xlsx",
        "county_linxi_merged_headers.xls",
        "task_assignment.xlsx",
        "task_assignment.xls",
    ];
    let mut cases = Vec::new();
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let push = |cases: &mut Vec<Case>, label: String, bytes: Vec<u8>| cases.push(Case { label, bytes });

    // Structural cases, once per sample.
    for name in names {
        let original = sample(name);
        push(&mut cases, format!("{name}: 空文件"), Vec::new());
        push(&mut cases, format!("{name}: 只有文件头"), original[..8].to_vec());
        if name.ends_with(".xls") {
            for cp in [0u16, 437, 936, 950, 1200, 1250, 1251, 1252, 10000, 20127, 65000, 65001, 12345, 0xFFFF] {
                if let Some(b) = with_codepage(&original, cp) {
                    push(&mut cases, format!("{name}: 代码页 {cp}"), b);
                }
            }
            continue;
        }
        let entries = unzip(&original);
        let last = r#"<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>末行</t></is></c></row>"#;
        let far = r#"<row r="1"><c r="XFD1" t="inlineStr"><is><t>末列</t></is></c></row>"#;
        let corner = r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#;
        push(&mut cases, format!("{name}: 1,048,576 行"), with_sheet_xml(&entries, last, false));
        push(&mut cases, format!("{name}: 16,384 列"), with_sheet_xml(&entries, far, true));
        push(&mut cases, format!("{name}: XFD1048576"), with_sheet_xml(&entries, corner, false));
        let mut dim = entries.clone();
        let i = sheet_index(&dim);
        let xml = String::from_utf8_lossy(&dim[i].1).into_owned();
        let start = xml.find("<dimension ref=\"").map(|p| p + 16);
        if let Some(s) = start {
            let end = s + xml[s..].find('"').unwrap();
            dim[i].1 = format!("{}A1:XFD1048576{}", &xml[..s], &xml[end..]).into_bytes();
            push(&mut cases, format!("{name}: 维度 A1:XFD1048576"), rezip(&dim));
        }
        for depth in [1_000usize, 100_000] {
            let nested = format!("{}{}", "<x>".repeat(depth), "</x>".repeat(depth));
            push(&mut cases, format!("{name}: 嵌套 {depth} 层"), with_sheet_xml(&entries, &nested, true));
            let unclosed = "<x>".repeat(depth);
            push(&mut cases, format!("{name}: 未闭合嵌套 {depth} 层"), with_sheet_xml(&entries, &unclosed, true));
        }
        let errors = r#"<row r="40"><c r="A40" t="e"><f>#REF!</f><v>#REF!</v></c><c r="B40" t="e"><v>#DIV/0!</v></c><c r="C40" t="e"><v>#N/A</v></c><c r="D40" t="e"><v>#VALUE!</v></c></row>"#;
        push(&mut cases, format!("{name}: 公式错误值"), with_sheet_xml(&entries, errors, false));
        push(&mut cases, format!("{name}: 空工作表"), {
            let mut e = entries.clone();
            let i = sheet_index(&e);
            let xml = String::from_utf8_lossy(&e[i].1).into_owned();
            let (s, t) = (xml.find("<sheetData").unwrap(), xml.find("</sheetData>").map(|p| p + 12));
            e[i].1 = match t {
                Some(t) => format!("{}<sheetData/>{}", &xml[..s], &xml[t..]).into_bytes(),
                None => xml.into_bytes(),
            };
            rezip(&e)
        });
        push(&mut cases, format!("{name}: 没有工作表"), {
            let e: Entries = entries.iter().filter(|(n, _)| !n.contains("worksheets/")).cloned().collect();
            rezip(&e)
        });
        push(&mut cases, format!("{name}: 空压缩包"), rezip(&Vec::new()));
        push(&mut cases, format!("{name}: 压缩炸弹（工作表 300 MB）"), bomb(&entries, "worksheets/", 300 << 20));
        push(&mut cases, format!("{name}: 压缩炸弹（共享字符串 200 MB）"), bomb(&entries, "sharedStrings", 200 << 20));
        let liar = bomb(&entries, "worksheets/", 64 << 20);
        push(&mut cases, format!("{name}: 虚报解压大小的炸弹"), lie_about_sizes(liar, 4096));
    }
    push(&mut cases, "生成: 空工作簿".into(), generated("empty"));
    push(&mut cases, "生成: 公式错误值".into(), generated("formula_errors"));

    // Zip entry damage, truncation and byte flips, spread over the samples.
    let originals: Vec<(&str, Vec<u8>)> = names.iter().map(|n| (*n, sample(n))).collect();
    let mut k = 0usize;
    while cases.len() < target {
        let (name, original) = &originals[k % originals.len()];
        k += 1;
        let kind = rng.below(10);
        let bytes = if kind < 2 {
            let len = rng.below(original.len());
            push(&mut cases, format!("{name}: 截断到 {len} 字节"), original[..len].to_vec());
            continue;
        } else if kind < 4 && name.ends_with(".xlsx") {
            let mut e = unzip(original);
            let i = rng.below(e.len());
            let what = rng.below(5);
            let data = &mut e[i].1;
            match what {
                0 => data.truncate(rng.below(data.len())),
                1 => {
                    for _ in 0..1 + rng.below(8) {
                        let p = rng.below(data.len());
                        if let Some(b) = data.get_mut(p) {
                            *b = (rng.next() & 0xFF) as u8;
                        }
                    }
                }
                2 => *data = Vec::new(),
                3 => {
                    e.remove(i);
                }
                _ => e[i].0 = format!("{}x", e[i].0),
            }
            push(&mut cases, format!("{name}: 压缩包条目损坏（条目 {i}，方式 {what}）"), rezip(&e));
            continue;
        } else {
            let mut b = original.clone();
            for _ in 0..1 + rng.below(16) {
                let p = rng.below(b.len());
                b[p] ^= 1 << rng.below(8);
            }
            b
        };
        push(&mut cases, format!("{name}: 字节翻转 #{k}"), bytes);
    }
    cases
}

fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn fingerprint(store: &Store) -> Vec<i64> {
    ["enterprises", "enterprise_figures", "imports", "import_changes", "audit_log", "header_mappings", "settings"]
        .iter()
        .map(|t| store.test_conn().query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap())
        .collect()
}

fn peak_rss_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.to_string()))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse::<u64>().ok()))
        .map(|kb| kb / 1024)
        .unwrap_or(0)
}

/// Runs `f`; a panic, a slow answer or an error without Chinese is a failure (described).
fn judge<T>(label: &str, what: &str, f: impl FnOnce() -> Result<T, CoreError>) -> Result<Option<T>, String> {
    let started = Instant::now();
    let outcome = catch_unwind(AssertUnwindSafe(f));
    let took = started.elapsed();
    if took > PER_FILE_LIMIT {
        return Err(format!("{label}（{what}）用时 {took:?}"));
    }
    match outcome {
        Err(_) => Err(format!("{label}（{what}）panic")),
        Ok(Ok(v)) => Ok(Some(v)),
        Ok(Err(e)) if has_chinese(&e.to_string()) && e.code() != "store" => Ok(None),
        Ok(Err(e)) => Err(format!("{label}（{what}）错误未说明：{} {e}", e.code())),
    }
}

#[test]
fn hostile_files_end_in_a_chinese_error_or_a_correct_import() {
    let target = std::env::var("PACESETTER_MUTATIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    // Count panics, also those a reader contains (the spreadsheet library has some), quietly.
    static PANICS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    std::panic::set_hook(Box::new(|_| {
        PANICS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }));
    let started = Instant::now();
    let cases = corpus(target);
    let built = started.elapsed();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mutant.xlsx");
    let mut store = Store::open_in_memory().unwrap();
    let opts = ImportOptions { county: Some("南和区".into()), year: Some(2025), ..Default::default() };
    let (mut failures, mut imported, mut refused, mut slowest) = (Vec::new(), 0usize, 0usize, (Duration::ZERO, String::new()));
    let trace = std::env::var_os("PACESETTER_MUTATION_TRACE").is_some();
    for case in &cases {
        if trace {
            eprintln!("{}", case.label);
        }
        std::fs::write(&file, &case.bytes).unwrap();
        let t = Instant::now();
        let preview = judge(&case.label, "预览", || enterprise::import::preview(&store, &file, &opts));
        let before = fingerprint(&store);
        let commit = judge(&case.label, "导入", || enterprise::import::commit(&mut store, &file, &opts));
        match (&preview, &commit) {
            // What the preview announced is what the import did.
            (Ok(Some(p)), Ok(Some(c))) => {
                imported += 1;
                let (p, c) = (&p.report, c);
                if (p.inserted, p.updated, p.unchanged, p.rejected.len()) != (c.inserted, c.updated, c.unchanged, c.rejected.len()) {
                    failures.push(format!("{}：预览与导入结果不一致", case.label));
                }
            }
            (Ok(None), Ok(None)) => {
                refused += 1;
                if fingerprint(&store) != before {
                    failures.push(format!("{}：导入失败却改动了数据库", case.label));
                }
            }
            (Ok(_), Ok(_)) => failures.push(format!("{}：预览与导入一个成功一个失败", case.label)),
            _ => failures.extend([preview.err(), commit.err()].into_iter().flatten()),
        }
        if let Err(f) = judge(&case.label, "任务分工表", || tasks::import::read_task_sheet(Path::new(&file))) {
            failures.push(f);
        }
        if t.elapsed() > slowest.0 {
            slowest = (t.elapsed(), case.label.clone());
        }
    }
    let peak = peak_rss_mb();
    eprintln!(
        "hostile files: {} mutations (built in {built:?}), county import: {imported} imported, {refused} refused with a Chinese error; slowest {:?} ({}); peak memory {peak} MB; {} library panics contained by the readers; {:?} in all",
        cases.len(),
        slowest.0,
        slowest.1,
        PANICS.load(std::sync::atomic::Ordering::Relaxed),
        started.elapsed()
    );
    assert!(cases.len() >= target, "only {} mutations", cases.len());
    assert!(failures.is_empty(), "{} failures, e.g.:\n{}", failures.len(), failures.iter().take(20).cloned().collect::<Vec<_>>().join("\n"));
    assert!(peak < 1536, "peak memory {peak} MB");
}
