// 县区考核 end to end: after importing the 南和 sample and reopening the ended 2022 plan, 2025's
// 小巨人 target is split down in the 任务分解 table (南和区 3, 任泽区 2: the check says 不足 45 of the
// city's 50), saved after its preview; the 目标看板 filtered by 南和区 judges it against its own 3
// with the city's 50 alongside; 考核评分 ranks the 20 counties; the 评分表 print view goes to PDF and
// is checked like the other official tables.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT, SAMPLES, SHOTS, byTestId, importFile, screenshot, selectOption, startApp, stopApp, waitForContent, waitForText, setNumber, PRINT_TIMEOUT } from "../lib.mjs";

const OUT = join(ROOT, "target/counties-e2e");
let browser;
before(async () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  browser = await startApp();
});
after(async () => {
  await stopApp(browser);
});

/** Clicks through the DOM: the element may sit below the fold of the scrolled main area. */
const clickId = (id) => browser.execute((i) => document.querySelector(`[data-testid="${i}"]`).click(), id);
const content = (id, want) => waitForContent(browser, id, want);
const lastMessage = () => browser.execute(() => [...document.querySelectorAll(".el-message")].map((m) => m.textContent).pop() ?? "");

test("import the 南和 sample, open 县区考核 and reopen the 2022 plan", async () => {
  await importFile(browser, join(SAMPLES, "county_nanhe_clean.xlsx"));
  await waitForText(browser, "import-summary", "新增 25 条");
  await (await byTestId(browser, "import-confirm")).click();
  await waitForText(browser, "import-page", "导入结果");
  await (await byTestId(browser, "import-close")).click();
  await (await byTestId(browser, "menu-counties")).click();
  await content("counties-plan", "（2022—2025年）");
  await content("allocation-table", "全市目标");
  await waitForText(browser, "plan-readonly", "只读");
  await clickId("plan-unlock");
  await browser.waitUntil(async () => !(await (await byTestId(browser, "plan-readonly")).isExisting()), { timeout: 10000, timeoutMsg: "允许修改后仍显示只读" });
});

test("split 2025's 小巨人 target: 南和区 3, 任泽区 2, saved after its preview", async () => {
  await selectOption(browser, "counties-year", "2025年");
  await content("check-little_giant", "不足 50");
  await clickId("allocation-edit");
  await (await browser.$('[data-testid="cell-little_giant-南和区"] input')).waitForExist({ timeout: 10000 });
  await setNumber(browser, "cell-little_giant-南和区", 3);
  await setNumber(browser, "cell-little_giant-任泽区", 2);
  await content("sum-little_giant", "5");
  await content("check-little_giant", "不足 45");
  await browser.pause(400);
  await screenshot(browser, "counties-allocation-edit");
  await clickId("allocation-save");
  await content("allocation-preview", "将新增 2 项");
  await browser.pause(400);
  await screenshot(browser, "counties-allocation-preview");
  await clickId("allocation-confirm");
  await browser.waitUntil(async () => (await lastMessage()).includes("已保存任务分解：新增 2 项"), { timeout: 10000, timeoutMsg: "未提示已保存任务分解" });
  await content("cell-little_giant-南和区", "3");
  await content("check-little_giant", "不足 45");
});

test("the 目标看板 of 南和区 judges it against its own share, the city's alongside", async () => {
  await (await byTestId(browser, "menu-targets")).click();
  await selectOption(browser, "targets-year", "2025年");
  await selectOption(browser, "targets-county", "南和区");
  await content("targets-summary", "南和区");
  await content("city-target-little_giant", "50家");
  const row = await browser.execute(() => document.querySelector('[data-testid="value-little_giant"]')?.closest("tr")?.textContent ?? "");
  assert.match(row, /3家/, `小巨人 row: ${row}`);
  await browser.execute(() => document.querySelector('[data-testid="targets-indicators"]').scrollIntoView({ block: "start", behavior: "instant" }));
  await browser.pause(800);
  await screenshot(browser, "counties-targets-nanhe");
});

test("考核评分 scores and ranks the 20 counties", async () => {
  await (await byTestId(browser, "menu-counties")).click();
  await selectOption(browser, "counties-year", "2025年");
  await (await browser.$("#tab-assessment")).click();
  await content("assessment-scheme", "指标完成");
  await content("assessment-table", "南和区");
  const rows = await browser.execute(() => document.querySelectorAll('[data-testid="assessment-table"] .el-table__body tr').length);
  assert.equal(rows, 20);
  const total = await browser.execute(() => document.querySelector('[data-testid="score-南和区"]')?.textContent ?? "");
  assert.ok(Number(total) >= 0 && Number(total) <= 100, `南和区总分 ${total}`);
  await browser.pause(600);
  await screenshot(browser, "counties-assessment");
});

test("the 评分表 prints as A4 landscape pages", async () => {
  await browser.execute(() => {
    window.location.hash = "#/print/assessment?year=2025";
  });
  await (await byTestId(browser, "print-ready")).waitForExist({ timeout: PRINT_TIMEOUT });
  const sheet = await (await byTestId(browser, "print-ready")).getText();
  assert.match(sheet, /2025年度县（市、区）考核评分表/);
  assert.match(sheet, /南和区/);
  await screenshot(browser, "counties-print");
  const pdf = join(OUT, "assessment.pdf");
  await browser.execute((p) => window.__pacesetterExportPdf(p), pdf);
  await browser.waitUntil(async () => (await lastMessage()).includes("已导出"), { timeout: 60000, timeoutMsg: "没有“已导出”提示" });
  await browser.waitUntil(() => existsSync(pdf) && statSync(pdf).size > 0, { timeout: 30000, timeoutMsg: `没有生成 ${pdf}` });
  await browser.pause(1000);
  const report = execFileSync(join(ROOT, "tests/print/check-pdf.sh"), [pdf, "--landscape", "--title", "2025年度县（市、区）考核评分表", "--header", "排名,县（市、区）,总分"], { encoding: "utf8" });
  console.log(report.trim());
  execFileSync("pdftoppm", ["-png", "-r", "50", pdf, join(SHOTS, "counties-print-page")]);
});
