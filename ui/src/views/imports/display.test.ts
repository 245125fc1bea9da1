import { describe, expect, it } from "vitest";
import { undoActionLabel } from "./display";

describe("undoActionLabel", () => {
  it("names every action undo and redo report", () => {
    const cases: [string, string][] = [
      ["revert", "恢复"],
      ["remove", "删除"],
      ["keep", "保留"],
      ["gone", "已删除"],
      ["reinsert", "重新添加"],
      ["other", "other"],
    ];
    for (const [action, want] of cases) expect(undoActionLabel(action)).toBe(want);
  });
});
