//! File names made from enterprise names (一企一策 batch export) that Windows and Linux both
//! accept: no reserved characters, no device names (CON, NUL …), no trailing dots or spaces,
//! at most 255 bytes, and unique in a folder even where case does not count (Windows).
use std::collections::HashSet;

/// Characters Windows forbids in a file name (besides control characters); `/` also on Linux.
const FORBIDDEN: &str = "<>:\"/\\|?*";
/// Names Windows reserves for devices, whatever the extension (`CON.docx` is the console).
const DEVICES: [&str; 4] = ["CON", "PRN", "AUX", "NUL"];
/// The longest file name Linux file systems take (bytes); Windows allows 255 UTF-16 units.
const MAX_BYTES: usize = 255;

fn is_device(stem: &str) -> bool {
    let stem = stem.trim_end_matches(' ').to_ascii_uppercase();
    let numbered = |prefix: &str| {
        stem.strip_prefix(prefix).is_some_and(|n| matches!(n, "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³"))
    };
    DEVICES.contains(&stem.as_str()) || numbered("COM") || numbered("LPT")
}

/// The longest prefix of `s` of at most `max` bytes, on a character boundary.
fn cut(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// `name` as a file name safe on Windows and Linux: forbidden and control characters become `_`,
/// surrounding spaces and trailing dots go (Windows drops them silently), a device name gets a
/// leading `_`, and a name too long is shortened before its extension.
pub fn safe_file_name(name: &str) -> String {
    let replaced: String = name.chars().map(|c| if FORBIDDEN.contains(c) || c.is_control() { '_' } else { c }).collect();
    let trimmed = replaced.trim().trim_end_matches(['.', ' ']);
    let mut out = if trimmed.is_empty() { "_".to_string() } else { trimmed.to_string() };
    if is_device(out.split('.').next().unwrap_or_default()) {
        out.insert(0, '_');
    }
    if out.len() > MAX_BYTES {
        let ext = out.rfind('.').map(|i| out[i..].to_string()).filter(|e| e.len() <= 16).unwrap_or_default();
        let stem = cut(&out, MAX_BYTES - ext.len()).trim_end_matches(['.', ' ']).to_string();
        out = stem + &ext;
    }
    out
}

/// `name` (already safe), or `name（2）`, `name（3）` … before its extension, whichever is not in
/// `taken` yet; compared without case, as Windows does. The name returned is added to `taken`.
pub fn unique_name(name: &str, taken: &mut HashSet<String>) -> String {
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 => name.split_at(i),
        _ => (name, ""),
    };
    let mut candidate = name.to_string();
    let mut n = 1;
    while !taken.insert(candidate.to_lowercase()) {
        n += 1;
        let suffix = format!("（{n}）{ext}");
        candidate = format!("{}{suffix}", cut(stem, MAX_BYTES - suffix.len()));
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_characters_and_control_characters_become_underscores() {
        assert_eq!(safe_file_name("A<B>C:D\"E/F\\G|H?I*J.docx"), "A_B_C_D_E_F_G_H_I_J.docx");
        assert_eq!(safe_file_name("河北\t某某\n公司\r.docx"), "河北_某某_公司_.docx");
        assert_eq!(safe_file_name("河北某某（集团）有限公司_2026年一企一策.docx"), "河北某某（集团）有限公司_2026年一企一策.docx");
    }

    #[test]
    fn device_names_get_a_leading_underscore_whatever_the_case_or_extension() {
        for name in ["CON", "con", "Nul", "PRN.docx", "aux.tar.gz", "COM1", "lpt9.docx", "COM¹", "CON .docx"] {
            let safe = safe_file_name(name);
            assert_eq!(safe, format!("_{name}"), "{name}");
        }
        for name in ["CONSOLE.docx", "COM10", "LPT", "NUL_2026年一企一策.docx", "CON企业.docx"] {
            assert_eq!(safe_file_name(name), name, "{name} is not a device");
        }
        assert_eq!(safe_file_name("CON..."), "_CON");
    }

    #[test]
    fn trailing_dots_and_spaces_and_empty_names() {
        assert_eq!(safe_file_name("  某某公司. . "), "某某公司");
        assert_eq!(safe_file_name("某某公司...docx"), "某某公司...docx");
        assert_eq!(safe_file_name(""), "_");
        assert_eq!(safe_file_name(" . "), "_");
        assert_eq!(safe_file_name("???"), "___");
    }

    #[test]
    fn long_names_keep_their_extension_within_255_bytes() {
        let long = format!("{}_2026年一企一策.docx", "很长的企业名称".repeat(20));
        let safe = safe_file_name(&long);
        assert!(safe.len() <= 255 && safe.len() > 240, "{} bytes", safe.len());
        assert!(safe.ends_with(".docx") && safe.starts_with("很长的企业名称"));
        let plain = "a".repeat(300);
        assert_eq!(safe_file_name(&plain), "a".repeat(255));
    }

    #[test]
    fn names_equal_without_case_are_numbered() {
        let mut taken = HashSet::new();
        assert_eq!(unique_name("ABC公司_2026年一企一策.docx", &mut taken), "ABC公司_2026年一企一策.docx");
        assert_eq!(unique_name("abc公司_2026年一企一策.docx", &mut taken), "abc公司_2026年一企一策（2）.docx");
        assert_eq!(unique_name("ABC公司_2026年一企一策.docx", &mut taken), "ABC公司_2026年一企一策（3）.docx");
        assert_eq!(unique_name("无扩展名", &mut taken), "无扩展名");
        assert_eq!(unique_name("无扩展名", &mut taken), "无扩展名（2）");
        let long = format!("{}.docx", "长".repeat(83));
        assert_eq!(unique_name(&long, &mut taken), long);
        let second = unique_name(&long, &mut taken);
        assert!(second.len() <= 255 && second.ends_with("（2）.docx"), "{second}");
    }
}
