//! Rows known unchanged since the last import: a SHA-256 of each sheet row's cells and of the
//! way the sheet is read, kept per enterprise in `import_row_hashes`. A re-import skips reading a
//! row whose hash the store still holds; any other change to the enterprise forgets it (triggers).
use super::layout::Column;
use crate::enterprise::vocab::Counties;
use crate::error::{CoreError, Result};
use crate::sheet::read::{Cell, CellValue};
use crate::sheet::report::SheetIssue as Issue;
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// Changes whenever reading a row may give another record for the same cells: the program's
/// version, and this mark for changes made between versions.
const READING: &str = concat!("row-reading-1/", env!("CARGO_PKG_VERSION"));

pub type RowHash = [u8; 32];

/// The hash of how the sheet is read (columns with their fields, years and units, the year of
/// figures, fraction columns, the county names), extended by each row.
#[derive(Clone)]
pub struct Reading(Sha256);

impl Reading {
    pub fn new(columns: &[Column], year: i64, fraction_columns: &[usize], counties: &Counties) -> Reading {
        let mut h = Sha256::new();
        h.update(READING);
        h.update(year.to_le_bytes());
        for c in columns {
            h.update((c.index as u64).to_le_bytes());
            text(&mut h, &c.header);
            text(&mut h, c.key.unwrap_or(""));
            h.update(c.year.unwrap_or(i64::MIN).to_le_bytes());
            h.update(c.unit.map_or(u64::MAX, f64::to_bits).to_le_bytes());
        }
        for f in fraction_columns {
            h.update((*f as u64).to_le_bytes());
        }
        text(&mut h, &counties.signature());
        Reading(h)
    }

    /// The hash of one row: its county (named by a group row, an option or the title) and the
    /// cells of the columns read.
    pub fn row(&self, county: Option<&str>, cells: &[Cell], columns: &[Column]) -> RowHash {
        let mut h = self.0.clone();
        text(&mut h, county.unwrap_or("\u{0}"));
        let empty = Cell::default();
        for c in columns {
            let cell = cells.get(c.index).unwrap_or(&empty);
            h.update([cell.percent as u8, cell.from_merge as u8]);
            match &cell.value {
                CellValue::Empty => h.update([0]),
                CellValue::Text(t) => {
                    h.update([1]);
                    text(&mut h, t);
                }
                CellValue::Number(n) => {
                    h.update([2]);
                    h.update(n.to_bits().to_le_bytes());
                }
                CellValue::Bool(b) => h.update([3, *b as u8]),
                CellValue::Date(d) => {
                    h.update([4]);
                    text(&mut h, d);
                }
            }
        }
        h.finalize().into()
    }
}

/// Length-prefixed, so that ("ab", "c") and ("a", "bc") differ.
fn text(h: &mut Sha256, s: &str) {
    h.update((s.len() as u64).to_le_bytes());
    h.update(s);
}

/// A row as kept after its import: its hash and where the warnings reading it gave are in the
/// import's warnings.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptRow {
    pub hash: RowHash,
    pub warnings: std::ops::Range<usize>,
}

/// What the store keeps of an enterprise's row: the hash, and the sheet row and warnings (JSON)
/// when reading it warned.
struct Kept {
    hash: RowHash,
    warned_row: Option<u32>,
    warnings: Option<String>,
}

/// The rows the store keeps, by the enterprise's USCC.
#[derive(Default)]
pub struct Known(HashMap<String, Kept>);

impl Known {
    pub fn load(conn: &Connection) -> Result<Known> {
        let mut stmt = conn.prepare(
            "SELECT e.uscc, h.row_hash, h.warned_row, h.warnings FROM import_row_hashes h JOIN enterprises e ON e.id = h.enterprise_id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?, r.get(2)?, r.get(3)?)))?;
        let mut map = HashMap::new();
        for row in rows {
            let (uscc, hash, warned_row, warnings) = row?;
            if let Ok(hash) = RowHash::try_from(hash.as_slice()) {
                map.insert(uscc, Kept { hash, warned_row, warnings });
            }
        }
        Ok(Known(map))
    }

    /// The warnings to show again when the store still holds exactly what a row of this hash
    /// gave the enterprise `uscc` (at sheet row `row`, if reading it warned); None otherwise.
    pub fn holds(&self, uscc: &str, hash: &RowHash, row: u32) -> Option<Vec<Issue>> {
        let kept = self.0.get(uscc).filter(|k| k.hash == *hash)?;
        match &kept.warnings {
            None => Some(Vec::new()),
            Some(_) if kept.warned_row != Some(row) => None,
            Some(json) => serde_json::from_str(json).ok(),
        }
    }
}

/// Refuses the import when an enterprise whose row was skipped as unchanged was changed since
/// the file was read (by another window or the command line): nothing is written then.
pub fn still_held(conn: &Connection, skipped: &[(String, RowHash)]) -> Result<()> {
    if skipped.is_empty() {
        return Ok(());
    }
    let mut stmt = conn.prepare("SELECT e.uscc, h.row_hash FROM import_row_hashes h JOIN enterprises e ON e.id = h.enterprise_id")?;
    let held: HashMap<String, Vec<u8>> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    match skipped.iter().find(|(uscc, hash)| held.get(uscc).map(Vec::as_slice) != Some(hash.as_slice())) {
        None => Ok(()),
        Some((uscc, _)) => Err(CoreError::Invalid(format!(
            "读取文件期间企业 {uscc} 在别处被修改，本次导入未写入任何数据；请重新导入"
        ))),
    }
}

/// Keeps the hashes of the rows this import read, once everything it writes is written (the
/// triggers forget the hash of every enterprise written to).
pub fn remember(conn: &Connection, import_id: i64, rows: &[(i64, u32, &KeptRow)], warnings: &[Issue]) -> Result<()> {
    let mut stmt = conn.prepare(
        "INSERT OR REPLACE INTO import_row_hashes(enterprise_id, import_id, row_hash, warned_row, warnings) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (id, row, kept) in rows {
        let own = warnings.get(kept.warnings.clone()).unwrap_or_default();
        let json = if own.is_empty() { None } else { Some(serde_json::to_string(own)?) };
        stmt.execute(rusqlite::params![id, import_id, kept.hash.as_slice(), json.is_some().then_some(*row), json])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn a_skipped_row_changed_elsewhere_before_the_write_refuses_the_import() {
        let mut store = Store::open_in_memory().unwrap();
        let file = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples/county_nanhe_clean.xlsx"));
        super::super::commit(&mut store, &file, &Default::default()).unwrap();
        let known = Known::load(&store.conn).unwrap();
        let skipped: Vec<(String, RowHash)> = known.0.iter().map(|(u, k)| (u.clone(), k.hash)).collect();
        assert_eq!(skipped.len(), 25);
        still_held(&store.conn, &skipped).unwrap();
        let (uscc, _) = &skipped[3];
        store.conn.execute("UPDATE enterprises SET legal_rep = '别处改的' WHERE uscc = ?1", [uscc]).unwrap();
        let e = still_held(&store.conn, &skipped).unwrap_err().to_string();
        assert!(e.contains(uscc.as_str()) && e.contains("未写入任何数据"), "{e}");
    }

    #[test]
    fn the_hash_depends_on_every_cell_and_the_reading() {
        let counties = Counties::new(vec![("南和区".into(), vec![])]);
        let col = |index, key| Column { index, header: format!("{index}"), key, year: None, unit: None };
        let columns = vec![col(0, Some("name")), col(1, Some("uscc")), col(2, None)];
        let reading = Reading::new(&columns, 2025, &[], &counties);
        let cells = vec![Cell::text("甲公司"), Cell::text("91130506MA01RRJY81"), Cell::number(3.0)];
        let base = reading.row(Some("南和区"), &cells, &columns);
        assert_eq!(base, reading.row(Some("南和区"), &cells.clone(), &columns));
        let mut other = cells.clone();
        other[2] = Cell::text("3");
        assert_ne!(base, reading.row(Some("南和区"), &other, &columns), "a number and its text differ");
        other[2] = Cell { from_merge: true, ..cells[2].clone() };
        assert_ne!(base, reading.row(Some("南和区"), &other, &columns));
        assert_ne!(base, reading.row(None, &cells, &columns), "the county the row takes");
        assert_ne!(base, Reading::new(&columns, 2024, &[], &counties).row(Some("南和区"), &cells, &columns), "the year");
        assert_ne!(base, Reading::new(&columns, 2025, &[2], &counties).row(Some("南和区"), &cells, &columns));
        let remapped = vec![col(0, Some("name")), col(1, Some("uscc")), col(2, Some("revenue_wan"))];
        assert_ne!(base, Reading::new(&remapped, 2025, &[], &counties).row(Some("南和区"), &cells, &remapped), "the mapping");
    }
}
