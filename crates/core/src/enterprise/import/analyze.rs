//! The read side of the pipeline, from file bytes to validated records: picks the sheet and
//! header, applies mapping corrections (given or remembered), classifies and reads the rows.
use crate::enterprise::fields::{self, Kind};
use super::layout::{self, Column, Layout};
use crate::sheet::read::{column_index, column_letter};
use crate::sheet::merged::fill_merges;
use super::record::{self, Record, RowContext, RowOutcome};
use super::rows::{classify, RowClass};
use super::yearly;
use crate::enterprise::vocab::Counties;
use crate::enterprise::uscc;
use super::known::{KeptRow, Known, Reading, RowHash};
use crate::sheet::read::{read_workbook, Grid};
use super::{IgnoredRow, ImportOptions, Issue};
use crate::error::{CoreError, Result};
use crate::store::Store;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Everything read from the file, before looking at the store.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub file_name: String,
    pub sheet: String,
    pub header_rows: Vec<u32>,
    pub columns: Vec<Column>,
    /// Columns the user chose to drop.
    pub ignored_columns: Vec<usize>,
    pub samples: BTreeMap<usize, Vec<String>>,
    pub records: Vec<Record>,
    /// Rows not read again because the store still holds what they gave at the last import:
    /// their USCC and hash, checked again inside the import's transaction.
    pub known_unchanged: Vec<(String, RowHash)>,
    pub rejected: Vec<Issue>,
    pub warnings: Vec<Issue>,
    pub ignored: Vec<IgnoredRow>,
    pub year: i64,
    /// Identifies the header layout, to remember a confirmed mapping.
    pub signature: String,
    pub remembered_mapping: bool,
}

struct Candidate {
    grid: Grid,
    header_rows: Vec<usize>,
    data_rows: usize,
    score: usize,
}

fn candidate(mut grid: Grid) -> Option<Candidate> {
    fill_merges(&mut grid);
    let header_rows = layout::find_header(&grid)?;
    let last = *header_rows.last()?;
    let score = layout::header_score(&grid, last);
    let cols = layout::columns(&grid, &header_rows, None);
    let key_cols: Vec<usize> = cols.iter().filter(|c| matches!(c.key, Some("name" | "uscc"))).map(|c| c.index).collect();
    let data_rows = grid.rows[last + 1..]
        .iter()
        .filter(|row| key_cols.iter().any(|c| row.get(*c).is_some_and(|cell| !cell.is_blank() && !cell.from_merge)))
        .count();
    Some(Candidate { grid, header_rows, data_rows, score })
}

fn pick_sheet(grids: Vec<Grid>, opts: &ImportOptions, file_name: &str) -> Result<Candidate> {
    let names: Vec<String> = grids.iter().map(|g| g.name.clone()).collect();
    if let Some(want) = opts.sheet.as_deref().filter(|s| !s.trim().is_empty()) {
        let grid = grids.into_iter().find(|g| g.name == want || g.name.trim() == want.trim()).ok_or_else(|| {
            CoreError::UnrecognizedLayout(format!("文件 {file_name} 中没有名为“{want}”的工作表（共有：{}）", names.join("、")))
        })?;
        return candidate(grid).ok_or_else(|| {
            CoreError::UnrecognizedLayout(format!("文件 {file_name} 的工作表“{want}”中找不到表头（应含“企业名称”“统一社会信用代码”等列）"))
        });
    }
    let mut best: Option<(bool, Candidate)> = None;
    for grid in grids {
        let hidden = grid.hidden;
        let Some(c) = candidate(grid) else { continue };
        // Visible sheets first, then sheets not named as examples or templates (nor the
        // export's 年度数据), then the one with most enterprise rows, then the best header.
        let rank = |hidden: bool, c: &Candidate| (!hidden, !is_example_sheet(&c.grid.name) && !yearly::is_yearly_sheet(&c.grid.name), c.data_rows, c.score);
        let better = match &best {
            None => true,
            Some((bh, b)) => rank(hidden, &c) > rank(*bh, b),
        };
        if better {
            best = Some((hidden, c));
        }
    }
    best.map(|(_, c)| c).ok_or_else(|| {
        CoreError::UnrecognizedLayout(format!(
            "文件 {file_name} 中找不到企业名单表格：各工作表（{}）前{}行内都没有含“企业名称”“统一社会信用代码”等列名的表头",
            names.join("、"),
            25
        ))
    })
}

fn is_example_sheet(name: &str) -> bool {
    ["示例", "样表", "样例", "模板", "范例", "说明", "填表"].iter().any(|w| name.contains(w))
}

fn signature(columns: &[Column]) -> String {
    let text: String = columns.iter().map(|c| format!("{}={};", column_letter(c.index), c.header)).collect();
    crate::fingerprint::sha256(text.as_bytes())
}

fn remembered(store: &Store, sig: &str) -> Result<Option<BTreeMap<String, String>>> {
    use rusqlite::OptionalExtension;
    let text: Option<String> = store
        .conn
        .query_row("SELECT mapping FROM header_mappings WHERE signature = ?1", [sig], |r| r.get(0))
        .optional()?;
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}

/// Applies column corrections: letter → field key, or "ignore".
fn apply_mapping(columns: &mut Vec<Column>, mapping: &BTreeMap<String, String>, file_name: &str) -> Result<Vec<usize>> {
    let mut ignored = Vec::new();
    for (letter, key) in mapping {
        let index = column_index(letter)
            .ok_or_else(|| CoreError::Invalid(format!("导入 {file_name}：列“{letter}”不是有效的列号")))?;
        let key = key.trim();
        let new_key = if key == "ignore" || key.is_empty() {
            None
        } else {
            Some(fields::field(key).map(|f| f.key).ok_or_else(|| CoreError::Invalid(format!("导入 {file_name}：{letter}列对应的字段“{key}”不存在")))?)
        };
        // A field chosen for one column leaves the column that had it.
        if let Some(k) = new_key {
            for c in columns.iter_mut().filter(|c| c.index != index && c.key == Some(k)) {
                let yearly = fields::field(k).is_some_and(|f| f.yearly);
                if !yearly {
                    c.key = None;
                }
            }
        }
        match columns.iter_mut().find(|c| c.index == index) {
            Some(c) => c.key = new_key,
            None => {
                columns.push(Column { index, header: format!("{letter}列"), key: new_key, year: None, unit: None });
                columns.sort_by_key(|c| c.index);
            }
        }
        if new_key.is_none() && key == "ignore" {
            ignored.push(index);
        }
    }
    Ok(ignored)
}

/// Reads the file into records. With `known` (a commit), a row whose hash the store holds is
/// counted as unchanged instead of read again, unless a 年度数据 sheet adds to the rows.
pub fn analyze(store: &Store, bytes: &[u8], file_name: &str, opts: &ImportOptions, known: Option<&Known>) -> Result<Analysis> {
    let grids = read_workbook(bytes, file_name)?;
    let yearly_grid = grids.iter().find(|g| yearly::is_yearly_sheet(&g.name)).cloned();
    let cand = pick_sheet(grids, opts, file_name)?;
    let mut grid = cand.grid;
    let unit_line = layout::unit_line(&grid, &cand.header_rows);
    let mut columns = layout::columns(&grid, &cand.header_rows, unit_line);
    let sig = signature(&columns);
    let mut remembered_mapping = false;
    let mapping = match &opts.mapping {
        Some(m) => Some(m.clone()),
        None => {
            let m = remembered(store, &sig)?;
            remembered_mapping = m.is_some();
            m
        }
    };
    let ignored_columns = match &mapping {
        Some(m) => apply_mapping(&mut columns, m, file_name)?,
        None => Vec::new(),
    };
    let sheet = grid.name.clone();
    if !columns.iter().any(|c| c.key == Some("uscc")) {
        return Err(CoreError::UnrecognizedLayout(format!(
            "文件 {file_name} 工作表“{sheet}”第{}行的表头中没有“统一社会信用代码”列，无法按代码导入；请在预览中指定该列",
            cand.header_rows.last().map_or(1, |r| r + 1)
        )));
    }
    let layout = Layout { header_rows: cand.header_rows.clone(), columns };
    let counties = Counties::load(store)?;
    let classes = classify(&grid, &layout, &counties);
    let data_rows: Vec<usize> = classes.iter().enumerate().filter(|(_, c)| matches!(c, RowClass::Data { .. })).map(|(r, _)| r).collect();
    let fraction_columns = fraction_columns(&grid, &layout, &data_rows);
    let year = figures_year(&layout, opts);
    let option_county = match opts.county.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(c) => Some(counties.resolve(c).ok_or_else(|| CoreError::Invalid(format!("县（市、区）“{c}”不在邢台市县级行政区名单中")))?),
        None => None,
    };
    let title_county = (0..layout.header_rows[0])
        .find_map(|r| grid.rows[r].iter().find_map(|c| counties.find_in(&c.display())))
        .or_else(|| counties.find_in(&sheet))
        .or_else(|| counties.find_in(file_name));
    let read_columns: Vec<Column> = layout.columns.iter().filter(|c| !ignored_columns.contains(&c.index)).cloned().collect();
    let ctx = RowContext { columns: &read_columns, counties: &counties, year, county: None, fraction_columns: &fraction_columns };
    let samples = column_samples(&grid, &layout, &data_rows);
    let merges_yearly = yearly_grid.is_some() && !yearly::is_yearly_sheet(&sheet);
    let hashing = known.filter(|_| !merges_yearly).map(|known| Hashing {
        reading: Reading::new(&read_columns, year, &fraction_columns, &counties),
        known,
        uscc_by_row: unique_usccs(&grid, &data_rows, layout.column("uscc")),
    });
    let mut rows = read_rows(&mut grid, &classes, layout.column("uscc"), ctx, (option_county, title_county), hashing.as_ref());
    let header_of = |c: usize| layout.columns.iter().find(|col| col.index == c).map(|col| col.header.as_str());
    rows.warnings.splice(0..0, grid.cut.iter().map(|cut| cut.issue(header_of(cut.col))));
    // The kept rows' warnings move down by as many.
    for kept in rows.records.iter_mut().filter_map(|r| r.kept.as_mut()) {
        kept.warnings = kept.warnings.start + grid.cut.len()..kept.warnings.end + grid.cut.len();
    }
    if let Some(g) = yearly_grid.filter(|_| !yearly::is_yearly_sheet(&sheet)) {
        let w = yearly::merge(g, &mut rows.records, &counties);
        rows.warnings.extend(w);
    }
    Ok(Analysis {
        file_name: file_name.to_string(),
        sheet,
        header_rows: layout.header_rows.iter().map(|r| (*r + 1) as u32).collect(),
        samples,
        columns: layout.columns,
        ignored_columns,
        records: rows.records,
        known_unchanged: rows.known_unchanged,
        rejected: rows.rejected,
        warnings: rows.warnings,
        ignored: rows.ignored,
        year,
        signature: sig,
        remembered_mapping,
    })
}

/// Percent columns whose values are written as fractions (0.0352 for 3.52 %).
fn fraction_columns(grid: &Grid, layout: &Layout, data_rows: &[usize]) -> Vec<usize> {
    layout
        .columns
        .iter()
        .filter(|c| c.key.and_then(fields::field).is_some_and(|f| f.kind == Kind::Percent))
        .filter(|c| record::fraction_column(data_rows.iter().filter_map(|r| grid.cell(*r, c.index).cloned())))
        .map(|c| c.index)
        .collect()
}

/// Figures without a year in their header take the user's year, else the one year the
/// other figure columns state (“2022年主要经济指标” over some of them), else last year.
fn figures_year(layout: &Layout, opts: &ImportOptions) -> i64 {
    let stated: BTreeSet<i64> = layout
        .columns
        .iter()
        .filter(|c| c.key.and_then(fields::field).is_some_and(|f| f.yearly))
        .filter_map(|c| c.year)
        .collect();
    opts.year.unwrap_or_else(|| match stated.iter().collect::<Vec<_>>().as_slice() {
        [only] => **only,
        _ => chrono::Datelike::year(&chrono::Local::now()) as i64 - 1,
    })
}

/// Up to three non-blank values of each column, for the preview's column mapping.
fn column_samples(grid: &Grid, layout: &Layout, data_rows: &[usize]) -> BTreeMap<usize, Vec<String>> {
    layout
        .columns
        .iter()
        .map(|c| {
            let s = data_rows
                .iter()
                .filter_map(|r| grid.cell(*r, c.index))
                .filter(|cell| !cell.is_blank())
                .map(|cell| cell.display())
                .take(3)
                .collect();
            (c.index, s)
        })
        .collect()
}

/// The rows of the sheet read into records, with what was rejected, warned about or ignored.
#[derive(Default)]
struct Rows {
    records: Vec<Record>,
    known_unchanged: Vec<(String, RowHash)>,
    rejected: Vec<Issue>,
    warnings: Vec<Issue>,
    ignored: Vec<IgnoredRow>,
}

/// Reads every data row; a row that names no county takes the one given as an option, else its
/// county group row's, else the one in the title. A second row with the same USCC is rejected.
/// Each row's cells are let go once it is read, so that the records take the grid's place in
/// memory rather than adding to it.
fn read_rows(
    grid: &mut Grid,
    classes: &[RowClass],
    uscc_col: Option<&Column>,
    mut ctx: RowContext,
    (option_county, title_county): (Option<String>, Option<String>),
    hashing: Option<&Hashing>,
) -> Rows {
    let mut out = Rows::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (r, class) in classes.iter().enumerate() {
        let row = RowAt { r, class, uscc_col, hashing };
        read_one_row(grid, row, &mut ctx, (&option_county, &title_county), &mut out, &mut seen);
        if let Some(cells) = grid.rows.get_mut(r) {
            *cells = Vec::new();
        }
    }
    out
}

/// How to tell a re-imported row the store already holds: the sheet's reading, the hashes kept,
/// and each data row's USCC (None when it is blank or given by more than one row).
struct Hashing<'a> {
    reading: Reading,
    known: &'a Known,
    uscc_by_row: Vec<Option<String>>,
}

/// The USCC of each data row that no other row gives, by 0-based row.
fn unique_usccs(grid: &Grid, data_rows: &[usize], uscc_col: Option<&Column>) -> Vec<Option<String>> {
    let mut out = vec![None; grid.rows.len()];
    let Some(col) = uscc_col else { return out };
    let mut count: HashMap<String, usize> = HashMap::new();
    for &r in data_rows {
        let uscc = grid.cell(r, col.index).map(|c| uscc::normalize(&c.display())).unwrap_or_default();
        if !uscc.is_empty() {
            *count.entry(uscc.clone()).or_default() += 1;
            out[r] = Some(uscc);
        }
    }
    for slot in out.iter_mut() {
        if slot.as_ref().is_some_and(|u| count[u] > 1) {
            *slot = None;
        }
    }
    out
}

/// The row being read: its 0-based index, its class, the USCC column and the hashing.
struct RowAt<'a> {
    r: usize,
    class: &'a RowClass,
    uscc_col: Option<&'a Column>,
    hashing: Option<&'a Hashing<'a>>,
}

/// [`read_rows`] for one row.
fn read_one_row(
    grid: &Grid,
    RowAt { r, class, uscc_col, hashing }: RowAt,
    ctx: &mut RowContext,
    (option_county, title_county): (&Option<String>, &Option<String>),
    out: &mut Rows,
    seen: &mut HashMap<String, usize>,
) {
    {
        let row = (r + 1) as u32;
        let (group_county, example_word) = match class {
            RowClass::Ignored("") => return,
            RowClass::Ignored(why) => {
                out.ignored.push(IgnoredRow { row, why: why.to_string() });
                return;
            }
            RowClass::Data { county, example_word } => (county.clone(), *example_word),
        };
        ctx.county = option_county.clone().or(group_county).or_else(|| title_county.clone());
        let hash = hashing.and_then(|h| {
            let uscc = h.uscc_by_row.get(r)?.as_ref()?;
            let hash = h.reading.row(ctx.county.as_deref(), &grid.rows[r], ctx.columns);
            Some((h.known.holds(uscc, &hash, row).map(|w| (uscc, w)), hash))
        });
        if let Some((Some((uscc, w)), hash)) = hash {
            out.known_unchanged.push((uscc.clone(), hash));
            out.warnings.extend(w);
            out.warnings.extend(example_word.map(|c| example_warning(grid, r, c)));
            return;
        }
        match record::read_row(&grid.rows[r], row, ctx) {
            RowOutcome::Rejected(issue, w) => {
                out.warnings.extend(w);
                out.rejected.push(issue);
            }
            RowOutcome::Accepted(mut rec, w) => {
                if let Some(&i) = seen.get(&rec.uscc) {
                    let first = &out.records[i];
                    let same = first.base == rec.base && first.figures == rec.figures && first.extra == rec.extra;
                    let how = if same { "内容一致" } else { "内容不同，本行未导入" };
                    out.rejected.push(Issue {
                        row,
                        column: Some(uscc_col.map(|c| column_letter(c.index)).unwrap_or_default()),
                        value: Some(uscc_col.and_then(|c| grid.cell(r, c.index)).map(|c| c.display()).unwrap_or_default()),
                        code: "duplicate".into(),
                        message: format!("第{row}行：重复企业：统一社会信用代码与第{}行相同（{how}）", first.row),
                    });
                    return;
                }
                let from = out.warnings.len();
                out.warnings.extend(w);
                rec.kept = hash.map(|(_, hash)| KeptRow { hash, warnings: from..out.warnings.len() });
                out.warnings.extend(example_word.map(|c| example_warning(grid, r, c)));
                seen.insert(rec.uscc.clone(), out.records.len());
                out.records.push(rec);
            }
        }
    }
}

/// The warning for a row that reads like an example (某某, XXX …) but has a valid USCC.
fn example_warning(grid: &Grid, r: usize, c: usize) -> Issue {
    let row = (r + 1) as u32;
    Issue {
        row,
        column: Some(column_letter(c)),
        value: grid.cell(r, c).map(|cell| cell.display()),
        code: "example_words".into(),
        message: format!("第{row}行{}列含“某某”“XXX”等示例用词，但统一社会信用代码有效，已按企业导入，请核对", column_letter(c)),
    }
}
