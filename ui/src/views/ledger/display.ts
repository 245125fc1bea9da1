// How the ledger shows a problem: traffic-light colours and labels, state tag colours, and the
// deadline text ("剩 2 天" / "超期 5 天") as users read them.
export interface Light {
  label: string;
  color: string;
}

export const LIGHTS: Record<string, Light> = {
  overdue: { label: "已超期", color: "#e03131" },
  due_soon: { label: "3天内到期", color: "#f59f00" },
  on_time: { label: "按期办理", color: "#2f9e44" },
  closed: { label: "已办结", color: "#909399" },
  none: { label: "未交办", color: "#c0c4cc" },
};

export function lightOf(light: string): Light {
  return LIGHTS[light] ?? LIGHTS.none;
}

export const STATE_TAG: Record<string, "primary" | "success" | "warning" | "info" | "danger"> = {
  征集: "info",
  交办: "primary",
  对接服务: "warning",
  办结: "success",
  销号: "success",
  退回: "danger",
};

/** Days from `today` to `deadline` (both ISO dates) as text; "" when there is no deadline. */
export function daysLeftText(deadline: string | null, today: string): string {
  if (!deadline) return "";
  const ms = Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`);
  const days = Math.round(ms / 86400000);
  if (Number.isNaN(days)) return "";
  if (days < 0) return `超期 ${-days} 天`;
  if (days === 0) return "今天到期";
  return `剩 ${days} 天`;
}

/** Today as an ISO date in local time. */
export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** 办结率 as shown: "50.0%" or "—" when nothing was assigned. */
export function rateText(pct: number | null): string {
  return pct === null ? "—" : `${pct.toFixed(1)}%`;
}
