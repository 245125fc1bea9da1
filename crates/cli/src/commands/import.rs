//! `pacesetter import FILE`: a county sheet into the pool (or `--dry-run` to only report, with the
//! file's SHA-256; `--sha256` refuses a file changed since that preview).
use crate::output::{print_import_summary, print_json};
use pacesetter_core::fingerprint::{self, Hashed};
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
    /// 预览（--dry-run --json）时报告的文件 SHA-256：文件在预览后被修改则拒绝导入
    #[arg(long, value_name = "SHA256")]
    pub sha256: Option<String>,
    /// 以 JSON 输出
    #[arg(long)]
    pub json: bool,
}

pub fn run(db: &Path, args: &ImportArgs) -> Result<ExitCode> {
    let mut store = super::open(db)?;
    let mut opts = ImportOptions { sheet: args.sheet.clone(), county: args.county.clone(), year: args.year, file_hash: args.sha256.clone(), ..Default::default() };
    let (report, file_hash) = if args.dry_run {
        let p = enterprise::import::preview(&store, &args.file, &opts)?;
        (p.report, p.file_hash)
    } else {
        // The hash printed is the one of the bytes written: the commit checks it.
        let hash = match &args.sha256 {
            Some(h) => h.clone(),
            None => fingerprint::sha256_file(&args.file)?,
        };
        opts.file_hash = Some(hash.clone());
        (enterprise::import::commit(&mut store, &args.file, &opts)?, hash)
    };
    if args.json {
        print_json(&Hashed { report: &report, file_hash });
    } else {
        print_import_summary("", &report, "", args.dry_run);
    }
    Ok(ExitCode::SUCCESS)
}
