//! 一企一策 as a .docx for editing in WPS/Word (docx-rs): 方正小标宋简体 title, 黑体 headings,
//! 仿宋 body, bordered tables, A4 with GB/T 9704 margins and page numbers; one file or a county's.
use super::file_name::{safe_file_name, unique_name};
use super::{get_plan, list_plans, Plan};
use crate::error::{CoreError, Result};
use crate::ledger::workflow::date_cn;
use crate::official_docx::{body, grid, heading, official_document, save, table, title, wan};
use crate::store::Store;
use docx_rs::Docx;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

/// The document's title line.
pub fn plan_title(plan: &Plan) -> String {
    format!("{}“一企一策”帮扶方案（{}年度）", plan.situation.name, plan.year)
}

/// The plan as a Word document.
pub fn plan_document(plan: &Plan) -> Docx {
    let s = &plan.situation;
    let b = &plan.body;
    let yes = |v: bool| if v { "是" } else { "否" };
    let situation_rows = vec![
        vec!["企业名称".into(), s.name.clone(), "统一社会信用代码".into(), s.uscc.clone()],
        vec!["县（市、区）".into(), opt(&s.county), "特色产业集群".into(), opt(&s.cluster)],
        vec!["主营业务".into(), s.main_business.clone().or_else(|| s.industry.clone()).unwrap_or_default(), "法定代表人".into(), opt(&s.legal_rep)],
        vec![
            format!("营业收入（万元{}）", s.figures_year.map(|y| format!("，{y}年")).unwrap_or_default()),
            wan(s.revenue_wan),
            "研发投入占比".into(),
            s.rd_ratio_pct.map(|v| format!("{v:.2}%")).unwrap_or_default(),
        ],
        vec!["拟上市板块".into(), b.target_board.clone().or_else(|| s.target_board.clone()).unwrap_or_default(), "上市进度".into(), opt(&s.listing_stage)],
        vec!["资质荣誉".into(), s.qualifications.join("、"), "名单".into(),
            format!("产业链供应链白名单：{}\n生态环境监管正面清单：{}", yes(b.white_list), yes(b.eco_positive_list))],
    ];
    let mut doc = official_document()
        .add_paragraph(title(&plan_title(plan)))
        .add_paragraph(heading("一、企业基本情况"))
        .add_table(grid(&[3, 5, 3, 6], None, situation_rows));
    if !b.situation_note.is_empty() {
        doc = doc.add_paragraph(body(&b.situation_note));
    }
    let goals = b.goals.iter().map(|g| vec![g.kind.clone(), g.year.map(|y| format!("{y}年")).unwrap_or_default(), g.content.clone()]).collect();
    let measures = b.measures.iter().enumerate()
        .map(|(i, m)| vec![(i + 1).to_string(), m.content.clone(), m.unit.clone(), m.person.clone(), date_cn(m.deadline.as_deref()), m.status.clone()])
        .collect();
    let visits = b.visits.iter()
        .map(|v| vec![date_cn(v.date.as_deref()), v.visitor.clone(), v.findings.clone(), v.advice.clone()])
        .collect();
    let financing = b.financing.iter()
        .map(|f| vec![f.need.clone(), f.bank.clone(), wan(f.amount_wan), f.product.clone(), f.result.clone()])
        .collect();
    let awards = b.awards.iter()
        .map(|a| vec![a.name.clone(), a.year.map(|y| format!("{y}年")).unwrap_or_default(), wan(a.amount_wan), a.note.clone()])
        .collect();
    let problems = plan.problems.iter()
        .map(|p| vec![p.category.clone(), p.description.clone(), opt(&p.lead_unit), date_cn(p.deadline.as_deref()), p.state.clone()])
        .collect();
    doc.add_paragraph(heading("二、发展目标"))
        .add_table(table(&[("类别", 2), ("年度", 2), ("目标内容", 10)], goals))
        .add_paragraph(heading("三、帮扶措施"))
        .add_table(table(&[("序号", 2), ("措施内容", 11), ("责任单位", 8), ("责任人", 4), ("完成时限", 9), ("状态", 5)], measures))
        .add_paragraph(heading("四、入企服务（把脉开方）"))
        .add_table(table(&[("日期", 5), ("服务人员", 4), ("发现问题", 7), ("对策建议", 7)], visits))
        .add_paragraph(heading("五、融资需求与对接"))
        .add_table(table(&[("融资需求", 4), ("对接银行", 3), ("金额（万元）", 3), ("金融产品", 3), ("对接结果", 4)], financing))
        .add_paragraph(heading("六、获得奖励与资助"))
        .add_table(table(&[("奖励或资助", 6), ("年度", 2), ("金额（万元）", 3), ("备注", 4)], awards))
        .add_paragraph(heading("七、企业诉求办理情况"))
        .add_table(table(&[("类别", 8), ("问题描述", 33), ("牵头单位", 20), ("办理时限", 20), ("状态", 10)], problems))
}

/// Writes the plan of one enterprise for `year` (saved or, if none, the pre-filled draft).
pub fn export_plan(store: &Store, enterprise_id: i64, year: i64, path: &Path) -> Result<()> {
    save(plan_document(&get_plan(store, enterprise_id, year)?), path)
}

/// Writes every saved plan of `county` (of `year`, or all years) into `dir`, one file each named
/// after the enterprise and year (made safe for Windows, numbered when two names collide);
/// returns the files written.
pub fn export_county_plans(store: &Store, county: &str, year: Option<i64>, dir: &Path) -> Result<Vec<PathBuf>> {
    let plans = list_plans(store, Some(county), year)?;
    if plans.is_empty() {
        return Err(CoreError::NotFound(format!("{county}还没有保存的一企一策")));
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| CoreError::Export(format!("无法创建文件夹 {}：{}", dir.display(), crate::error::io_reason(&e))))?;
    let mut taken = HashSet::new();
    let mut written = Vec::new();
    for p in plans {
        let name = unique_name(&safe_file_name(&format!("{}_{}年一企一策.docx", p.name, p.year)), &mut taken);
        let path = dir.join(name);
        export_plan(store, p.enterprise_id, p.year, &path)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample_body;
    use super::super::save_plan;
    use super::*;
    use crate::ledger::tests::store_with_two;
    use crate::official_docx::{BODY_FONT, HEADING_FONT, TITLE_FONT};

    #[test]
    fn the_docx_reads_back_with_its_text_fonts_and_bordered_tables() {
        let (mut s, a, _) = store_with_two();
        save_plan(&mut s, a, 2026, &sample_body()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.docx");
        export_plan(&s, a, 2026, &path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        let doc = docx_rs::read_docx(&bytes).expect("the docx opens");
        let text = serde_json::to_string(&doc.document).unwrap();
        let mut xml = String::new();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
        for t in ["河北嘉坤农机装备股份有限公司“一企一策”帮扶方案（2026年度）", "三、帮扶措施", "协调券商开展辅导",
            "2026年12月31日", "邢台银行", "500.00", "邢台市政府质量奖（组织奖）", "产业链供应链白名单：是"] {
            assert!(text.contains(t) && xml.contains(t), "missing {t}");
        }
        for font in [TITLE_FONT, HEADING_FONT, BODY_FONT] {
            assert!(xml.contains(&format!("w:eastAsia=\"{font}\"")), "font {font} not set");
        }
        assert!(xml.contains("<w:insideH w:val=\"single\""), "inner borders set");
        assert_eq!(xml.matches("<w:tbl>").count(), 7);

        let files = export_county_plans(&s, "南和区", None, &dir.path().join("南和区")).unwrap();
        assert_eq!(files.len(), 1);
        assert!(files[0].ends_with("河北嘉坤农机装备股份有限公司_2026年一企一策.docx"));
        assert!(export_county_plans(&s, "宁晋县", None, dir.path()).unwrap_err().to_string().contains("还没有"));
    }

    /// Names Windows would turn into a device (`CON.…`, `nul.…`, `LPT1 .…`), reject (`<>:"|?*`) or
    /// take as the same file (case): every plan still gets a file of its own with its own text.
    /// Run under Wine too (scripts/test-windows.sh), where these names mean what they mean on Windows.
    #[test]
    fn a_batch_export_writes_a_file_of_its_own_for_every_name_windows_would_refuse_or_merge() {
        let (mut s, a, _) = store_with_two();
        let names = ["CON.邢台某某有限公司", "nul.某某科技", "LPT1 .某某机械", "某某<科技>:有限公司|?*", "ABC科技有限公司", "abc科技有限公司", "AUX"];
        let mut ids = vec![a];
        for (i, name) in names.iter().enumerate() {
            s.conn
                .execute("INSERT INTO enterprises(uscc, name, county, created_at, updated_at) VALUES (?1, ?2, '南和区', '', '')",
                    rusqlite::params![format!("91130506MA0000{i:03}X"), name])
                .unwrap();
            ids.push(s.conn.last_insert_rowid());
        }
        for id in &ids {
            save_plan(&mut s, *id, 2026, &sample_body()).unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("南和区 一企一策");
        let files = export_county_plans(&s, "南和区", Some(2026), &out).unwrap();
        let listed: Vec<String> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert_eq!((files.len(), listed.len()), (ids.len(), ids.len()), "one file each: {listed:?}");
        for name in ["_CON.邢台某某有限公司_2026年一企一策.docx", "_nul.某某科技_2026年一企一策.docx", "_LPT1 .某某机械_2026年一企一策.docx",
            "某某_科技__有限公司____2026年一企一策.docx", "ABC科技有限公司_2026年一企一策.docx", "abc科技有限公司_2026年一企一策（2）.docx",
            "AUX_2026年一企一策.docx"] {
            assert!(listed.iter().any(|l| l == name), "{name} not in {listed:?}");
        }
        for (file, name) in files.iter().zip(std::iter::once("河北嘉坤农机装备股份有限公司").chain(names)) {
            let mut xml = String::new();
            let mut zip = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
            std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
            let escaped = name.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
            assert!(xml.contains(&format!("{escaped}“一企一策”帮扶方案")), "{} holds the plan of {name}", file.display());
        }
    }
}
