//! Deadlines as the plan writes them (长期坚持 / 每年 / YYYY年底) read within the plan's period,
//! report periods (month or quarter) and the yearly amount a measure promises, read from its text.
//! A measure due in a past year is 已完成 or 逾期未完成 (missed, once), never a renewed alarm.
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::DUE_SOON_DAYS;

/// The number a measure promises each year, read from its text.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct QuantityTarget {
    pub amount: f64,
    /// 家 / 项 / 个 …
    pub unit: String,
    /// The phrase it was read from, e.g. 每年推动5家企业完成股份制改造.
    pub text: String,
}

/// Today in local time, for the functions that classify deadlines.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// A period as stored: `2026-11` (month) or `2026Q4` (quarter). Accepts 2026-1, 2026/11,
/// 2026年11月, 2026q4, 2026-Q4, 2026年第四季度 / 2026年四季度.
pub fn normalize_period(s: &str) -> Option<String> {
    let t: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let year: i32 = t.get(0..4)?.parse().ok()?;
    if !(2000..2100).contains(&year) {
        return None;
    }
    let rest = t[4..].trim_start_matches(['-', '/', '.', '年']);
    if let Some(q) = rest
        .strip_prefix('Q')
        .or_else(|| rest.strip_prefix("第"))
        .map(|q| q.trim_end_matches("季度"))
    {
        let q = quarter(q)?;
        return Some(format!("{year}Q{q}"));
    }
    if let Some(q) = rest.strip_suffix("季度") {
        let q = quarter(q)?;
        return Some(format!("{year}Q{q}"));
    }
    let m: u32 = rest.trim_end_matches('月').parse().ok()?;
    (1..=12).contains(&m).then(|| format!("{year}-{m:02}"))
}

fn quarter(q: &str) -> Option<u32> {
    let n = crate::tasks::import::chinese_number(q.trim_start_matches('第'))?;
    (1..=4).contains(&n).then_some(n as u32)
}

/// The last day of a period (used to order periods and to tell which year a report is for).
pub fn period_end(period: &str) -> Option<NaiveDate> {
    let p = normalize_period(period)?;
    let year: i32 = p[0..4].parse().ok()?;
    let month = match p.split_once('Q') {
        Some((_, q)) => q.parse::<u32>().ok()? * 3,
        None => p[5..].parse().ok()?,
    };
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next?.pred_opt()
}

/// The years a work plan runs (deadlines are read within them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanYears {
    pub start: i64,
    pub end: i64,
}

impl PlanYears {
    /// The plan's last year is behind `today`.
    pub fn ended(self, today: NaiveDate) -> bool {
        today.year() as i64 > self.end
    }
    /// The year a 每年 measure is judged for: this year, or the plan's last year once it ended.
    pub fn current_year(self, today: NaiveDate) -> i64 {
        (today.year() as i64).clamp(self.start, self.end)
    }
}

/// When a measure is due, seen from `today` within the plan's years: 每年 → 31 December of this
/// year (of the plan's last year once it ended), YYYY年底 → 31 December of YYYY, 长期坚持 (or
/// anything else) → never.
pub fn due_date(deadline: &str, today: NaiveDate, years: PlanYears) -> Option<NaiveDate> {
    match crate::tasks::import::normalize_deadline(deadline)?.as_str() {
        "长期坚持" => None,
        "每年" => NaiveDate::from_ymd_opt(years.current_year(today) as i32, 12, 31),
        d => NaiveDate::from_ymd_opt(d.trim_end_matches("年底").parse().ok()?, 12, 31),
    }
}

/// How urgent a measure is for a unit, given its deadline and latest reported status (and the
/// period of that report: for 每年 measures only a 已完成 of the year judged counts).
/// done / overdue (this year's, or reported 滞后) / missed (fell due in a past year or the plan
/// ended undone: 逾期未完成) / due_soon / on_track / long_term.
pub fn classify(
    deadline: &str,
    status: Option<&str>,
    period: Option<&str>,
    today: NaiveDate,
    years: PlanYears,
) -> &'static str {
    let yearly = crate::tasks::import::normalize_deadline(deadline).as_deref() == Some("每年");
    let judged_year = period
        .and_then(period_end)
        .map(|d| d.year() as i64 == years.current_year(today))
        .unwrap_or(false);
    if status == Some("已完成") && (!yearly || judged_year) {
        return "done";
    }
    let due = due_date(deadline, today, years);
    if years.ended(today) {
        return if due.is_some() { "missed" } else { "long_term" };
    }
    if status == Some("滞后") {
        return "overdue";
    }
    match due {
        None => "long_term",
        Some(due) if due < today && (due.year() as i64) < today.year() as i64 => "missed",
        Some(due) if due < today => "overdue",
        Some(due) if (due - today).num_days() <= DUE_SOON_DAYS => "due_soon",
        Some(_) => "on_track",
    }
}

/// The yearly number a measure promises (每年推动5家企业完成股份制改造 → 5 家), if any.
pub fn quantity_target(content: &str) -> Option<QuantityTarget> {
    const MEASURE_WORDS: &str = "家项个次户场件名批";
    for (start, _) in content.match_indices("每年") {
        let phrase: String = content[start..]
            .chars()
            .take_while(|c| !matches!(c, '；' | '。' | ';'))
            .collect();
        let chars: Vec<char> = phrase.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i].is_ascii_digit() {
                let s = i;
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                    i += 1;
                }
                if let Some(mw) = chars.get(i).filter(|c| MEASURE_WORDS.contains(**c)) {
                    let amount: f64 = chars[s..i].iter().collect::<String>().parse().ok()?;
                    let end = chars[i..]
                        .iter()
                        .position(|c| matches!(c, '、' | '，' | ','))
                        .map(|p| p + i)
                        .unwrap_or(chars.len());
                    return Some(QuantityTarget {
                        amount,
                        unit: mw.to_string(),
                        text: chars[..end].iter().collect(),
                    });
                }
            } else {
                i += 1;
            }
        }
    }
    None
}
