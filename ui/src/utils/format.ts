// Display formats: 万元 amounts, percentages, flags and dates as users read them.
export function formatWan(v: number | null | undefined): string {
  if (v === null || v === undefined) return "";
  return v.toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function formatPct(v: number | null | undefined): string {
  if (v === null || v === undefined) return "";
  return `${v.toFixed(2)}%`;
}

export function formatFlag(v: boolean | null | undefined): string {
  if (v === null || v === undefined) return "";
  return v ? "是" : "否";
}

/** "2026-11-26" or "2026-11-26T10:00:00" → "2026年11月26日". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  return d ? `${y}年${Number(mo)}月${Number(d)}日` : `${y}年${Number(mo)}月`;
}

/** "2026-11-26T08:30:00" → "2026年11月26日 08:30" (date only when there is no time). */
export function formatDateTime(iso: string | null | undefined): string {
  const date = formatDate(iso);
  const t = iso ? /T(\d{2}:\d{2})/.exec(iso) : null;
  return t ? `${date} ${t[1]}` : date;
}
