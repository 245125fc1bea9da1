// Unit tests of the ledger's display helpers.
import { describe, expect, it } from "vitest";
import { daysLeftText, lightOf, rateText, todayIso } from "./display";

describe("ledger display", () => {
  it("says how many days are left or overdue", () => {
    expect(daysLeftText("2026-11-29", "2026-11-26")).toBe("剩 3 天");
    expect(daysLeftText("2026-11-26", "2026-11-26")).toBe("今天到期");
    expect(daysLeftText("2026-11-20", "2026-11-26")).toBe("超期 6 天");
    expect(daysLeftText(null, "2026-11-26")).toBe("");
  });
  it("labels lights and rates", () => {
    expect(lightOf("overdue").label).toBe("已超期");
    expect(lightOf("unknown").label).toBe("未交办");
    expect(rateText(50)).toBe("50.0%");
    expect(rateText(null)).toBe("—");
    expect(todayIso(new Date(2026, 0, 5))).toBe("2026-01-05");
  });
});
