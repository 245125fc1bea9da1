//! `pacesetter export WHAT --out FILE`: official sheets and templates written from the store.
use pacesetter_core::counties::{allocation_sheet, assessment};
use pacesetter_core::targets::{self, TargetQuery};
use pacesetter_core::{enterprise_plans as plans, ledger};
use pacesetter_core::tasks::{self, export::TaskExportOptions};
use pacesetter_core::enterprise::EnterpriseQuery;
use pacesetter_core::enterprise;
use pacesetter_core::Result;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ExportArgs {
    #[command(subcommand)]
    pub what: ExportWhat,
    /// 工作方案编号（任务分工表、进展汇总表、目标完成情况、指标表、任务分解表、考核评分表；默认：当前方案）
    #[arg(long, global = true)]
    pub plan: Option<i64>,
}

#[derive(clap::Subcommand)]
pub enum ExportWhat {
    /// 县区企业信息采集模板（带下拉选项和填表说明）
    Template {
        #[arg(long)]
        out: PathBuf,
    },
    /// 任务分工表（正式版式；--county 导出某县版本）
    Tasks {
        #[arg(long)]
        out: PathBuf,
        /// 县（市、区）名称：导出该县版本（含该县进展）
        #[arg(long)]
        county: Option<String>,
        /// 进展所属期间（如 2026-11 或 2026Q4）
        #[arg(long)]
        period: Option<String>,
    },
    /// 企业库企业名单（正式版式，含全部字段、其他属性和各年度数据，可再导入；--county 只导出该县）
    Enterprises {
        #[arg(long)]
        out: PathBuf,
        /// 县（市、区）名称
        #[arg(long)]
        county: Option<String>,
    },
    /// 名单（上市培育库、领跑者、白名单、正面清单）的现有成员，正式版式，可再导入
    List {
        /// 名单名称
        #[arg(long)]
        list: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// 主要目标完成情况表（--year 年度，默认最近有数据的年度；可按县区、集群筛选）
    Targets {
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        year: Option<i64>,
        /// 县（市、区）名称
        #[arg(long)]
        county: Option<String>,
        /// 特色产业集群名称
        #[arg(long)]
        cluster: Option<String>,
    },
    /// 一企一策 Word 文档（某企业；--year 年度，默认最近保存的年度）
    Plan {
        /// 统一社会信用代码
        uscc: String,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        year: Option<i64>,
    },
    /// 某县（市、区）全部一企一策，每家企业一份 Word 文档，写入 --out 文件夹
    Plans {
        #[arg(long)]
        county: String,
        /// 文件夹
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        year: Option<i64>,
    },
    /// 一群一策 Word 文档（某特色产业集群）
    ClusterPlan {
        /// 集群名称
        #[arg(long)]
        cluster: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// 问题台账（正式版式；--county 只导出该县企业的问题）
    Ledger {
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        county: Option<String>,
    },
    /// 工作方案指标表模板（指标 / 单位 / 类型 / 各年目标），用于 plan import --indicators
    PlanTemplate {
        #[arg(long)]
        out: PathBuf,
    },
    /// 任务分解表（某年度各县区目标：全市目标、各县目标、合计与核对；填写后用 targets allocate 导入）
    Allocation {
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        year: i64,
    },
    /// 县（市、区）考核评分表（某年度）
    Assessment {
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        year: i64,
    },
    /// 进展情况汇总表（某期间各措施×责任单位）
    Progress {
        #[arg(long)]
        out: PathBuf,
        /// 期间（如 2026-11 或 2026Q4）
        #[arg(long)]
        period: String,
    },
}

pub fn run(db: &Path, args: &ExportArgs) -> Result<ExitCode> {
    let store = super::open(db)?;
    let out = match &args.what {
        ExportWhat::Template { out } => {
            enterprise::template::write_template(&store, out)?;
            out
        }
        ExportWhat::Tasks { out, county, period } => {
            let opts = TaskExportOptions { county: county.clone(), period: period.clone(), plan_id: args.plan };
            tasks::export::export_tasks(&store, out, &opts)?;
            out
        }
        ExportWhat::Enterprises { out, county } => {
            let query = EnterpriseQuery { county: county.clone(), ..Default::default() };
            let n = enterprise::export::export_enterprises(&store, out, &query)?;
            println!("共 {n} 家企业");
            out
        }
        ExportWhat::List { list, out } => {
            let list = pacesetter_core::pool::list_named(list)?;
            let n = pacesetter_core::pool::export_list(&store, list, out)?;
            println!("{}共 {n} 家企业", list.label());
            out
        }
        ExportWhat::Targets { out, year, county, cluster } => {
            let query = TargetQuery { year: *year, county: county.clone(), cluster: cluster.clone(), plan_id: args.plan };
            targets::export_targets(&store, out, &query)?;
            out
        }
        ExportWhat::Plan { uscc, out, year } => {
            let id = plans::enterprise_id_by_uscc(&store, uscc)?;
            let year = match year {
                Some(y) => *y,
                None => plans::default_year(&store, id)?,
            };
            plans::docx::export_plan(&store, id, year, out)?;
            out
        }
        ExportWhat::Plans { county, out, year } => {
            let files = plans::docx::export_county_plans(&store, county, *year, out)?;
            println!("共 {} 份一企一策", files.len());
            out
        }
        ExportWhat::ClusterPlan { cluster, out } => {
            let id = pacesetter_core::clusters::cluster_by_name(&store, cluster)?.id;
            pacesetter_core::clusters::docx::export_plan(&store, id, out)?;
            out
        }
        ExportWhat::Ledger { out, county } => {
            let query = ledger::ProblemQuery { county: county.clone(), ..Default::default() };
            let n = ledger::export::export_ledger(&store, out, &query)?;
            println!("共 {n} 个问题");
            out
        }
        ExportWhat::Progress { out, period } => {
            tasks::export::export_progress_report(&store, out, period, args.plan)?;
            out
        }
        ExportWhat::Allocation { out, year } => {
            allocation_sheet::export_allocation(&store, args.plan, *year, out)?;
            out
        }
        ExportWhat::Assessment { out, year } => {
            assessment::export_assessment(&store, args.plan, *year, tasks::progress::today(), out)?;
            out
        }
        ExportWhat::PlanTemplate { out } => {
            let plan = super::plan_id(&store, args.plan)?;
            pacesetter_core::work_plans::indicator_sheet::export_template(&store, plan, out)?;
            out
        }
    };
    println!("已导出：{}", out.display());
    Ok(ExitCode::SUCCESS)
}
