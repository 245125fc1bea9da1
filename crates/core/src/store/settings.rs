//! The `settings` table: small key → text values (operator name, seed version, remembered
//! choices), read and written on any connection or transaction.
use crate::error::Result;
use rusqlite::{Connection, OptionalExtension};

/// A setting, or `None` when it was never set.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

/// Sets (or replaces) a setting.
pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}
