//! Windows: the window is drawn by the WebView2 runtime (part of Windows 11 and of updated
//! Windows 10). Without it Tauri cannot make the window and the app would end without a word;
//! instead it says in Chinese what is missing and how to get it, then ends.
const MISSING: &str = "本机没有 Microsoft Edge WebView2 运行时，无法打开领跑者企业培育管理系统的窗口。\n\n\
Windows 11 与已更新的 Windows 10 都已自带它。请信息化人员在联网电脑上从微软网站下载\
“WebView2 常青版独立安装程序（x64）”，拷到本机安装后再打开本程序。数据库不受影响，命令行工具 pacesetter.exe 照常可用。";

/// True when the runtime is there; otherwise shows the message and returns false.
pub fn available() -> bool {
    if tauri::webview_version().is_ok() {
        return true;
    }
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("领跑者企业培育管理系统")
        .set_description(MISSING)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
    false
}
