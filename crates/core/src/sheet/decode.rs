//! Text files in whatever encoding an office PC wrote them: a byte-order mark (UTF-8, UTF-16),
//! valid UTF-8, a web page's declared charset, else the encoding detected from the bytes
//! (GBK/GB18030 for Chinese Windows exports). Binary files are not text.
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};

/// The file's text, or `None` when the bytes are binary (NUL or control bytes) and not UTF-16.
pub fn text(bytes: &[u8]) -> Option<String> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return Some(enc.decode_without_bom_handling(&bytes[bom..]).0.into_owned());
    }
    let sample = &bytes[..bytes.len().min(4096)];
    if sample.iter().any(|b| *b == 0 || *b < 0x09) {
        return None;
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_string());
    }
    let enc = declared_charset(sample).unwrap_or_else(|| detect(bytes));
    Some(enc.decode_without_bom_handling(bytes).0.into_owned())
}

/// The encoding guessed from the bytes (never UTF-8: valid UTF-8 was taken before).
fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut d = EncodingDetector::new(Iso2022JpDetection::Deny);
    d.feed(bytes, true);
    d.guess(None, Utf8Detection::Deny)
}

/// The charset a web page declares in its first bytes (`<meta charset="gb2312">` or
/// `content="text/html; charset=GBK"`), when it names one other than UTF-8.
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let head: String = head.iter().map(|b| (*b as char).to_ascii_lowercase()).filter(|c| c.is_ascii()).collect();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..].trim_start_matches(['"', '\'']).chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    Encoding::for_label(label.as_bytes()).filter(|e| *e != UTF_8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_recognised() {
        let words = "企业名称,统一社会信用代码\n河北嘉坤农机装备股份有限公司,91130506MA01RRJY81\n";
        let gbk = encoding_rs::GBK.encode(words).0.into_owned();
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(words.encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        let bom: Vec<u8> = [0xEF, 0xBB, 0xBF].iter().copied().chain(words.bytes()).collect();
        let gb18030 = encoding_rs::GB18030.encode("单位名称\n邢台市𠀀公司\n").0.into_owned();
        let page = [b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head>".to_vec(), encoding_rs::GBK.encode("<td>企业</td>").0.into_owned()].concat();
        let cases: Vec<(&str, Vec<u8>, Option<&str>)> = vec![
            ("GBK", gbk, Some(words)),
            ("UTF-16LE with BOM", utf16, Some(words)),
            ("UTF-8 with BOM", bom, Some(words)),
            ("UTF-8", words.as_bytes().to_vec(), Some(words)),
            ("GB18030", gb18030, Some("单位名称\n邢台市𠀀公司\n")),
            ("declared gb2312", page, Some("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><td>企业</td>")),
            ("binary", vec![0x00, 0x01, 0x02, 0xFF], None),
        ];
        for (what, bytes, want) in cases {
            assert_eq!(text(&bytes).as_deref(), want, "{what}");
        }
    }
}
