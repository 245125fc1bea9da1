// 上市培育库 end to end: import the clean 南和 sample, filter 专精特新 + 已股改 (chips, kept when a
// detail page is opened and left), select all matching, 纳入上市培育库 with a reason after the
// preview, see 入库 n / 30 change, the enterprise's 名单记录 and the 上市培育库 page (members with
// their 入库 date and reason, the history), then undo the batch and see the page follow. The counts come
// from expected_county_nanhe_clean.xlsx.json; screenshots are kept for review.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SAMPLES, byTestId, fillInput, importFile, screenshot, selectOption, startApp, stopApp, waitForContent, waitForText } from "../lib.mjs";

const expected = JSON.parse(readFileSync(join(SAMPLES, "expected_county_nanhe_clean.xlsx.json"), "utf8")).enterprises;
const chosen = expected.filter((e) => e.specialized && e.listing_stage === "已股改");

let browser;
before(async () => {
  browser = await startApp();
});
after(async () => {
  await stopApp(browser);
});

/** Lets transitions (dialogs fading, counts repainting) finish before a screenshot. */
const shot = async (name) => {
  await browser.pause(800);
  await screenshot(browser, name);
};
const clickId = (id) => browser.execute((i) => document.querySelector(`[data-testid="${i}"]`).click(), id);
const textOf = (id) => browser.execute((i) => document.querySelector(`[data-testid="${i}"]`)?.textContent ?? "", id);
/** A real click on the page title: closes an open drop-down as a user's click elsewhere does. */
const closeDropdowns = async () => {
  await (await browser.$(".page-header h2")).click();
  await browser.pause(300);
};

test("import the 南和 sample: 入库 0 / 30", async () => {
  await waitForText(browser, "menu-enterprises", "企业库");
  await importFile(browser, join(SAMPLES, "county_nanhe_clean.xlsx"));
  await waitForText(browser, "import-summary", "新增 25 条");
  await (await byTestId(browser, "import-confirm")).click();
  await waitForText(browser, "import-page", "导入结果");
  await (await byTestId(browser, "import-close")).click();
  await waitForText(browser, "enterprise-total", "共 25 家企业");
  await waitForContent(browser, "pool-count", "入库 0 / 30");
});

test("filter 专精特新 + 已股改: chips, and they survive a detail page", async () => {
  assert.equal(chosen.length, 2, "the sample has two 专精特新 enterprises that are 已股改");
  await selectOption(browser, "filter-qualification", "专精特新");
  await closeDropdowns();
  await waitForText(browser, "enterprise-total", `共 ${expected.filter((e) => e.specialized).length} 家企业`);
  await selectOption(browser, "filter-stage", "已股改");
  await closeDropdowns();
  await waitForText(browser, "enterprise-total", `共 ${chosen.length} 家企业`);
  const chips = await waitForContent(browser, "filter-chips", "资质：专精特新");
  assert.ok(chips.includes("上市进度：已股改"), chips);
  const table = await waitForContent(browser, "enterprise-table", chosen[0].name);
  assert.ok(table.includes(chosen[1].name), table);
  await shot("pool-filtered");
  // Open the first row's page, come back by 企业库: the filters are still there.
  await browser.execute(() => document.querySelector('[data-testid="enterprise-table"] .el-table__body tr td:nth-child(3)').click());
  await waitForText(browser, "enterprise-title", "有限公司");
  await clickId("enterprise-back");
  await waitForText(browser, "enterprise-total", `共 ${chosen.length} 家企业`);
  await waitForContent(browser, "filter-chips", "上市进度：已股改");
});

test("select all matching, 纳入上市培育库 with a reason: preview, confirm, 入库 2 / 30", async () => {
  await clickId("select-all-matching");
  await waitForContent(browser, "selection-count", `已选择全部符合条件的 ${chosen.length} 家`);
  await clickId("batch-button");
  await waitForContent(browser, "batch-scope", `全部符合筛选条件的 ${chosen.length} 家企业`);
  await selectOption(browser, "batch-action", "纳入上市培育库");
  await browser.execute(() => {
    const el = document.querySelector('[data-testid="batch-reason"] textarea') ?? document.querySelector('[data-testid="batch-reason"]');
    el.value = "县区推荐、市局审核：拟于2027年申报北交所";
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await clickId("batch-preview-button");
  const summary = await waitForContent(browser, "batch-preview-summary", `将修改 ${chosen.length} 家`);
  assert.ok(summary.includes("纳入上市培育库"), summary);
  const preview = await waitForContent(browser, "batch-preview", "是否入库（上市培育库）");
  assert.ok(preview.includes(chosen[0].name), preview);
  await shot("pool-batch-preview");
  await clickId("batch-confirm");
  await waitForContent(browser, "batch-last", `已批量修改 ${chosen.length} 家企业`);
  await waitForContent(browser, "pool-count", `入库 ${chosen.length} / 30`);
  const table = await waitForContent(browser, "enterprise-table", chosen[0].name);
  assert.ok(table.includes("是"), table);
  await shot("pool-after-batch");
});

test("the enterprise's 名单记录 shows the stay with its reason", async () => {
  await browser.execute(() => document.querySelector('[data-testid="enterprise-table"] .el-table__body tr td:nth-child(3)').click());
  const records = await waitForContent(browser, "enterprise-memberships", "上市培育库");
  assert.ok(records.includes("拟于2027年申报北交所") && records.includes("在册"), records);
  await browser.execute(() => document.querySelector('[data-testid="enterprise-memberships"]').scrollIntoView({ block: "start" }));
  await browser.pause(400);
  await shot("pool-memberships");
  await clickId("enterprise-back");
  await waitForText(browser, "enterprise-total", `共 ${chosen.length} 家企业`);
});

test("the 上市培育库 page lists them with date and reason: 入库 2 / 30", async () => {
  await clickId("menu-lists");
  await waitForContent(browser, "list-count", `入库 ${chosen.length} / 30`);
  const members = await waitForContent(browser, "list-members", chosen[0].name);
  assert.ok(members.includes(chosen[1].name) && members.includes("县区推荐、市局审核：拟于2027年申报北交所"), members);
  await shot("pool-list-page");
  await browser.execute(() => [...document.querySelectorAll(".views .el-tabs__item")].find((t) => t.textContent.includes("变动记录")).click());
  const history = await waitForContent(browser, "list-history", "纳入上市培育库");
  assert.ok(history.includes(chosen[0].name) && history.includes(`批量修改#1`), history);
  await shot("pool-list-history");
  await clickId("menu-enterprises");
  await waitForText(browser, "enterprise-total", "共 25 家企业");
});

test("undo the batch from 批量修改记录: 入库 0 / 30 again", async () => {
  await clickId("batch-history-button");
  await waitForContent(browser, "batch-history", "纳入上市培育库");
  await shot("pool-batch-history");
  await clickId("batch-undo-1");
  await browser.waitUntil(async () => browser.execute(() => !!document.querySelector(".el-message-box__btns .el-button--primary")), { timeout: 10000 });
  await browser.execute(() => document.querySelector(".el-message-box__btns .el-button--primary").click());
  await waitForContent(browser, "batch-history", "撤销");
  await waitForContent(browser, "pool-count", "入库 0 / 30");
  assert.ok((await textOf("batch-history")).includes("已于"), await textOf("batch-history"));
  await shot("pool-undone");
});

test("after the undo the 上市培育库 page is empty again: 入库 0 / 30", async () => {
  await clickId("menu-lists");
  await waitForContent(browser, "list-count", "入库 0 / 30");
  await waitForContent(browser, "list-members", "名单上没有企业");
  await shot("pool-list-undone");
});
