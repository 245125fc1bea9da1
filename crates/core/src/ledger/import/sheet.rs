//! Reading a ledger sheet: the header found by synonyms, each row's enterprise (USCC, else exact
//! name), description and fields. Only a row without a known enterprise or a description is
//! rejected; free words, unreadable dates and bad codes are warned about and the row kept.
use super::words::{self, Vocabulary, Word};
use crate::enterprise::uscc;
use crate::error::Result;
use crate::sheet::read::{column_letter, CellValue, Grid};
use crate::sheet::report::SheetIssue;
use rusqlite::{Connection, OptionalExtension};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Uscc,
    Name,
    Description,
    Category,
    Source,
    Received,
    Lead,
    CoUnits,
    Deadline,
    Result,
    Closed,
    Satisfaction,
}

/// The column a header text names (specific words before general ones: 问题类别 before 问题).
fn header_col(text: &str) -> Option<Col> {
    let k: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if k.is_empty() || k.chars().count() > 14 {
        return None;
    }
    let has = |ps: &[&str]| ps.iter().any(|p| k.contains(p));
    Some(if has(&["信用代码"]) {
        Col::Uscc
    } else if has(&["类别", "类型"]) {
        Col::Category
    } else if has(&["来源", "渠道"]) {
        Col::Source
    } else if has(&["满意"]) {
        Col::Satisfaction
    } else if has(&["办结时间", "办结日期", "销号时间", "完成时间"]) {
        Col::Closed
    } else if has(&["时限", "期限"]) {
        Col::Deadline
    } else if has(&["牵头", "责任单位", "责任部门", "承办单位"]) {
        Col::Lead
    } else if has(&["配合", "协办"]) {
        Col::CoUnits
    } else if has(&["诉求", "问题描述", "问题内容", "反映问题", "存在问题"]) {
        Col::Description
    } else if has(&["企业名称", "企业"]) {
        Col::Name
    } else if has(&["结果"]) {
        Col::Result
    } else if has(&["提出时间", "收集", "征集", "反映时间", "受理"]) {
        Col::Received
    } else if has(&["状态", "情况", "进展", "序号", "县"]) {
        return None;
    } else if has(&["问题", "诉求"]) {
        Col::Description
    } else {
        return None;
    })
}

pub struct Layout {
    pub header: usize,
    pub cols: Vec<(Col, usize)>,
}

impl Layout {
    pub fn col(&self, c: Col) -> Option<usize> {
        self.cols.iter().find(|(k, _)| *k == c).map(|(_, i)| *i)
    }
}

/// The first visible sheet with a header naming the description and the enterprise.
pub fn locate(grids: &[Grid]) -> Option<(usize, Layout)> {
    grids.iter().enumerate().filter(|(_, g)| !g.hidden).find_map(|(i, g)| {
        (0..g.rows.len().min(30)).find_map(|r| {
            let mut cols: Vec<(Col, usize)> = Vec::new();
            for (c, cell) in g.rows[r].iter().enumerate() {
                if let Some(k) = header_col(&cell.display()) {
                    if !cols.iter().any(|(x, _)| *x == k) {
                        cols.push((k, c));
                    }
                }
            }
            let l = Layout { header: r, cols };
            let found = l.col(Col::Description).is_some() && (l.col(Col::Name).is_some() || l.col(Col::Uscc).is_some());
            found.then_some((i, l))
        })
    })
}

/// What a unit did with a problem, as the sheet or the store has it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Handling {
    pub lead_unit: Option<String>,
    pub co_units: Vec<String>,
    pub deadline: Option<String>,
    pub result: Option<String>,
    pub closed_on: Option<String>,
    pub satisfaction: Option<String>,
}

/// One sheet row as read (text cells trimmed; dates as ISO text; listed words mapped).
pub struct SheetRow {
    pub row: u32,
    pub enterprise_id: i64,
    pub enterprise_name: String,
    pub description: String,
    pub source: Option<String>,
    pub category: Option<String>,
    pub received_on: Option<String>,
    pub handling: Handling,
}

fn find_enterprise(conn: &Connection, uscc_text: &str, name: &str) -> Result<Option<(i64, String)>> {
    let q = |sql: &str, key: &str| -> Result<Option<(i64, String)>> {
        Ok(conn.query_row(sql, [key], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
    };
    if !uscc_text.is_empty() {
        return q("SELECT id, name FROM enterprises WHERE uscc = ?1", uscc_text);
    }
    q("SELECT id, name FROM enterprises WHERE name = ?1", name)
}

/// One row read: the row with its warnings, or the rejection.
pub type RowRead = std::result::Result<(SheetRow, Vec<SheetIssue>), SheetIssue>;

/// Reads row `r` (0-based) of the sheet.
pub fn read_row(conn: &Connection, g: &Grid, l: &Layout, r: usize) -> Result<RowRead> {
    let cells = Cells { g, l, r, warnings: Vec::new() };
    cells.read(conn)
}

/// The cells of one row under the layout, and the warnings gathered while reading them.
struct Cells<'a> {
    g: &'a Grid,
    l: &'a Layout,
    r: usize,
    warnings: Vec<SheetIssue>,
}

impl Cells<'_> {
    fn text(&self, c: Col) -> String {
        let cell = self.l.col(c).and_then(|i| self.g.cell(self.r, i));
        cell.map(|cell| match &cell.value {
            CellValue::Date(d) => d.clone(),
            _ => cell.display().trim().to_string(),
        })
        .unwrap_or_default()
    }
    fn opt(&self, c: Col) -> Option<String> {
        Some(self.text(c)).filter(|s| !s.is_empty())
    }
    fn issue(&self, c: Col, code: &str, message: String) -> SheetIssue {
        let value = Some(self.text(c)).filter(|v| !v.is_empty());
        SheetIssue::new(self.r as u32 + 1, self.l.col(c).map(column_letter), value, code, message)
    }
    fn warn(&mut self, c: Col, code: &str, message: String) {
        let w = self.issue(c, code, message);
        self.warnings.push(w);
    }

    fn read(mut self, conn: &Connection) -> Result<RowRead> {
        let (enterprise_id, enterprise_name) = match self.enterprise(conn)? {
            Ok(e) => e,
            Err(rejected) => return Ok(Err(rejected)),
        };
        let description = self.text(Col::Description);
        if description.is_empty() {
            return Ok(Err(self.issue(Col::Description, "description_missing", "问题描述为空".into())));
        }
        let [received_on, deadline, closed_on] =
            [(Col::Received, "收集日期", false), (Col::Deadline, "办理时限", true), (Col::Closed, "办结日期", false)].map(|(c, what, end)| self.date(c, what, end));
        let co_units = self.text(Col::CoUnits).split(['、', ',', '，', ';', '；', '\n']).map(|u| u.trim().to_string()).filter(|u| !u.is_empty()).collect();
        // The ledger export writes a returned problem's reason as 退回：… in the result column.
        let result = self.opt(Col::Result).filter(|t| !t.starts_with("退回："));
        let satisfaction = self.word(Col::Satisfaction, words::SATISFACTION);
        let handling = Handling { lead_unit: self.opt(Col::Lead), co_units, deadline, result, closed_on, satisfaction };
        let (source, category) = (self.word(Col::Source, words::SOURCE), self.word(Col::Category, words::CATEGORY));
        let row = SheetRow { row: self.r as u32 + 1, enterprise_id, enterprise_name, description, source, category, received_on, handling };
        Ok(Ok((row, self.warnings)))
    }

    /// The row's enterprise: by USCC, or by name when the code is missing, or invalid (warned);
    /// the rejection when the store has no such enterprise.
    fn enterprise(&mut self, conn: &Connection) -> Result<std::result::Result<(i64, String), SheetIssue>> {
        let code = uscc::normalize(&self.text(Col::Uscc));
        let name = self.text(Col::Name);
        let unknown = |this: &Self, col: Col, who: String| this.issue(col, "enterprise_unknown", format!("企业库中没有{who}对应的企业，请先导入该企业"));
        if code.is_empty() {
            return Ok(find_enterprise(conn, "", &name)?.ok_or_else(|| unknown(self, Col::Name, format!("企业名称“{name}”"))));
        }
        let Err(p) = uscc::check(&code) else {
            return Ok(find_enterprise(conn, &code, &name)?.ok_or_else(|| unknown(self, Col::Uscc, format!("统一社会信用代码 {code}"))));
        };
        match if name.is_empty() { None } else { find_enterprise(conn, "", &name)? } {
            Some(found) => {
                self.warn(Col::Uscc, p.code(), format!("{}；已按企业名称“{name}”对应", p.message()));
                Ok(Ok(found))
            }
            None => Ok(Err(self.issue(Col::Uscc, p.code(), p.message()))),
        }
    }

    /// A date cell as ISO text; one that cannot be read is warned about and left empty.
    fn date(&mut self, c: Col, what: &str, month_end: bool) -> Option<String> {
        let t = self.opt(c)?;
        match words::sheet_date(&t, what, month_end) {
            Ok(d) => Some(d.to_string()),
            Err(e) => {
                self.warn(c, "date_invalid", format!("{e}；未导入该日期"));
                None
            }
        }
    }

    /// A cell of a listed column: the list value, mapped from a synonym or kept as written.
    fn word(&mut self, c: Col, vocab: Vocabulary) -> Option<String> {
        let t = self.opt(c)?;
        let word = vocab.read(&t);
        if let Some(msg) = vocab.warning(&t, &word) {
            let code = if matches!(word, Word::Mapped(_)) { "value_mapped" } else { "value_unlisted" };
            self.warn(c, code, msg);
        }
        word.value(&vocab)
    }
}
