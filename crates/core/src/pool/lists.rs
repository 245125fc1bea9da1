//! The four lists an enterprise can be on (上市培育库, “领跑者”企业, 白名单, 正面清单): their names,
//! the flag column that holds the current membership, and the words people write for them.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ListKind {
    /// 上市培育库 (the plan's 30 入库企业)
    Pool,
    /// “领跑者”企业, recognised in yearly batches (省级/市级)
    Leader,
    /// 产业链供应链白名单
    WhiteList,
    /// 生态环境监管正面清单
    EcoPositive,
}

pub const LISTS: [ListKind; 4] = [ListKind::Pool, ListKind::Leader, ListKind::WhiteList, ListKind::EcoPositive];

/// The levels a 领跑者 recognition has.
pub const LEADER_LEVELS: &[&str] = &["省级", "市级"];

impl ListKind {
    /// The value of `list_memberships.list`.
    pub fn key(self) -> &'static str {
        match self {
            ListKind::Pool => "pool",
            ListKind::Leader => "leader",
            ListKind::WhiteList => "white_list",
            ListKind::EcoPositive => "eco_positive",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ListKind::Pool => "上市培育库",
            ListKind::Leader => "“领跑者”企业",
            ListKind::WhiteList => "产业链供应链白名单",
            ListKind::EcoPositive => "生态环境监管正面清单",
        }
    }

    /// The column of `enterprises` that says whether it is on the list now.
    pub fn flag(self) -> &'static str {
        match self {
            ListKind::Pool => "in_pool",
            ListKind::Leader => "is_leader",
            ListKind::WhiteList => "white_list",
            ListKind::EcoPositive => "eco_positive_list",
        }
    }

    /// What joining and leaving are called (纳入/移出上市培育库, 认定/调出“领跑者”).
    pub fn verbs(self) -> (&'static str, &'static str) {
        match self {
            ListKind::Pool => ("纳入上市培育库", "移出上市培育库"),
            ListKind::Leader => ("认定为“领跑者”企业", "调出“领跑者”企业名单"),
            ListKind::WhiteList => ("列入白名单", "移出白名单"),
            ListKind::EcoPositive => ("列入正面清单", "移出正面清单"),
        }
    }

    pub fn from_key(key: &str) -> Option<ListKind> {
        LISTS.into_iter().find(|l| l.key() == key)
    }

    /// A list named by its key, its flag column or its Chinese name (入库, 培育库, 领跑者, 白名单 …).
    pub fn parse(text: &str) -> Option<ListKind> {
        let t = text.trim();
        if let Some(l) = LISTS.into_iter().find(|l| l.key() == t || l.flag() == t || l.label() == t) {
            return Some(l);
        }
        match t {
            _ if t.contains("培育库") || t.contains("入库") => Some(ListKind::Pool),
            _ if t.contains("领跑者") || t == "leader" => Some(ListKind::Leader),
            _ if t.contains("白名单") => Some(ListKind::WhiteList),
            _ if t.contains("正面清单") || t == "eco_positive" => Some(ListKind::EcoPositive),
            _ => None,
        }
    }
}

/// A 领跑者 level as written (省级, 省, 河北省级; 市级, 市, 邢台市级) in its one form.
pub fn leader_level(text: &str) -> Option<&'static str> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.contains('省') {
        Some("省级")
    } else if t.contains('市') {
        Some("市级")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_by_any_name_and_levels() {
        for (text, want) in [
            ("in_pool", Some(ListKind::Pool)),
            ("上市培育库", Some(ListKind::Pool)),
            ("入库", Some(ListKind::Pool)),
            ("is_leader", Some(ListKind::Leader)),
            ("领跑者", Some(ListKind::Leader)),
            ("white_list", Some(ListKind::WhiteList)),
            ("白名单", Some(ListKind::WhiteList)),
            ("eco_positive_list", Some(ListKind::EcoPositive)),
            ("正面清单", Some(ListKind::EcoPositive)),
            ("小巨人", None),
        ] {
            assert_eq!(ListKind::parse(text), want, "{text}");
        }
        assert_eq!(leader_level(" 省级 "), Some("省级"));
        assert_eq!(leader_level("邢台市级"), Some("市级"));
        assert_eq!(leader_level("国家级"), None);
        assert!(LISTS.iter().all(|l| ListKind::from_key(l.key()) == Some(*l)));
    }
}
