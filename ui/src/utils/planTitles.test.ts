import { describe, expect, it } from "vitest";
import { documentTitle, periodText, planStem, planYears } from "./planTitles";

const XINGTAI = "邢台市特色产业集群“领跑者”企业培育工作方案";

describe("plan titles", () => {
  it("name the plan's documents after its title", () => {
    expect(documentTitle(XINGTAI, null, "任务分工表")).toBe("邢台市特色产业集群“领跑者”企业培育任务分工表");
    expect(documentTitle(XINGTAI, "清河县", "任务分工表")).toBe("清河县特色产业集群“领跑者”企业培育任务分工表");
    expect(documentTitle("邯郸市领跑者企业培育行动方案", "馆陶县", "任务分工表")).toBe("馆陶县领跑者企业培育任务分工表");
    expect(documentTitle("邯郸市领跑者企业培育实施方案", null, "主要目标完成情况")).toBe("邯郸市领跑者企业培育主要目标完成情况");
  });

  it("strip 《》 and only a trailing 方案", () => {
    expect(planStem("《邯郸市“领跑者”企业培育行动方案（2023—2027年）》")).toBe("邯郸市“领跑者”企业培育行动方案（2023—2027年）");
    expect(planStem("《邢台市专精特新方案》")).toBe("邢台市专精特新");
    expect(planStem("无后缀的名称")).toBe("无后缀的名称");
  });

  it("keep a 市 that is not the leading city's", () => {
    // 市 beyond the first three characters is not a city name: the county goes before the whole stem.
    expect(documentTitle("河北省特色产业集群市场主体培育方案", "清河县", "任务分工表")).toBe("清河县河北省特色产业集群市场主体培育任务分工表");
  });

  it("give the plan's years up to its end or this year", () => {
    const plan = { start_year: 2022, end_year: 2025 };
    expect(periodText(plan)).toBe("2022—2025年");
    expect(planYears(plan, new Date(2026, 11, 1))).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(planYears(plan, new Date(2024, 0, 1))).toEqual([2022, 2023, 2024, 2025]);
    expect(planYears({ start_year: 2027, end_year: 2029 }, new Date(2026, 0, 1))).toEqual([2027, 2028, 2029]);
  });
});
