//! `pacesetter check`: integrity, foreign keys and schema version of the store.
use crate::output::print_json;
use pacesetter_core::store::check_store;
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
    let store = super::open(db)?;
    let report = check_store(&store, false)?;
    if args.json {
        print_json(&report);
    } else if report.ok {
        println!("数据库检查通过：{}（版本 {}）", db.display(), report.schema_version);
    } else {
        println!("数据库检查发现问题：{}", db.display());
        for p in &report.problems {
            println!("  - {p}");
        }
    }
    Ok(if report.ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
