import { describe, expect, it } from "vitest";
import type { Task } from "../../bindings/Task";
import type { PlanIndicator } from "../../bindings/PlanIndicator";
import { indicatorForm, indicatorInput, measureForm, measureLabel, newMeasureForm } from "./content";

const task = (action_no: number, measure_no: number, content: string): Task => ({
  id: action_no * 10 + measure_no,
  seq: 1,
  action_no,
  action: `行动${action_no}`,
  measure_no,
  title: "标题",
  content,
  lead_unit: "市工业和信息化局",
  units: ["市工业和信息化局", "市科技局"],
  deadline: "2027年底",
  plan_id: 2,
  deadline_note: "",
  quantities: [{ amount: 10, unit: "场", text: "10场" }],
});

describe("work plan content editors", () => {
  it("labels a measure by number and cut content", () => {
    expect(measureLabel(task(2, 3, "每年组织开展10场产融对接活动，服务“领跑者”企业融资"), 10)).toBe("2.3 每年组织开展10场产…");
    expect(measureLabel(task(1, 1, "遴选 企业"))).toBe("1.1 遴选企业");
  });

  it("fills the 措施 form and a new one after the last measure", () => {
    const f = measureForm(task(2, 3, "x"));
    expect([f.lead_unit, f.co_units, f.deadline]).toEqual(["市工业和信息化局", ["市科技局"], "2027年底"]);
    const n = newMeasureForm([task(1, 4, "a"), task(3, 2, "b"), task(3, 1, "c")]);
    expect([n.action_no, n.measure_no, n.action]).toEqual([3, 3, "行动3"]);
    expect(newMeasureForm([]).measure_no).toBe(1);
  });

  it("turns targets into one text per year and back", () => {
    const ind: PlanIndicator = { key: "little_giant", name: "小巨人", unit: "家", computed: true, per_year: false, yearly_target: null, targets: [{ year: 2027, target: 30 }], note: null, entries: 0 };
    const f = indicatorForm(ind, [2026, 2027, 2028]);
    expect(f.years).toEqual({ 2026: "", 2027: "30", 2028: "" });
    f.years[2028] = " 60 ";
    f.yearly_target = "5";
    const input = indicatorInput(f);
    expect(input.targets).toEqual([{ year: 2026, target: "" }, { year: 2027, target: "30" }, { year: 2028, target: "60" }]);
    expect(input.yearly_target).toBe(""); // a stock indicator sends no yearly target
    expect(indicatorForm(null, [2026]).unit).toBe("家");
  });
});
