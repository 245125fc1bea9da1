// Tauri's build step: generates the context (config, capabilities, icons) for the shell.
fn main() {
    tauri_build::build()
}
