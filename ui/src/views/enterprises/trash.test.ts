import { describe, expect, it } from "vitest";
import { trashCounts } from "./trash";

describe("trashCounts", () => {
  it("names every kind of record with its count", () => {
    const line = trashCounts([
      { table: "enterprise_figures", label: "年度数据", count: 2 },
      { table: "problems", label: "问题台账", count: 1 },
    ]);
    expect(line).toBe("年度数据 2 条，问题台账 1 条");
  });
  it("says so when there is nothing else", () => {
    expect(trashCounts([])).toBe("无其他记录");
  });
});
