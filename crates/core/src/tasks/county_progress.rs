//! Reads back a county's filled-in version of the task table (exported by `export_tasks` with a
//! county) and records that county's progress for the period: preview first, then one transaction.
use crate::tasks::import::{map::RawProgress, read_sheet, SheetRead, TaskSheetRow};
use crate::sheet::report::{ImportReport, SheetIssue};
use crate::error::{CoreError, Result};
use crate::fingerprint::Hashed;
use crate::store::{now_text, Store};
use crate::tasks::progress::{
    existing, normalize_period, validate, write_progress, ProgressInput, ValidProgress,
};
use crate::tasks::{list_tasks, Task};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// One measure's reported progress as read, and what importing it does: insert / update /
/// unchanged.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct CountyProgressRow {
    pub row: u32,
    pub task_id: i64,
    pub action_no: i64,
    pub measure_no: i64,
    pub title: String,
    pub status: String,
    pub text: String,
    pub percent: Option<f64>,
    pub date: String,
    pub kind: String,
}

/// The preview or result of importing a county's progress sheet.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct CountyProgressReport {
    #[serde(flatten)]
    #[ts(flatten)]
    pub report: ImportReport,
    pub county: String,
    pub period: String,
    pub rows: Vec<CountyProgressRow>,
}

/// What importing a county's filled-in sheet would record. `county` and `period` are taken
/// from the sheet's title (as exported) when not given.
pub fn preview_county_progress(
    store: &Store,
    path: &Path,
    county: Option<&str>,
    period: Option<&str>,
) -> Result<CountyProgressReport> {
    Ok(preview_with_hash(store, path, county, period)?.report)
}

/// [`preview_county_progress`] with the SHA-256 of the file as read (give it back to
/// [`import_county_progress`]).
pub fn preview_with_hash(
    store: &Store,
    path: &Path,
    county: Option<&str>,
    period: Option<&str>,
) -> Result<Hashed<CountyProgressReport>> {
    let read = read_sheet(path)?;
    let file_hash = read.file_hash.clone();
    let county = sheet_county(store, &read, county)?;
    let period = sheet_period(&read, period)?;
    if read.mapped.progress.iter().all(|p| *p == RawProgress::default()) {
        return Err(CoreError::UnrecognizedLayout(format!(
            "{} 中没有“进展状态”或“进展情况”列，不是县级进展填报表",
            read.file
        )));
    }
    let tasks = list_tasks(store, crate::work_plans::current_plan_id(store)?)?;
    let counts = ImportReport {
        file_name: read.file,
        sheet: read.sheet,
        header_rows: read.header_rows,
        rejected: read.mapped.rejected,
        warnings: read.mapped.warnings,
        ..Default::default()
    };
    let mut report = CountyProgressReport { report: counts, county, period, rows: Vec::new() };
    for (t, p) in read.mapped.tasks.iter().zip(&read.mapped.progress) {
        if (p.status.is_empty() || p.status == "未填报") && p.text.is_empty() {
            continue;
        }
        let (county, period) = (report.county.as_str(), report.period.as_str());
        match review_row(store, &tasks, (county, period), t, p, &mut report.report.warnings)? {
            Ok(row) => {
                match row.kind.as_str() {
                    "insert" => report.report.inserted += 1,
                    "update" => report.report.updated += 1,
                    _ => report.report.unchanged += 1,
                }
                report.rows.push(row);
            }
            Err(issue) => report.report.rejected.push(issue),
        }
    }
    Ok(Hashed { report, file_hash })
}

/// The county the sheet is for: as given, else read from its title (or the units of its rows).
fn sheet_county(store: &Store, read: &SheetRead, given: Option<&str>) -> Result<String> {
    if let Some(c) = given.map(str::trim).filter(|c| !c.is_empty()) {
        return detect_county(store, c, "")?
            .ok_or_else(|| CoreError::Invalid(format!("“{c}”不是邢台市的县（市、区）名称")));
    }
    let units = read.mapped.tasks.first().map(|t| t.units.join("")).unwrap_or_default();
    detect_county(store, &read.title, &units)?.ok_or_else(|| {
        CoreError::Invalid(format!(
            "无法从 {} 的标题中看出是哪个县（市、区），请指定县（市、区）",
            read.file
        ))
    })
}

/// The period the sheet reports on: as given, else read from its title.
fn sheet_period(read: &SheetRead, given: Option<&str>) -> Result<String> {
    if let Some(p) = given.map(str::trim).filter(|p| !p.is_empty()) {
        return normalize_period(p).ok_or_else(|| {
            CoreError::Invalid(format!(
                "填报期间“{p}”无法识别，应为月份（如 2026-11）或季度（如 2026Q4）"
            ))
        });
    }
    detect_period(&read.title).ok_or_else(|| {
        CoreError::Invalid(format!(
            "无法从 {} 的标题中看出填报期间，请指定期间（如 2026-11 或 2026Q4）",
            read.file
        ))
    })
}

/// One filled-in row checked against the task table and the stored progress: the row it would
/// record (with insert / update / unchanged), or why it is rejected.
fn review_row(
    store: &Store,
    tasks: &[Task],
    (county, period): (&str, &str),
    t: &TaskSheetRow,
    p: &RawProgress,
    warnings: &mut Vec<SheetIssue>,
) -> Result<std::result::Result<CountyProgressRow, SheetIssue>> {
    let reject = |code: &str, message: String| {
        Ok(Err(SheetIssue { row: t.row, column: None, value: Some(p.status.clone()), code: code.into(), message }))
    };
    let Some(task) = tasks.iter().find(|s| s.action_no == t.action_no && s.measure_no == t.measure_no) else {
        return reject(
            "unknown_measure",
            format!("第{}项行动第{}条措施“{}”不在任务分工表中", t.action_no, t.measure_no, t.title),
        );
    };
    let Some(status) = normalize_status(&p.status, !p.text.is_empty()) else {
        return reject(
            "status_unrecognized",
            format!("进展状态“{}”无法识别，应为未启动、推进中、已完成或滞后", p.status),
        );
    };
    let date = parse_date(&p.date);
    if date.is_none() && !p.date.is_empty() {
        warnings.push(SheetIssue {
            row: t.row,
            column: None,
            value: Some(p.date.clone()),
            code: "date_unrecognized".into(),
            message: "填报日期无法识别，按今天记录".into(),
        });
    }
    let input = ProgressInput {
        task_id: task.id,
        unit: county.into(),
        period: period.into(),
        status: status.into(),
        text: p.text.clone(),
        percent: parse_percent(&p.percent),
        date: date.map(|d| d.to_string()),
        ..Default::default()
    };
    let v = match validate(store, &input) {
        Ok(v) => v,
        Err(e) => return reject("invalid", e.to_string()),
    };
    let kind = match existing(store, &v)? {
        None => "insert",
        Some(old)
            if old.status == v.status
                && old.text == v.text
                && old.percent == v.percent
                && (date.is_none() || old.date.as_deref() == Some(v.date.as_str())) =>
        {
            "unchanged"
        }
        Some(_) => "update",
    };
    Ok(Ok(CountyProgressRow {
        row: t.row,
        task_id: task.id,
        action_no: t.action_no,
        measure_no: t.measure_no,
        title: task.title.clone(),
        status: v.status,
        text: v.text,
        percent: v.percent,
        date: v.date,
        kind: kind.into(),
    }))
}

/// Records the county's progress read from `path` in one audited transaction; refused when
/// `previewed` (the preview's `file_hash`) is given and the bytes read now differ from it.
pub fn import_county_progress(
    store: &mut Store,
    path: &Path,
    county: Option<&str>,
    period: Option<&str>,
    previewed: Option<&str>,
) -> Result<CountyProgressReport> {
    let Hashed { report, file_hash } = preview_with_hash(store, path, county, period)?;
    crate::fingerprint::ensure_unchanged(&report.report.file_name, &file_hash, previewed)?;
    let operator = store.operator()?;
    let now = now_text();
    let source = format!("县级进展导入：{}", report.report.file_name);
    let tx = store.conn.transaction()?;
    for r in report.rows.iter().filter(|r| r.kind != "unchanged") {
        let v = ValidProgress {
            task_id: r.task_id,
            unit: report.county.clone(),
            period: report.period.clone(),
            status: r.status.clone(),
            text: r.text.clone(),
            percent: r.percent,
            date: r.date.clone(),
        };
        write_progress(&tx, &v, &operator, &now, &source)?;
    }
    tx.commit()?;
    Ok(report)
}

fn detect_county(store: &Store, title: &str, units: &str) -> Result<Option<String>> {
    let mut stmt = store
        .conn
        .prepare("SELECT name, aliases FROM counties ORDER BY sort")?;
    let counties: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for text in [title, units] {
        if let Some((name, _)) = counties.iter().find(|(n, _)| text.contains(n.as_str())) {
            return Ok(Some(name.clone()));
        }
    }
    for (name, aliases) in &counties {
        let aliases: Vec<String> = serde_json::from_str(aliases).unwrap_or_default();
        if aliases
            .iter()
            .any(|a| a.chars().count() > 1 && title.starts_with(a.as_str()))
        {
            return Ok(Some(name.clone()));
        }
    }
    Ok(None)
}

/// The period named in parentheses in a title: “…分工表（2026年11月）” → 2026-11.
fn detect_period(title: &str) -> Option<String> {
    title
        .split(['（', '('])
        .skip(1)
        .filter_map(|part| normalize_period(part.split(['）', ')']).next().unwrap_or("")))
        .last()
}

fn normalize_status(s: &str, has_text: bool) -> Option<&'static str> {
    let s = s.trim();
    match s {
        "" | "未填报" if has_text => Some("推进中"),
        _ if s.contains("完成") && !s.contains("未") => Some("已完成"),
        _ if s.contains("滞后") || s.contains("延期") || s.contains("逾期") => Some("滞后"),
        _ if s.contains("未启动") || s.contains("未开始") => Some("未启动"),
        _ if s.contains("推进") || s.contains("进行") || s.contains("实施中") => {
            Some("推进中")
        }
        _ => None,
    }
}

/// “60%”, “60” or 0.6 → 60.
fn parse_percent(s: &str) -> Option<f64> {
    let t = s.trim().trim_end_matches(['%', '％']);
    let v: f64 = t.trim().parse().ok()?;
    Some(if !s.contains(['%', '％']) && v > 0.0 && v < 1.0 {
        v * 100.0
    } else {
        v
    })
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    let t = s.trim().trim_end_matches('日');
    ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
}

#[cfg(test)]
mod tests {
    use crate::tasks::export::{export_tasks, TaskExportOptions};
    use super::*;
    use crate::tasks::progress::list_progress;

    #[test]
    fn cells_of_a_filled_in_sheet_are_understood() {
        for (s, text, want) in [
            ("已完成", false, Some("已完成")),
            ("完成", false, Some("已完成")),
            ("未完成", false, None),
            ("推进中", false, Some("推进中")),
            ("正在推进", false, Some("推进中")),
            ("滞后", false, Some("滞后")),
            ("未启动", false, Some("未启动")),
            ("", true, Some("推进中")),
            ("好", false, None),
        ] {
            assert_eq!(normalize_status(s, text), want, "{s}");
        }
        for (s, want) in [
            ("60%", Some(60.0)),
            ("60", Some(60.0)),
            ("0.6", Some(60.0)),
            ("１", None),
            ("", None),
        ] {
            assert_eq!(parse_percent(s), want, "{s}");
        }
        for (s, want) in [
            ("2026-11-30", Some("2026-11-30")),
            ("2026年11月30日", Some("2026-11-30")),
            ("2026.11.3", Some("2026-11-03")),
            ("下周", None),
        ] {
            assert_eq!(parse_date(s).map(|d| d.to_string()).as_deref(), want, "{s}");
        }
        assert_eq!(
            detect_period("清河县特色产业集群“领跑者”企业培育任务分工表（2026年第四季度）")
                .as_deref(),
            Some("2026Q4")
        );
        assert_eq!(detect_period("清河县任务分工表").as_deref(), None);
    }

    /// A county fills the exported county version; importing it records that county's progress.
    #[test]
    fn a_filled_in_county_version_imports_as_that_countys_progress() {
        let dir = tempfile::tempdir().unwrap();
        let blank = dir.path().join("清河县-空白.xlsx");
        let mut s = Store::open_in_memory().unwrap();
        export_tasks(
            &s,
            &blank,
            &TaskExportOptions {
                county: Some("清河县".into()),
                period: Some("2026-11".into()),
                plan_id: None,
            },
        )
        .unwrap();
        let r = preview_county_progress(&s, &blank, None, None).unwrap();
        assert_eq!(
            (r.county.as_str(), r.period.as_str(), r.rows.len()),
            ("清河县", "2026-11", 0)
        );

        let tasks = list_tasks(&s, 1).unwrap();
        let filled = dir.path().join("清河县-已填.xlsx");
        let input = ProgressInput {
            task_id: tasks[2].id,
            unit: "清河县".into(),
            period: "2026-11".into(),
            status: "推进中".into(),
            text: "已完成股改3家".into(),
            done: Some(3.0),
            date: Some("2026-11-20".into()),
            ..Default::default()
        };
        crate::work_plans::set_unlocked(&mut s, 1, true).unwrap();
        crate::tasks::progress::upsert_progress(&mut s, &input).unwrap();
        export_tasks(
            &s,
            &filled,
            &TaskExportOptions {
                county: Some("清河县".into()),
                period: Some("2026-11".into()),
                plan_id: None,
            },
        )
        .unwrap();
        let mut fresh = Store::open_in_memory().unwrap();
        let r = preview_county_progress(&fresh, &filled, None, None).unwrap();
        assert_eq!(
            (r.report.inserted, r.report.updated, r.report.unchanged, r.report.rejected.len()),
            (1, 0, 0, 0),
            "{:?}",
            r.report.rejected
        );
        assert_eq!(
            (
                r.rows[0].status.as_str(),
                r.rows[0].percent,
                r.rows[0].date.as_str()
            ),
            ("推进中", Some(60.0), "2026-11-20")
        );
        import_county_progress(&mut fresh, &filled, None, None, None).unwrap();
        let stored = list_progress(&fresh, &Default::default()).unwrap();
        assert_eq!(
            (
                stored.len(),
                stored[0].unit.as_str(),
                stored[0].text.as_str()
            ),
            (1, "清河县", "已完成股改3家")
        );
        let again = preview_county_progress(&fresh, &filled, None, None).unwrap();
        assert_eq!((again.report.inserted, again.report.unchanged), (0, 1));
        assert_eq!(
            preview_county_progress(&fresh, &filled, Some("火星县"), None)
                .unwrap_err()
                .code(),
            "invalid"
        );
    }

    #[test]
    fn the_city_table_is_no_progress_sheet() {
        let p = std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/samples/task_assignment.xls"
        ));
        let s = Store::open_in_memory().unwrap();
        assert_eq!(
            preview_county_progress(&s, &p, Some("清河县"), Some("2026-11"))
                .unwrap_err()
                .code(),
            "unrecognized_layout"
        );
    }

    #[test]
    fn encrypted_and_non_workbook_files_give_the_readers_error() {
        let mut store = Store::open_in_memory().unwrap();
        let (county, period) = (Some("南和区"), Some("2026年11月"));
        crate::sheet::read::tests::assert_unreadable_files_refused(|p| preview_county_progress(&store, p, county, period));
        crate::sheet::read::tests::assert_unreadable_files_refused(|p| import_county_progress(&mut store, p, county, period, None));
    }
}
