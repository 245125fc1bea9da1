//! `pacesetter`: the command line over the same core and store as the desktop app, for batch
//! imports, listings, exports and checks. People get Chinese text; `--json` output is stable.
mod bench_sheet;
mod commands;
mod output;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "pacesetter", version, about = "领跑者企业培育管理系统 命令行工具")]
struct Cli {
    /// 数据库文件（默认：桌面程序的数据库，或环境变量 PACESETTER_DB）
    #[arg(long, global = true)]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 导入县区报送的企业名单（.xls/.xlsx/.ods，或 .csv、.txt、网页导出的 .xls）
    Import(commands::import::ImportArgs),
    /// 导入任务分工表（.xls/.xlsx、Word .docx，或 .csv、网页导出的 .xls）到工作方案的措施
    ImportTasks(commands::import_tasks::ImportTasksArgs),
    /// 导入县区报送的问题台账（.xls/.xlsx，或 .csv、网页导出的 .xls），可先 --dry-run 预览
    ImportLedger(commands::import_ledger::ImportLedgerArgs),
    /// 导出正式表格与模板
    Export(commands::export::ExportArgs),
    /// 目标任务：导入任务分解表（各县区目标）
    Targets(commands::targets::TargetsArgs),
    /// 县（市、区）考核评分与排名（--year 年度）
    Assess(commands::assess::AssessArgs),
    /// 列出企业、任务（--plan 某工作方案的任务）或名单成员（members --list 领跑者 [--on 日期]）
    List(commands::list::ListArgs),
    /// 批量修改企业：入库/出库、领跑者、白名单、正面清单、集群、梯队、资质（--dry-run 先预览；batch undo 撤销）
    Batch(commands::batch::BatchArgs),
    /// 列出导入记录
    Imports(commands::imports::ImportsArgs),
    /// 撤销一次导入（只恢复仍是导入值的字段；--dry-run 先看将恢复、删除和保留什么）
    Undo(commands::imports::UndoArgs),
    /// 恢复一次已撤销的导入（撤销“撤销”）
    Redo(commands::imports::RedoArgs),
    /// 特色产业集群：列出、新增、改名、设置县区、删除、恢复、查看（企业、各年度合计、一群一策）
    Clusters(commands::clusters::ClustersArgs),
    /// 删除企业：连同其全部记录移入回收站（可恢复）
    Delete(commands::trash::DeleteArgs),
    /// 回收站：列出、恢复、彻底删除已删除的企业
    Trash(commands::trash::TrashArgs),
    /// 资质认定：列出、添加、复核、撤销企业的资质证书，即将到期的证书，资质类别
    Qualifications(commands::qualifications::QualificationsArgs),
    /// 检查数据库（完整性、外键、版本）
    Check(commands::check::CheckArgs),
    /// 备份数据库到文件（在线备份，可在程序运行时进行）
    Backup(commands::backup::BackupArgs),
    /// 从备份文件恢复数据库（先检查备份，并先备份当前数据）
    Restore(commands::backup::RestoreArgs),
    /// 工作方案：列出、导入、复制、设为当前
    Plan(commands::plan::PlanArgs),
    /// 工作方案的年度报告（--year）或总结评估（--whole），.docx 或 .xlsx
    Report(commands::report::ReportArgs),
    /// 数据交换：导出、导入（预览、冲突）、撤销数据包，本机单位
    Package(commands::package::PackageArgs),
    /// 工作台：本机单位本周要办的事（逾期和将到期的措施与问题、未填报的进展、入库数、最近的导入）
    Workbench(commands::workbench::WorkbenchArgs),
    /// 性能基准测试（生成 2 万行县区名单，测导入、导出、查询与内存）
    Bench(commands::bench::BenchArgs),
}

fn main() -> ExitCode {
    output::exit_quietly_on_closed_pipe();
    let cli = Cli::parse();
    let db = cli.db.unwrap_or_else(pacesetter_core::store::default_db_path);
    let (result, json) = match cli.command {
        Command::Import(a) => (commands::import::run(&db, &a), a.json),
        Command::ImportTasks(a) => (commands::import_tasks::run(&db, &a), a.json),
        Command::ImportLedger(a) => (commands::import_ledger::run(&db, &a), a.json),
        Command::Export(a) => (commands::export::run(&db, &a), false),
        Command::Targets(a) => (commands::targets::run(&db, &a), a.what.json()),
        Command::Assess(a) => (commands::assess::run(&db, &a), a.json),
        Command::List(a) => (commands::list::run(&db, &a), a.json),
        Command::Batch(a) => (commands::batch::run(&db, &a), a.json),
        Command::Imports(a) => (commands::imports::list(&db, &a), a.json),
        Command::Undo(a) => (commands::imports::undo(&db, &a), a.json),
        Command::Redo(a) => (commands::imports::redo(&db, &a), a.json),
        Command::Clusters(a) => (commands::clusters::run(&db, &a), a.json),
        Command::Delete(a) => (commands::trash::delete(&db, &a), a.json),
        Command::Trash(a) => (commands::trash::run(&db, &a), a.json),
        Command::Qualifications(a) => (commands::qualifications::run(&db, &a), a.json),
        Command::Check(a) => (commands::check::run(&db, &a), a.json),
        Command::Backup(a) => (commands::backup::backup(&db, &a), a.json),
        Command::Restore(a) => (commands::backup::restore(&db, &a), a.json),
        Command::Package(a) => (commands::package::run(&db, &a), a.what.json()),
        Command::Workbench(a) => (commands::workbench::run(&db, &a), a.json),
        Command::Bench(a) => (commands::bench::run(&a), a.json),
        Command::Plan(a) => (commands::plan::run(&db, &a), a.what.json()),
        Command::Report(a) => (commands::report::run(&db, &a), false),
    };
    match result {
        Ok(code) => code,
        Err(e) => output::fail(&e, json),
    }
}
