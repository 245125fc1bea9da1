//! Printing results: JSON for scripts, Chinese text for people, and the error contract
//! (exit 2, one Chinese line on stderr, `{"error":{code,message}}` on stdout with --json).
use pacesetter_core::sheet::report::{ImportReport, SheetIssue};
use pacesetter_core::CoreError;
use serde::Serialize;
use std::process::ExitCode;

/// `pacesetter list … | head` must stop quietly, not panic: restore the default SIGPIPE action.
pub fn exit_quietly_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called once at start, before any thread; SIG_DFL is a valid disposition.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

pub fn print_json<T: Serialize>(value: &T) {
    println!("{}", serde_json::to_string_pretty(value).expect("serializable output"));
}

pub fn fail(e: &CoreError, json: bool) -> ExitCode {
    let payload = e.payload();
    eprintln!("错误：{}", payload.message.replace('\n', " "));
    if json {
        print_json(&serde_json::json!({ "error": payload }));
    }
    ExitCode::from(2)
}

/// The one summary line of any import: what was read (`what`, e.g. 任务分工表), where the
/// header is, and the counts; `dry_run` says nothing was written.
pub fn print_import_summary(what: &str, r: &ImportReport, extra: &str, dry_run: bool) {
    let verb = if dry_run { "试导入（未写入）" } else { "导入完成" };
    println!(
        "{verb}：{what}工作表「{}」，表头第 {} 行{extra}；新增 {} 条，更新 {} 条，未变 {} 条，拒绝 {} 行，忽略 {} 行",
        r.sheet,
        r.header_rows.iter().map(ToString::to_string).collect::<Vec<_>>().join("、"),
        r.inserted,
        r.updated,
        r.unchanged,
        r.rejected.len(),
        r.ignored.len()
    );
    print_issues("拒绝", &r.rejected);
    print_issues("提醒", &r.warnings);
}

pub fn print_issues(kind: &str, issues: &[SheetIssue]) {
    for p in issues {
        let value = p.value.as_deref().filter(|v| !v.is_empty()).map(|v| format!("（{v}）")).unwrap_or_default();
        println!("  {kind} 第{}行 {}列：{}{value}", p.row, p.column.as_deref().unwrap_or("-"), p.message);
    }
}

/// A value for a text table: blank for none.
pub fn cell<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}
