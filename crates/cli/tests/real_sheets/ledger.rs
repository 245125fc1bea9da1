//! A county's problem ledger in its own words (issue 18): sources and categories outside the
//! lists are mapped where a synonym is clear, else kept as written, and warned about with row and
//! column — no row is lost for them; as an .xlsx and as a GBK .csv alike.
use super::store;
use pacesetter_testkit::{expected, sample, TempStore};
use rust_xlsxwriter::Workbook;
use serde_json::Value;
use std::path::Path;

const HEADER: [&str; 7] = ["序号", "企业名称", "反映问题", "问题类型", "问题来源", "反映时间", "责任单位"];

/// (description, category as written, source as written, date as written, stored category, stored source)
const ROWS: [(&str, &str, &str, &str, &str, &str); 7] = [
    ("流动资金紧张，需银行授信支持", "贷款难", "入企走访", "2026年5月", "融资", "入企服务"),
    ("新厂房用地指标未落实", "土地指标", "企业反映", "2026-05-12", "用地", "其他"),
    ("招不到熟练技工", "招工难", "12345热线", "2026/5/18", "用工", "电话"),
    ("环评手续办理慢", "环评", "微信群", "2026-05-20", "审批", "平台"),
    ("停电频繁影响生产", "水电气暖", "县长接待日", "2026-05-21", "水电气暖", "县长接待日"),
    ("订单不足", "市场", "座谈会", "2026-05-22", "市场", "座谈会"),
    ("出口退税周期长", "出口退税", "政企恳谈会", "2026-05-25", "政策", "座谈会"),
];

/// (row, column, code) of the warnings: D is 问题类型, E 问题来源; row 7 says both as listed.
const WARNED: [(u64, &str, &str); 12] = [
    (2, "D", "value_mapped"),
    (2, "E", "value_mapped"),
    (3, "D", "value_mapped"),
    (3, "E", "value_mapped"),
    (4, "D", "value_mapped"),
    (4, "E", "value_mapped"),
    (5, "D", "value_mapped"),
    (5, "E", "value_mapped"),
    (6, "D", "value_unlisted"),
    (6, "E", "value_unlisted"),
    (8, "D", "value_mapped"),
    (8, "E", "value_mapped"),
];

/// The sheet's rows: the header, then one problem each for the first enterprises of the 南和 sample.
fn table() -> Vec<Vec<String>> {
    let names: Vec<String> = expected("county_nanhe_clean.xlsx")["enterprises"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap().to_string()).collect();
    let mut rows = vec![HEADER.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
    for (i, (desc, cat, src, date, _, _)) in ROWS.iter().enumerate() {
        rows.push([&(i + 1).to_string(), &names[i], *desc, *cat, *src, *date, ""].iter().map(|s| s.to_string()).collect());
    }
    rows
}

fn xlsx(path: &Path) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (r, row) in table().iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, v).unwrap();
        }
    }
    book.save(path).unwrap();
}

fn gbk_csv(path: &Path) {
    let lines: Vec<String> = table().iter().map(|row| row.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(",")).collect();
    std::fs::write(path, encoding_rs::GBK.encode(&(lines.join("\r\n") + "\r\n")).0).unwrap();
}

/// (row, column, code) of each warning, sorted.
fn warned(r: &Value) -> Vec<(u64, String, String)> {
    let w = r["warnings"].as_array().unwrap();
    let mut out: Vec<_> = w.iter().map(|w| (w["row"].as_u64().unwrap(), w["column"].as_str().unwrap_or("").to_string(), w["code"].as_str().unwrap().to_string())).collect();
    out.sort();
    out
}

/// (description, source, category) of every stored problem, sorted.
fn stored(s: &TempStore) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open(&s.db).unwrap();
    let mut q = conn.prepare("SELECT description, source, category FROM problems ORDER BY description").unwrap();
    q.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn a_ledger_in_free_words_imports_every_row_with_warnings() {
    let write: [(&str, fn(&Path)); 2] = [("县区问题台账.xlsx", xlsx), ("县区问题台账.csv", gbk_csv)];
    for (name, write) in write {
        let s = store();
        s.json_of("import", &sample("county_nanhe_clean.xlsx"), &[]);
        let path = s.path(name);
        write(&path);
        let r = s.json_of("import-ledger", &path, &[]);
        assert_eq!((&r["rows"], &r["inserted"]), (&Value::from(7), &Value::from(7)), "{name}: {r:#}");
        assert_eq!(r["rejected"], Value::Array(vec![]), "{name}");
        let want: Vec<(u64, String, String)> = WARNED.iter().map(|(r, c, k)| (*r, c.to_string(), k.to_string())).collect();
        assert_eq!(warned(&r), want, "{name}: {:#}", r["warnings"]);
        for w in r["warnings"].as_array().unwrap() {
            let row = ROWS[w["row"].as_u64().unwrap() as usize - 2];
            let written = if w["column"] == "D" { row.1 } else { row.2 };
            assert!(w["message"].as_str().unwrap().contains(written), "{name}: the message quotes “{written}”: {w}");
        }
        let mut want: Vec<(String, String, String)> = ROWS.iter().map(|r| (r.0.to_string(), r.5.to_string(), r.4.to_string())).collect();
        want.sort();
        assert_eq!(stored(&s), want, "{name}: (description, source, category)");
        let again = s.json_of("import-ledger", &path, &["--dry-run"]);
        assert_eq!((&again["inserted"], &again["unchanged"]), (&Value::from(0), &Value::from(7)), "{name}: imported again");
    }
}
