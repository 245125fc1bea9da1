//! `pacesetter list enterprises|tasks|members`: the pool (latest year's figures; `--full`: every stored
//! field and every year), filtered as the desktop list filters (see `enterprise_filter`), the task
//! table, or a list's members now or on a date (`members --list 领跑者 --on 2023-06-30`).
use crate::output::{cell, print_json};
use pacesetter_core::enterprise::{list_enterprises, EnterpriseQuery};
use pacesetter_core::tasks::list_tasks;
use pacesetter_core::pool::{list_members, list_named};
use pacesetter_core::{CoreError, Result};
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
    /// 名单（列名单成员时）：上市培育库、领跑者、白名单、正面清单
    #[arg(long)]
    pub list: Option<String>,
    /// 与 members 同用：某日在名单上的企业（如 2023-06-30；默认：现在）
    #[arg(long)]
    pub on: Option<String>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ListWhat {
    Enterprises,
    Tasks,
    Members,
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
        ListWhat::Members => {
            let name = args.list.as_deref().ok_or_else(|| CoreError::Invalid("请用 --list 指明名单：上市培育库、领跑者、白名单、正面清单".into()))?;
            let list = list_named(name)?;
            let members = list_members(&store, list, args.on.as_deref())?;
            if args.json {
                print_json(&members);
            } else {
                let when = args.on.as_deref().map(|d| format!("{d} ")).unwrap_or_default();
                println!("{when}{}共 {} 家企业", list.label(), members.len());
                for m in &members {
                    let batch = m.batch_year.map(|y| format!("{y}年批次")).unwrap_or_default();
                    println!("{}\t{}\t{}\t{}\t{}{batch}\t{}", m.uscc, m.name, cell(&m.county), cell(&m.entered_on), cell(&m.level), m.entered_reason);
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
