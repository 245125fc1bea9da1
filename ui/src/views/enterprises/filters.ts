// The enterprise list's filters: kept in the route query (so a detail page and back keeps them),
// turned into the core's EnterpriseQuery, and shown as removable chips.
import type { EnterpriseQuery } from "../../bindings/EnterpriseQuery";

export interface ListFilters {
  search: string;
  county: string;
  cluster: string;
  qualifications: string[];
  qualificationYear: number | null;
  inPool: boolean | null;
  leader: boolean | null;
  whiteList: boolean | null;
  ecoPositive: boolean | null;
  leaderBatch: number | null;
  stages: string[];
  boards: string[];
  tier: string;
  figuresYear: number | null;
  revenueMin: number | null;
  revenueMax: number | null;
  rdMin: number | null;
  rdMax: number | null;
  missingFigures: number | null;
  /** 统一社会信用代码 missing or failing its check character. */
  missingUscc: boolean | null;
}

export const QUALIFICATIONS = ["专精特新", "小巨人", "高新技术企业", "创新型中小企业", "科技型中小企业", "制造业单项冠军", "技术创新示范企业"];

export function emptyFilters(): ListFilters {
  return {
    search: "", county: "", cluster: "", qualifications: [], qualificationYear: null, inPool: null, leader: null,
    whiteList: null, ecoPositive: null, leaderBatch: null, stages: [], boards: [], tier: "", figuresYear: null,
    revenueMin: null, revenueMax: null, rdMin: null, rdMax: null, missingFigures: null, missingUscc: null,
  };
}

type Kind = "text" | "list" | "number" | "flag";
/** Each filter: its route-query key and how it is written there. */
const KEYS: Record<keyof ListFilters, [string, Kind]> = {
  search: ["q", "text"], county: ["county", "text"], cluster: ["cluster", "text"], qualifications: ["qual", "list"],
  qualificationYear: ["qual_year", "number"], inPool: ["pool", "flag"], leader: ["leader", "flag"], whiteList: ["wl", "flag"],
  ecoPositive: ["eco", "flag"], leaderBatch: ["batch", "number"], stages: ["stage", "list"], boards: ["board", "list"],
  tier: ["tier", "text"], figuresYear: ["fy", "number"], revenueMin: ["rev_min", "number"], revenueMax: ["rev_max", "number"],
  rdMin: ["rd_min", "number"], rdMax: ["rd_max", "number"], missingFigures: ["missing", "number"],
  missingUscc: ["bad_uscc", "flag"],
};

type RouteQuery = Record<string, string | null | (string | null)[] | undefined>;

function first(v: RouteQuery[string]): string {
  const s = Array.isArray(v) ? v[0] : v;
  return s ?? "";
}

/** The filters a route query holds (unknown or malformed values are left out). */
export function fromRouteQuery(q: RouteQuery): ListFilters {
  const f = emptyFilters() as unknown as Record<string, unknown>;
  for (const [name, [key, kind]] of Object.entries(KEYS)) {
    const raw = first(q[key]).trim();
    if (!raw) continue;
    if (kind === "text") f[name] = raw;
    else if (kind === "list") f[name] = raw.split(",").filter(Boolean);
    else if (kind === "flag") f[name] = raw === "1" ? true : raw === "0" ? false : null;
    else if (Number.isFinite(Number(raw))) f[name] = Number(raw);
  }
  return f as unknown as ListFilters;
}

/** The route query that holds these filters and the page (page 1 and empty filters left out). */
export function toRouteQuery(filters: ListFilters, page = 1): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, [key, kind]] of Object.entries(KEYS)) {
    const v = (filters as unknown as Record<string, unknown>)[name];
    if (v === null || v === "" || (Array.isArray(v) && v.length === 0)) continue;
    if (kind === "list") out[key] = (v as string[]).join(",");
    else if (kind === "flag") out[key] = v ? "1" : "0";
    else out[key] = String(v);
  }
  if (page > 1) out.page = String(page);
  return out;
}

const opt = <T>(v: T | null | ""): T | undefined => (v === null || v === "" ? undefined : (v as T));
const many = (v: string[]) => (v.length ? [...v] : undefined);

/** The core's query for these filters (without paging). */
export function toEnterpriseQuery(f: ListFilters): EnterpriseQuery {
  return {
    search: opt(f.search), county: opt(f.county), cluster: opt(f.cluster), qualifications: many(f.qualifications),
    qualification_year: opt(f.qualificationYear), in_pool: opt(f.inPool), leader: opt(f.leader), white_list: opt(f.whiteList),
    eco_positive: opt(f.ecoPositive), leader_batch: opt(f.leaderBatch), stages: many(f.stages), boards: many(f.boards),
    tier: opt(f.tier), figures_year: opt(f.figuresYear), revenue_min: opt(f.revenueMin), revenue_max: opt(f.revenueMax),
    rd_ratio_min: opt(f.rdMin), rd_ratio_max: opt(f.rdMax), missing_figures: opt(f.missingFigures),
    missing_uscc: f.missingUscc ? true : undefined,
  };
}

export interface Chip {
  key: keyof ListFilters;
  label: string;
}

const yesNo = (v: boolean, yes: string, no: string) => (v ? yes : no);

/** One removable chip per filter given (search and county have their own inputs). */
export function chips(f: ListFilters): Chip[] {
  const out: Chip[] = [];
  const year = f.figuresYear ? `${f.figuresYear}年` : "";
  if (f.cluster) out.push({ key: "cluster", label: `集群：${f.cluster}` });
  if (f.qualifications.length) out.push({ key: "qualifications", label: `资质：${f.qualifications.join(" + ")}` });
  if (f.qualificationYear) out.push({ key: "qualificationYear", label: `资质在${f.qualificationYear}年有效` });
  if (f.inPool !== null) out.push({ key: "inPool", label: yesNo(f.inPool, "上市培育库：已入库", "上市培育库：未入库") });
  if (f.leader !== null) out.push({ key: "leader", label: yesNo(f.leader, "“领跑者”企业", "非“领跑者”企业") });
  if (f.leaderBatch) out.push({ key: "leaderBatch", label: `领跑者批次：${f.leaderBatch}年` });
  if (f.whiteList !== null) out.push({ key: "whiteList", label: yesNo(f.whiteList, "白名单", "不在白名单") });
  if (f.ecoPositive !== null) out.push({ key: "ecoPositive", label: yesNo(f.ecoPositive, "正面清单", "不在正面清单") });
  if (f.stages.length) out.push({ key: "stages", label: `上市进度：${f.stages.join("、")}` });
  if (f.boards.length) out.push({ key: "boards", label: `拟上市板块：${f.boards.join("、")}` });
  if (f.tier) out.push({ key: "tier", label: `梯队：${f.tier}` });
  if (f.revenueMin !== null) out.push({ key: "revenueMin", label: `${year}营业收入 ≥ ${f.revenueMin} 万元` });
  if (f.revenueMax !== null) out.push({ key: "revenueMax", label: `${year}营业收入 ≤ ${f.revenueMax} 万元` });
  if (f.rdMin !== null) out.push({ key: "rdMin", label: `${year}研发投入占比 ≥ ${f.rdMin}%` });
  if (f.rdMax !== null) out.push({ key: "rdMax", label: `${year}研发投入占比 ≤ ${f.rdMax}%` });
  if (f.figuresYear && [f.revenueMin, f.revenueMax, f.rdMin, f.rdMax].every((v) => v === null))
    out.push({ key: "figuresYear", label: `指标年度：${f.figuresYear}年` });
  if (f.missingFigures) out.push({ key: "missingFigures", label: `缺少${f.missingFigures}年数据` });
  if (f.missingUscc) out.push({ key: "missingUscc", label: "统一社会信用代码缺失或有误" });
  return out;
}

/** The filters without the one a chip stands for. */
export function withoutChip(f: ListFilters, key: keyof ListFilters): ListFilters {
  const blank = emptyFilters();
  return { ...f, [key]: blank[key] };
}
