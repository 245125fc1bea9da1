//! Task tables in Word, built here with docx-rs as offices lay them out: action rows spanning the
//! table or an action column merged down, cells merged vertically, the table split in two across
//! a page; and a Word 97-2003 .doc, which is refused with how to convert it.
use super::measures::{actions, assert_reads_the_21, Measure, CHINESE};
use super::store;
use docx_rs::{BreakType, Docx, Paragraph, Run, Table, TableCell, TableRow, VMergeType};
use std::io::{Cursor, Write};

fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

/// A cell with one paragraph per line of `text`.
fn cell(text: &str) -> TableCell {
    text.split('\n').fold(TableCell::new(), |c, line| c.add_paragraph(para(line)))
}

/// A cell continuing the vertical merge above it (Word leaves it empty).
fn continued() -> TableCell {
    cell("").vertical_merge(VMergeType::Continue)
}

fn header(words: &[&str]) -> TableRow {
    TableRow::new(words.iter().map(|w| cell(w)).collect())
}

fn pack(doc: Docx) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    doc.build().pack(&mut buf).unwrap();
    buf.into_inner()
}

/// The plan's own layout in Word: “（一）企业上市行动” rows spanning the five columns, 序号
/// continuous, units in one cell, and a units or deadline cell merged down over the next
/// measure of its action when that one says the same; actions 4–6 in a second table after a
/// page break, its header repeated.
fn spanning_action_rows() -> Vec<u8> {
    const HEAD: [&str; 5] = ["序号", "重点任务", "工作措施", "责任单位", "完成时限"];
    let mut tables: [Vec<TableRow>; 2] = [vec![header(&HEAD)], vec![header(&HEAD)]];
    let mut seq = 0;
    for (a, measures) in actions().iter().enumerate() {
        let rows = &mut tables[a / 3];
        rows.push(TableRow::new(vec![cell(&format!("（{}）{}", CHINESE[a], measures[0].action)).grid_span(5)]));
        for (i, m) in measures.iter().enumerate() {
            seq += 1;
            let above = i.checked_sub(1).map(|p| &measures[p]);
            let merged = |same: fn(&Measure, &Measure) -> bool, text: String| match above {
                Some(p) if same(p, m) => continued(),
                _ if measures.get(i + 1).is_some_and(|n| same(m, n)) => cell(&text).vertical_merge(VMergeType::Restart),
                _ => cell(&text),
            };
            rows.push(TableRow::new(vec![
                cell(&seq.to_string()),
                cell(&m.title),
                cell(&m.text),
                merged(|x, y| x.units == y.units, m.units.join("、")),
                merged(|x, y| x.deadline == y.deadline, m.written_deadline().to_string()),
            ]));
        }
    }
    let [first, second] = tables;
    pack(
        Docx::new()
            .add_paragraph(para("附件"))
            .add_paragraph(para("邢台市特色产业集群“领跑者”企业培育任务分工表"))
            .add_table(Table::new(first))
            .add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)))
            .add_table(Table::new(second)),
    )
}

/// The action in a first column merged down over its measures, （1） numbering restarting, the
/// title as the measure cell's first sentence, 牵头单位 / 配合单位 (one paragraph per co-unit),
/// 完成时间; from action 4 on a second table under “（续表）”.
fn merged_action_column() -> Vec<u8> {
    const HEAD: [&str; 6] = ["重点行动", "序号", "工作措施", "牵头单位", "配合单位", "完成时间"];
    let mut tables: [Vec<TableRow>; 2] = [vec![header(&HEAD)], vec![header(&HEAD)]];
    for (a, measures) in actions().iter().enumerate() {
        for (i, m) in measures.iter().enumerate() {
            let action = match i {
                0 => cell(&format!("{}、{}", CHINESE[a], m.action)).vertical_merge(VMergeType::Restart),
                _ => continued(),
            };
            tables[a / 3].push(TableRow::new(vec![
                action,
                cell(&format!("（{}）", m.measure_no)),
                cell(&format!("{}。{}", m.title, m.text)),
                cell(&m.units[0]),
                cell(&m.units[1..].join("\n")),
                cell(m.written_deadline()),
            ]));
        }
    }
    let [first, second] = tables;
    pack(
        Docx::new()
            .add_paragraph(para("邢台市特色产业集群“领跑者”企业培育任务分解表"))
            .add_table(Table::new(first))
            .add_paragraph(para("（续表）"))
            .add_table(Table::new(second)),
    )
}

#[test]
fn word_task_tables_with_merged_action_rows_give_the_21_measures() {
    let layouts: [(&str, fn() -> Vec<u8>); 2] =
        [("行动行横跨全表.docx", spanning_action_rows), ("行动列纵向合并.docx", merged_action_column)];
    for (name, build) in layouts {
        let s = store();
        let path = s.path(name);
        std::fs::write(&path, build()).unwrap();
        let r = assert_reads_the_21(&s, &path);
        assert_eq!(r["sheet"], "表格1", "{name}: the two tables are read as one");
    }
}

/// A Word 97-2003 document as far as its container goes: a compound file with a
/// `WordDocument` stream.
fn word_97() -> Vec<u8> {
    let mut f = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    f.create_stream("/WordDocument").unwrap().write_all(&[0xEC, 0xA5, 0xC1, 0x00]).unwrap();
    f.flush().unwrap();
    f.into_inner().into_inner()
}

#[test]
fn a_word_97_document_is_refused_with_how_to_convert_it() {
    let s = store();
    let path = s.path("邢台市特色产业集群“领跑者”企业培育任务分工表.doc");
    std::fs::write(&path, word_97()).unwrap();
    for json in [true, false] {
        let mut args = vec!["import-tasks".as_ref(), path.as_os_str()];
        if json {
            args.push("--json".as_ref());
        }
        let run = s.run(args);
        assert_eq!(run.code, 2, "stdout: {}\nstderr: {}", run.stdout, run.stderr);
        assert!(run.stderr.contains("请在 WPS 或 Word 中另存为 .docx 后再导入"), "{}", run.stderr);
        assert!(run.stderr.contains("企业培育任务分工表.doc"), "the message names the file: {}", run.stderr);
        if json {
            let e = run.json();
            assert_eq!(e["error"]["code"], "unreadable_file");
            assert!(e["error"]["message"].as_str().unwrap().contains("另存为 .docx"), "{e}");
        }
    }
    let tasks = s.run(["list", "tasks", "--json"]).ok();
    assert_eq!(tasks.as_array().map(Vec::len), Some(21), "nothing changed");
}
