//! Example-row detection never drops a row with a valid USCC, through the real binary: a row whose
//! 主营业务 reads 为某某集团配套生产零部件 is imported with a warning naming row and column; a
//! template example row (XXX, no valid code) is still ignored.
use pacesetter_testkit::{valid_uscc, write_sheet, TempStore};

#[test]
fn a_row_with_example_words_and_a_valid_code_is_imported_with_a_warning() {
    let s = TempStore::new(env!("CARGO_BIN_EXE_pacesetter"));
    let code = valid_uscc(7);
    let rows = [
        ["序号", "企业名称", "统一社会信用代码", "县（市、区）", "主营业务"].map(String::from).to_vec(),
        ["例", "XXX有限公司", "91130500XXXXXXXXXX", "南和区", "示例"].map(String::from).to_vec(),
        vec!["1".into(), "邢台精工零部件有限公司".into(), code.clone(), "南和区".into(), "为某某集团配套生产零部件".into()],
    ];
    let file = s.path("名单.xlsx");
    write_sheet(&file, &rows);
    let r = s.json_of("import", &file, &[]);
    assert_eq!(r["inserted"], 1, "{r}");
    let warning = r["warnings"].as_array().unwrap().iter().find(|w| w["code"] == "example_words").unwrap_or_else(|| panic!("{r}"));
    assert_eq!((warning["row"].as_u64(), warning["column"].as_str()), (Some(3), Some("E")), "{warning}");
    assert!(warning["message"].as_str().unwrap().contains("已按企业导入"), "{warning}");
    assert!(r["ignored"].as_array().unwrap().iter().any(|i| i["row"] == 2 && i["why"] == "example"), "{r}");
    let listed = s.full_listing();
    assert_eq!(listed[0]["uscc"], code.as_str());
    assert_eq!(listed[0]["main_business"], "为某某集团配套生产零部件");
}
