//! The one writer of the audit log: every change of every area is recorded here, inside the
//! transaction that makes it, one row per changed field (or one row for a whole-row action).
use crate::error::Result;
use rusqlite::Connection;

/// When, by whom and through what a set of changes was made (导入#3, 手工录入, 问题台账·交办 …).
#[derive(Debug, Clone)]
pub struct Stamp {
    pub at: String,
    pub operator: String,
    pub source: String,
}

/// One audited change: `field` is `None` for a whole-row action (undo, delete, restore).
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub action: &'a str,
    pub table: &'a str,
    pub key: &'a str,
    pub field: Option<&'a str>,
    pub old: Option<&'a str>,
    pub new: Option<&'a str>,
}

impl<'a> Entry<'a> {
    /// A whole-row action on `table`/`key`, with no field values yet.
    pub fn row(action: &'a str, table: &'a str, key: &'a str) -> Self {
        Entry { action, table, key, field: None, old: None, new: None }
    }

    /// One field's change from `old` to `new`.
    pub fn field(self, field: &'a str, old: Option<&'a str>, new: Option<&'a str>) -> Self {
        Entry { field: Some(field), old, new, ..self }
    }

    /// The old and new values of a whole-row action (what was deleted, what replaced it).
    pub fn values(self, old: Option<&'a str>, new: Option<&'a str>) -> Self {
        Entry { old, new, ..self }
    }
}

impl Stamp {
    pub fn new(at: impl Into<String>, operator: impl Into<String>, source: impl Into<String>) -> Self {
        Stamp { at: at.into(), operator: operator.into(), source: source.into() }
    }
}

/// Writes one audit row on `conn` (a transaction of the caller's change); the statement is
/// prepared once per connection and reused, so bulk writers pay for the insert alone.
pub fn record(conn: &Connection, stamp: &Stamp, e: Entry) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit_log(at, operator, action, table_name, row_key, field, old_value, new_value, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(rusqlite::params![stamp.at, stamp.operator, e.action, e.table, e.key, e.field, e.old, e.new, stamp.source])?;
    Ok(())
}
