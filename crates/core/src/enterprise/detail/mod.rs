//! One enterprise on its own page: every field, qualifications, yearly figures, extra attributes
//! and its change history from the audit log; create, edit (validated, USCC check digit included)
//! and delete, each in one transaction with every changed field audited.
mod history;

pub use history::*;
use crate::audit;
use crate::enterprise::fields;
use crate::enterprise::snapshot::to_sql as sql_of;
use crate::enterprise::uscc;
use crate::enterprise::vocab::{self, Counties};
use crate::error::{CoreError, Result};
use crate::store::{now_text, Store};
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use ts_rs::TS;

/// The audit `source` of changes made by hand (page or command line), as opposed to 导入#N.
pub const MANUAL_SOURCE: &str = "手工录入";

/// The figures of one year (万元, %, 件).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct YearFigures {
    pub year: i64,
    pub revenue_wan: Option<f64>,
    pub profit_wan: Option<f64>,
    pub tax_wan: Option<f64>,
    pub rd_expense_wan: Option<f64>,
    pub rd_ratio_pct: Option<f64>,
    pub invention_patents: Option<i64>,
}

/// Everything about an enterprise that a person can enter or change.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
#[serde(default)]
pub struct EnterpriseData {
    pub uscc: String,
    pub name: String,
    pub county: Option<String>,
    pub cluster: Option<String>,
    pub industry: Option<String>,
    pub main_business: Option<String>,
    pub legal_rep: Option<String>,
    pub contact: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    /// ISO date (2012-08-01) or month (2012-08).
    pub founded: Option<String>,
    pub registered_capital_wan: Option<f64>,
    pub tier: Option<String>,
    pub in_pool: Option<bool>,
    /// 入库时间 of the current 上市培育库 membership: ISO date, month or year.
    pub pool_entered_on: Option<String>,
    pub is_leader: Option<bool>,
    /// 领跑者级别 of the current recognition: 省级 / 市级.
    pub leader_level: Option<String>,
    /// 领跑者批次: the year of the batch that recognised it.
    pub leader_batch: Option<i64>,
    pub target_board: Option<String>,
    pub listing_stage: Option<String>,
    /// 股改完成时间: ISO year (2025), month (2025-06) or date.
    pub reform_date: Option<String>,
    /// 上市时间 (the board is `target_board`): same forms.
    pub listed_date: Option<String>,
    pub specialized: Option<bool>,
    pub specialized_year: Option<i64>,
    /// 认定时间, 有效期至, 复核时间 (ISO date, month or year) and 复核结果 of the latest live certificate:
    /// a summary the 资质认定 records keep (writing it changes the latest certificate).
    pub specialized_on: Option<String>,
    pub specialized_until: Option<String>,
    pub specialized_review_on: Option<String>,
    pub specialized_review_result: Option<String>,
    pub little_giant: Option<bool>,
    pub little_giant_year: Option<i64>,
    pub little_giant_on: Option<String>,
    pub little_giant_until: Option<String>,
    pub little_giant_review_on: Option<String>,
    pub little_giant_review_result: Option<String>,
    pub high_tech: Option<bool>,
    pub high_tech_year: Option<i64>,
    pub high_tech_on: Option<String>,
    pub high_tech_until: Option<String>,
    pub high_tech_review_on: Option<String>,
    pub high_tech_review_result: Option<String>,
    pub innovative_sme: Option<bool>,
    pub innovative_sme_year: Option<i64>,
    pub innovative_sme_on: Option<String>,
    pub innovative_sme_until: Option<String>,
    pub innovative_sme_review_on: Option<String>,
    pub innovative_sme_review_result: Option<String>,
    pub white_list: Option<bool>,
    pub eco_positive_list: Option<bool>,
    pub notes: Option<String>,
    /// Columns of county sheets that have no field, by header text.
    pub extra: BTreeMap<String, String>,
    /// Yearly figures, oldest year first.
    pub figures: Vec<YearFigures>,
}

/// An enterprise as the detail page shows it.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct EnterpriseDetail {
    pub id: i64,
    pub data: EnterpriseData,
    pub created_at: String,
    pub updated_at: String,
}

/// The live check of a USCC typed into the form.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct UsccCheck {
    pub normalized: String,
    pub valid: bool,
    /// Why it cannot be saved (length, charset, check digit, already used).
    pub error: Option<String>,
    /// A doubt that does not stop saving (inner organization code check).
    pub warning: Option<String>,
}

/// Choices of the form's controlled lists.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct EnterpriseChoices {
    pub boards: Vec<String>,
    pub stages: Vec<String>,
}

pub fn choices() -> EnterpriseChoices {
    EnterpriseChoices {
        boards: vocab::BOARDS.iter().map(|s| s.to_string()).collect(),
        stages: vocab::STAGES.iter().map(|s| s.to_string()).collect(),
    }
}

/// Columns of `enterprises` edited here (all but id, extra and timestamps), flags marked.
const COLUMNS: &[(&str, bool)] = &[
    ("uscc", false), ("name", false), ("county", false), ("cluster", false), ("industry", false),
    ("main_business", false), ("legal_rep", false), ("contact", false), ("phone", false), ("address", false),
    ("founded", false), ("registered_capital_wan", false), ("tier", false), ("in_pool", true), ("pool_entered_on", false),
    ("is_leader", true), ("leader_level", false), ("leader_batch", false),
    ("target_board", false), ("listing_stage", false), ("reform_date", false), ("listed_date", false), ("specialized", true), ("specialized_year", false), ("specialized_on", false), ("specialized_until", false), ("specialized_review_on", false), ("specialized_review_result", false),
    ("little_giant", true), ("little_giant_year", false), ("little_giant_on", false), ("little_giant_until", false), ("little_giant_review_on", false), ("little_giant_review_result", false), ("high_tech", true), ("high_tech_year", false), ("high_tech_on", false), ("high_tech_until", false), ("high_tech_review_on", false), ("high_tech_review_result", false),
    ("innovative_sme", true), ("innovative_sme_year", false), ("innovative_sme_on", false), ("innovative_sme_until", false), ("innovative_sme_review_on", false), ("innovative_sme_review_result", false), ("white_list", true), ("eco_positive_list", true),
    ("notes", false),
];
const FIGURE_COLUMNS: &[&str] = &["revenue_wan", "profit_wan", "tax_wan", "rd_expense_wan", "rd_ratio_pct", "invention_patents"];

fn json_of(v: SqlValue, flag: bool) -> Json {
    match v {
        SqlValue::Null => Json::Null,
        SqlValue::Integer(i) if flag => Json::Bool(i != 0),
        SqlValue::Integer(i) => Json::from(i),
        SqlValue::Real(r) => serde_json::Number::from_f64(r).map(Json::Number).unwrap_or(Json::Null),
        SqlValue::Text(t) => Json::String(t),
        SqlValue::Blob(_) => Json::Null,
    }
}

/// A stored value as the audit log and history show it (是/否, plain numbers).
fn display(v: &Json) -> Option<String> {
    crate::enterprise::snapshot::display_json(v, false)
}

fn not_found(id: i64) -> CoreError {
    CoreError::NotFound(format!("没有编号为 {id} 的企业，可能已被删除"))
}

fn load(conn: &Connection, id: i64) -> Result<Option<EnterpriseDetail>> {
    Ok(load_many(conn, &[id])?.pop())
}

/// The enterprises with these ids, in this order (ids not stored are left out): two queries
/// whatever their number, one for the rows and one for every year of their figures.
fn load_many(conn: &Connection, ids: &[i64]) -> Result<Vec<EnterpriseDetail>> {
    let id_list = serde_json::to_string(ids)?;
    let names: Vec<&str> = COLUMNS.iter().map(|(c, _)| *c).collect();
    let sql = format!(
        "SELECT id, {}, extra, created_at, updated_at FROM enterprises WHERE id IN (SELECT value FROM json_each(?1))",
        names.join(", ")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows: HashMap<i64, (Map<String, Json>, String, String)> = HashMap::with_capacity(ids.len());
    let mut query = stmt.query([&id_list])?;
    while let Some(r) = query.next()? {
        let mut m = Map::new();
        for (i, (name, flag)) in COLUMNS.iter().enumerate() {
            m.insert(name.to_string(), json_of(r.get(i + 1)?, *flag));
        }
        let n = COLUMNS.len() + 1;
        m.insert("extra".into(), Json::Object(extra_texts(&r.get::<_, String>(n)?)));
        rows.insert(r.get(0)?, (m, r.get(n + 1)?, r.get(n + 2)?));
    }
    let mut figures = figures_of(conn, &id_list)?;
    ids.iter()
        .filter_map(|id| rows.remove(id).map(|row| (*id, row)))
        .map(|(id, (mut m, created_at, updated_at))| {
            m.insert("figures".into(), Json::Array(figures.remove(&id).unwrap_or_default()));
            let data: EnterpriseData = serde_json::from_value(Json::Object(m))?;
            Ok(EnterpriseDetail { id, data, created_at, updated_at })
        })
        .collect()
}

/// The `extra` column (header → value) with every value as text.
fn extra_texts(extra: &str) -> Map<String, Json> {
    let extra: BTreeMap<String, Json> = serde_json::from_str(extra).unwrap_or_default();
    extra
        .into_iter()
        .map(|(k, v)| {
            let text = v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string());
            (k, Json::String(text))
        })
        .collect()
}

/// Every year of figures of the enterprises in `id_list` (a JSON array), oldest year first.
fn figures_of(conn: &Connection, id_list: &str) -> Result<HashMap<i64, Vec<Json>>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT enterprise_id, year, {} FROM enterprise_figures
         WHERE enterprise_id IN (SELECT value FROM json_each(?1)) ORDER BY enterprise_id, year",
        FIGURE_COLUMNS.join(", ")
    ))?;
    let mut out: HashMap<i64, Vec<Json>> = HashMap::new();
    let mut query = stmt.query([id_list])?;
    while let Some(r) = query.next()? {
        let mut f = Map::new();
        f.insert("year".into(), json_of(r.get(1)?, false));
        for (i, c) in FIGURE_COLUMNS.iter().enumerate() {
            f.insert(c.to_string(), json_of(r.get(i + 2)?, false));
        }
        out.entry(r.get(0)?).or_default().push(Json::Object(f));
    }
    Ok(out)
}

pub fn get_enterprise(store: &Store, id: i64) -> Result<EnterpriseDetail> {
    load(&store.conn, id)?.ok_or_else(|| not_found(id))
}

/// Every stored field, extra attribute and year of figures of each enterprise the query lists
/// (all pages), in the list's order: what `list enterprises --json --full` prints.
pub fn full_list(store: &Store, query: &crate::enterprise::EnterpriseQuery) -> Result<Vec<EnterpriseData>> {
    let ids: Vec<i64> = crate::enterprise::list_enterprises(store, query)?.rows.iter().map(|r| r.id).collect();
    Ok(load_many(&store.conn, &ids)?.into_iter().map(|d| d.data).collect())
}

/// The GB 32100 check of a typed code, and whether another enterprise already has it.
pub fn validate_uscc(store: &Store, raw: &str, own_id: Option<i64>) -> Result<UsccCheck> {
    let normalized = uscc::normalize(raw);
    let mut error = uscc::check(&normalized).err().map(|p| p.message());
    if error.is_none() {
        let holder: Option<(i64, String)> = store
            .conn
            .query_row("SELECT id, name FROM enterprises WHERE uscc = ?1", [&normalized], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((id, name)) = holder.filter(|(id, _)| Some(*id) != own_id) {
            error = Some(format!("统一社会信用代码 {normalized} 已由企业“{name}”（编号 {id}）使用"));
        }
    }
    let warning = (error.is_none() && !uscc::org_code_ok(&normalized))
        .then(|| "第9–17位组织机构代码校验不符，请核对（可以保存）".to_string());
    Ok(UsccCheck { valid: error.is_none(), normalized, error, warning })
}

fn tidy(s: &Option<String>) -> Option<String> {
    s.as_deref().map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|t| !t.is_empty())
}

fn check_range(label: &str, v: Option<f64>, min: f64, max: f64) -> Result<()> {
    match v {
        Some(x) if !x.is_finite() || x < min || x > max => {
            Err(CoreError::Invalid(format!("{label}应在 {min} 到 {max} 之间，填写的是 {x}")))
        }
        _ => Ok(()),
    }
}

fn label(key: &str) -> &'static str {
    fields::field(key).map_or("", |f| f.label)
}

fn valid_founded(s: &str) -> bool {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
        || chrono::NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").is_ok_and(|_| s.len() == 7)
}

/// 股改完成时间 and 上市时间 may be known to the year only.
fn valid_event_date(s: &str) -> bool {
    valid_founded(s) || (s.len() == 4 && s.parse::<i64>().is_ok_and(|y| (1949..=2100).contains(&y)))
}

/// Normalizes and checks what the form sent; the error names the field and the rule in Chinese.
fn validate(store: &Store, input: &EnterpriseData, own_id: Option<i64>) -> Result<EnterpriseData> {
    let mut d = input.clone();
    for s in [
        &mut d.county, &mut d.cluster, &mut d.industry, &mut d.main_business, &mut d.legal_rep, &mut d.contact,
        &mut d.phone, &mut d.address, &mut d.founded, &mut d.tier, &mut d.target_board, &mut d.listing_stage,
        &mut d.reform_date, &mut d.listed_date, &mut d.notes, &mut d.pool_entered_on, &mut d.leader_level,
        &mut d.specialized_on, &mut d.specialized_until, &mut d.specialized_review_on, &mut d.specialized_review_result,
        &mut d.little_giant_on, &mut d.little_giant_until, &mut d.little_giant_review_on, &mut d.little_giant_review_result,
        &mut d.high_tech_on, &mut d.high_tech_until, &mut d.high_tech_review_on, &mut d.high_tech_review_result,
        &mut d.innovative_sme_on, &mut d.innovative_sme_until, &mut d.innovative_sme_review_on, &mut d.innovative_sme_review_result,
    ] {
        *s = tidy(s);
    }
    d.name = tidy(&Some(d.name.clone())).unwrap_or_default();
    if d.name.is_empty() {
        return Err(CoreError::Invalid("请填写企业名称".into()));
    }
    let check = validate_uscc(store, &d.uscc, own_id)?;
    if let Some(e) = check.error {
        return Err(CoreError::Invalid(e));
    }
    d.uscc = check.normalized;
    if let Some(c) = &d.county {
        d.county = Some(Counties::load(store)?.resolve(c).ok_or_else(|| {
            CoreError::Invalid(format!("县（市、区）“{c}”不在邢台市县（市、区）名单中，请从下拉列表中选择"))
        })?);
    }
    if let Some(b) = &d.target_board {
        d.target_board = Some(vocab::board(b).map(str::to_string).ok_or_else(|| {
            CoreError::Invalid(format!("拟上市板块“{b}”无法识别，可选：{}", vocab::BOARDS.join("、")))
        })?);
    }
    if let Some(s) = &d.listing_stage {
        d.listing_stage = Some(vocab::stage(s).map(str::to_string).ok_or_else(|| {
            CoreError::Invalid(format!("上市进展“{s}”无法识别，可选：{}", vocab::STAGES.join("、")))
        })?);
    }
    if let Some(f) = &d.founded {
        if !valid_founded(f) {
            return Err(CoreError::Invalid(format!("成立时间“{f}”应写成 2012-08-01 或 2012-08")));
        }
    }
    if let Some(l) = &d.leader_level {
        d.leader_level = Some(crate::pool::leader_level(l).map(str::to_string).ok_or_else(|| {
            CoreError::Invalid(format!("“领跑者”级别“{l}”无法识别，可选：{}", crate::pool::LEADER_LEVELS.join("、")))
        })?);
    }
    let dates = [
        ("reform_date", &d.reform_date), ("listed_date", &d.listed_date), ("pool_entered_on", &d.pool_entered_on),
        ("specialized_on", &d.specialized_on), ("specialized_until", &d.specialized_until), ("specialized_review_on", &d.specialized_review_on),
        ("little_giant_on", &d.little_giant_on), ("little_giant_until", &d.little_giant_until), ("little_giant_review_on", &d.little_giant_review_on),
        ("high_tech_on", &d.high_tech_on), ("high_tech_until", &d.high_tech_until), ("high_tech_review_on", &d.high_tech_review_on),
        ("innovative_sme_on", &d.innovative_sme_on), ("innovative_sme_until", &d.innovative_sme_until), ("innovative_sme_review_on", &d.innovative_sme_review_on),
    ];
    for (key, v) in dates {
        if let Some(v) = v.as_deref().filter(|v| !valid_event_date(v)) {
            return Err(CoreError::Invalid(format!("{}“{v}”应写成 2025、2025-06 或 2025-06-15", label(key))));
        }
    }
    for (key, v) in [
        ("specialized_review_result", &mut d.specialized_review_result), ("little_giant_review_result", &mut d.little_giant_review_result),
        ("high_tech_review_result", &mut d.high_tech_review_result), ("innovative_sme_review_result", &mut d.innovative_sme_review_result),
    ] {
        if let Some(t) = v.clone() {
            *v = Some(crate::qualifications::review_result(&t).map(str::to_string).ok_or_else(|| CoreError::Invalid(format!("{}“{t}”应为 通过 或 未通过", label(key))))?);
        }
    }
    check_range(label("registered_capital_wan"), d.registered_capital_wan, 0.0, 1e9)?;
    let this_year = chrono::Datelike::year(&chrono::Local::now()) as f64;
    for key in ["specialized_year", "little_giant_year", "high_tech_year", "innovative_sme_year", "leader_batch"] {
        let v = match key {
            "specialized_year" => d.specialized_year,
            "little_giant_year" => d.little_giant_year,
            "high_tech_year" => d.high_tech_year,
            "leader_batch" => d.leader_batch,
            _ => d.innovative_sme_year,
        };
        check_range(label(key), v.map(|y| y as f64), 1949.0, this_year + 1.0)?;
    }
    d.extra = d
        .extra
        .into_iter()
        .filter_map(|(k, v)| Some((tidy(&Some(k))?, v.trim().to_string())))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let mut years = BTreeSet::new();
    for f in &d.figures {
        check_range("年度", Some(f.year as f64), 1949.0, this_year + 1.0)?;
        if !years.insert(f.year) {
            return Err(CoreError::Invalid(format!("{} 年的数据填写了两行，请合并为一行", f.year)));
        }
        let y = f.year;
        check_range(&format!("{y}年{}", label("revenue_wan")), f.revenue_wan, 0.0, 1e9)?;
        check_range(&format!("{y}年{}", label("profit_wan")), f.profit_wan, -1e9, 1e9)?;
        check_range(&format!("{y}年{}", label("tax_wan")), f.tax_wan, 0.0, 1e9)?;
        check_range(&format!("{y}年{}", label("rd_expense_wan")), f.rd_expense_wan, 0.0, 1e9)?;
        check_range(&format!("{y}年{}", label("rd_ratio_pct")), f.rd_ratio_pct, 0.0, 100.0)?;
        check_range(&format!("{y}年{}", label("invention_patents")), f.invention_patents.map(|n| n as f64), 0.0, 1e6)?;
    }
    d.figures.sort_by_key(|f| f.year);
    Ok(d)
}

struct Audit<'a> {
    conn: &'a Connection,
    stamp: audit::Stamp,
}

impl<'a> Audit<'a> {
    fn new(conn: &'a Connection, at: String, operator: String) -> Self {
        Audit { conn, stamp: audit::Stamp::new(at, operator, MANUAL_SOURCE) }
    }

    fn log(&self, action: &str, table: &str, key: &str, field: Option<&str>, old: Option<String>, new: Option<String>) -> Result<()> {
        let entry = audit::Entry { action, table, key, field, old: old.as_deref(), new: new.as_deref() };
        audit::record(self.conn, &self.stamp, entry)
    }
}

fn as_map<T: Serialize>(v: &T) -> Result<Map<String, Json>> {
    match serde_json::to_value(v)? {
        Json::Object(m) => Ok(m),
        _ => Ok(Map::new()),
    }
}

/// Writes `new` over `old` (None: a new row), field by field, auditing each change.
fn write(conn: &Connection, audit: &Audit, id: i64, old: Option<&EnterpriseData>, new: &EnterpriseData) -> Result<()> {
    let empty = EnterpriseData::default();
    let before = as_map(old.unwrap_or(&empty))?;
    let after = as_map(new)?;
    let key = new.uscc.as_str();
    let logged = old.is_some();
    for (col, _) in COLUMNS {
        let (b, a) = (&before[*col], &after[*col]);
        if b != a {
            conn.execute(&format!("UPDATE enterprises SET \"{col}\" = ?1 WHERE id = ?2"), rusqlite::params![sql_of(a), id])?;
            // The audit row of a changed USCC is keyed by the old code so history follows it.
            let row_key = if *col == "uscc" { b.as_str().unwrap_or(key) } else { key };
            // A new row's code and name are in its insert entry already.
            if logged || !(a.is_null() || matches!(*col, "uscc" | "name")) {
                audit.log("update", "enterprises", row_key, Some(col), display(b), display(a))?;
            }
        }
    }
    if old.map(|o| &o.extra) != Some(&new.extra) {
        conn.execute("UPDATE enterprises SET extra = ?1 WHERE id = ?2", rusqlite::params![serde_json::to_string(&new.extra)?, id])?;
        let none = BTreeMap::new();
        let old_extra = old.map_or(&none, |o| &o.extra);
        let headers: BTreeSet<&String> = old_extra.keys().chain(new.extra.keys()).collect();
        for h in headers {
            let (b, a) = (old_extra.get(h), new.extra.get(h));
            if b != a {
                audit.log("update", "enterprises", key, Some(&format!("extra.{h}")), b.cloned(), a.cloned())?;
            }
        }
    }
    let old_figures: BTreeMap<i64, Map<String, Json>> =
        old.map_or(Ok(BTreeMap::new()), |o| o.figures.iter().map(|f| Ok((f.year, as_map(f)?))).collect::<Result<_>>())?;
    let new_figures: BTreeMap<i64, Map<String, Json>> = new.figures.iter().map(|f| Ok((f.year, as_map(f)?))).collect::<Result<_>>()?;
    for (year, b) in &old_figures {
        if !new_figures.contains_key(year) {
            conn.execute("DELETE FROM enterprise_figures WHERE enterprise_id = ?1 AND year = ?2", rusqlite::params![id, year])?;
            for col in FIGURE_COLUMNS.iter().filter(|c| !b[**c].is_null()) {
                audit.log("update", "enterprise_figures", &format!("{key}/{year}"), Some(col), display(&b[*col]), None)?;
            }
        }
    }
    let blank = Map::new();
    for (year, a) in &new_figures {
        let b = old_figures.get(year).unwrap_or(&blank);
        conn.execute("INSERT OR IGNORE INTO enterprise_figures(enterprise_id, year) VALUES (?1, ?2)", rusqlite::params![id, year])?;
        for col in FIGURE_COLUMNS {
            let old_v = b.get(*col).unwrap_or(&Json::Null);
            if old_v != &a[*col] {
                conn.execute(
                    &format!("UPDATE enterprise_figures SET \"{col}\" = ?1 WHERE enterprise_id = ?2 AND year = ?3"),
                    rusqlite::params![sql_of(&a[*col]), id, year],
                )?;
                audit.log("update", "enterprise_figures", &format!("{key}/{year}"), Some(col), display(old_v), display(&a[*col]))?;
            }
        }
    }
    Ok(())
}

/// Adds an enterprise typed in by hand.
pub fn create_enterprise(store: &mut Store, input: &EnterpriseData) -> Result<EnterpriseDetail> {
    let data = validate(store, input, None)?;
    let audit_at = now_text();
    let operator = store.operator()?;
    let tx = store.conn.transaction()?;
    tx.execute(
        "INSERT INTO enterprises(uscc, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        rusqlite::params![data.uscc, data.name, audit_at],
    )?;
    let id = tx.last_insert_rowid();
    let audit = Audit::new(&tx, audit_at, operator);
    audit.log("insert", "enterprises", &data.uscc, None, None, Some(data.name.clone()))?;
    write(&tx, &audit, id, None, &data)?;
    let detail = load(&tx, id)?.ok_or_else(|| not_found(id))?;
    tx.commit()?;
    Ok(detail)
}

/// Saves an edited enterprise; only the fields that differ are written and audited.
pub fn update_enterprise(store: &mut Store, id: i64, input: &EnterpriseData) -> Result<EnterpriseDetail> {
    let data = validate(store, input, Some(id))?;
    let now = now_text();
    let operator = store.operator()?;
    let tx = store.conn.transaction()?;
    let old = load(&tx, id)?.ok_or_else(|| not_found(id))?;
    if old.data != data {
        let audit = Audit::new(&tx, now.clone(), operator);
        write(&tx, &audit, id, Some(&old.data), &data)?;
        tx.execute("UPDATE enterprises SET updated_at = ?1 WHERE id = ?2", rusqlite::params![now, id])?;
    }
    let detail = load(&tx, id)?.ok_or_else(|| not_found(id))?;
    tx.commit()?;
    Ok(detail)
}

/// Moves an enterprise with every record below it to the 回收站; the audit row keeps its
/// fields as JSON and names the bin entry (回收站#N).
pub fn delete_enterprise(store: &mut Store, id: i64) -> Result<()> {
    let now = now_text();
    let operator = store.operator()?;
    let tx = store.conn.transaction()?;
    let old = load(&tx, id)?.ok_or_else(|| not_found(id))?;
    let trash_id = crate::enterprise::trash::move_in(&tx, id, &now, &operator)?;
    let audit = Audit::new(&tx, now, operator);
    audit.log("delete", "enterprises", &old.data.uscc, None, Some(serde_json::to_string(&old.data)?), Some(format!("回收站#{trash_id}")))?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests;
