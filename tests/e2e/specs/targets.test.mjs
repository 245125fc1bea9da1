// 目标看板 end to end: after importing the clean 南和 sample, the dashboard shows the counts the
// sample implies (computed here from expected_county_nanhe_clean.xlsx.json), opens the enterprises
// behind a value, takes a manual value once the ended 2022 plan is reopened (允许修改), and the
// screenshots are kept for review. The year shown is the board's own choice, read from the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, SAMPLES, SHOTS, byTestId, importFile, screenshot, startApp, stopApp, waitForText, PRINT_TIMEOUT } from "../lib.mjs";

const expected = JSON.parse(readFileSync(join(SAMPLES, "expected_county_nanhe_clean.xlsx.json"), "utf8")).enterprises;
const BEFORE_REFORM = ["未启动", "股改中"];
// The sample's figure headers name no year: the importer files them under last year (its
// documented default), and the dashboard opens on the latest year with figures.
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
/** The year the board opened on (its default), read from the summary. */
let year = 0;
before(async () => {
  browser = await startApp();
});
after(async () => {
  await stopApp(browser);
});

/** Brings an element to the top of the window, then lets charts and transitions settle. */
const scrollTo = async (id) => {
  await browser.execute((i) => document.querySelector(`[data-testid="${i}"]`).scrollIntoView({ block: "start", behavior: "instant" }), id);
  await browser.pause(600);
};
const textOf = (id) => browser.execute((i) => document.querySelector(`[data-testid="${i}"]`)?.textContent ?? "", id);
/** Clicks through the DOM: the element may sit below the fold of the scrolled main area. */
const clickId = (id) => browser.execute((i) => document.querySelector(`[data-testid="${i}"]`).click(), id);
const rowText = (key) =>
  browser.execute((k) => document.querySelector(`[data-testid="value-${k}"]`)?.closest("tr")?.textContent ?? "", key);

test("import the 南和 sample, then open 目标看板", async () => {
  await waitForText(browser, "menu-targets", "目标看板");
  await importFile(browser, join(SAMPLES, "county_nanhe_clean.xlsx"));
  await waitForText(browser, "import-summary", "新增 25 条");
  await (await byTestId(browser, "import-confirm")).click();
  await waitForText(browser, "import-page", "导入结果");
  await (await byTestId(browser, "import-close")).click();
  await waitForText(browser, "enterprise-total", "共 25 家企业");
  await (await byTestId(browser, "menu-targets")).click();
  const summary = await waitForText(browser, "targets-summary", "企业 25 家");
  year = Number(/(\d{4})年度/.exec(summary)?.[1]);
  // Within the plan's years (2022 to its end, or to this year for late figures).
  assert.ok(year >= 2022 && year <= Math.max(2025, new Date().getFullYear()), `看板年度 ${year}`);
  await waitForText(browser, "targets-plan", "（2022—2025年）");
});

test("computed counts match the sample", async () => {
  await waitForText(browser, "value-specialized_sme", `${want.specialized}家`);
  await browser.pause(800);
  await screenshot(browser, "targets-dashboard");
  await waitForText(browser, "value-little_giant", `${want.littleGiant}家`);
  await waitForText(browser, "value-listed_companies", `${want.listed}家`);
  await waitForText(browser, "value-leader_rd_ratio", `${want.rdRatio.toFixed(2)}%`);
  assert.match(await rowText("leader_rd_ratio"), /纳入 25 家/);
  assert.match(await rowText("high_tech_new"), new RegExp(`另有 ${want.highTech} 家认定时间未填`));
  assert.match(await rowText("shareholding_reform"), new RegExp(`另有 ${want.pastReform} 家已过股改阶段`));
  assert.match(await rowText("green_factories"), /人工填报/);
  assert.match(await textOf("targets-counties"), /南和区\s*25/);
  await scrollTo("targets-indicators");
  await screenshot(browser, "targets-table");
  await scrollTo("targets-trend");
  await screenshot(browser, "targets-trend-counties");
});

test("a computed value lists the enterprises behind it", async () => {
  await clickId("value-specialized_sme");
  await waitForText(browser, "members-summary", `计入 ${want.specialized} 家`);
  await browser.waitUntil(() => browser.execute(() => document.querySelector('[data-testid="members-drawer"] .el-table__row') !== null), { timeout: 5000 });
  await browser.pause(800);
  await screenshot(browser, "targets-members");
  assert.match(await textOf("members-drawer"), /认定时间未填，按有效计/);
  await browser.keys("Escape");
  await browser.waitUntil(async () => !(await (await byTestId(browser, "members-drawer")).isDisplayed()), { timeout: 5000 });
  await browser.pause(600);
});

test("a manual value is entered and judged", async () => {
  // The 2022 plan ended in 2025: its values are read-only until 允许修改.
  await waitForText(browser, "plan-readonly", "只读");
  await clickId("plan-unlock");
  await browser.waitUntil(async () => !(await (await byTestId(browser, "plan-readonly")).isExisting()), { timeout: 10000, timeoutMsg: "允许修改后仍显示只读" });
  await scrollTo("targets-indicators");
  await clickId("entry-green_factories");
  await browser.pause(400);
  await browser.execute(() => {
    const value = document.querySelector('[data-testid="entry-value"] input');
    value.value = "3";
    value.dispatchEvent(new Event("input", { bubbles: true }));
    value.dispatchEvent(new Event("change", { bubbles: true }));
    const source = document.querySelector('input[data-testid="entry-source"]');
    source.value = "省工信厅公布名单";
    source.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await browser.pause(600);
  await screenshot(browser, "targets-entry");
  await clickId("entry-save");
  // 3 against the plan's 3 green factories a year.
  await waitForText(browser, "status-green_factories", "已达标");
  assert.match(await rowText("green_factories"), /省工信厅公布名单/);
});

test("the print view shows the official table", async () => {
  await browser.execute((y) => {
    window.location.hash = `#/print/targets?year=${y}`;
  }, year);
  await byTestId(browser, "print-ready").then((el) => el.waitForExist({ timeout: PRINT_TIMEOUT }));
  const sheet = await (await byTestId(browser, "print-ready")).getText();
  assert.match(sheet, /主要目标完成情况/);
  assert.match(sheet, new RegExp(`${year}年度`));
  assert.match(sheet, /邢台市特色产业集群“领跑者”企业培育主要目标完成情况/);
  assert.match(sheet, /省级以上绿色工厂/);
  await screenshot(browser, "targets-print");
  // The page as rendered, for checking the A4 layout with headless Chromium (see the report).
  const html = await browser.execute(() => document.documentElement.outerHTML);
  mkdirSync(SHOTS, { recursive: true });
  const page = html
    .replace(/<script[^>]*>[\s\S]*?<\/script>/g, "")
    .replace(/href="\/assets\//g, 'href="assets/')
    .replace(/ crossorigin=""/g, "")
    .replace("<head>", `<head><base href="file://${ROOT}/ui/dist/">`);
  writeFileSync(join(SHOTS, "targets-print.html"), page);
});
