//! Character-level cleanup shared by every stage: full-width to half-width, stray spaces
//! (NBSP, ideographic, zero-width, line breaks), the compact form used to compare headers, and
//! the cell text every reader and document writer keeps (no control characters, Excel's length).
use std::borrow::Cow;

/// Excel's limit on the characters of one cell: longer texts cannot be written back to .xlsx.
pub const EXCEL_CELL_CHARS: usize = 32_767;

/// Full-width ASCII to half-width; every kind of space or line break to one plain space;
/// zero-width characters removed; trimmed.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for ch in s.chars() {
        let ch = half_width(ch);
        if matches!(ch, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}') {
            continue;
        }
        if ch.is_whitespace() || ch == '\u{00A0}' {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(ch);
    }
    out
}

/// Whether `clean(s)` would be empty, without building it.
pub fn is_blank_text(s: &str) -> bool {
    s.chars().all(|ch| {
        let ch = half_width(ch);
        ch.is_whitespace() || matches!(ch, '\u{00A0}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
    })
}

/// Half-width form of a full-width ASCII character or the ideographic space. Full-width
/// parentheses stay as they are: enterprise names are registered with them.
pub fn half_width(ch: char) -> char {
    match ch as u32 {
        0xFF08 | 0xFF09 => ch,
        0xFF01..=0xFF5E => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
        0x3000 => ' ',
        _ => ch,
    }
}

/// Line breaks inside a cell as `\n` only: files saved on Windows (or pasted from other programs)
/// may carry `\r\n` or a lone `\r`, which would otherwise reach the store and the exports.
pub fn lf_line_breaks(s: &str) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s.to_string()
    }
}

/// Whether `ch` is a control character no document may hold (U+0000–U+001F except tab and the
/// line breaks): XML 1.0 forbids them, so a .docx carrying one does not open.
fn is_forbidden_control(ch: char) -> bool {
    (ch as u32) < 0x20 && !matches!(ch, '\t' | '\n' | '\r')
}

/// The text without forbidden control characters (`_x0001_` in a sheet is one, once decoded);
/// borrowed when there is none, as almost always.
pub fn printable(s: &str) -> Cow<'_, str> {
    if s.chars().any(is_forbidden_control) {
        Cow::Owned(s.chars().filter(|c| !is_forbidden_control(*c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// A cell's text as every reader keeps it: control characters removed, line breaks as `\n`, cut to
/// [`EXCEL_CELL_CHARS`] characters; with the character count it had when it was cut.
pub fn cell_text(s: &str) -> (String, Option<usize>) {
    let text = printable(s);
    let text = if text.contains('\r') { Cow::Owned(lf_line_breaks(&text)) } else { text };
    // Bytes bound characters: only a long text needs counting.
    if text.len() <= EXCEL_CELL_CHARS {
        return (text.into_owned(), None);
    }
    let chars = text.chars().count();
    if chars <= EXCEL_CELL_CHARS {
        return (text.into_owned(), None);
    }
    (text.chars().take(EXCEL_CELL_CHARS).collect(), Some(chars))
}

/// `clean` without any space at all, for keys (USCC) and header comparison.
pub fn compact(s: &str) -> String {
    clean(s).chars().filter(|c| !c.is_whitespace()).collect()
}

/// [`compact`], borrowed when it would not change `s` (no space of any kind, nothing zero-width
/// or full-width), as for almost every data cell.
pub fn compact_cow(s: &str) -> Cow<'_, str> {
    let unchanged = s.chars().all(|ch| {
        !ch.is_whitespace() && half_width(ch) == ch && !matches!(ch, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
    });
    if unchanged { Cow::Borrowed(s) } else { Cow::Owned(compact(s)) }
}

/// Whether `s.to_uppercase()` is `s` itself: no ASCII lower case, and every other character
/// from blocks without case (CJK, kana, punctuation, full-width signs).
pub fn upper_case_already(s: &str) -> bool {
    s.chars().all(|ch| match ch as u32 {
        0..=0x7F => !ch.is_ascii_lowercase(),
        0xB7 | 0xD7 | 0xF7 | 0x2000..=0x206F | 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF40 | 0xFF5B..=0xFFEF => true,
        _ => false,
    })
}

/// `s.to_uppercase()`, borrowed when that is `s` itself.
pub fn upper_cow(s: &str) -> Cow<'_, str> {
    if upper_case_already(s) { Cow::Borrowed(s) } else { Cow::Owned(s.to_uppercase()) }
}

/// A number as people write it: no trailing `.0`, no float noise.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{:.6}", n);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_lone_cr_become_lf() {
        assert_eq!(lf_line_breaks("市工业和信息化局\r\n市商务局\r市财政局\n"), "市工业和信息化局\n市商务局\n市财政局\n");
        assert_eq!(lf_line_breaks("没有换行"), "没有换行");
    }

    #[test]
    fn cell_texts_lose_control_characters_and_what_excel_cannot_hold() {
        assert_eq!(printable("甲\u{1}乙\u{0}丙\u{1f}"), "甲乙丙");
        assert!(matches!(printable("甲\t乙\n丙"), Cow::Borrowed(_)));
        assert_eq!(cell_text("甲\u{1}\r\n乙"), ("甲\n乙".to_string(), None));
        let long = "备".repeat(40_000);
        let (cut, chars) = cell_text(&long);
        assert_eq!((cut.chars().count(), chars), (EXCEL_CELL_CHARS, Some(40_000)));
        let fits = "a".repeat(EXCEL_CELL_CHARS);
        assert_eq!(cell_text(&fits), (fits.clone(), None));
        // 20,000 CJK characters are 60,000 bytes but fit.
        assert_eq!(cell_text(&"备".repeat(20_000)).1, None);
    }

    #[test]
    fn clean_cases() {
        let cases = [
            ("  河北某某有限公司 ", "河北某某有限公司"),
            ("９１１３０５２８ＭＡ０８", "91130528MA08"),
            ("企业\n名称", "企业 名称"),
            ("a\u{00A0}\u{3000}b", "a b"),
            ("\u{200B}南和\u{FEFF}区", "南和区"),
            ("（本级）", "（本级）"), ("ＡＢ（１）", "AB（1）"),
            ("", ""),
            ("\u{3000}\u{200B} \n", ""),
        ];
        for (input, want) in cases {
            assert_eq!(clean(input), want, "{input:?}");
            assert_eq!(is_blank_text(input), want.is_empty(), "{input:?}");
        }
    }

    #[test]
    fn borrowed_forms_are_the_owned_ones() {
        for t in ["河北嘉坤农机装备股份有限公司", "9113 0528", "ａｂ１", "a\u{200B}b", "ABC-12", "abc", "Ⅻ", "ǅ", "统一社会信用代码（必填）", "ⅰ", "ｚ", "×√“”"] {
            assert_eq!(compact_cow(t), compact(t), "{t}");
            assert_eq!(upper_cow(t), t.to_uppercase(), "{t}");
            assert_eq!(upper_cow(&compact(t)), compact(t).to_uppercase(), "{t}");
        }
        assert!(matches!(compact_cow("临西县"), Cow::Borrowed(_)) && matches!(upper_cow("临西县"), Cow::Borrowed(_)));
    }

    #[test]
    fn compact_and_numbers() {
        assert_eq!(compact(" 9113 0528 ma08\n"), "91130528ma08");
        let cases = [(2600.0, "2600"), (3.52, "3.52"), (-112.47, "-112.47"), (0.1 + 0.2, "0.3")];
        for (n, want) in cases {
            assert_eq!(number_text(n), want);
        }
    }
}
