//! The WHERE clause of the enterprise list: free text, county and cluster, qualifications (with the
//! year obtained), the lists (入库, 领跑者 with batch and level, 白名单, 正面清单), 上市进度, 拟上市板块,
//! 梯队, figure ranges for a year, missing figures and a missing or wrong 统一社会信用代码; every given
//! filter must hold. A qualification with a year means a certificate valid in that year.
use super::EnterpriseQuery;
use crate::enterprise::vocab;
use crate::error::{CoreError, Result};
use crate::store::filter::{given, like_escape, Filter};
use rusqlite::types::Value;

/// What the filters write for “not filled in” (上市进度, 拟上市板块, 梯队).
pub const NOT_FILLED: &str = "未填";

/// The qualifications a filter or a batch edit names: (column, Chinese name).
pub const QUALIFICATIONS: &[(&str, &str)] =
    &[("specialized", "专精特新"), ("little_giant", "小巨人"), ("high_tech", "高新技术企业"), ("innovative_sme", "创新型中小企业")];

/// The column of a qualification named by its column or its Chinese name (专精特新, “小巨人”, 高新, 创新型 …).
pub fn qualification(text: &str) -> Result<&'static str> {
    let t = text.trim();
    let col = match t {
        _ if QUALIFICATIONS.iter().any(|(c, _)| *c == t) => QUALIFICATIONS.iter().find(|(c, _)| *c == t).map(|(c, _)| *c),
        _ if t.contains("小巨人") => Some("little_giant"),
        _ if t.contains("专精特新") => Some("specialized"),
        _ if t.contains("高新") || t == "高企" => Some("high_tech"),
        _ if t.contains("创新型") => Some("innovative_sme"),
        _ => None,
    };
    col.ok_or_else(|| {
        let names: Vec<&str> = QUALIFICATIONS.iter().map(|(_, n)| *n).collect();
        CoreError::Invalid(format!("资质“{t}”无法识别，可选：{}", names.join("、")))
    })
}

fn flag(f: &mut Filter, column: &str, wanted: Option<bool>) {
    match wanted {
        Some(true) => f.add(&format!("e.{column} = 1"), []),
        Some(false) => f.add(&format!("coalesce(e.{column}, 0) != 1"), []),
        None => {}
    }
}

/// `column IN (…)` over the values in their one form (`NOT_FILLED` for none).
fn any_of(f: &mut Filter, column: &str, what: &str, values: &Option<Vec<String>>, canonical: impl Fn(&str) -> Option<&'static str>, choices: &[&str]) -> Result<()> {
    let values: Vec<&str> = values.iter().flatten().map(|v| v.trim()).filter(|v| !v.is_empty()).collect();
    if values.is_empty() {
        return Ok(());
    }
    let mut parts = Vec::new();
    let mut params = Vec::new();
    for v in values {
        if v == NOT_FILLED {
            parts.push(format!("e.{column} IS NULL"));
        } else {
            let c = canonical(v).ok_or_else(|| CoreError::Invalid(format!("{what}“{v}”无法识别，可选：{}", choices.join("、"))))?;
            parts.push(format!("e.{column} = ?"));
            params.push(Value::Text(c.to_string()));
        }
    }
    f.add(&format!("({})", parts.join(" OR ")), params);
    Ok(())
}

/// A figure of the year asked (or each enterprise's latest year) compared with a bound.
fn figure_bound(f: &mut Filter, column: &str, op: &str, bound: Option<f64>, year: Option<i64>) {
    let Some(b) = bound else { return };
    f.add(
        &format!(
            "EXISTS (SELECT 1 FROM enterprise_figures f WHERE f.enterprise_id = e.id
               AND f.year = coalesce(?, (SELECT max(g.year) FROM enterprise_figures g WHERE g.enterprise_id = e.id))
               AND f.{column} {op} ?)"
        ),
        [year.map_or(Value::Null, Value::Integer), Value::Real(b)],
    );
}

/// The filter of a query, or why a value cannot be a filter.
pub(crate) fn filter(conn: &rusqlite::Connection, q: &EnterpriseQuery) -> Result<Filter> {
    let mut f = Filter::default();
    if let Some(s) = given(&q.search) {
        let prefix = like_escape(&s.to_uppercase());
        f.add("(instr(e.name, ?) > 0 OR e.uscc LIKE ? ESCAPE '\\')", [Value::Text(s.to_string()), Value::Text(format!("{prefix}%"))]);
    }
    f.text("e.county = ?", given(&q.county));
    f.text("e.cluster = ?", given(&q.cluster));
    for name in q.qualifications.iter().flatten().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        let kind = crate::qualifications::resolve_kind(conn, name)?.name;
        let kind = kind.as_str();
        let kind_sql = "q.kind = ?";
        let kind_params = [Value::Text(kind.into())];
        match q.qualification_year {
            // valid in that year (see crate::qualifications: the rule of validity)
            Some(y) => {
                let day = crate::qualifications::reference_day(y, crate::qualifications::today()).format("%Y-%m-%d").to_string();
                // an ISO date we made: safe as a literal
                let valid = crate::qualifications::valid_sql("q", &format!("'{day}'"));
                f.add(&format!("EXISTS (SELECT 1 FROM qualifications q WHERE q.enterprise_id = e.id AND {kind_sql} AND {valid})"), kind_params);
            }
            None => f.add(&format!("EXISTS (SELECT 1 FROM qualifications q WHERE q.enterprise_id = e.id AND {kind_sql} AND {})", crate::qualifications::LIVE_SQL), kind_params),
        }
    }
    flag(&mut f, "in_pool", q.in_pool);
    flag(&mut f, "is_leader", q.leader);
    flag(&mut f, "white_list", q.white_list);
    flag(&mut f, "eco_positive_list", q.eco_positive);
    if let Some(y) = q.leader_batch {
        f.add("e.is_leader = 1 AND e.leader_batch = ?", [Value::Integer(y)]);
    }
    if let Some(l) = given(&q.leader_level) {
        let level = crate::pool::leader_level(l)
            .ok_or_else(|| CoreError::Invalid(format!("“领跑者”级别“{l}”无法识别，可选：{}", crate::pool::LEADER_LEVELS.join("、"))))?;
        f.add("e.is_leader = 1 AND e.leader_level = ?", [Value::Text(level.into())]);
    }
    any_of(&mut f, "listing_stage", "上市进度", &q.stages, vocab::stage, vocab::STAGES)?;
    any_of(&mut f, "target_board", "拟上市板块", &q.boards, vocab::board, vocab::BOARDS)?;
    match given(&q.tier) {
        Some(NOT_FILLED) => f.add("e.tier IS NULL", []),
        t => f.text("e.tier = ?", t),
    }
    figure_bound(&mut f, "revenue_wan", ">=", q.revenue_min, q.figures_year);
    figure_bound(&mut f, "revenue_wan", "<=", q.revenue_max, q.figures_year);
    figure_bound(&mut f, "rd_ratio_pct", ">=", q.rd_ratio_min, q.figures_year);
    figure_bound(&mut f, "rd_ratio_pct", "<=", q.rd_ratio_max, q.figures_year);
    if let Some(y) = q.missing_figures {
        f.add(
            "NOT EXISTS (SELECT 1 FROM enterprise_figures f WHERE f.enterprise_id = e.id AND f.year = ?
               AND (f.revenue_wan IS NOT NULL OR f.profit_wan IS NOT NULL OR f.tax_wan IS NOT NULL OR f.rd_expense_wan IS NOT NULL
                    OR f.rd_ratio_pct IS NOT NULL OR f.invention_patents IS NOT NULL))",
            [Value::Integer(y)],
        );
    }
    if q.missing_uscc == Some(true) {
        f.add(&format!("NOT coalesce({}, 0)", crate::enterprise::uscc::sql_valid("e.uscc")), []);
    }
    Ok(f)
}
