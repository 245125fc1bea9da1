//! Reading a file the user chose: its size checked first, then its bytes and display name, with a
//! Chinese reason on failure; the byte-level guards `sheet::read` runs before the spreadsheet
//! library sees a workbook (zip bombs, an .xls claiming millions of cells), and the workbook's
//! cell budget, so a hostile file is refused with a Chinese message instead of filling memory.
use crate::error::{CoreError, Result};
use std::io::{Cursor, ErrorKind};
use std::path::Path;

/// Largest uncompressed part of an .xlsx (a worksheet's XML, the shared strings …).
pub const MAX_ZIP_ENTRY_BYTES: u64 = 128 << 20;
/// Largest uncompressed .xlsx in all.
pub const MAX_ZIP_TOTAL_BYTES: u64 = 256 << 20;
const MAX_ZIP_ENTRIES: usize = 10_000;
/// Largest sheet, counted from A1 to its last cell (e.g. 100,000 rows × 30 columns).
pub const MAX_SHEET_CELLS: u64 = 3_000_000;
/// Most cells one file may give the importers, all its sheets together: every sheet from A1 to
/// its last cell, plus every cell a merged area fills (see `sheet::merged::fill_cost`).
pub const MAX_WORKBOOK_CELLS: u64 = 4_000_000;
/// Largest file read at all (a county sheet of 20,000 enterprises is 2.5 MB as .xlsx).
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// The file's name as shown in messages (no folder).
pub fn display_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// The bytes of the file at `path` and its display name.
pub fn read_input(path: &Path) -> Result<(Vec<u8>, String)> {
    let name = display_name(path);
    let bytes = size_checked(path, &name).and_then(|_| std::fs::read(path)).map_err(|e| {
        if e.kind() == ErrorKind::FileTooLarge {
            return CoreError::UnreadableFile(format!("无法读取文件 {name}：{e}"));
        }
        // A folder before a permission: Windows refuses to open a folder as a file with "access denied".
        let why = match e.kind() {
            ErrorKind::NotFound => "文件不存在".to_string(),
            ErrorKind::IsADirectory => "这是文件夹，不是文件".to_string(),
            _ if path.is_dir() => "这是文件夹，不是文件".to_string(),
            ErrorKind::PermissionDenied => "没有读取该文件的权限".to_string(),
            _ => format!("读取失败（{}）", crate::error::io_reason(&e)),
        };
        CoreError::UnreadableFile(format!("无法读取文件 {name}：{why}"))
    })?;
    Ok((bytes, name))
}

/// Fails with `FileTooLarge` (its message the Chinese reason) above [`MAX_FILE_BYTES`], before
/// anything is read.
fn size_checked(path: &Path, _name: &str) -> std::io::Result<()> {
    let len = std::fs::metadata(path)?.len();
    if len > MAX_FILE_BYTES && !path.is_dir() {
        let why = format!(
            "文件过大（{:.1} MB，可导入的文件最大 {} MB）；请删去无关的工作表、图片后另存，或分成几个文件导入",
            len as f64 / (1 << 20) as f64,
            MAX_FILE_BYTES >> 20
        );
        return Err(std::io::Error::new(ErrorKind::FileTooLarge, why));
    }
    Ok(())
}

/// What one file may still give: [`MAX_WORKBOOK_CELLS`] cells, taken sheet by sheet.
pub struct CellBudget<'a> {
    used: u64,
    file_name: &'a str,
}

impl<'a> CellBudget<'a> {
    pub fn new(file_name: &'a str) -> Self {
        CellBudget { used: 0, file_name }
    }

    /// Takes `cells` for sheet `sheet`; refused once the file's cells pass the budget.
    pub fn take(&mut self, sheet: &str, cells: u64) -> Result<()> {
        self.used = self.used.saturating_add(cells);
        if self.used > MAX_WORKBOOK_CELLS {
            return Err(CoreError::UnreadableFile(format!(
                "无法读取文件 {}：单元格过多（读到工作表“{sheet}”时，连同合并单元格要填充的格子已超过 {} 万个），超出可导入的范围；请删去多余的行、列或过大的合并单元格后再导入",
                self.file_name,
                MAX_WORKBOOK_CELLS / 10_000
            )));
        }
        Ok(())
    }
}

/// Runs a workbook reader so that a panic inside the spreadsheet library (it has some on
/// damaged .xls containers) becomes the Chinese "damaged file" error instead of ending the app.
pub fn shielded<T>(name: &str, read: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(CoreError::UnreadableFile(format!("无法读取文件 {name}：文件已损坏或不完整，无法识别其内容")))
    })
}

/// The checks run on a workbook's bytes before the spreadsheet library sees them.
pub fn guard_workbook(bytes: &[u8], name: &str) -> Result<()> {
    guard_zip(bytes, name)?;
    guard_xls(bytes, name)
}

/// Refuses an .xlsx whose parts would unpack to more than the limits (a zip bomb). The sizes
/// checked are the ones the zip reader later enforces while unpacking. Other files pass.
fn guard_zip(bytes: &[u8], name: &str) -> Result<()> {
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

/// Refuses an .xls whose cells reach beyond [`MAX_SHEET_CELLS`] (a damaged cell address makes
/// the spreadsheet library allocate gigabytes) by scanning the cell records of its Workbook
/// stream first. A container this scan cannot follow is left to the reader to report.
fn guard_xls(bytes: &[u8], name: &str) -> Result<()> {
    let Some(stream) = cfb_workbook_stream(bytes) else { return Ok(()) };
    let (mut rows, mut cols, mut sheet) = (0u64, 0u64, 0usize);
    let mut pos = 0usize;
    while pos + 4 <= stream.len() {
        let typ = u16::from_le_bytes([stream[pos], stream[pos + 1]]);
        let len = u16::from_le_bytes([stream[pos + 2], stream[pos + 3]]) as usize;
        let data = &stream[pos + 4..(pos + 4 + len).min(stream.len())];
        pos += 4 + len;
        let at = |i: usize| data.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]) as u64);
        match typ {
            // BOF: a new substream (sheet) starts.
            0x0809 => {
                check_extent(rows, cols, &format!("第 {} 个", sheet.max(1)), name)?;
                (rows, cols) = (0, 0);
                sheet += 1;
            }
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 | 0x00BD => {
                let (Some(r), Some(c)) = (at(0), at(2)) else { continue };
                let last = if typ == 0x00BD { at(data.len().saturating_sub(2)).unwrap_or(c) } else { c };
                rows = rows.max(r + 1);
                cols = cols.max(c.max(last) + 1);
            }
            _ => {}
        }
    }
    check_extent(rows, cols, &format!("第 {} 个", sheet.max(1)), name)
}

/// The `Workbook` (or `Book`) stream of a compound file, following its sector chains; `None` when
/// the container is not one this small reader understands.
fn cfb_workbook_stream(b: &[u8]) -> Option<Vec<u8>> {
    let u16_at = |o: usize| b.get(o..o + 2).map(|x| u16::from_le_bytes([x[0], x[1]]));
    let u32_at = |o: usize| b.get(o..o + 4).map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]]));
    if !b.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return None;
    }
    let shift = u16_at(0x1E)?;
    if !(7..=12).contains(&shift) {
        return None;
    }
    let size = 1usize << shift;
    let sectors = b.len() / size;
    let sector = |n: u32| -> Option<&[u8]> {
        let start = (n as usize).checked_add(1)?.checked_mul(size)?;
        b.get(start..start + size)
    };
    // The FAT: sectors listed in the header's DIFAT, then in the DIFAT chain.
    let mut fat_sectors: Vec<u32> = (0..109).filter_map(|i| u32_at(0x4C + 4 * i)).filter(|s| *s < 0xFFFF_FFFA).collect();
    let mut difat = u32_at(0x44)?;
    let mut guard = 0;
    while difat < 0xFFFF_FFFA && guard < sectors {
        let s = sector(difat)?;
        let per = size / 4 - 1;
        fat_sectors.extend((0..per).map(|i| u32::from_le_bytes(s[4 * i..4 * i + 4].try_into().unwrap())).filter(|x| *x < 0xFFFF_FFFA));
        difat = u32::from_le_bytes(s[size - 4..].try_into().unwrap());
        guard += 1;
    }
    let mut fat = Vec::new();
    for f in fat_sectors.into_iter().take(sectors) {
        let s = sector(f)?;
        fat.extend(s.chunks_exact(4).map(|c| u32::from_le_bytes(c.try_into().unwrap())));
    }
    let chain = |start: u32, table: &[u32]| -> Option<Vec<u32>> {
        let mut out = Vec::new();
        let mut n = start;
        while n < 0xFFFF_FFFA {
            if out.len() > table.len() {
                return None;
            }
            out.push(n);
            n = *table.get(n as usize)?;
        }
        Some(out)
    };
    let read = |chain: &[u32]| -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(chain.len() * size);
        for n in chain {
            out.extend_from_slice(sector(*n)?);
        }
        Some(out)
    };
    let dir = read(&chain(u32_at(0x30)?, &fat)?)?;
    let entries: Vec<&[u8]> = dir.chunks_exact(128).collect();
    let root = entries.first()?;
    let entry = entries.iter().find(|e| is_workbook_entry(e))?;
    let start = u32::from_le_bytes(entry[116..120].try_into().unwrap());
    let len = u32::from_le_bytes(entry[120..124].try_into().unwrap()) as usize;
    if len > b.len() {
        return None;
    }
    let cutoff = u32_at(0x38)? as usize;
    let mut data = if len < cutoff {
        // Small streams live in the mini stream, in 64-byte mini sectors.
        let mini_size = 1usize << u16_at(0x20)?.min(12);
        let minifat_sectors = chain(u32_at(0x3C)?, &fat)?;
        let minifat: Vec<u32> =
            read(&minifat_sectors)?.chunks_exact(4).map(|c| u32::from_le_bytes(c.try_into().unwrap())).collect();
        let ministream = read(&chain(u32::from_le_bytes(root[116..120].try_into().unwrap()), &fat)?)?;
        let mut out = Vec::new();
        for n in chain(start, &minifat)? {
            out.extend_from_slice(ministream.get(n as usize * mini_size..(n as usize + 1) * mini_size)?);
        }
        out
    } else {
        read(&chain(start, &fat)?)?
    };
    data.truncate(len);
    Some(data)
}

/// Whether a 128-byte directory entry of a compound file is the `Workbook` (or `Book`) stream.
fn is_workbook_entry(e: &[u8]) -> bool {
    let len = (u16::from_le_bytes([e[64], e[65]]) as usize).min(64);
    let name: Vec<u16> = e[..len].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    let name = String::from_utf16_lossy(&name);
    e[66] == 2 && matches!(name.trim_end_matches('\0'), "Workbook" | "Book")
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
    fn the_xls_scan_reads_the_sample_and_refuses_a_far_cell() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples/county_linxi_merged_headers.xls");
        let bytes = std::fs::read(path).unwrap();
        let stream = cfb_workbook_stream(&bytes).expect("the sample's Workbook stream");
        assert_eq!(&stream[..2], &[0x09, 0x08], "starts with BOF");
        assert!(guard_workbook(&bytes, "a.xls").is_ok());
        // Move the first LABELSST cell to row 65536, column 16385, as damaged bytes would.
        let mut bad = bytes.clone();
        let at = bad.windows(4).position(|w| w == [0xFD, 0x00, 0x0A, 0x00]).unwrap();
        bad[at + 4..at + 8].copy_from_slice(&[0xFF, 0xFF, 0x00, 0x40]);
        let e = guard_workbook(&bad, "a.xls").unwrap_err().to_string();
        assert!(e.contains("范围过大"), "{e}");
    }

    #[test]
    fn a_file_above_the_size_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("巨大.xlsx");
        let f = std::fs::File::create(&path).unwrap();
        // A sparse file: the size is claimed, nothing is written (and nothing may be read).
        f.set_len(MAX_FILE_BYTES + 1).unwrap();
        let e = read_input(&path).unwrap_err().to_string();
        assert_eq!(e, "无法读取文件 巨大.xlsx：文件过大（64.0 MB，可导入的文件最大 64 MB）；请删去无关的工作表、图片后另存，或分成几个文件导入");
        f.set_len(MAX_FILE_BYTES).unwrap();
        assert_eq!(read_input(&path).unwrap().0.len() as u64, MAX_FILE_BYTES);
    }

    #[test]
    fn the_budget_counts_every_sheet_of_the_file() {
        let mut b = CellBudget::new("a.xlsx");
        b.take("表1", MAX_WORKBOOK_CELLS - 10).unwrap();
        b.take("表2", 10).unwrap();
        let e = b.take("表3", 1).unwrap_err().to_string();
        assert!(e.starts_with("无法读取文件 a.xlsx：单元格过多（读到工作表“表3”时") && e.contains("400 万"), "{e}");
    }

    #[test]
    fn missing_file_and_folder_are_explained_in_chinese() {
        let e = read_input(Path::new("/nonexistent/县区名单.xlsx")).unwrap_err();
        assert_eq!(e.to_string(), "无法读取文件 县区名单.xlsx：文件不存在");
        let dir = tempfile::tempdir().unwrap();
        let named = dir.path().join("县区报表");
        std::fs::create_dir(&named).unwrap();
        assert_eq!(read_input(&named).unwrap_err().to_string(), "无法读取文件 县区报表：这是文件夹，不是文件");
    }
}
