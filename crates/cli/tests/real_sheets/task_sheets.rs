//! Task sheets as workbooks: the two sample layouts, and the layout offices write all the time —
//! the action merged down the first column, （1） numbering restarting per action, title and text
//! in one cell, 牵头单位 and 配合单位 in columns of their own (co-units by “，” or line breaks).
use super::measures::{actions, assert_reads_the_21, CHINESE};
use super::store;
use pacesetter_testkit::sample;
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

#[test]
fn both_sample_sheets_give_the_21_measures() {
    for (file, sheet, header) in [("task_assignment.xls", "任务分工表", 2), ("task_assignment.xlsx", "附件", 3)] {
        let s = store();
        let r = assert_reads_the_21(&s, &sample(file));
        assert_eq!((r["sheet"].as_str(), r["header_rows"][0].as_u64()), (Some(sheet), Some(header)), "{file}");
    }
}

/// 任务分解表 with the action merged down column A and the units split over two columns.
fn split_units_sheet(path: &Path) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet().set_name("分解表").unwrap();
    let plain = Format::new();
    ws.merge_range(0, 0, 0, 5, "邢台市特色产业集群“领跑者”企业培育任务分解表", &plain).unwrap();
    for (c, h) in ["重点任务", "序号", "工作措施", "牵头单位", "配合单位", "完成时间"].iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let mut row = 2u32;
    for (a, measures) in actions().iter().enumerate() {
        let label = format!("{}、{}", CHINESE[a], measures[0].action);
        ws.merge_range(row, 0, row + measures.len() as u32 - 1, 0, &label, &plain).unwrap();
        for m in measures {
            // Co-units separated by “，” in odd actions, by line breaks in even ones.
            let co = m.units[1..].join(if a % 2 == 0 { "，" } else { "\n" });
            let cells = [format!("（{}）", m.measure_no), format!("{}。{}", m.title, m.text), m.units[0].clone(), co, m.written_deadline().to_string()];
            for (c, v) in cells.iter().enumerate() {
                ws.write_string(row, c as u16 + 1, v).unwrap();
            }
            row += 1;
        }
    }
    ws.write_string(row, 0, "注：以上各项任务均需各县（市、区）政府落实。").unwrap();
    book.save(path).unwrap();
}

#[test]
fn a_split_units_sheet_gives_the_21_measures_with_their_lead_units() {
    let s = store();
    let path = s.path("任务分解表（牵头配合分列）.xlsx");
    split_units_sheet(&path);
    let r = assert_reads_the_21(&s, &path);
    assert_eq!((r["sheet"].as_str(), r["header_rows"][0].as_u64()), (Some("分解表"), Some(2)));
    // The rows the measures came from: under the header, one each, no gaps.
    let rows: Vec<u64> = r["tasks"].as_array().unwrap().iter().map(|t| t["row"].as_u64().unwrap()).collect();
    assert_eq!(rows, (3..24).collect::<Vec<u64>>());
}
