//! `pacesetter assess --year N`: the 考核 of the 20 counties for a plan and year, best first:
//! a Chinese table of the points per item, or with `--json` the stable
//! `[{county, score, rank, parts: [{item, weight, value, points}]}]`.
use crate::output::print_json;
use pacesetter_core::counties::assessment::{as_of, assess, scheme};
use pacesetter_core::sheet::text::number_text;
use pacesetter_core::tasks::progress::today;
use pacesetter_core::Result;
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct AssessArgs {
    /// 工作方案编号（默认：当前方案）
    #[arg(long)]
    pub plan: Option<i64>,
    /// 考核年度
    #[arg(long)]
    pub year: i64,
    /// 以 JSON 输出
    #[arg(long)]
    pub json: bool,
}

pub fn run(db: &Path, args: &AssessArgs) -> Result<ExitCode> {
    let store = super::open(db)?;
    let today = today();
    let scores = assess(&store, args.plan, args.year, today)?;
    if args.json {
        print_json(&scores);
        return Ok(ExitCode::SUCCESS);
    }
    let items = scheme(&store, args.plan, args.year)?;
    println!("{}年度县（市、区）考核评分（考核日期：{}）", args.year, as_of(args.year, today));
    let heads: Vec<String> = items.iter().map(|i| format!("{}（{}分）", i.label, number_text(i.weight))).collect();
    println!("排名\t县（市、区）\t{}\t总分", heads.join("\t"));
    for s in &scores {
        let points: Vec<String> = s.parts.iter().map(|p| number_text(p.points)).collect();
        println!("{}\t{}\t{}\t{}", s.rank, s.county, points.join("\t"), number_text(s.score));
    }
    for i in &items {
        println!("  {}：{}", i.label, i.rule);
    }
    Ok(ExitCode::SUCCESS)
}
