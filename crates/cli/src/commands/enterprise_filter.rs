//! The enterprise-list filters as command-line options, shared by `list enterprises` and `batch`:
//! the same `EnterpriseQuery` the desktop list sends, so both give the same enterprises.
use pacesetter_core::enterprise::EnterpriseQuery;

#[derive(clap::Args, Debug, Default, Clone)]
pub struct FilterArgs {
    /// 只列出该县（市、区）的企业
    #[arg(long)]
    pub county: Option<String>,
    /// 按企业名称或统一社会信用代码搜索
    #[arg(long)]
    pub search: Option<String>,
    /// 特色产业集群
    #[arg(long)]
    pub cluster: Option<String>,
    /// 持有该资质（专精特新、小巨人、高新、创新型、科技型 … 或资质类别的全称；可重复，须同时具备）
    #[arg(long = "qualification")]
    pub qualifications: Vec<String>,
    /// 与 --qualification 同用：持有在此年有效的证书（往年看 12 月 31 日，本年看今天）
    #[arg(long)]
    pub qualification_year: Option<i64>,
    /// 在上市培育库（入库企业）
    #[arg(long, conflicts_with = "not_in_pool")]
    pub in_pool: bool,
    /// 不在上市培育库
    #[arg(long)]
    pub not_in_pool: bool,
    /// 是“领跑者”企业
    #[arg(long, conflicts_with = "not_leader")]
    pub leader: bool,
    /// 不是“领跑者”企业
    #[arg(long)]
    pub not_leader: bool,
    /// “领跑者”批次（年份）
    #[arg(long)]
    pub leader_batch: Option<i64>,
    /// “领跑者”级别：省级 或 市级
    #[arg(long)]
    pub leader_level: Option<String>,
    /// 在产业链供应链白名单
    #[arg(long)]
    pub white_list: bool,
    /// 在生态环境监管正面清单
    #[arg(long)]
    pub eco_positive: bool,
    /// 上市进度（可重复，任一即可；“未填”为没有填写）
    #[arg(long = "stage")]
    pub stages: Vec<String>,
    /// 拟上市板块（可重复，任一即可；“未填”为没有填写）
    #[arg(long = "board")]
    pub boards: Vec<String>,
    /// 梯队（“未填”为没有填写）
    #[arg(long)]
    pub tier: Option<String>,
    /// 营业收入、研发投入占比范围所看的年度（默认：各企业最近一年）
    #[arg(long)]
    pub figures_year: Option<i64>,
    /// 营业收入不低于（万元）
    #[arg(long)]
    pub revenue_min: Option<f64>,
    /// 营业收入不高于（万元）
    #[arg(long)]
    pub revenue_max: Option<f64>,
    /// 研发投入占比不低于（%）
    #[arg(long)]
    pub rd_ratio_min: Option<f64>,
    /// 研发投入占比不高于（%）
    #[arg(long)]
    pub rd_ratio_max: Option<f64>,
    /// 该年度没有年度数据
    #[arg(long)]
    pub missing_figures: Option<i64>,
    /// 统一社会信用代码缺失或校验位错误
    #[arg(long)]
    pub missing_uscc: bool,
}

fn either(yes: bool, no: bool) -> Option<bool> {
    match (yes, no) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    }
}

fn many(v: &[String]) -> Option<Vec<String>> {
    (!v.is_empty()).then(|| v.to_vec())
}

impl FilterArgs {
    pub fn query(&self) -> EnterpriseQuery {
        EnterpriseQuery {
            search: self.search.clone(),
            county: self.county.clone(),
            cluster: self.cluster.clone(),
            qualifications: many(&self.qualifications),
            qualification_year: self.qualification_year,
            in_pool: either(self.in_pool, self.not_in_pool),
            leader: either(self.leader, self.not_leader),
            leader_batch: self.leader_batch,
            leader_level: self.leader_level.clone(),
            white_list: self.white_list.then_some(true),
            eco_positive: self.eco_positive.then_some(true),
            stages: many(&self.stages),
            boards: many(&self.boards),
            tier: self.tier.clone(),
            figures_year: self.figures_year,
            revenue_min: self.revenue_min,
            revenue_max: self.revenue_max,
            rd_ratio_min: self.rd_ratio_min,
            rd_ratio_max: self.rd_ratio_max,
            missing_figures: self.missing_figures,
            missing_uscc: self.missing_uscc.then_some(true),
            ..Default::default()
        }
    }

    /// Whether any filter is given (a batch edit of the whole pool needs `--all`).
    pub fn any(&self) -> bool {
        self.query() != EnterpriseQuery::default()
    }
}
