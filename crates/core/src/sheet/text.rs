//! Character-level cleanup shared by every stage: full-width to half-width, stray spaces
//! (NBSP, ideographic, zero-width, line breaks) and the compact form used to compare headers.

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

/// `clean` without any space at all, for keys (USCC) and header comparison.
pub fn compact(s: &str) -> String {
    clean(s).chars().filter(|c| !c.is_whitespace()).collect()
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
    fn clean_cases() {
        let cases = [
            ("  河北某某有限公司 ", "河北某某有限公司"),
            ("９１１３０５２８ＭＡ０８", "91130528MA08"),
            ("企业\n名称", "企业 名称"),
            ("a\u{00A0}\u{3000}b", "a b"),
            ("\u{200B}南和\u{FEFF}区", "南和区"),
            ("（本级）", "（本级）"), ("ＡＢ（１）", "AB（1）"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(clean(input), want, "{input:?}");
        }
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
