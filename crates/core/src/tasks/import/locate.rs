//! Finds the task table in a workbook: the sheets and header row(s) naming 工作措施 and 责任单位,
//! and what each column holds (序号, 行动, 重点任务, 工作措施, 牵头/配合单位, 完成时限 …), first by
//! the header's words, then by the cells under it (`content`).
use super::normalize::header_key;
use crate::sheet::read::{CellValue, Grid};

/// What a column of the task table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Seq,
    Action,
    Title,
    Content,
    Units,
    Lead,
    CoUnits,
    Deadline,
    /// 进展状态 in a county's filled-in version.
    Status,
    ProgressText,
    Percent,
    ReportDate,
}

/// The task table found in one sheet.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Grid rows (0-based) of the header.
    pub header_rows: Vec<usize>,
    /// Role of each grid column, `None` for columns the importer does not use.
    pub roles: Vec<Option<Role>>,
    /// No column holds the titles: each measure cell starts with its title sentence.
    pub title_in_content: bool,
}

impl Layout {
    pub fn column(&self, role: Role) -> Option<usize> {
        self.roles.iter().position(|r| *r == Some(role))
    }
    pub fn first_data_row(&self) -> usize {
        self.header_rows.last().map(|r| r + 1).unwrap_or(0)
    }
}

/// The role a header text names, if any.
pub fn header_role(text: &str) -> Option<Role> {
    let k = header_key(text);
    if k.is_empty() || k.chars().count() > 12 {
        return None;
    }
    let has = |ps: &[&str]| ps.iter().any(|p| k.contains(p));
    if has(&["序号", "编号"]) || k == "序" {
        Some(Role::Seq)
    } else if has(&["时限", "完成时间", "时间节点", "期限", "时间安排", "时间要求", "完成年限"]) {
        Some(Role::Deadline)
    } else if has(&["状态"]) {
        Some(Role::Status)
    } else if has(&["比例", "完成率", "百分比"]) {
        Some(Role::Percent)
    } else if has(&["进展", "完成情况", "落实情况"]) {
        Some(Role::ProgressText)
    } else if has(&["日期"]) {
        Some(Role::ReportDate)
    } else if has(&["牵头"]) {
        Some(Role::Lead)
    } else if has(&["配合", "协同", "协办", "协助", "参与"]) {
        Some(Role::CoUnits)
    } else if has(&["责任单位", "责任部门", "负责单位", "承办单位", "单位"]) {
        Some(Role::Units)
    } else if has(&["措施", "内容"]) {
        Some(Role::Content)
    } else if has(&["行动"]) {
        Some(Role::Action)
    } else if has(&["任务", "事项"]) {
        Some(Role::Title)
    } else {
        None
    }
}

/// The task tables among the sheets: (sheet index, layout) of every sheet with a header row
/// naming both the measures and the responsible units, in workbook order.
pub fn locate(grids: &[Grid]) -> Vec<(usize, Layout)> {
    grids
        .iter()
        .enumerate()
        .filter_map(|(i, g)| locate_in(g).map(|l| (i, l)))
        .collect()
}

fn row_roles(g: &Grid, r: usize) -> Vec<Option<Role>> {
    (0..g.rows.get(r).map(Vec::len).unwrap_or(0))
        .map(|c| header_role(&g.text(r, c)))
        .collect()
}

/// Whether a row of roles names what a task table must have.
pub fn is_header(roles: &[Option<Role>]) -> bool {
    let has = |x: Role| roles.contains(&Some(x));
    let units = has(Role::Units) || has(Role::Lead);
    let texts = [Role::Content, Role::Title, Role::Deadline, Role::Seq]
        .iter()
        .filter(|x| has(**x))
        .count();
    units && (has(Role::Content) || has(Role::Title)) && texts >= 2
}

/// The header is looked for in the first 30 rows of the sheet's used range.
fn locate_in(g: &Grid) -> Option<Layout> {
    let top = g.rows.iter().position(|row| row.iter().any(|c| c.value != CellValue::Empty)).unwrap_or(0);
    let limit = g.rows.len().min(top + 30);
    let header = (top..limit).find(|r| is_header(&row_roles(g, *r)))?;
    let mut roles = row_roles(g, header);
    let mut header_rows = vec![header];
    // A second header row under groups merged over two columns (e.g. 重点任务 → 行动 | 任务).
    if header + 1 < g.rows.len() {
        let sub = g.row_texts(header + 1);
        let sub_roles = row_roles(g, header + 1);
        let mut values: Vec<&str> = sub
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        let filled = values.len();
        values.dedup();
        let named = sub_roles.iter().filter(|r| r.is_some()).count();
        if values.len() > 1
            && named == filled
            && !sub.iter().any(|s| s.trim().parse::<f64>().is_ok())
        {
            for (c, r) in sub_roles.into_iter().enumerate() {
                if r.is_some() && c < roles.len() {
                    // The same text filled down from a vertically merged header is no new role.
                    if header_role(&g.text(header, c)) != r
                        || g.text(header, c) != g.text(header + 1, c)
                    {
                        roles[c] = r;
                    }
                }
            }
            header_rows.push(header + 1);
        }
    }
    split_double_columns(g, &mut roles, header_rows[header_rows.len() - 1]);
    let mut layout = Layout { header_rows, roles, title_in_content: false };
    super::content::refine(g, &mut layout);
    Some(layout)
}

/// A header merged over two columns (or followed by a blank header cell with data below) holds
/// the action in its first column and the measure title in the second: 重点任务 over B:C;
/// 责任单位 over two columns holds the lead units, then the others.
fn split_double_columns(g: &Grid, roles: &mut [Option<Role>], last_header: usize) {
    for c in 0..roles.len().saturating_sub(1) {
        let next_blank = roles[c + 1].is_none()
            && g.text(last_header, c + 1).trim().is_empty()
            && (last_header + 1..g.rows.len()).any(|r| !g.text(r, c + 1).trim().is_empty());
        let doubled = roles[c] == roles[c + 1] || next_blank;
        if roles[c] == Some(Role::Title) && doubled && !roles.contains(&Some(Role::Action)) {
            roles[c] = Some(Role::Action);
            roles[c + 1] = Some(Role::Title);
        } else if roles[c] == Some(Role::Units) && roles[c + 1] == Some(Role::Units) && !roles.contains(&Some(Role::CoUnits)) {
            roles[c + 1] = Some(Role::CoUnits);
        } else if roles[c].is_some() && roles[c] == roles[c + 1] {
            roles[c + 1] = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_texts_name_roles() {
        let cases = [
            ("序号", Some(Role::Seq)),
            ("重点任务", Some(Role::Title)),
            ("工作措施", Some(Role::Content)),
            ("具体措施", Some(Role::Content)),
            ("任务内容", Some(Role::Content)),
            ("责任单位", Some(Role::Units)),
            ("牵头单位", Some(Role::Lead)),
            ("牵头部门", Some(Role::Lead)),
            ("配合单位", Some(Role::CoUnits)),
            ("协办单位", Some(Role::CoUnits)),
            ("参与部门", Some(Role::CoUnits)),
            ("完成\n时限", Some(Role::Deadline)),
            ("完成时间", Some(Role::Deadline)),
            ("时间节点", Some(Role::Deadline)),
            ("重点行动", Some(Role::Action)),
            ("进展情况", Some(Role::ProgressText)),
            ("进展状态", Some(Role::Status)),
            ("完成比例", Some(Role::Percent)),
            ("填报日期", Some(Role::ReportDate)),
            ("备注", None),
            ("邢台市特色产业集群“领跑者”企业培育任务分工表", None),
        ];
        for (text, want) in cases {
            assert_eq!(header_role(text), want, "{text}");
        }
    }

    #[test]
    fn layouts_are_found_below_titles() {
        use Role::*;
        let (title, head) = (["任务分工表"; 5], ["序号", "重点任务", "工作措施", "责任单位", "完成时限"]);
        let plain = vec![Some(Seq), Some(Title), Some(Content), Some(Units), Some(Deadline)];
        let split = vec![Some(Seq), Some(Action), Some(Title), Some(Content), Some(Units), Some(Deadline)];
        let cases: Vec<(&str, Vec<&[&str]>, Vec<usize>, Vec<Option<Role>>)> = vec![
            ("title merged over the header", vec![&title, &head, &["1", "a", "b", "c", "每年"]], vec![1], plain),
            ("重点任务 with a blank cell beside it", vec![&["附件"], &["序号", "重点任务", "", "工作措施", "责任单位", "完成时限"], &["1", "（一）x行动", "t", "b", "c", "每年"]], vec![1], split.clone()),
            ("重点任务 merged over two columns", vec![&["序号", "重点任务", "重点任务", "工作措施", "责任单位", "完成时限"], &["1", "x行动", "t", "b", "c", "每年"]], vec![0], split),
            (
                "two header rows: 责任单位 over 牵头 and 配合",
                vec![&["序号", "重点任务", "重点任务", "工作措施", "责任单位", "责任单位", "完成时限"], &["序号", "行动", "任务", "工作措施", "牵头单位", "配合单位", "完成时限"], &["1", "x行动", "t", "b", "c", "d", "每年"]],
                vec![0, 1],
                vec![Some(Seq), Some(Action), Some(Title), Some(Content), Some(Lead), Some(CoUnits), Some(Deadline)],
            ),
            (
                "责任单位 merged over two columns without sub-headers",
                vec![&["序号", "重点任务", "工作措施", "责任单位", "责任单位", "完成时限"], &["1", "t", "b", "c", "d", "每年"]],
                vec![0],
                vec![Some(Seq), Some(Title), Some(Content), Some(Units), Some(CoUnits), Some(Deadline)],
            ),
        ];
        for (what, rows, header_rows, roles) in cases {
            let l = locate_in(&Grid::from_rows(&rows)).unwrap_or_else(|| panic!("{what}"));
            assert_eq!((l.header_rows, l.roles), (header_rows, roles), "{what}");
        }
        assert!(locate_in(&Grid::from_rows(&[&["企业名称", "统一社会信用代码"], &["a", "b"]])).is_none());
    }
}
