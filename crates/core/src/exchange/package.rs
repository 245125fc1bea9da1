//! The `.pacesetter` file: a SQLite database with a `manifest` (key → value) and the `records`
//! (kind, key, body as JSON), sealed by the SHA-256 of the records in (kind, key) order.
use super::kinds::{body_text, key_text, Body, Key, Rec};
use crate::error::{CoreError, Result};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::TS;

/// The format this program writes and reads.
pub const FORMAT: i64 = 1;
/// `PRAGMA application_id` of a package file (ASCII "PCSX"), unlike a store's ("PCST").
pub const APPLICATION_ID: i64 = 0x5043_5358;

/// The manifest of a package, as written in its `manifest` table.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export, rename = "PackageManifest")]
pub struct Manifest {
    pub format: i64,
    /// up: a county's package to the city; down: the city's package to a county.
    pub kind: String,
    /// The unit that wrote it (市工信局 or a county).
    pub sender: String,
    pub receiver: String,
    pub created_at: String,
    pub app_version: String,
    pub schema_version: i64,
    pub content_sha256: String,
    /// content_sha256 of the sender's previous package to the same receiver.
    pub follows: Option<String>,
    /// The key of the work plan the city works in (down packages).
    pub current_plan: Option<String>,
    pub records: i64,
}

/// A package as read: its manifest and records, (kind, key) order.
#[derive(Debug, Clone)]
pub struct Package {
    pub manifest: Manifest,
    pub records: Vec<Rec>,
}

/// SHA-256 over the records in (kind, key) order: kind, key and body texts, each line ended.
pub fn content_hash(rows: &[(String, String, String)]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for (kind, key, body) in rows {
        for part in [kind, key, body] {
            h.update(part.as_bytes());
            h.update([0u8]);
        }
        h.update(b"\n");
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The rows of a package in (kind, key) order as texts.
pub fn texts(records: &[Rec]) -> Vec<(String, String, String)> {
    let mut rows: Vec<(String, String, String)> = records.iter().map(|r| (r.kind.clone(), key_text(&r.key), body_text(&r.body))).collect();
    rows.sort();
    rows
}

/// Writes a package file at `path` (through a temporary file beside it, then renamed).
pub fn write(path: &Path, manifest: &Manifest, rows: &[(String, String, String)]) -> Result<()> {
    let tmp = path.with_extension("pacesetter-part");
    let _ = std::fs::remove_file(&tmp);
    {
        let mut conn = Connection::open(crate::store::sqlite_path(&tmp)).map_err(|e| CoreError::Export(format!("无法写入数据包 {}：{e}", path.display())))?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        let tx = conn.transaction()?;
        tx.execute_batch(
            "CREATE TABLE manifest(key TEXT PRIMARY KEY, value TEXT);
             CREATE TABLE records(kind TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (kind, key));",
        )?;
        let values = serde_json::to_value(manifest)?;
        for (k, v) in values.as_object().expect("manifest is an object") {
            let text = match v {
                serde_json::Value::Null => None,
                serde_json::Value::String(s) => Some(s.clone()),
                other => Some(other.to_string()),
            };
            tx.execute("INSERT INTO manifest(key, value) VALUES (?1, ?2)", rusqlite::params![k, text])?;
        }
        {
            let mut stmt = tx.prepare("INSERT INTO records(kind, key, body) VALUES (?1, ?2, ?3)")?;
            for (kind, key, body) in rows {
                stmt.execute([kind, key, body])?;
            }
        }
        tx.commit()?;
    }
    std::fs::rename(&tmp, path).map_err(|e| CoreError::Export(format!("无法写入数据包 {}：{}", path.display(), crate::error::io_reason(&e))))?;
    Ok(())
}

fn not_a_package(path: &Path, why: &str) -> CoreError {
    CoreError::UnreadableFile(format!("{} 不是领跑者系统的数据包（{why}）", path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()))
}

/// Reads and checks a package: format, schema version, content hash. Refusals in Chinese.
pub fn read(path: &Path) -> Result<Package> {
    let bytes = std::fs::read(path).map_err(|e| CoreError::UnreadableFile(format!("无法读取 {}：{}", path.display(), crate::error::io_reason(&e))))?;
    if !bytes.starts_with(b"SQLite format 3\0") {
        return Err(not_a_package(path, "文件格式不对"));
    }
    let conn = Connection::open_with_flags(crate::store::sqlite_path(path), OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| not_a_package(path, &e.to_string()))?;
    let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if app != APPLICATION_ID {
        return Err(not_a_package(path, if app == 1346589524 { "这是一个数据库文件或备份，请在“设置”中恢复" } else { "文件标识不对" }));
    }
    let mut map: BTreeMap<String, Option<String>> = BTreeMap::new();
    {
        let mut stmt = conn.prepare("SELECT key, value FROM manifest").map_err(|e| not_a_package(path, &e.to_string()))?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?)))? {
            let (k, v) = row?;
            map.insert(k, v);
        }
    }
    let text = |k: &str| map.get(k).cloned().flatten();
    let number = |k: &str| text(k).and_then(|v| v.parse::<i64>().ok());
    let format = number("format").ok_or_else(|| not_a_package(path, "缺少格式版本"))?;
    if format > FORMAT {
        return Err(CoreError::Invalid(format!("数据包格式版本（{format}）高于本程序支持的版本（{FORMAT}），请升级领跑者企业培育管理系统后再导入")));
    }
    let schema_version = number("schema_version").unwrap_or(0);
    let ours = crate::store::LATEST_VERSION;
    if schema_version > ours {
        return Err(CoreError::Invalid(format!(
            "数据包由较新版本的程序生成（数据库版本 {schema_version}，本程序为 {ours}），请升级领跑者企业培育管理系统后再导入"
        )));
    }
    let manifest = Manifest {
        format,
        kind: text("kind").unwrap_or_default(),
        sender: text("sender").unwrap_or_default(),
        receiver: text("receiver").unwrap_or_default(),
        created_at: text("created_at").unwrap_or_default(),
        app_version: text("app_version").unwrap_or_default(),
        schema_version,
        content_sha256: text("content_sha256").unwrap_or_default(),
        follows: text("follows"),
        current_plan: text("current_plan"),
        records: number("records").unwrap_or(0),
    };
    if !matches!(manifest.kind.as_str(), "up" | "down") || manifest.sender.is_empty() || manifest.created_at.is_empty() {
        return Err(not_a_package(path, "清单不完整"));
    }
    let rows: Vec<(String, String, String)> = conn
        .prepare("SELECT kind, key, body FROM records ORDER BY kind, key")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let actual = content_hash(&rows);
    if !actual.eq_ignore_ascii_case(&manifest.content_sha256) {
        return Err(CoreError::Invalid(format!(
            "数据包已被改动或已损坏：内容校验值不符（清单 {}…，实际 {}…），已拒绝导入",
            manifest.content_sha256.chars().take(12).collect::<String>(),
            &actual[..12]
        )));
    }
    let mut records = Vec::with_capacity(rows.len());
    for (kind, key, body) in rows {
        let key: Key = serde_json::from_str(&key).map_err(|_| not_a_package(path, "记录键不是 JSON 数组"))?;
        let body: Body = serde_json::from_str(&body).map_err(|_| not_a_package(path, "记录内容不是 JSON 对象"))?;
        records.push(Rec { kind, key, body });
    }
    Ok(Package { manifest, records })
}
