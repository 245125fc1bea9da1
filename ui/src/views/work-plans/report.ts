// The evaluation report (总结评估 / 年度报告) laid out as the Word document core writes it: the
// summary line, 一、主要目标完成情况 (milestones and yearly totals for the whole period, or one
// year), 二、重点任务落实情况, 三、分县区情况, 四、问题台账办理情况 — as plain tables of text that the
// preview on the 工作方案 page and the print view both draw.
import type { EvaluationReport } from "../../bindings/EvaluationReport";
import { formatDate } from "../../utils/format";

export interface ReportColumn {
  label: string;
  /** Relative width (the Word table's). */
  width: number;
}
export interface ReportTable {
  key: string;
  columns: ReportColumn[];
  rows: string[][];
}
export interface ReportSection {
  heading: string;
  text?: string;
  tables: ReportTable[];
}
export interface ReportDoc {
  title: string;
  summary: string;
  sections: ReportSection[];
  closing: string;
}

/** Whole numbers without decimals, others with up to two; “—” when missing. */
export function reportNumber(v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  if (Math.abs(v % 1) < 1e-9) return v.toFixed(0);
  return v.toFixed(2).replace(/0+$/, "").replace(/\.$/, "");
}

const withUnit = (v: number | null, unit: string) => (v === null ? "—" : `${reportNumber(v)}${unit}`);
const cols = (...c: [string, number][]): ReportColumn[] => c.map(([label, width]) => ({ label, width }));

/** Whole period: the stock and ratio indicators at each milestone, then the yearly ones per year
 *  with their totals over the period. */
function targetsWhole(r: EvaluationReport): ReportTable[] {
  const milestones = r.years.filter((y) => r.indicators.some((i) => i.figures.some((f) => f.year === y && f.milestone)));
  const stock = r.indicators
    .filter((i) => !i.per_year)
    .map((i) => {
      const row = [i.name, i.unit];
      for (const y of milestones) {
        const f = i.figures.find((f) => f.year === y && f.milestone);
        row.push(f ? reportNumber(f.target) : "—", f ? reportNumber(f.actual) : "—");
      }
      const last = [...i.figures].reverse().find((f) => f.milestone) ?? i.figures[i.figures.length - 1];
      row.push(last?.status_label ?? "");
      return row;
    });
  const yearly = r.indicators
    .filter((i) => i.per_year)
    .map((i) => [
      i.name,
      withUnit(i.yearly_target, i.unit),
      ...r.years.map((y) => reportNumber(i.figures.find((f) => f.year === y)?.actual)),
      `${reportNumber(i.total_actual)}/${reportNumber(i.total_target)}`,
      i.total_status,
    ]);
  return [
    {
      key: "milestones",
      columns: cols(["指标", 8], ["单位", 2], ...milestones.flatMap((y): [string, number][] => [[`${y}年目标`, 3], [`${y}年完成`, 3]]), ["完成情况", 3]),
      rows: stock,
    },
    { key: "yearly", columns: cols(["指标", 7], ["每年目标", 3], ...r.years.map((y): [string, number] => [`${y}年`, 3]), ["累计完成/累计目标", 4], ["完成情况", 3]), rows: yearly },
  ];
}

function targetsYear(r: EvaluationReport): ReportTable {
  const rows = r.indicators.map((i) => {
    const f = i.figures[0];
    const pct = f && f.actual !== null && f.target !== null && f.target > 0 ? `${((f.actual / f.target) * 100).toFixed(0)}%` : "—";
    return [i.name, i.unit, reportNumber(f?.target), reportNumber(f?.actual), pct, f?.status_label ?? "", i.source];
  });
  return { key: "year", columns: cols(["指标", 8], ["单位", 2], ["目标值", 3], ["完成值", 3], ["完成进度", 3], ["状态", 3], ["数据来源", 3]), rows };
}

/** The report as its sections and tables. */
export function reportDoc(r: EvaluationReport): ReportDoc {
  const asOf = formatDate(r.as_of);
  const met = r.indicators.filter((i) => i.figures[i.figures.length - 1]?.status_label === "已达标").length;
  const done = r.measures.filter((m) => m.status === "已完成").length;
  const summary = `${r.scope_label}，《${r.plan.title}》共设主要目标指标 ${r.indicators.length} 项，截至${asOf}已达标 ${met} 项；重点任务 ${r.measures.length} 条，已完成 ${done} 条。`;
  const measures: ReportTable = {
    key: "measures",
    columns: cols(["序号", 2], ["工作措施", 5], ["牵头单位", 5], ["完成时限", 3], ["落实情况", 5], ["进展", 12]),
    rows: r.measures.map((m) => [
      `${m.action_no}.${m.measure_no}`,
      m.title,
      m.lead_unit,
      m.deadline,
      `${m.status}（${m.units_done}/${m.units_total}个单位）`,
      m.progress.length ? m.progress.join("\n") : "尚无进展填报",
    ]),
  };
  const counties: ReportTable = {
    key: "counties",
    columns: cols(["县（市、区）", 4], ["企业数", 2], ...r.county_indicators.map(([n, u]): [string, number] => [`${n}（${u}）`, 3]), ["措施已完成", 3]),
    rows: r.counties.map((c) => [c.county, String(c.enterprises), ...c.values.map(reportNumber), `${c.measures_done}/${c.measures_total}`]),
  };
  const l = r.ledger;
  const rate = l.close_rate_pct === null ? "—" : `${reportNumber(l.close_rate_pct)}%`;
  return {
    title: r.title,
    summary,
    sections: [
      { heading: "一、主要目标完成情况", tables: r.whole ? targetsWhole(r) : [targetsYear(r)] },
      { heading: "二、重点任务落实情况", tables: [measures] },
      { heading: "三、分县区情况", tables: [counties] },
      {
        heading: "四、问题台账办理情况",
        text: `${r.scope_label}共征集企业问题 ${l.total} 件，已办结 ${l.closed} 件（其中销号 ${l.confirmed} 件），正在办理 ${l.open} 件，退回 ${l.returned} 件，办结率 ${rate}。`,
        tables: [{ key: "ledger", columns: cols(["问题类别", 6], ["件数", 3]), rows: l.by_category.map(([c, n]) => [c, String(n)]) }],
      },
    ],
    closing: `（统计日期：${asOf}。企业库计算的指标按统计日期的企业库数据计算。）`,
  };
}

/** Column widths as percentages of the table. */
export function widthsPct(columns: ReportColumn[]): number[] {
  const total = columns.reduce((s, c) => s + c.width, 0);
  return columns.map((c) => (100 * c.width) / total);
}
