import { describe, expect, it } from "vitest";
import { routeOf } from "./open";

describe("routeOf", () => {
  it("opens each item where it is acted on", () => {
    expect(routeOf({ page: "measure", task_id: 3, unit: "南和区" })).toEqual({ path: "/tasks", query: { task: "3", unit: "南和区" } });
    expect(routeOf({ page: "problem", problem_id: 7 })).toEqual({ path: "/ledger", query: { problem: "7" } });
    expect(routeOf({ page: "import", import_id: 2 })).toEqual({ path: "/imports", query: { import: "2" } });
    expect(routeOf({ page: "enterprise", enterprise_id: 5 })).toEqual({ path: "/enterprises/5" });
    expect(routeOf({ page: "list", list: "pool" })).toEqual({ path: "/lists/pool" });
  });
});
