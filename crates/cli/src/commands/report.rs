//! `pacesetter report [--plan ID] (--year N | --whole) --out FILE.docx|FILE.xlsx`: a work plan's
//! 年度报告 or 总结评估 as an official Word document or a workbook.
use pacesetter_core::work_plans::report::{export_report, ReportScope};
use pacesetter_core::Result;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("scope").required(true).args(["year", "whole"])))]
pub struct ReportArgs {
    /// 工作方案编号（默认：当前方案）
    #[arg(long)]
    pub plan: Option<i64>,
    /// 年度报告：某一年
    #[arg(long)]
    pub year: Option<i64>,
    /// 总结评估：整个实施期限
    #[arg(long)]
    pub whole: bool,
    /// 输出文件（.docx 或 .xlsx）
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run(db: &Path, args: &ReportArgs) -> Result<ExitCode> {
    let store = super::open(db)?;
    let scope = match args.year {
        Some(y) => ReportScope::Year(y),
        None => ReportScope::Whole,
    };
    let r = export_report(&store, args.plan, scope, &args.out)?;
    println!("已导出：{}（{}，指标 {} 项，措施 {} 条）", args.out.display(), r.title, r.indicators.len(), r.measures.len());
    Ok(ExitCode::SUCCESS)
}
