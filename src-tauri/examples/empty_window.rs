//! The baseline of `scripts/bench-app.sh`: a Tauri window on the same runtime and config as the
//! app, showing one line of text and nothing else. The desktop start-up and memory figures are
//! ratios to this window measured in the same run.
use tauri::{WebviewUrl, WebviewWindowBuilder};

const PAGE: &str = "data:text/html;charset=utf-8,<body style='font:48px sans-serif;margin:40px'>空窗口 · 基线</body>";

fn main() {
    let mut context = tauri::generate_context!();
    context.config_mut().app.windows.clear();
    tauri::Builder::default()
        .setup(|app| {
            let url = WebviewUrl::External(PAGE.parse().expect("a valid data: URL"));
            WebviewWindowBuilder::new(app, "main", url).title("空窗口").inner_size(1280.0, 800.0).build()?;
            Ok(())
        })
        .run(context)
        .expect("the empty window runs");
}
