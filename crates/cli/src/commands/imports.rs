//! `pacesetter imports` (the import history) and `pacesetter undo IMPORT_ID`.
use crate::output::print_json;
use pacesetter_core::enterprise;
use pacesetter_core::Result;
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ImportsArgs {
    /// 以 JSON 输出
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args)]
pub struct UndoArgs {
    /// 导入记录编号（见 pacesetter imports）
    pub import_id: i64,
    /// 以 JSON 输出
    #[arg(long)]
    pub json: bool,
}

pub fn list(db: &Path, args: &ImportsArgs) -> Result<ExitCode> {
    let store = super::open(db)?;
    let records = enterprise::import::list_imports(&store)?;
    if args.json {
        print_json(&records);
    } else if records.is_empty() {
        println!("还没有导入记录");
    } else {
        for r in &records {
            println!(
                "#{}\t{}\t{}\t新增{} 更新{} 未变{} 拒绝{}{}",
                r.id,
                r.created_at,
                r.file_name,
                r.inserted,
                r.updated,
                r.unchanged,
                r.rejected,
                if r.undone_at.is_some() { "\t（已撤销）" } else { "" }
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn undo(db: &Path, args: &UndoArgs) -> Result<ExitCode> {
    let mut store = super::open(db)?;
    let report = enterprise::import::undo(&mut store, args.import_id)?;
    if args.json {
        print_json(&report);
    } else {
        println!("已撤销导入 #{}", args.import_id);
    }
    Ok(ExitCode::SUCCESS)
}
