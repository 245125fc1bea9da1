//! The free words of county ledgers mapped to the ledger's lists (入企走访 → 入企服务, 贷款难 →
//! 融资, 企业反映 → 其他 …); a word no rule maps is kept as written. Dates as clerks write them,
//! months included (“2026年5月”: a deadline at the month's end, other dates at its start).
use super::super::workflow::{self, CATEGORIES, SATISFACTIONS, SOURCES};
use crate::sheet::text::compact;
use chrono::NaiveDate;

/// (list value, words that mean it), tried in order; a word matches when the cell contains it.
type Rules = &'static [(&'static str, &'static [&'static str])];

const SOURCE_WORDS: Rules = &[
    ("入企服务", &["入企", "走访", "上门", "实地", "调研", "现场", "把脉"]),
    ("座谈会", &["座谈", "会议", "恳谈", "对接会"]),
    ("电话", &["电话", "来电", "热线", "12345"]),
    ("平台", &["平台", "网上", "线上", "网络", "网站", "小程序", "微信", "信箱", "邮箱", "邮件", "APP"]),
    ("其他", &["反映", "来访", "来信", "信访", "转办", "交办", "自报", "上报", "推送"]),
];

const CATEGORY_WORDS: Rules = &[
    ("政策", &["政策", "补贴", "奖补", "税", "兑现", "扶持"]),
    ("融资", &["融资", "资金", "贷", "授信", "担保", "金融", "信贷", "上市"]),
    ("用地", &["用地", "土地", "厂房", "厂区", "规划", "不动产", "产权", "指标"]),
    ("用工", &["用工", "人才", "招工", "招聘", "技工", "工人", "人力", "劳动"]),
    ("审批", &["审批", "手续", "办证", "证照", "环评", "许可", "验收", "备案", "能评", "安评"]),
    ("技术", &["技术", "研发", "科技", "创新", "技改", "专利", "数字化", "智能"]),
    ("市场", &["市场", "销售", "订单", "营销", "出口", "品牌", "物流", "销路"]),
];

const SATISFACTION_WORDS: Rules = &[
    ("不满意", &["不满", "不太满意"]),
    ("基本满意", &["基本", "比较", "较满意", "一般"]),
    ("满意", &["满意", "很好"]),
];

/// A cell of a controlled column as read: the list value it means, whether a rule had to map
/// it, or the text as written when no rule maps it.
#[derive(Debug, Clone, PartialEq)]
pub enum Word {
    Listed(String),
    Mapped(String),
    Unlisted(String),
}

/// The ledger's columns with a list of values, what a clerk calls each, and its words.
#[derive(Debug, Clone, Copy)]
pub struct Vocabulary {
    pub label: &'static str,
    pub list: &'static [&'static str],
    rules: Rules,
    /// An unlisted word is stored as written (sources, categories) or left out (satisfaction,
    /// which the 办结率 statistics count by its three values).
    pub keeps_unlisted: bool,
}

pub const SOURCE: Vocabulary = Vocabulary { label: "问题来源", list: &SOURCES, rules: SOURCE_WORDS, keeps_unlisted: true };
pub const CATEGORY: Vocabulary = Vocabulary { label: "问题类别", list: &CATEGORIES, rules: CATEGORY_WORDS, keeps_unlisted: true };
pub const SATISFACTION: Vocabulary =
    Vocabulary { label: "企业满意度", list: &SATISFACTIONS, rules: SATISFACTION_WORDS, keeps_unlisted: false };

impl Vocabulary {
    pub fn read(&self, text: &str) -> Word {
        let key = compact(text).to_uppercase();
        if let Some(v) = self.list.iter().find(|v| **v == key) {
            return Word::Listed(v.to_string());
        }
        let mapped = self.rules.iter().find(|(_, words)| words.iter().any(|w| key.contains(w)));
        match mapped {
            Some((v, _)) => Word::Mapped(v.to_string()),
            None => Word::Unlisted(text.trim().to_string()),
        }
    }

    /// The warning a mapped or unlisted word gets (none for a listed one).
    pub fn warning(&self, text: &str, word: &Word) -> Option<String> {
        let (label, t) = (self.label, text.trim());
        match word {
            Word::Listed(_) => None,
            Word::Mapped(v) => Some(format!("{label}“{t}”按“{v}”导入")),
            Word::Unlisted(_) if self.keeps_unlisted => Some(format!("{label}“{t}”不在列表中（{}），按原文保存", self.list.join("、"))),
            Word::Unlisted(_) => Some(format!("{label}“{t}”不在列表中（{}），未导入该项", self.list.join("、"))),
        }
    }
}

impl Word {
    /// The value stored for the word under `vocab` (`None`: left out).
    pub fn value(self, vocab: &Vocabulary) -> Option<String> {
        match self {
            Word::Listed(v) | Word::Mapped(v) => Some(v),
            Word::Unlisted(v) => vocab.keeps_unlisted.then_some(v),
        }
    }
}

/// A date written in a ledger: a full date (2026-11-26, 2026年11月26日, 2026/11/26, 20261126),
/// an Excel day number, or a month (2026年5月, 2026.5, 2026-05) taken at its first day, or at
/// its last day for a deadline (`month_end`).
pub fn sheet_date(text: &str, what: &str, month_end: bool) -> crate::error::Result<NaiveDate> {
    let t = text.trim();
    let digits: Vec<&str> = t.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).collect();
    let month = match digits.as_slice() {
        [y, m] if y.len() == 4 && m.len() <= 2 => y.parse().ok().zip(m.parse().ok()),
        [ymd] if ymd.len() == 8 => return workflow::parse_date(&format!("{}-{}-{}", &ymd[..4], &ymd[4..6], &ymd[6..]), what),
        [serial] if t.len() == serial.len() && (20_000..80_000).contains(&serial.parse::<i64>().unwrap_or(0)) => {
            let base = NaiveDate::from_ymd_opt(1899, 12, 30).expect("a valid date");
            return Ok(base + chrono::Days::new(serial.parse().unwrap_or(0)));
        }
        _ => None,
    };
    let Some((y, m)) = month else { return workflow::parse_date(t, what) };
    let first = NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(|| {
        crate::error::CoreError::Invalid(format!("{what}“{t}”不是有效日期，请写成 2026-11-26 或 2026年11月"))
    })?;
    if !month_end {
        return Ok(first);
    }
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    Ok(NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|n| n.pred_opt()).unwrap_or(first))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_words_are_mapped_or_kept() {
        let listed = |s: &str| Word::Listed(s.into());
        let mapped = |s: &str| Word::Mapped(s.into());
        let cases = [
            (SOURCE, "入企服务", listed("入企服务")),
            (SOURCE, " 入企走访 ", mapped("入企服务")),
            (SOURCE, "上门调研", mapped("入企服务")),
            (SOURCE, "政企座谈", mapped("座谈会")),
            (SOURCE, "12345热线", mapped("电话")),
            (SOURCE, "冀时办平台", mapped("平台")),
            (SOURCE, "企业反映", mapped("其他")),
            (SOURCE, "县长接待日", Word::Unlisted("县长接待日".into())),
            (CATEGORY, "贷款难", mapped("融资")),
            (CATEGORY, "土地指标", mapped("用地")),
            (CATEGORY, "招工难", mapped("用工")),
            (CATEGORY, "环评手续", mapped("审批")),
            (CATEGORY, "出口退税", mapped("政策")),
            (CATEGORY, "产品销路窄", mapped("市场")),
            (CATEGORY, "奖补资金兑现", mapped("政策")),
            (CATEGORY, "流动资金紧张", mapped("融资")),
            (CATEGORY, "水电气暖", Word::Unlisted("水电气暖".into())),
            (SATISFACTION, "非常满意", mapped("满意")),
            (SATISFACTION, "比较满意", mapped("基本满意")),
            (SATISFACTION, "不太满意", mapped("不满意")),
            (SATISFACTION, "满意", listed("满意")),
        ];
        for (vocab, text, want) in cases {
            assert_eq!(vocab.read(text), want, "{} {text}", vocab.label);
        }
        let w = SOURCE.read("县长接待日");
        assert_eq!(SOURCE.warning("县长接待日", &w).unwrap(), "问题来源“县长接待日”不在列表中（入企服务、座谈会、电话、平台、其他），按原文保存");
        assert_eq!(SOURCE.warning("入企走访", &SOURCE.read("入企走访")).unwrap(), "问题来源“入企走访”按“入企服务”导入");
        assert_eq!(w.value(&SOURCE).as_deref(), Some("县长接待日"));
        let odd = SATISFACTION.read("还行吧");
        assert_eq!(SATISFACTION.warning("还行吧", &odd).unwrap(), "企业满意度“还行吧”不在列表中（满意、基本满意、不满意），未导入该项");
        assert_eq!(odd.value(&SATISFACTION), None);
    }

    #[test]
    fn dates_and_months_as_written() {
        let cases = [
            ("2026-11-26", false, Some("2026-11-26")),
            ("2026年11月26日", false, Some("2026-11-26")),
            ("20261126", false, Some("2026-11-26")),
            ("46000", false, Some("2025-12-09")),
            ("2026年5月", false, Some("2026-05-01")),
            ("2026年5月", true, Some("2026-05-31")),
            ("2026.2", true, Some("2026-02-28")),
            ("2026-12", true, Some("2026-12-31")),
            ("2026年13月", false, None),
            ("尽快", false, None),
        ];
        for (text, end, want) in cases {
            let got = sheet_date(text, "日期", end).ok().map(|d| d.to_string());
            assert_eq!(got.as_deref(), want, "{text}");
        }
    }
}
