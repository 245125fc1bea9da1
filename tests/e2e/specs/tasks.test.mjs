// 任务分工 in the real app: the seeded 2022 plan has ended (read-only, its past deadlines 逾期未完成,
// no red alarms); after 允许修改, enter progress for one measure in the side panel and see the
// measure, the drawer and the per-unit counts update; the task sheet sample previews as 21
// measures unchanged (seeded from the plan) through the same path the open dialog feeds.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { SAMPLES, byTestId, fillInput, importTaskFile, screenshot, startApp, stopApp, waitForText, PRINT_TIMEOUT } from "../lib.mjs";

const LEAD = "市工业和信息化局";
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

/** The element's whole text (getText leaves out what the table cell clips). */
const textOf = (id) => browser.execute((sel) => document.querySelector(sel)?.textContent ?? "", `[data-testid="${id}"]`);
const summaryCount = async (key) => Number(await textOf(`summary-${key}-${LEAD}`));

async function openSummary() {
  await (await browser.$("#tab-summary")).click();
  await waitForText(browser, `summary-row-${LEAD}`, LEAD);
}

test("entering progress for a measure updates the table and the counts", async () => {
  await click("menu-tasks");
  await waitForText(browser, "task-count", "21 条措施");
  // The plan ended in 2025: measure 1 (锁定培育目标, 2023年底) fell due undone for every unit — 逾期未完成
  // once, grey — and nothing is a red 逾期 any more.
  await waitForText(browser, "task-progress-1", "已报 0/");
  assert.match(await textOf("task-progress-1"), /逾期未完成 \d+/);
  assert.doesNotMatch(await textOf("task-progress-1"), /逾期 \d/);
  assert.match(await textOf("urgency-counts"), /逾期 0\s/);
  await browser.pause(800);
  await screenshot(browser, "tasks-ended-plan");
  await openSummary();
  const doneBefore = await summaryCount("done");
  const missedBefore = await summaryCount("missed");
  const reportedBefore = await summaryCount("not_reported");
  assert.equal(doneBefore, 0);
  assert.equal(await summaryCount("overdue"), 0);
  assert.ok(missedBefore >= 1, `逾期未完成 ${missedBefore}`);
  await (await browser.$("#tab-table")).click();

  // Read-only until reopened: the drawer's form is disabled, then 允许修改 lifts it.
  await click("progress-open-1");
  await waitForText(browser, "progress-drawer", "方案已结束，只读");
  assert.equal(await (await byTestId(browser, "progress-save")).isEnabled(), false);
  await (await browser.$(".el-drawer__close-btn")).click();
  await browser.waitUntil(async () => !(await (await browser.$(".el-drawer")).isDisplayed()), { timeout: 5000 });
  await waitForText(browser, "plan-readonly", "已于2025年底结束，只读");
  await click("plan-unlock");
  await browser.waitUntil(async () => !(await (await byTestId(browser, "plan-readonly")).isExisting()), { timeout: 10000, timeoutMsg: "允许修改后仍显示只读" });

  await click("progress-open-1");
  await waitForText(browser, "progress-drawer", "锁定培育目标");
  await click("progress-status-已完成");
  await fillInput(browser, "progress-text", "已遴选30家有上市意愿的企业纳入上市培育库");
  await click("progress-save");
  await waitForText(browser, "progress-units", "已完成");
  await waitForText(browser, "progress-drawer", "填报记录（1）");
  await screenshot(browser, "tasks-progress-drawer");
  await (await browser.$(".el-drawer__close-btn")).click();

  await waitForText(browser, "task-progress-1", "已报 1/");
  await openSummary();
  await browser.waitUntil(async () => (await summaryCount("done")) === 1, { timeout: 10000, timeoutMsg: "统计未更新：已完成应为 1" });
  assert.equal(await summaryCount("missed"), missedBefore - 1);
  assert.equal(await summaryCount("not_reported"), reportedBefore - 1);
  await screenshot(browser, "tasks-summary");
  await (await browser.$("#tab-table")).click();
});

test("the task sheet sample previews as 21 measures, only 6.2 differing from the corrected seed", async () => {
  await importTaskFile(browser, join(SAMPLES, "task_assignment.xlsx"));
  // The seed's 6.2 was corrected against the plan text (特色产业集群和邢台市重点产业链中的“领跑者”企业);
  // the distributed sheet still has the earlier wording.
  const summary = await waitForText(browser, "task-import-summary", "未变 20 条");
  assert.match(summary, /读到 21 条措施/);
  assert.match(summary, /新增 0 条/);
  assert.match(summary, /更新 1 条/);
  assert.match(await textOf("task-import-changes"), /6\.2/);
  await screenshot(browser, "tasks-import-preview");
  await click("task-import-confirm");
  await waitForText(browser, "task-import-dialog", "任务分工表导入结果");
  await click("task-import-close");
  // Importing never drops recorded progress.
  await waitForText(browser, "task-progress-1", "已报 1/");
  await screenshot(browser, "tasks-after-import");
});

test("导出与打印 opens the county print view with the county's progress", async () => {
  await click("filter-county");
  await (await browser.$("//li[contains(@class,'el-select-dropdown__item')]//span[text()='清河县']")).click();
  await click("progress-open-3");
  await waitForText(browser, "progress-drawer", "规范股改提升");
  await waitForText(browser, "quantity-target", "5家");
  await click("progress-status-推进中");
  await fillInput(browser, "progress-text", "2家企业完成股改");
  await click("progress-save");
  await waitForText(browser, "progress-units", "推进中");
  await (await browser.$(".el-drawer__close-btn")).click();
  await waitForText(browser, "task-progress-3", "推进中");
  await browser.waitUntil(async () => !(await (await browser.$(".el-drawer")).isDisplayed()), { timeout: 5000 });
  await screenshot(browser, "tasks-county-filter");

  await click("task-output");
  await click("output-county");
  await click("output-print");
  await waitForText(browser, "print-ready", "清河县特色产业集群“领跑者”企业培育任务分工表", PRINT_TIMEOUT);
  const sheet = await textOf("print-ready");
  assert.match(sheet, /清河县政府/);
  assert.match(sheet, /2家企业完成股改/);
  assert.ok(await (await byTestId(browser, "print-button")).isDisplayed());
  await screenshot(browser, "tasks-print-county");
});
