import { describe, expect, it } from "vitest";
import { countText } from "./display";

const count = { in_pool: 2, target: 30, basis: "工作方案措施 1.1：纳入上市培育库 30 家", leaders: 0, white_list: 0, eco_positive: 0 };

describe("countText", () => {
  it("says 入库 n / 30 for the pool and the count of other lists", () => {
    expect(countText("pool", 2, count, null)).toBe("入库 2 / 30（工作方案措施 1.1：纳入上市培育库 30 家）");
    expect(countText("pool", 1, count, "2026-11-24")).toBe("2026-11-24 入库 1 / 30");
    expect(countText("leader", 3, count, null)).toBe("共 3 家企业");
  });
});
