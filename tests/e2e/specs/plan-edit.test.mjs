// Editing a plan in the app end to end: the 2022 plan copied to 2026—2028 and made current; its
// measure 1.1 given a new deadline and lead unit, 小巨人's 2027 target changed in the 指标 editor;
// both seen on 任务分工 and 目标看板; the 2022 plan's editors are read-only; a ledger problem
// linked to the measure, shown in the list and found by the 关联措施 filter.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { SAMPLES, byTestId, fillInput, importFile, screenshot, startApp, stopApp, waitForContent, waitForText, selectOption, setNumber } from "../lib.mjs";

let browser;
before(async () => {
  browser = await startApp();
});
after(async () => {
  await stopApp(browser);
});

async function click(id) {
  const el = await byTestId(browser, id);
  await el.waitForClickable({ timeout: 20000 });
  await el.click();
}
const content = (id, want) => waitForContent(browser, id, want);
/** The latest notification's text. */
const lastMessage = () => browser.execute(() => [...document.querySelectorAll(".el-message")].map((m) => m.textContent).pop() ?? "");
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

test("import the 南和 sample (an enterprise for the ledger)", async () => {
  await importFile(browser, join(SAMPLES, "county_nanhe_clean.xlsx"));
  await waitForText(browser, "import-summary", "新增 25 条");
  await click("import-confirm");
  await waitForText(browser, "import-page", "导入结果");
  await click("import-close");
});

test("the ended 2022 plan's measures and indicators are read-only", async () => {
  await click("menu-work-plans");
  await content("plans-list", "邢台市特色产业集群");
  await content("plan-content", "已于2025年底结束，只读");
  await content("measures-table", "市工业和信息化局");
  assert.equal(await (await byTestId(browser, "measure-new")).isEnabled(), false);
  assert.equal(await (await byTestId(browser, "measure-edit-1-1")).isEnabled(), false);
});

test("copy the 2022 plan to 2026—2028 and make it current", async () => {
  await click("plan-copy-1");
  await waitForText(browser, "plan-copy-dialog", "复制到新期限");
  await setNumber(browser, "plan-copy-start", 2026);
  await setNumber(browser, "plan-copy-end", 2028);
  await click("plan-copy-confirm");
  await content("plans-list", "2026—2028");
  await click("plan-use-2");
  await content("plan-current-2", "当前");
  await content("plan-content", "2026—2028年");
  await content("measure-deadline-1-1", "2027年底");
});

test("edit measure 1.1: deadline 2028年底, lead unit 市科技局", async () => {
  await click("measure-edit-1-1");
  await waitForText(browser, "measure-dialog", "编辑措施");
  await selectOption(browser, "measure-deadline", "2028年底");
  await selectOption(browser, "measure-lead", "市科技局");
  await pause(300);
  await screenshot(browser, "plan-edit-measure-dialog");
  await click("measure-save");
  await content("measure-deadline-1-1", "2028年底");
  await content("measure-lead-1-1", "市科技局");
  assert.match(await lastMessage(), /已保存措施 1\.1/);
});

test("a measure without content is refused in Chinese", async () => {
  await click("measure-edit-1-2");
  await waitForText(browser, "measure-dialog", "编辑措施");
  await fillInput(browser, "measure-content", " ");
  await click("measure-save");
  await browser.waitUntil(async () => (await lastMessage()).includes("请填写措施内容"), { timeout: 10000, timeoutMsg: "没有提示“请填写措施内容”" });
  await click("measure-cancel");
  await browser.waitUntil(async () => !(await (await byTestId(browser, "measure-dialog")).isDisplayed()), { timeout: 10000, timeoutMsg: "措施对话框未关闭" });
});

test("set 小巨人's 2027 target to 35 in the 指标 editor", async () => {
  const tab = await browser.$("#tab-indicators");
  await tab.waitForClickable({ timeout: 10000 });
  await tab.click();
  // Names and targets are inputs: wait for 小巨人's row and read its value.
  await (await byTestId(browser, "indicator-target-little_giant-2027")).waitForExist({ timeout: 20000 });
  assert.equal(await browser.execute(() => document.querySelector('[data-testid="indicator-name-little_giant"]').value), "专精特新“小巨人”企业数");
  assert.equal(await browser.execute(() => document.querySelector('[data-testid="indicator-target-little_giant-2027"]').value), "30", "the copied 2023 milestone moved to 2027");
  await fillInput(browser, "indicator-target-little_giant-2027", "35");
  await click("indicator-save-little_giant");
  await browser.waitUntil(async () => (await lastMessage()).includes("已保存指标"), { timeout: 10000, timeoutMsg: "没有提示“已保存指标”" });
  await fillInput(browser, "indicator-target-little_giant-2028", "八十");
  await click("indicator-save-little_giant");
  await browser.waitUntil(async () => (await lastMessage()).includes("2028年目标“八十”不是数字"), { timeout: 10000, timeoutMsg: "没有提示“不是数字”" });
  await pause(300);
  await screenshot(browser, "plan-edit-indicators");
});

test("任务分工 and 目标看板 of the new plan show the edits", async () => {
  await click("menu-tasks");
  const action1 = await content("action-1", "市科技局");
  assert.match(action1, /2028年底/);
  await pause(500);
  await screenshot(browser, "plan-edit-tasks");
  await click("menu-targets");
  await content("targets-plan", "2026—2028");
  const table = await content("targets-table", "专精特新“小巨人”企业数");
  const row = await browser.execute(() => [...document.querySelectorAll('[data-testid="targets-table"] tr')].map((tr) => tr.textContent).find((t) => t.includes("小巨人")) ?? "");
  assert.match(row, /35/, `小巨人 row: ${row}`);
  assert.match(row, /2027年/);
  assert.ok(table.length > 0);
  await pause(500);
  await screenshot(browser, "plan-edit-targets");
});

test("a ledger problem linked to measure 1.1 and found by the filter", async () => {
  // As the 一企一策 page opens 登记问题 for its enterprise.
  await browser.execute(() => (location.hash = "#/ledger?new=1&name=" + encodeURIComponent("第一家企业")));
  await waitForText(browser, "create-dialog", "登记问题");
  await fillInput(browser, "create-description", "上市辅导需要券商对接");
  await selectOption(browser, "create-task", "1.1 ");
  await click("create-submit");
  await content("ledger-total", "共 1 个问题");
  const label = await content("ledger-table", "1.1 ");
  assert.match(label, /1\.1 /);
  await selectOption(browser, "filter-task", "1.2 ");
  await content("ledger-total", "共 0 个问题");
  await selectOption(browser, "filter-task", "1.1 ");
  await content("ledger-total", "共 1 个问题");
  await pause(500);
  await screenshot(browser, "plan-edit-ledger");
});

test("the problem drawer changes its measure; the plan filter keeps other plans' problems apart", async () => {
  const id = await browser.execute(() => document.querySelector('[data-testid^="show-"]')?.dataset.testid.slice(5));
  assert.ok(id, "a problem row with 详情");
  await click(`show-${id}`);
  await waitForText(browser, "problem-drawer", "关联措施");
  await selectOption(browser, "drawer-task", "1.2 ");
  await browser.waitUntil(async () => (await lastMessage()).includes("已关联措施 1.2"), { timeout: 10000, timeoutMsg: "未提示已关联措施 1.2" });
  await pause(500);
  await screenshot(browser, "plan-edit-drawer");
  await (await browser.$('[data-testid="problem-drawer"] .el-drawer__close-btn')).click();
  await (await browser.$('[data-testid="problem-drawer"]')).waitForDisplayed({ reverse: true, timeout: 10000 });
  // The list (still filtered by 1.1) no longer holds it; by 1.2 it does.
  await content("ledger-total", "共 0 个问题");
  await selectOption(browser, "filter-task", "1.2 ");
  await content("ledger-total", "共 1 个问题");
  // Back on the page: the current plan's problems; the 2022 plan has none of them.
  await click("menu-tasks");
  await click("menu-ledger");
  await content("ledger-total", "共 1 个问题");
  await selectOption(browser, "filter-plan", "（2022—", true);
  await content("ledger-total", "共 0 个问题");
});
