// 导入台账 in the real app: a county's ledger written in its own words (a UTF-8 .csv made here)
// previews with its new problems, the rows without enterprise or description rejected by row
// number, and a 提醒 for every free word; 确认导入 adds the problems with those words mapped or
// kept as written; the same file again changes nothing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  SAMPLES, byTestId, importFile, importLedgerFile, screenshot, writeCsv, startApp, stopApp, waitForContent, waitForText,
} from "../lib.mjs";

const HEADER = ["序号", "企业名称", "反映问题", "问题类型", "问题来源", "反映时间"];
const ROWS = [
  ["1", "河北嘉坤农机装备股份有限公司", "流动资金紧张，需银行授信支持", "贷款难", "入企走访", "2026-05-10"],
  ["2", "南和翔盛农业机械有限公司", "新厂房用地指标未落实", "土地指标", "企业反映", "2026-05-12"],
  ["3", "河北嘉坤农机装备股份有限公司", "停电频繁影响生产", "水电气暖", "县长接待日", "2026-05-21"],
  ["4", "不在库里的公司", "环评手续办理慢", "环评", "微信群", "2026-05-20"],
  ["5", "南和翔盛农业机械有限公司", "", "市场", "座谈会", "2026-05-22"],
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

/** Clicks the dialog's tab whose label starts with `label` (拒绝 / 提醒 …). */
async function openTab(label) {
  const found = await browser.execute((l) => {
    const tab = [...document.querySelectorAll('[data-testid="ledger-import-dialog"] .el-tabs__item')].find((t) => t.textContent.trim().startsWith(l));
    tab?.click();
    return Boolean(tab);
  }, label);
  assert.ok(found, `预览中没有“${label}”页`);
}

/** The cells of each body row of the table with `id`, as text. */
const tableRows = (id) =>
  browser.execute(
    (sel) => [...document.querySelectorAll(`${sel} .el-table__body tr`)].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent.trim())),
    `[data-testid="${id}"]`,
  );

test("the 南和 sample gives the enterprises the ledger names", async () => {
  await importFile(browser, join(SAMPLES, "county_nanhe_clean.xlsx"));
  await waitForText(browser, "import-summary", "新增 25 条");
  await click("import-confirm");
  await waitForText(browser, "import-page", "导入结果");
  await click("import-close");
  await waitForText(browser, "enterprise-total", "共 25 家企业");
});

test("a ledger in free words previews its rows, rejections and warnings", async () => {
  await click("menu-ledger");
  await waitForText(browser, "ledger-total", "共 0 个问题");
  await importLedgerFile(browser, LEDGER);
  const summary = await waitForText(browser, "ledger-import-summary", "新增 3 个问题");
  assert.match(summary, /南和区问题台账\.csv/);
  assert.match(summary, /共 5 行/);
  assert.match(summary, /拒绝 2 行/);
  assert.match(summary, /提醒 6 条/);

  await openTab("拒绝");
  const rejected = await waitForContent(browser, "ledger-import-rejected", "不在库里的公司");
  assert.match(rejected, /问题描述为空/);
  assert.deepEqual((await tableRows("ledger-import-rejected")).map((r) => r[0]), ["5", "6"]);

  await openTab("提醒");
  await waitForContent(browser, "ledger-import-warnings", "入企走访");
  const warnings = await tableRows("ledger-import-warnings");
  assert.equal(warnings.length, 6);
  const at = (row, col) => warnings.find((w) => w[0] === row && w[1] === col)?.[2] ?? "";
  assert.match(at("2", "E"), /“入企走访”按“入企服务”导入/);
  assert.match(at("2", "D"), /“贷款难”按“融资”导入/);
  assert.match(at("3", "E"), /“企业反映”按“其他”导入/);
  assert.match(at("4", "E"), /县长接待日/);
  assert.match(at("4", "D"), /水电气暖/);
  await browser.pause(300); // the tab slides in
  await screenshot(browser, "ledger-import-preview");
});

test("确认导入 adds the problems with the free words mapped or kept", async () => {
  await click("ledger-import-commit");
  await waitForText(browser, "ledger-total", "共 3 个问题");
  const table = await waitForContent(browser, "ledger-table", "停电频繁影响生产");
  for (const word of ["流动资金紧张", "新厂房用地指标未落实", "融资", "用地", "水电气暖"]) assert.ok(table.includes(word), `问题列表中缺少“${word}”`);
  await screenshot(browser, "ledger-imported");
});

test("the same ledger again changes nothing", async () => {
  await importLedgerFile(browser, LEDGER);
  const summary = await waitForText(browser, "ledger-import-summary", "新增 0 个问题");
  assert.match(summary, /未变 3 个/);
  const disabled = await browser.execute(() => document.querySelector('[data-testid="ledger-import-commit"]').disabled);
  assert.equal(disabled, true, "nothing to import: 确认导入 is off");
  await browser.keys("Escape");
  await waitForText(browser, "ledger-total", "共 3 个问题");
});
