//! Enterprise lists that are not workbooks — a GBK .csv of a query platform, a tab-separated
//! UTF-8 .txt with a byte-order mark, a web system's HTML table saved as .xls — import exactly as
//! the same 12 enterprises do from an .xlsx.
use super::store;
use pacesetter_testkit::{expected, TempStore};
use rust_xlsxwriter::{Format, Workbook};
use serde_json::Value;
use std::path::Path;

const TITLE: &str = "南和区“领跑者”企业名单";
/// The header and the field under it (序号 is the row's number).
const COLUMNS: [(&str, &str); 19] = [
    ("序号", ""),
    ("企业名称", "name"),
    ("统一社会信用代码", "uscc"),
    ("所属县（市、区）", "county"),
    ("特色产业集群", "cluster"),
    ("法定代表人", "legal_rep"),
    ("联系人", "contact"),
    ("联系电话", "phone"),
    ("注册资本（万元）", "registered_capital_wan"),
    ("营业收入（万元）", "revenue_wan"),
    ("利润总额（万元）", "profit_wan"),
    ("研发投入（万元）", "rd_expense_wan"),
    ("研发投入占比（%）", "rd_ratio_pct"),
    ("发明专利（件）", "invention_patents"),
    ("拟上市板块", "target_board"),
    ("上市进展", "listing_stage"),
    ("是否专精特新", "specialized"),
    ("是否专精特新“小巨人”", "little_giant"),
    ("是否高新技术企业", "high_tech"),
];

/// The first 12 enterprises of the 南和 sample, as expected_county_nanhe_clean.xlsx.json says them.
fn enterprises() -> Vec<Value> {
    let all = expected("county_nanhe_clean.xlsx")["enterprises"].as_array().unwrap().clone();
    all.into_iter().take(12).collect()
}

/// A cell as a web system writes it: numbers without a trailing .0, flags as 是/否.
fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 => format!("{f:.0}"),
            _ => n.to_string(),
        },
        Value::String(s) => s.clone(),
        other => panic!("unexpected value {other}"),
    }
}

/// The table as text: the title line, the header, one row per enterprise.
fn table() -> Vec<Vec<String>> {
    let mut rows = vec![vec![TITLE.to_string()], COLUMNS.iter().map(|(h, _)| h.to_string()).collect()];
    for (i, e) in enterprises().iter().enumerate() {
        rows.push(COLUMNS.iter().map(|(_, k)| if k.is_empty() { (i + 1).to_string() } else { text(&e[*k]) }).collect());
    }
    rows
}

/// The .xlsx a county sends: title merged over the header, amounts and counts as numbers.
fn xlsx(path: &Path) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.merge_range(0, 0, 0, COLUMNS.len() as u16 - 1, TITLE, &Format::new()).unwrap();
    for (r, row) in table().iter().enumerate().skip(1) {
        for (c, v) in row.iter().enumerate() {
            let number = r > 1 && (c == 0 || (8..=13).contains(&c)) && !v.is_empty();
            if number {
                ws.write_number(r as u32, c as u16, v.parse::<f64>().unwrap()).unwrap();
            } else {
                ws.write_string(r as u32, c as u16, v).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

/// A query platform's .csv in GBK: every field quoted, codes and phones guarded as ="…", CRLF.
fn gbk_csv() -> Vec<u8> {
    let quoted = |c: usize, v: &str| match c {
        2 | 7 if !v.is_empty() && v.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-') => format!("=\"{v}\""),
        _ => format!("\"{}\"", v.replace('"', "\"\"")),
    };
    let mut text = String::new();
    for (r, row) in table().iter().enumerate() {
        let fields: Vec<String> = row.iter().enumerate().map(|(c, v)| if r < 2 { quoted(99, v) } else { quoted(c, v) }).collect();
        text.push_str(&fields.join(","));
        text.push_str("\r\n");
    }
    let (bytes, _, lossy) = encoding_rs::GBK.encode(&text);
    assert!(!lossy, "every character has a GBK code");
    bytes.into_owned()
}

/// A tab-separated .txt in UTF-8 with a byte-order mark.
fn bom_tab_txt() -> Vec<u8> {
    let lines: Vec<String> = table().iter().map(|row| row.join("\t")).collect();
    [b"\xEF\xBB\xBF".as_slice(), lines.join("\r\n").as_bytes(), b"\r\n"].concat()
}

/// A web system's “导出 Excel”: an HTML page in GB2312 holding the table, saved with an .xls name.
fn html_xls() -> Vec<u8> {
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let mut page = String::from(concat!(
        "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\">\r\n",
        "<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
        "<style>td{mso-number-format:\"\\@\";}</style></head>\r\n<body><table border=\"1\">\r\n"
    ));
    let rows = table();
    page.push_str(&format!("<tr><td colspan=\"{}\" align=\"center\"><b>{}</b></td></tr>\r\n", COLUMNS.len(), escape(&rows[0][0])));
    for (r, row) in rows.iter().enumerate().skip(1) {
        let tag = if r == 1 { "th" } else { "td" };
        let cells: String = row.iter().map(|v| format!("<{tag}>{}</{tag}>", if v.is_empty() { "&nbsp;".to_string() } else { escape(v) })).collect();
        page.push_str(&format!("<tr>{cells}</tr>\r\n"));
    }
    page.push_str("</table></body></html>\r\n");
    encoding_rs::GBK.encode(&page).0.into_owned()
}

/// `import FILE --year 2022 --json` into `store`; the report.
fn import(store: &TempStore, file: &Path) -> Value {
    store.json_of("import", file, &["--year", "2022"])
}

/// What two imports of the same table must share (the sheet's name is the file's own).
fn outcome(r: &Value) -> Value {
    let keys = ["header_rows", "inserted", "updated", "unchanged", "rejected", "warnings", "ignored"];
    Value::Object(keys.iter().map(|k| (k.to_string(), r[*k].clone())).collect())
}

/// The .xlsx import itself is right: the 12 enterprises with the sample's values.
fn assert_listing_is_the_sample(listing: &Value) {
    let got = listing.as_array().unwrap();
    assert_eq!(got.len(), 12);
    for e in enterprises() {
        let uscc = e["uscc"].as_str().unwrap();
        let g = got.iter().find(|g| g["uscc"] == uscc).unwrap_or_else(|| panic!("{uscc} missing"));
        let figures = &g["figures"][0];
        assert_eq!(figures["year"], 2022, "{uscc}");
        for (_, k) in COLUMNS.iter().skip(1) {
            let have = if g.get(*k).is_some() { &g[*k] } else { &figures[*k] };
            let same = match (have.as_f64(), e[*k].as_f64()) {
                (Some(a), Some(b)) => (a - b).abs() < 0.01,
                _ => *have == e[*k] || (e[*k] == Value::Bool(false) && have.is_null()),
            };
            assert!(same, "{uscc} {k}: 导入为 {have}，应为 {}", e[*k]);
        }
    }
}

#[test]
fn the_12_enterprises_import_alike_from_xlsx_gbk_csv_bom_txt_and_html_xls() {
    let reference = store();
    let xlsx_path = reference.path("南和区名单.xlsx");
    xlsx(&xlsx_path);
    let want = import(&reference, &xlsx_path);
    assert_eq!((&want["inserted"], &want["rejected"]), (&Value::from(12), &Value::Array(vec![])), "{want:#}");
    let listing = reference.full_listing();
    assert_listing_is_the_sample(&listing);

    let shapes: [(&str, fn() -> Vec<u8>, &str); 3] = [
        ("企业名单导出.csv", gbk_csv, "企业名单导出"),
        ("企业名单.txt", bom_tab_txt, "企业名单"),
        ("企业信息导出.xls", html_xls, "表1"),
    ];
    for (name, bytes, sheet) in shapes {
        let s = store();
        let path = s.path(name);
        std::fs::write(&path, bytes()).unwrap();
        let r = import(&s, &path);
        assert_eq!(r["sheet"], sheet, "{name}");
        assert_eq!(outcome(&r), outcome(&want), "{name}");
        assert_eq!(s.full_listing(), listing, "{name}: list enterprises --json --full");
        let again = import(&s, &path);
        assert_eq!((&again["inserted"], &again["unchanged"]), (&Value::from(0), &Value::from(12)), "{name}: imported again");
    }
}
