//! `pacesetter import-tasks FILE [--plan ID]`: the official 任务分工表 into a work plan's measures;
//! `--dry-run` reports the file's SHA-256 too, `--sha256` refuses a file changed since that preview.
use crate::output::{print_import_summary, print_json};
use pacesetter_core::tasks;
use pacesetter_core::Result;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ImportTasksArgs {
    /// 任务分工表（.xls、.xlsx、Word .docx，或 .csv、网页导出的 .xls）
    pub file: PathBuf,
    /// 工作方案编号（默认：当前方案）
    #[arg(long)]
    pub plan: Option<i64>,
    /// 只检查并报告，不写入数据库
    #[arg(long)]
    pub dry_run: bool,
    /// 预览（--dry-run --json）时报告的文件 SHA-256：文件在预览后被修改则拒绝导入
    #[arg(long, value_name = "SHA256")]
    pub sha256: Option<String>,
    /// 以 JSON 输出
    #[arg(long)]
    pub json: bool,
}

pub fn run(db: &Path, args: &ImportTasksArgs) -> Result<ExitCode> {
    let mut store = super::open(db)?;
    let plan = super::plan_id(&store, args.plan)?;
    let hashed = if args.dry_run {
        tasks::import::preview_with_hash(&store, &args.file, plan)?
    } else {
        tasks::import::import(&mut store, &args.file, plan, args.sha256.as_deref())?
    };
    let report = &hashed.report;
    if args.json {
        print_json(&hashed);
    } else {
        let extra = format!("，读到 {} 条措施", report.tasks.len());
        print_import_summary("任务分工表", &report.report, &extra, args.dry_run);
        for c in report.changes.iter().filter(|c| !c.fields.is_empty()) {
            println!("  第{}行 {}.{} {}（{}）：{}", c.row, c.action_no, c.measure_no, c.title, c.kind,
                c.fields.iter().map(|f| f.label.as_str()).collect::<Vec<_>>().join("、"));
        }
    }
    Ok(ExitCode::SUCCESS)
}
