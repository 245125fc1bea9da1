//! Cell text of a task sheet made canonical: cleaned text, units split into a list (never inside
//! parentheses), deadlines as 长期坚持 / 每年 / YYYY年底, action labels such as “（一）企业上市行动”.

/// Removes stray whitespace (NBSP, zero-width, full-width spaces) and joins the lines of a cell:
/// Chinese text needs no separator between lines.
pub fn clean_text(s: &str) -> String {
    s.lines()
        .map(|l| {
            l.chars()
                .filter(|c| !is_invisible(*c))
                .collect::<String>()
                .trim()
                .to_string()
        })
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("")
}

/// Header text reduced for matching: no whitespace of any kind, no asterisks.
pub fn header_key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !is_invisible(*c) && *c != '*' && *c != '＊')
        .collect()
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00A0}' | '\u{3000}' | '\r'
    )
}

/// Splits a 责任单位 cell into units, lead first: separators are 、，,；; / line breaks and
/// spaces, except inside parentheses, so “各县（市、区）政府” stays one unit. Half-width
/// parentheses become full-width, “（牵头）” marks and “牵头单位：” labels are dropped,
/// duplicates are kept once.
pub fn split_units(s: &str) -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    let push = |cur: &mut String, units: &mut Vec<String>| {
        let u = tidy_unit(cur);
        if !u.is_empty() && !units.contains(&u) {
            units.push(u);
        }
        cur.clear();
    };
    for c in s.chars() {
        match c {
            '（' | '(' | '【' | '[' | '《' => {
                depth += 1;
                cur.push(c);
            }
            '）' | ')' | '】' | ']' | '》' => {
                depth = (depth - 1).max(0);
                cur.push(c);
            }
            '、' | '，' | ',' | '；' | ';' | '/' | '\n' | '\r' | ' ' | '\u{3000}' | '\u{00A0}'
            | '\t'
                if depth == 0 =>
            {
                push(&mut cur, &mut units)
            }
            _ => cur.push(c),
        }
    }
    push(&mut cur, &mut units);
    units
}

fn tidy_unit(s: &str) -> String {
    let mut u: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && !is_invisible(*c))
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            other => other,
        })
        .collect();
    for label in [
        "牵头单位：",
        "牵头单位:",
        "配合单位：",
        "配合单位:",
        "责任单位：",
        "责任单位:",
        "牵头：",
        "配合：",
    ] {
        if let Some(rest) = u.strip_prefix(label) {
            u = rest.to_string();
        }
    }
    for mark in ["（牵头）", "（牵头单位）", "（配合）"] {
        if let Some(rest) = u.strip_suffix(mark) {
            u = rest.to_string();
        }
    }
    u.trim_matches(|c: char| matches!(c, '。' | '.' | '：' | ':'))
        .to_string()
}

/// The deadline as the plan writes it, derived from the cell text: 长期坚持, 每年, or the
/// latest year named as “YYYY年底”. `None` when the text says none of these.
pub fn normalize_deadline(s: &str) -> Option<String> {
    let t = header_key(s);
    if t.contains("长期") || t.contains("持续") || t.contains("常态") {
        return Some("长期坚持".into());
    }
    if t.contains("每年")
        || t.contains("年度")
        || t.contains("逐年")
        || t.contains("每季度")
        || t.contains("每月")
    {
        return Some("每年".into());
    }
    years_in(&t).into_iter().max().map(|y| format!("{y}年底"))
}

/// Four-digit years 2000–2099 appearing in a text.
fn years_in(t: &str) -> Vec<i32> {
    let digits: Vec<char> = t.chars().map(to_half_width_digit).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < digits.len() {
        if digits[i].is_ascii_digit() {
            let start = i;
            while i < digits.len() && digits[i].is_ascii_digit() {
                i += 1;
            }
            // A year alone (2023) or leading a date written as one number (20231231).
            if i - start == 4 || i - start == 8 {
                let y: i32 = digits[start..start + 4]
                    .iter()
                    .collect::<String>()
                    .parse()
                    .unwrap_or(0);
                if (2000..2100).contains(&y) {
                    out.push(y);
                }
            }
        } else {
            i += 1;
        }
    }
    out
}

fn to_half_width_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        other => other,
    }
}

/// A Chinese numeral 一…九十九 (or Arabic digits) as a number.
pub fn chinese_number(s: &str) -> Option<i64> {
    let s = s.trim();
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return s
            .chars()
            .map(to_half_width_digit)
            .collect::<String>()
            .parse()
            .ok();
    }
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as i64)
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', d] => digit(*d).map(|d| 10 + d),
        [t, '十'] => digit(*t).map(|t| t * 10),
        [t, '十', d] => Some(digit(*t)? * 10 + digit(*d)?),
        _ => None,
    }
}

/// An action label split into its number and its name: “（一）企业上市行动”, “一、企业上市行动”,
/// “行动一：企业上市行动”, “1.企业上市行动” → (Some(1), "企业上市行动"); a bare name → (None, name).
pub fn parse_action_label(label: &str) -> (Option<i64>, String) {
    let t = clean_text(label);
    let t = t.trim();
    let open = ['（', '('];
    let close = ['）', ')'];
    if let Some(rest) = t.strip_prefix(open) {
        if let Some(end) = rest.find(close) {
            let n = chinese_number(&rest[..end]);
            let name = rest[end..]
                .trim_start_matches(close)
                .trim_start_matches(['、', '.', '．', ' ', '：', ':']);
            if n.is_some() {
                return (n, name.trim().to_string());
            }
        }
    }
    for sep in ['、', '.', '．', '：', ':'] {
        if let Some((head, name)) = t.split_once(sep) {
            let head = head.trim().trim_start_matches('第').trim_end_matches('项');
            let head = head.strip_prefix("行动").unwrap_or(head);
            if let Some(n) = chinese_number(head) {
                if !name.trim().is_empty() {
                    return (Some(n), name.trim().to_string());
                }
            }
        }
    }
    (None, t.to_string())
}

/// Whether a lone text in a row names an action (a group row) rather than a note.
pub fn looks_like_action(text: &str) -> bool {
    let t = clean_text(text);
    let (n, name) = parse_action_label(&t);
    let short = name.chars().count() <= 30;
    short && !name.is_empty() && (n.is_some() || name.ends_with("行动")) && !is_note(&t)
}

/// Notes, instructions and signature lines that follow or precede the table.
pub fn is_note(text: &str) -> bool {
    let t = clean_text(text);
    ["注", "备注", "说明", "填表", "附注", "制表", "联系人"]
        .iter()
        .any(|p| t.starts_with(p))
}

/// Title or measure text without a leading item number: “1.” “1、” “（1）” “(1)” “1)” “（一）”
/// “一、” “①”.
pub fn strip_item_number(s: &str) -> String {
    let t = s.trim();
    let chars: Vec<char> = t.chars().collect();
    if matches!(chars.first(), Some('①'..='⑳')) && chars.len() > 1 {
        return chars[1..].iter().collect::<String>().trim_start_matches(['、', '.', '．', ' ']).trim().to_string();
    }
    let paren = matches!(chars.first(), Some('（' | '('));
    let start = usize::from(paren);
    let is_numeral = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c) || "零一二三四五六七八九十".contains(c);
    let end = start + chars[start..].iter().take_while(|c| is_numeral(**c)).count();
    if end == start || end >= chars.len() {
        return t.to_string();
    }
    let number: String = chars[start..end].iter().collect();
    let arabic = number.chars().all(|c| !"零一二三四五六七八九十".contains(c));
    let ok = match chars[end] {
        '）' | ')' => paren || arabic,
        '.' | '．' => !paren && arabic,
        '、' => !paren,
        _ => false,
    };
    if ok && chinese_number(&number).is_some() {
        chars[end + 1..].iter().collect::<String>().trim().to_string()
    } else {
        t.to_string()
    }
}

/// Longest first sentence that is taken for a measure's title.
const TITLE_CHARS: usize = 30;

/// A measure cell that starts with its title (“锁定培育目标。针对……”, “锁定培育目标：针对……”, or
/// the title on a line of its own) split into (title, text), the item number dropped.
/// `None` when the cell does not start with a short sentence.
pub fn title_and_text(cell: &str) -> Option<(String, String)> {
    let cell = strip_item_number(cell.trim_start_matches(|c: char| c.is_whitespace() || is_invisible(c)));
    if let Some((first, rest)) = cell.split_once('\n') {
        let first = clean_text(first);
        let rest = clean_text(rest);
        let sentence = first.trim_end_matches(['。', '：', ':', '；', ';']);
        if !sentence.is_empty() && sentence.chars().count() <= TITLE_CHARS && !sentence.contains(['，', ',']) && !rest.is_empty() {
            return Some((sentence.to_string(), rest));
        }
    }
    let text = clean_text(&cell);
    let (at, mark) = text.char_indices().find(|(_, c)| matches!(c, '。' | '：' | ':' | '；' | ';'))?;
    let title = text[..at].trim();
    let rest = text[at + mark.len_utf8()..].trim();
    (!title.is_empty() && title.chars().count() <= TITLE_CHARS && !title.contains(['，', ',']) && !rest.is_empty())
        .then(|| (title.to_string(), rest.to_string()))
}

/// A title made from a measure text that has no title sentence: its first clause, shortened.
pub fn derived_title(text: &str) -> String {
    let first = clean_text(&strip_item_number(text));
    let clause = first.split(['，', ',', '。', '；', ';']).next().unwrap_or("").trim();
    let short: String = clause.chars().take(16).collect();
    if short.chars().count() < clause.chars().count() {
        format!("{short}…")
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_split_outside_parentheses_only() {
        let cases: &[(&str, &[&str])] = &[
            (
                "市工业和信息化局、市地方金融监管局、各县（市、区）政府",
                &["市工业和信息化局", "市地方金融监管局", "各县（市、区）政府"],
            ),
            (
                "市科技局，市工业和信息化局,市市场监管局",
                &["市科技局", "市工业和信息化局", "市市场监管局"],
            ),
            (
                "市工业和信息化局\n市商务局\r\n",
                &["市工业和信息化局", "市商务局"],
            ),
            (
                "市工业和信息化局（牵头）；各县(市、区)政府",
                &["市工业和信息化局", "各县（市、区）政府"],
            ),
            (
                "牵头单位：市发展改革委 配合单位：市财政局",
                &["市发展改革委", "市财政局"],
            ),
            ("市工业和信息化局、市工业和信息化局", &["市工业和信息化局"]),
            ("", &[]),
        ];
        for (input, want) in cases {
            assert_eq!(
                split_units(input),
                want.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                "{input}"
            );
        }
    }

    #[test]
    fn deadlines_are_derived_from_the_text() {
        let cases = [
            ("长期坚持", Some("长期坚持")),
            ("长期", Some("长期坚持")),
            ("持续推进", Some("长期坚持")),
            ("每年", Some("每年")),
            ("每年年底前", Some("每年")),
            ("2023年底", Some("2023年底")),
            ("2023年12月底前", Some("2023年底")),
            ("2025.12", Some("2025年底")),
            ("2023-12-31", Some("2023年底")),
            ("２０２５年", Some("2025年底")),
            ("2023年底、2025年底", Some("2025年底")),
            ("2025", Some("2025年底")),
            ("尽快", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(normalize_deadline(input).as_deref(), want, "{input}");
        }
    }

    #[test]
    fn action_labels_give_number_and_name() {
        let cases = [
            ("（一）企业上市行动", (Some(1), "企业上市行动")),
            ("(六)特色提升行动", (Some(6), "特色提升行动")),
            ("三、产业升级行动", (Some(3), "产业升级行动")),
            ("行动二：科技赋能行动", (Some(2), "科技赋能行动")),
            ("4.强链补链行动", (Some(4), "强链补链行动")),
            ("金融助力行动", (None, "金融助力行动")),
            ("（十二）测试行动", (Some(12), "测试行动")),
        ];
        for (input, (n, name)) in cases {
            assert_eq!(parse_action_label(input), (n, name.to_string()), "{input}");
        }
    }

    #[test]
    fn group_rows_and_notes_are_told_apart() {
        let cases = [
            ("（一）企业上市行动", true, false),
            ("金融助力行动", true, false),
            (
                "注：以上各项任务均需各县（市、区）政府落实，不再列出。",
                false,
                true,
            ),
            ("填表说明：请如实填写", false, true),
            ("邢台市特色产业集群“领跑者”企业培育任务分工表", false, false),
        ];
        for (text, action, note) in cases {
            assert_eq!(
                (looks_like_action(text), is_note(text)),
                (action, note),
                "{text}"
            );
        }
    }

    #[test]
    fn texts_are_cleaned_and_numbering_stripped() {
        assert_eq!(
            clean_text(" 推动“领跑者”企业上云上平台；\n鼓励消费品 \r\n"),
            "推动“领跑者”企业上云上平台；鼓励消费品"
        );
        assert_eq!(clean_text("锁定\u{00A0}培育目标\u{200B}"), "锁定培育目标");
        for (input, want) in [
            ("1.锁定培育目标", "锁定培育目标"),
            ("（2）精准培训辅导", "精准培训辅导"),
            ("(2)精准培训辅导", "精准培训辅导"),
            ("2）精准培训辅导", "精准培训辅导"),
            ("3、规范股改提升", "规范股改提升"),
            ("12．强化人才支撑", "强化人才支撑"),
            ("（一）锁定培育目标", "锁定培育目标"),
            ("(三)锁定培育目标", "锁定培育目标"),
            ("一、锁定培育目标", "锁定培育目标"),
            ("十二、锁定培育目标", "锁定培育目标"),
            ("②精准培训辅导", "精准培训辅导"),
            ("一.锁定", "一.锁定"),
            ("2023年建成", "2023年建成"),
            ("首台（套）", "首台（套）"),
            ("一企一策", "一企一策"),
            ("十分重要", "十分重要"),
        ] {
            assert_eq!(strip_item_number(input), want, "{input}");
        }
        assert_eq!(chinese_number("十一"), Some(11));
        assert_eq!(chinese_number("二十"), Some(20));
    }

    #[test]
    fn a_title_is_the_first_sentence_of_a_measure_cell() {
        let pair = |t: &str, x: &str| Some((t.to_string(), x.to_string()));
        let cases = [
            ("锁定培育目标。针对上海、深圳证券交易所不同板块，遴选30家企业。", pair("锁定培育目标", "针对上海、深圳证券交易所不同板块，遴选30家企业。")),
            ("（1）锁定培育目标。针对板块。", pair("锁定培育目标", "针对板块。")),
            ("1.精准培训辅导：组织专业团队。", pair("精准培训辅导", "组织专业团队。")),
            ("锁定培育目标\n针对板块，\n遴选企业。", pair("锁定培育目标", "针对板块，遴选企业。")),
            ("一、规范股改提升；引导企业。", pair("规范股改提升", "引导企业。")),
            ("针对上海、深圳、北京证券交易所不同板块上市条件，组织对特色产业集群头部企业调研摸底。", None),
            ("只有标题。", None),
            ("", None),
        ];
        for (cell, want) in cases {
            assert_eq!(title_and_text(cell), want, "{cell}");
        }
        assert_eq!(derived_title("针对上海、深圳、北京证券交易所不同板块上市条件，组织调研"), "针对上海、深圳、北京证券交易所不…");
        assert_eq!(derived_title("（3）加快建设，推进"), "加快建设");
    }
}
