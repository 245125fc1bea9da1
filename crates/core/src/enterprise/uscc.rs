//! 统一社会信用代码 checks: GB 32100-2015 (length, charset, 18th check character) rejects a
//! row; the embedded GB 11714 organization code (positions 9–17) failing its check only warns.

const CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

#[derive(Debug, Clone, PartialEq)]
pub enum UsccProblem {
    Missing,
    Length(usize),
    /// 1-based position and the character found.
    Charset(usize, char),
    /// The check character expected and the one found.
    CheckDigit(char, char),
}

impl UsccProblem {
    pub fn code(&self) -> &'static str {
        match self {
            UsccProblem::Missing | UsccProblem::Length(_) => "uscc_length",
            UsccProblem::Charset(..) => "uscc_charset",
            UsccProblem::CheckDigit(..) => "uscc_check_digit",
        }
    }
    pub fn message(&self) -> String {
        match self {
            UsccProblem::Missing => "缺少统一社会信用代码".into(),
            UsccProblem::Length(n) => format!("统一社会信用代码应为18位，实为{n}位"),
            UsccProblem::Charset(i, c) => format!("统一社会信用代码第{i}位“{c}”不是允许的字符（数字或除 I、O、S、V、Z 外的大写字母）"),
            UsccProblem::CheckDigit(want, got) => format!("统一社会信用代码校验位错误：第18位校验码应为{want}，实为{got}"),
        }
    }
}

/// Normalized form: half-width, upper-case, no whitespace of any kind.
pub fn normalize(raw: &str) -> String {
    crate::sheet::text::compact(raw).to_uppercase()
}

/// GB 32100 validation of a normalized code.
pub fn check(code: &str) -> Result<(), UsccProblem> {
    let chars: Vec<char> = code.chars().collect();
    if chars.is_empty() {
        return Err(UsccProblem::Missing);
    }
    if chars.len() != 18 {
        return Err(UsccProblem::Length(chars.len()));
    }
    let mut sum = 0u32;
    for (i, c) in chars.iter().enumerate() {
        let Some(v) = CHARSET.find(*c) else { return Err(UsccProblem::Charset(i + 1, *c)) };
        if i < 17 {
            sum += v as u32 * WEIGHTS[i];
        }
    }
    let want = CHARSET.as_bytes()[((31 - sum % 31) % 31) as usize] as char;
    if want != chars[17] {
        return Err(UsccProblem::CheckDigit(want, chars[17]));
    }
    Ok(())
}

/// [`check`] as an SQL condition on `column`: 18 characters of the charset and the right check
/// character (for filters: the enterprises whose code is missing or wrong are its negation).
pub fn sql_valid(column: &str) -> String {
    let pos = |i: usize| format!("(instr('{CHARSET}', substr({column}, {}, 1)) - 1)", i + 1);
    let sum: Vec<String> = WEIGHTS.iter().enumerate().map(|(i, w)| format!("{} * {w}", pos(i))).collect();
    let charset: Vec<String> = (0..18).map(|i| format!("{} >= 0", pos(i))).collect();
    format!(
        "(length({column}) = 18 AND {} AND substr('{CHARSET}', (31 - ({}) % 31) % 31 + 1, 1) = substr({column}, 18, 1))",
        charset.join(" AND "),
        sum.join(" + ")
    )
}

/// GB 11714 check of the organization code inside a valid USCC (positions 9–17); `false`
/// when it fails. Codes issued from a 身份证-based registration may legitimately fail.
pub fn org_code_ok(code: &str) -> bool {
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        return false;
    }
    let org = &chars[8..17];
    const W: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
    let mut sum = 0u32;
    for (i, c) in org[..8].iter().enumerate() {
        let v = match c {
            '0'..='9' => *c as u32 - '0' as u32,
            'A'..='Z' => *c as u32 - 'A' as u32 + 10,
            _ => return false,
        };
        sum += v * W[i];
    }
    let check = 11 - sum % 11;
    let want = match check {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10).unwrap_or('?'),
    };
    org[8] == want
}

/// A code with its check character replaced by the right one (for generators and tests).
#[cfg(test)]
pub fn with_check_digit(first17: &str) -> String {
    let sum: u32 = first17
        .chars()
        .enumerate()
        .map(|(i, c)| CHARSET.find(c).unwrap_or(0) as u32 * WEIGHTS[i])
        .sum();
    let check = CHARSET.as_bytes()[((31 - sum % 31) % 31) as usize] as char;
    format!("{first17}{check}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb32100_cases() {
        let cases: &[(&str, Result<(), UsccProblem>)] = &[
            ("91130506MA01RRJY81", Ok(())),
            ("911305067568074885", Ok(())),
            ("91130528341223691C", Ok(())),
            ("", Err(UsccProblem::Missing)),
            ("9113050675680748", Err(UsccProblem::Length(16))),
            ("91130506756807488I", Err(UsccProblem::Charset(18, 'I'))),
        ];
        for (code, want) in cases {
            assert_eq!(&check(code), want, "{code}");
        }
        assert_eq!(check("91130528440625223N"), Err(UsccProblem::CheckDigit(with_check_digit("91130528440625223").chars().last().unwrap(), 'N')));
    }

    #[test]
    fn normalize_and_inner_check() {
        assert_eq!(normalize(" ９１１３０５２８ma08 tu9953 "), "91130528MA08TU9953");
        assert!(org_code_ok("91130506MA01RRJY81"));
        assert!(org_code_ok("911305067568074885"));
        assert!(!org_code_ok("911305067568074X85"));
        assert_eq!(with_check_digit("91130506MA01RRJY8"), "91130506MA01RRJY81");
    }
}
