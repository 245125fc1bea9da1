// For Windows builds: gives pacesetter.exe the app's icon and version information (product name,
// publisher, copyright as in src-tauri/tauri.conf.json), shown in Explorer's file properties.
use std::path::Path;

fn main() {
    let conf_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src-tauri/tauri.conf.json");
    println!("cargo:rerun-if-changed={}", conf_path.display());
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let text = std::fs::read_to_string(&conf_path).expect("src-tauri/tauri.conf.json is readable");
    let conf: serde_json::Value = serde_json::from_str(&text).expect("tauri.conf.json is JSON");
    let field = |v: &serde_json::Value| v.as_str().expect("tauri.conf.json field is text").to_string();
    let product = field(&conf["productName"]);
    let icon = conf_path.with_file_name("icons").join("icon.ico");
    let mut res = tauri_winres::WindowsResource::new();
    res.set("ProductName", &product)
        .set("FileDescription", &format!("{product} 命令行工具"))
        .set("CompanyName", &field(&conf["bundle"]["publisher"]))
        .set("LegalCopyright", &field(&conf["bundle"]["copyright"]))
        .set("OriginalFilename", "pacesetter.exe")
        .set_icon(&icon.display().to_string());
    res.compile().expect("the Windows resources of pacesetter.exe compile (needs mingw-w64's windres)");
}
