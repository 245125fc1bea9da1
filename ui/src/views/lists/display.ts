// The 名单 page's tabs and its count line (入库 n / 30 for the 上市培育库, from the plan).
import type { ListKind } from "../../bindings/ListKind";
import type { PoolCount } from "../../bindings/PoolCount";

export const LIST_TABS: { kind: ListKind; label: string }[] = [
  { kind: "pool", label: "上市培育库" },
  { kind: "leader", label: "“领跑者”企业" },
  { kind: "white_list", label: "产业链供应链白名单" },
  { kind: "eco_positive", label: "生态环境监管正面清单" },
];

/** 入库 2 / 30（工作方案措施 1.1…）, or 共 n 家企业; on a past date the count of that day. */
export function countText(kind: ListKind, members: number, count: PoolCount | null, on: string | null): string {
  const day = on ? `${on} ` : "";
  if (kind === "pool" && count && !on) return `入库 ${count.in_pool} / ${count.target}（${count.basis}）`;
  if (kind === "pool" && count) return `${day}入库 ${members} / ${count.target}`;
  return `${day}共 ${members} 家企业`;
}
