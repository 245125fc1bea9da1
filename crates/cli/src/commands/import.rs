//! `pacesetter import FILE`: a county sheet into the pool (or `--dry-run` to only report).
use crate::output::{print_import_summary, print_json};
use pacesetter_core::enterprise;
use pacesetter_core::enterprise::import::ImportOptions;
use pacesetter_core::Result;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ImportArgs {
    /// 县区报送的名单（.xls、.xlsx、.ods，或 .csv、.txt、网页导出的 .xls）
    pub file: PathBuf,
    /// 指定工作表（默认自动识别）
    #[arg(long)]
    pub sheet: Option<String>,
    /// 文件中没有县区列时使用的县（市、区）
    #[arg(long)]
    pub county: Option<String>,
    /// 经济指标所属年度（表头未写年份时使用，默认上一年）
    #[arg(long)]
    pub year: Option<i64>,
    /// 只检查并报告，不写入数据库
    #[arg(long)]
    pub dry_run: bool,
    /// 以 JSON 输出
    #[arg(long)]
    pub json: bool,
}

pub fn run(db: &Path, args: &ImportArgs) -> Result<ExitCode> {
    let mut store = super::open(db)?;
    let opts = ImportOptions { sheet: args.sheet.clone(), county: args.county.clone(), year: args.year, ..Default::default() };
    let report = if args.dry_run {
        enterprise::import::preview(&store, &args.file, &opts)?.report
    } else {
        enterprise::import::commit(&mut store, &args.file, &opts)?
    };
    if args.json {
        print_json(&report);
    } else {
        print_import_summary("", &report, "", args.dry_run);
    }
    Ok(ExitCode::SUCCESS)
}
