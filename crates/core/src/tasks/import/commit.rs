//! Writes the measures of an imported task sheet in one transaction: updates the changed fields
//! of matching measures, inserts new ones, audits every field; never deletes (progress stays).
use super::{TaskChange, TaskSheetRow};
use crate::audit;
use crate::error::Result;
use crate::store::{now_text, Store};
use rusqlite::params;

pub fn commit(
    store: &mut Store,
    plan_id: i64,
    file: &str,
    rows: &[TaskSheetRow],
    changes: &[TaskChange],
) -> Result<()> {
    let stamp = audit::Stamp::new(now_text(), store.operator()?, format!("任务分工表导入：{file}"));
    let tx = store.conn.transaction()?;
    for change in changes {
        let Some(row) = rows.iter().find(|r| r.row == change.row) else {
            continue;
        };
        let key = format!("{}-{}", row.action_no, row.measure_no);
        match change.task_id {
            Some(id) => {
                for f in &change.fields {
                    match f.field.as_str() {
                        "units" => tx.execute(
                            "UPDATE tasks SET units = ?1 WHERE id = ?2",
                            params![serde_json::to_string(&row.units)?, id],
                        )?,
                        "action" => tx.execute(
                            "UPDATE tasks SET action = ?1 WHERE id = ?2",
                            params![row.action, id],
                        )?,
                        "title" => tx.execute(
                            "UPDATE tasks SET title = ?1 WHERE id = ?2",
                            params![row.title, id],
                        )?,
                        "content" => tx.execute(
                            "UPDATE tasks SET content = ?1 WHERE id = ?2",
                            params![row.content, id],
                        )?,
                        "deadline" => tx.execute(
                            "UPDATE tasks SET deadline = ?1 WHERE id = ?2",
                            params![row.deadline, id],
                        )?,
                        _ => 0,
                    };
                    let (old, new) = (f.old.as_ref().map(|v| v.display()), f.new.display());
                    let entry = audit::Entry::row("update", "tasks", &key).field(&f.field, old.as_deref(), Some(&new));
                    audit::record(&tx, &stamp, entry)?;
                }
            }
            None => {
                insert_measure(&tx, plan_id, row, file)?;
                audit::record(&tx, &stamp, audit::Entry::row("insert", "tasks", &key).values(None, Some(&row.title)))?;
            }
        }
    }
    tx.commit()?;
    Ok(())
}

/// Adds a measure read from a sheet to a plan (after its last one), with the number its text
/// promises and where its deadline came from.
pub(crate) fn insert_measure(tx: &rusqlite::Transaction, plan_id: i64, row: &TaskSheetRow, file: &str) -> Result<()> {
    let seq: i64 = tx.query_row("SELECT coalesce(max(seq), 0) + 1 FROM tasks WHERE plan_id = ?1", [plan_id], |r| r.get(0))?;
    let quantities: Vec<_> = crate::tasks::progress::quantity_target(&row.content).into_iter().collect();
    tx.execute(
        "INSERT INTO tasks(plan_id, seq, action_no, action, measure_no, title, content, units, deadline, deadline_note, quantities)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            plan_id, seq, row.action_no, row.action, row.measure_no, row.title, row.content,
            serde_json::to_string(&row.units)?, row.deadline, format!("任务分工表“{file}”第 {} 行", row.row),
            serde_json::to_string(&quantities)?
        ],
    )?;
    Ok(())
}
