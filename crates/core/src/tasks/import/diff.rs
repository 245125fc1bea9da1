//! Compares the measures read from a sheet with the stored ones (matched by action and measure
//! number): which would be inserted, which fields of which measures would change.
use super::{FieldChange, TaskChange, TaskSheetRow};
use crate::tasks::Task;

/// One change per measure that differs from the store (or is not in it), in sheet order.
pub fn diff(rows: &[TaskSheetRow], stored: &[Task]) -> Vec<TaskChange> {
    rows.iter()
        .filter_map(|row| {
            let old = stored
                .iter()
                .find(|t| t.action_no == row.action_no && t.measure_no == row.measure_no);
            let fields = field_changes(row, old);
            if old.is_some() && fields.is_empty() {
                return None;
            }
            Some(TaskChange {
                row: row.row,
                task_id: old.map(|t| t.id),
                action_no: row.action_no,
                measure_no: row.measure_no,
                title: row.title.clone(),
                kind: if old.is_some() { "update" } else { "insert" }.into(),
                fields,
            })
        })
        .collect()
}

fn field_changes(row: &TaskSheetRow, old: Option<&Task>) -> Vec<FieldChange> {
    let units = |u: &[String]| u.join("、");
    let pairs = [
        ("action", old.map(|t| t.action.clone()), row.action.clone()),
        ("title", old.map(|t| t.title.clone()), row.title.clone()),
        (
            "content",
            old.map(|t| t.content.clone()),
            row.content.clone(),
        ),
        ("units", old.map(|t| units(&t.units)), units(&row.units)),
        (
            "deadline",
            old.map(|t| t.deadline.clone()),
            row.deadline.clone(),
        ),
    ];
    pairs
        .into_iter()
        // An empty cell in the sheet never blanks what the store knows (e.g. no action name).
        .filter(|(_, old, new)| {
            old.as_deref() != Some(new.as_str()) && !(old.is_some() && new.is_empty())
        })
        .map(|(field, old, new)| FieldChange::text(field, label(field), old, new))
        .collect()
}

/// The column header a clerk knows each field by.
fn label(field: &str) -> &'static str {
    match field {
        "action" => "行动",
        "title" => "重点任务",
        "content" => "工作措施",
        "units" => "责任单位",
        _ => "完成时限",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(action_no: i64, measure_no: i64, title: &str, units: &[&str]) -> Task {
        Task {
            id: action_no * 10 + measure_no,
            seq: 1,
            action_no,
            action: "企业上市行动".into(),
            measure_no,
            title: title.into(),
            content: "措施".into(),
            lead_unit: units[0].into(),
            units: units.iter().map(|s| s.to_string()).collect(),
            deadline: "每年".into(),
            plan_id: 1,
            deadline_note: String::new(),
            quantities: Vec::new(),
        }
    }

    fn row(
        action_no: i64,
        measure_no: i64,
        title: &str,
        units: &[&str],
        content: &str,
    ) -> TaskSheetRow {
        TaskSheetRow {
            row: 3,
            action_no,
            action: "企业上市行动".into(),
            measure_no,
            title: title.into(),
            content: content.into(),
            lead_unit: units[0].into(),
            units: units.iter().map(|s| s.to_string()).collect(),
            deadline: "每年".into(),
        }
    }

    #[test]
    fn changes_are_listed_field_by_field() {
        let stored = vec![
            task(1, 1, "锁定培育目标", &["市工业和信息化局"]),
            task(1, 2, "精准培训辅导", &["市工业和信息化局"]),
        ];
        type Expected<'a> = Option<(&'a str, Vec<&'a str>)>;
        let cases: Vec<(TaskSheetRow, Expected)> = vec![
            (
                row(1, 1, "锁定培育目标", &["市工业和信息化局"], "措施"),
                None,
            ),
            (
                row(1, 1, "锁定目标", &["市工业和信息化局", "市财政局"], "措施"),
                Some(("update", vec!["title", "units"])),
            ),
            (row(1, 2, "精准培训辅导", &["市工业和信息化局"], ""), None),
            (
                row(7, 1, "新措施", &["市商务局"], "内容"),
                Some((
                    "insert",
                    vec!["action", "title", "content", "units", "deadline"],
                )),
            ),
        ];
        for (i, (r, want)) in cases.into_iter().enumerate() {
            let got = diff(std::slice::from_ref(&r), &stored);
            let got = got.first().map(|c| {
                (
                    c.kind.as_str(),
                    c.fields
                        .iter()
                        .map(|f| f.field.as_str())
                        .collect::<Vec<_>>(),
                )
            });
            assert_eq!(got, want, "case {i}");
        }
    }
}
