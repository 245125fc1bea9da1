// Unit tests of the 目标看板 display helpers: value texts and chart options.
import { describe, expect, it } from "vitest";
import { noteWithCity, progressOption, trendOption, valueText } from "./display";
import type { IndicatorProgress } from "../../bindings/IndicatorProgress";

const item = (over: Partial<IndicatorProgress>): IndicatorProgress => ({
  key: "little_giant",
  name: "专精特新“小巨人”企业数",
  unit: "家",
  kind: "computed",
  per_year: false,
  target: 50,
  target_year: 2025,
  expected: 50,
  value: 20,
  progress_pct: 40,
  status: "at_risk",
  status_label: "滞后",
  note: "",
  counted: 20,
  excluded: 0,
  reaching: null,
  entry: null,
  city_target: null,
  city_value: null,
  trend: [
    { year: 2024, value: 10, target: 50, status: "at_risk" },
    { year: 2025, value: 20, target: 50, status: "at_risk" },
  ],
  ...over,
});

describe("目标看板 display", () => {
  it("formats counts and ratios", () => {
    expect(valueText(3, "家")).toBe("3家");
    expect(valueText(3.456, "%")).toBe("3.46%");
    expect(valueText(null, "%")).toBe("—");
  });
  it("caps bars and colours them by status", () => {
    const o = progressOption([item({}), item({ key: "x", progress_pct: 400, status: "met" }), item({ key: "y", value: null, progress_pct: null, status: "no_data" })]);
    const data = o.series[0].data;
    expect(data.map((d) => d.value)).toEqual([40, 150, 0]);
    expect(data[1].itemStyle.color).toBe("#2e9d57");
    expect(o.series[0].label.formatter({ dataIndex: 2 })).toBe("暂无数据");
    expect(o.series[0].label.formatter({ dataIndex: 0 })).toBe("20家 / 50家");
  });
  it("draws the trend against its target", () => {
    const o = trendOption(item({}));
    expect(o.xAxis.data).toEqual(["2024年", "2025年"]);
    expect(o.series[1].data).toEqual([50, 50]);
  });
  it("puts the city's target and value before a county's note", () => {
    const i = item({ note: "1 家", city_target: 50, city_value: 20 });
    expect(noteWithCity("南和区", i)).toBe("全市目标 50家，全市完成 20家；1 家");
    expect(noteWithCity(null, i)).toBe("1 家");
  });
});
