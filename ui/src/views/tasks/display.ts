// How task progress is shown: urgency and status colours (逾期未完成 is grey: a past deadline
// missed once, not a renewed alarm), period labels, the current month.
// The codes themselves (urgency, statuses, periods) come from core.
import { formatDate } from "../../utils/format";

export const URGENCY: Record<string, { label: string; type: "danger" | "warning" | "success" | "info" | "primary" }> = {
  overdue: { label: "逾期", type: "danger" },
  missed: { label: "逾期未完成", type: "info" },
  due_soon: { label: "临期", type: "warning" },
  done: { label: "已完成", type: "success" },
  on_track: { label: "按期推进", type: "primary" },
  long_term: { label: "长期坚持", type: "info" },
};

export const STATUS_TYPE: Record<string, "danger" | "warning" | "success" | "info" | "primary"> = {
  未填报: "info",
  未启动: "info",
  推进中: "primary",
  已完成: "success",
  滞后: "danger",
};

const QUARTER_NAMES = ["一", "二", "三", "四"];

/** 2026-11 → 2026年11月, 2026Q4 → 2026年第四季度. */
export function periodLabel(p: string | null | undefined): string {
  if (!p) return "";
  const q = /^(\d{4})Q([1-4])$/.exec(p);
  if (q) return `${q[1]}年第${QUARTER_NAMES[Number(q[2]) - 1]}季度`;
  const m = /^(\d{4})-(\d{2})$/.exec(p);
  return m ? `${m[1]}年${Number(m[2])}月` : p;
}

/** This month as a period, e.g. 2026-11. */
export function currentMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}`;
}

/** 0.5 → "0.5%", null → "". */
export function percentText(v: number | null | undefined): string {
  return v === null || v === undefined ? "" : `${v}%`;
}

/** The urgency as shown for one unit; 逾期未完成 carries the date the measure fell due. */
export function urgencyText(r: { urgency: string; due_date: string | null }): string {
  const label = URGENCY[r.urgency]?.label ?? r.urgency;
  return r.urgency === "missed" && r.due_date ? `${label}（${formatDate(r.due_date)}到期）` : label;
}
