//! Hundreds of messy variants of one county list, generated deterministically with
//! rust_xlsxwriter (shuffled columns, synonyms, title/unit lines, tables at column B+, text
//! amounts, 元 units, full-width digits, two-level merged headers, subtotal and example
//! rows, footers, empty bordered rows, county variants …): every one imports to the same data.
use pacesetter_core::enterprise;
use pacesetter_core::enterprise::import::ImportOptions;
use pacesetter_core::enterprise::{list_enterprises, EnterpriseQuery};
use pacesetter_core::Store;
use rust_xlsxwriter::{Format, FormatBorder, Workbook, Worksheet};
use serde_json::Value;

/// xorshift64*: small, deterministic, good enough to pick variants.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn truth() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples/expected_county_nanhe_clean.xlsx.json");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["enterprises"].as_array().unwrap().clone()
}

/// The fields a variant may carry, with header spellings.
const COLUMNS: &[(&str, &[&str])] = &[
    ("name", &["企业名称", "单位名称", "公司名称", "企业\n名称", "企业（单位）名称"]),
    ("uscc", &["统一社会信用代码", "信用代码", "社会信用代码", "统一社会\n信用代码"]),
    ("county", &["县（市、区）", "所在县区", "属地", "县市区"]),
    ("cluster", &["特色产业集群", "所属集群", "产业集群"]),
    ("legal_rep", &["法定代表人", "法人代表", "法人"]),
    ("contact", &["联系人", "企业联系人"]),
    ("phone", &["联系电话", "电话", "手机号码"]),
    ("registered_capital_wan", &["注册资本", "注册资金"]),
    ("revenue_wan", &["营业收入", "主营业务收入", "销售收入"]),
    ("profit_wan", &["利润总额", "利润", "净利润"]),
    ("rd_expense_wan", &["研发投入", "研发费用", "研发经费"]),
    ("rd_ratio_pct", &["研发投入占比", "研发投入占营业收入比重", "研发强度"]),
    ("invention_patents", &["发明专利数", "有效发明专利", "发明专利（件）"]),
    ("target_board", &["拟上市板块", "上市板块", "拟上市地"]),
    ("listing_stage", &["上市进展", "上市进度", "所处阶段"]),
    ("specialized", &["专精特新", "是否专精特新"]),
    ("little_giant", &["专精特新“小巨人”", "小巨人"]),
    ("high_tech", &["高新技术企业", "是否高新技术企业"]),
    ("founded", &["成立时间", "成立日期", "注册时间"]),
];

const MONEY: &[&str] = &["registered_capital_wan", "revenue_wan", "profit_wan", "rd_expense_wan"];
const FLAGS: &[&str] = &["specialized", "little_giant", "high_tech"];

fn board_spelling(rng: &mut Rng, b: &str) -> String {
    let options: &[&str] = match b {
        "北交所" => &["北交所", "北京证券交易所", "北证"],
        "上交所科创板" => &["上交所科创板", "科创板", "上海证券交易所科创板"],
        "深交所创业板" => &["深交所创业板", "创业板", "深圳证券交易所创业板"],
        "上交所主板" => &["上交所主板", "上海证券交易所主板", "沪市主板"],
        "深交所主板" => &["深交所主板", "深圳证券交易所主板"],
        "境外" => &["境外", "香港联交所", "港股"],
        other => return other.to_string(),
    };
    rng.pick(options).to_string()
}

fn stage_spelling(rng: &mut Rng, s: &str) -> String {
    let options: &[&str] = match s {
        "已股改" => &["已股改", "已完成股改", "已完成股份制改造"],
        "股改中" => &["股改中", "股改进行中", "正在股改"],
        "辅导备案" => &["辅导备案", "辅导备案中", "已辅导备案"],
        "未启动" => &["未启动", "尚未启动"],
        "已申报" => &["已申报", "已申报（受理）", "已受理"],
        other => return other.to_string(),
    };
    rng.pick(options).to_string()
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_graphic() { char::from_u32(c as u32 + 0xFEE0).unwrap() } else { c })
        .collect()
}

fn thousands(n: f64) -> String {
    let s = format!("{n:.2}");
    let (int, frac) = s.split_once('.').unwrap();
    let neg = int.starts_with('-');
    let digits: Vec<char> = int.trim_start_matches('-').chars().collect();
    let mut out = String::new();
    for (i, d) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(*d);
    }
    format!("{}{out}.{frac}", if neg { "-" } else { "" })
}

struct Variant {
    fields: Vec<&'static str>,
    /// The county reaches every row some other way (title, file name, group row).
    county_elsewhere: bool,
    /// Expected `founded` per USCC when the variant has that column.
    founded: Vec<(String, String)>,
    file_name: String,
    description: String,
}

/// How the variant states the county.
#[derive(Clone, Copy, PartialEq, Debug)]
enum CountyMode {
    Column,
    MergedColumn,
    Title,
    FileName,
    GroupRow,
}

/// Writes one variant; returns which fields it carries.
fn write_variant(seed: u64, data: &[Value], dir: &std::path::Path) -> Variant {
    let mut rng = Rng(seed.wrapping_mul(0x9E3779B97F4A7C15) | 1);
    let mode = *rng.pick(&[CountyMode::Column, CountyMode::Column, CountyMode::MergedColumn, CountyMode::Title, CountyMode::FileName, CountyMode::GroupRow]);
    let file_name = if mode == CountyMode::FileName { format!("附件2-南和区企业名单_{seed}.xlsx") } else { format!("variant_{seed}.xlsx") };
    let path = dir.join(&file_name);
    let mut wb = Workbook::new();
    let mut notes = Vec::new();
    if rng.chance(25) {
        let ws = wb.add_worksheet();
        ws.set_name("填表说明").unwrap();
        ws.write_string(0, 0, "填表说明：").unwrap();
        ws.write_string(1, 0, "一、企业名称、统一社会信用代码必填。").unwrap();
        ws.write_string(2, 0, "二、金额单位为万元。").unwrap();
        notes.push("instructions sheet");
    }
    if rng.chance(20) {
        let ws = wb.add_worksheet();
        ws.set_name("字典").unwrap();
        for (i, v) in ["是", "否", "北交所", "科创板"].iter().enumerate() {
            ws.write_string(i as u32, 0, *v).unwrap();
        }
        ws.set_hidden(true);
        notes.push("hidden list sheet");
    }
    if rng.chance(15) {
        let ws = wb.add_worksheet();
        ws.set_name("填报示例").unwrap();
        for (c, h) in ["序号", "企业名称", "统一社会信用代码", "营业收入（万元）"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        ws.write_number(1, 0, 1.0).unwrap();
        ws.write_string(1, 1, "邢台市某某机械有限公司").unwrap();
        ws.write_string(1, 2, "91130506MA01RRJY81").unwrap();
        ws.write_number(1, 3, 100.0).unwrap();
        notes.push("example sheet");
    }
    let ws: &mut Worksheet = wb.add_worksheet();
    ws.set_name("企业名单").unwrap();

    // Columns: name and uscc always; the rest mostly; shuffled.
    let mut fields: Vec<&'static str> = COLUMNS
        .iter()
        .map(|(f, _)| *f)
        .filter(|f| match *f {
            "name" | "uscc" => true,
            "county" => matches!(mode, CountyMode::Column | CountyMode::MergedColumn),
            "founded" => false,
            _ => rng.chance(80),
        })
        .collect();
    if rng.chance(40) {
        fields.push("founded");
    }
    for i in (1..fields.len()).rev() {
        let j = rng.below(i + 1);
        fields.swap(i, j);
    }
    let county_in_title = mode == CountyMode::Title;
    let mut founded = Vec::new();
    let col0 = rng.below(3) as u16;
    let seq = rng.chance(60);
    let first_field_col = col0 + seq as u16;
    let width = fields.len() as u16 + seq as u16;
    let mut r: u32 = 0;
    let title = if county_in_title || (mode != CountyMode::FileName && mode != CountyMode::GroupRow && rng.chance(50)) {
        "邢台市南和区“领跑者”企业名单"
    } else {
        "“领跑者”企业名单"
    };
    if rng.chance(80) {
        if rng.chance(30) {
            ws.write_string(r, col0, "附件2").unwrap();
            r += 1;
        }
        ws.merge_range(r, col0, r, col0 + width - 1, title, &Format::new()).unwrap();
        r += 1;
    } else if county_in_title {
        ws.write_string(r, col0, title).unwrap();
        r += 1;
    }
    if rng.chance(30) {
        ws.write_string(r, col0, "填报单位（盖章）：").unwrap();
        ws.write_string(r, col0 + 3, "填报日期：2023年3月").unwrap();
        r += 1;
    }
    // Amount unit: 万元 (default), or 元 stated in the header or on a unit line.
    let unit = *rng.pick(&["万元", "万元", "元"]);
    let unit_on_line = rng.chance(50);
    if unit_on_line {
        ws.write_string(r, col0 + width - 1, format!("单位：{unit}")).unwrap();
        r += 1;
        notes.push("unit line");
    }
    let two_level = rng.chance(30);
    let money_cols: Vec<u16> = fields.iter().enumerate().filter(|(_, f)| MONEY.contains(f)).map(|(i, _)| first_field_col + i as u16).collect();
    let header_row = r;
    let header_of = |rng: &mut Rng, f: &str| -> String {
        let names = COLUMNS.iter().find(|(k, _)| *k == f).unwrap().1;
        let mut h = rng.pick(names).to_string();
        if MONEY.contains(&f) && !unit_on_line {
            h = format!("{h}（{unit}）");
        }
        h
    };
    if seq {
        ws.write_string(header_row, col0, "序号").unwrap();
    }
    if two_level {
        // Group cell over the money columns when they are adjacent, else plain sub-headers;
        // the group and the single-level cells merged or just written in the top row.
        let adjacent = money_cols.len() >= 2 && money_cols.windows(2).all(|w| w[1] == w[0] + 1);
        let merged = rng.chance(60);
        for (i, f) in fields.iter().enumerate() {
            let c = first_field_col + i as u16;
            let h = header_of(&mut rng, f);
            if adjacent && money_cols.contains(&c) {
                ws.write_string(header_row + 1, c, &h).unwrap();
            } else if merged {
                ws.merge_range(header_row, c, header_row + 1, c, &h, &Format::new()).unwrap();
            } else {
                ws.write_string(header_row, c, &h).unwrap();
            }
        }
        if adjacent {
            let group = if unit_on_line { "主要经济指标".to_string() } else { format!("主要经济指标（{unit}）") };
            if merged {
                ws.merge_range(header_row, money_cols[0], header_row, *money_cols.last().unwrap(), &group, &Format::new()).unwrap();
            } else {
                ws.write_string(header_row, money_cols[0], &group).unwrap();
                notes.push("unmerged group header");
            }
        }
        if seq && merged {
            ws.merge_range(header_row, col0, header_row + 1, col0, "序号", &Format::new()).unwrap();
        }
        r += 2;
        notes.push("two-level header");
    } else {
        for (i, f) in fields.iter().enumerate() {
            let h = header_of(&mut rng, f);
            ws.write_string(header_row, first_field_col + i as u16, &h).unwrap();
        }
        r += 1;
    }
    if rng.chance(25) {
        ws.write_string(r, first_field_col, "示例：XXXX有限公司").unwrap();
        r += 1;
        notes.push("example row");
    }
    if mode == CountyMode::GroupRow {
        ws.merge_range(r, col0, r, col0 + width - 1, "一、南和区", &Format::new()).unwrap();
        r += 1;
        notes.push("county group row");
    }
    let first_data_row = r;
    let percent_format = Format::new().set_num_format("0.00%");
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    let hide_row = rng.chance(20).then(|| rng.below(data.len()));
    let factor = if unit == "元" { 10000.0 } else { 1.0 };
    let mut seq_no = 0;
    for (k, e) in data.iter().enumerate() {
        if k == 10 && rng.chance(30) {
            r += 1; // a blank row inside the table
        }
        if k == 12 && rng.chance(25) {
            for (i, f) in fields.iter().enumerate() {
                ws.write_string(r, first_field_col + i as u16, header_of(&mut rng, f)).unwrap();
            }
            r += 1;
            notes.push("repeated header");
        }
        if k == 16 && rng.chance(30) {
            ws.write_string(r, first_field_col, "小计").unwrap();
            ws.write_number(r, first_field_col + 1, 123.0).unwrap();
            r += 1;
            notes.push("subtotal row");
        }
        seq_no += 1;
        if seq {
            ws.write_number(r, col0, seq_no as f64).unwrap();
        }
        for (i, f) in fields.iter().enumerate() {
            let c = first_field_col + i as u16;
            let v = &e[*f];
            match *f {
                "uscc" => {
                    let u = v.as_str().unwrap();
                    let s = match rng.below(5) {
                        0 => u.to_lowercase(),
                        1 => full_width(u),
                        2 => format!(" {} {} ", &u[..8], &u[8..]),
                        _ => u.to_string(),
                    };
                    ws.write_string(r, c, &s).unwrap();
                }
                "name" => {
                    let n = v.as_str().unwrap();
                    ws.write_string(r, c, &if rng.chance(20) { format!("{n} ") } else { n.to_string() }).unwrap();
                }
                "county" if mode == CountyMode::MergedColumn => {
                    if k == 0 {
                        ws.write_string(r, c, "邢台市南和区").unwrap();
                    }
                }
                "county" => {
                    let s = *rng.pick(&["南和区", "邢台市南和区", "南和县", "南 和 区", "南和区（本级）", "南和"]);
                    ws.write_string(r, c, s).unwrap();
                }
                "phone" => {
                    ws.write_string(r, c, v.as_str().unwrap()).unwrap();
                }
                "founded" => {
                    let (y, m, d) = (2000 + (k % 20) as i32, (k % 12 + 1) as u32, (k % 28 + 1) as u32);
                    let date = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
                    let day = date.format("%Y-%m-%d").to_string();
                    let month = date.format("%Y-%m").to_string();
                    let uscc = e["uscc"].as_str().unwrap().to_string();
                    match rng.below(5) {
                        0 => {
                            let dt = rust_xlsxwriter::ExcelDateTime::from_ymd(y as u16, m as u8, d as u8).unwrap();
                            ws.write_datetime_with_format(r, c, &dt, &date_format).unwrap();
                            founded.push((uscc, day));
                        }
                        1 => {
                            let serial = (date - chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()).num_days();
                            ws.write_number(r, c, serial as f64).unwrap();
                            founded.push((uscc, day));
                        }
                        2 => {
                            ws.write_string(r, c, format!("{y}年{m}月")).unwrap();
                            founded.push((uscc, month));
                        }
                        3 => {
                            ws.write_string(r, c, format!("{y}.{m}")).unwrap();
                            founded.push((uscc, month));
                        }
                        _ => {
                            ws.write_string(r, c, format!("{y}/{m}/{d}")).unwrap();
                            founded.push((uscc, day));
                        }
                    }
                }
                f if MONEY.contains(&f) => {
                    if let Some(n) = v.as_f64() {
                        let raw = n * factor;
                        match rng.below(5) {
                            0 => ws.write_string(r, c, thousands(raw)).map(|_| ()).unwrap(),
                            1 => ws.write_string(r, c, full_width(&format!("{raw:.2}"))).map(|_| ()).unwrap(),
                            2 if unit == "万元" => ws.write_string(r, c, format!("{n}万元")).map(|_| ()).unwrap(),
                            3 => {
                                let f = rust_xlsxwriter::Formula::new(format!("={raw}+0")).set_result(raw.to_string());
                                ws.write_formula(r, c, f).map(|_| ()).unwrap()
                            }
                            _ => ws.write_number(r, c, raw).map(|_| ()).unwrap(),
                        }
                    }
                }
                "rd_ratio_pct" => {
                    if let Some(n) = v.as_f64() {
                        match rng.below(3) {
                            0 => ws.write_string(r, c, format!("{n}%")).map(|_| ()).unwrap(),
                            1 => ws.write_number_with_format(r, c, n / 100.0, &percent_format).map(|_| ()).unwrap(),
                            _ => ws.write_number(r, c, n).map(|_| ()).unwrap(),
                        }
                    }
                }
                "invention_patents" => {
                    if let Some(n) = v.as_i64() {
                        if rng.chance(30) {
                            ws.write_string(r, c, format!("{n}件")).unwrap();
                        } else {
                            ws.write_number(r, c, n as f64).unwrap();
                        }
                    }
                }
                "target_board" => {
                    if let Some(s) = v.as_str() {
                        ws.write_string(r, c, board_spelling(&mut rng, s)).unwrap();
                    }
                }
                "listing_stage" => {
                    if let Some(s) = v.as_str() {
                        ws.write_string(r, c, stage_spelling(&mut rng, s)).unwrap();
                    }
                }
                f if FLAGS.contains(&f) => {
                    let b = v.as_bool().unwrap();
                    let (yes, no) = *rng.pick(&[("是", "否"), ("√", ""), ("Y", "N"), ("✓", "×"), ("是", "")]);
                    let s = if b { yes } else { no };
                    if !s.is_empty() {
                        ws.write_string(r, c, s).unwrap();
                    }
                }
                _ => {
                    if let Some(s) = v.as_str() {
                        ws.write_string(r, c, s).unwrap();
                    }
                }
            }
        }
        if hide_row == Some(k) {
            ws.set_row_hidden(r).unwrap();
        }
        r += 1;
    }
    if mode == CountyMode::MergedColumn {
        let c = first_field_col + fields.iter().position(|f| *f == "county").unwrap() as u16;
        let last = r - 1;
        if last > first_data_row {
            ws.merge_range(first_data_row, c, last, c, "邢台市南和区", &Format::new()).unwrap();
        }
        notes.push("merged county column");
    }
    if rng.chance(15) {
        ws.set_column_hidden(first_field_col + fields.len() as u16 - 1).unwrap();
        notes.push("hidden column");
    }
    if mode == CountyMode::GroupRow {
        ws.write_string(r, first_field_col, "南和区小计").unwrap();
        r += 1;
    }
    if rng.chance(40) {
        ws.write_string(r, first_field_col, "合计").unwrap();
        r += 1;
        notes.push("total row");
    }
    if rng.chance(40) {
        ws.merge_range(r, col0, r, col0 + width - 1, "注：1.金额单位见表头；2.是否专精特新填“是”或“否”。", &Format::new()).unwrap();
        r += 1;
        ws.write_string(r, col0, "填表人：张三").unwrap();
        ws.write_string(r, col0 + 2, "联系电话：0319-1234567").unwrap();
        r += 1;
        notes.push("footer");
    }
    if rng.chance(30) {
        let border = Format::new().set_border(FormatBorder::Thin);
        for rr in r..r + 200 {
            for c in col0..col0 + width {
                ws.write_blank(rr, c, &border).unwrap();
            }
        }
        notes.push("empty bordered rows");
    }
    wb.save(&path).unwrap();
    Variant {
        fields,
        county_elsewhere: !matches!(mode, CountyMode::Column | CountyMode::MergedColumn),
        founded,
        file_name,
        description: format!("seed {seed}: county {mode:?} col0={col0} seq={seq} unit={unit} {}", notes.join(", ")),
    }
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => (x.as_f64().unwrap() - y.as_f64().unwrap()).abs() <= 0.01,
        _ => a == b,
    }
}

#[test]
fn messy_variants_import_to_the_same_data() {
    let data = truth();
    let dir = tempfile::tempdir().unwrap();
    for seed in 0..300u64 {
        let v = write_variant(seed, &data, dir.path());
        let path = dir.path().join(&v.file_name);
        let mut store = Store::open_in_memory().unwrap();
        let report = enterprise::import::commit(&mut store, &path, &ImportOptions { year: Some(2022), ..Default::default() })
            .unwrap_or_else(|e| panic!("{}: {e}", v.description));
        assert!(report.rejected.is_empty(), "{}: rejected {:?}", v.description, report.rejected);
        assert_eq!(report.inserted as usize, data.len(), "{}: {:?}", v.description, report.ignored);
        let rows = list_enterprises(&store, &EnterpriseQuery::default()).unwrap().rows;
        for e in &data {
            let uscc = e["uscc"].as_str().unwrap();
            let row = rows.iter().find(|r| r.uscc == uscc).unwrap_or_else(|| panic!("{}: {uscc} missing", v.description));
            let got = serde_json::to_value(row).unwrap();
            for (key, want) in e.as_object().unwrap() {
                if key.starts_with('_') {
                    continue;
                }
                let present = v.fields.contains(&key.as_str()) || (key == "county" && v.county_elsewhere);
                let want = if present { want.clone() } else { Value::Null };
                assert!(same(&got[key], &want), "{}: row {} {key}: got {}, want {want}", v.description, e["_row"], got[key]);
            }
        }
        for (uscc, want) in &v.founded {
            let got: String = store.test_conn().query_row("SELECT founded FROM enterprises WHERE uscc = ?1", [uscc], |r| r.get(0)).unwrap();
            assert_eq!(&got, want, "{}: founded of {uscc}", v.description);
        }
    }
}

/// A valid USCC from a running number (GB 32100 check character computed).
fn uscc_for(i: usize) -> String {
    const CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    const W: [usize; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    let first = format!("91130500{i:09}");
    let sum: usize = first.chars().enumerate().map(|(k, c)| CHARSET.find(c).unwrap() * W[k]).sum();
    format!("{first}{}", CHARSET.as_bytes()[(31 - sum % 31) % 31] as char)
}

#[test]
fn twenty_thousand_rows_import_in_one_go() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["序号", "企业名称", "统一社会信用代码", "县（市、区）", "营业收入（万元）", "高新技术企业"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let n = 20_000;
    for i in 0..n {
        let r = i as u32 + 1;
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        ws.write_string(r, 1, format!("测试企业{i}有限公司")).unwrap();
        ws.write_string(r, 2, uscc_for(i)).unwrap();
        ws.write_string(r, 3, *["清河县", "威县", "任县", "桥东区"].get(i % 4).unwrap()).unwrap();
        ws.write_number(r, 4, i as f64 * 1.5).unwrap();
        ws.write_string(r, 5, if i % 3 == 0 { "是" } else { "否" }).unwrap();
    }
    wb.save(&path).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let started = std::time::Instant::now();
    let reports = std::cell::RefCell::new(Vec::new());
    let report = enterprise::import::commit_with_progress(&mut store, &path, &ImportOptions::default(), &|p| {
        reports.borrow_mut().push(p);
        true
    })
    .unwrap();
    assert_eq!(report.inserted, n as u32, "{:?}", report.rejected.first());
    // Coarse progress: a few reports per stage, ending with every row written.
    let reports = reports.into_inner();
    assert!(reports.len() < 100, "{} progress reports", reports.len());
    let last = reports.last().unwrap();
    assert_eq!((last.stage.as_str(), last.done, last.total), ("write", n as u64, n as u64));
    assert!(reports.iter().any(|p| p.stage == "check" && p.done == 500 && p.total == n as u64));
    assert!(started.elapsed().as_secs() < 120, "took {:?}", started.elapsed());
    let again = enterprise::import::preview(&store, &path, &ImportOptions::default()).unwrap();
    assert_eq!(again.report.unchanged, n as u32);
    let counties: i64 = store.test_conn().query_row("SELECT count(DISTINCT county) FROM enterprises", [], |r| r.get(0)).unwrap();
    assert_eq!(counties, 4);
}
