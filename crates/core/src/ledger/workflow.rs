//! The problem ledger's state machine (征集 → 交办 → 对接服务 → 办结 → 销号, 退回 with a reason),
//! default deadlines by category and the traffic light of an open problem. Pure functions.
use crate::error::{CoreError, Result};
use chrono::NaiveDate;

pub const SOURCES: [&str; 5] = ["入企服务", "座谈会", "电话", "平台", "其他"];
pub const CATEGORIES: [&str; 8] = ["融资", "用地", "用工", "审批", "技术", "市场", "政策", "其他"];
pub const STATES: [&str; 6] = ["征集", "交办", "对接服务", "办结", "销号", "退回"];
pub const SATISFACTIONS: [&str; 3] = ["满意", "基本满意", "不满意"];
/// States in which a problem is with a unit and its deadline runs.
pub const OPEN_STATES: [&str; 2] = ["交办", "对接服务"];
/// States that count as 办结 in the 办结率.
pub const CLOSED_STATES: [&str; 2] = ["办结", "销号"];
/// A problem due within this many days shows amber.
pub const DUE_SOON_DAYS: i64 = 3;

/// What can be done to a problem; each names the state it leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Assign,
    Serve,
    Close,
    Confirm,
    Return,
}

impl Action {
    pub fn label(self) -> &'static str {
        match self {
            Action::Assign => "交办",
            Action::Serve => "对接服务",
            Action::Close => "办结",
            Action::Confirm => "销号",
            Action::Return => "退回",
        }
    }

    /// The states this action may start from.
    fn allowed_from(self) -> &'static [&'static str] {
        match self {
            Action::Assign => &["征集", "退回"],
            Action::Serve => &["交办", "对接服务"],
            Action::Close => &["对接服务"],
            Action::Confirm => &["办结"],
            Action::Return => &["交办", "对接服务", "办结"],
        }
    }
}

/// The state `action` leads to from `state`, or the Chinese reason it is refused.
pub fn next_state(state: &str, action: Action) -> Result<&'static str> {
    if action.allowed_from().contains(&state) {
        return Ok(action.label());
    }
    let why = match (state, action) {
        ("交办", Action::Close) => "尚未登记对接服务情况，不能办结，请先登记对接服务".to_string(),
        ("销号", _) => "已销号，不能再办理".to_string(),
        ("征集", _) => "尚未交办，请先交办到责任单位".to_string(),
        ("退回", _) => "已退回，请重新交办".to_string(),
        (_, Action::Confirm) => "尚未办结，不能销号".to_string(),
        (_, Action::Assign) => "已交办，不能重复交办".to_string(),
        _ => format!("不能{}", action.label()),
    };
    Err(CoreError::Invalid(format!("该问题当前状态为“{state}”：{why}")))
}

/// Changing the deadline of a problem that is with a unit (no state change).
pub const SET_DEADLINE: &str = "调整时限";

/// The actions the UI offers for a problem in `state`: the workflow steps allowed from it, and
/// 调整时限 while it is with a unit.
pub fn allowed_actions(state: &str) -> Vec<&'static str> {
    let mut actions: Vec<&'static str> = [Action::Assign, Action::Serve, Action::Close, Action::Confirm, Action::Return]
        .into_iter()
        .filter(|a| a.allowed_from().contains(&state))
        .map(Action::label)
        .collect();
    if OPEN_STATES.contains(&state) {
        actions.push(SET_DEADLINE);
    }
    actions
}

/// Days a unit has for a problem of `category` unless the assigner sets another deadline.
pub fn default_days(category: &str) -> i64 {
    match category {
        "审批" => 15,
        "融资" | "用工" | "政策" => 30,
        "技术" | "市场" => 60,
        "用地" => 90,
        _ => 30,
    }
}

/// The default deadline of a problem of `category` assigned on `assigned_on`.
pub fn default_deadline(category: &str, assigned_on: NaiveDate) -> NaiveDate {
    assigned_on + chrono::Duration::days(default_days(category))
}

/// The traffic light of a problem: `overdue` (red), `due_soon` (amber, within 3 days),
/// `on_time` (green) while with a unit; `closed` once 办结/销号; `none` before 交办 or after 退回.
pub fn light(state: &str, deadline: Option<NaiveDate>, today: NaiveDate) -> &'static str {
    if CLOSED_STATES.contains(&state) {
        return "closed";
    }
    match (OPEN_STATES.contains(&state), deadline) {
        (true, Some(d)) if d < today => "overdue",
        (true, Some(d)) if (d - today).num_days() <= DUE_SOON_DAYS => "due_soon",
        (true, _) => "on_time",
        _ => "none",
    }
}

/// Checks that `value` is one of `allowed`, else a Chinese message naming `what`.
pub fn one_of(value: &str, allowed: &[&str], what: &str) -> Result<String> {
    let v = value.trim();
    if allowed.contains(&v) {
        Ok(v.to_string())
    } else {
        Err(CoreError::Invalid(format!("{what}“{v}”无效，应为：{}", allowed.join("、"))))
    }
}

/// A date typed by the user (2026-11-26, 2026/11/26, 2026年11月26日, 2026.11.26) as a date.
pub fn parse_date(text: &str, what: &str) -> Result<NaiveDate> {
    let t = text.trim();
    let parts: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    let parsed = match parts.as_slice() {
        [y, m, d] => y.parse().ok().zip(m.parse().ok()).zip(d.parse().ok())
            .and_then(|((y, m), d)| NaiveDate::from_ymd_opt(y, m, d)),
        _ => None,
    };
    parsed.ok_or_else(|| CoreError::Invalid(format!("{what}“{t}”不是有效日期，请写成 2026-11-26")))
}

/// An ISO date as people read it: 2026-11-26 → 2026年11月26日 (other text unchanged).
pub fn date_cn(iso: Option<&str>) -> String {
    let Some(s) = iso else { return String::new() };
    let parts: Vec<&str> = s.get(..10).unwrap_or(s).split('-').collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => format!("{y}年{}月{}日", m.trim_start_matches('0'), d.trim_start_matches('0')),
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s, "日期").unwrap()
    }

    #[test]
    fn the_workflow_allows_the_documented_path_and_refuses_the_rest() {
        let path = [
            ("征集", Action::Assign, "交办"),
            ("交办", Action::Serve, "对接服务"),
            ("对接服务", Action::Serve, "对接服务"),
            ("对接服务", Action::Close, "办结"),
            ("办结", Action::Confirm, "销号"),
            ("办结", Action::Return, "退回"),
            ("退回", Action::Assign, "交办"),
        ];
        for (from, action, to) in path {
            assert_eq!(next_state(from, action).unwrap(), to, "{from} {action:?}");
        }
        let refused = [
            ("征集", Action::Close, "尚未交办"),
            ("交办", Action::Close, "尚未登记对接服务"),
            ("对接服务", Action::Confirm, "尚未办结"),
            ("销号", Action::Return, "已销号"),
            ("交办", Action::Assign, "不能重复交办"),
            ("退回", Action::Serve, "请重新交办"),
            ("征集", Action::Return, "尚未交办"),
        ];
        for (from, action, why) in refused {
            let e = next_state(from, action).unwrap_err().to_string();
            assert!(e.contains(why) && e.contains(from), "{from} {action:?}: {e}");
        }
        assert_eq!(allowed_actions("对接服务"), vec!["对接服务", "办结", "退回", "调整时限"]);
        assert_eq!(allowed_actions("办结"), vec!["销号", "退回"]);
        assert_eq!(allowed_actions("销号"), Vec::<&str>::new());
    }

    #[test]
    fn deadlines_default_by_category_and_lights_follow_them() {
        assert_eq!(default_deadline("审批", d("2026-11-01")), d("2026-11-16"));
        assert_eq!(default_deadline("用地", d("2026-11-01")), d("2027-01-30"));
        assert_eq!(default_deadline("未知", d("2026-11-01")), d("2026-12-01"));
        let today = d("2026-11-26");
        assert_eq!(light("交办", Some(d("2026-11-25")), today), "overdue");
        assert_eq!(light("对接服务", Some(d("2026-11-29")), today), "due_soon");
        assert_eq!(light("对接服务", Some(d("2026-11-26")), today), "due_soon");
        assert_eq!(light("交办", Some(d("2026-11-30")), today), "on_time");
        assert_eq!(light("办结", Some(d("2026-01-01")), today), "closed");
        assert_eq!(light("征集", None, today), "none");
        assert_eq!(light("退回", Some(d("2026-01-01")), today), "none");
    }

    #[test]
    fn dates_and_choices_are_checked_with_chinese_messages() {
        assert_eq!(d("2026年11月6日"), d("2026-11-06"));
        assert_eq!(d("2026/11/6"), d("2026.11.06"));
        assert_eq!(date_cn(Some("2026-01-05")), "2026年1月5日");
        assert_eq!(date_cn(Some("2026-11-26T10:00:00")), "2026年11月26日");
        assert_eq!((date_cn(None), date_cn(Some("长期"))), (String::new(), "长期".to_string()));
        assert!(parse_date("2026-02-30", "办理时限").unwrap_err().to_string().contains("办理时限"));
        assert!(one_of("用水", &CATEGORIES, "问题类别").unwrap_err().to_string().contains("融资、用地"));
        assert_eq!(one_of(" 融资 ", &CATEGORIES, "问题类别").unwrap(), "融资");
    }
}
