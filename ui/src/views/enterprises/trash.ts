// What a deleted enterprise carries in the 回收站, as one line: “年度数据 2 条，问题台账 1 条”.
import type { TrashCount } from "../../bindings/TrashCount";

export function trashCounts(counts: TrashCount[]): string {
  if (counts.length === 0) return "无其他记录";
  return counts.map((c) => `${c.label} ${c.count} 条`).join("，");
}
