//! Importing the official task-assignment sheet (任务分工表) from any usual layout, in a workbook,
//! a Word document, a web page or a .csv: locate the table, map rows to measures, normalize,
//! diff against the store, preview, commit.
pub(crate) mod commit;
mod content;
mod diff;
mod locate;
pub(crate) mod map;
pub(crate) mod normalize;

pub use normalize::{chinese_number, normalize_deadline, split_units};

use crate::error::{CoreError, Result};
use crate::fingerprint::Hashed;
use crate::sheet::read::sheet_row;
use crate::store::Store;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// One measure as read from a sheet; the keys are those of `list tasks --json`, plus the
/// 1-based sheet row it came from.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct TaskSheetRow {
    pub row: u32,
    pub action_no: i64,
    pub action: String,
    pub measure_no: i64,
    pub title: String,
    pub content: String,
    pub lead_unit: String,
    pub units: Vec<String>,
    pub deadline: String,
}

pub use crate::sheet::report::{FieldChange, ImportReport, SheetIssue};

/// What an import does to one measure: `kind` is `insert` or `update`.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct TaskChange {
    pub row: u32,
    pub task_id: Option<i64>,
    pub action_no: i64,
    pub measure_no: i64,
    pub title: String,
    pub kind: String,
    pub fields: Vec<FieldChange>,
}

/// The preview or result of importing a task sheet (`import-tasks --json`).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct TaskImportReport {
    #[serde(flatten)]
    #[ts(flatten)]
    pub report: ImportReport,
    /// The measures as read from the file, in sheet order.
    pub tasks: Vec<TaskSheetRow>,
    pub changes: Vec<TaskChange>,
}

pub(crate) struct SheetRead {
    pub(crate) file: String,
    pub(crate) sheet: String,
    /// The text above the header (title lines), joined.
    pub(crate) title: String,
    pub(crate) header_rows: Vec<u32>,
    pub(crate) mapped: map::Mapped,
    /// SHA-256 of the bytes this was read from.
    pub(crate) file_hash: String,
}

pub(crate) fn read_sheet(path: &Path) -> Result<SheetRead> {
    let (file, grids, file_hash) = crate::sheet::read::read_filled_hashed(path)?;
    // The table giving most measures (a workbook may hold a blank copy, a document other tables).
    let found = locate::locate(&grids).into_iter().map(|(i, layout)| {
        let mapped = map::map_rows(&grids[i], &layout);
        (i, layout, mapped)
    });
    let Some((i, layout, mapped)) = found.max_by_key(|(i, _, m)| (m.tasks.len(), std::cmp::Reverse(*i))) else {
        return Err(CoreError::UnrecognizedLayout(format!(
            "无法识别 {file} 中的任务分工表：没有找到含“工作措施（或重点任务）”和“责任单位”的表头行"
        )));
    };
    let g = &grids[i];
    if mapped.tasks.is_empty() {
        return Err(CoreError::UnrecognizedLayout(format!(
            "无法识别 {file} 中的任务分工表：工作表“{}”的表头下没有任何任务行",
            g.name
        )));
    }
    let header_rows = layout.header_rows.iter().map(|r| sheet_row(*r)).collect();
    let mut title = String::new();
    for text in (0..layout.header_rows[0]).flat_map(|r| g.row_texts(r)) {
        let text = normalize::clean_text(&text);
        if !text.is_empty() && !title.contains(&text) {
            title.push_str(&text);
        }
    }
    Ok(SheetRead {
        file,
        sheet: g.name.clone(),
        title,
        header_rows,
        mapped,
        file_hash,
    })
}

/// The measures of the task sheet at `path`, in sheet order (rows with problems left out).
pub fn read_task_sheet(path: &Path) -> Result<Vec<TaskSheetRow>> {
    Ok(read_sheet(path)?.mapped.tasks)
}

/// What importing `path` into a work plan would change, without writing anything.
pub fn preview_import(store: &Store, path: &Path, plan_id: i64) -> Result<TaskImportReport> {
    Ok(preview_with_hash(store, path, plan_id)?.report)
}

/// [`preview_import`] with the SHA-256 of the file as read (give it back to [`import`]).
pub fn preview_with_hash(store: &Store, path: &Path, plan_id: i64) -> Result<Hashed<TaskImportReport>> {
    let read = read_sheet(path)?;
    let stored = crate::tasks::list_tasks(store, crate::work_plans::get_plan(store, plan_id)?.id)?;
    let changes = diff::diff(&read.mapped.tasks, &stored);
    let inserted = changes.iter().filter(|c| c.kind == "insert").count() as u32;
    let updated = changes.len() as u32 - inserted;
    let report = ImportReport {
        import_id: None,
        file_name: read.file,
        sheet: read.sheet,
        header_rows: read.header_rows,
        inserted,
        updated,
        unchanged: read.mapped.tasks.len() as u32 - inserted - updated,
        rejected: read.mapped.rejected,
        warnings: read.mapped.warnings,
        ignored: Vec::new(),
    };
    Ok(Hashed { report: TaskImportReport { report, tasks: read.mapped.tasks, changes }, file_hash: read.file_hash })
}

/// Imports `path`: updates titles, texts, units and deadlines of matching measures and adds new
/// ones, in one audited transaction; recorded progress is never touched. Refused when `previewed`
/// (the preview's `file_hash`) is given and the bytes read now differ from it.
pub fn import(store: &mut Store, path: &Path, plan_id: i64, previewed: Option<&str>) -> Result<Hashed<TaskImportReport>> {
    let hashed = preview_with_hash(store, path, plan_id)?;
    let report = &hashed.report;
    crate::fingerprint::ensure_unchanged(&report.report.file_name, &hashed.file_hash, previewed)?;
    commit::commit(store, plan_id, &report.report.file_name, &report.tasks, &report.changes)?;
    Ok(hashed)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::path::PathBuf;

    fn sample(name: &str) -> PathBuf {
        PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/samples"
        ))
        .join(name)
    }

    fn expected() -> Vec<serde_json::Value> {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(sample("expected_tasks.json")).unwrap())
                .unwrap();
        v["tasks"].as_array().unwrap().clone()
    }

    /// A measure on one line: “1.1 企业上市行动 锁定培育目标 | lead | units | deadline”.
    pub(crate) fn task_line(t: &TaskSheetRow) -> String {
        let (a, m, units) = (t.action_no, t.measure_no, t.units.join("、"));
        format!("{a}.{m} {} {} | {} | {units} | {}", t.action, t.title, t.lead_unit, t.deadline)
    }

    /// The 21 measures of expected_tasks.json as [`TaskSheetRow`]s (rows from `row_key`, or 0).
    pub(crate) fn expected_tasks(row_key: Option<&str>) -> Vec<TaskSheetRow> {
        let text = |e: &serde_json::Value, k: &str| e[k].as_str().unwrap().to_string();
        expected()
            .iter()
            .map(|e| TaskSheetRow {
                row: row_key.map_or(0, |k| e[k].as_u64().unwrap() as u32),
                action_no: e["action_no"].as_i64().unwrap(),
                action: text(e, "action"),
                measure_no: e["measure_no"].as_i64().unwrap(),
                title: text(e, "title"),
                content: text(e, "measure_text"),
                lead_unit: text(e, "lead_unit"),
                units: serde_json::from_value(e["units"].clone()).unwrap(),
                deadline: text(e, "deadline"),
            })
            .collect()
    }

    /// Checks the measures against expected_tasks.json, text and sheet rows (`row_key`) included.
    pub(crate) fn assert_matches_expected(tasks: &[TaskSheetRow], row_key: Option<&str>) {
        let mut want = expected_tasks(row_key);
        if row_key.is_none() {
            want.iter_mut().zip(tasks).for_each(|(w, t)| w.row = t.row);
        }
        assert_eq!(tasks.len(), want.len());
        for (t, w) in tasks.iter().zip(&want) {
            assert_eq!(t, w, "{}", task_line(w));
        }
    }

    #[test]
    fn both_sample_sheets_give_the_21_expected_measures() {
        for (file, row_key) in [
            ("task_assignment.xls", "xls_row"),
            ("task_assignment.xlsx", "xlsx_row"),
        ] {
            let tasks = read_task_sheet(&sample(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
            assert_matches_expected(&tasks, Some(row_key));
        }
    }

    /// The sample sheets were made before 6.2 was corrected against the plan's text (特色产业集群和
    /// 邢台市重点产业链中的“领跑者”企业): that wording is their one difference from the store.
    fn assert_is_the_6_2_wording(change: &TaskChange) {
        assert_eq!((change.action_no, change.measure_no, change.fields.len()), (6, 2, 1), "{change:?}");
        assert_eq!(change.fields[0].field, "content");
        assert!(change.fields[0].old.as_ref().unwrap().display().contains("邢台市重点产业链"));
    }

    #[test]
    fn sample_sheets_report_sheet_header_and_no_problems() {
        let s = Store::open_in_memory().unwrap();
        for (file, sheet, header) in [
            ("task_assignment.xls", "任务分工表", 2),
            ("task_assignment.xlsx", "附件", 3),
        ] {
            let r = preview_import(&s, &sample(file), 1).unwrap();
            assert_eq!(
                (r.report.sheet.as_str(), r.report.header_rows.clone()),
                (sheet, vec![header])
            );
            assert_eq!(
                (r.report.inserted, r.report.updated, r.report.unchanged),
                (0, 1, 20),
                "{file}: {:?}",
                r.changes
            );
            assert_is_the_6_2_wording(&r.changes[0]);
            assert!(
                r.report.rejected.is_empty() && r.report.warnings.is_empty(),
                "{file}: {:?}",
                r.report.warnings
            );
        }
    }

    #[test]
    fn a_sheet_without_a_task_table_is_an_unrecognized_layout() {
        for file in ["county_nanhe_clean.xlsx", "county_linxi_merged_headers.xls"] {
            let e = read_task_sheet(&sample(file)).unwrap_err();
            assert_eq!(e.code(), "unrecognized_layout", "{file}");
            assert!(e.to_string().contains(file), "{e}");
        }
    }

    #[test]
    fn import_updates_changed_measures_audits_them_and_keeps_progress() {
        let mut s = Store::open_in_memory().unwrap();
        crate::work_plans::set_unlocked(&mut s, 1, true).unwrap();
        s.conn.execute("UPDATE tasks SET title = '旧标题', deadline = '每年' WHERE action_no = 1 AND measure_no = 1", []).unwrap();
        let id: i64 = s
            .conn
            .query_row(
                "SELECT id FROM tasks WHERE action_no = 1 AND measure_no = 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        crate::tasks::progress::upsert_progress(
            &mut s,
            &crate::tasks::progress::ProgressInput {
                task_id: id,
                unit: "市工业和信息化局".into(),
                period: "2026-11".into(),
                status: "推进中".into(),
                text: "已遴选28家".into(),
                percent: None,
                done: None,
                target: None,
                date: None,
            },
        )
        .unwrap();
        let r = preview_import(&s, &sample("task_assignment.xlsx"), 1).unwrap();
        assert_eq!(
            (r.report.inserted, r.report.updated, r.report.unchanged),
            (0, 2, 19)
        );
        assert_is_the_6_2_wording(&r.changes[1]);
        let fields: Vec<_> = r.changes[0]
            .fields
            .iter()
            .map(|f| (f.field.as_str(), f.old.as_ref().map(|v| v.display()), f.new.display()))
            .collect::<Vec<_>>();
        let fields: Vec<_> = fields
            .iter()
            .map(|(f, o, n)| (*f, o.as_deref(), n.as_str()))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("title", Some("旧标题"), "锁定培育目标"),
                ("deadline", Some("每年"), "2023年底")
            ]
        );
        import(&mut s, &sample("task_assignment.xlsx"), 1, None).unwrap();
        let t = crate::tasks::list_tasks(&s, 1).unwrap();
        assert_eq!(
            (t[0].title.as_str(), t[0].deadline.as_str()),
            ("锁定培育目标", "2023年底")
        );
        let audited: i64 = s
            .conn
            .query_row(
                "SELECT count(*) FROM audit_log WHERE table_name = 'tasks' AND row_key = '1-1'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(audited, 2);
        let progress = crate::tasks::progress::list_progress(&s, &Default::default()).unwrap();
        assert_eq!(progress.len(), 1);
        let again = import(&mut s, &sample("task_assignment.xls"), 1, None).unwrap().report;
        assert_eq!((again.report.updated, again.report.unchanged), (0, 21));
    }

    #[test]
    fn a_sheet_changed_after_its_preview_is_refused_and_nothing_is_written() {
        let mut s = Store::open_in_memory().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("任务分工表.xlsx");
        std::fs::copy(sample("task_assignment.xlsx"), &path).unwrap();
        let previewed = preview_with_hash(&s, &path, 1).unwrap().file_hash;
        assert_eq!(previewed, crate::fingerprint::sha256(&std::fs::read(&path).unwrap()));
        std::fs::copy(sample("task_assignment.xls"), &path).unwrap();
        let before = crate::tasks::list_tasks(&s, 1).unwrap();
        let e = import(&mut s, &path, 1, Some(&previewed)).unwrap_err().to_string();
        assert!(e.contains(crate::fingerprint::CHANGED) && e.contains("任务分工表.xlsx"), "{e}");
        assert_eq!(crate::tasks::list_tasks(&s, 1).unwrap(), before);
        let now = preview_with_hash(&s, &path, 1).unwrap().file_hash;
        assert_eq!(import(&mut s, &path, 1, Some(&now)).unwrap().file_hash, now);
    }

    #[test]
    fn report_serialises_with_the_cli_keys() {
        let s = Store::open_in_memory().unwrap();
        let r = preview_import(&s, &sample("task_assignment.xls"), 1).unwrap();
        let v = serde_json::to_value(&r).unwrap();
        for k in [
            "tasks",
            "inserted",
            "updated",
            "unchanged",
            "rejected",
            "warnings",
            "changes",
        ] {
            assert!(v.get(k).is_some(), "{k}");
        }
        for k in [
            "action_no",
            "action",
            "measure_no",
            "title",
            "lead_unit",
            "units",
            "deadline",
            "content",
        ] {
            assert!(v["tasks"][0].get(k).is_some(), "{k}");
        }
    }

    #[test]
    fn encrypted_and_non_workbook_files_give_the_readers_error() {
        let mut store = Store::open_in_memory().unwrap();
        crate::sheet::read::tests::assert_unreadable_files_refused(read_task_sheet);
        crate::sheet::read::tests::assert_unreadable_files_refused(|p| preview_import(&store, p, 1));
        crate::sheet::read::tests::assert_unreadable_files_refused(|p| import(&mut store, p, 1, None));
    }
}
