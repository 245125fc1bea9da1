//! `pacesetter batch [筛选条件…|--ids …|--all] --set KEY=VALUE … [--dry-run] [--json]`: one change for
//! many enterprises (入库/出库, 领跑者, 白名单, 正面清单, 集群, 梯队, 资质), previewed or made as one unit;
//! `batch list` shows the batch edits and `batch undo ID` undoes one.
use super::enterprise_filter::FilterArgs;
use crate::output::print_json;
use pacesetter_core::pool::{self, BatchChange, BatchPreview, BatchRequest, ListChange, ListKind, QualificationChange};
use pacesetter_core::{CoreError, Result};
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BatchArgs {
    #[command(subcommand)]
    pub what: Option<BatchWhat>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// 企业编号，逗号分隔（不用筛选条件时）
    #[arg(long, value_delimiter = ',')]
    pub ids: Vec<i64>,
    /// 不加筛选条件时须写明：修改企业库的全部企业
    #[arg(long)]
    pub all: bool,
    /// 要修改的内容，可重复：in_pool=是|否（入库/出库）、is_leader=是|否、white_list=是|否、
    /// eco_positive_list=是|否、cluster=集群名、tier=梯队、specialized|little_giant|high_tech|innovative_sme=是|否
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// 入库/出库、认定/调出的日期（默认今天）
    #[arg(long)]
    pub date: Option<String>,
    /// 入库/出库、认定/调出的理由（名单变动时必填）
    #[arg(long)]
    pub reason: Option<String>,
    /// “领跑者”级别：省级 或 市级
    #[arg(long)]
    pub level: Option<String>,
    /// “领跑者”批次（年份）
    #[arg(long)]
    pub batch_year: Option<i64>,
    /// 资质的认定年份
    #[arg(long)]
    pub year: Option<i64>,
    /// 只列出将要修改的内容，不写入数据库
    #[arg(long)]
    pub dry_run: bool,
    /// 以 JSON 输出
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(clap::Subcommand)]
pub enum BatchWhat {
    /// 列出批量修改记录
    List,
    /// 撤销一次批量修改（只恢复此后未再改动的字段）
    Undo {
        /// 批量修改编号（见 pacesetter batch list）
        id: i64,
    },
}

fn yes_no(key: &str, v: &str) -> Result<bool> {
    match v.trim() {
        "是" | "1" | "true" | "yes" | "Y" | "y" => Ok(true),
        "否" | "0" | "false" | "no" | "N" | "n" => Ok(false),
        other => Err(CoreError::Invalid(format!("--set {key}= 应为“是”或“否”，写的是“{other}”"))),
    }
}

/// The change the `--set` options and their companions describe.
fn change(args: &BatchArgs) -> Result<BatchChange> {
    let mut c = BatchChange::default();
    for s in &args.set {
        let (key, value) = s.split_once('=').ok_or_else(|| CoreError::Invalid(format!("--set 应写成 KEY=VALUE，写的是“{s}”")))?;
        let key = key.trim();
        match key {
            "cluster" | "集群" | "特色产业集群" => c.cluster = Some(value.to_string()),
            "tier" | "梯队" => c.tier = Some(value.to_string()),
            _ => {
                if let Some(list) = ListKind::parse(key) {
                    if c.list.is_some() {
                        return Err(CoreError::Invalid("一次批量修改只能改一个名单（入库、领跑者、白名单或正面清单）".into()));
                    }
                    c.list = Some(ListChange {
                        list,
                        join: yes_no(key, value)?,
                        date: args.date.clone(),
                        reason: args.reason.clone().unwrap_or_default(),
                        level: args.level.clone(),
                        batch_year: args.batch_year,
                    });
                } else if let Ok(q) = pacesetter_core::enterprise::qualification(key) {
                    c.qualification = Some(QualificationChange { qualification: q.to_string(), held: yes_no(key, value)?, year: args.year });
                } else {
                    return Err(CoreError::Invalid(format!(
                        "--set 不能修改“{key}”，可选：in_pool、is_leader、white_list、eco_positive_list、cluster、tier、specialized、little_giant、high_tech、innovative_sme"
                    )));
                }
            }
        }
    }
    Ok(c)
}

fn print_preview(p: &BatchPreview) {
    let verb = if p.dry_run { "试修改（未写入）" } else { "批量修改完成" };
    let id = p.batch_id.map(|id| format!("（编号 {id}，可用 pacesetter batch undo {id} 撤销）")).unwrap_or_default();
    println!("{verb}{id}：{}", p.summary);
    println!("符合条件 {} 家，修改 {} 家，不变 {} 家", p.matched, p.changed, p.unchanged);
    for item in &p.items {
        if item.fields.is_empty() {
            println!("  {}\t{}\t{}", item.uscc, item.name, item.note.as_deref().unwrap_or("不变"));
        } else {
            let f: Vec<String> = item
                .fields
                .iter()
                .map(|f| format!("{}：{} → {}", f.label, f.old.as_deref().unwrap_or("（空）"), f.new.as_deref().unwrap_or("（空）")))
                .collect();
            println!("  {}\t{}\t{}", item.uscc, item.name, f.join("；"));
        }
    }
}

pub fn run(db: &Path, args: &BatchArgs) -> Result<ExitCode> {
    let mut store = super::open(db)?;
    match &args.what {
        Some(BatchWhat::List) => {
            let batches = pool::list_batches(&store)?;
            if args.json {
                print_json(&batches);
            } else if batches.is_empty() {
                println!("还没有批量修改记录");
            }
            for b in batches.iter().filter(|_| !args.json) {
                let undone = if b.undone_at.is_some() { "\t（已撤销）" } else { "" };
                println!("#{}\t{}\t{}\t{} 家{undone}", b.id, b.created_at.replace('T', " "), b.summary, b.enterprises);
            }
        }
        Some(BatchWhat::Undo { id }) => {
            let r = pool::undo_batch(&mut store, *id)?;
            if args.json {
                print_json(&r);
            } else {
                println!("已撤销批量修改 #{}（{}）：恢复 {} 家，保留 {} 家", r.batch_id, r.summary, r.reverted, r.kept);
                for i in r.items.iter().filter(|i| !i.kept.is_empty()) {
                    println!("  {}\t{}\t保留（此后又被修改）：{}", i.uscc, i.name, i.kept.join("、"));
                }
            }
        }
        None => {
            if args.ids.is_empty() && !args.filter.any() && !args.all {
                return Err(CoreError::Invalid("请用筛选条件或 --ids 指定企业；要修改全部企业请加 --all".into()));
            }
            let req = BatchRequest {
                ids: args.ids.clone(),
                query: args.ids.is_empty().then(|| args.filter.query()),
                change: change(args)?,
            };
            let p = if args.dry_run { pool::batch_preview(&store, &req)? } else { pool::batch_apply(&mut store, &req)? };
            if args.json {
                print_json(&p);
            } else {
                print_preview(&p);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
