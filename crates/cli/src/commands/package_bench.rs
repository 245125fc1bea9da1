//! `pacesetter package bench`: N county stores of M enterprises each (three years of figures, a
//! 一企一策, two ledger problems), each exported as an up package, then all imported into one city
//! store by a child process: time and peak memory of the imports, and of importing them again.
use crate::output::print_json;
use pacesetter_core::enterprise::{self, import::ImportOptions};
use pacesetter_core::enterprise_plans as plans;
use pacesetter_core::{exchange, ledger, CoreError, Result, Store};
use pacesetter_testkit::{valid_uscc, write_sheet};
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Debug, Serialize)]
struct PackageBench {
    counties: usize,
    enterprises_per_county: usize,
    records_per_package: i64,
    package_bytes: u64,
    generate_s: f64,
    import_s: f64,
    import_again_s: f64,
    import_peak_memory_mb: Option<f64>,
    city_store_bytes: u64,
}

/// One county's store with `n` enterprises, exported as `pkg-NN.pacesetter` in `dir`.
fn county_package(dir: &Path, index: usize, county: &str, n: usize) -> Result<i64> {
    let db = dir.join(format!("county-{index:02}.db"));
    let mut store = Store::open(&db)?;
    exchange::set_unit(&store, county)?;
    let header = ["企业名称", "统一社会信用代码", "县（市、区）", "2022年营业收入（万元）", "2023年营业收入（万元）", "2024年营业收入（万元）", "2024年研发费用（万元）", "联系电话", "上市进展", "拟上市板块"];
    let mut rows = vec![header.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
    let mut ledger_rows = vec![["序号", "企业名称", "统一社会信用代码", "问题来源", "问题类别", "问题描述", "收集日期"].iter().map(|h| h.to_string()).collect::<Vec<_>>()];
    for j in 0..n {
        let uscc = valid_uscc((index * 100_000 + j) as u64);
        let name = format!("{county}测试企业{j:04}有限公司");
        let rev = 5000 + (j * 37 % 9000);
        rows.push(vec![name.clone(), uscc.clone(), county.into(), rev.to_string(), (rev + 300).to_string(), (rev + 700).to_string(), (rev / 20).to_string(), format!("0319-{:07}", j), if j % 5 == 0 { "辅导备案" } else { "未启动" }.into(), "北交所".into()]);
        for (k, need) in ["流动资金贷款需求", "用地指标需求"].iter().enumerate() {
            ledger_rows.push(vec![(2 * j + k + 1).to_string(), name.clone(), uscc.clone(), "入企服务".into(), if k == 0 { "融资" } else { "用地" }.into(), format!("{need}{j}"), "2026-03-01".into()]);
        }
    }
    let sheet = dir.join(format!("county-{index:02}.xlsx"));
    write_sheet(&sheet, &rows);
    let r = enterprise::import::commit(&mut store, &sheet, &ImportOptions { county: Some(county.into()), ..ImportOptions::default() })?;
    if r.inserted as usize != n {
        return Err(CoreError::Store(format!("基准名单只导入了 {} 家（应为 {n}）", r.inserted)));
    }
    let ledger_file = dir.join(format!("ledger-{index:02}.xlsx"));
    write_sheet(&ledger_file, &ledger_rows);
    ledger::import::import_ledger(&mut store, &ledger_file, 1)?;
    for j in 0..n {
        let id = plans::enterprise_id_by_uscc(&store, &valid_uscc((index * 100_000 + j) as u64))?;
        let body = plans::PlanBody { situation_note: format!("拟于2027年申报北交所（{j}）"), ..plans::PlanBody::default() };
        plans::save_plan(&mut store, id, 2026, &body)?;
    }
    let out = exchange::export_package(&store, None, &dir.join(format!("pkg-{index:02}.pacesetter")))?;
    drop(store);
    for f in [db.clone(), sheet, ledger_file] {
        let _ = std::fs::remove_file(f);
    }
    Ok(out.counts.iter().map(|c| c.new).sum())
}

/// Runs the import child; returns its JSON and its peak resident memory (MB) where known.
fn child(dir: &Path, db: &Path) -> Result<(serde_json::Value, Option<f64>)> {
    let exe = std::env::current_exe()?;
    let out = std::process::Command::new(exe).args(["package", "bench", "--child-import"]).arg(dir).arg("--child-db").arg(db).output()?;
    if !out.status.success() {
        return Err(CoreError::Store(format!("导入子进程失败：{}", String::from_utf8_lossy(&out.stderr).trim())));
    }
    let value: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    Ok((value, peak_of_children()))
}

#[cfg(unix)]
fn peak_of_children() -> Option<f64> {
    // SAFETY: getrusage writes into the zeroed struct we own.
    let usage = unsafe {
        let mut u: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut u);
        u
    };
    // Linux reports ru_maxrss in kilobytes.
    Some(usage.ru_maxrss as f64 / 1024.0)
}

#[cfg(not(unix))]
fn peak_of_children() -> Option<f64> {
    None
}

pub fn run(counties: usize, enterprises: usize, keep: Option<&Path>, json: bool) -> Result<ExitCode> {
    let tmp = tempfile::tempdir()?;
    let dir = keep.unwrap_or(tmp.path()).to_path_buf();
    std::fs::create_dir_all(&dir)?;
    let names: Vec<String> = {
        let probe = Store::open_in_memory()?;
        exchange::units(&probe)?.into_iter().filter(|u| u != exchange::CITY).take(counties).collect()
    };
    let t = Instant::now();
    let mut records = 0;
    for (i, county) in names.iter().enumerate() {
        records = county_package(&dir, i, county, enterprises)?;
        if !json {
            eprintln!("已生成 {county} 的数据包（{records} 条记录）");
        }
    }
    let generate_s = t.elapsed().as_secs_f64();
    let package_bytes = std::fs::metadata(dir.join("pkg-00.pacesetter"))?.len();
    let city = dir.join("city.db");
    let (first, peak) = child(&dir, &city)?;
    let (again, _) = child(&dir, &city)?;
    let report = PackageBench {
        counties: names.len(),
        enterprises_per_county: enterprises,
        records_per_package: records,
        package_bytes,
        generate_s,
        import_s: first["seconds"].as_f64().unwrap_or(0.0),
        import_again_s: again["seconds"].as_f64().unwrap_or(0.0),
        import_peak_memory_mb: peak,
        city_store_bytes: std::fs::metadata(&city)?.len(),
    };
    if json {
        print_json(&report);
    } else {
        println!("{} 个县区 × {} 家企业（每个数据包 {} 条记录，{:.1} MB）", report.counties, enterprises, records, package_bytes as f64 / 1e6);
        println!("  全部导入市级数据库：{:.1} 秒；再导入一遍（全部未变）：{:.1} 秒", report.import_s, report.import_again_s);
        if let Some(mb) = peak {
            println!("  导入进程内存峰值：{mb:.0} MB");
        }
        println!("  市级数据库大小：{:.1} MB；生成数据用时 {:.0} 秒", report.city_store_bytes as f64 / 1e6, generate_s);
    }
    Ok(ExitCode::SUCCESS)
}
