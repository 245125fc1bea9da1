//! Finding the table: which sheet holds the data, which row(s) form the header (title lines,
//! unit lines and two-level merged headers around it), and what each column means (by its
//! header, or by its values where the header is ambiguous: 主导产业).
use crate::enterprise::fields::{self, Kind};
use crate::sheet::merged::merge_width;
use crate::sheet::text::{clean, compact};
use crate::sheet::read::{CellValue, Grid};
use std::collections::BTreeSet;

/// How many rows from the top a header is looked for in.
const HEADER_SEARCH_ROWS: usize = 25;

/// One column of the table as understood from its header.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub index: usize,
    /// The header text, levels joined by “/” (e.g. “联系方式/联系人”).
    pub header: String,
    pub key: Option<&'static str>,
    pub year: Option<i64>,
    /// Factor to 万元 stated by the header (or a unit line), for amounts.
    pub unit: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// 0-based header rows, top first.
    pub header_rows: Vec<usize>,
    pub columns: Vec<Column>,
}

impl Layout {
    pub fn column(&self, key: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.key == Some(key))
    }
    pub fn last_header_row(&self) -> usize {
        *self.header_rows.last().unwrap_or(&0)
    }
}

fn row_texts(grid: &Grid, r: usize) -> Vec<String> {
    grid.rows
        .get(r)
        .map(|row| {
            row.iter()
                .map(|c| match &c.value {
                    CellValue::Text(t) => clean(t),
                    _ => String::new(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The distinct fields a row's cells name (序号 not counted).
fn row_fields(grid: &Grid, r: usize) -> BTreeSet<&'static str> {
    row_texts(grid, r)
        .iter()
        .filter_map(|t| fields::match_field(t))
        .filter(|k| *k != "seq")
        .collect()
}

/// How strongly a row looks like a header: distinct fields named; 0 unless it names at
/// least three fields, or two of which one is the name or the USCC.
pub fn header_score(grid: &Grid, r: usize) -> usize {
    let f = row_fields(grid, r);
    let key = f.contains("name") || f.contains("uscc");
    if f.len() >= 3 || (f.len() == 2 && key) {
        f.len()
    } else {
        0
    }
}

fn distinct_values(grid: &Grid, r: usize) -> usize {
    let set: BTreeSet<String> = row_texts(grid, r).into_iter().filter(|t| !t.is_empty()).collect();
    let numbers = grid.rows.get(r).map(|row| row.iter().filter(|c| matches!(c.value, CellValue::Number(_))).count()).unwrap_or(0);
    set.len() + numbers
}

fn has_vertical_merge_between(grid: &Grid, upper: usize, lower: usize) -> bool {
    grid.merges.iter().any(|m| m.first.0 <= upper && m.last.0 >= lower)
}

fn has_numbers(grid: &Grid, r: usize) -> bool {
    grid.rows.get(r).is_some_and(|row| row.iter().any(|c| matches!(c.value, CellValue::Number(_)) && !c.from_merge))
}

/// Finds the header rows of a (merge-filled) sheet: each row that looks like a header is
/// grown by the rows above and below that belong to it (group headers over sub-headers);
/// the block naming most fields wins, the earliest on a tie (a header repeated mid-table
/// never beats the real one).
pub fn find_header(grid: &Grid) -> Option<Vec<usize>> {
    let limit = grid.rows.len().min(HEADER_SEARCH_ROWS);
    let mut best: Option<(Vec<usize>, usize)> = None;
    for r in 0..limit {
        if header_score(grid, r) == 0 {
            continue;
        }
        let block = header_block(grid, r);
        let n = fields_of(grid, &block).len();
        if best.as_ref().is_none_or(|(_, bn)| n > *bn) {
            best = Some((block, n));
        }
    }
    best.map(|(b, _)| b)
}

/// The header levels belonging with row `r`.
fn header_block(grid: &Grid, r: usize) -> Vec<usize> {
    let mut rows = vec![r];
    let base = fields_of(grid, &rows);
    // Upward: a group row over this one.
    let mut top = r;
    while top > 0 && rows.len() < 3 {
        let up = top - 1;
        if distinct_values(grid, up) < 2 || has_numbers(grid, up) {
            break;
        }
        let mut with = rows.clone();
        with.insert(0, up);
        let grows = fields_of(grid, &with).len() > base.len();
        let linked = has_vertical_merge_between(grid, up, top) || group_cells_over(grid, up, top);
        if grows || linked {
            rows = with;
            top = up;
        } else {
            break;
        }
    }
    // Downward: sub-headers under a merged group row.
    let mut bottom = r;
    while bottom + 1 < grid.rows.len() && rows.len() < 3 {
        let down = bottom + 1;
        if distinct_values(grid, down) < 2 || has_numbers(grid, down) || looks_like_data(grid, down) {
            break;
        }
        let mut with = rows.clone();
        with.push(down);
        let before = fields_of(grid, &rows).len();
        let grows = fields_of(grid, &with).len() > before;
        if grows {
            rows = with;
            bottom = down;
        } else {
            break;
        }
    }
    rows
}

/// Whether row `upper` has a horizontally merged (or repeated) group cell standing over
/// distinct sub-header texts in row `lower`.
fn group_cells_over(grid: &Grid, upper: usize, lower: usize) -> bool {
    let up = row_texts(grid, upper);
    let low = row_texts(grid, lower);
    (0..up.len()).any(|c| {
        !up[c].is_empty()
            && merge_width(grid, upper, c) >= 2
            && merge_width(grid, upper, c) < up.len().max(2)
            && low.get(c).is_some_and(|t| !t.is_empty() && *t != up[c])
    })
}

/// A row holding an 18-character code or many numbers is data, not a header.
fn looks_like_data(grid: &Grid, r: usize) -> bool {
    row_texts(grid, r).iter().any(|t| {
        let c = compact(t);
        c.len() == 18 && c.chars().all(|ch| ch.is_ascii_alphanumeric()) && c.chars().any(|ch| ch.is_ascii_digit())
    })
}

fn fields_of(grid: &Grid, rows: &[usize]) -> BTreeSet<&'static str> {
    columns(grid, rows, None).into_iter().filter_map(|c| c.key).filter(|k| *k != "seq").collect()
}

/// The columns under the header rows, each mapped to a field (or none), with year and unit.
/// `unit_line` is a unit stated above the table (“单位：万元”).
pub fn columns(grid: &Grid, header_rows: &[usize], unit_line: Option<f64>) -> Vec<Column> {
    let width = header_rows.iter().map(|r| grid.rows.get(*r).map_or(0, Vec::len)).max().unwrap_or(0);
    let mut out: Vec<Column> = Vec::new();
    let mut taken: BTreeSet<(&'static str, Option<i64>)> = BTreeSet::new();
    let texts = level_texts(grid, header_rows, width);
    for c in 0..width {
        let mut parts: Vec<(String, bool)> = Vec::new();
        for (level, r) in header_rows.iter().enumerate() {
            let (text, carried) = texts.get(level).and_then(|t| t.get(c)).cloned().unwrap_or_default();
            if text.is_empty() || parts.iter().any(|(p, _)| *p == text) {
                continue;
            }
            let group = (carried || merge_width(grid, *r, c) >= 2) && level + 1 < header_rows.len();
            parts.push((text, group));
        }
        if parts.is_empty() {
            continue;
        }
        let header = parts.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>().join("/");
        let lowest = &parts[parts.len() - 1].0;
        let mut key = fields::match_field(lowest);
        if key.is_none() && parts.len() > 1 {
            key = fields::match_field(&parts.iter().map(|(p, _)| p.as_str()).collect::<String>());
        }
        if key.is_none() {
            key = parts.iter().rev().skip(1).filter(|(_, group)| !group).find_map(|(p, _)| fields::match_field(p));
        }
        let year = parts.iter().rev().find_map(|(p, _)| fields::header_year(p));
        let unit = parts.iter().rev().find_map(|(p, _)| fields::unit_factor(p)).or(unit_line);
        let year_key = key.and_then(fields::field).filter(|f| f.yearly).map(|_| year);
        if let Some(k) = key {
            let slot = (k, year_key.flatten());
            if fields::field(k).is_some_and(|f| f.kind != Kind::Seq) && !taken.insert(slot) {
                key = None;
            }
        }
        out.push(Column { index: c, header, key, year, unit });
    }
    decide_by_values(grid, header_rows, &mut out);
    out
}

/// A column whose header may name industries or clusters (主导产业) holds the clusters when
/// most of its values are cluster names (清河羊绒, 羊绒, 羊绒产业集群) and no other column does.
fn decide_by_values(grid: &Grid, header_rows: &[usize], columns: &mut [Column]) {
    if columns.iter().any(|c| c.key == Some("cluster")) {
        return;
    }
    let last = *header_rows.last().unwrap_or(&0);
    let ambiguous = columns.iter_mut().filter(|c| c.key == Some("industry") && fields::decided_by_values(c.header.rsplit('/').next().unwrap_or("")));
    let mut names: Option<Vec<(String, String)>> = None;
    for col in ambiguous {
        let names = names.get_or_insert_with(cluster_names);
        let values: Vec<String> = (last + 1..grid.rows.len().min(last + 201)).map(|r| compact(&grid.text(r, col.index))).filter(|v| !v.is_empty()).collect();
        let clusters = values.iter().filter(|v| is_cluster(v, names)).count();
        if clusters * 2 > values.len() {
            col.key = Some("cluster");
        }
    }
}

/// Every shipped cluster as (full name, name without its county: 清河羊绒 → 羊绒).
fn cluster_names() -> Vec<(String, String)> {
    let seed = crate::store::seed::county_seed();
    seed.clusters
        .iter()
        .map(|c| {
            let county = seed.counties.iter().find(|k| k.name == c.county);
            let prefixes = county.into_iter().flat_map(|k| std::iter::once(&k.name).chain(k.aliases.iter()));
            let short = prefixes.filter_map(|p| c.name.strip_prefix(p.as_str())).filter(|s| s.chars().count() >= 2).min_by_key(|s| s.len());
            (c.name.clone(), short.unwrap_or(&c.name).to_string())
        })
        .collect()
}

/// Whether a value names a cluster: its full or short name, with or without 产业集群 / 集群 / 产业.
fn is_cluster(value: &str, names: &[(String, String)]) -> bool {
    let v = ["产业集群", "集群", "产业"].iter().find_map(|s| value.strip_suffix(s)).unwrap_or(value);
    names.iter().any(|(full, short)| v == full || v == short || v.starts_with(full.as_str()))
}

/// The header text of every column on every header level. An upper-level group cell that
/// is not merged (“2022年经济指标” over blank cells) is carried right over the columns whose
/// lower level has text, as a merge would; the flag says the text was carried.
fn level_texts(grid: &Grid, header_rows: &[usize], width: usize) -> Vec<Vec<(String, bool)>> {
    let text_at = |r: usize, c: usize| grid.cell(r, c).map(|cell| clean(&cell.display())).unwrap_or_default();
    let last = *header_rows.last().unwrap_or(&0);
    header_rows
        .iter()
        .map(|&r| {
            let mut carry: Option<String> = None;
            (0..width)
                .map(|c| {
                    let own = text_at(r, c);
                    let below = if r == last { String::new() } else { text_at(last, c) };
                    if !own.is_empty() {
                        carry = (!below.is_empty() && below != own).then(|| own.clone());
                        (own, false)
                    } else if let Some(group) = carry.clone().filter(|_| !below.is_empty()) {
                        (group, true)
                    } else {
                        carry = None;
                        (String::new(), false)
                    }
                })
                .collect()
        })
        .collect()
}

/// A unit stated on a line above the header (“单位：万元”, “金额单位：元”).
pub fn unit_line(grid: &Grid, header_rows: &[usize]) -> Option<f64> {
    let first = *header_rows.first()?;
    (0..first).rev().find_map(|r| {
        row_texts(grid, r).iter().find_map(|t| {
            let c = compact(t);
            if c.contains("单位:") || c.contains("单位：") {
                let after = c.split(['：', ':']).nth(1).unwrap_or("");
                fields::unit_factor(after).or_else(|| fields::unit_factor(&c))
            } else {
                None
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::merged::fill_merges;
    use crate::sheet::read::{Cell, Merge};

    type Span = ((usize, usize), (usize, usize));

    fn grid(rows: &[&[&str]], merges: &[Span]) -> Grid {
        let mut g = Grid {
            rows: rows.iter().map(|r| r.iter().map(|t| if t.is_empty() { Cell::default() } else { Cell::text(t) }).collect()).collect(),
            merges: merges.iter().map(|(a, b)| Merge { first: *a, last: *b }).collect(),
            ..Default::default()
        };
        fill_merges(&mut g);
        g
    }

    #[test]
    fn header_cases() {
        let cases: Vec<(Grid, Option<Vec<usize>>)> = vec![
            (grid(&[&["南和区领跑者企业名单", "", ""], &["企业名称", "统一社会信用代码", "营业收入"], &["甲公司", "91130506MA01RRJY81", "1"]], &[((0, 0), (0, 2))]), Some(vec![1])),
            (grid(&[&["名单"], &["单位：万元"], &["序号", "企业名称", "信用代码", "利润"]], &[]), Some(vec![2])),
            (
                grid(
                    &[&["名单", "", "", ""], &["企业名称", "统一社会信用代码", "2022年经济指标（万元）", ""], &["", "", "营业收入", "利润总额"], &["甲", "91130506MA01RRJY81", "1", "2"]],
                    &[((0, 0), (0, 3)), ((1, 0), (2, 0)), ((1, 1), (2, 1)), ((1, 2), (1, 3))],
                ),
                Some(vec![1, 2]),
            ),
            (grid(&[&["说明：请按要求填写"], &["一、填写范围"]], &[]), None),
        ];
        for (i, (g, want)) in cases.into_iter().enumerate() {
            assert_eq!(find_header(&g), want, "case {i}");
        }
    }

    #[test]
    fn two_level_columns_take_year_and_unit_from_the_group() {
        let g = grid(
            &[&["企业名称", "联系方式", "", "2022年经济指标（万元）", ""], &["", "联系人", "电话", "营业收入", "利润总额"]],
            &[((0, 0), (1, 0)), ((0, 1), (0, 2)), ((0, 3), (0, 4))],
        );
        let cols = columns(&g, &[0, 1], None);
        type Got<'a> = (&'a str, Option<&'a str>, Option<i64>, Option<f64>);
        let got: Vec<Got> = cols.iter().map(|c| (c.header.as_str(), c.key, c.year, c.unit)).collect();
        assert_eq!(
            got,
            vec![
                ("企业名称", Some("name"), None, None),
                ("联系方式/联系人", Some("contact"), None, None),
                ("联系方式/电话", Some("phone"), None, None),
                ("2022年经济指标（万元）/营业收入", Some("revenue_wan"), Some(2022), Some(1.0)),
                ("2022年经济指标（万元）/利润总额", Some("profit_wan"), Some(2022), Some(1.0)),
            ]
        );
        let g = grid(&[&["企业名称", "2021年经济指标（元）", "", "备注"], &["", "营业收入", "利润总额", ""]], &[]);
        let cols = columns(&g, &[0, 1], None);
        let got: Vec<(Option<&str>, Option<i64>, Option<f64>)> = cols.iter().map(|c| (c.key, c.year, c.unit)).collect();
        assert_eq!(got, vec![(Some("name"), None, None), (Some("revenue_wan"), Some(2021), Some(0.0001)), (Some("profit_wan"), Some(2021), Some(0.0001)), (Some("notes"), None, None)]);
        let g = grid(&[&["县区"], &["单位：元"], &["企业名称", "营业收入", "营业收入"]], &[]);
        assert_eq!(unit_line(&g, &[2]), Some(0.0001));
        let cols = columns(&g, &[2], Some(0.0001));
        assert_eq!(cols[2].key, None, "a second column for the same field and year is kept as extra");
    }

    #[test]
    fn an_ambiguous_header_is_decided_by_its_values() {
        let cases: Vec<(&[&str], Option<&str>)> = vec![
            (&["清河羊绒", "羊绒", "临西轴承产业集群", "宁晋单晶硅"], Some("cluster")),
            (&["羊绒产业", "汽车及零部件", "", "纺织业"], Some("cluster")),
            (&["纺织业", "通用设备制造业", "食品制造业", "羊绒"], Some("industry")),
            (&["", "", "", ""], Some("industry")),
        ];
        for (values, want) in cases {
            let mut rows: Vec<&[&str]> = vec![&["企业名称", "统一社会信用代码", "主导产业"]];
            let data: Vec<[&str; 3]> = values.iter().map(|v| ["甲公司", "91130506MA01RRJY81", *v]).collect();
            rows.extend(data.iter().map(|r| &r[..]));
            let cols = columns(&grid(&rows, &[]), &[0], None);
            assert_eq!(cols[2].key, want, "{values:?}");
        }
        let g = grid(&[&["企业名称", "特色产业集群", "主导产业"], &["甲", "清河羊绒", "羊绒"]], &[]);
        assert_eq!(columns(&g, &[0], None)[2].key, Some("industry"), "the cluster has its own column");
    }
}
