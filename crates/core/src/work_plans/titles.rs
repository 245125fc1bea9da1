//! The titles of a plan's documents, taken from the plan's own title: 《邢台市特色产业集群“领跑者”
//! 企业培育工作方案》 → 邢台市特色产业集群“领跑者”企业培育任务分工表, 清河县特色产业集群…任务分工表.

/// The plan's title without its trailing 工作方案 / 实施方案 / 方案.
pub fn stem(title: &str) -> &str {
    let t = title.trim().trim_start_matches('《').trim_end_matches('》');
    for suffix in ["工作方案", "实施方案", "行动方案", "方案"] {
        if let Some(s) = t.strip_suffix(suffix) {
            return s;
        }
    }
    t
}

/// A document of the plan (`what`: 任务分工表, 任务进展情况汇总表 …), for the city or for a county
/// (the city's name at the start of the title becomes the county's).
pub fn document_title(plan_title: &str, county: Option<&str>, what: &str) -> String {
    let stem = stem(plan_title);
    match county {
        None => format!("{stem}{what}"),
        Some(county) => {
            let rest = match stem.find('市') {
                Some(i) if i <= 9 => &stem[i + '市'.len_utf8()..],
                _ => stem,
            };
            format!("{county}{rest}{what}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_follow_the_plan() {
        let xingtai = "邢台市特色产业集群“领跑者”企业培育工作方案";
        assert_eq!(document_title(xingtai, None, "任务分工表"), "邢台市特色产业集群“领跑者”企业培育任务分工表");
        assert_eq!(document_title(xingtai, Some("清河县"), "任务分工表"), "清河县特色产业集群“领跑者”企业培育任务分工表");
        let handan = "《邯郸市“领跑者”企业培育行动方案（2023—2027年）》";
        assert_eq!(stem(handan), "邯郸市“领跑者”企业培育行动方案（2023—2027年）");
        assert_eq!(document_title("邯郸市领跑者企业培育行动方案", Some("馆陶县"), "任务分工表"), "馆陶县领跑者企业培育任务分工表");
    }
}
