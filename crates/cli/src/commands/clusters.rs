//! `pacesetter clusters list|add|rename|county|delete|restore|show`: the characteristic clusters
//! as records — their enterprises, totals per year and 一群一策 (shown), and every edit of them.
use crate::output::{cell, print_json};
use pacesetter_core::clusters::{self, plan, totals, Cluster};
use pacesetter_core::Result;
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ClustersArgs {
    #[command(subcommand)]
    pub what: ClustersWhat,
    /// 以 JSON 输出
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(clap::Subcommand)]
pub enum ClustersWhat {
    /// 列出特色产业集群（企业数、“领跑者”数、是否已有一群一策；--deleted 列出回收站中的）
    List {
        #[arg(long)]
        deleted: bool,
    },
    /// 新增集群
    Add {
        name: String,
        /// 县（市、区）名称
        #[arg(long)]
        county: Option<String>,
    },
    /// 集群改名（企业随之改名，改名记入历史）
    Rename { name: String, new_name: String },
    /// 设置集群所在县（市、区）；不给县名则清除
    County { name: String, county: Option<String> },
    /// 删除集群（移入回收站；集群中还有企业时不能删除）
    Delete { name: String },
    /// 从回收站恢复集群
    Restore { name: String },
    /// 集群详情：企业、各年度合计、“领跑者”、改名记录与一群一策
    Show { name: String },
}

fn line(c: &Cluster) -> String {
    let plan = if c.has_plan { "，已有一群一策" } else { "" };
    format!("{}\t{}\t企业 {} 家，“领跑者” {} 家{plan}", c.name, cell(&c.county), c.enterprises, c.leaders)
}

fn print_one(c: &Cluster, json: bool, done: &str) {
    if json {
        print_json(c);
    } else {
        println!("{done}：{}", line(c));
    }
}

pub fn run(db: &Path, args: &ClustersArgs) -> Result<ExitCode> {
    let mut store = super::open(db)?;
    let by_name = |s: &pacesetter_core::Store, n: &str| clusters::cluster_by_name(s, n).map(|c| c.id);
    match &args.what {
        ClustersWhat::List { deleted } => {
            let all = clusters::list_clusters(&store, *deleted)?;
            if args.json {
                print_json(&all);
            } else {
                for c in &all {
                    println!("{}", line(c));
                }
                println!("共 {} 个集群", all.len());
            }
        }
        ClustersWhat::Add { name, county } => print_one(&clusters::add_cluster(&mut store, name, county.as_deref())?, args.json, "已新增"),
        ClustersWhat::Rename { name, new_name } => {
            let id = by_name(&store, name)?;
            let c = clusters::rename_cluster(&mut store, id, new_name)?;
            print_one(&c, args.json, &format!("已将“{}”改名（{} 家企业随之改名）", name.trim(), c.enterprises));
        }
        ClustersWhat::County { name, county } => {
            let id = by_name(&store, name)?;
            print_one(&clusters::set_cluster_county(&mut store, id, county.as_deref())?, args.json, "已设置县（市、区）");
        }
        ClustersWhat::Delete { name } => {
            let id = by_name(&store, name)?;
            print_one(&clusters::delete_cluster(&mut store, id)?, args.json, "已移入回收站（可用 pacesetter clusters restore 恢复）");
        }
        ClustersWhat::Restore { name } => {
            let id = by_name(&store, name)?;
            print_one(&clusters::restore_cluster(&mut store, id)?, args.json, "已恢复");
        }
        ClustersWhat::Show { name } => {
            let id = by_name(&store, name)?;
            let overview = totals::cluster_overview(&store, id)?;
            let plan = plan::get_plan(&store, id)?;
            if args.json {
                print_json(&serde_json::json!({ "overview": overview, "plan": plan }));
            } else {
                show(&overview, &plan);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn show(o: &totals::ClusterOverview, p: &plan::ClusterPlan) {
    println!("{}", line(&o.cluster));
    for r in &o.renames {
        println!("  改名：{} → {}（{}，{}，{} 家企业）", r.old_name, r.new_name, r.renamed_at, r.operator, r.enterprises);
    }
    println!("年度\t有数据企业\t营业收入（万元）\t研发投入（万元）\t研发投入占比\t专精特新");
    for y in &o.years {
        let pct = y.rd_ratio_pct.map(|v| format!("{v:.2}%")).unwrap_or_default();
        println!("{}\t{}\t{}\t{}\t{pct}\t{}", y.year, y.enterprises, cell(&y.revenue_wan), cell(&y.rd_expense_wan), y.specialized);
    }
    for e in &o.enterprises {
        let leader = if e.is_leader { format!("“领跑者” {}{}", cell(&e.leader_level), e.leader_batch.map(|y| format!(" {y}年批次")).unwrap_or_default()) } else { String::new() };
        println!("  {}\t{}\t{leader}", e.uscc, e.name);
    }
    let b = &p.body;
    println!(
        "一群一策：{}；目标 {} 项，措施 {} 条，联盟成员 {} 个；{}",
        if p.updated_at.is_some() { "已保存" } else { "未保存" },
        b.goals.len(),
        b.measures.len(),
        b.alliance.members.len(),
        pacesetter_core::clusters::docx::coverage_line(p)
    );
}
