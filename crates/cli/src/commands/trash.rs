//! `pacesetter delete USCC` (moves an enterprise with all its records to the 回收站) and
//! `pacesetter trash list|restore|purge`: what is in the bin, putting it back, removing it for good.
use crate::output::{cell, print_json};
use pacesetter_core::enterprise::trash::{self, TrashCount};
use pacesetter_core::{CoreError, Result};
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct DeleteArgs {
    /// 企业的统一社会信用代码
    pub uscc: String,
    /// 以 JSON 输出
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args)]
pub struct TrashArgs {
    #[command(subcommand)]
    pub what: TrashWhat,
    /// 以 JSON 输出
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(clap::Subcommand)]
pub enum TrashWhat {
    /// 列出回收站中的企业
    List,
    /// 把企业连同其全部记录恢复到企业库
    Restore {
        /// 统一社会信用代码（同一代码删除过多次时恢复最近一次）
        uscc: String,
    },
    /// 彻底删除回收站中的企业（不可恢复；完整内容记入操作日志）
    Purge {
        /// 统一社会信用代码
        uscc: String,
        /// 确认彻底删除
        #[arg(long)]
        yes: bool,
    },
}

fn counts(c: &[TrashCount]) -> String {
    if c.is_empty() {
        return "无其他记录".into();
    }
    c.iter().map(|c| format!("{} {} 条", c.label, c.count)).collect::<Vec<_>>().join("，")
}

pub fn delete(db: &Path, args: &DeleteArgs) -> Result<ExitCode> {
    let mut store = super::open(db)?;
    let item = trash::delete_by_uscc(&mut store, &args.uscc)?;
    if args.json {
        print_json(&item);
    } else {
        println!("已将 {} {} 移入回收站（{}），可用 pacesetter trash restore {} 恢复", item.uscc, item.name, counts(&item.counts), item.uscc);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run(db: &Path, args: &TrashArgs) -> Result<ExitCode> {
    let mut store = super::open(db)?;
    match &args.what {
        TrashWhat::List => {
            let items = trash::list_trash(&store)?;
            if args.json {
                print_json(&items);
            } else if items.is_empty() {
                println!("回收站是空的");
            } else {
                println!("回收站中共 {} 家企业", items.len());
                for i in &items {
                    println!("{}\t{}\t{}\t{} 由 {} 删除\t{}", i.uscc, i.name, cell(&i.county), i.deleted_at, i.deleted_by, counts(&i.counts));
                }
            }
        }
        TrashWhat::Restore { uscc } => {
            let id = trash::find_by_uscc(&store, uscc)?;
            let r = trash::restore(&mut store, id)?;
            if args.json {
                print_json(&r);
            } else {
                println!("已恢复 {} {}（{}）", r.uscc, r.name, counts(&r.counts));
            }
        }
        TrashWhat::Purge { uscc, yes } => {
            if !yes {
                return Err(CoreError::Invalid(format!("彻底删除后不能恢复：确认要彻底删除 {uscc} 请加 --yes")));
            }
            let id = trash::find_by_uscc(&store, uscc)?;
            let item = trash::purge(&mut store, id)?;
            if args.json {
                print_json(&item);
            } else {
                println!("已彻底删除 {} {}（{}）；完整内容已记入操作日志", item.uscc, item.name, counts(&item.counts));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
