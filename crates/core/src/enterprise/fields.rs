//! The canonical fields an enterprise row can fill, and how a header text maps to one of them
//! through synonyms (with the year and amount unit the header carries, e.g. “2022年营业收入（元）”).
use crate::sheet::text::{compact, compact_cow, upper_case_already};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How a field's cells are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Name,
    Uscc,
    County,
    Phone,
    Money,
    Percent,
    Count,
    Flag,
    Year,
    Date,
    Board,
    Stage,
    /// 序号: recognised so it is never kept as an extra column, otherwise ignored.
    Seq,
    /// 数据年度: the year of the row's figures whose header names no year; not stored itself.
    RowYear,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    /// Stored per year in `enterprise_figures` rather than on the enterprise.
    pub yearly: bool,
}

impl Field {
    /// Whether the field is kept in the store (序号 and 数据年度 only steer the reading).
    pub fn stored(&self) -> bool {
        !matches!(self.kind, Kind::Seq | Kind::RowYear)
    }
}

const fn f(key: &'static str, label: &'static str, kind: Kind, yearly: bool) -> Field {
    Field { key, label, kind, yearly }
}

/// Every field, in the order the preview and the template show them.
pub const FIELDS: &[Field] = &[
    f("name", "企业名称", Kind::Name, false),
    f("uscc", "统一社会信用代码", Kind::Uscc, false),
    f("county", "县（市、区）", Kind::County, false),
    f("cluster", "特色产业集群", Kind::Text, false),
    f("industry", "所属行业", Kind::Text, false),
    f("main_business", "主营业务", Kind::Text, false),
    f("legal_rep", "法定代表人", Kind::Text, false),
    f("contact", "联系人", Kind::Text, false),
    f("phone", "联系电话", Kind::Phone, false),
    f("address", "地址", Kind::Text, false),
    f("founded", "成立时间", Kind::Date, false),
    f("registered_capital_wan", "注册资本（万元）", Kind::Money, false),
    f("revenue_wan", "营业收入（万元）", Kind::Money, true),
    f("profit_wan", "利润总额（万元）", Kind::Money, true),
    f("tax_wan", "税收（万元）", Kind::Money, true),
    f("rd_expense_wan", "研发投入（万元）", Kind::Money, true),
    f("rd_ratio_pct", "研发投入占比（%）", Kind::Percent, true),
    f("invention_patents", "发明专利数（件）", Kind::Count, true),
    f("target_board", "拟上市板块", Kind::Board, false),
    f("listing_stage", "上市进展", Kind::Stage, false),
    f("reform_date", "股改完成时间", Kind::Date, false),
    f("listed_date", "上市时间", Kind::Date, false),
    f("tier", "梯队", Kind::Text, false),
    f("in_pool", "是否入库（上市培育库）", Kind::Flag, false),
    f("pool_entered_on", "入库时间", Kind::Date, false),
    f("is_leader", "是否“领跑者”企业", Kind::Flag, false),
    f("leader_level", "“领跑者”级别", Kind::Text, false),
    f("leader_batch", "“领跑者”批次（年份）", Kind::Year, false),
    f("specialized", "专精特新企业", Kind::Flag, false),
    f("specialized_year", "专精特新认定年份", Kind::Year, false),
    f("specialized_on", "专精特新认定时间", Kind::Date, false),
    f("specialized_until", "专精特新有效期至", Kind::Date, false),
    f("specialized_review_on", "专精特新复核时间", Kind::Date, false),
    f("specialized_review_result", "专精特新复核结果", Kind::Text, false),
    f("little_giant", "专精特新“小巨人”", Kind::Flag, false),
    f("little_giant_year", "“小巨人”认定年份", Kind::Year, false),
    f("little_giant_on", "“小巨人”认定时间", Kind::Date, false),
    f("little_giant_until", "“小巨人”有效期至", Kind::Date, false),
    f("little_giant_review_on", "“小巨人”复核时间", Kind::Date, false),
    f("little_giant_review_result", "“小巨人”复核结果", Kind::Text, false),
    f("high_tech", "高新技术企业", Kind::Flag, false),
    f("high_tech_year", "高新技术企业认定年份", Kind::Year, false),
    f("high_tech_on", "高新技术企业认定时间", Kind::Date, false),
    f("high_tech_until", "高新技术企业有效期至", Kind::Date, false),
    f("high_tech_review_on", "高新技术企业复核时间", Kind::Date, false),
    f("high_tech_review_result", "高新技术企业复核结果", Kind::Text, false),
    f("innovative_sme", "创新型中小企业", Kind::Flag, false),
    f("innovative_sme_year", "创新型中小企业认定年份", Kind::Year, false),
    f("innovative_sme_on", "创新型中小企业认定时间", Kind::Date, false),
    f("innovative_sme_until", "创新型中小企业有效期至", Kind::Date, false),
    f("innovative_sme_review_on", "创新型中小企业复核时间", Kind::Date, false),
    f("innovative_sme_review_result", "创新型中小企业复核结果", Kind::Text, false),
    f("white_list", "产业链供应链白名单", Kind::Flag, false),
    f("eco_positive_list", "生态环境监管正面清单", Kind::Flag, false),
    f("notes", "备注", Kind::Text, false),
    f("seq", "序号", Kind::Seq, false),
    f("data_year", "数据年度", Kind::RowYear, false),
];

pub fn field(key: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.key == key)
}

/// A choice in the preview's column drop-down.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct FieldOption {
    pub key: String,
    pub label: String,
}

pub fn field_options() -> Vec<FieldOption> {
    FIELDS
        .iter()
        .filter(|f| f.kind != Kind::Seq)
        .map(|f| FieldOption { key: f.key.into(), label: f.label.into() })
        .collect()
}

/// Synonym rules, tried in order on the normalised header: (field, exact forms, parts that
/// must all be contained in one of the alternatives separated by `|`).
struct Rule {
    key: &'static str,
    exact: &'static [&'static str],
    contains: &'static [&'static str],
}

const RULES: &[Rule] = &[
    Rule { key: "seq", exact: &["序号", "序", "编号", "排序", "NO", "NO.", "顺序号"], contains: &[] },
    Rule { key: "uscc", exact: &["USCC", "统一代码", "代码"], contains: &["信用代码", "社会信用", "统一社会", "纳税人识别号", "税号"] },
    Rule { key: "cluster", exact: &["集群", "产业集群", "特色产业"], contains: &["集群", "特色产业"] },
    Rule { key: "name", exact: &["名称", "企业", "公司", "单位", "企业名单", "企业（单位）名称", "企业(单位)名称"], contains: &["企业名称", "单位名称", "公司名称", "企业全称", "企业名", "公司全称", "详细名称", "单位全称"] },
    Rule {
        key: "county",
        exact: &["县", "县区", "区县", "县市区", "县(市区)", "县(市、区)", "属地", "地区", "所在地", "区域", "所在县", "县别", "所属区域", "所在区域", "县(市、区、开发区)", "所在地区", "所属地区", "区划", "所在县区"],
        contains: &["县(市", "县（市", "所在县", "所属县", "县市区", "县区", "区县", "属地"],
    },
    Rule {
        key: "industry",
        exact: &["行业", "行业类别", "所属行业", "行业门类", "行业名称", "所属领域", "技术领域", "细分领域", "主导产业", "产业", "所属产业", "重点产业", "特色主导产业", "产业类别", "产业类型"],
        contains: &["所属行业", "行业分类", "国民经济行业", "行业类别", "行业名称", "细分领域", "所属领域", "技术领域", "主导产业"],
    },
    Rule { key: "rd_ratio_pct", exact: &["研发强度"], contains: &["研发+占", "研发+比例", "研发+强度", "研发+比重", "R&D+占", "R&D+强度", "研发+%"] },
    Rule { key: "rd_expense_wan", exact: &["研发", "R&D"], contains: &["研发投入", "研发费用", "研发经费", "研发支出", "R&D"] },
    Rule { key: "profit_wan", exact: &["利润", "净利润", "利润总额"], contains: &["利润"] },
    Rule { key: "tax_wan", exact: &["税收", "纳税", "税金", "纳税额", "实缴税金"], contains: &["税收", "纳税额", "缴税", "税金", "上缴税"] },
    Rule { key: "revenue_wan", exact: &["营收", "收入", "销售额", "营业额"], contains: &["营业收入", "营业总收入", "主营业务收入", "销售收入", "营收", "销售额"] },
    Rule { key: "main_business", exact: &["主营", "主导产品", "产品"], contains: &["主营业务", "主要产品", "主营产品", "经营范围", "主导产品"] },
    Rule { key: "phone", exact: &["电话", "手机", "联系方式", "手机号", "手机号码", "电话号码"], contains: &["电话", "手机", "联系方式"] },
    Rule { key: "legal_rep", exact: &["法人", "法定代表人", "法人代表", "单位负责人", "企业负责人"], contains: &["法定代表", "法人代表"] },
    Rule { key: "contact", exact: &["联系人", "企业联系人", "联络人"], contains: &["联系人", "联络人"] },
    Rule { key: "address", exact: &["地址", "住所", "地点"], contains: &["地址", "住所"] },
    Rule { key: "founded", exact: &["成立时间", "成立日期", "成立年份", "注册时间", "注册日期", "成立年月"], contains: &["成立时间", "成立日期", "成立年", "注册时间", "注册日期"] },
    Rule { key: "registered_capital_wan", exact: &[], contains: &["注册资本", "注册资金"] },
    Rule { key: "invention_patents", exact: &["发明专利", "专利", "专利数"], contains: &["发明专利", "专利数", "专利授权"] },
    // Before 拟上市板块 and 上市进展; only exact forms for 上市时间 (拟上市时间 is a plan, not a date).
    Rule { key: "reform_date", exact: &["股改时间", "股改日期", "股改年份", "股改年月", "股份制改造时间"], contains: &["完成股改", "股改完成", "股份制改造完成", "股改+时间", "股改+日期"] },
    Rule { key: "listed_date", exact: &["上市时间", "上市日期", "上市年份", "上市年月", "实际上市时间", "上市挂牌时间", "首发上市时间"], contains: &[] },
    Rule { key: "target_board", exact: &["板块", "拟上市板块", "上市板块", "拟上市地", "拟上市地点", "拟上市市场"], contains: &["板块", "拟上市地", "上市地点", "拟上市交易所", "上市地", "上市市场"] },
    Rule {
        key: "listing_stage",
        exact: &["进展", "进度", "进程", "上市进度", "上市进展", "上市进程", "所处阶段", "阶段", "上市状态"],
        contains: &["上市进展", "上市进度", "上市进程", "上市阶段", "进展情况", "推进情况", "所处阶段", "工作进展", "上市工作", "上市状态"],
    },
    Rule { key: "little_giant_review_result", exact: &[], contains: &["小巨人+复核结果", "小巨人+复核情况", "小巨人+复审结果"] },
    Rule { key: "little_giant_review_on", exact: &[], contains: &["小巨人+复核", "小巨人+复审"] },
    Rule { key: "little_giant_until", exact: &[], contains: &["小巨人+有效期", "小巨人+到期"] },
    Rule { key: "little_giant_on", exact: &[], contains: &["小巨人+认定时间", "小巨人+认定日期", "小巨人+获评时间", "小巨人+认定年月", "小巨人+发证"] },
    Rule { key: "little_giant_year", exact: &[], contains: &["小巨人+年", "小巨人+时间"] },
    Rule { key: "little_giant", exact: &["小巨人"], contains: &["小巨人"] },
    Rule { key: "innovative_sme_review_result", exact: &[], contains: &["创新型+复核结果", "创新型+复核情况", "创新型+复审结果"] },
    Rule { key: "innovative_sme_review_on", exact: &[], contains: &["创新型+复核", "创新型+复审"] },
    Rule { key: "innovative_sme_until", exact: &[], contains: &["创新型+有效期", "创新型+到期"] },
    Rule { key: "innovative_sme_on", exact: &[], contains: &["创新型+认定时间", "创新型+认定日期", "创新型+获评时间", "创新型+认定年月", "创新型+发证"] },
    Rule { key: "innovative_sme_year", exact: &[], contains: &["创新型+年", "创新型+时间"] },
    Rule { key: "innovative_sme", exact: &["创新型"], contains: &["创新型中小", "创新型企业"] },
    Rule { key: "specialized_review_result", exact: &[], contains: &["专精特新+复核结果", "专精特新+复核情况", "专精特新+复审结果"] },
    Rule { key: "specialized_review_on", exact: &[], contains: &["专精特新+复核", "专精特新+复审"] },
    Rule { key: "specialized_until", exact: &[], contains: &["专精特新+有效期", "专精特新+到期"] },
    Rule { key: "specialized_on", exact: &[], contains: &["专精特新+认定时间", "专精特新+认定日期", "专精特新+获评时间", "专精特新+认定年月", "专精特新+发证"] },
    Rule { key: "specialized_year", exact: &[], contains: &["专精特新+年", "专精特新+时间"] },
    Rule { key: "specialized", exact: &["专精特新"], contains: &["专精特新"] },
    Rule { key: "high_tech_review_result", exact: &[], contains: &["高新+复核结果", "高新+复核情况", "高新+复审结果"] },
    Rule { key: "high_tech_review_on", exact: &[], contains: &["高新+复核", "高新+复审"] },
    Rule { key: "high_tech_until", exact: &[], contains: &["高新+有效期", "高新+到期"] },
    Rule { key: "high_tech_on", exact: &[], contains: &["高新+认定时间", "高新+认定日期", "高新+获评时间", "高新+认定年月", "高新+发证"] },
    Rule { key: "high_tech_year", exact: &[], contains: &["高新+年", "高新+时间"] },
    Rule { key: "high_tech", exact: &["高新", "高企", "国家高新"], contains: &["高新技术", "高新企业"] },
    Rule { key: "white_list", exact: &["白名单"], contains: &["白名单"] },
    Rule { key: "eco_positive_list", exact: &["正面清单"], contains: &["正面清单"] },
    // Before 是否入库 and 领跑者: 上市培育库入库时间 is a date, 领跑者批次 a year, not flags.
    Rule { key: "pool_entered_on", exact: &["入库时间", "入库日期", "入库年份", "入库年月", "纳入培育库时间"], contains: &["入库+时间", "入库+日期", "入库+年", "培育库+时间"] },
    Rule { key: "leader_batch", exact: &["领跑者批次"], contains: &["领跑者+批", "领跑者+年"] },
    Rule { key: "leader_level", exact: &["领跑者级别", "领跑者层级", "领跑者等级"], contains: &["领跑者+级别", "领跑者+层级", "领跑者+等级"] },
    Rule { key: "in_pool", exact: &["入库", "是否入库", "入库企业"], contains: &["培育库", "是否入库", "入库情况"] },
    Rule { key: "is_leader", exact: &["领跑者"], contains: &["领跑者"] },
    Rule { key: "tier", exact: &["梯队", "层级"], contains: &["梯队"] },
    Rule { key: "notes", exact: &["备注", "说明", "其他"], contains: &["备注"] },
    Rule {
        key: "data_year",
        exact: &["年度", "年份", "数据年度", "统计年度", "报表年度", "数据年份", "统计年份", "所属年度", "填报年度"],
        contains: &["数据年度", "统计年度", "报表年度", "数据年份", "统计年份", "数据所属年"],
    },
];

/// Headers naming industries in some counties' sheets and the clusters in others (主导产业:
/// “纺织业” or “清河羊绒”): matched to 所属行业, the column's values decide (`layout`).
const DECIDED_BY_VALUES: &[&str] = &["主导产业", "产业", "所属产业", "重点产业", "特色主导产业", "产业类别", "产业类型"];

/// Whether the header's field is decided by the column's values ([`DECIDED_BY_VALUES`]).
pub fn decided_by_values(text: &str) -> bool {
    DECIDED_BY_VALUES.contains(&header_core(text).as_str())
}

/// Strips the parts of a header that are not its name: spaces, a leading year, units and
/// hints in parentheses (“（万元）”, “（是/否）”, “（%）”), trailing “：”.
pub fn header_core(text: &str) -> String {
    let s = compact(text).to_uppercase();
    let mut out = String::new();
    let mut depth = 0;
    for ch in s.chars() {
        match ch {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(ch),
            _ => {}
        }
    }
    core_of(&out).to_string()
}

/// What [`header_core`] keeps of a header without parentheses, once compacted and upper-cased.
fn core_of(out: &str) -> &str {
    let out = strip_year_prefix(out);
    let out = out.trim_end_matches([':', '：', '*', '＊']).trim_start_matches(['*', '＊']);
    let out = out.strip_suffix("万元").or_else(|| out.strip_suffix("亿元")).or_else(|| out.strip_suffix("元")).unwrap_or(out);
    let out = out.strip_suffix('%').unwrap_or(out);
    out.strip_suffix("情况").filter(|s| s.chars().count() >= 2).unwrap_or(out)
}

/// The (core, raw) forms of a text that compacting, upper-casing and removing parentheses leave
/// as they are (a plain data cell: 临西县, an enterprise name without brackets), borrowed.
fn plain_forms(text: &str) -> Option<(&str, &str)> {
    let plain = matches!(compact_cow(text), std::borrow::Cow::Borrowed(_))
        && upper_case_already(text)
        && !text.contains(['(', '（', '[', '【', ')', '）', ']', '】']);
    plain.then(|| (core_of(text), text))
}

fn strip_year_prefix(s: &str) -> &str {
    if s.chars().take_while(|c| c.is_ascii_digit()).count() == 4 {
        let rest = &s[4..];
        return rest.strip_prefix("年度").or_else(|| rest.strip_prefix('年')).unwrap_or(rest);
    }
    s
}

/// The field a header names, if any, by exact form first and then by contained words.
pub fn match_field(text: &str) -> Option<&'static str> {
    if let Some((core, raw)) = plain_forms(text) {
        return match_forms(core, raw);
    }
    let core = header_core(text);
    // Parenthesised county forms like 县（市、区） are stripped to 县; keep the raw too.
    let raw = compact(text).to_uppercase();
    match_forms(&core, &raw)
}

fn match_forms(core: &str, raw: &str) -> Option<&'static str> {
    if core.is_empty() {
        return None;
    }
    RULES
        .iter()
        .find(|rule| rule.exact_hit(core, raw))
        .or_else(|| RULES.iter().find(|rule| rule.contains_hit(core, raw)))
        .map(|rule| rule.key)
}

impl Rule {
    fn exact_hit(&self, core: &str, raw: &str) -> bool {
        self.exact.iter().any(|e| *e == core || *e == raw)
    }
    fn contains_hit(&self, core: &str, raw: &str) -> bool {
        self.contains.iter().any(|alt| alt.split('+').all(|part| core.contains(part) || raw.contains(part)))
    }
}

/// Whether `text` names the field `key` (exactly as `match_field` decides). The field's own
/// rule is tried first: a data cell fails it at once, without trying every other rule; a plain
/// data cell is looked at in place, without copies.
pub fn names_field(text: &str, key: &str) -> bool {
    let own = |core: &str, raw: &str| RULES.iter().filter(|r| r.key == key).any(|r| r.exact_hit(core, raw) || r.contains_hit(core, raw));
    if let Some((core, raw)) = plain_forms(text) {
        return own(core, raw) && match_forms(core, raw) == Some(key);
    }
    let core = header_core(text);
    let raw = compact(text).to_uppercase();
    own(&core, &raw) && match_forms(&core, &raw) == Some(key)
}

/// A four-digit year (1990–2100) written in the header, e.g. “2022年营业收入”.
pub fn header_year(text: &str) -> Option<i64> {
    let s = compact(text);
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i + 4 <= chars.len() {
        let w: String = chars[i..i + 4].iter().collect();
        let before_digit = i > 0 && chars[i - 1].is_ascii_digit();
        let after_digit = chars.get(i + 4).is_some_and(|c| c.is_ascii_digit());
        if !before_digit && !after_digit {
            if let Ok(y) = w.parse::<i64>() {
                if (1990..=2100).contains(&y) {
                    return Some(y);
                }
            }
        }
        i += 1;
    }
    None
}

/// The factor that converts amounts written under this text to 万元, when it names a unit.
pub fn unit_factor(text: &str) -> Option<f64> {
    let s = compact(text);
    if s.contains("亿元") {
        Some(10000.0)
    } else if s.contains("万元") {
        Some(1.0)
    } else if s.contains("千元") {
        Some(0.1)
    } else if s.contains("(元)") || s.contains("（元）") || s.contains("单位:元") || s.contains("单位：元") || s.ends_with("元") {
        Some(0.0001)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_map_to_fields() {
        let cases = [
            ("企业名称", Some("name")),
            ("单位名称", Some("name")),
            ("公司\n名称", Some("name")),
            ("统一社会信用代码", Some("uscc")),
            ("社会信用代码", Some("uscc")),
            ("信用代码", Some("uscc")),
            ("县（市、区）", Some("county")),
            ("所在县区", Some("county")),
            ("属地", Some("county")),
            ("特色产业集群", Some("cluster")),
            ("所属集群", Some("cluster")),
            ("法定代表人", Some("legal_rep")),
            ("法人代表", Some("legal_rep")),
            ("联系人", Some("contact")),
            ("联系电话", Some("phone")),
            ("联系人电话", Some("phone")),
            ("注册资本（万元）", Some("registered_capital_wan")),
            ("2022年营业收入（万元）", Some("revenue_wan")),
            ("营业收入", Some("revenue_wan")),
            ("主营业务收入(元)", Some("revenue_wan")),
            ("利润总额", Some("profit_wan")),
            ("净利润", Some("profit_wan")),
            ("研发投入（万元）", Some("rd_expense_wan")),
            ("研发费用", Some("rd_expense_wan")),
            ("研发投入占比（%）", Some("rd_ratio_pct")),
            ("研发投入占营业收入比重", Some("rd_ratio_pct")),
            ("研发强度", Some("rd_ratio_pct")),
            ("发明专利数（件）", Some("invention_patents")),
            ("有效发明专利", Some("invention_patents")),
            ("拟上市板块", Some("target_board")),
            ("上市进展", Some("listing_stage")),
            ("上市进度", Some("listing_stage")),
            ("是否专精特新", Some("specialized")),
            ("专精特新中小企业（是/否）", Some("specialized")),
            ("专精特新认定年份", Some("specialized_year")),
            ("专精特新认定时间", Some("specialized_on")),
            ("高新技术企业有效期", Some("high_tech_until")),
            ("高新技术企业有效期至", Some("high_tech_until")),
            ("小巨人复核时间", Some("little_giant_review_on")),
            ("专精特新复核结果", Some("specialized_review_result")),
            ("创新型中小企业认定时间", Some("innovative_sme_on")),
            ("“小巨人”认定年份", Some("little_giant_year")),
            ("国家级专精特新“小巨人”", Some("little_giant")),
            ("高新技术企业", Some("high_tech")),
            ("序号", Some("seq")),
            ("备注", Some("notes")),
            ("主营业务", Some("main_business")),
            ("注册地址", Some("address")),
            ("成立时间", Some("founded")),
            ("股改完成时间", Some("reform_date")),
            ("股改时间", Some("reform_date")),
            ("完成股改时间", Some("reform_date")),
            ("股份制改造完成时间", Some("reform_date")),
            ("上市时间", Some("listed_date")),
            ("上市日期", Some("listed_date")),
            ("拟上市时间", None),
            ("是否入库", Some("in_pool")),
            ("入库时间", Some("pool_entered_on")),
            ("上市培育库入库时间", Some("pool_entered_on")),
            ("领跑者批次", Some("leader_batch")),
            ("“领跑者”企业批次", Some("leader_batch")),
            ("领跑者级别（省级/市级）", Some("leader_level")),
            ("是否“领跑者”企业", Some("is_leader")),
            ("纳税额", Some("tax_wan")),
            // 上市后备企业信息统计表
            ("目前上市进程", Some("listing_stage")),
            ("上市进程", Some("listing_stage")),
            ("上市进展情况", Some("listing_stage")),
            ("拟上市地点", Some("target_board")),
            ("拟上市市场", Some("target_board")),
            ("主导产品", Some("main_business")),
            ("主导产业", Some("industry")),
            ("特色产业", Some("cluster")),
            // 专精特新申报汇总表
            ("所属行业（细分领域）", Some("industry")),
            ("细分领域", Some("industry")),
            ("所在地区", Some("county")),
            ("研发费用占营业收入比重（%）", Some("rd_ratio_pct")),
            // 规上工业企业名录
            ("单位详细名称", Some("name")),
            ("行业类别", Some("industry")),
            ("行业名称", Some("industry")),
            ("单位负责人", Some("legal_rep")),
            ("详细地址", Some("address")),
            // 高新技术企业名单
            ("所属技术领域", Some("industry")),
            ("证书编号", None),
            // kept as extra attributes: no field holds them
            ("企业规模", None),
            ("行业代码", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(match_field(text), want, "{text}");
        }
    }

    #[test]
    fn years_and_units_from_headers() {
        let cases = [
            ("2022年营业收入（万元）", Some(2022), Some(1.0)),
            ("营业收入(元)", None, Some(0.0001)),
            ("2021年度利润总额", Some(2021), None),
            ("2022年主要经济指标（万元）", Some(2022), Some(1.0)),
            ("营收（亿元）", None, Some(10000.0)),
            ("联系电话", None, None),
            ("统一社会信用代码", None, None),
        ];
        for (text, year, unit) in cases {
            assert_eq!(header_year(text), year, "{text}");
            assert_eq!(unit_factor(text), unit, "{text}");
        }
    }
}
