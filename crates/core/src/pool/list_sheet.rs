//! A list's official sheet (邢台市上市培育库企业名单 …): 序号, 企业名称, 统一社会信用代码, 县（市、区）,
//! 特色产业集群 and the list's own columns under the importer's labels, so it reads back unchanged.
use super::lists::ListKind;
use super::members::{list_members, ListMember};
use crate::enterprise::export::write_sheet;
use crate::enterprise::fields::field;
use crate::enterprise::table::{ExportCell, Style, Table};
use crate::error::Result;
use crate::sheet::write;
use crate::store::Store;
use rust_xlsxwriter::Workbook;
use std::path::Path;

/// The sheet's title.
pub fn list_title(list: ListKind) -> String {
    let label = list.label();
    let noun = if label.ends_with("企业") { "名单" } else { "企业名单" };
    format!("邢台市{label}{noun}")
}

/// The columns after 序号: enterprise fields by key (the importer's labels), then the list's own.
fn columns(list: ListKind) -> Vec<&'static str> {
    let mut keys = vec!["name", "uscc", "county", "cluster"];
    keys.extend(match list {
        ListKind::Pool => &["in_pool", "pool_entered_on"][..],
        ListKind::Leader => &["is_leader", "leader_level", "leader_batch"][..],
        ListKind::WhiteList => &["white_list"][..],
        ListKind::EcoPositive => &["eco_positive_list"][..],
    });
    keys
}

fn text(v: &Option<String>) -> ExportCell {
    v.as_deref().filter(|t| !t.trim().is_empty()).map_or(ExportCell::Blank, |t| ExportCell::Text(t.into()))
}

fn value(key: &str, m: &ListMember) -> ExportCell {
    match key {
        "name" => ExportCell::Text(m.name.clone()),
        "uscc" => ExportCell::Text(m.uscc.clone()),
        "county" => text(&m.county),
        "cluster" => text(&m.cluster),
        "pool_entered_on" => text(&m.entered_on),
        "leader_level" => text(&m.level),
        "leader_batch" => m.batch_year.map_or(ExportCell::Blank, |y| ExportCell::Number(y as f64)),
        // The list's flag: every member is on it.
        _ => ExportCell::Text("是".into()),
    }
}

/// The current members of `list` as a table.
pub fn list_table(store: &Store, list: ListKind) -> Result<(Table, usize)> {
    let members = list_members(store, list, None)?;
    let keys = columns(list);
    let mut t = Table::default();
    t.headers.push("序号".into());
    t.styles.push(Style::Integer);
    for k in &keys {
        t.headers.push(field(k).map_or(*k, |f| f.label).to_string());
        t.styles.push(match *k {
            "name" | "cluster" => Style::Text,
            "leader_batch" => Style::Integer,
            _ => Style::Center,
        });
    }
    for (i, m) in members.iter().enumerate() {
        let mut line = vec![ExportCell::Number((i + 1) as f64)];
        line.extend(keys.iter().map(|k| value(k, m)));
        t.lines.push(line);
    }
    Ok((t, members.len()))
}

/// Writes the current members of `list` to `path` as its official sheet; returns how many.
pub fn export_list(store: &Store, list: ListKind, path: &Path) -> Result<usize> {
    let (table, n) = list_table(store, list)?;
    let mut book = Workbook::new();
    write_sheet(book.add_worksheet(), list.label(), &list_title(list), &format!("共 {n} 家企业"), &table)?;
    write::save(&mut book, path)?;
    Ok(n)
}
