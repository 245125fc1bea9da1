//! `pacesetter list enterprises|tasks`: the pool (latest year's figures; `--full`: every stored
//! field and every year), filtered as the desktop list filters (see `enterprise_filter`), or the task table.
use crate::output::{cell, print_json};
use pacesetter_core::enterprise::{list_enterprises, EnterpriseQuery};
use pacesetter_core::tasks::list_tasks;
use pacesetter_core::Result;
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ListArgs {
    #[arg(value_enum)]
    pub what: ListWhat,
    #[command(flatten)]
    pub filter: super::enterprise_filter::FilterArgs,
    /// 以 JSON 输出
    #[arg(long)]
    pub json: bool,
    /// 与 --json 同用：输出企业的全部字段、其他属性（extra）和各年度数据（figures）
    #[arg(long, requires = "json")]
    pub full: bool,
    /// 工作方案编号（列任务时；默认：当前方案）
    #[arg(long)]
    pub plan: Option<i64>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ListWhat {
    Enterprises,
    Tasks,
}

pub fn run(db: &Path, args: &ListArgs) -> Result<ExitCode> {
    let store = super::open(db)?;
    match args.what {
        ListWhat::Enterprises => {
            let query: EnterpriseQuery = args.filter.query();
            if args.full {
                print_json(&pacesetter_core::enterprise::detail::full_list(&store, &query)?);
                return Ok(ExitCode::SUCCESS);
            }
            let page = list_enterprises(&store, &query)?;
            if args.json {
                print_json(&page.rows);
            } else {
                println!("共 {} 家企业", page.total);
                for e in &page.rows {
                    println!("{}\t{}\t{}\t{}", e.uscc, e.name, cell(&e.county), cell(&e.cluster));
                }
            }
        }
        ListWhat::Tasks => {
            let tasks = list_tasks(&store, super::plan_id(&store, args.plan)?)?;
            if args.json {
                print_json(&tasks);
            } else {
                for t in &tasks {
                    println!("{}.{}\t{}\t{}\t{}", t.action_no, t.measure_no, t.title, t.units.join("、"), t.deadline);
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
