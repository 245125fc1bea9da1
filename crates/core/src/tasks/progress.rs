//! Progress of the task table: per measure × responsible unit or county × period (month or
//! quarter), with deadlines understood (长期坚持 / 每年 / YYYY年底), overdue and due-soon flags,
//! and counts per unit and per county.
use crate::audit;
use crate::error::{CoreError, Result};
use crate::store::{now_text, Store};
use crate::tasks::{list_tasks, Task};
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The four states of a measure's progress, in the order the UI offers them.
pub const STATUSES: [&str; 4] = ["未启动", "推进中", "已完成", "滞后"];
/// A measure whose due date is this close (days) is “due soon” (amber).
pub const DUE_SOON_DAYS: i64 = 30;
/// The unit in the plan's sheet that stands for every county government.
pub const ALL_COUNTIES_UNIT: &str = "各县（市、区）政府";

/// One progress record as stored, with the measure it belongs to.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct TaskProgress {
    pub id: i64,
    pub task_id: i64,
    pub action_no: i64,
    pub measure_no: i64,
    pub title: String,
    pub unit: String,
    pub period: String,
    pub status: String,
    pub text: String,
    pub percent: Option<f64>,
    pub date: Option<String>,
    pub operator: String,
    pub updated_at: String,
}

/// What the progress form sends. `percent` directly, or `done` (with `target`, else the
/// measure's yearly number, e.g. 每年推动5家企业 → 5) to compute it: 3 of 5 → 60.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProgressInput {
    pub task_id: i64,
    pub unit: String,
    pub period: String,
    pub status: String,
    #[serde(default)]
    pub text: String,
    #[ts(optional)]
    pub percent: Option<f64>,
    #[ts(optional)]
    pub done: Option<f64>,
    #[ts(optional)]
    pub target: Option<f64>,
    /// ISO date of the report; today when absent.
    #[ts(optional)]
    pub date: Option<String>,
}

/// Filters for listing progress; all optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProgressQuery {
    #[ts(optional)]
    pub task_id: Option<i64>,
    #[ts(optional)]
    pub unit: Option<String>,
    #[ts(optional)]
    pub period: Option<String>,
}

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

/// One measure for one responsible unit or county: its latest progress and how urgent it is.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct TaskUnitStatus {
    pub task_id: i64,
    pub action_no: i64,
    pub action: String,
    pub measure_no: i64,
    pub title: String,
    pub deadline: String,
    pub due_date: Option<String>,
    pub unit: String,
    pub is_county: bool,
    pub is_lead: bool,
    /// 未填报 when nothing was reported yet, else the latest status.
    pub status: String,
    /// done / overdue / due_soon / on_track / long_term
    pub urgency: String,
    pub latest: Option<TaskProgress>,
}

/// Counts for one unit or county.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ProgressSummary {
    pub unit: String,
    pub is_county: bool,
    pub total: i64,
    pub not_reported: i64,
    pub not_started: i64,
    pub in_progress: i64,
    pub done: i64,
    pub lagging: i64,
    pub overdue: i64,
    pub due_soon: i64,
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

/// When a measure is due, seen from `today`: 每年 → 31 December of this year, YYYY年底 →
/// 31 December of YYYY, 长期坚持 (or anything else) → never.
pub fn due_date(deadline: &str, today: NaiveDate) -> Option<NaiveDate> {
    match crate::tasks::import::normalize_deadline(deadline)?.as_str() {
        "长期坚持" => None,
        "每年" => NaiveDate::from_ymd_opt(today.year(), 12, 31),
        d => NaiveDate::from_ymd_opt(d.trim_end_matches("年底").parse().ok()?, 12, 31),
    }
}

/// How urgent a measure is for a unit, given its deadline and latest reported status (and the
/// period of that report: for 每年 measures only this year's 已完成 counts).
pub fn classify(
    deadline: &str,
    status: Option<&str>,
    period: Option<&str>,
    today: NaiveDate,
) -> &'static str {
    let yearly = crate::tasks::import::normalize_deadline(deadline).as_deref() == Some("每年");
    let this_year = period
        .and_then(period_end)
        .map(|d| d.year() == today.year())
        .unwrap_or(false);
    if status == Some("已完成") && (!yearly || this_year) {
        return "done";
    }
    if status == Some("滞后") {
        return "overdue";
    }
    match due_date(deadline, today) {
        None => "long_term",
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

fn county_names(store: &Store) -> Result<Vec<String>> {
    let mut stmt = store
        .conn
        .prepare("SELECT name FROM counties ORDER BY sort")?;
    let names = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

fn task_by_id(store: &Store, id: i64) -> Result<Task> {
    list_tasks(store)?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or_else(|| CoreError::NotFound(format!("没有编号为 {id} 的工作措施")))
}

/// A progress input checked against the store: unit, period, status, percent and date valid.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ValidProgress {
    pub task_id: i64,
    pub unit: String,
    pub period: String,
    pub status: String,
    pub text: String,
    pub percent: Option<f64>,
    pub date: String,
}

/// Checks a progress input (without writing): the unit must be one of the measure's responsible
/// units or a county, the period a month or quarter, the status one of [`STATUSES`].
pub(crate) fn validate(store: &Store, input: &ProgressInput) -> Result<ValidProgress> {
    let task = task_by_id(store, input.task_id)?;
    let unit = input.unit.trim().to_string();
    let counties = county_names(store)?;
    if unit.is_empty()
        || unit == ALL_COUNTIES_UNIT
        || !(task.units.contains(&unit) || counties.contains(&unit))
    {
        return Err(CoreError::Invalid(format!(
            "“{unit}”不是措施“{}”的责任单位，也不是县（市、区）名称",
            task.title
        )));
    }
    let period = normalize_period(&input.period).ok_or_else(|| {
        CoreError::Invalid(format!(
            "填报期间“{}”无法识别，应为月份（如 2026-11）或季度（如 2026Q4）",
            input.period
        ))
    })?;
    if !STATUSES.contains(&input.status.as_str()) {
        return Err(CoreError::Invalid(format!(
            "进展状态“{}”无效，应为未启动、推进中、已完成或滞后",
            input.status
        )));
    }
    let percent = match (input.percent, input.done) {
        (Some(p), _) => Some(p),
        (None, Some(done)) => {
            let target = input
                .target
                .or_else(|| quantity_target(&task.content).map(|q| q.amount))
                .ok_or_else(|| {
                    CoreError::Invalid(format!(
                        "措施“{}”没有量化目标，请直接填写完成比例",
                        task.title
                    ))
                })?;
            if target <= 0.0 {
                return Err(CoreError::Invalid("目标数必须大于 0".into()));
            }
            Some(((done / target * 1000.0).round() / 10.0).min(100.0))
        }
        (None, None) => None,
    };
    if let Some(p) = percent {
        if !(0.0..=100.0).contains(&p) {
            return Err(CoreError::Invalid(format!(
                "完成比例 {p} 超出 0–100 的范围"
            )));
        }
    }
    let date = match input
        .date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|_| {
                CoreError::Invalid(format!("填报日期“{d}”无效，应为 2026-11-30 这样的日期"))
            })?
            .to_string(),
        None => today().to_string(),
    };
    Ok(ValidProgress {
        task_id: task.id,
        unit,
        period,
        status: input.status.clone(),
        text: input.text.trim().to_string(),
        percent,
        date,
    })
}

/// The stored record for the same measure, unit and period, if any.
pub(crate) fn existing(store: &Store, v: &ValidProgress) -> Result<Option<TaskProgress>> {
    Ok(store
        .conn
        .query_row(
            &format!("{SELECT} WHERE p.task_id = ?1 AND p.unit = ?2 AND p.period = ?3"),
            params![v.task_id, v.unit, v.period],
            row_to_progress,
        )
        .optional()?)
}

/// A stored progress row: id, status, text, percent, date.
type StoredProgress = (i64, String, String, Option<f64>, Option<String>);

/// Inserts or updates one validated record inside `tx`, auditing each changed field.
pub(crate) fn write_progress(
    tx: &Transaction,
    v: &ValidProgress,
    operator: &str,
    now: &str,
    source: &str,
) -> Result<i64> {
    let key = format!("{}/{}/{}", v.task_id, v.unit, v.period);
    let old: Option<StoredProgress> = tx
        .query_row(
            "SELECT id, status, text, percent, date FROM task_progress WHERE task_id = ?1 AND unit = ?2 AND period = ?3",
            params![v.task_id, v.unit, v.period],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let stamp = audit::Stamp::new(now, operator, source);
    let audit = |field: Option<&str>, action: &str, old: Option<String>, new: Option<String>| {
        let entry = audit::Entry { action, table: "task_progress", key: &key, field, old: old.as_deref(), new: new.as_deref() };
        audit::record(tx, &stamp, entry)
    };
    let id = match old {
        Some((id, old_status, old_text, old_percent, old_date)) => {
            tx.execute(
                "UPDATE task_progress SET status = ?1, text = ?2, percent = ?3, date = ?4, operator = ?5, updated_at = ?6 WHERE id = ?7",
                params![v.status, v.text, v.percent, v.date, operator, now, id],
            )?;
            let fmt = |p: Option<f64>| p.map(|p| p.to_string());
            for (field, o, n) in [
                ("status", Some(old_status), Some(v.status.clone())),
                ("text", Some(old_text), Some(v.text.clone())),
                ("percent", fmt(old_percent), fmt(v.percent)),
                ("date", old_date, Some(v.date.clone())),
            ] {
                if o != n {
                    audit(Some(field), "update", o, n)?;
                }
            }
            id
        }
        None => {
            tx.execute(
                "INSERT INTO task_progress(task_id, unit, period, status, text, percent, date, operator, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                params![v.task_id, v.unit, v.period, v.status, v.text, v.percent, v.date, operator, now],
            )?;
            let id = tx.last_insert_rowid();
            audit(
                None,
                "insert",
                None,
                Some(format!("{}：{}", v.status, v.text)),
            )?;
            id
        }
    };
    Ok(id)
}

/// Records (or replaces) the progress of one measure for one unit and period, in one audited
/// transaction; returns the stored record.
pub fn upsert_progress(store: &mut Store, input: &ProgressInput) -> Result<TaskProgress> {
    let v = validate(store, input)?;
    let operator = store.operator()?;
    let tx = store.conn.transaction()?;
    let id = write_progress(&tx, &v, &operator, &now_text(), "进展填报")?;
    tx.commit()?;
    get_progress(store, id)
}

/// Deletes one progress record (audited).
pub fn delete_progress(store: &mut Store, id: i64) -> Result<()> {
    let p = get_progress(store, id)?;
    let operator = store.operator()?;
    let tx = store.conn.transaction()?;
    tx.execute("DELETE FROM task_progress WHERE id = ?1", [id])?;
    let stamp = audit::Stamp::new(now_text(), operator, "进展填报");
    let key = format!("{}/{}/{}", p.task_id, p.unit, p.period);
    let old = format!("{}：{}", p.status, p.text);
    audit::record(&tx, &stamp, audit::Entry::row("delete", "task_progress", &key).values(Some(&old), None))?;
    tx.commit()?;
    Ok(())
}

const SELECT: &str = "SELECT p.id, p.task_id, t.action_no, t.measure_no, t.title, p.unit, p.period, p.status, p.text,
        p.percent, p.date, p.operator, p.updated_at
     FROM task_progress p JOIN tasks t ON t.id = p.task_id";

fn row_to_progress(r: &rusqlite::Row) -> rusqlite::Result<TaskProgress> {
    Ok(TaskProgress {
        id: r.get(0)?,
        task_id: r.get(1)?,
        action_no: r.get(2)?,
        measure_no: r.get(3)?,
        title: r.get(4)?,
        unit: r.get(5)?,
        period: r.get(6)?,
        status: r.get(7)?,
        text: r.get(8)?,
        percent: r.get(9)?,
        date: r.get(10)?,
        operator: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

pub fn get_progress(store: &Store, id: i64) -> Result<TaskProgress> {
    store
        .conn
        .query_row(&format!("{SELECT} WHERE p.id = ?1"), [id], row_to_progress)
        .optional()?
        .ok_or_else(|| CoreError::NotFound(format!("没有编号为 {id} 的进展记录")))
}

/// Progress records matching the query, by measure, unit, then period.
pub fn list_progress(store: &Store, q: &ProgressQuery) -> Result<Vec<TaskProgress>> {
    let period = match q.period.as_deref() {
        Some(p) => Some(
            normalize_period(p)
                .ok_or_else(|| CoreError::Invalid(format!("填报期间“{p}”无法识别")))?,
        ),
        None => None,
    };
    let mut stmt = store.conn.prepare(&format!(
        "{SELECT} WHERE (?1 IS NULL OR p.task_id = ?1) AND (?2 IS NULL OR p.unit = ?2) AND (?3 IS NULL OR p.period = ?3)
         ORDER BY t.action_no, t.measure_no, p.unit, p.period"
    ))?;
    let rows = stmt.query_map(params![q.task_id, q.unit, period], row_to_progress)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every measure × responsible unit, then every measure × county (every measure is every
/// county's job), with the latest report and its urgency as of `today`.
pub fn task_board(store: &Store, today: NaiveDate) -> Result<Vec<TaskUnitStatus>> {
    let tasks = list_tasks(store)?;
    let counties = county_names(store)?;
    let all = list_progress(store, &ProgressQuery::default())?;
    let mut out = Vec::new();
    let push = |t: &Task, unit: &str, is_county: bool, out: &mut Vec<TaskUnitStatus>| {
        let latest = all
            .iter()
            .filter(|p| p.task_id == t.id && p.unit == unit)
            .max_by_key(|p| (period_end(&p.period), p.updated_at.clone()))
            .cloned();
        let urgency = classify(
            &t.deadline,
            latest.as_ref().map(|p| p.status.as_str()),
            latest.as_ref().map(|p| p.period.as_str()),
            today,
        );
        out.push(TaskUnitStatus {
            task_id: t.id,
            action_no: t.action_no,
            action: t.action.clone(),
            measure_no: t.measure_no,
            title: t.title.clone(),
            deadline: t.deadline.clone(),
            due_date: due_date(&t.deadline, today).map(|d| d.to_string()),
            unit: unit.to_string(),
            is_county,
            is_lead: t.lead_unit == unit,
            status: latest
                .as_ref()
                .map(|p| p.status.clone())
                .unwrap_or_else(|| "未填报".into()),
            urgency: urgency.into(),
            latest,
        });
    };
    for t in &tasks {
        for u in t.units.iter().filter(|u| *u != ALL_COUNTIES_UNIT) {
            push(t, u, counties.contains(u), &mut out);
        }
    }
    for c in &counties {
        for t in &tasks {
            push(t, c, true, &mut out);
        }
    }
    Ok(out)
}

fn summarize(rows: &[TaskUnitStatus], units: &[String], is_county: bool) -> Vec<ProgressSummary> {
    units
        .iter()
        .map(|u| {
            let mut s = ProgressSummary {
                unit: u.clone(),
                is_county,
                ..Default::default()
            };
            for r in rows
                .iter()
                .filter(|r| &r.unit == u && r.is_county == is_county)
            {
                s.total += 1;
                match r.status.as_str() {
                    "未启动" => s.not_started += 1,
                    "推进中" => s.in_progress += 1,
                    "已完成" => s.done += 1,
                    "滞后" => s.lagging += 1,
                    _ => s.not_reported += 1,
                }
                match r.urgency.as_str() {
                    "overdue" => s.overdue += 1,
                    "due_soon" => s.due_soon += 1,
                    _ => {}
                }
            }
            s
        })
        .collect()
}

/// Counts per responsible unit (city departments, in order of first appearance in the table).
pub fn summary_by_unit(store: &Store, today: NaiveDate) -> Result<Vec<ProgressSummary>> {
    let rows = task_board(store, today)?;
    let mut units: Vec<String> = Vec::new();
    for r in rows.iter().filter(|r| !r.is_county) {
        if !units.contains(&r.unit) {
            units.push(r.unit.clone());
        }
    }
    Ok(summarize(&rows, &units, false))
}

/// Counts per county (each county answers for all measures), in the official county order.
pub fn summary_by_county(store: &Store, today: NaiveDate) -> Result<Vec<ProgressSummary>> {
    let rows = task_board(store, today)?;
    Ok(summarize(&rows, &county_names(store)?, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn input(task_id: i64, unit: &str, period: &str, status: &str) -> ProgressInput {
        ProgressInput {
            task_id,
            unit: unit.into(),
            period: period.into(),
            status: status.into(),
            text: "进展".into(),
            ..Default::default()
        }
    }

    #[test]
    fn periods_are_normalised() {
        let cases = [
            ("2026-11", Some("2026-11")),
            ("2026-1", Some("2026-01")),
            ("2026/11", Some("2026-11")),
            ("2026年11月", Some("2026-11")),
            ("2026q4", Some("2026Q4")),
            ("2026-Q4", Some("2026Q4")),
            ("2026年第四季度", Some("2026Q4")),
            ("2026年三季度", Some("2026Q3")),
            ("2026-13", None),
            ("2026Q5", None),
            ("明年", None),
        ];
        for (input, want) in cases {
            assert_eq!(normalize_period(input).as_deref(), want, "{input}");
        }
        assert_eq!(period_end("2026Q4"), Some(d("2026-12-31")));
        assert_eq!(period_end("2026-02"), Some(d("2026-02-28")));
    }

    #[test]
    fn deadlines_give_due_dates_and_urgency() {
        let today = d("2026-12-05");
        let cases = [
            ("长期坚持", None, None, None, "long_term"),
            ("每年", None, None, Some("2026-12-31"), "due_soon"),
            ("2023年底", None, None, Some("2023-12-31"), "overdue"),
            (
                "2023年底",
                Some("已完成"),
                Some("2023Q4"),
                Some("2023-12-31"),
                "done",
            ),
            (
                "每年",
                Some("已完成"),
                Some("2025Q4"),
                Some("2026-12-31"),
                "due_soon",
            ),
            (
                "每年",
                Some("已完成"),
                Some("2026-10"),
                Some("2026-12-31"),
                "done",
            ),
            (
                "2027年底",
                Some("推进中"),
                Some("2026-10"),
                Some("2027-12-31"),
                "on_track",
            ),
            (
                "2027年底",
                Some("滞后"),
                Some("2026-10"),
                Some("2027-12-31"),
                "overdue",
            ),
            ("长期坚持", Some("滞后"), Some("2026-10"), None, "overdue"),
        ];
        for (deadline, status, period, due, want) in cases {
            assert_eq!(due_date(deadline, today), due.map(d), "{deadline}");
            assert_eq!(
                classify(deadline, status, period, today),
                want,
                "{deadline} {status:?} {period:?}"
            );
        }
        assert_eq!(classify("每年", None, None, d("2026-06-01")), "on_track");
    }

    #[test]
    fn yearly_numbers_are_read_from_measure_texts() {
        let cases = [
            ("……依法协调解决股份制改造中涉及的相关手续和确权登记，每年推动5家企业完成股份制改造。", Some((5.0, "家", "每年推动5家企业完成股份制改造"))),
            ("每年新培育创新型中小企业400家、高新技术企业10家", Some((400.0, "家", "每年新培育创新型中小企业400家"))),
            ("力争每年打造1个特色产业集群联盟；发挥行业协会作用", Some((1.0, "个", "每年打造1个特色产业集群联盟"))),
            ("到2023年建成省级智能制造标杆企业1家", None),
        ];
        for (text, want) in cases {
            let got = quantity_target(text);
            assert_eq!(
                got.as_ref()
                    .map(|q| (q.amount, q.unit.as_str(), q.text.as_str())),
                want,
                "{text}"
            );
        }
    }

    #[test]
    fn progress_is_upserted_audited_and_listed() {
        let mut s = Store::open_in_memory().unwrap();
        let t = list_tasks(&s)
            .unwrap()
            .into_iter()
            .find(|t| t.title == "规范股改提升")
            .unwrap();
        let mut i = input(t.id, "市工业和信息化局", "2026年11月", "推进中");
        i.done = Some(3.0);
        let p = upsert_progress(&mut s, &i).unwrap();
        assert_eq!(
            (p.period.as_str(), p.percent, p.operator.as_str()),
            ("2026-11", Some(60.0), "本机用户")
        );
        i.status = "已完成".into();
        i.done = None;
        i.percent = Some(100.0);
        let p2 = upsert_progress(&mut s, &i).unwrap();
        assert_eq!(p2.id, p.id);
        let audits: Vec<(String, Option<String>)> = s
            .conn
            .prepare("SELECT action, field FROM audit_log WHERE table_name = 'task_progress' ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(
            audits,
            vec![
                ("insert".into(), None),
                ("update".into(), Some("status".into())),
                ("update".into(), Some("percent".into()))
            ]
        );
        upsert_progress(&mut s, &input(t.id, "清河县", "2026Q4", "滞后")).unwrap();
        assert_eq!(
            list_progress(
                &s,
                &ProgressQuery {
                    unit: Some("清河县".into()),
                    ..Default::default()
                }
            )
            .unwrap()
            .len(),
            1
        );
        assert_eq!(
            list_progress(
                &s,
                &ProgressQuery {
                    period: Some("2026-11".into()),
                    ..Default::default()
                }
            )
            .unwrap()
            .len(),
            1
        );
        delete_progress(&mut s, p.id).unwrap();
        assert_eq!(
            list_progress(&s, &ProgressQuery::default()).unwrap().len(),
            1
        );
    }

    #[test]
    fn bad_progress_input_is_refused() {
        let mut s = Store::open_in_memory().unwrap();
        let t = list_tasks(&s)
            .unwrap()
            .into_iter()
            .find(|t| t.title == "精准培训辅导")
            .unwrap();
        let mut no_number = input(t.id, "市工业和信息化局", "2026-11", "推进中");
        no_number.done = Some(2.0);
        let cases = [
            input(t.id, "市财政局", "2026-11", "推进中"),
            input(t.id, ALL_COUNTIES_UNIT, "2026-11", "推进中"),
            input(t.id, "市工业和信息化局", "下个月", "推进中"),
            input(t.id, "市工业和信息化局", "2026-11", "差不多"),
            input(9999, "市工业和信息化局", "2026-11", "推进中"),
            no_number,
        ];
        for (i, c) in cases.iter().enumerate() {
            assert!(upsert_progress(&mut s, c).is_err(), "case {i}");
        }
        assert!(list_progress(&s, &ProgressQuery::default())
            .unwrap()
            .is_empty());
    }

    #[test]
    fn summaries_count_per_unit_and_per_county() {
        let mut s = Store::open_in_memory().unwrap();
        let tasks = list_tasks(&s).unwrap();
        let first = &tasks[0]; // 锁定培育目标, 2023年底
        upsert_progress(
            &mut s,
            &input(first.id, "市工业和信息化局", "2026-10", "已完成"),
        )
        .unwrap();
        upsert_progress(&mut s, &input(first.id, "清河县", "2026-10", "推进中")).unwrap();
        let today = d("2026-11-26");
        let units = summary_by_unit(&s, today).unwrap();
        let miit = units.iter().find(|u| u.unit == "市工业和信息化局").unwrap();
        let measures_of_miit = tasks
            .iter()
            .filter(|t| t.units.contains(&"市工业和信息化局".to_string()))
            .count() as i64;
        assert_eq!(
            (miit.total, miit.done, miit.not_reported + miit.done),
            (measures_of_miit, 1, measures_of_miit)
        );
        assert!(units.iter().all(|u| u.unit != ALL_COUNTIES_UNIT));
        let counties = summary_by_county(&s, today).unwrap();
        assert_eq!(counties.len(), 20);
        let qinghe = counties.iter().find(|c| c.unit == "清河县").unwrap();
        assert_eq!((qinghe.total, qinghe.in_progress), (21, 1));
        let past_deadline = tasks
            .iter()
            .filter(|t| t.deadline == "2023年底" || t.deadline == "2025年底")
            .count() as i64;
        assert_eq!(qinghe.overdue, past_deadline);
        let board = task_board(&s, today).unwrap();
        let row = board
            .iter()
            .find(|r| r.task_id == first.id && r.unit == "市工业和信息化局")
            .unwrap();
        assert_eq!(
            (row.status.as_str(), row.urgency.as_str(), row.is_lead),
            ("已完成", "done", true)
        );
    }
}
