//! Reading a file the user chose: its bytes and display name, with a Chinese reason on failure;
//! and the guards run before a workbook is loaded, so a zip bomb or a sheet claiming millions of
//! cells is refused with a Chinese message instead of exhausting memory.
use crate::error::{CoreError, Result};
use calamine::{Reader, Sheets};
use std::io::{Cursor, ErrorKind, Read, Seek};
use std::path::Path;

/// Largest uncompressed part of an .xlsx (a worksheet's XML, the shared strings …).
pub const MAX_ZIP_ENTRY_BYTES: u64 = 128 << 20;
/// Largest uncompressed .xlsx in all.
pub const MAX_ZIP_TOTAL_BYTES: u64 = 256 << 20;
const MAX_ZIP_ENTRIES: usize = 10_000;
/// Largest sheet, counted from A1 to its last cell (e.g. 100,000 rows × 30 columns).
pub const MAX_SHEET_CELLS: u64 = 3_000_000;

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

/// Runs a workbook reader so that a panic inside the spreadsheet library (it has some on
/// damaged .xls containers) becomes the Chinese "damaged file" error instead of ending the app.
pub fn shielded<T>(name: &str, read: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(CoreError::UnreadableFile(format!("无法读取文件 {name}：文件已损坏或不完整，无法识别其内容")))
    })
}

/// Refuses an .xlsx whose parts would unpack to more than the limits (a zip bomb). The sizes
/// checked are the ones the zip reader later enforces while unpacking. Other files pass.
pub fn guard_zip(bytes: &[u8], name: &str) -> Result<()> {
    if !bytes.starts_with(b"PK") {
        return Ok(());
    }
    // A zip the reader cannot open is reported by the workbook reader itself.
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    let too_big = || {
        CoreError::UnreadableFile(format!(
            "无法读取文件 {name}：文件解压后过大（超过 {} MB），可能已损坏或是恶意文件",
            MAX_ZIP_TOTAL_BYTES >> 20
        ))
    };
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(too_big());
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else { continue };
        let size = entry.size();
        total = total.saturating_add(size);
        if size > MAX_ZIP_ENTRY_BYTES || total > MAX_ZIP_TOTAL_BYTES {
            return Err(too_big());
        }
    }
    Ok(())
}

/// Refuses a workbook with a sheet larger than [`MAX_SHEET_CELLS`] before its cells are loaded:
/// an .xlsx sheet is streamed once to find its last cell (values and styled cells).
pub fn guard_sheets<RS: Read + Seek>(book: &mut Sheets<RS>, name: &str) -> Result<()> {
    let Sheets::Xlsx(x) = book else { return Ok(()) };
    for sheet in x.sheet_names() {
        let mut end = (0u64, 0u64);
        if let Ok(mut cells) = x.worksheet_cells_reader(&sheet) {
            while let Ok(Some(c)) = cells.next_cell() {
                let (r, c) = c.get_position();
                end = (end.0.max(r as u64 + 1), end.1.max(c as u64 + 1));
            }
        }
        if let Ok(mut cells) = x.worksheet_cells_reader(&sheet) {
            while let Ok(Some((r, c, _))) = cells.next_style_id() {
                end = (end.0.max(r as u64 + 1), end.1.max(c as u64 + 1));
            }
        }
        check_extent(end.0, end.1, &sheet, name)?;
    }
    Ok(())
}

/// Refuses a sheet of `rows` × `cols` (counted from A1) beyond [`MAX_SHEET_CELLS`].
pub fn check_extent(rows: u64, cols: u64, sheet: &str, name: &str) -> Result<()> {
    if rows.saturating_mul(cols) > MAX_SHEET_CELLS {
        return Err(CoreError::UnreadableFile(format!(
            "无法读取文件 {name}：工作表“{sheet}”的范围过大（{rows} 行 × {cols} 列），超出可导入的范围；请删去多余的空行、空列后再导入"
        )));
    }
    Ok(())
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
