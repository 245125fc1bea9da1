import { describe, expect, it } from "vitest";
import { changedCells, checkText, draftOf, draftSum, partValueText, pointsText } from "./display";
import type { Allocation } from "../../bindings/Allocation";
import type { AllocationIndicator } from "../../bindings/AllocationIndicator";

const ind = (over: Partial<AllocationIndicator>): AllocationIndicator => ({
  key: "little_giant",
  name: "专精特新“小巨人”企业数",
  unit: "家",
  city_target: 5,
  cells: [2, null],
  summed: true,
  sum: 2,
  balanced: false,
  ...over,
});
const allocation: Allocation = { plan_id: 1, plan_title: "方案", year: 2026, editable: true, counties: ["南和区", "任县"], indicators: [ind({})] };

describe("县区考核 display", () => {
  it("finds the cells a draft changes, removals included", () => {
    const draft = draftOf(allocation);
    expect(changedCells(allocation, draft)).toEqual([]);
    draft.little_giant[1] = 3;
    draft.little_giant[0] = null;
    expect(changedCells(allocation, draft)).toEqual([
      { indicator: "little_giant", county: "南和区", target: null },
      { indicator: "little_giant", county: "任县", target: 3 },
    ]);
    expect(allocation.indicators[0].cells).toEqual([2, null]);
  });
  it("checks the counties' sum against the city's target", () => {
    expect(draftSum([0.1, 0.2, null])).toBe(0.3);
    expect(checkText(ind({}), 5)).toBe("相符");
    expect(checkText(ind({}), 6)).toBe("相符");
    expect(checkText(ind({}), 3.5)).toBe("不足 1.5");
    expect(checkText(ind({ summed: false, unit: "%" }), 0)).toBe("—");
    expect(checkText(ind({ city_target: null }), 0)).toBe("—");
  });
  it("shows score figures", () => {
    expect(partValueText({ item: "ledger_overdue", weight: 5, value: 2, points: 3 })).toBe("2 个");
    expect(partValueText({ item: "ledger_closure", weight: 10, value: 62.5, points: 6.25 })).toBe("62.5%");
    expect(pointsText(6.254)).toBe("6.25");
  });
});
