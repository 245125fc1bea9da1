//! `pacesetter qualifications list|add|review|revoke|delete|restore|expiring|kinds`: an
//! enterprise's certificates (资质认定), the ones expiring soon, and the catalogue of kinds.
use crate::output::{cell, print_json};
use pacesetter_core::qualifications::{self as q, KindInput, Qualification, QualificationInput, ReviewInput, RevokeInput};
use pacesetter_core::Result;
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct QualificationsArgs {
    #[command(subcommand)]
    pub what: What,
    /// 以 JSON 输出
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(clap::Subcommand)]
pub enum What {
    /// 列出企业的资质证书
    List {
        /// 企业的统一社会信用代码
        uscc: String,
        /// 也列出回收站中的证书
        #[arg(long)]
        deleted: bool,
    },
    /// 为企业添加资质证书
    Add {
        uscc: String,
        /// 资质类别（专精特新、小巨人、高新、创新型、科技型、单项冠军、示范企业或全称）
        #[arg(long)]
        kind: String,
        /// 认定级别（国家级、省级、市级；默认该类别的默认级别）
        #[arg(long, default_value = "")]
        level: String,
        /// 认定时间（2021、2021-06 或 2021-06-15）
        #[arg(long)]
        obtained: Option<String>,
        /// 有效期至（默认认定时间加该类别的有效期）
        #[arg(long)]
        until: Option<String>,
        /// 证书编号
        #[arg(long, default_value = "")]
        number: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 记录复核：通过则有效期顺延一期，未通过则证书终止
    Review {
        /// 证书编号（list 中的“编号”）
        id: i64,
        #[arg(long)]
        date: String,
        /// 通过 或 未通过
        #[arg(long)]
        result: String,
    },
    /// 撤销证书
    Revoke {
        id: i64,
        #[arg(long)]
        date: String,
        #[arg(long)]
        reason: String,
    },
    /// 把证书移入回收站（可恢复）
    Delete { id: i64 },
    /// 从回收站恢复证书
    Restore { id: i64 },
    /// 即将到期的证书（今天有效、N 个月内到期）
    Expiring {
        #[arg(long, default_value_t = 6)]
        within_months: u32,
    },
    /// 资质类别：列出或添加
    Kinds {
        #[command(subcommand)]
        what: Option<KindsWhat>,
    },
}

#[derive(clap::Subcommand)]
pub enum KindsWhat {
    /// 添加资质类别
    Add {
        name: String,
        /// 简称（筛选和统计中的叫法；默认同名称）
        #[arg(long, default_value = "")]
        short: String,
        /// 认定级别，可重复（第一个为默认）
        #[arg(long = "level", required = true)]
        levels: Vec<String>,
        /// 有效期（年；不填为长期有效）
        #[arg(long)]
        years: Option<i64>,
        /// 期满复核
        #[arg(long)]
        reviewed: bool,
        #[arg(long, default_value = "")]
        note: String,
    },
}

fn line(c: &Qualification) -> String {
    let review = c.review_on.as_ref().map(|d| format!("\t复核 {d} {}", cell(&c.review_result))).unwrap_or_default();
    let revoked = c.revoked_on.as_ref().map(|d| format!("\t撤销 {d} {}", c.revoke_reason)).unwrap_or_default();
    format!("{}\t{}\t{}\t认定 {}\t有效期至 {}\t{}{review}{revoked}\t{}", c.id, c.kind, c.level, cell(&c.obtained_on), cell(&c.valid_until), c.status, c.certificate_no)
}

fn show(json: bool, c: &Qualification, done: &str) {
    if json {
        print_json(c);
    } else {
        println!("{done}：{}", line(c));
    }
}

pub fn run(db: &Path, args: &QualificationsArgs) -> Result<ExitCode> {
    let mut store = super::open(db)?;
    let json = args.json;
    match &args.what {
        What::List { uscc, deleted } => {
            let id = q::enterprise_by_uscc(&store, uscc)?;
            let all = q::qualifications_of(&store, id, *deleted)?;
            if json {
                print_json(&all);
            } else if all.is_empty() {
                println!("该企业没有资质证书记录");
            } else {
                println!("编号\t资质类别\t级别\t认定时间\t有效期至\t状态\t证书编号");
                all.iter().for_each(|c| println!("{}", line(c)));
            }
        }
        What::Add { uscc, kind, level, obtained, until, number, note } => {
            let enterprise_id = q::enterprise_by_uscc(&store, uscc)?;
            let input = QualificationInput {
                enterprise_id,
                kind: kind.clone(),
                level: level.clone(),
                obtained_on: obtained.clone(),
                valid_until: until.clone(),
                certificate_no: number.clone(),
                note: note.clone(),
            };
            show(json, &q::add_qualification(&mut store, &input)?, "已添加");
        }
        What::Review { id, date, result } => {
            show(json, &q::review_qualification(&mut store, *id, &ReviewInput { date: date.clone(), result: result.clone() })?, "已记录复核");
        }
        What::Revoke { id, date, reason } => {
            show(json, &q::revoke_qualification(&mut store, *id, &RevokeInput { date: date.clone(), reason: reason.clone() })?, "已撤销");
        }
        What::Delete { id } => show(json, &q::delete_qualification(&mut store, *id)?, "已移入回收站"),
        What::Restore { id } => show(json, &q::restore_qualification(&mut store, *id)?, "已恢复"),
        What::Expiring { within_months } => {
            let list = q::expiring(&store, q::today(), *within_months)?;
            if json {
                print_json(&list);
            } else {
                println!("{within_months} 个月内到期的资质证书 {} 份", list.len());
                for e in &list {
                    let todo = if e.reviewed { "需复核" } else { "需重新认定" };
                    println!("{}\t{}\t{}\t{}\t到期 {}（还有 {} 天）\t{todo}", e.uscc, e.enterprise_name, cell(&e.county), e.kind, e.ends_on, e.days_left);
                }
            }
        }
        What::Kinds { what: None } => {
            let kinds = q::kinds(&store)?;
            if json {
                print_json(&kinds);
            } else {
                for k in &kinds {
                    let years = k.validity_years.map_or("长期有效".into(), |y| format!("有效期 {y} 年"));
                    let review = if k.reviewed { "，期满复核" } else { "" };
                    let own = if k.builtin { "" } else { "（自定义）" };
                    println!("{}\t简称 {}\t{}\t{years}{review}{own}", k.name, k.short_name, k.levels.join("、"));
                }
            }
        }
        What::Kinds { what: Some(KindsWhat::Add { name, short, levels, years, reviewed, note }) } => {
            let input = KindInput { name: name.clone(), short_name: short.clone(), levels: levels.clone(), validity_years: *years, reviewed: *reviewed, note: note.clone() };
            let k = q::add_kind(&mut store, &input)?;
            if json {
                print_json(&k);
            } else {
                println!("已添加资质类别 {}（简称 {}）", k.name, k.short_name);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
