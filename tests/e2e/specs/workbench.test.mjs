// 工作台 end to end: the home page asks for this installation's unit (a card, not a modal), the
// unit is chosen there (南和区); a county ledger (a .csv made here) brings one problem past its
// deadline and one due in two days; the 工作台 lists them as overdue / due soon, clicking the
// overdue one opens it on 问题台账; a measure item opens its progress drawer for 南和区; the
// enterprise list opens filtered to 南和区. Screenshots are kept for review.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { SAMPLES, byTestId, importFile, importLedgerFile, screenshot, writeCsv, selectOption, startApp, stopApp, waitForContent, waitForText } from "../lib.mjs";

/** ISO date `days` from today (local time, as the app judges deadlines). */
function isoDay(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}
const HEADER = ["序号", "企业名称", "问题诉求", "问题类别", "来源", "提出时间", "责任单位", "办理时限"];
const ROWS = [
  ["1", "河北嘉坤农机装备股份有限公司", "流动资金紧张，需银行授信支持", "融资", "入企服务", isoDay(-40), "区工信局", isoDay(-10)],
  ["2", "南和翔盛农业机械有限公司", "新厂房用地指标未落实", "用地", "座谈会", isoDay(-20), "区自然资源局", isoDay(2)],
];
const LEDGER = writeCsv("南和区问题台账.csv", HEADER, ROWS);

let browser;
before(async () => {
  browser = await startApp();
});
after(async () => {
  await stopApp(browser);
});

const click = async (id) => (await byTestId(browser, id)).click();
const clickFirst = (sel) => browser.execute((s) => document.querySelector(s).click(), sel);
const shot = async (name) => {
  await browser.pause(800);
  await screenshot(browser, name);
};

test("the home page is the 工作台 and asks for this installation's unit", async () => {
  await waitForText(browser, "menu-workbench", "工作台");
  const card = await waitForText(browser, "workbench-choose-unit", "请选择本机单位");
  assert.ok(card.includes("市工信局"), card);
  await waitForText(browser, "workbench-scope", "市工信局");
  await waitForContent(browser, "workbench-pool", "入库 0 / 30");
  await shot("workbench-choose-unit");
  await selectOption(browser, "workbench-unit-select", "南和区");
  await click("workbench-unit-save");
  await waitForText(browser, "workbench-scope", "南和区");
  await browser.waitUntil(async () => !(await (await byTestId(browser, "workbench-choose-unit")).isExisting()), { timeout: 10000, timeoutMsg: "选择单位后仍显示选择卡片" });
});

test("the enterprise list follows the unit: it opens on 南和区", async () => {
  await importFile(browser, join(SAMPLES, "county_nanhe_clean.xlsx"));
  await waitForText(browser, "import-summary", "新增 25 条");
  await click("import-confirm");
  await waitForText(browser, "import-page", "导入结果");
  await click("import-close");
  await waitForText(browser, "enterprise-total", "共 25 家企业");
  await click("menu-workbench");
  await waitForContent(browser, "workbench-imports", "county_nanhe_clean.xlsx");
  await click("menu-enterprises");
  const want = `county=${encodeURIComponent("南和区")}`;
  await browser.waitUntil(async () => (await browser.getUrl()).includes(want), { timeout: 10000, timeoutMsg: "企业库未按本机单位筛选南和区" });
  await waitForContent(browser, "county-filter", "南和区");
  await waitForText(browser, "enterprise-total", "共 25 家企业");
});

test("a ledger with a past deadline: the 工作台 lists the problem as overdue and opens it", async () => {
  await click("menu-ledger");
  await importLedgerFile(browser, LEDGER);
  await waitForContent(browser, "ledger-import-dialog", "新增 2");
  // The dialog's buttons settle once it has slid in.
  await browser.pause(600);
  await click("ledger-import-commit");
  await waitForContent(browser, "ledger-total", "共 2 个问题");
  await click("menu-workbench");
  const overdue = await waitForContent(browser, "workbench-overdue_problems", "流动资金紧张，需银行授信支持");
  assert.ok(!overdue.includes("新厂房用地指标未落实"), overdue);
  const soon = await waitForContent(browser, "workbench-due_problems", "新厂房用地指标未落实");
  assert.ok(soon.includes("区自然资源局"), soon);
  await waitForContent(browser, "workbench-overdue_measures", "南和区");
  await shot("workbench");
  await clickFirst('[data-testid="workbench-item-overdue_problems"]');
  const drawer = await waitForContent(browser, "problem-drawer", "流动资金紧张，需银行授信支持");
  assert.ok(drawer.includes("交办"), drawer);
  await shot("workbench-problem-opened");
});

test("a measure item opens its progress drawer for 南和区", async () => {
  // The problem's drawer is still open over the menu: a click on the menu item itself.
  await clickFirst('[data-testid="menu-workbench"]');
  await waitForContent(browser, "workbench-overdue_measures", "南和区");
  const title = await browser.execute(() => document.querySelector('[data-testid="workbench-item-overdue_measures"] .item-title').textContent.trim());
  await clickFirst('[data-testid="workbench-item-overdue_measures"]');
  // “1.1 锁定培育目标” → the drawer's title “1. 锁定培育目标”.
  const name = title.replace(/^\d+\.\d+\s*/, "");
  await waitForContent(browser, "progress-drawer", name);
  const unit = await browser.execute(() => {
    const el = document.querySelector('[data-testid="progress-unit"]');
    return (el?.textContent ?? "") + (el?.querySelector("input")?.value ?? "");
  });
  assert.ok(unit.includes("南和区"), unit);
  await shot("workbench-measure-opened");
});
