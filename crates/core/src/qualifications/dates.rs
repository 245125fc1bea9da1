//! The rule of validity: dates known to the day, month or year; when a certificate ends; and
//! whether it is valid on a day, once in Rust and once as SQL for the counts and filters.
//!
//! A certificate counts in year Y when it is valid on Y's reference day: the last day of Y
//! (31 December), or today for the current year. It is valid on a day when it was obtained on
//! or before it (认定时间 known to the year only: from 1 January), its 有效期至 has not passed
//! (known to the month or year: through the end of that month or year; none: no end), it was not
//! revoked on or before the day, and no 复核 on or before the day failed. A passed 复核 moves
//! 有效期至 one period on. So a 专精特新 obtained 2021-06 (valid to 2024-06) counts in 2023 and not in
//! 2025, unless a 复核 passed.
use crate::error::{CoreError, Result};
use chrono::{Datelike, Months, NaiveDate};

/// The results a 复核 records.
pub const REVIEW_RESULTS: &[&str] = &["通过", "未通过"];

/// A 复核结果 as written (复核通过, 不通过, 未通过复核 …) in its one form.
pub fn review_result(text: &str) -> Option<&'static str> {
    let t = crate::sheet::text::compact(text);
    if t.contains("未通过") || t.contains("不通过") || t.contains("不合格") {
        Some("未通过")
    } else if t.contains("通过") || t.contains("合格") {
        Some("通过")
    } else {
        None
    }
}

/// A date typed or read (2021, 2021-06, 2021年6月, 2021/6/15) as ISO text of its own precision.
pub(crate) fn partial_date(text: &str, what: &str) -> Result<String> {
    crate::enterprise::import::values::date_text(text.trim())
        .ok_or_else(|| CoreError::Invalid(format!("{what}“{}”应写成 2021、2021-06 或 2021-06-15", text.trim())))
}

/// The first day a date of any precision stands for (2021 → 2021-01-01).
fn first_day(date: &str) -> Option<NaiveDate> {
    match date.len() {
        4 => NaiveDate::from_ymd_opt(date.parse().ok()?, 1, 1),
        7 => NaiveDate::parse_from_str(&format!("{date}-01"), "%Y-%m-%d").ok(),
        _ => NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
    }
}

/// The last day a 有效期至 of any precision stands for (2024 → 2024-12-31, 2024-06 → 2024-06-30).
pub fn ends_on(date: &str) -> Option<NaiveDate> {
    match date.len() {
        4 => NaiveDate::from_ymd_opt(date.parse().ok()?, 12, 31),
        7 => first_day(date)?.checked_add_months(Months::new(1))?.pred_opt(),
        _ => first_day(date),
    }
}

/// `years` after a date, in the date's precision (2021-06 + 3 → 2024-06; 29 Feb → 28 Feb).
pub(crate) fn add_years(date: &str, years: i64) -> Option<String> {
    let y: i64 = date.get(..4)?.parse().ok()?;
    let rest = &date[4..];
    if date.len() == 10 {
        let d = first_day(date)?.checked_add_months(Months::new((years * 12) as u32))?;
        return Some(d.format("%Y-%m-%d").to_string());
    }
    Some(format!("{}{rest}", y + years))
}

/// Today on this computer's clock (what the counts of the current year look at).
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The day a count for `year` looks at: today in the current year, otherwise 31 December.
pub fn reference_day(year: i64, today: NaiveDate) -> NaiveDate {
    if year == today.year() as i64 {
        today
    } else {
        NaiveDate::from_ymd_opt(year as i32, 12, 31).unwrap_or(today)
    }
}

/// What the rule of validity looks at in a certificate.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Validity {
    pub obtained_on: Option<String>,
    pub valid_until: Option<String>,
    pub revoked_on: Option<String>,
    pub review_on: Option<String>,
    pub review_result: Option<String>,
}

impl Validity {
    /// Whether it is valid on `day` (the same rule as [`valid_sql`]).
    pub fn valid_on(&self, day: NaiveDate) -> bool {
        let on_or_before = |d: &Option<String>| d.as_deref().and_then(first_day).is_some_and(|d| d <= day);
        (self.obtained_on.is_none() || on_or_before(&self.obtained_on))
            && self.valid_until.as_deref().is_none_or(|u| ends_on(u).is_some_and(|e| e >= day))
            && !on_or_before(&self.revoked_on)
            && !(self.review_result.as_deref() == Some("未通过") && (self.review_on.is_none() || on_or_before(&self.review_on)))
    }

    /// Whether it counts in `year` (valid on the year's reference day).
    pub fn valid_in(&self, year: i64, today: NaiveDate) -> bool {
        self.valid_on(reference_day(year, today))
    }

    pub fn obtained_year(&self) -> Option<i64> {
        self.obtained_on.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok())
    }
}

/// The rule above as a condition on the certificate row `q` for the day `day` (an SQL expression
/// of ISO text: a parameter or a literal); `deleted_at` rows (回收站) never count.
pub fn valid_sql(q: &str, day: &str) -> String {
    format!(
        "({q}.deleted_at IS NULL
          AND ({q}.obtained_on IS NULL OR {q}.obtained_on <= {day})
          AND ({q}.valid_until IS NULL OR (CASE length({q}.valid_until) WHEN 4 THEN {q}.valid_until || '-12-31'
                WHEN 7 THEN {q}.valid_until || '-31' ELSE {q}.valid_until END) >= {day})
          AND ({q}.revoked_on IS NULL OR {q}.revoked_on > {day})
          AND NOT ({q}.review_result IS '未通过' AND ({q}.review_on IS NULL OR {q}.review_on <= {day})))"
    )
}

/// A certificate held now in the summary's sense: not revoked, not failed at 复核, not deleted
/// (its 有效期 aside: that is what [`valid_sql`] adds).
pub const LIVE_SQL: &str = "q.revoked_on IS NULL AND q.review_result IS NOT '未通过' AND q.deleted_at IS NULL";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_of_each_precision() {
        assert_eq!(add_years("2021-06", 3).as_deref(), Some("2024-06"));
        assert_eq!(add_years("2021", 3).as_deref(), Some("2024"));
        assert_eq!(add_years("2020-02-29", 3).as_deref(), Some("2023-02-28"));
        assert_eq!(ends_on("2024-06"), NaiveDate::from_ymd_opt(2024, 6, 30));
        assert_eq!(ends_on("2024"), NaiveDate::from_ymd_opt(2024, 12, 31));
        assert_eq!(ends_on("2024-02-15"), NaiveDate::from_ymd_opt(2024, 2, 15));
        let today = NaiveDate::from_ymd_opt(2026, 5, 4).unwrap();
        assert_eq!(reference_day(2026, today), today);
        assert_eq!(reference_day(2023, today), NaiveDate::from_ymd_opt(2023, 12, 31).unwrap());
        assert_eq!(partial_date("2021年6月", "认定时间").unwrap(), "2021-06");
        assert!(partial_date("去年", "认定时间").unwrap_err().to_string().contains("认定时间“去年”"));
        assert_eq!(review_result("复核通过"), Some("通过"));
        assert_eq!(review_result("未通过复核"), Some("未通过"));
        assert_eq!(review_result("待定"), None);
    }
}
