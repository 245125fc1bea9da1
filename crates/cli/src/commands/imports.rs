//! `pacesetter imports` (the import history), `pacesetter undo IMPORT_ID [--dry-run]` (reverts
//! only what still holds the imported value) and `pacesetter redo IMPORT_ID` (undoes an undo).
use crate::output::print_json;
use pacesetter_core::enterprise;
use pacesetter_core::enterprise::import::{UndoItem, UndoReport};
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
    /// 只列出将恢复、删除和保留的内容，不写入数据库
    #[arg(long)]
    pub dry_run: bool,
    /// 以 JSON 输出
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args)]
pub struct RedoArgs {
    /// 已撤销的导入记录编号
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
    let report = if args.dry_run {
        enterprise::import::undo_preview(&store, args.import_id)?
    } else {
        enterprise::import::undo(&mut store, args.import_id)?
    };
    if args.json {
        print_json(&report);
    } else {
        print_undo(&report);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_undo(r: &UndoReport) {
    let verb = if r.dry_run { "撤销预览（未写入）" } else { "已撤销导入" };
    println!("{verb} #{}：删除 {} 家企业，恢复 {} 家企业，保留 {} 家企业（导入后另有记录或修改）", r.import_id, r.deleted, r.restored, r.kept);
    print_items(&r.items);
}

/// One line per enterprise (what happens and why), then its fields that are kept or go back.
fn print_items(items: &[UndoItem]) {
    for i in items.iter().filter(|i| i.action != "none") {
        let what = match i.action.as_str() {
            "remove" => "删除",
            "revert" => "恢复",
            "reapply" => "重新写入",
            "reinsert" => "重新添加",
            "gone" => "已删除",
            _ => "保留",
        };
        let why = i.reason.as_deref().map(|r| format!("：{r}")).unwrap_or_default();
        println!("  {what} {} {}{why}", i.uscc, i.name);
        for f in &i.fields {
            let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "空".into());
            match &f.reason {
                None => println!("      {}：{} → {}", f.label, show(&f.current), show(&f.before)),
                Some(why) => println!("      {}：{}", f.label, why),
            }
        }
    }
}

pub fn redo(db: &Path, args: &RedoArgs) -> Result<ExitCode> {
    let mut store = super::open(db)?;
    let report = enterprise::import::redo(&mut store, args.import_id)?;
    if args.json {
        print_json(&report);
    } else {
        println!(
            "已恢复导入 #{}（撤销其撤销）：重新写入 {} 家企业，重新添加 {} 家企业，保留 {} 家企业",
            report.import_id, report.reapplied, report.reinserted, report.kept
        );
        print_items(&report.items);
    }
    Ok(ExitCode::SUCCESS)
}
