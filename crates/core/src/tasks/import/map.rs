//! Turns the rows under the header into measures: group rows and the action column give the
//! action, measures are numbered within their action whatever 序号 says (restarting or not),
//! the title comes from its column or the measure cell's first sentence, notes are skipped.
use super::locate::{header_role, is_header, Layout, Role};
use super::normalize::{
    clean_text, derived_title, is_note, looks_like_action, normalize_deadline, parse_action_label, split_units,
    strip_item_number, title_and_text,
};
use super::{SheetIssue, TaskSheetRow};
use crate::sheet::read::{column_letter, sheet_row, Grid};

/// The measures of a located table, and what was wrong with rows or cells.
#[derive(Debug, Default)]
pub struct Mapped {
    pub tasks: Vec<TaskSheetRow>,
    /// Progress cells of each task row (same order as `tasks`), when the sheet has them.
    pub progress: Vec<RawProgress>,
    pub rejected: Vec<SheetIssue>,
    pub warnings: Vec<SheetIssue>,
}

/// The progress cells of a county's filled-in table, as text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawProgress {
    pub status: String,
    pub text: String,
    pub percent: String,
    pub date: String,
}

struct Action {
    no: i64,
    name: String,
    label: String,
    measures: i64,
}

/// One sheet row under the header, read through the columns of the layout.
struct Row<'a> {
    g: &'a Grid,
    layout: &'a Layout,
    r: usize,
}

impl Row<'_> {
    /// The text of the row's cell in the column holding `role` (empty when there is none).
    fn text(&self, role: Role) -> String {
        self.layout.column(role).map(|c| self.g.text(self.r, c)).unwrap_or_default()
    }
}

pub fn map_rows(g: &Grid, layout: &Layout) -> Mapped {
    let mut out = Mapped::default();
    let mut actions: Vec<Action> = Vec::new();
    for r in layout.first_data_row()..g.rows.len() {
        let texts = g.row_texts(r);
        let mut distinct: Vec<&str> = Vec::new();
        for v in texts.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            if !distinct.contains(&v) {
                distinct.push(v);
            }
        }
        if distinct.is_empty() {
            continue;
        }
        let roles: Vec<_> = texts.iter().map(|s| header_role(s)).collect();
        if is_header(&roles) {
            continue; // header repeated (printed page break copied into the sheet)
        }
        let row = Row { g, layout, r };
        let content = row.text(Role::Content);
        let units_text = [
            row.text(Role::Units),
            row.text(Role::Lead),
            row.text(Role::CoUnits),
        ]
        .join("、");
        let deadline_text = row.text(Role::Deadline);
        let body_empty = clean_text(&content).is_empty()
            && split_units(&units_text).is_empty()
            && deadline_text.trim().is_empty();
        if distinct.len() == 1 || body_empty {
            group_row(&mut out, &mut actions, &row, &distinct);
        } else {
            measure_row(&mut out, &mut actions, &row, content, &deadline_text);
        }
    }
    out
}

/// A row with one value (or no measure in it): an action's group row, a note, or a warning.
fn group_row(out: &mut Mapped, actions: &mut Vec<Action>, row: &Row, distinct: &[&str]) {
    let label = group_label(row.g, row.layout, row.r, distinct);
    if looks_like_action(&label) {
        start_action(actions, &label);
    } else if !is_note(&label) && !distinct.iter().all(|d| d.parse::<f64>().is_ok()) {
        out.warnings.push(SheetIssue {
            row: sheet_row(row.r),
            column: None,
            value: Some(clean_text(distinct[0])),
            code: "ignored_row".into(),
            message: "该行不是任务行，也不是行动分组行，已忽略".into(),
        });
    }
}

/// A row holding a measure: numbered within its action, or rejected when it has no title.
fn measure_row(out: &mut Mapped, actions: &mut Vec<Action>, row: &Row, content: String, deadline_text: &str) {
    let col = |role| row.layout.column(role);
    if let Some(c) = col(Role::Action) {
        let label = clean_text(&row.g.text(row.r, c));
        if !label.is_empty()
            && actions
                .last()
                .map(|a| a.label != label && a.name != parse_action_label(&label).1)
                .unwrap_or(true)
        {
            start_action(actions, &label);
        }
    }
    if actions.is_empty() {
        out.warnings.push(SheetIssue {
            row: sheet_row(row.r),
            column: None,
            value: None,
            code: "missing_action".into(),
            message: "表中没有行动分组，此行归入第一项行动".into(),
        });
        start_action(actions, "");
    }
    let action = actions.last_mut().expect("an action was started");
    action.measures += 1;
    let Some((title, content)) = title_of(out, row, &content) else { return };
    let units = units_of(row);
    if units.is_empty() {
        let e = issue(row.r, col(Role::Units).or(col(Role::Lead)), "", "missing_units", "责任单位为空");
        out.warnings.push(e);
    }
    let deadline = deadline_of(out, row, deadline_text);
    out.progress.push(RawProgress {
        status: clean_text(&row.text(Role::Status)),
        text: row.text(Role::ProgressText).trim().to_string(),
        percent: clean_text(&row.text(Role::Percent)),
        date: clean_text(&row.text(Role::ReportDate)),
    });
    out.tasks.push(TaskSheetRow {
        row: sheet_row(row.r),
        action_no: action.no,
        action: action.name.clone(),
        measure_no: action.measures,
        title,
        content,
        lead_unit: units.first().cloned().unwrap_or_default(),
        units,
        deadline,
    });
}

/// The measure's title and text: the title column, else the measure cell's first sentence
/// (the layout's way, or warned about), else a title made from the text (warned about);
/// `None` (the row rejected) when there is neither.
fn title_of(out: &mut Mapped, row: &Row, content: &str) -> Option<(String, String)> {
    let title = strip_item_number(&clean_text(&row.text(Role::Title)));
    if !title.is_empty() {
        return Some((title, clean_text(content)));
    }
    let (title_col, content_col) = (row.layout.column(Role::Title), row.layout.column(Role::Content));
    if let Some((title, text)) = title_and_text(content) {
        if !row.layout.title_in_content {
            let msg = format!("重点任务为空，以工作措施的第一句“{title}”作标题");
            out.warnings.push(issue(row.r, title_col, "", "title_from_measure", &msg));
        }
        return Some((title, text));
    }
    let text = strip_item_number(&clean_text(content));
    if row.layout.title_in_content && !text.is_empty() {
        let title = derived_title(&text);
        let msg = format!("工作措施没有标题句（如“锁定培育目标。……”），以“{title}”作标题");
        out.warnings.push(issue(row.r, content_col, "", "title_derived", &msg));
        return Some((title, text));
    }
    let e = issue(row.r, title_col.or(content_col), "", "missing_title", "重点任务（措施名称）为空，此行未导入");
    out.rejected.push(e);
    None
}

/// The responsible units of a row: the lead unit(s) first, then the others, each once.
fn units_of(row: &Row) -> Vec<String> {
    let mut units = split_units(&row.text(Role::Units));
    for u in split_units(&row.text(Role::Lead)).into_iter().rev() {
        units.retain(|x| *x != u);
        units.insert(0, u);
    }
    for u in split_units(&row.text(Role::CoUnits)) {
        if !units.contains(&u) {
            units.push(u);
        }
    }
    units
}

/// The row's deadline normalized, or its text as written (with a warning) when not recognized.
fn deadline_of(out: &mut Mapped, row: &Row, deadline_text: &str) -> String {
    if let Some(d) = normalize_deadline(deadline_text) {
        return d;
    }
    let raw = clean_text(deadline_text);
    let (code, msg) = if raw.is_empty() {
        ("missing_deadline", "完成时限为空".to_string())
    } else {
        (
            "deadline_unrecognized",
            format!("无法识别完成时限“{raw}”（应为长期坚持、每年或某年年底），按原文保存"),
        )
    };
    out.warnings.push(issue(row.r, row.layout.column(Role::Deadline), &raw, code, &msg));
    raw
}

/// The text of a group row: a lone value, or 序号 and name written in two cells (“一” | “企业上市行动”).
fn group_label(g: &Grid, layout: &Layout, r: usize, distinct: &[&str]) -> String {
    if distinct.len() == 1 {
        return clean_text(distinct[0]);
    }
    let seq = layout
        .column(Role::Seq)
        .map(|c| clean_text(&g.text(r, c)))
        .unwrap_or_default();
    let rest: Vec<String> = distinct
        .iter()
        .map(|s| clean_text(s))
        .filter(|s| *s != seq)
        .collect();
    let name = rest.join("");
    let chinese_numeral = !seq.chars().any(|c| c.is_ascii_digit())
        && super::normalize::chinese_number(&seq).is_some();
    if chinese_numeral && parse_action_label(&name).0.is_none() {
        format!("{seq}、{name}")
    } else {
        name
    }
}

fn start_action(actions: &mut Vec<Action>, label: &str) {
    let (n, name) = parse_action_label(label);
    let next = actions.last().map(|a| a.no + 1).unwrap_or(1);
    actions.push(Action {
        no: n.unwrap_or(next),
        name,
        label: clean_text(label),
        measures: 0,
    });
}

fn issue(r: usize, c: Option<usize>, value: &str, code: &str, message: &str) -> SheetIssue {
    SheetIssue {
        row: sheet_row(r),
        column: c.map(column_letter),
        value: (!value.is_empty()).then(|| value.to_string()),
        code: code.into(),
        message: message.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::locate::locate;
    use super::super::tests::task_line;
    use super::*;

    fn mapped(rows: &[&[&str]]) -> Mapped {
        let g = Grid::from_rows(rows);
        let found = locate(std::slice::from_ref(&g));
        let (_, layout) = found.first().expect("a task table");
        map_rows(&g, layout)
    }

    const WANT: [&str; 3] = [
        "1.1 企业上市行动 锁定培育目标 | 市工业和信息化局 | 市工业和信息化局、各县（市、区）政府 | 2023年底",
        "1.2 企业上市行动 精准培训辅导 | 市工业和信息化局 | 市工业和信息化局、市地方金融监管局 | 长期坚持",
        "2.1 科技赋能行动 强化创新主体培育 | 市科技局 | 市科技局 | 每年",
    ];

    /// One table per layout feature; every one of them says the same three measures.
    fn layouts() -> Vec<(&'static str, Vec<&'static [&'static str]>)> {
        vec![
            ("group rows merged across, 序号 restarting", vec![
                &["任务分工表", "任务分工表", "任务分工表", "任务分工表", "任务分工表"],
                &["序号", "重点任务", "工作措施", "责任单位", "完成时限"],
                &["（一）企业上市行动", "（一）企业上市行动", "（一）企业上市行动", "（一）企业上市行动", "（一）企业上市行动"],
                &["1", "锁定培育目标", "措施1", "市工业和信息化局、各县（市、区）政府", "2023年底"],
                &["2", "精准培训辅导", "措施2", "市工业和信息化局，市地方金融监管局", "长期坚持"],
                &["（二）科技赋能行动", "", "", "", ""],
                &["1", "强化创新主体培育", "措施3", "市科技局", "每年"],
                &["注：以上各项任务均需各县（市、区）政府落实。", "", "", "", ""],
            ]),
            ("action column merged down under a merged header, 序号 continuous, line breaks", vec![
                &["附件", "", "", "", "", ""],
                &["序号", "重点任务", "重点任务", "工作措施", "责任单位", "完成时限"],
                &["1", "（一）企业上市行动", "锁定培育\n目标", "措施\n1", "市工业和信息化局\n各县（市、区）政府", "2023年\n底"],
                &["2", "（一）企业上市行动", "精准培训辅导", "措施2", "市工业和信息化局\r\n市地方金融监管局", "长期"],
                &["3", "（二）科技赋能行动", "强化创新主体培育", "措施3", "市科技局", "每年"],
            ]),
            ("section rows split over 序号 and name, 牵头 / 配合 columns, numbered titles", vec![
                &["序号", "重点任务", "工作措施", "牵头单位", "配合单位", "完成时限"],
                &["一", "企业上市行动", "", "", "", ""],
                &["1", "1.锁定培育目标", "措施1", "市工业和信息化局", "各县(市、区)政府", "2023年12月底前"],
                &["2", "2.精准培训辅导", "措施2", "市工业和信息化局", "市地方金融监管局", "长期坚持"],
                &["二", "科技赋能行动", "", "", "", ""],
                &["3", "3.强化创新主体培育", "措施3", "市科技局", "", "每年"],
            ]),
            ("action merged down the first column, （1） numbering, title as the first sentence, co-units by ， and line breaks, 完成时间", vec![
                &["重点任务", "序号", "工作措施", "牵头单位", "配合单位", "完成时间"],
                &["一、企业上市行动", "（1）", "锁定培育目标。措施1", "市工业和信息化局", "各县（市、区）政府", "2023年"],
                &["一、企业上市行动", "（2）", "精准培训辅导。措施2", "市工业和信息化局", "市地方金融监管局\n市工业和信息化局", "长期"],
                &["二、科技赋能行动", "（1）", "强化创新主体培育。措施3", "市科技局", "", "每年"],
            ]),
            ("action column of its own written once, (一) numbering in the measure, 责任单位 / 协办单位 by ；, 时间节点", vec![
                &["重点行动", "工作措施", "责任单位", "协办单位", "时间节点"],
                &["行动一：企业上市行动", "(一)锁定培育目标：措施1", "市工业和信息化局", "各县（市、区）政府", "2023年12月"],
                &["", "(二)精准培训辅导：措施2", "市工业和信息化局", "市地方金融监管局；", "长期坚持"],
                &["行动二：科技赋能行动", "(一)强化创新主体培育：措施3", "市科技局", "", "每年"],
            ]),
            ("unnamed action column, 一、 numbering, title on a line of its own, units in one cell by ; and /", vec![
                &["", "序号", "主要措施", "责任单位", "完成时限"],
                &["企业上市行动", "一、", "锁定培育目标\n措施1", "市工业和信息化局;各县（市、区）政府", "2023年底"],
                &["企业上市行动", "二、", "精准培训辅导\n措施2", "市工业和信息化局/市地方金融监管局", "长期坚持"],
                &["科技赋能行动", "三、", "强化创新主体培育\n措施3", "市科技局", "每年"],
            ]),
            ("1. numbering continuous, group rows written in the first cell only, units by , with spaces", vec![
                &["序号", "重点任务", "工作措施", "责任单位", "完成时限"],
                &["一、企业上市行动", "", "", "", ""],
                &["1.", "锁定培育目标", "措施1", "市工业和信息化局, 各县（市、区）政府", "2023年底前"],
                &["2.", "精准培训辅导", "措施2", "市工业和信息化局,市地方金融监管局", "长期坚持"],
                &["二、科技赋能行动", "", "", "", ""],
                &["3.", "强化创新主体培育", "措施3", "市科技局", "每年"],
            ]),
            ("(一) numbering restarting in 序号, an action column named 行动名称, 配合单位 by ; and 、", vec![
                &["行动名称", "序号", "任务名称", "具体措施", "责任单位", "配合单位", "时间节点"],
                &["企业上市行动", "(一)", "锁定培育目标", "措施1", "市工业和信息化局", "各县（市、区）政府", "2023年12月"],
                &["企业上市行动", "(二)", "精准培训辅导", "措施2", "市工业和信息化局", "市地方金融监管局;市工业和信息化局", "长期"],
                &["科技赋能行动", "(一)", "强化创新主体培育", "措施3", "市科技局", "", "每年"],
            ]),
            ("（1） numbering continuous over the actions, title as the first sentence after its number", vec![
                &["重点任务", "序号", "工作措施", "牵头单位", "配合单位", "完成时限"],
                &["（一）企业上市行动", "（1）", "1.锁定培育目标。措施1", "市工业和信息化局", "各县（市、区）政府", "2023年底"],
                &["（一）企业上市行动", "（2）", "2.精准培训辅导。措施2", "市工业和信息化局", "市地方金融监管局", "长期坚持"],
                &["（二）科技赋能行动", "（3）", "3.强化创新主体培育。措施3", "市科技局", "", "每年"],
            ]),
        ]
    }

    #[test]
    fn every_layout_gives_the_same_measures() {
        for (name, rows) in layouts() {
            let m = mapped(&rows);
            assert_eq!(m.tasks.iter().map(task_line).collect::<Vec<_>>(), WANT, "{name}");
            let contents: Vec<&str> = m.tasks.iter().map(|t| t.content.as_str()).collect();
            assert_eq!(contents, ["措施1", "措施2", "措施3"], "{name}");
            assert!(m.rejected.is_empty() && m.warnings.is_empty(), "{name}: {:?} {:?}", m.rejected, m.warnings);
        }
    }

    #[test]
    fn bad_rows_are_rejected_or_warned_with_row_and_column() {
        type Issues = Vec<(u32, &'static str, &'static str)>;
        let cases: Vec<(Vec<&[&str]>, usize, Issues, Issues)> = vec![
            (
                vec![
                    &["序号", "重点任务", "工作措施", "责任单位", "完成时限"],
                    &["（一）企业上市行动", "", "", "", ""],
                    &["1", "", "措施1", "市工业和信息化局", "每年"],
                    &["2", "精准培训辅导", "措施2", "", "尽快"],
                    &["3", "", "规范股改。引导企业", "市财政局", "每年"],
                ],
                2,
                vec![(3, "B", "missing_title")],
                vec![(4, "D", "missing_units"), (4, "E", "deadline_unrecognized"), (5, "B", "title_from_measure")],
            ),
            (
                vec![
                    &["行动", "工作措施", "牵头单位", "配合单位", "完成时间"],
                    &["一、企业上市行动", "针对上海、深圳证券交易所不同板块上市条件，组织调研", "市工业和信息化局", "", ""],
                    &["一、企业上市行动", "", "", "市财政局", "2025年"],
                ],
                1,
                vec![(3, "B", "missing_title")],
                vec![(2, "B", "title_derived"), (2, "E", "missing_deadline")],
            ),
        ];
        for (i, (rows, kept, rejected, warned)) in cases.into_iter().enumerate() {
            let m = mapped(&rows);
            let codes = |v: &[SheetIssue]| v.iter().map(|x| (x.row, x.column.clone().unwrap_or_default(), x.code.clone())).collect::<Vec<_>>();
            let own = |v: Issues| v.into_iter().map(|(r, c, k)| (r, c.to_string(), k.to_string())).collect::<Vec<_>>();
            assert_eq!((m.tasks.len(), codes(&m.rejected), codes(&m.warnings)), (kept, own(rejected), own(warned)), "case {i}");
        }
    }
}
