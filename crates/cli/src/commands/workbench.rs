//! `pacesetter workbench [--unit X] [--today DATE] [--json]`: the 工作台 — what needs doing this
//! week for this installation's unit (or the unit given), section by section.
use crate::output::print_json;
use pacesetter_core::workbench::{items, Opens};
use pacesetter_core::{CoreError, Result};
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct WorkbenchArgs {
    /// 单位：市工信局 或 县（市、区）名称（默认：本机单位）
    #[arg(long)]
    pub unit: Option<String>,
    /// 按哪一天判断逾期与到期（如 2026-11-30；默认：今天）
    #[arg(long)]
    pub today: Option<String>,
    /// 以 JSON 输出
    #[arg(long)]
    pub json: bool,
}

fn where_to(o: &Opens) -> String {
    match o {
        Opens::Measure { task_id, unit } => format!("任务分工·措施#{task_id}·{unit}"),
        Opens::Problem { problem_id } => format!("问题台账#{problem_id}"),
        Opens::Import { import_id } => format!("导入记录#{import_id}"),
        Opens::Enterprise { enterprise_id } => format!("企业#{enterprise_id}"),
        Opens::List { list } => format!("名单·{}", list.label()),
    }
}

pub fn run(db: &Path, args: &WorkbenchArgs) -> Result<ExitCode> {
    let store = super::open(db)?;
    let today = match args.today.as_deref() {
        Some(t) => t.trim().parse().map_err(|_| CoreError::Invalid(format!("日期“{t}”无效，应为 2026-11-30 这样的日期")))?,
        None => pacesetter_core::tasks::progress::today(),
    };
    let w = items(&store, today, args.unit.as_deref())?;
    if args.json {
        print_json(&w);
        return Ok(ExitCode::SUCCESS);
    }
    let unset = if w.unit.is_none() { "（本机单位未选择，可用 pacesetter package unit 设置）" } else { "" };
    println!("工作台：{}{unset}，{}，本期 {}", w.scope, w.today, w.period);
    for s in &w.sections {
        println!("\n【{}】{} 项", s.title, s.items.len());
        if s.items.is_empty() && !s.empty.is_empty() {
            println!("  {}", s.empty);
        }
        for i in &s.items {
            println!("  {}\t{}\t{}\t→ {}", i.date.as_deref().unwrap_or("-"), i.title, i.detail, where_to(&i.opens));
        }
    }
    Ok(ExitCode::SUCCESS)
}
