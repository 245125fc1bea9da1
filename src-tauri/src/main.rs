// The desktop app's entry point: everything lives in the library's `run()`. On Windows it is a
// GUI program in every build (no console window behind it); `tauri dev` still shows its output,
// which it reads through pipes.
#![windows_subsystem = "windows"]

fn main() {
    pacesetter_app_lib::run()
}
