// Pure display helpers of the 目标看板: status colours and labels, values with units, and the
// ECharts options of the progress bars and the trend line (kept here so they can be unit-tested).
import type { IndicatorProgress } from "../../bindings/IndicatorProgress";

export const STATUS_COLORS: Record<string, string> = {
  met: "#2e9d57",
  on_track: "#3a7bd5",
  at_risk: "#d9432f",
  no_data: "#a8abb2",
};
export const STATUS_TAGS: Record<string, "success" | "primary" | "danger" | "info"> = {
  met: "success",
  on_track: "primary",
  at_risk: "danger",
  no_data: "info",
};
export const STATUS_LABELS: Record<string, string> = { met: "已达标", on_track: "正常推进", at_risk: "滞后", no_data: "暂无数据" };

/** A value as shown: counts whole, ratios with two decimals, “—” when missing. */
export function valueText(v: number | null | undefined, unit: string): string {
  if (v === null || v === undefined) return "—";
  if (unit === "%") return `${v.toFixed(2)}%`;
  return `${Number.isInteger(v) ? v : v.toFixed(2)}${unit}`;
}

/** An indicator's 说明; for a county, the city's target and value first (as the .xlsx export says it). */
export function noteWithCity(county: string | null | undefined, i: IndicatorProgress): string {
  return county ? `全市目标 ${valueText(i.city_target, i.unit)}，全市完成 ${valueText(i.city_value, i.unit)}；${i.note}` : i.note;
}

export const kindLabel = (kind: string) => (kind === "computed" ? "企业库计算" : "人工填报");

/** Bars are capped so one indicator far beyond its target does not squash the others. */
const BAR_CAP = 150;

/** Horizontal bars of completion (value ÷ target) per indicator, coloured by status. */
export function progressOption(items: IndicatorProgress[]) {
  return {
    animation: false,
    grid: { left: 8, right: 110, top: 26, bottom: 10 },
    tooltip: {
      trigger: "item",
      formatter: (p: { dataIndex: number }) => {
        const i = items[p.dataIndex];
        return `${i.name}<br/>完成值：${valueText(i.value, i.unit)}　目标：${valueText(i.target, i.unit)}<br/>状态：${i.status_label}`;
      },
    },
    xAxis: { type: "value", max: BAR_CAP, interval: 50, axisLabel: { formatter: "{value}%" }, splitLine: { lineStyle: { type: "dashed" } } },
    yAxis: {
      type: "category",
      inverse: true,
      data: items.map((i) => i.name),
      axisLabel: { width: 190, overflow: "truncate", fontSize: 12 },
    },
    series: [
      {
        type: "bar",
        barMaxWidth: 16,
        data: items.map((i) => ({
          value: Math.min(i.progress_pct ?? 0, BAR_CAP),
          itemStyle: { color: STATUS_COLORS[i.status] },
        })),
        label: {
          show: true,
          position: "right",
          fontSize: 12,
          formatter: (p: { dataIndex: number }) => {
            const i = items[p.dataIndex];
            return i.value === null ? "暂无数据" : `${valueText(i.value, i.unit)} / ${valueText(i.target, i.unit)}`;
          },
        },
        markLine: { silent: true, symbol: "none", data: [{ xAxis: 100 }], lineStyle: { color: "#606266" }, label: { show: false } },
      },
    ],
  };
}

/** The value of one indicator over the years against its target. */
export function trendOption(item: IndicatorProgress) {
  return {
    animation: false,
    grid: { left: 16, right: 24, top: 40, bottom: 8 },
    legend: { top: 4, data: ["完成值", "目标"] },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: item.trend.map((t) => `${t.year}年`) },
    yAxis: { type: "value", name: item.unit, nameTextStyle: { padding: [0, 0, 0, 8] } },
    series: [
      {
        name: "完成值",
        type: "line",
        connectNulls: false,
        symbolSize: 9,
        data: item.trend.map((t) => ({ value: t.value, itemStyle: { color: STATUS_COLORS[t.status] } })),
        lineStyle: { color: "#8f1d1d" },
        label: { show: true, position: "top", formatter: (p: { value: number | null }) => (p.value === null ? "" : valueText(p.value, item.unit)) },
      },
      {
        name: "目标",
        type: "line",
        step: "end",
        symbol: "none",
        data: item.trend.map((t) => t.target),
        lineStyle: { type: "dashed", color: "#909399" },
        itemStyle: { color: "#909399" },
      },
    ],
  };
}
