// The package names the 数据交换 page shows and saves under.
import { describe, expect, it } from "vitest";
import { describePackage, packageFileName } from "./exchange";

describe("exchange names", () => {
  it("says which way a package goes", () => {
    expect(describePackage("up", "清河县", "市工信局")).toBe("清河县 → 市工信局 上报数据包");
    expect(describePackage("down", "市工信局", "清河县")).toBe("市工信局 → 清河县 下发数据包");
  });
  it("names the file after sender, receiver and day", () => {
    expect(packageFileName("南和区", "市工信局", new Date(2026, 2, 5))).toBe("南和区至市工信局数据包-20260305.pacesetter");
  });
});
