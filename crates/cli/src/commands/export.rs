//! `pacesetter export WHAT --out FILE`: official sheets and templates written from the store.
use pacesetter_core::targets::{self, TargetQuery};
use pacesetter_core::task_sheet::{self, TaskExportOptions};
use pacesetter_core::{county_import, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ExportArgs {
    #[command(subcommand)]
    pub what: ExportWhat,
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
            county_import::template::write_template(&store, out)?;
            out
        }
        ExportWhat::Tasks { out, county, period } => {
            let opts = TaskExportOptions { county: county.clone(), period: period.clone() };
            task_sheet::export_tasks(&store, out, &opts)?;
            out
        }
        ExportWhat::Targets { out, year, county, cluster } => {
            let query = TargetQuery { year: *year, county: county.clone(), cluster: cluster.clone() };
            targets::export_targets(&store, out, &query)?;
            out
        }
        ExportWhat::Progress { out, period } => {
            task_sheet::export_progress_report(&store, out, period)?;
            out
        }
    };
    println!("已导出：{}", out.display());
    Ok(ExitCode::SUCCESS)
}
