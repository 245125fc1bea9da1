//! Controlled vocabularies: county names to the official list (aliases, old names, 邢台市
//! prefixes, （本级）), target boards and listing stages from their many spellings.
use crate::sheet::text::compact;

/// The official county list with aliases, as stored in the `counties` table.
#[derive(Debug, Clone, Default)]
pub struct Counties {
    entries: Vec<(String, Vec<String>)>,
}

impl Counties {
    #[cfg(test)]
    pub fn new(entries: Vec<(String, Vec<String>)>) -> Counties {
        Counties { entries }
    }

    pub fn load(store: &crate::Store) -> crate::Result<Counties> {
        let mut stmt = store.conn.prepare_cached("SELECT name, aliases FROM counties ORDER BY sort")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut entries = Vec::new();
        for row in rows {
            let (name, aliases) = row?;
            entries.push((name, serde_json::from_str(&aliases).unwrap_or_default()));
        }
        Ok(Counties { entries })
    }

    /// The names and aliases as one text: reading a sheet depends on them.
    pub fn signature(&self) -> String {
        format!("{:?}", self.entries)
    }

    /// The official name of a county as written in a cell, if it is one.
    pub fn resolve(&self, raw: &str) -> Option<String> {
        let mut s = compact(raw);
        for junk in ["（本级）", "(本级)", "本级", "（县本级）", "(县本级)"] {
            s = s.replace(junk, "");
        }
        if let Some(hit) = self.lookup(&s) {
            return Some(hit);
        }
        for prefix in ["河北省", "邢台市", "邢台"] {
            if let Some(rest) = s.strip_prefix(prefix).filter(|r| !r.is_empty()) {
                s = rest.to_string();
                if let Some(hit) = self.lookup(&s) {
                    return Some(hit);
                }
            }
        }
        None
    }

    fn lookup(&self, s: &str) -> Option<String> {
        if s.is_empty() {
            return None;
        }
        for (name, aliases) in &self.entries {
            if name == s || aliases.iter().any(|a| a == s) {
                return Some(name.clone());
            }
        }
        if s.contains("开发区") && !s.contains("新区") {
            return self.entries.iter().find(|(n, _)| n.contains("开发区")).map(|(n, _)| n.clone());
        }
        None
    }

    /// The first official county named inside a longer text (a title, a file name).
    pub fn find_in(&self, text: &str) -> Option<String> {
        let s = compact(text);
        let mut best: Option<(usize, String)> = None;
        for (name, aliases) in &self.entries {
            for form in std::iter::once(name).chain(aliases.iter()) {
                if form.chars().count() < 2 {
                    continue;
                }
                if let Some(pos) = s.find(form.as_str()) {
                    // Prefer the earliest, then the longest spelling at that place.
                    let better = match &best {
                        None => true,
                        Some((p, _)) => pos < *p,
                    };
                    if better {
                        best = Some((pos, name.clone()));
                    }
                }
            }
        }
        best.map(|(_, n)| n)
    }
}

/// Canonical target boards.
pub const BOARDS: &[&str] = &["上交所主板", "上交所科创板", "深交所主板", "深交所创业板", "北交所", "新三板创新层", "新三板基础层", "境外"];

/// Canonical listing stages, in order.
pub const STAGES: &[&str] = &["未启动", "股改中", "已股改", "辅导备案", "辅导验收", "已申报", "审核问询", "已过会", "已注册", "已上市"];

/// A target board from its spellings (科创板, 上海证券交易所科创板, 香港联交所, 北京证券交易所 …).
pub fn board(raw: &str) -> Option<&'static str> {
    let s = compact(raw).to_uppercase().replace(['“', '”', '"'], "");
    if s.is_empty() {
        return None;
    }
    if let Some(b) = BOARDS.iter().find(|b| **b == s) {
        return Some(b);
    }
    let shanghai = s.contains("上交所") || s.contains("上海") || s.contains("沪");
    let shenzhen = s.contains("深交所") || s.contains("深圳") || s.contains("深市");
    let b = if s.contains("科创") {
        "上交所科创板"
    } else if s.contains("创业板") {
        "深交所创业板"
    } else if s.contains("北交所") || s.contains("北京证券") || s.contains("北证") {
        "北交所"
    } else if s.contains("新三板") || s.contains("全国中小企业股份转让") || s.contains("股转") {
        if s.contains("基础") { "新三板基础层" } else { "新三板创新层" }
    } else if s.contains("港") || s.contains("境外") || s.contains("海外") || s.contains("纳斯达克") || s.contains("纽交所") || s.contains("美股") || s.contains("新加坡") || s.contains("H股") {
        "境外"
    } else if shanghai && !shenzhen {
        "上交所主板"
    } else if (shenzhen && !shanghai) || s.contains("中小板") {
        "深交所主板"
    } else {
        return None;
    };
    Some(b)
}

/// A listing stage from its spellings (已完成股改, 股改进行中, 辅导备案中, 已受理 …).
pub fn stage(raw: &str) -> Option<&'static str> {
    let s = compact(raw).replace(['（', '）', '(', ')'], "");
    if s.is_empty() {
        return None;
    }
    if let Some(st) = STAGES.iter().find(|st| **st == s) {
        return Some(st);
    }
    let st = if s.contains("已上市") || s == "上市" || s.contains("挂牌交易") || s.contains("成功上市") {
        "已上市"
    } else if s.contains("注册") && !s.contains("注册资本") {
        "已注册"
    } else if s.contains("过会") || s.contains("审核通过") || s.contains("上市委") {
        "已过会"
    } else if s.contains("问询") || s.contains("审核中") {
        "审核问询"
    } else if s.contains("申报") || s.contains("受理") || s.contains("递表") || s.contains("报送材料") {
        "已申报"
    } else if s.contains("验收") {
        "辅导验收"
    } else if s.contains("辅导") {
        "辅导备案"
    } else if s.contains("股改") || s.contains("股份制改造") || s.contains("改制") {
        if s.contains("已完成") || s.contains("已股") || s.contains("完成股") || s.starts_with("已") {
            "已股改"
        } else {
            "股改中"
        }
    } else if s.contains("未启动") || s.contains("未开始") || s.contains("尚未") || s.contains("筹备") || s.contains("培育") || s == "无" {
        "未启动"
    } else {
        return None;
    };
    Some(st)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counties() -> Counties {
        let seed = crate::store::seed::county_seed();
        Counties::new(seed.counties.into_iter().map(|c| (c.name, c.aliases)).collect())
    }

    #[test]
    fn county_variants() {
        let c = counties();
        let cases = [
            ("清河", Some("清河县")),
            ("邢台市清河县", Some("清河县")),
            ("清河县（本级）", Some("清河县")),
            ("威 县", Some("威县")),
            ("邢台市威县", Some("威县")),
            ("任县", Some("任泽区")),
            ("南和县", Some("南和区")),
            ("桥东区", Some("襄都区")),
            ("桥西区", Some("信都区")),
            ("邢台经济技术开发区", Some("邢台经济开发区")),
            ("经开区", Some("邢台经济开发区")),
            ("邢台市经济开发区", Some("邢台经济开发区")),
            ("河北省邢台市宁晋县", Some("宁晋县")),
            ("邢东新区", Some("邢东新区")),
            ("石家庄", None),
        ];
        for (raw, want) in cases {
            assert_eq!(c.resolve(raw).as_deref(), want, "{raw}");
        }
        assert_eq!(c.find_in("附件2：隆尧县领跑者企业名单.xlsx").as_deref(), Some("隆尧县"));
        assert_eq!(c.find_in("2022年临西县上市培育企业名单").as_deref(), Some("临西县"));
        assert_eq!(c.find_in("企业名单"), None);
    }

    #[test]
    fn board_and_stage_synonyms() {
        let boards = [
            ("科创板", Some("上交所科创板")),
            ("上海证券交易所科创板", Some("上交所科创板")),
            ("上交所主板", Some("上交所主板")),
            ("深圳证券交易所主板", Some("深交所主板")),
            ("创业板", Some("深交所创业板")),
            ("北京证券交易所", Some("北交所")),
            ("香港联交所", Some("境外")),
            ("港股", Some("境外")),
            ("新三板", Some("新三板创新层")),
            ("", None),
            ("待定", None),
        ];
        for (raw, want) in boards {
            assert_eq!(board(raw), want, "{raw}");
        }
        let stages = [
            ("已完成股改", Some("已股改")),
            ("股改进行中", Some("股改中")),
            ("已股改", Some("已股改")),
            ("辅导备案中", Some("辅导备案")),
            ("已申报（受理）", Some("已申报")),
            ("已受理", Some("已申报")),
            ("已过会", Some("已过会")),
            ("注册生效", Some("已注册")),
            ("未启动", Some("未启动")),
            ("辅导验收", Some("辅导验收")),
            ("审核问询", Some("审核问询")),
            ("随便", None),
        ];
        for (raw, want) in stages {
            assert_eq!(stage(raw), want, "{raw}");
        }
    }
}
