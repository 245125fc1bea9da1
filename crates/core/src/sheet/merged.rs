//! Filling merged areas: the value of a merged area's top-left cell is copied into every cell
//! it covers (down and across) within the used grid, marked `from_merge` so blank-row detection
//! can tell; and what a fill costs, counted against the file's cell budget before it is done.
use super::read::{Cell, CellValue, Grid, Merge};

/// The part of a merged area to fill: within the grid (the sheet's used cells) and not absurd
/// (whole-column merges in some templates are left unfilled); `None` when nothing is filled.
fn fill_area(grid: &Grid, m: &Merge) -> Option<((usize, usize), (usize, usize))> {
    let ((r0, c0), (r1, c1)) = (m.first, m.last);
    if r1 >= r0 + 100_000 || c1 >= c0 + 1_000 {
        return None;
    }
    let top = grid.cell(r0, c0)?;
    if top.is_blank() {
        return None;
    }
    let last_row = r1.min(grid.rows.len().checked_sub(1)?);
    let last_col = c1.min(grid.rows[r0].len().checked_sub(1)?);
    Some(((r0, c0), (last_row, last_col)))
}

pub fn fill_merges(grid: &mut Grid) {
    for i in 0..grid.merges.len() {
        let Some(((r0, c0), (r1, c1))) = fill_area(grid, &grid.merges[i]) else { continue };
        let top = Cell { from_merge: true, ..grid.rows[r0][c0].clone() };
        for r in r0..=r1 {
            let row = &mut grid.rows[r];
            for c in c0..=c1.min(row.len().saturating_sub(1)) {
                if (r, c) != (r0, c0) {
                    row[c] = top.clone();
                }
            }
        }
    }
}

/// What [`fill_merges`] would cost, in cells of the budget: one per filled cell, and a filled
/// text one more per 64 bytes it copies.
pub fn fill_cost(grid: &Grid) -> u64 {
    grid.merges
        .iter()
        .filter_map(|m| fill_area(grid, m))
        .map(|((r0, c0), (r1, c1))| {
            let cells = ((r1 - r0 + 1) * (c1 - c0 + 1) - 1) as u64;
            let bytes = match &grid.rows[r0][c0].value {
                CellValue::Text(t) => t.len() as u64,
                _ => 0,
            };
            cells.saturating_mul(1 + bytes / 64)
        })
        .fold(0u64, u64::saturating_add)
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

    #[test]
    fn fills_stay_within_the_used_grid_and_are_costed_first() {
        let long = "长".repeat(100);
        let mut grid = Grid {
            rows: vec![
                vec![Cell::text(&long), Cell::default()],
                vec![Cell::text("b"), Cell::text("x")],
                vec![Cell::default(), Cell::text("y")],
            ],
            merges: vec![Merge { first: (0, 0), last: (0, 998) }, Merge { first: (1, 0), last: (99_998, 0) }],
            ..Default::default()
        };
        // One cell filled with 300 bytes of text (1 + 4 per 64 bytes), one with “b”.
        assert_eq!(fill_cost(&grid), 5 + 1);
        fill_merges(&mut grid);
        assert_eq!((grid.rows.len(), grid.rows.iter().map(Vec::len).max()), (3, Some(2)));
        assert_eq!((grid.text(0, 1), grid.text(2, 0), grid.text(2, 1)), (long, "b".into(), "y".into()));
        let absurd = Grid { merges: vec![Merge { first: (0, 0), last: (100_000, 0) }], ..grid };
        assert_eq!(fill_cost(&absurd), 0);
    }
}
