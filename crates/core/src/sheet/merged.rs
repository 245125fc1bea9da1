//! Filling merged areas: the value of a merged area's top-left cell is copied into every cell
//! it covers (down and across), marked `from_merge` so blank-row detection can tell.
use super::read::{Cell, Grid};

pub fn fill_merges(grid: &mut Grid) {
    let merges = grid.merges.clone();
    for m in merges {
        let (r0, c0) = m.first;
        let (r1, c1) = m.last;
        // Guard against absurd areas (whole-column merges in some templates).
        if r1 >= r0 + 100_000 || c1 >= c0 + 1_000 {
            continue;
        }
        let top = grid.cell(r0, c0).cloned().unwrap_or_default();
        if top.is_blank() {
            continue;
        }
        for r in r0..=r1 {
            if r >= grid.rows.len() {
                break;
            }
            for c in c0..=c1 {
                if (r, c) == (r0, c0) {
                    continue;
                }
                let row = &mut grid.rows[r];
                if row.len() <= c {
                    row.resize(c + 1, Cell::default());
                }
                row[c] = Cell { from_merge: true, ..top.clone() };
            }
        }
    }
}

/// The widest horizontal merge covering a cell, in columns (1 when not merged across).
pub fn merge_width(grid: &Grid, r: usize, c: usize) -> usize {
    grid.merges
        .iter()
        .filter(|m| m.first.0 <= r && r <= m.last.0 && m.first.1 <= c && c <= m.last.1)
        .map(|m| m.last.1 - m.first.1 + 1)
        .max()
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::read::{CellValue, Merge};

    #[test]
    fn merges_fill_down_and_across() {
        let mut grid = Grid {
            rows: vec![
                vec![Cell::text("标题"), Cell::default(), Cell::default()],
                vec![Cell::text("临西县"), Cell::text("a"), Cell::default()],
                vec![Cell::default(), Cell::text("b"), Cell::default()],
            ],
            merges: vec![
                Merge { first: (0, 0), last: (0, 2) },
                Merge { first: (1, 0), last: (2, 0) },
                Merge { first: (1, 2), last: (2, 2) },
            ],
            ..Default::default()
        };
        fill_merges(&mut grid);
        let cases = [((0, 2), "标题", true), ((2, 0), "临西县", true), ((1, 0), "临西县", false), ((2, 2), "", false)];
        for ((r, c), text, merged) in cases {
            let cell = grid.cell(r, c).unwrap();
            assert_eq!(cell.display(), text, "{r},{c}");
            assert_eq!(cell.from_merge, merged, "{r},{c}");
        }
        assert_eq!(grid.cell(1, 2).unwrap().value, CellValue::Empty);
        assert_eq!(merge_width(&grid, 0, 1), 3);
        assert_eq!(merge_width(&grid, 1, 1), 1);
    }
}
