//! Printing results: JSON for scripts, Chinese text for people, and the error contract
//! (exit 2, one Chinese line on stderr, `{"error":{code,message}}` on stdout with --json).
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

/// A value for a text table: blank for none.
pub fn cell<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}
