//! `pacesetter import-ledger FILE`: a county's problem ledger sheet into the store's problems
//! (new problems added, changed fields updated); `--dry-run` only reports (with the file's
//! SHA-256), `--sha256` refuses a file changed since that preview.
use crate::output::{print_import_summary, print_json};
use pacesetter_core::sheet::report::FieldChange;
use pacesetter_core::{ledger, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ImportLedgerArgs {
    /// 问题台账（.xls、.xlsx，或 .csv、网页导出的 .xls）
    pub file: PathBuf,
    /// 只检查并报告，不写入数据库
    #[arg(long)]
    pub dry_run: bool,
    /// 问题所属的工作方案编号（默认：当前方案）
    #[arg(long)]
    pub plan: Option<i64>,
    /// 预览（--dry-run --json）时报告的文件 SHA-256：文件在预览后被修改则拒绝导入
    #[arg(long, value_name = "SHA256")]
    pub sha256: Option<String>,
    /// 以 JSON 输出
    #[arg(long)]
    pub json: bool,
}

pub fn run(db: &Path, args: &ImportLedgerArgs) -> Result<ExitCode> {
    let mut store = super::open(db)?;
    let report = if args.dry_run {
        ledger::preview_ledger_import(&store, &args.file)?
    } else {
        let plan = super::plan_id(&store, args.plan)?;
        ledger::import_ledger_checked(&mut store, &args.file, plan, args.sha256.as_deref())?
    };
    if args.json {
        print_json(&report);
    } else {
        let extra = format!("，读到 {} 行", report.rows);
        print_import_summary("问题台账", &report.report, &extra, args.dry_run);
        for c in &report.changes {
            let what = if c.kind == "insert" {
                format!("新增（{}）", c.state)
            } else {
                let old = |f: &FieldChange| f.old.as_ref().map(|v| v.display()).unwrap_or_default();
                c.fields.iter().map(|f| format!("{}：{} → {}", f.label, old(f), f.new.display())).collect::<Vec<_>>().join("；")
            };
            println!("  第{}行 {}：{} — {}", c.row, c.enterprise_name, c.description, what);
        }
    }
    Ok(ExitCode::SUCCESS)
}
