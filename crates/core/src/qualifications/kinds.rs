//! The catalogue of qualification kinds (资质类别): the seven the province tracks, built in, and
//! those the bureau adds; each with its levels, validity period and whether it is re-reviewed.
use crate::audit;
use crate::error::{CoreError, Result};
use crate::store::{now_text, Store};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The levels a kind can be given at.
pub const LEVELS: &[&str] = &["国家级", "省级", "市级"];

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct QualificationKind {
    #[ts(type = "number")]
    pub id: i64,
    /// 专精特新中小企业 …: what certificates name.
    pub name: String,
    /// 专精特新, 小巨人, 高新 …: what filters and counts say.
    pub short_name: String,
    pub levels: Vec<String>,
    pub default_level: String,
    /// Years a certificate is valid; none: until revoked.
    #[ts(type = "number | null")]
    pub validity_years: Option<i64>,
    /// Re-reviewed (复核) when the period ends.
    pub reviewed: bool,
    /// The enterprises column prefix summarising it (the four that were flags).
    pub summary: Option<String>,
    pub builtin: bool,
    pub note: String,
}

/// A kind the bureau adds.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct KindInput {
    pub name: String,
    pub short_name: String,
    /// Some of 国家级 / 省级 / 市级; the first is the default.
    pub levels: Vec<String>,
    #[ts(type = "number | null")]
    pub validity_years: Option<i64>,
    pub reviewed: bool,
    pub note: String,
}

const COLUMNS: &str = "id, name, short_name, levels, default_level, validity_years, reviewed, summary, builtin, note";

fn kind_of(r: &rusqlite::Row) -> rusqlite::Result<QualificationKind> {
    let levels: String = r.get(3)?;
    Ok(QualificationKind {
        id: r.get(0)?,
        name: r.get(1)?,
        short_name: r.get(2)?,
        levels: levels.split('、').filter(|l| !l.is_empty()).map(str::to_string).collect(),
        default_level: r.get(4)?,
        validity_years: r.get(5)?,
        reviewed: r.get(6)?,
        summary: r.get(7)?,
        builtin: r.get(8)?,
        note: r.get(9)?,
    })
}

/// Every kind, the built-in ones first in their order.
pub fn kinds(store: &Store) -> Result<Vec<QualificationKind>> {
    all(&store.conn)
}

pub(crate) fn all(conn: &Connection) -> Result<Vec<QualificationKind>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM qualification_kinds ORDER BY sort, id"))?;
    let rows = stmt.query_map([], kind_of)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The built-in kind people mean by a short or older word (专精特新, “小巨人”, 高企, 创新型 …) or
/// by the enterprises column that summarises it (specialized …).
pub fn builtin_name(text: &str) -> Option<&'static str> {
    let t = crate::sheet::text::compact(text);
    let name = match t.as_str() {
        "specialized" => "专精特新中小企业",
        "little_giant" => "专精特新“小巨人”企业",
        "high_tech" => "高新技术企业",
        "innovative_sme" => "创新型中小企业",
        _ if t.contains("小巨人") => "专精特新“小巨人”企业",
        _ if t.contains("专精特新") => "专精特新中小企业",
        _ if t.contains("高新") || t == "高企" => "高新技术企业",
        _ if t.contains("创新型") => "创新型中小企业",
        _ if t.contains("科技型") => "科技型中小企业",
        _ if t.contains("单项冠军") => "制造业单项冠军",
        _ if t.contains("示范企业") || t.contains("技术创新示范") => "技术创新示范企业",
        _ => return None,
    };
    Some(name)
}

/// The kind named by its name, its short name or a word for a built-in one.
pub fn resolve_kind(conn: &Connection, text: &str) -> Result<QualificationKind> {
    let t = text.trim();
    let found = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM qualification_kinds WHERE name = ?1 OR short_name = ?1"))?
        .query_row([t], kind_of)
        .optional()?;
    if let Some(k) = found {
        return Ok(k);
    }
    if let Some(name) = builtin_name(t) {
        return Ok(conn.prepare_cached(&format!("SELECT {COLUMNS} FROM qualification_kinds WHERE name = ?1"))?.query_row([name], kind_of)?);
    }
    let names: Vec<String> = all(conn)?.into_iter().map(|k| k.name).collect();
    Err(CoreError::Invalid(format!("资质类别“{t}”无法识别，可选：{}", names.join("、"))))
}

/// Adds a kind to the catalogue (audited); returns it.
pub fn add_kind(store: &mut Store, input: &KindInput) -> Result<QualificationKind> {
    let name = input.name.trim();
    let short = if input.short_name.trim().is_empty() { name } else { input.short_name.trim() };
    if name.is_empty() {
        return Err(CoreError::Invalid("请填写资质类别的名称".into()));
    }
    let levels: Vec<&str> = input.levels.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
    if levels.is_empty() {
        return Err(CoreError::Invalid(format!("请选择“{name}”的认定级别（{}）", LEVELS.join("、"))));
    }
    if let Some(l) = levels.iter().find(|l| !LEVELS.contains(l)) {
        return Err(CoreError::Invalid(format!("认定级别“{l}”无法识别，可选：{}", LEVELS.join("、"))));
    }
    if let Some(y) = input.validity_years.filter(|y| !(1..=20).contains(y)) {
        return Err(CoreError::Invalid(format!("有效期“{y}”年应在 1 到 20 年之间（不限期则不填）")));
    }
    let operator = store.operator()?;
    let tx = store.conn.transaction()?;
    let taken: Option<String> = tx
        .query_row("SELECT name FROM qualification_kinds WHERE name IN (?1, ?2) OR short_name IN (?1, ?2)", [name, short], |r| r.get(0))
        .optional()?;
    if let Some(t) = taken {
        return Err(CoreError::Invalid(format!("资质类别“{t}”已有，名称和简称不能重复")));
    }
    let now = now_text();
    tx.execute(
        "INSERT INTO qualification_kinds(name, short_name, levels, default_level, validity_years, reviewed, builtin, sort, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, 100, ?7, ?8)",
        rusqlite::params![name, short, levels.join("、"), levels[0], input.validity_years, input.reviewed, input.note.trim(), now],
    )?;
    let id = tx.last_insert_rowid();
    let kind = tx.query_row(&format!("SELECT {COLUMNS} FROM qualification_kinds WHERE id = ?1"), [id], kind_of)?;
    let stamp = audit::Stamp::new(now, operator, crate::enterprise::detail::MANUAL_SOURCE);
    audit::record(&tx, &stamp, audit::Entry::row("insert", "qualification_kinds", name).values(None, Some(&serde_json::to_string(&kind)?)))?;
    tx.commit()?;
    Ok(kind)
}
