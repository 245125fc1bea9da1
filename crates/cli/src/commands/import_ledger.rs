//! `pacesetter import-ledger FILE`: a county's problem ledger sheet into the store's problems
//! (new problems added, changed fields updated); `--dry-run` only reports.
use crate::output::print_json;
use pacesetter_core::{ledger, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ImportLedgerArgs {
    /// 问题台账（.xls 或 .xlsx）
    pub file: PathBuf,
    /// 只检查并报告，不写入数据库
    #[arg(long)]
    pub dry_run: bool,
    /// 以 JSON 输出
    #[arg(long)]
    pub json: bool,
}

pub fn run(db: &Path, args: &ImportLedgerArgs) -> Result<ExitCode> {
    let mut store = super::open(db)?;
    let report = if args.dry_run {
        ledger::preview_ledger_import(&store, &args.file)?
    } else {
        ledger::import_ledger(&mut store, &args.file)?
    };
    if args.json {
        print_json(&report);
    } else {
        println!(
            "问题台账「{}」（表头第{}行）：读到 {} 行；新增 {}，更新 {}，未变 {}，拒绝 {} 行{}",
            report.sheet,
            report.header_row,
            report.rows,
            report.inserted,
            report.updated,
            report.unchanged,
            report.rejected.len(),
            if report.committed { "" } else { "（预览，未写入）" }
        );
        for c in &report.changes {
            let what = if c.kind == "insert" {
                format!("新增（{}）", c.state)
            } else {
                c.fields.iter().map(|f| format!("{}：{} → {}", f.field, f.old, f.new)).collect::<Vec<_>>().join("；")
            };
            println!("  第{}行 {}：{} — {}", c.row, c.enterprise_name, c.description, what);
        }
        for p in &report.rejected {
            println!("  第{}行 {}列：{}", p.row, p.column.as_deref().unwrap_or("-"), p.message);
        }
    }
    Ok(ExitCode::SUCCESS)
}
