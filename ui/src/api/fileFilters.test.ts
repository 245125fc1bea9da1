// Which dropped files count as spreadsheets for the import.
import { describe, expect, it } from "vitest";
import { isSheetFile } from "./fileFilters";

describe("isSheetFile", () => {
  it.each([
    ["C:\\报送\\宁晋县.xlsx", true],
    ["/home/u/名单.XLS", true],
    ["/home/u/名单.xlsm", true],
    ["/home/u/名单.csv", true],
    ["/home/u/名单.TXT", true],
    ["/home/u/名单.ods", true],
    ["/home/u/任务分工表.docx", false],
    ["/home/u/xlsx", false],
    ["/home/u/备份.db", false],
  ])("%s → %s", (path, want) => {
    expect(isSheetFile(path)).toBe(want);
  });
});
