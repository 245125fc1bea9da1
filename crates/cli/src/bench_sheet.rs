//! Deterministic city-wide county sheets for `pacesetter bench`: a title, a 填报单位/单位 line,
//! a header of usual synonyms and N enterprise rows with the mess real counties send (county
//! spellings, lower-case codes with spaces, amounts as text, dates in three forms, 小计 rows).
use pacesetter_core::Result;
use pacesetter_testkit::{uscc_for, Rng};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook};
use std::path::Path;

pub const HEADERS: [&str; 22] = [
    "序号",
    "企业名称",
    "统一社会信用代码",
    "所在县区",
    "所属集群",
    "法人代表",
    "联系人",
    "联系电话",
    "成立日期",
    "注册资金",
    "主营业务收入",
    "利润总额",
    "研发费用",
    "研发投入占比",
    "有效发明专利",
    "拟上市板块",
    "上市进展",
    "是否专精特新",
    "小巨人",
    "高新技术企业",
    "企业规模",
    "备注",
];

/// County spellings as counties write them (old names and short forms included).
const COUNTIES: &[&str] = &[
    "清河县", "清河", "邢台市临西县", "临西县", "宁晋县", "宁晋", "平乡县", "沙河市", "南和区", "南和县", "隆尧县",
    "临城县", "威县", "新河县", "任县", "任泽区", "桥东区", "襄都区", "信都区", "内丘县", "柏乡县", "巨鹿县",
    "广宗县", "南宫市", "邢台经济开发区",
];
const CLUSTERS: &[&str] = &["清河羊绒", "临西轴承", "宁晋单晶硅", "宁晋电线电缆", "平乡自行车童车", "沙河玻璃", "南和宠物食品", "新河眼镜盒", "隆尧食品", "临城泵阀"];
const PLACES: &[&str] = &["河北", "邢台", "清河", "宁晋", "沙河", "临西", "冀南", "华北", "新河", "隆尧"];
const WORDS: &[&str] = &["嘉坤", "翔盛", "恒泰", "宏达", "晶龙", "天海", "金力", "东方", "瑞丰", "宝隆", "盛华", "鑫源", "博远", "华强"];
const TRADES: &[&str] = &["农机装备", "羊绒制品", "轴承", "光伏科技", "电缆", "玻璃", "宠物食品", "眼镜盒", "食品", "泵阀", "童车", "新材料"];
const SUFFIXES: &[&str] = &["有限公司", "股份有限公司", "集团有限公司", "科技有限公司"];
const SURNAMES: &[&str] = &["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "孙", "马"];
const GIVEN: &[&str] = &["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明"];
const BOARDS: &[&str] = &["北交所", "深交所创业板", "创业板", "科创板", "上交所主板", "沪市主板", "新三板创新层", "", ""];
const STAGES: &[&str] = &["未启动", "股改中", "已完成股改", "辅导备案", "辅导验收", "已申报（受理）", "审核问询", "培育中", ""];
const FLAGS: &[&str] = &["是", "否", "√", "×", "", "否", "是"];
const SIZES: &[&str] = &["大型", "中型", "小型", "微型"];

fn full_width_digits(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_digit() { char::from_u32(c as u32 + 0xFEE0).unwrap_or(c) } else { c }).collect()
}

/// Writes `rows` enterprises (plus a 小计 line after every 1,000) to `path`; same output for the
/// same `rows`.
pub fn write_county_sheet(path: &Path, rows: usize) -> Result<()> {
    let mut rng = Rng::new(0x9E37_79B9_7F4A_7C15);
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("企业名单")?;
    let bold = Format::new().set_bold().set_align(FormatAlign::Center);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    ws.merge_range(0, 0, 0, HEADERS.len() as u16 - 1, "邢台市特色产业集群“领跑者”企业培育库名单", &bold)?;
    ws.write_string(1, 0, "填报单位：（盖章）")?;
    ws.write_string(1, 12, "单位：万元")?;
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &bold)?;
    }
    let mut r: u32 = 3;
    for i in 0..rows {
        let mut uscc = uscc_for(i);
        if rng.chance(10) {
            uscc = uscc.to_lowercase();
        }
        if rng.chance(5) {
            uscc = format!(" {} {}", &uscc[..8], &uscc[8..]);
        }
        let mut name = format!("{}{}{}{}", rng.pick(PLACES), rng.pick(WORDS), rng.pick(TRADES), rng.pick(SUFFIXES));
        if rng.chance(3) {
            name = format!("{name}\u{a0}");
        }
        ws.write_number(r, 0, (i + 1) as f64)?;
        ws.write_string(r, 1, &name)?;
        ws.write_string(r, 2, &uscc)?;
        ws.write_string(r, 3, *rng.pick(COUNTIES))?;
        ws.write_string(r, 4, *rng.pick(CLUSTERS))?;
        ws.write_string(r, 5, format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN)))?;
        ws.write_string(r, 6, format!("{}{}{}", rng.pick(SURNAMES), rng.pick(GIVEN), rng.pick(GIVEN)))?;
        let phone = format!("13{:09}", rng.below(1_000_000_000));
        ws.write_string(r, 7, if rng.chance(5) { full_width_digits(&phone) } else { phone })?;
        let (y, m, d) = (1990 + rng.below(34) as u16, 1 + rng.below(12) as u8, 1 + rng.below(28) as u8);
        match rng.below(4) {
            0 | 1 => ws.write_datetime_with_format(r, 8, ExcelDateTime::from_ymd(y, m, d)?, &date)?,
            2 => ws.write_string(r, 8, format!("{y}年{m}月"))?,
            _ => ws.write_string(r, 8, format!("{y}.{m}"))?,
        };
        let capital = (100 + rng.below(50_000)) as f64;
        if rng.chance(15) {
            ws.write_string(r, 9, format!("{},{:03}", capital as u64 / 1000, capital as u64 % 1000))?;
        } else {
            ws.write_number(r, 9, capital)?;
        }
        let revenue = (rng.below(5_000_000) as f64) / 100.0;
        if rng.chance(5) {
            ws.write_string(r, 10, format!("{revenue:.2}"))?;
        } else if !rng.chance(3) {
            ws.write_number(r, 10, revenue)?;
        }
        ws.write_number(r, 11, revenue * (rng.below(30) as f64) / 100.0 - 50.0)?;
        let rd = (revenue * (rng.below(80) as f64) / 1000.0 * 100.0).round() / 100.0;
        ws.write_number(r, 12, rd)?;
        let ratio = if revenue > 0.0 { (rd / revenue * 10000.0).round() / 100.0 } else { 0.0 };
        if rng.chance(30) {
            ws.write_string(r, 13, format!("{ratio}%"))?;
        } else {
            ws.write_number(r, 13, ratio)?;
        }
        if !rng.chance(20) {
            ws.write_number(r, 14, rng.below(40) as f64)?;
        }
        ws.write_string(r, 15, *rng.pick(BOARDS))?;
        ws.write_string(r, 16, *rng.pick(STAGES))?;
        for c in 17..20 {
            ws.write_string(r, c, *rng.pick(FLAGS))?;
        }
        ws.write_string(r, 20, *rng.pick(SIZES))?;
        if rng.chance(5) {
            ws.write_string(r, 21, "拟2027年申报")?;
        }
        r += 1;
        if (i + 1) % 1000 == 0 {
            ws.write_string(r, 1, "小计")?;
            ws.write_string(r, 2, format!("{}家", 1000))?;
            r += 1;
        }
    }
    ws.write_string(r + 1, 0, "填表人：        联系电话：")?;
    book.save(path)?;
    Ok(())
}
