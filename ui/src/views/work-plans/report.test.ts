// The report's layout: milestones of stock indicators, yearly indicators with their totals, one
// year's table, measures, counties and the ledger line, from a report of the 2022 plan's shape.
import { describe, expect, it } from "vitest";
import type { EvaluationReport } from "../../bindings/EvaluationReport";
import type { YearFigure } from "../../bindings/YearFigure";
import { reportDoc, reportNumber, widthsPct } from "./report";

const fig = (year: number, target: number | null, actual: number | null, milestone: boolean, status_label = "未达标"): YearFigure => ({
  year,
  target,
  actual,
  milestone,
  status_label,
});

function report(whole: boolean): EvaluationReport {
  const years = whole ? [2022, 2023, 2024, 2025] : [2025];
  const giants = whole
    ? [fig(2022, 30, 8, false), fig(2023, 30, 12, true), fig(2024, 50, 15, false), fig(2025, 50, 52, true, "已达标")]
    : [fig(2025, 50, 52, true, "已达标")];
  const reform = years.map((y, i) => fig(y, 5, [6, 4, 5, 7][i] ?? 7, false, "已达标"));
  return {
    plan: { id: 1, title: "邢台市特色产业集群“领跑者”企业培育工作方案", issuer: "", doc_no: "", issued_on: null, start_year: 2022, end_year: 2025, status: "ended", status_label: "已结束", unlocked: false, editable: false, current: true, measures: 1, indicators: 2 },
    title: "《邢台市特色产业集群“领跑者”企业培育工作方案》总结评估报告",
    scope_label: whole ? "2022—2025年" : "2025年度",
    whole,
    years,
    as_of: "2025-12-31",
    indicators: [
      { key: "little_giant", name: "国家级专精特新“小巨人”企业", unit: "家", source: "企业库计算", per_year: false, yearly_target: null, figures: giants, total_target: null, total_actual: null, total_status: "暂无数据" },
      { key: "shareholding_reform", name: "股份制改造", unit: "家", source: "人工填报", per_year: true, yearly_target: 5, figures: reform, total_target: 5 * years.length, total_actual: reform.reduce((s, f) => s + (f.actual ?? 0), 0), total_status: "已达标" },
    ],
    measures: [
      { action_no: 1, action: "梯度培育", measure_no: 1, title: "锁定培育目标", deadline: "2023年底", lead_unit: "市工业和信息化局", status: "逾期未完成", units_done: 0, units_total: 2, progress: ["市工业和信息化局：已建库（推进中，2023年12月）"] },
    ],
    county_indicators: [["国家级专精特新“小巨人”企业", "家"]],
    counties: [{ county: "清河县", enterprises: 25, values: [3], measures_done: 1, measures_total: 21 }],
    ledger: { total: 4, closed: 3, confirmed: 1, open: 1, returned: 0, close_rate_pct: 75, by_category: [["融资", 3], ["用地", 1]] },
  };
}

describe("evaluation report layout", () => {
  it("writes numbers as the Word document does", () => {
    expect(reportNumber(30)).toBe("30");
    expect(reportNumber(3.5)).toBe("3.5");
    expect(reportNumber(2.456)).toBe("2.46");
    expect(reportNumber(null)).toBe("—");
  });

  it("shows each milestone of a stock indicator and the totals of a yearly one", () => {
    const doc = reportDoc(report(true));
    const [milestones, yearly] = doc.sections[0].tables;
    expect(milestones.columns.map((c) => c.label)).toEqual(["指标", "单位", "2023年目标", "2023年完成", "2025年目标", "2025年完成", "完成情况"]);
    expect(milestones.rows).toEqual([["国家级专精特新“小巨人”企业", "家", "30", "12", "50", "52", "已达标"]]);
    expect(yearly.columns.map((c) => c.label)).toEqual(["指标", "每年目标", "2022年", "2023年", "2024年", "2025年", "累计完成/累计目标", "完成情况"]);
    expect(yearly.rows).toEqual([["股份制改造", "5家", "6", "4", "5", "7", "22/20", "已达标"]]);
    expect(doc.summary).toBe("2022—2025年，《邢台市特色产业集群“领跑者”企业培育工作方案》共设主要目标指标 2 项，截至2025年12月31日已达标 2 项；重点任务 1 条，已完成 0 条。");
  });

  it("gives one year's targets with their progress", () => {
    const [table] = reportDoc(report(false)).sections[0].tables;
    expect(table.rows[0]).toEqual(["国家级专精特新“小巨人”企业", "家", "50", "52", "104%", "已达标", "企业库计算"]);
    expect(table.rows[1]).toEqual(["股份制改造", "家", "5", "6", "120%", "已达标", "人工填报"]);
  });

  it("lists measures, counties and the ledger", () => {
    const [, measures, counties, ledger] = reportDoc(report(true)).sections;
    expect(measures.tables[0].rows[0]).toEqual(["1.1", "锁定培育目标", "市工业和信息化局", "2023年底", "逾期未完成（0/2个单位）", "市工业和信息化局：已建库（推进中，2023年12月）"]);
    expect(counties.tables[0].columns.map((c) => c.label)).toEqual(["县（市、区）", "企业数", "国家级专精特新“小巨人”企业（家）", "措施已完成"]);
    expect(counties.tables[0].rows).toEqual([["清河县", "25", "3", "1/21"]]);
    expect(ledger.text).toBe("2022—2025年共征集企业问题 4 件，已办结 3 件（其中销号 1 件），正在办理 1 件，退回 0 件，办结率 75%。");
    expect(ledger.tables[0].rows).toEqual([["融资", "3"], ["用地", "1"]]);
  });

  it("turns relative widths into percentages", () => {
    expect(widthsPct([{ label: "a", width: 1 }, { label: "b", width: 3 }])).toEqual([25, 75]);
  });
});
