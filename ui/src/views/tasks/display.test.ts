// Period labels and the current month as the task pages show them.
import { describe, expect, it } from "vitest";
import { currentMonth, percentText, periodLabel, urgencyText } from "./display";

describe("task display", () => {
  it("labels months and quarters", () => {
    expect(periodLabel("2026-11")).toBe("2026年11月");
    expect(periodLabel("2026-01")).toBe("2026年1月");
    expect(periodLabel("2026Q4")).toBe("2026年第四季度");
    expect(periodLabel("")).toBe("");
  });
  it("gives the current month as a period", () => {
    expect(currentMonth(new Date(2026, 0, 5))).toBe("2026-01");
  });
  it("shows percents", () => {
    expect(percentText(60)).toBe("60%");
    expect(percentText(null)).toBe("");
  });
  it("says when a missed measure fell due, and only for 逾期未完成", () => {
    expect(urgencyText({ urgency: "missed", due_date: "2023-12-31" })).toBe("逾期未完成（2023年12月31日到期）");
    expect(urgencyText({ urgency: "missed", due_date: null })).toBe("逾期未完成");
    expect(urgencyText({ urgency: "overdue", due_date: "2026-06-30" })).toBe("逾期");
  });
});
