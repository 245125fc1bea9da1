//! `pacesetter targets allocate --year N --file FILE.xlsx`: a 任务分解 sheet (counties × indicators)
//! into the plan's county targets for the year; `--dry-run` only reports. A sheet with any bad
//! cell writes nothing: each problem is named by file, sheet, row and column, and the exit is 1.
use crate::output::print_json;
use pacesetter_core::counties::allocation::AllocationSummary;
use pacesetter_core::counties::allocation_sheet::import_allocation;
use pacesetter_core::sheet::text::number_text;
use pacesetter_core::Result;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct TargetsArgs {
    #[command(subcommand)]
    pub what: TargetsCommand,
}

#[derive(clap::Subcommand)]
pub enum TargetsCommand {
    /// 导入任务分解表（各县区目标，可用 export allocation 导出后填写）
    Allocate {
        /// 工作方案编号（默认：当前方案）
        #[arg(long)]
        plan: Option<i64>,
        /// 年度
        #[arg(long)]
        year: i64,
        /// 任务分解表（.xlsx/.xls）
        #[arg(long)]
        file: PathBuf,
        /// 只检查并报告，不写入数据库
        #[arg(long)]
        dry_run: bool,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
}

impl TargetsCommand {
    pub fn json(&self) -> bool {
        matches!(self, TargetsCommand::Allocate { json: true, .. })
    }
}

fn target_text(t: Option<f64>) -> String {
    t.map(number_text).unwrap_or_else(|| "（无）".into())
}

fn print_summary(file: &str, sheet: &str, year: i64, s: &AllocationSummary) {
    let verb = if s.dry_run { "试导入（未写入）" } else { "导入完成" };
    println!(
        "{verb}：{file} 工作表「{sheet}」，{year}年度任务分解；新增 {} 个，修改 {} 个，删除 {} 个，未变 {} 个",
        s.inserted, s.updated, s.removed, s.unchanged
    );
    for c in &s.changes {
        println!("  {} {}：{} → {}", c.county, c.name, target_text(c.old), target_text(c.new));
    }
}

pub fn run(db: &Path, args: &TargetsArgs) -> Result<ExitCode> {
    let mut store = super::open(db)?;
    match &args.what {
        TargetsCommand::Allocate { plan, year, file, dry_run, json } => {
            let report = import_allocation(&mut store, *plan, *year, file, None, *dry_run)?;
            if *json {
                print_json(&report);
            }
            match &report.summary {
                Some(summary) if !*json => print_summary(&report.file_name, &report.sheet, *year, summary),
                Some(_) => {}
                None => {
                    for issue in &report.issues {
                        eprintln!("错误：{} 工作表「{}」{}", report.file_name, report.sheet, issue.message);
                    }
                    eprintln!("共 {} 处问题，未写入任何数据；请改正后重新导入", report.issues.len());
                    return Ok(ExitCode::from(1));
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
