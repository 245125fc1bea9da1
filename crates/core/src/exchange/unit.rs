//! This installation's unit (本机单位): 市工信局 or one of the 20 county divisions, kept in the
//! `unit` setting; it decides which way a package goes and whose records it may carry.
use crate::error::{CoreError, Result};
use crate::store::Store;

/// The city bureau's unit name.
pub const CITY: &str = "市工信局";
const SETTING: &str = "unit";

/// The units an installation may be: the city, then the counties in their official order.
pub fn units(store: &Store) -> Result<Vec<String>> {
    let mut out = vec![CITY.to_string()];
    let mut stmt = store.conn.prepare_cached("SELECT name FROM counties ORDER BY sort")?;
    out.extend(stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?);
    Ok(out)
}

/// This installation's unit, or `None` when it was never chosen.
pub fn unit(store: &Store) -> Result<Option<String>> {
    Ok(store.setting(SETTING)?.filter(|u| !u.trim().is_empty()))
}

/// Whether `name` is a county of the official list.
pub(crate) fn is_county(store: &Store, name: &str) -> Result<bool> {
    Ok(store.conn.query_row("SELECT EXISTS(SELECT 1 FROM counties WHERE name = ?1)", [name], |r| r.get(0))?)
}

/// Sets this installation's unit (audited); the name must be 市工信局 or an official county name.
pub fn set_unit(store: &Store, name: &str) -> Result<String> {
    let name = name.trim();
    if name != CITY && !is_county(store, name)? {
        return Err(CoreError::Invalid(format!("“{name}”不是本系统的单位：请选择 {CITY} 或 20 个县（市、区）之一（如 清河县、邢台经济开发区）")));
    }
    let old = unit(store)?;
    store.set_setting(SETTING, name)?;
    let stamp = crate::audit::Stamp::new(crate::store::now_text(), store.operator()?, "数据交换·本机单位");
    crate::audit::record(&store.conn, &stamp, crate::audit::Entry::row("update", "settings", SETTING).field(SETTING, old.as_deref(), Some(name)))?;
    Ok(name.to_string())
}
