//! Classifying the sheet's rows: data, or ignored with a reason (title, header, notes, total,
//! blank, example), and county group rows (“一、清河县”) that set the county of the rows below.
//! A row with example words (某某, XXX …) but a valid 统一社会信用代码 is data, flagged for a warning.
use crate::enterprise::{fields, uscc as code};
use super::layout::Layout;
use crate::sheet::text::{compact, compact_cow, upper_cow};
use std::borrow::Cow;
use crate::enterprise::vocab::Counties;
use crate::sheet::read::{CellValue, Grid};

#[derive(Debug, Clone, PartialEq)]
pub enum RowClass {
    Data {
        /// The county named by the nearest group row above, if any.
        county: Option<String>,
        /// The column of an example word (某某, XXX …) in a row whose USCC is valid: imported, warned.
        example_word: Option<usize>,
    },
    Ignored(&'static str),
}

const NOTE_STARTS: &[&str] = &[
    "注:", "注：", "注1", "注2", "注释", "备注:", "备注：", "说明", "填表说明", "填报说明", "填表人", "填报人", "审核人", "审核:", "审核：",
    "联系电话", "联系人:", "联系人：", "负责人", "单位负责人", "制表", "统计人", "数据来源", "以上", "*", "※", "填表日期", "填报日期",
    "填报单位", "日期:", "日期：", "单位:", "单位：", "金额单位", "附:", "附：",
];

const TOTAL_WORDS: &[&str] = &["合计", "总计", "小计", "共计", "累计", "总数", "合 计"];

const EXAMPLE_WORDS: &[&str] = &["示例", "样例", "例:", "例：", "举例", "范例", "XXXX", "XXX有限公司", "×××", "某某"];

/// One class per sheet row (index = 0-based row).
pub fn classify(grid: &Grid, layout: &Layout, counties: &Counties) -> Vec<RowClass> {
    let header_first = *layout.header_rows.first().unwrap_or(&0);
    let header_last = layout.last_header_row();
    let mut out = Vec::with_capacity(grid.rows.len());
    let mut group_county: Option<String> = None;
    let mut seen = Seen { table_cols: layout.columns.iter().map(|c| c.index).collect(), ..Default::default() };
    for r in 0..grid.rows.len() {
        let class = if r < header_first {
            above_header(grid, r)
        } else if r <= header_last {
            RowClass::Ignored("header")
        } else {
            below_header(grid, layout, r, counties, &mut group_county, &mut seen)
        };
        out.push(class);
    }
    // Blank rows after the last data row are not part of the table: drop them silently.
    if let Some(last_data) = out.iter().rposition(|c| matches!(c, RowClass::Data { .. })) {
        for c in out.iter_mut().skip(last_data + 1) {
            if *c == RowClass::Ignored("blank") {
                *c = RowClass::Ignored("");
            }
        }
    }
    out
}

/// What one pass over the rows remembers: the word lists in compact form, the table's columns.
#[derive(Default)]
struct Seen {
    words: Option<[Vec<String>; 3]>,
    table_cols: Vec<usize>,
}

impl Seen {
    /// NOTE_STARTS, TOTAL_WORDS and EXAMPLE_WORDS, compacted.
    fn words(&mut self) -> &[Vec<String>; 3] {
        self.words.get_or_insert_with(|| [NOTE_STARTS, TOTAL_WORDS, EXAMPLE_WORDS].map(|ws| ws.iter().map(|w| compact(w)).collect()))
    }
}

/// The compact text of each non-blank cell of row `r` (of the columns `cols`), borrowed from the
/// grid where compacting changes nothing.
fn texts<'g>(grid: &'g Grid, r: usize, cols: Option<&[usize]>) -> Vec<(usize, Cow<'g, str>)> {
    let Some(row) = grid.rows.get(r) else { return Vec::new() };
    row.iter()
        .enumerate()
        .filter(|(c, _)| cols.is_none_or(|cols| cols.contains(c)))
        .filter(|(_, cell)| !cell.is_blank())
        .map(|(c, cell)| {
            let text = match &cell.value {
                CellValue::Text(t) => compact_cow(t),
                // Numbers, flags and dates are shown without spaces: compacting keeps them.
                _ => Cow::Owned(cell.display()),
            };
            (c, text)
        })
        .collect()
}

fn above_header(grid: &Grid, r: usize) -> RowClass {
    let cells = texts(grid, r, None);
    if cells.is_empty() {
        return RowClass::Ignored("");
    }
    let first = &cells[0].1;
    let is_note = NOTE_STARTS.iter().any(|w| first.starts_with(&compact(w)))
        || cells.iter().any(|(_, t)| t.contains("单位:") || t.contains("单位：") || t.contains("日期"));
    RowClass::Ignored(if is_note { "notes" } else { "title" })
}

fn below_header(grid: &Grid, layout: &Layout, r: usize, counties: &Counties, group_county: &mut Option<String>, seen: &mut Seen) -> RowClass {
    let table_cols = std::mem::take(&mut seen.table_cols);
    let class = below_header_in(grid, layout, r, counties, group_county, seen, &table_cols);
    seen.table_cols = table_cols;
    class
}

fn below_header_in(
    grid: &Grid,
    layout: &Layout,
    r: usize,
    counties: &Counties,
    group_county: &mut Option<String>,
    seen: &mut Seen,
    table_cols: &[usize],
) -> RowClass {
    let seq_col = layout.column("seq").map(|c| c.index);
    let cells: Vec<(usize, Cow<str>)> = texts(grid, r, Some(table_cols));
    let row = &grid.rows[r];
    // Blank: nothing but a 序号 number or values copied from merged areas.
    let own: Vec<&(usize, Cow<str>)> = cells
        .iter()
        .filter(|(c, t)| !(row.get(*c).is_some_and(|cell| cell.from_merge) || (Some(*c) == seq_col && t.parse::<f64>().is_ok())))
        .collect();
    if own.is_empty() {
        return RowClass::Ignored("blank");
    }
    let name_col = layout.column("name").map(|c| c.index);
    let uscc_col = layout.column("uscc").map(|c| c.index);
    let name = name_col.and_then(|c| cells.iter().find(|(i, _)| *i == c)).map(|(_, t)| t.as_ref()).unwrap_or("");
    let uscc = uscc_col.and_then(|c| cells.iter().find(|(i, _)| *i == c)).map(|(_, t)| t.as_ref()).unwrap_or("");
    let has_code = uscc.chars().filter(|c| c.is_ascii_alphanumeric()).count() >= 15;

    // Repeated header: the row names fields like the header does.
    // Only text cells can name a field (numbers, dates and flags never do).
    let header_like = cells
        .iter()
        .filter(|(c, t)| {
            let col_key = layout.columns.iter().find(|col| col.index == *c).and_then(|col| col.key);
            col_key.is_some_and(|k| row.get(*c).is_some_and(|cell| matches!(cell.value, CellValue::Text(_))) && fields::names_field(t, k))
        })
        .count();
    if header_like >= 3.min(layout.columns.iter().filter(|c| c.key.is_some()).count()).max(2) {
        return RowClass::Ignored("header");
    }
    // Column-number row under a header: 1, 2, 3 … in the header's columns.
    let numbers: Vec<f64> = row
        .iter()
        .enumerate()
        .filter(|(c, _)| table_cols.contains(c))
        .filter_map(|(_, cell)| if let CellValue::Number(n) = cell.value { Some(n) } else { None })
        .collect();
    if numbers.len() >= 4 && numbers.len() == cells.len() && numbers.windows(2).all(|w| w[1] == w[0] + 1.0) && name.parse::<f64>().is_ok() {
        return RowClass::Ignored("header");
    }
    let first_text = &own[0].1;
    // Totals: 合计/小计/总计 in a label cell (not inside an enterprise name).
    let [note_starts, total_words, example_words] = seen.words();
    let label_cells = cells.iter().filter(|(_, t)| t.chars().count() <= 12 && !is_company(t));
    if !has_code && label_cells.clone().any(|(_, t)| total_words.iter().any(|w| t.contains(w.as_str()))) {
        return RowClass::Ignored("total");
    }
    if !has_code && note_starts.iter().any(|w| first_text.starts_with(w.as_str())) {
        return RowClass::Ignored("notes");
    }
    let example_word = cells.iter().find(|(_, t)| {
        let upper = upper_cow(t);
        example_words.iter().any(|w| upper.contains(w.as_str()))
    });
    if example_word.is_some() && code::check(&code::normalize(uscc)).is_err() {
        return RowClass::Ignored("example");
    }
    let example_word = example_word.map(|(c, _)| *c);
    // A single value across the row: a group title, or a long note.
    let distinct: std::collections::BTreeSet<&str> = own.iter().map(|(_, t)| t.as_ref()).collect();
    if distinct.len() == 1 && !has_code && !is_company(first_text) {
        if first_text.chars().count() > 25 {
            return RowClass::Ignored("notes");
        }
        if let Some(county) = counties.find_in(first_text) {
            *group_county = Some(county);
        }
        return RowClass::Ignored("title");
    }
    RowClass::Data { county: group_county.clone(), example_word }
}

fn is_company(t: &str) -> bool {
    ["公司", "厂", "集团", "合作社", "企业", "中心", "研究院", "商行", "店"].iter().any(|w| t.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enterprise::import::layout::{columns, find_header};
    use crate::sheet::merged::fill_merges;
    use crate::sheet::read::{Cell, Merge};

    #[test]
    fn rows_are_classified() {
        let rows: Vec<Vec<Cell>> = [
            vec!["南和区领跑者企业名单", "", "", ""],
            vec!["单位：万元", "", "", ""],
            vec!["序号", "企业名称", "统一社会信用代码", "营业收入"],
            vec!["示例", "XXXX有限公司", "91130506XXXXXXXXXX", "100"],
            vec!["一、清河县", "", "", ""],
            vec!["1", "甲有限公司", "91130506MA01RRJY81", "12,345.6"],
            vec!["", "", "", ""],
            vec!["2", "乙有限公司", "911305067568074885", "3"],
            vec!["序号", "企业名称", "统一社会信用代码", "营业收入"],
            vec!["", "合计", "", "12348.6"],
            vec!["注：金额单位为万元，数据截至2022年底，请各县认真核对后报送。", "", "", ""],
            vec!["填表人：张三", "", "审核人：李四", ""],
            vec!["3", "", "", ""],
        ]
        .iter()
        .map(|r| r.iter().map(|t| if t.is_empty() { Cell::default() } else { Cell::text(t) }).collect())
        .collect();
        let mut grid = Grid { rows, merges: vec![Merge { first: (0, 0), last: (0, 3) }, Merge { first: (10, 0), last: (10, 3) }], ..Default::default() };
        fill_merges(&mut grid);
        let header = find_header(&grid).unwrap();
        let layout = Layout { columns: columns(&grid, &header, None), header_rows: header };
        let seed = crate::store::seed::county_seed();
        let counties = Counties::new(seed.counties.into_iter().map(|c| (c.name, c.aliases)).collect());
        let got = classify(&grid, &layout, &counties);
        let qing = RowClass::Data { county: Some("清河县".into()), example_word: None };
        let want = vec![
            RowClass::Ignored("title"),
            RowClass::Ignored("notes"),
            RowClass::Ignored("header"),
            RowClass::Ignored("example"),
            RowClass::Ignored("title"),
            qing.clone(),
            RowClass::Ignored("blank"),
            qing,
            RowClass::Ignored("header"),
            RowClass::Ignored("total"),
            RowClass::Ignored("notes"),
            RowClass::Ignored("notes"),
            RowClass::Ignored(""),
        ];
        assert_eq!(got, want);
    }
}
