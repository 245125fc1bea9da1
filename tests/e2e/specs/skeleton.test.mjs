// The skeleton's promise: the window opens in Chinese on a fresh store seeded with the plan,
// the clean 南和 sample imports through the app (25 new), and 任务分工 shows the 21 measures.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { SAMPLES, byTestId, fillInput, importFile, screenshot, startApp, stopApp, waitForText } from "../lib.mjs";

let browser;
before(async () => {
  browser = await startApp();
});
after(async () => {
  await stopApp(browser);
});

test("window title and menu are Chinese", async () => {
  assert.equal(await browser.getTitle(), "领跑者企业培育管理系统");
  await waitForText(browser, "menu-workbench", "工作台");
  await waitForText(browser, "menu-enterprises", "企业库");
  await waitForText(browser, "menu-tasks", "任务分工");
  // The home page is the 工作台; the enterprise list is one click away.
  await waitForText(browser, "workbench-choose-unit", "请选择本机单位");
  await (await byTestId(browser, "menu-enterprises")).click();
  await waitForText(browser, "enterprise-total", "共 0 家企业");
});

test("importing the clean 南和 sample adds 25 enterprises", async () => {
  await importFile(browser, join(SAMPLES, "county_nanhe_clean.xlsx"));
  const summary = await waitForText(browser, "import-summary", "新增 25 条");
  assert.match(summary, /拒绝 0 行/);
  await screenshot(browser, "import-preview");
  await (await byTestId(browser, "import-confirm")).click();
  await waitForText(browser, "import-page", "导入结果");
  await (await byTestId(browser, "import-close")).click();
  await waitForText(browser, "enterprise-total", "共 25 家企业");
  const rows = await browser.$$('[data-testid="enterprise-table"] .el-table__body-wrapper tr.el-table__row');
  assert.equal(rows.length, 25);
  const table = await browser.execute(() => document.querySelector('[data-testid="enterprise-table"]').textContent);
  assert.match(table, /河北嘉坤农机装备股份有限公司/);
  await screenshot(browser, "enterprises");
});

test("search narrows the pool", async () => {
  // el-input hands data-testid to its native <input>.
  await fillInput(browser, "enterprise-search", "嘉坤");
  await waitForText(browser, "enterprise-total", "共 1 家企业");
  await fillInput(browser, "enterprise-search", "91130506MA01");
  await waitForText(browser, "enterprise-total", "共 1 家企业");
  await fillInput(browser, "enterprise-search", "");
  await waitForText(browser, "enterprise-total", "共 25 家企业");
});

test("任务分工 shows 6 actions and 21 measures", async () => {
  await (await byTestId(browser, "menu-tasks")).click();
  await waitForText(browser, "task-count", "21 条措施");
  const titles = await browser.$$('[data-testid="task-title"]');
  assert.equal(titles.length, 21);
  for (let a = 1; a <= 6; a++) assert.ok(await (await byTestId(browser, `action-${a}`)).isExisting());
  await screenshot(browser, "tasks");
});
