//! 入库 n / 30: how many enterprises are in the 上市培育库 now against the work plan's number,
//! which is read from the current plan's measure (“遴选30家……纳入上市培育库”).
use crate::error::Result;
use crate::store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The 2022 plan's number of 入库企业 (措施 1.1 “遴选30家有上市意愿的企业纳入上市培育库”), used when
/// the current plan's measures do not name one.
pub const PLAN_POOL_TARGET: i64 = 30;

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct PoolCount {
    #[ts(type = "number")]
    pub in_pool: i64,
    #[ts(type = "number")]
    pub target: i64,
    /// Where the target comes from, as people read it.
    pub basis: String,
    /// The other lists' counts: “领跑者”企业, 白名单, 正面清单.
    #[ts(type = "number")]
    pub leaders: i64,
    #[ts(type = "number")]
    pub white_list: i64,
    #[ts(type = "number")]
    pub eco_positive: i64,
}

/// The number written before “家” ahead of “纳入上市培育库” in a measure's text.
pub fn target_in(text: &str) -> Option<i64> {
    let at = text.find("纳入上市培育库")?;
    let before = &text[..at];
    let jia = before.rfind('家')?;
    let digits: String = before[..jia].chars().rev().take_while(|c| c.is_ascii_digit()).collect();
    digits.chars().rev().collect::<String>().parse().ok().filter(|n| *n > 0)
}

fn plan_target(store: &Store) -> Result<Option<(i64, String)>> {
    let plan = crate::work_plans::current_plan_id(store)?;
    let mut stmt = store.conn.prepare_cached(
        "SELECT action_no, measure_no, content FROM tasks WHERE plan_id = ?1 AND instr(content, '纳入上市培育库') > 0 ORDER BY seq",
    )?;
    let rows = stmt.query_map([plan], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?)))?;
    for row in rows {
        let (a, m, content) = row?;
        if let Some(n) = target_in(&content) {
            return Ok(Some((n, format!("工作方案措施 {a}.{m}：纳入上市培育库 {n} 家"))));
        }
    }
    Ok(None)
}

pub fn pool_count(store: &Store) -> Result<PoolCount> {
    let (in_pool, leaders, white_list, eco_positive) = store.conn.query_row(
        "SELECT count(*) FILTER (WHERE in_pool = 1), count(*) FILTER (WHERE is_leader = 1),
                count(*) FILTER (WHERE white_list = 1), count(*) FILTER (WHERE eco_positive_list = 1) FROM enterprises",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let (target, basis) = plan_target(store)?
        .unwrap_or_else(|| (PLAN_POOL_TARGET, format!("工作方案：纳入上市培育库 {PLAN_POOL_TARGET} 家")));
    Ok(PoolCount { in_pool, target, basis, leaders, white_list, eco_positive })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_names_thirty_and_the_count_follows_the_flags() {
        assert_eq!(target_in("分梯队遴选30家有上市意愿的企业纳入上市培育库（入库企业）"), Some(30));
        assert_eq!(target_in("推动入库企业开展股份制改造"), None);
        let s = Store::open_in_memory().unwrap();
        let c = pool_count(&s).unwrap();
        assert_eq!((c.in_pool, c.target), (0, 30));
        assert!(c.basis.contains("1.1"), "{}", c.basis);
        s.conn.execute_batch(
            "INSERT INTO enterprises(uscc, name, in_pool, is_leader, created_at, updated_at) VALUES ('A', '甲', 1, 1, '', ''), ('B', '乙', 0, NULL, '', '');",
        ).unwrap();
        let c = pool_count(&s).unwrap();
        assert_eq!((c.in_pool, c.leaders, c.white_list), (1, 1, 0));
    }
}
