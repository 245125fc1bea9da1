//! Reading a file the user chose: its bytes and display name, with a Chinese reason on failure.
use crate::error::{CoreError, Result};
use std::io::ErrorKind;
use std::path::Path;

/// The file's name as shown in messages (no folder).
pub fn display_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// The bytes of the file at `path` and its display name.
pub fn read_input(path: &Path) -> Result<(Vec<u8>, String)> {
    let name = display_name(path);
    let bytes = std::fs::read(path).map_err(|e| {
        let why = match e.kind() {
            ErrorKind::NotFound => "文件不存在".to_string(),
            ErrorKind::PermissionDenied => "没有读取该文件的权限".to_string(),
            ErrorKind::IsADirectory => "这是文件夹，不是文件".to_string(),
            _ if path.is_dir() => "这是文件夹，不是文件".to_string(),
            _ => format!("读取失败（{e}）"),
        };
        CoreError::UnreadableFile(format!("无法读取文件 {name}：{why}"))
    })?;
    Ok((bytes, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_and_folder_are_explained_in_chinese() {
        let e = read_input(Path::new("/nonexistent/县区名单.xlsx")).unwrap_err();
        assert_eq!(e.to_string(), "无法读取文件 县区名单.xlsx：文件不存在");
        let dir = tempfile::tempdir().unwrap();
        assert!(read_input(dir.path()).unwrap_err().to_string().contains("文件夹"));
    }
}
