// 一企一策 and 问题台账 end to end: after importing the 南和 sample, open an enterprise's plan from
// the 一企一策 page, add a measure and save; register a problem from the plan, move it through
// 交办 → 对接服务 → 办结 → 销号 and watch its state, light and the unit's 办结率 change.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { SAMPLES, byTestId, fillInput, importFile, screenshot, startApp, stopApp, waitForText, selectOption, PRINT_TIMEOUT } from "../lib.mjs";

let browser;
before(async () => {
  browser = await startApp();
});
after(async () => {
  await stopApp(browser);
});

const UNIT = "市地方金融监管局";
const text = (sel) => browser.execute((s) => document.querySelector(s)?.textContent ?? "", sel);

/** Waits until the element with `id` holds `want` in its text content (tables and tags that
 *  WebDriver may report empty while they lay out); returns that text. */
async function waitForContent(id, want, timeout = 20000) {
  let last = "";
  await browser.waitUntil(async () => (last = await text(`[data-testid="${id}"]`)).includes(want), {
    timeout,
    timeoutMsg: `等待 ${id} 含有“${want}”超时，实际为“${last.slice(0, 300)}”`,
  });
  return last;
}

const click = async (id) => (await byTestId(browser, id)).click();

/** Runs one workflow button of problem `id` and submits its dialog after `fill`. */
async function act(action, id, fill = async () => {}) {
  await click(`act-${action}-${id}`);
  await waitForText(browser, "action-dialog", action);
  await fill();
  await click("action-submit");
  await waitForContent(`state-${id}`, action === "对接服务" ? "对接服务" : action);
}

test("import the 南和 sample", async () => {
  await importFile(browser, join(SAMPLES, "county_nanhe_clean.xlsx"));
  await waitForText(browser, "import-summary", "新增 25 条");
  await click("import-confirm");
  await waitForText(browser, "import-page", "导入结果");
  await click("import-close");
  await waitForText(browser, "enterprise-total", "共 25 家企业");
});

test("an enterprise's plan opens pre-filled, takes a measure and saves", async () => {
  await click("menu-plans");
  await waitForText(browser, "plans-total", "共 0 份");
  await click("plans-new");
  await selectOption(browser, "plan-picker", "河北嘉坤农机装备股份有限公司", true);
  await click("plans-open");
  await waitForText(browser, "plan-title", "河北嘉坤农机装备股份有限公司");
  await waitForText(browser, "plan-draft", "未保存");
  const situation = await waitForContent("plan-situation", "91130506MA01RRJY81");
  assert.match(situation, /南和区/);
  await click("plan-measures-add");
  await fillInput(browser, "plan-measures-content", "协调券商开展上市辅导");
  await fillInput(browser, "plan-measures-unit", UNIT);
  await click("plan-save");
  await browser.waitUntil(async () => !(await (await byTestId(browser, "plan-draft")).isExisting()), {
    timeout: 10000,
    timeoutMsg: "保存后仍显示“未保存”",
  });
  await screenshot(browser, "plan-page");
});

test("a problem goes 征集 → 交办 → 对接服务 → 办结 → 销号 and the unit's 办结率 follows", async () => {
  await click("plan-new-problem");
  await waitForText(browser, "create-dialog", "河北嘉坤");
  await fillInput(browser, "create-description", "企业反映流动资金紧张，需要银行授信支持");
  await click("create-submit");
  await waitForText(browser, "ledger-total", "共 1 个问题");
  await waitForContent("state-1", "征集");

  await act("交办", 1, async () => {
    await selectOption(browser, "assign-lead", UNIT, true);
  });
  const light = await browser.execute(() => document.querySelector('[data-testid="light-1"]').title);
  assert.equal(light, "按期办理");
  await click("act-调整时限-1");
  await waitForText(browser, "action-dialog", "新办理时限");
  await click("action-submit");
  await waitForContent("state-1", "交办");
  await browser.$("#tab-stats").click();
  await waitForContent(`rate-${UNIT}`, "0.0%");
  await screenshot(browser, "ledger-stats-assigned");
  await browser.$("#tab-list").click();

  await act("对接服务", 1, () => fillInput(browser, "serve-content", "组织银企对接会，邢台银行上门对接"));
  await act("办结", 1, () => fillInput(browser, "close-result", "邢台银行授信500万元"));
  await browser.pause(400); // the dialog fades out
  await screenshot(browser, "ledger-closed");
  await browser.$("#tab-stats").click();
  await waitForContent(`rate-${UNIT}`, "100.0%");
  assert.match(await text('[data-testid="stats-county"]'), /南和区/);
  await screenshot(browser, "ledger-stats-closed");
  await browser.$("#tab-list").click();
  await act("销号", 1);
  const buttons = await browser.execute(() => document.querySelectorAll('[data-testid^="act-"]').length);
  assert.equal(buttons, 0, "a 销号 problem offers no more workflow buttons");

  await click("show-1");
  const history = await waitForContent("problem-transitions", "销号");
  for (const step of ["征集", "交办", "调整时限", "对接服务", "办结"]) assert.match(history, new RegExp(step));
  await browser.pause(600); // the drawer slides in
  await screenshot(browser, "ledger-history");
});

test("the plan, reached from the enterprise's page, lists the problem and prints", async () => {
  await browser.keys("Escape");
  await click("menu-plans");
  await waitForText(browser, "plans-total", "共 1 份");
  await click("menu-enterprises");
  await fillInput(browser, "enterprise-search", "嘉坤");
  await waitForText(browser, "enterprise-total", "共 1 家企业");
  await browser.execute(() =>
    document.querySelector('[data-testid="enterprise-table"] .el-table__body tr.el-table__row td:nth-child(2) .cell').click(),
  );
  await waitForText(browser, "enterprise-title", "河北嘉坤农机装备股份有限公司");
  await click("enterprise-plan");
  await waitForText(browser, "plan-title", "河北嘉坤农机装备股份有限公司");
  await waitForContent("plan-problems", "销号");
  await click("plan-print");
  await waitForText(browser, "print-ready", "“一企一策”帮扶方案", PRINT_TIMEOUT);
  assert.match(await text('[data-testid="print-ready"]'), /协调券商开展上市辅导/);
  await screenshot(browser, "plan-print");
});
