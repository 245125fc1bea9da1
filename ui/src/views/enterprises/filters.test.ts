// The list filters survive the route query, become the core's query and show as chips.
import { describe, expect, it } from "vitest";
import { chips, emptyFilters, fromRouteQuery, toEnterpriseQuery, toRouteQuery, withoutChip } from "./filters";

describe("enterprise list filters", () => {
  const f = { ...emptyFilters(), search: "农机", qualifications: ["专精特新"], stages: ["已股改", "辅导备案"], inPool: false, revenueMin: 5000 };

  it("round-trip through the route query", () => {
    const q = toRouteQuery(f, 3);
    expect(q).toEqual({ q: "农机", qual: "专精特新", pool: "0", stage: "已股改,辅导备案", rev_min: "5000", page: "3" });
    expect(fromRouteQuery(q)).toEqual(f);
    expect(toRouteQuery(emptyFilters())).toEqual({});
    expect(fromRouteQuery({ rev_min: "abc", pool: "x" })).toEqual(emptyFilters());
  });

  it("become the core query with blanks left out", () => {
    expect(toEnterpriseQuery(f)).toEqual({
      search: "农机", qualifications: ["专精特新"], stages: ["已股改", "辅导备案"], in_pool: false, revenue_min: 5000,
      county: undefined, cluster: undefined, qualification_year: undefined, leader: undefined, white_list: undefined,
      eco_positive: undefined, leader_batch: undefined, boards: undefined, tier: undefined, figures_year: undefined,
      revenue_max: undefined, rd_ratio_min: undefined, rd_ratio_max: undefined, missing_figures: undefined, missing_uscc: undefined,
    });
  });

  it("show one chip per filter and remove it", () => {
    const c = chips(f);
    expect(c.map((x) => x.label)).toEqual(["资质：专精特新", "上市培育库：未入库", "上市进度：已股改、辅导备案", "营业收入 ≥ 5000 万元"]);
    const rest = withoutChip(f, "stages");
    expect(rest.stages).toEqual([]);
    expect(chips(rest)).toHaveLength(3);
  });
});
