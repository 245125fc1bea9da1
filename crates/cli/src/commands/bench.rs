//! `pacesetter bench`: generates a deterministic county sheet of N enterprises (.xlsx, and the same
//! content as .xls through LibreOffice when `soffice` is installed) and measures, as ratios within
//! one run, import and re-import vs a raw calamine read, formatted vs plain export, list queries and
//! the peak memory of an import, each against its goal; optionally a pandas script on the same file.
use crate::bench_sheet::write_county_sheet;
use crate::output::print_json;
use calamine::{open_workbook_auto_from_rs, Data, Reader};
use pacesetter_core::enterprise;
use pacesetter_core::enterprise::import::ImportOptions;
use pacesetter_core::enterprise::{list_enterprises, EnterpriseQuery};
use pacesetter_core::enterprise::detail::{full_list, EnterpriseData};
use pacesetter_core::enterprise::table::{enterprise_table, yearly_table, ExportCell};
use pacesetter_core::{CoreError, Result, Store};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct BenchArgs {
    /// 生成的企业行数
    #[arg(long, default_value_t = 20_000)]
    pub rows: usize,
    /// 每项重复次数（取中位数）
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    /// 用同一文件运行 Python 对比脚本（scripts/bench_pandas.py）
    #[arg(long)]
    pub pandas: Option<PathBuf>,
    /// 保留生成的文件到该目录
    #[arg(long)]
    pub keep: Option<PathBuf>,
    /// 以 JSON 输出
    #[arg(long)]
    pub json: bool,
    /// 不生成、不测量 .xls（否则有 LibreOffice 的 soffice 时用它把生成的 .xlsx 转成 .xls）
    #[arg(long)]
    pub no_xls: bool,
    /// (internal) import FILE into --child-db and exit: the peak-memory probe
    #[arg(long, hide = true)]
    pub child_import: Option<PathBuf>,
    #[arg(long, hide = true)]
    pub child_db: Option<PathBuf>,
}

/// One measured quantity: a ratio to its baseline, a time or a size, with its target.
#[derive(Debug, Serialize)]
pub struct Measure {
    pub key: &'static str,
    pub label: &'static str,
    pub value: f64,
    pub unit: &'static str,
    /// Upper bound; `None` when it is only reported.
    pub target: Option<f64>,
    pub ok: Option<bool>,
}

#[derive(Debug, Serialize)]
pub struct BenchReport {
    pub rows: usize,
    pub file_bytes: u64,
    pub repeat: usize,
    /// Medians in milliseconds, by key.
    pub times_ms: std::collections::BTreeMap<&'static str, f64>,
    pub measures: Vec<Measure>,
    pub notes: Vec<String>,
}

fn median_ms(repeat: usize, mut f: impl FnMut() -> Result<()>) -> Result<f64> {
    let mut times = Vec::with_capacity(repeat);
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        f()?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok(times[times.len() / 2])
}

/// The baseline of an import: calamine opening the file and visiting every cell of every sheet.
fn raw_read(path: &Path) -> Result<usize> {
    let bytes = std::fs::read(path)?;
    let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| CoreError::UnreadableFile(e.to_string()))?;
    let mut seen = 0usize;
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| CoreError::UnreadableFile(e.to_string()))?;
        for row in range.rows() {
            for cell in row {
                seen += match cell {
                    Data::Empty => 0,
                    Data::String(s) => s.len(),
                    _ => 1,
                };
            }
        }
    }
    Ok(seen)
}

/// The baseline of an export: the same cells (both sheets) written by rust_xlsxwriter with no
/// formatting.
fn plain_export(path: &Path, data: &[EnterpriseData]) -> Result<()> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for table in [enterprise_table(data), yearly_table(data)] {
        let ws = book.add_worksheet();
        for (c, h) in table.headers.iter().enumerate() {
            ws.write_string(0, c as u16, h)?;
        }
        for (i, line) in table.lines.iter().enumerate() {
            for (c, cell) in line.iter().enumerate() {
                match cell {
                    ExportCell::Blank => {}
                    ExportCell::Text(t) => {
                        ws.write_string(i as u32 + 1, c as u16, t)?;
                    }
                    ExportCell::Number(n) => {
                        ws.write_number(i as u32 + 1, c as u16, *n)?;
                    }
                }
            }
        }
    }
    book.save(path)?;
    Ok(())
}

fn import(store: &mut Store, path: &Path) -> Result<enterprise::import::ImportReport> {
    enterprise::import::commit(store, path, &ImportOptions::default())
}

/// Peak resident memory (MB) of a child process that imports the file into a fresh store, as the
/// child itself reports it (`VmHWM`: the high-water mark of its own address space; the
/// `getrusage` figure of a child also counts the parent's pages it had before `exec`).
#[cfg(unix)]
fn child_peak_mb(file: &Path, db: &Path) -> Result<Option<f64>> {
    let exe = std::env::current_exe()?;
    let out = std::process::Command::new(exe)
        .args(["bench", "--child-import"])
        .arg(file)
        .arg("--child-db")
        .arg(db)
        .output()?;
    if !out.status.success() {
        return Err(CoreError::Store(format!("内存测量子进程失败（{}）：{}", out.status, String::from_utf8_lossy(&out.stderr).trim())));
    }
    if let Some(kb) = String::from_utf8_lossy(&out.stdout).trim().strip_prefix("VmHWM_kB=").and_then(|k| k.parse::<f64>().ok()) {
        return Ok(Some(kb / 1024.0));
    }
    // SAFETY: getrusage writes into the zeroed struct we own.
    let usage = unsafe {
        let mut u: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut u);
        u
    };
    // Linux reports ru_maxrss in kilobytes.
    Ok(Some(usage.ru_maxrss as f64 / 1024.0))
}

#[cfg(not(unix))]
fn child_peak_mb(_file: &Path, _db: &Path) -> Result<Option<f64>> {
    Ok(None)
}

/// The peak resident memory of this process in kB (Linux `/proc/self/status`).
fn own_peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The bench's sheet as .xls (BIFF8), converted by LibreOffice headless into `dir`; `Err` says
/// why there is none (no soffice, or the conversion failed).
fn convert_to_xls(xlsx: &Path, dir: &Path) -> std::result::Result<PathBuf, String> {
    let profile = dir.join("lo-profile");
    let out = std::process::Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--norestore", "--convert-to", "xls:MS Excel 97", "--outdir"])
        .arg(dir)
        .arg(xlsx)
        .output()
        .map_err(|e| format!("未找到 LibreOffice（soffice：{e}），跳过 .xls 测量；安装 libreoffice-calc 后可测"))?;
    let xls = xlsx.with_extension("xls");
    if out.status.success() && xls.exists() {
        Ok(xls)
    } else {
        Err(format!("LibreOffice 未能把测试文件转成 .xls（{}），跳过 .xls 测量", String::from_utf8_lossy(&out.stderr).trim()))
    }
}

/// Median times of a raw read, a first import (a fresh store each time) and a re-import of
/// the unchanged file; the store of the last first import is returned for the queries.
fn measure_import(file: &Path, dir: &Path, tag: &str, n: usize, repeat: usize) -> Result<(f64, f64, f64, Store)> {
    let read = median_ms(repeat, || raw_read(file).map(|_| ()))?;
    let mut import_times = Vec::new();
    let mut imported = None;
    for k in 0..repeat.max(1) {
        let mut store = Store::open(&dir.join(format!("bench-{tag}-{k}.db")))?;
        let t = Instant::now();
        let rep = import(&mut store, file)?;
        import_times.push(t.elapsed().as_secs_f64() * 1000.0);
        if rep.inserted as usize != n {
            return Err(CoreError::Store(format!("{tag}：导入了 {} 家，应为 {n} 家（拒绝 {}）", rep.inserted, rep.rejected.len())));
        }
        imported = Some(store);
    }
    import_times.sort_by(f64::total_cmp);
    let import_ms = import_times[import_times.len() / 2];
    let mut store = imported.expect("imported at least once");
    let reimport = median_ms(repeat, || {
        let rep = import(&mut store, file)?;
        if rep.unchanged as usize != n {
            return Err(CoreError::Store(format!("{tag} 再次导入：{} 家未变，应为 {n} 家", rep.unchanged)));
        }
        Ok(())
    })?;
    Ok((read, import_ms, reimport, store))
}

/// What the pandas script reports about the same file.
#[derive(Debug, serde::Deserialize)]
struct PandasTimes {
    import_s: f64,
    export_s: f64,
    rows: usize,
}

fn run_pandas(script: &Path, file: &Path, dir: &Path) -> Result<PandasTimes> {
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(file)
        .arg("--db")
        .arg(dir.join("pandas.db"))
        .arg("--out")
        .arg(dir.join("pandas-export.xlsx"))
        .output()
        .map_err(|e| CoreError::Store(format!("无法运行 python3：{e}")))?;
    if !out.status.success() {
        return Err(CoreError::Store(format!("pandas 对比脚本失败：{}", String::from_utf8_lossy(&out.stderr).trim())));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| CoreError::Store(format!("pandas 对比脚本输出无法解析：{e}")))
}

fn ratio(key: &'static str, label: &'static str, value: f64, target: Option<f64>, unit: &'static str) -> Measure {
    Measure { key, label, value, unit, target, ok: target.map(|t| value <= t) }
}

pub fn run(args: &BenchArgs) -> Result<ExitCode> {
    if let (Some(file), Some(db)) = (&args.child_import, &args.child_db) {
        let mut store = Store::open(db)?;
        import(&mut store, file)?;
        drop(store);
        if let Some(kb) = own_peak_kb() {
            println!("VmHWM_kB={kb}");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let tmp = tempfile::tempdir()?;
    let dir = args.keep.clone().unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&dir)?;
    let file = dir.join(format!("county-{}.xlsx", args.rows));
    write_county_sheet(&file, args.rows)?;
    let n = args.rows;
    let mut times = std::collections::BTreeMap::new();
    let mut notes = Vec::new();
    let xls = if args.no_xls {
        notes.push("未测 .xls（--no-xls）".to_string());
        None
    } else {
        convert_to_xls(&file, &dir).map_err(|why| notes.push(why)).ok()
    };

    let (read, import_ms, reimport, store) = measure_import(&file, &dir, "xlsx", n, args.repeat)?;
    times.insert("raw_read", read);
    times.insert("import", import_ms);
    times.insert("reimport", reimport);
    let mut measures = vec![
        ratio("import_vs_read", "完整导入 .xlsx ÷ calamine 读遍全部单元格", import_ms / read, Some(1.5), "×"),
        ratio("reimport_vs_read", "再次导入 .xlsx（全部未变）÷ calamine 读取", reimport / read, Some(1.2), "×"),
    ];
    if let Some(xls) = &xls {
        let (read, import_ms, reimport, _) = measure_import(xls, &dir, "xls", n, args.repeat)?;
        times.insert("raw_read_xls", read);
        times.insert("import_xls", import_ms);
        times.insert("reimport_xls", reimport);
        measures.push(ratio("import_vs_read_xls", "完整导入 .xls ÷ calamine 读遍全部单元格", import_ms / read, Some(1.5), "×"));
        measures.push(ratio("reimport_vs_read_xls", "再次导入 .xls（全部未变）÷ calamine 读取", reimport / read, Some(1.2), "×"));
    }

    let out = dir.join("export.xlsx");
    let export = median_ms(args.repeat, || enterprise::export::export_enterprises(&store, &out, &EnterpriseQuery::default()).map(|_| ()))?;
    let data = full_list(&store, &EnterpriseQuery::default())?;
    let plain = median_ms(args.repeat, || plain_export(&dir.join("plain.xlsx"), &data))?;
    times.insert("export", export);
    times.insert("export_plain", plain);

    let page = |search: Option<&str>, county: Option<&str>| EnterpriseQuery {
        search: search.map(Into::into),
        county: county.map(Into::into),
        paging: pacesetter_core::store::filter::Paging::new(0, 50),
        ..Default::default()
    };
    let queries: [(&'static str, &'static str, EnterpriseQuery); 4] = [
        ("list_all", "列表第一页（全部企业）", page(None, None)),
        ("search_name", "按名称搜索（“轴承”）", page(Some("轴承"), None)),
        ("search_uscc", "按信用代码前缀搜索", page(Some(&uscc_prefix(n)), None)),
        ("filter_county", "按县筛选（清河县）", page(None, Some("清河县"))),
    ];
    measures.push(ratio("export_vs_plain", "正式版式导出 ÷ rust_xlsxwriter 无格式写同样单元格", export / plain, Some(1.3), "×"));
    for (key, label, q) in queries {
        let ms = median_ms(args.repeat.max(5), || list_enterprises(&store, &q).map(|_| ()))?;
        times.insert(key, ms);
        measures.push(ratio(key, label, ms, Some(50.0), "ms"));
    }
    if let Some(mb) = child_peak_mb(&file, &dir.join("memory-probe.db"))? {
        measures.push(ratio("import_peak_memory", "导入 .xlsx 时进程内存峰值", mb, Some(100.0), "MB"));
    }
    if let Some(xls) = &xls {
        if let Some(mb) = child_peak_mb(xls, &dir.join("memory-probe-xls.db"))? {
            measures.push(ratio("import_peak_memory_xls", "导入 .xls 时进程内存峰值", mb, Some(100.0), "MB"));
        }
    }
    if let Some(script) = &args.pandas {
        let p = run_pandas(script, &file, &dir)?;
        if p.rows != n {
            notes.push(format!("pandas 脚本导入了 {} 行（本程序 {n} 行）", p.rows));
        }
        times.insert("pandas_import", p.import_s * 1000.0);
        times.insert("pandas_export", p.export_s * 1000.0);
        measures.push(ratio("pandas_import_vs_import", "pandas 脚本导入 ÷ 本程序导入", p.import_s * 1000.0 / import_ms, None, "×"));
        measures.push(ratio("pandas_export_vs_export", "pandas 脚本导出 ÷ 本程序导出", p.export_s * 1000.0 / export, None, "×"));
    }
    let report = BenchReport { rows: n, file_bytes: std::fs::metadata(&file)?.len(), repeat: args.repeat, times_ms: times, measures, notes };
    if args.json {
        print_json(&report);
    } else {
        print_text(&report);
    }
    Ok(ExitCode::SUCCESS)
}

/// A prefix of the generated codes that about ten enterprises share.
fn uscc_prefix(n: usize) -> String {
    let code = pacesetter_testkit::uscc_for(n / 2);
    code[..16].to_string()
}

fn print_text(r: &BenchReport) {
    println!("基准测试：{} 家企业，文件 {:.1} MB，每项取 {} 次中位数", r.rows, r.file_bytes as f64 / 1e6, r.repeat);
    println!();
    println!("耗时（毫秒）");
    for (k, v) in &r.times_ms {
        println!("  {k:<22}{v:>10.1}");
    }
    println!();
    println!("{:<44}{:>12}{:>10}  结果", "指标", "实测", "目标");
    for m in &r.measures {
        let value = format!("{:.2} {}", m.value, m.unit);
        let target = m.target.map(|t| format!("≤ {t} {}", m.unit)).unwrap_or_default();
        let ok = match m.ok {
            Some(true) => "达标",
            Some(false) => "未达标",
            None => "",
        };
        println!("{:<44}{value:>12}{target:>10}  {ok}", m.label);
    }
    for note in &r.notes {
        println!("注：{note}");
    }
}
