// Unit tests of the display formats.
import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatFlag, formatPct, formatWan } from "./format";

describe("format", () => {
  it("shows dates the Chinese way", () => {
    expect(formatDate("2026-11-26")).toBe("2026年11月26日");
    expect(formatDate("2026-11-26T08:30:00")).toBe("2026年11月26日");
    expect(formatDate("2022-08")).toBe("2022年8月");
    expect(formatDate(null)).toBe("");
    expect(formatDateTime("2026-11-26T08:30:05")).toBe("2026年11月26日 08:30");
    expect(formatDateTime("2026-11-26")).toBe("2026年11月26日");
    expect(formatDateTime(null)).toBe("");
  });
  it("shows amounts, ratios and flags", () => {
    expect(formatWan(12345.6)).toBe("12,345.60");
    expect(formatPct(3.5)).toBe("3.50%");
    expect(formatFlag(true)).toBe("是");
    expect(formatFlag(false)).toBe("否");
    expect(formatFlag(null)).toBe("");
  });
});
