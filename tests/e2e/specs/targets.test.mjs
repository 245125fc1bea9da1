// 目标看板 end to end: after importing the clean 南和 sample, the dashboard shows the counts the
// sample implies (computed here from expected_county_nanhe_clean.xlsx.json), opens the enterprises
// behind a value, takes a manual value, and the screenshots are kept for review.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SAMPLES, byTestId, importFile, screenshot, startApp, stopApp, waitForText } from "../lib.mjs";

const expected = JSON.parse(readFileSync(join(SAMPLES, "expected_county_nanhe_clean.xlsx.json"), "utf8")).enterprises;
const BEFORE_REFORM = ["未启动", "股改中"];
const want = {
  specialized: expected.filter((e) => e.specialized).length,
  littleGiant: expected.filter((e) => e.little_giant).length,
  listed: expected.filter((e) => e.listing_stage === "已上市").length,
  highTech: expected.filter((e) => e.high_tech).length,
  pastReform: expected.filter((e) => e.listing_stage && !BEFORE_REFORM.includes(e.listing_stage)).length,
  // No enterprise is flagged 领跑者 or 入库 in the sample: the ratio covers all of them.
  rdRatio: (100 * expected.reduce((s, e) => s + e.rd_expense_wan, 0)) / expected.reduce((s, e) => s + e.revenue_wan, 0),
};

let browser;
before(async () => {
  browser = await startApp();
});
after(async () => {
  await stopApp(browser);
});

const scrollMain = (top) => browser.execute((t) => document.querySelector(".main")?.scrollTo(0, t), top);
const rowText = (key) =>
  browser.execute((k) => document.querySelector(`[data-testid="value-${k}"]`)?.closest("tr")?.textContent ?? "", key);

test("import the 南和 sample, then open 目标看板", async () => {
  await waitForText(browser, "menu-targets", "目标看板");
  await importFile(browser, join(SAMPLES, "county_nanhe_clean.xlsx"));
  await waitForText(browser, "import-summary", "新增 25 条");
  await (await byTestId(browser, "import-confirm")).click();
  await waitForText(browser, "import-dialog", "导入结果");
  await (await byTestId(browser, "import-close")).click();
  await (await byTestId(browser, "menu-targets")).click();
  await waitForText(browser, "targets-summary", "企业 25 家");
  await waitForText(browser, "targets-summary", "2025年度");
});

test("computed counts match the sample", async () => {
  await waitForText(browser, "value-specialized_sme", `${want.specialized}家`);
  await waitForText(browser, "value-little_giant", `${want.littleGiant}家`);
  await waitForText(browser, "value-listed_companies", `${want.listed}家`);
  await waitForText(browser, "value-leader_rd_ratio", `${want.rdRatio.toFixed(2)}%`);
  assert.match(await rowText("leader_rd_ratio"), /纳入 25 家/);
  assert.match(await rowText("high_tech_new"), new RegExp(`另有 ${want.highTech} 家认定年份未填`));
  assert.match(await rowText("shareholding_reform"), new RegExp(`另有 ${want.pastReform} 家已过股改阶段`));
  assert.match(await rowText("green_factories"), /人工填报/);
  const counties = await (await byTestId(browser, "targets-counties")).getText();
  assert.match(counties, /南和区\s+25/);
  await screenshot(browser, "targets-dashboard");
  await scrollMain(700);
  await screenshot(browser, "targets-table");
  await scrollMain(5000);
  await screenshot(browser, "targets-trend-counties");
});

test("a computed value lists the enterprises behind it", async () => {
  await (await byTestId(browser, "value-specialized_sme")).click();
  await waitForText(browser, "members-summary", `计入 ${want.specialized} 家`);
  const drawer = await (await byTestId(browser, "members-drawer")).getText();
  assert.match(drawer, /认定年份未填，按已持有计/);
  await screenshot(browser, "targets-members");
  await browser.keys("Escape");
  await browser.waitUntil(async () => !(await (await byTestId(browser, "members-drawer")).isDisplayed()), { timeout: 5000 });
});

test("a manual value is entered and judged", async () => {
  await scrollMain(700);
  await (await byTestId(browser, "entry-green_factories")).click();
  await browser.execute(() => {
    const value = document.querySelector('[data-testid="entry-value"] input');
    value.value = "3";
    value.dispatchEvent(new Event("input", { bubbles: true }));
    value.dispatchEvent(new Event("change", { bubbles: true }));
    const source = document.querySelector('input[data-testid="entry-source"]');
    source.value = "省工信厅公布名单";
    source.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await screenshot(browser, "targets-entry");
  await (await byTestId(browser, "entry-save")).click();
  await waitForText(browser, "status-green_factories", "已达标");
  assert.match(await rowText("green_factories"), /省工信厅公布名单/);
});
