//! Writes the measures of an imported task sheet in one transaction: updates the changed fields
//! of matching measures, inserts new ones, audits every field; never deletes (progress stays).
use super::{TaskChange, TaskSheetRow};
use crate::audit;
use crate::error::Result;
use crate::store::{now_text, Store};
use rusqlite::params;

pub fn commit(
    store: &mut Store,
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
                let seq: i64 =
                    tx.query_row("SELECT coalesce(max(seq), 0) + 1 FROM tasks", [], |r| {
                        r.get(0)
                    })?;
                tx.execute(
                    "INSERT INTO tasks(seq, action_no, action, measure_no, title, content, units, deadline)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![seq, row.action_no, row.action, row.measure_no, row.title, row.content, serde_json::to_string(&row.units)?, row.deadline],
                )?;
                audit::record(&tx, &stamp, audit::Entry::row("insert", "tasks", &key).values(None, Some(&row.title)))?;
            }
        }
    }
    tx.commit()?;
    Ok(())
}
