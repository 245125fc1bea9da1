//! `pacesetter package …`: data packages between the city and the counties (数据交换): export,
//! import with preview and conflict choices, undo, the list of packages, this installation's unit,
//! and a benchmark of 20 county packages into one city store.
use crate::output::print_json;
use pacesetter_core::exchange::{self, ExchangeReport, ImportChoices};
use pacesetter_core::{CoreError, Result, Store};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct PackageArgs {
    #[command(subcommand)]
    pub what: PackageCommand,
}

#[derive(clap::Subcommand)]
pub enum PackageCommand {
    /// 导出数据包：县区导出上报数据包；市工信局用 --county 导出给该县（市、区）的下发数据包
    Export {
        /// 县（市、区）：市工信局下发的对象；未设置本机单位时为上报数据的县（市、区）
        #[arg(long)]
        county: Option<String>,
        /// 数据包文件（.pacesetter）
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// 导入数据包（先 --dry-run 预览；冲突用 --take 编号、--take-all 或 --keep-all 决定）
    Import {
        file: PathBuf,
        /// 只预览，不写入
        #[arg(long)]
        dry_run: bool,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
        /// 这些冲突采用数据包的值（冲突编号，见预览）
        #[arg(long, num_args = 1..)]
        take: Vec<String>,
        /// 全部冲突采用数据包的值
        #[arg(long, conflicts_with = "keep_all")]
        take_all: bool,
        /// 其余冲突保留本机的值
        #[arg(long)]
        keep_all: bool,
    },
    /// 撤销一次数据包导入（只恢复仍是数据包值的字段，导入后的工作保留；先 --dry-run 预览）
    Undo {
        id: i64,
        /// 只预览撤销将做什么，不写入
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// 列出导出和导入过的数据包
    List {
        #[arg(long)]
        json: bool,
    },
    /// 查看或设置本机单位（市工信局或县（市、区））
    Unit {
        name: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 性能测试：生成若干县区的上报数据包，导入同一个市级数据库，测时间与内存峰值
    Bench {
        #[arg(long, default_value_t = 20)]
        counties: usize,
        #[arg(long, default_value_t = 500)]
        enterprises: usize,
        /// 保留生成的数据包到该目录
        #[arg(long)]
        keep: Option<PathBuf>,
        #[arg(long)]
        json: bool,
        /// (internal) import the packages of this folder into --child-db, print the seconds
        #[arg(long, hide = true)]
        child_import: Option<PathBuf>,
        #[arg(long, hide = true)]
        child_db: Option<PathBuf>,
    },
}

impl PackageCommand {
    pub fn json(&self) -> bool {
        match self {
            PackageCommand::Export { json, .. }
            | PackageCommand::Import { json, .. }
            | PackageCommand::Undo { json, .. }
            | PackageCommand::List { json }
            | PackageCommand::Unit { json, .. }
            | PackageCommand::Bench { json, .. } => *json,
        }
    }
}

pub fn run(db: &Path, args: &PackageArgs) -> Result<ExitCode> {
    match &args.what {
        PackageCommand::Export { county, out, json } => {
            let store = super::open(db)?;
            let r = exchange::export_package(&store, county.as_deref(), out)?;
            if *json {
                print_json(&r);
            } else {
                let n: i64 = r.counts.iter().map(|c| c.new).sum();
                println!("已导出{}：{}（{} 条记录）", exchange::describe(&r.manifest.kind, &r.manifest.sender, &r.manifest.receiver), r.path, n);
                for c in &r.counts {
                    println!("  {}\t{}", c.label, c.new);
                }
            }
        }
        PackageCommand::Import { file, dry_run, json, take, take_all, keep_all } => {
            let mut store = super::open(db)?;
            let choices = ImportChoices { take: take.clone(), keep: Vec::new(), take_all: *take_all, keep_all: *keep_all, previewed_sha256: None };
            let r = if *dry_run { exchange::preview_package(&mut store, file, &choices)? } else { exchange::import_package(&mut store, file, &choices)? };
            if *json {
                print_json(&r);
            } else {
                print_report(&r);
            }
        }
        PackageCommand::Undo { id, dry_run, json } => {
            let mut store = super::open(db)?;
            let r = if *dry_run { exchange::undo_package_preview(&mut store, *id)? } else { exchange::undo_package(&mut store, *id)? };
            if *json {
                print_json(&r);
            } else {
                let (done, will) = if r.dry_run { ("预览撤销", "将") } else { ("已撤销", "") };
                println!("{done}数据包导入 #{}：{will}删除 {} 条，{will}恢复 {} 条，保留 {} 条", r.package_id, r.removed, r.reverted, r.kept);
                for l in r.lines.iter().filter(|l| l.action == "kept") {
                    println!("  保留 {} {}：{}", l.label, l.key, l.reason.as_deref().unwrap_or(""));
                }
            }
        }
        PackageCommand::List { json } => {
            let store = super::open(db)?;
            let list = exchange::list_packages(&store)?;
            if *json {
                print_json(&list);
            } else if list.is_empty() {
                println!("还没有导出或导入过数据包");
            } else {
                for p in &list {
                    let verb = if p.direction == "sent" { "导出" } else { "导入" };
                    let undone = if p.undone_at.is_some() { "\t（已撤销）" } else { "" };
                    println!("#{}\t{verb}\t{}\t{}\t生成于 {}{undone}", p.id, exchange::describe(&p.kind, &p.sender, &p.receiver), p.file_name, p.created_at.replace('T', " "));
                }
            }
        }
        PackageCommand::Unit { name, json } => {
            let store = super::open(db)?;
            let unit = match name {
                Some(n) => Some(exchange::set_unit(&store, n)?),
                None => exchange::unit(&store)?,
            };
            if *json {
                print_json(&serde_json::json!({ "unit": unit }));
            } else {
                match unit {
                    Some(u) => println!("本机单位：{u}"),
                    None => println!("尚未设置本机单位（pacesetter package unit 市工信局 或 县（市、区）名称）"),
                }
            }
        }
        PackageCommand::Bench { counties, enterprises, keep, json, child_import, child_db } => {
            if let (Some(dir), Some(db)) = (child_import, child_db) {
                return bench_child(dir, db);
            }
            return super::package_bench::run(*counties, *enterprises, keep.as_deref(), *json);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_report(r: &ExchangeReport) {
    let verb = if r.dry_run { "预览（未写入）" } else { "导入完成" };
    let number = r.package_id.map(|id| format!("，记录 #{id}（撤销：pacesetter package undo {id}）")).unwrap_or_default();
    println!("{verb}：{}，生成于 {}{number}", r.title, r.manifest.created_at.replace('T', " "));
    if let Some(at) = &r.already_imported_at {
        println!("  这个数据包已于 {} 导入过", at.replace('T', " "));
    }
    println!("  类型\t新增\t更新\t未变\t冲突");
    for c in &r.counts {
        let skipped = if c.skipped > 0 { format!("\t未导入 {}", c.skipped) } else { String::new() };
        println!("  {}\t{}\t{}\t{}\t{}{skipped}", c.label, c.new, c.changed, c.unchanged, c.conflicts);
    }
    println!("  合计\t{}\t{}\t{}\t{}", r.total.new, r.total.changed, r.total.unchanged, r.total.conflicts);
    for ch in r.changes.iter().filter(|c| c.status == "changed") {
        let fields: Vec<String> = ch.fields.iter().map(|f| format!("{}：{} → {}", f.label, f.old.as_deref().unwrap_or("空"), f.new.as_deref().unwrap_or("空"))).collect();
        println!("  更新 {}：{}", ch.title, fields.join("；"));
    }
    for c in &r.conflicts {
        let choice = match c.choice.as_deref() {
            Some("take") => "采用数据包",
            Some("keep") => "保留本机",
            _ => "未决定",
        };
        println!(
            "  冲突 {} {} {}：本机 {}，数据包 {}，上次收到 {}（{choice}）",
            c.id,
            c.title,
            c.field_label,
            c.local.as_deref().unwrap_or("空"),
            c.incoming.as_deref().unwrap_or("空"),
            c.base.as_deref().unwrap_or("无")
        );
    }
    for w in &r.warnings {
        println!("  提醒：{w}");
    }
}

/// The memory probe: imports every package of `dir` (name order) into the store `db`, prints
/// the seconds taken as JSON.
fn bench_child(dir: &Path, db: &Path) -> Result<ExitCode> {
    let mut store = Store::open(db)?;
    exchange::set_unit(&store, exchange::CITY)?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "pacesetter")).collect();
    files.sort();
    let t = std::time::Instant::now();
    let mut records = 0i64;
    for f in &files {
        let r = exchange::import_package(&mut store, f, &ImportChoices::default())?;
        if r.total.conflicts > 0 {
            return Err(CoreError::Store(format!("基准数据包 {} 出现冲突", f.display())));
        }
        records += r.total.new;
    }
    print_json(&serde_json::json!({ "seconds": t.elapsed().as_secs_f64(), "packages": files.len(), "records": records }));
    Ok(ExitCode::SUCCESS)
}
