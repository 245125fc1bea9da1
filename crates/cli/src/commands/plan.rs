//! `pacesetter plan list|import|copy|use|unlock|lock`: the work plans (工作方案) kept in the store.
use crate::output::{print_json, print_issues};
use pacesetter_core::work_plans::{self, WorkPlan, WorkPlanInput};
use pacesetter_core::{CoreError, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct PlanArgs {
    #[command(subcommand)]
    pub what: PlanCommand,
}

#[derive(clap::Subcommand)]
pub enum PlanCommand {
    /// 列出全部工作方案
    List {
        #[arg(long)]
        json: bool,
    },
    /// 由任务分工表（.xlsx/.xls/.docx）和指标表新增一个工作方案
    Import {
        /// 任务分工表
        tasks: PathBuf,
        /// 指标表（可用 export plan-template 导出的模板填写）
        #[arg(long)]
        indicators: Option<PathBuf>,
        /// 方案名称
        #[arg(long)]
        title: String,
        /// 实施期限，如 2026-2028
        #[arg(long)]
        period: String,
        /// 印发单位
        #[arg(long, default_value = "")]
        issuer: String,
        /// 文号
        #[arg(long, default_value = "")]
        doc_no: String,
        #[arg(long)]
        json: bool,
    },
    /// 复制一个工作方案到新的实施期限（措施、指标与目标、奖补目录；不含进展）
    Copy {
        id: i64,
        /// 实施期限，如 2026-2028
        #[arg(long)]
        period: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 设为当前工作方案（桌面程序与命令行的默认方案）
    Use { id: i64 },
    /// 允许修改已结束的工作方案（补录、更正）
    Unlock { id: i64 },
    /// 恢复已结束工作方案的只读
    Lock { id: i64 },
}

impl PlanCommand {
    pub fn json(&self) -> bool {
        matches!(self, PlanCommand::List { json: true } | PlanCommand::Import { json: true, .. } | PlanCommand::Copy { json: true, .. })
    }
}

/// 2026-2028 / 2026—2028 / 2026～2028年 → (2026, 2028).
pub fn parse_period(text: &str) -> Result<(i64, i64)> {
    let years: Vec<i64> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    match years.as_slice() {
        [start, end] => Ok((*start, *end)),
        [year] => Ok((*year, *year)),
        _ => Err(CoreError::Invalid(format!("实施期限“{text}”无法识别，应写成 2026-2028"))),
    }
}

fn print_plan(p: &WorkPlan) {
    let current = if p.current { "　（当前）" } else { "" };
    let lock = if p.status == "ended" && p.unlocked { "，允许修改" } else { "" };
    println!("{}\t{}\t{}—{}年\t{}{lock}\t措施 {} 条\t指标 {} 项{current}", p.id, p.title, p.start_year, p.end_year, p.status_label, p.measures, p.indicators);
}

pub fn run(db: &Path, args: &PlanArgs) -> Result<ExitCode> {
    let mut store = super::open(db)?;
    match &args.what {
        PlanCommand::List { json } => {
            let plans = work_plans::list_plans(&store)?;
            if *json {
                print_json(&plans);
            } else {
                plans.iter().for_each(print_plan);
            }
        }
        PlanCommand::Import { tasks, indicators, title, period, issuer, doc_no, json } => {
            let (start_year, end_year) = parse_period(period)?;
            let input = WorkPlanInput { title: title.clone(), issuer: issuer.clone(), doc_no: doc_no.clone(), issued_on: None, start_year, end_year };
            let report = work_plans::import::import_plan(&mut store, &input, tasks, indicators.as_deref())?;
            if *json {
                print_json(&report);
            } else {
                println!(
                    "已新增工作方案 #{}《{}》（{}—{}年）：{} 项行动、{} 条措施，指标 {} 项",
                    report.plan.id, report.plan.title, start_year, end_year, report.actions, report.measures, report.indicators
                );
                print_issues("拒绝", &report.rejected);
                print_issues("提醒", &report.warnings);
            }
        }
        PlanCommand::Copy { id, period, title, json } => {
            let (start_year, end_year) = parse_period(period)?;
            let plan = work_plans::copy_plan(&mut store, *id, start_year, end_year, title.as_deref())?;
            if *json {
                print_json(&plan);
            } else {
                println!("已复制为工作方案 #{}《{}》（{}—{}年）", plan.id, plan.title, plan.start_year, plan.end_year);
            }
        }
        PlanCommand::Use { id } => {
            let plan = work_plans::use_plan(&store, *id)?;
            println!("当前工作方案：#{}《{}》", plan.id, plan.title);
        }
        PlanCommand::Unlock { id } | PlanCommand::Lock { id } => {
            let unlocked = matches!(args.what, PlanCommand::Unlock { .. });
            let plan = work_plans::set_unlocked(&mut store, *id, unlocked)?;
            println!("《{}》{}", plan.title, if unlocked { "已允许修改" } else { "已恢复只读" });
        }
    }
    Ok(ExitCode::SUCCESS)
}
