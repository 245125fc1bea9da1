//! The baseline of `scripts/bench-app.sh`: a Tauri window on the same runtime and config as the
//! app, showing one line of text served by a custom protocol (as the app serves its pages) and
//! nothing else. The desktop start-up and memory figures are ratios to this window.
use tauri::http::Response;
use tauri::{WebviewUrl, WebviewWindowBuilder};

const PAGE: &str = "<!doctype html><meta charset=utf-8><body style='font:48px sans-serif;margin:40px'>空窗口 · 基线</body>";

fn main() {
    let mut context = tauri::generate_context!();
    context.config_mut().app.windows.clear();
    tauri::Builder::default()
        .register_uri_scheme_protocol("bench", |_, _| {
            Response::builder().header("Content-Type", "text/html; charset=utf-8").body(PAGE.as_bytes().to_vec()).expect("a static response")
        })
        .setup(|app| {
            let url = if cfg!(windows) { "http://bench.localhost/" } else { "bench://localhost/" };
            WebviewWindowBuilder::new(app, "main", WebviewUrl::External(url.parse()?)).title("空窗口").inner_size(1280.0, 800.0).build()?;
            Ok(())
        })
        .run(context)
        .expect("the empty window runs");
}
