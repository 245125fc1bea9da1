// The coverage line and the alliance members' round trip through the member choice.
import { describe, expect, it } from "vitest";
import { coverageText, membersFromChoice, membersToChoice } from "./display";
import type { ClusterEnterprise } from "../../bindings/ClusterEnterprise";

const e = (uscc: string, name: string) => ({ uscc, name }) as ClusterEnterprise;

describe("cluster display", () => {
  it("says the coverage with its counts", () => {
    expect(coverageText({ done: 1, planned: 1, total: 3, pct: 33.3 })).toBe("诊断服务覆盖率 33.3%（已诊断 1 / 3 家，计划 1 家）");
    expect(coverageText({ done: 0, planned: 0, total: 0, pct: null })).toContain("—");
  });
  it("keeps enterprises by USCC and other bodies by name", () => {
    const ents = [e("91130506MA01RRJY81", "河北嘉坤农机装备股份有限公司")];
    const members = membersFromChoice(["91130506MA01RRJY81", "河北农业大学"], ents);
    expect(members).toEqual([
      { uscc: "91130506MA01RRJY81", name: "河北嘉坤农机装备股份有限公司" },
      { uscc: null, name: "河北农业大学" },
    ]);
    expect(membersToChoice(members)).toEqual(["91130506MA01RRJY81", "河北农业大学"]);
  });
});
