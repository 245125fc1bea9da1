//! `pacesetter backup --out FILE` (online backup of the live store) and `pacesetter restore FILE`
//! (checked first; the current store is kept in the backup folder before it is replaced).
use crate::output::print_json;
use pacesetter_core::store::backup;
use pacesetter_core::Result;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct BackupArgs {
    /// 备份文件（SQLite 数据库文件）
    #[arg(long)]
    pub out: PathBuf,
    /// 以 JSON 输出
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args)]
pub struct RestoreArgs {
    /// 要恢复的备份文件
    pub file: PathBuf,
    /// 以 JSON 输出
    #[arg(long)]
    pub json: bool,
}

pub fn backup(db: &Path, args: &BackupArgs) -> Result<ExitCode> {
    let store = super::open(db)?;
    let check = backup::backup_to(&store, &args.out)?;
    if args.json {
        print_json(&check);
    } else {
        println!("已备份到 {}（{} 家企业，已检查可用于恢复）", args.out.display(), check.enterprises);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn restore(db: &Path, args: &RestoreArgs) -> Result<ExitCode> {
    let mut store = super::open(db)?;
    let report = backup::restore_from(&mut store, &args.file)?;
    if args.json {
        print_json(&report);
    } else {
        println!(
            "已从 {} 恢复（{} 家企业）；恢复前的数据已另存为 {}",
            args.file.display(),
            report.enterprises,
            report.previous_saved_to
        );
    }
    Ok(ExitCode::SUCCESS)
}
