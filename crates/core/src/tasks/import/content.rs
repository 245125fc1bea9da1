//! Column roles decided by what the cells under the header hold, where the header's words are
//! not enough: a column of action labels (“一、企业上市行动”, merged down or written once per
//! action) is the action, whatever its header; with no title column the measure cell holds it.
use super::locate::{Layout, Role};
use super::normalize::{clean_text, looks_like_action, parse_action_label};
use crate::sheet::read::Grid;

/// Average length above which a “title” column holds whole measure texts.
const TEXT_CHARS: usize = 40;

/// Adjusts the roles of a located table by the content of its measure rows.
pub fn refine(g: &Grid, layout: &mut Layout) {
    let rows = measure_rows(g, layout);
    if layout.column(Role::Action).is_none() {
        let candidate = (0..layout.roles.len()).find(|c| {
            matches!(layout.roles[*c], None | Some(Role::Title | Role::Seq)) && holds_actions(g, &rows, *c)
        });
        if let Some(c) = candidate {
            layout.roles[c] = Some(Role::Action);
        }
    }
    match (layout.column(Role::Title), layout.column(Role::Content)) {
        (None, _) => layout.title_in_content = true,
        (Some(t), None) if average_chars(g, &rows, t) > TEXT_CHARS => {
            layout.roles[t] = Some(Role::Content);
            layout.title_in_content = true;
        }
        _ => {}
    }
}

/// Rows under the header with a measure text, unit or deadline and at least two different
/// values: group rows (merged across, or 序号 and name alone) are left out.
fn measure_rows(g: &Grid, layout: &Layout) -> Vec<usize> {
    let body: Vec<usize> = [Role::Content, Role::Units, Role::Lead, Role::CoUnits, Role::Deadline].iter().filter_map(|r| layout.column(*r)).collect();
    (layout.first_data_row()..g.rows.len())
        .filter(|r| {
            let mut texts: Vec<String> = g.row_texts(*r).iter().map(|t| clean_text(t)).filter(|t| !t.is_empty()).collect();
            texts.dedup();
            texts.len() >= 2 && body.iter().any(|c| !clean_text(&g.text(*r, *c)).is_empty())
        })
        .collect()
}

/// Whether most of a column's filled cells in the measure rows are action labels: named
/// “…行动” or numbered in Chinese (“一、” “（一）”); “1.锁定培育目标” is a numbered title.
fn holds_actions(g: &Grid, rows: &[usize], c: usize) -> bool {
    let texts: Vec<String> = rows.iter().map(|r| clean_text(&g.text(*r, c))).filter(|t| !t.is_empty()).collect();
    let action = |t: &String| {
        let chinese = !t.chars().take(4).any(|ch| ch.is_ascii_digit() || ('０'..='９').contains(&ch));
        looks_like_action(t) && (parse_action_label(t).1.ends_with("行动") || chinese)
    };
    let actions = texts.iter().filter(|t| action(t)).count();
    !texts.is_empty() && actions * 10 >= texts.len() * 6
}

fn average_chars(g: &Grid, rows: &[usize], c: usize) -> usize {
    let lens: Vec<usize> = rows.iter().map(|r| clean_text(&g.text(*r, c)).chars().count()).filter(|n| *n > 0).collect();
    lens.iter().sum::<usize>() / lens.len().max(1)
}

#[cfg(test)]
mod tests {
    use super::super::locate::locate;
    use super::*;
    use Role::*;

    #[test]
    fn roles_follow_the_cells() {
        let cases: Vec<(&str, Vec<&[&str]>, Vec<Option<Role>>, bool)> = vec![
            (
                "action column under 重点任务, title inside the measure",
                vec![&["重点任务", "序号", "工作措施", "牵头单位", "配合单位", "完成时间"], &["一、企业上市行动", "（1）", "锁定目标。针对……", "市工业和信息化局", "市财政局", "2023年"], &["一、企业上市行动", "（2）", "精准辅导。组织……", "市工业和信息化局", "", "长期"]],
                vec![Some(Action), Some(Seq), Some(Content), Some(Lead), Some(CoUnits), Some(Deadline)],
                true,
            ),
            (
                "unnamed first column written once per action",
                vec![&["", "序号", "工作措施", "责任单位", "完成时限"], &["（一）企业上市行动", "1", "锁定目标。针对……", "市工业和信息化局", "2023年"], &["", "2", "精准辅导。组织……", "市工业和信息化局", "长期"]],
                vec![Some(Action), Some(Seq), Some(Content), Some(Units), Some(Deadline)],
                true,
            ),
            (
                "a title column holding whole measure texts",
                vec![&["序号", "主要任务", "责任单位", "完成时限"], &["1", "锁定培育目标。针对上海、深圳、北京证券交易所不同板块上市条件，组织对头部企业调研摸底。", "市工业和信息化局", "2023年"]],
                vec![Some(Seq), Some(Content), Some(Units), Some(Deadline)],
                true,
            ),
            (
                "the plan's layout stays as it is",
                vec![&["序号", "重点任务", "工作措施", "责任单位", "完成时限"], &["（一）企业上市行动", "（一）企业上市行动", "（一）企业上市行动", "（一）企业上市行动", "（一）企业上市行动"], &["1", "锁定培育目标", "针对……", "市工业和信息化局", "2023年"]],
                vec![Some(Seq), Some(Title), Some(Content), Some(Units), Some(Deadline)],
                false,
            ),
        ];
        for (what, rows, roles, in_content) in cases {
            let g = Grid::from_rows(&rows);
            let found = locate(std::slice::from_ref(&g));
            let layout = &found.first().unwrap_or_else(|| panic!("{what}")).1;
            assert_eq!((&layout.roles, layout.title_in_content), (&roles, in_content), "{what}");
        }
    }
}
