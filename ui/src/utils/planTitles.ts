// Titles and years taken from a work plan, as core's work_plans::titles does: the plan's title
// without its trailing 工作方案 / 实施方案 / 行动方案 / 方案 plus the document's name, a county's
// version with the county in place of the leading city; the years a plan's pickers offer.

const SUFFIXES = ["工作方案", "实施方案", "行动方案", "方案"];
/** Core finds 市 within the title's first 9 UTF-8 bytes (three Chinese characters). */
const CITY_PREFIX_BYTES = 9;

/** The plan's title without 《》 and its trailing 工作方案 / 实施方案 / 行动方案 / 方案. */
export function planStem(title: string): string {
  const t = title.trim().replace(/^《+/, "").replace(/》+$/, "");
  const suffix = SUFFIXES.find((s) => t.endsWith(s));
  return suffix ? t.slice(0, t.length - suffix.length) : t;
}

/** A document of the plan (`what`: 任务分工表, 任务进展情况汇总表 …), for the city or for a county
 *  (the city's name at the start of the title becomes the county's). */
export function documentTitle(planTitle: string, county: string | null | undefined, what: string): string {
  const stem = planStem(planTitle);
  if (!county) return `${stem}${what}`;
  const i = stem.indexOf("市");
  const bytes = i < 0 ? Infinity : new TextEncoder().encode(stem.slice(0, i)).length;
  const rest = bytes <= CITY_PREFIX_BYTES ? stem.slice(i + 1) : stem;
  return `${county}${rest}${what}`;
}

/** 2022—2025年. */
export const periodText = (p: { start_year: number; end_year: number }) => `${p.start_year}—${p.end_year}年`;

/** The years a period picker offers: from the plan's start to its end, or to this year when later
 *  (progress of an ended plan may still be reported late). */
export function planYears(p: { start_year: number; end_year: number }, now = new Date()): number[] {
  const last = Math.max(p.end_year, now.getFullYear());
  return Array.from({ length: Math.max(last - p.start_year + 1, 1) }, (_, i) => p.start_year + i);
}
