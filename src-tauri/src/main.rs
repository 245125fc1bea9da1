// The desktop app's entry point: everything lives in the library's `run()`.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    pacesetter_app_lib::run()
}
