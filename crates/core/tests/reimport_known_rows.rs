//! Re-importing rows the store already holds: they are skipped by their hash, yet every count,
//! warning and stored value is what reading them again would give; any change made to an
//! enterprise since (form, figures, undo, another reading of the sheet) makes its row read again.
use pacesetter_core::enterprise::{self, import::ImportOptions};
use pacesetter_core::Store;
use std::path::PathBuf;

fn sample(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples")).join(name)
}

fn kept_hashes(store: &Store) -> i64 {
    store.test_conn().query_row("SELECT count(*) FROM import_row_hashes", [], |r| r.get(0)).unwrap()
}

/// Every enterprise and figure row, to compare whole states.
fn dump(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    for sql in [
        "SELECT json_array(id, uscc, name, county, legal_rep, listing_stage, extra, updated_at) FROM enterprises ORDER BY id",
        "SELECT json_array(enterprise_id, year, revenue_wan, profit_wan, rd_ratio_pct) FROM enterprise_figures ORDER BY enterprise_id, year",
    ] {
        let mut stmt = store.test_conn().prepare(sql).unwrap();
        out.extend(stmt.query_map([], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap));
    }
    out
}

fn id_of(store: &Store, uscc: &str) -> i64 {
    store.test_conn().query_row("SELECT id FROM enterprises WHERE uscc = ?1", [uscc], |r| r.get(0)).unwrap()
}

#[test]
fn an_unchanged_reimport_skips_known_rows_and_reports_the_same() {
    let file = sample("county_ningjin_messy.xlsx");
    let opts = ImportOptions::default();
    let mut store = Store::open_in_memory().unwrap();
    let first = enterprise::import::commit(&mut store, &file, &opts).unwrap();
    assert!(first.inserted > 0);
    // Every row read is kept, warned or not, except one whose USCC another row repeats.
    let repeated = first.rejected.iter().filter(|r| r.code == "duplicate").count() as i64;
    assert!(repeated > 0, "the messy sample repeats a USCC");
    assert_eq!(kept_hashes(&store), first.inserted as i64 - repeated);
    let state = dump(&store);

    let preview = enterprise::import::preview(&store, &file, &opts).unwrap();
    let again = enterprise::import::commit(&mut store, &file, &opts).unwrap();
    assert_eq!((again.inserted, again.updated, again.unchanged), (0, 0, first.inserted));
    assert_eq!((preview.report.inserted, preview.report.updated, preview.report.unchanged), (0, 0, first.inserted));
    assert_eq!(again.warnings, first.warnings);
    assert_eq!(again.rejected, first.rejected);
    assert_eq!(again.ignored, first.ignored);
    assert_eq!(dump(&store), state);
}

#[test]
fn a_change_made_since_makes_the_row_read_again() {
    let file = sample("county_nanhe_clean.xlsx");
    let opts = ImportOptions::default();
    let mut store = Store::open_in_memory().unwrap();
    let first = enterprise::import::commit(&mut store, &file, &opts).unwrap();
    assert_eq!((first.inserted, kept_hashes(&store)), (25, 25));
    let state = dump(&store);

    // The form changes one enterprise's name, SQL another's figures: the sheet's values come back.
    let a = id_of(&store, "91130506MA01RRJY81");
    let mut detail = enterprise::detail::get_enterprise(&store, a).unwrap();
    detail.data.name = "手工改过的名称".into();
    enterprise::detail::update_enterprise(&mut store, a, &detail.data).unwrap();
    let b = id_of(&store, "911305067568074885");
    store.test_conn().execute("UPDATE enterprise_figures SET revenue_wan = 1 WHERE enterprise_id = ?1", [b]).unwrap();
    assert_eq!(kept_hashes(&store), 23);
    let again = enterprise::import::commit(&mut store, &file, &opts).unwrap();
    assert_eq!((again.inserted, again.updated, again.unchanged), (0, 2, 23));
    assert_eq!(enterprise::detail::get_enterprise(&store, a).unwrap().data.name, "河北嘉坤农机装备股份有限公司");
    assert_eq!(kept_hashes(&store), 25, "the rows read again are kept again");

    // Undoing that import puts the hand-made changes back and forgets those two rows.
    enterprise::import::undo(&mut store, again.import_id.unwrap()).unwrap();
    assert_eq!(enterprise::detail::get_enterprise(&store, a).unwrap().data.name, "手工改过的名称");
    assert_eq!(kept_hashes(&store), 23);
    let third = enterprise::import::commit(&mut store, &file, &opts).unwrap();
    assert_eq!((third.updated, third.unchanged), (2, 23));
    assert_eq!(dump(&store).len(), state.len());

    // Another reading of the same cells (figures of another year) reads every row again.
    let other_year = ImportOptions { year: Some(2019), ..Default::default() };
    let fourth = enterprise::import::commit(&mut store, &file, &other_year).unwrap();
    assert_eq!(fourth.unchanged, 0, "no row is skipped when the sheet is read another way");
}

#[test]
fn a_deleted_and_restored_enterprise_is_read_again() {
    let file = sample("county_nanhe_clean.xlsx");
    let opts = ImportOptions::default();
    let mut store = Store::open_in_memory().unwrap();
    enterprise::import::commit(&mut store, &file, &opts).unwrap();
    let a = id_of(&store, "91130506MA01RRJY81");
    enterprise::detail::delete_enterprise(&mut store, a).unwrap();
    assert_eq!(kept_hashes(&store), 24);
    let again = enterprise::import::commit(&mut store, &file, &opts).unwrap();
    assert_eq!((again.inserted, again.updated, again.unchanged), (1, 0, 24));
    assert_eq!(kept_hashes(&store), 25);
}

fn write_sheet(path: &std::path::Path, rows: &[[&str; 3]]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["企业名称", "统一社会信用代码", "营业收入（万元）"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn a_warned_row_is_skipped_only_where_its_warning_says_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("南和区名单.xlsx");
    let a = ["河北嘉坤农机装备股份有限公司", "91130506MA01RRJY81", "一百万"];
    let b = ["南和翔盛农业机械有限公司", "911305067568074885", "12174.86"];
    let opts = ImportOptions { county: Some("南和区".into()), year: Some(2025), ..Default::default() };
    let mut store = Store::open_in_memory().unwrap();
    write_sheet(&file, &[a, b]);
    let first = enterprise::import::commit(&mut store, &file, &opts).unwrap();
    assert_eq!((first.inserted, first.warnings.len()), (2, 1));
    assert!(first.warnings[0].message.starts_with("第2行"), "{:?}", first.warnings);
    let same = enterprise::import::commit(&mut store, &file, &opts).unwrap();
    assert_eq!((same.unchanged, same.warnings.clone()), (2, first.warnings.clone()));

    // The rows swap places: the warning must name row 3 now, so that row is read again.
    write_sheet(&file, &[b, a]);
    let swapped = enterprise::import::commit(&mut store, &file, &opts).unwrap();
    assert_eq!((swapped.inserted, swapped.updated, swapped.unchanged), (0, 0, 2));
    assert_eq!(swapped.warnings.len(), 1);
    assert!(swapped.warnings[0].message.starts_with("第3行"), "{:?}", swapped.warnings);
    assert_eq!(swapped.warnings[0].row, 3);
}
