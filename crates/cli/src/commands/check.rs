//! `pacesetter check`: integrity, foreign keys, schema version and the Pacesetter marker of the
//! store, read without changing it, each problem explained in Chinese with what to do.
use crate::output::print_json;
use pacesetter_core::store::{backup, CheckReport, LATEST_VERSION};
use pacesetter_core::Result;
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct CheckArgs {
    /// 以 JSON 输出
    #[arg(long)]
    pub json: bool,
}

pub fn run(db: &Path, args: &CheckArgs) -> Result<ExitCode> {
    let report = match backup::check_file(db, false) {
        Ok(c) => CheckReport { ok: c.ok, schema_version: c.schema_version, latest_version: LATEST_VERSION, problems: c.problems },
        Err(e) => CheckReport { ok: false, schema_version: 0, latest_version: LATEST_VERSION, problems: vec![e.to_string()] },
    };
    if args.json {
        print_json(&report);
    } else if report.ok {
        let upgrade = if report.schema_version < LATEST_VERSION { "，下次打开时将自动升级（升级前自动备份）" } else { "" };
        println!("数据库检查通过：{}（版本 {}{upgrade}）", db.display(), report.schema_version);
    } else {
        println!("数据库检查发现问题：{}", db.display());
        for p in &report.problems {
            println!("  - {p}");
        }
        let dir = db.parent().unwrap_or(Path::new(".")).join(backup::BACKUP_DIR);
        if !db.exists() {
            return Ok(ExitCode::from(1));
        }
        println!("建议：先复制保存该文件，再用 pacesetter restore 备份文件 从备份恢复（自动备份在 {}）", dir.display());
    }
    Ok(if report.ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
