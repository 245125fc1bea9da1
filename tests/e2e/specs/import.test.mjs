// The 数据导入 page on the messy 宁晋 sample: preview (rejected row 27 with its bad check digit),
// 确认导入, the enterprises in 企业库, one enterprise's page (history, live USCC check, an audited
// edit), then 导入记录 and 撤销 (which keeps the hand-edited enterprise).
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

const text = (sel) => browser.execute((s) => document.querySelector(s)?.textContent ?? "", sel);

/** Waits until the element with `id` holds `want` in its text content (tables, whose visible
 *  text WebDriver may report empty while they lay out); returns that text. */
async function waitForContent(id, want, timeout = 20000) {
  let last = "";
  await browser.waitUntil(async () => (last = await text(`[data-testid="${id}"]`)).includes(want), {
    timeout,
    timeoutMsg: `等待 ${id} 含有“${want}”超时，实际为“${last.slice(0, 200)}”`,
  });
  return last;
}

test("the 宁晋 preview shows counts, mapping and the rejected rows", async () => {
  await importFile(browser, join(SAMPLES, "county_ningjin_messy.xlsx"));
  const summary = await waitForText(browser, "import-summary", "新增 24 条");
  assert.match(summary, /拒绝 2 行/);
  assert.match(summary, /忽略 4 行/);
  await waitForText(browser, "import-page", "第 3 行");
  await (await browser.$("#tab-rejected")).click();
  const rejected = await waitForContent("rejected-table", "校验码");
  const row27 = await browser.execute(() =>
    [...document.querySelectorAll('[data-testid="rejected-table"] .el-table__body tr')]
      .map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent.trim()))
      .find((cells) => cells[0] === "27"),
  );
  assert.ok(row27, `第27行应被拒绝：${rejected}`);
  assert.match(row27[3], /第18位校验码应为/);
  assert.equal(row27[2], "91130528440625223N");
  await screenshot(browser, "import-preview-ningjin");
  // The column mapping: every column with its detected field, editable.
  await (await browser.$(".mapping .el-collapse-item__header")).click();
  const mapping = await waitForContent("mapping-table", "统一社会信用代码");
  assert.match(mapping, /企业名称/);
  await screenshot(browser, "import-mapping-ningjin");
  // Column G (联系人) → 忽略此列: the preview is made again with the user's mapping.
  await (await byTestId(browser, "map-G")).click();
  await browser.waitUntil(
    () =>
      browser.execute(() => {
        const item = [...document.querySelectorAll(".el-select-dropdown__item")].find(
          (li) => li.offsetParent !== null && li.textContent.trim() === "忽略此列",
        );
        item?.click();
        return Boolean(item);
      }),
    { timeout: 5000, timeoutMsg: "列对应下拉框未打开" },
  );
  await waitForText(browser, "import-page", "已手工调整");
  await waitForText(browser, "import-summary", "新增 24 条");
});

test("确认导入 writes the 24 enterprises", async () => {
  await (await byTestId(browser, "import-confirm")).click();
  await waitForText(browser, "import-page", "导入结果");
  await waitForText(browser, "import-summary", "已写入企业库");
  await (await byTestId(browser, "import-close")).click();
  await waitForText(browser, "enterprise-total", "共 24 家企业");
  assert.match(await text('[data-testid="enterprise-table"]'), /宁晋川嘉光伏科技有限公司/);
});

test("an enterprise's page shows its fields, figures and import history; edits are audited", async () => {
  await fillInput(browser, "enterprise-search", "宁晋川嘉光伏");
  await waitForText(browser, "enterprise-total", "共 1 家企业");
  // A click on the row's name cell, as a user would (WebDriver finds the <tr> itself not interactable).
  await browser.execute(() =>
    document.querySelector('[data-testid="enterprise-table"] .el-table__body tr.el-table__row td:nth-child(2) .cell').click(),
  );
  await waitForText(browser, "enterprise-title", "宁晋川嘉光伏科技有限公司");
  await waitForText(browser, "enterprise-basic", "91130528341223691C");
  await waitForContent("enterprise-figures", "53,535.46");
  await waitForContent("enterprise-history", "导入#1");
  await screenshot(browser, "enterprise-detail");

  await (await byTestId(browser, "enterprise-edit")).click();
  await waitForText(browser, "uscc-ok", "代码有效");
  await fillInput(browser, "field-uscc", "91130528341223691D");
  await waitForText(browser, "enterprise-form", "第18位校验码应为C");
  await fillInput(browser, "field-uscc", "91130528341223691C");
  await waitForText(browser, "uscc-ok", "代码有效");
  await fillInput(browser, "field-name", "宁晋川嘉光伏科技股份有限公司");
  await screenshot(browser, "enterprise-edit");
  await (await byTestId(browser, "enterprise-save")).click();
  await waitForText(browser, "enterprise-title", "宁晋川嘉光伏科技股份有限公司");
  await waitForContent("enterprise-history", "宁晋川嘉光伏科技有限公司 → 宁晋川嘉光伏科技股份有限公司");
  await waitForContent("enterprise-history", "手工录入");
});

test("导入记录: 撤销 shows what it will do first and keeps the hand edit", async () => {
  await (await byTestId(browser, "menu-imports")).click();
  await waitForText(browser, "imports-total", "共 1 次导入");
  const table = await waitForContent("imports-table", "county_ningjin_messy.xlsx");
  assert.match(table, /\d{4}年\d{1,2}月\d{1,2}日/);
  await (await byTestId(browser, "undo-1")).click();
  const summary = await waitForText(browser, "undo-summary", "将删除 23 家企业");
  assert.match(summary, /保留 1 家企业/);
  // The enterprise renamed by hand after the import stays, and the preview says why.
  const preview = await waitForContent("undo-preview", "宁晋川嘉光伏科技股份有限公司");
  assert.match(preview, /保留/);
  assert.match(preview, /导入后又修改了/);
  await screenshot(browser, "imports-undo-preview");
  await (await byTestId(browser, "undo-confirm")).click();
  await waitForContent("imports-table", "已撤销");
  await browser.waitUntil(async () => !(await (await byTestId(browser, "undo-1")).isExisting()), { timeout: 10000 });
  assert.ok(await (await byTestId(browser, "redo-1")).isExisting(), "an undone import can be restored");
  await screenshot(browser, "imports-undone");
  await (await byTestId(browser, "menu-enterprises")).click();
  await fillInput(browser, "enterprise-search", "");
  await waitForText(browser, "enterprise-total", "共 1 家企业");
  assert.match(await text('[data-testid="enterprise-table"]'), /宁晋川嘉光伏科技股份有限公司/, "the hand edit survives the undo");
});

test("the same layout again uses the confirmed mapping; 取消 writes nothing", async () => {
  await importFile(browser, join(SAMPLES, "county_ningjin_messy.xlsx"));
  await waitForText(browser, "import-page", "沿用上次确认的列对应");
  await (await byTestId(browser, "import-cancel")).click();
  await waitForText(browser, "import-empty", "选择文件");
  await screenshot(browser, "import-empty");
  await (await byTestId(browser, "menu-imports")).click();
  await waitForText(browser, "imports-total", "共 1 次导入");
});

test("新增企业 checks the code live, saves, and 删除 asks first", async () => {
  await (await byTestId(browser, "menu-enterprises")).click();
  await (await byTestId(browser, "enterprise-new")).click();
  await waitForText(browser, "enterprise-title", "新增企业");
  await fillInput(browser, "field-name", "河北测试新增科技有限公司");
  await fillInput(browser, "field-uscc", "91130506MA01RRJY82");
  await waitForText(browser, "enterprise-form", "第18位校验码应为1");
  await fillInput(browser, "field-uscc", "91130506ma01rrjy81");
  await waitForText(browser, "uscc-ok", "代码有效");
  await (await byTestId(browser, "enterprise-save")).click();
  await waitForText(browser, "enterprise-title", "河北测试新增科技有限公司");
  await waitForText(browser, "enterprise-basic", "91130506MA01RRJY81");
  await (await byTestId(browser, "enterprise-delete")).click();
  const ok = await browser.$(".el-message-box__btns .el-button--primary");
  await ok.waitForClickable({ timeout: 5000 });
  await ok.click();
  await waitForText(browser, "enterprise-total", "共 1 家企业");
});

test("回收站 keeps the deleted enterprise and 恢复 brings it back", async () => {
  await (await byTestId(browser, "trash-button")).click();
  // The row of the deleted enterprise (its 恢复 button); the dialog's text is not read through
  // WebKitWebDriver (getText of the teleported dialog is empty), so the button stands for it.
  const restore = await byTestId(browser, "trash-restore-91130506MA01RRJY81");
  await restore.waitForClickable({ timeout: 20000 });
  await screenshot(browser, "enterprises-trash");
  await restore.click();
  await (await byTestId(browser, "trash-restore-91130506MA01RRJY81")).waitForExist({ timeout: 20000, reverse: true });
  await (await byTestId(browser, "trash-close")).click();
  await waitForText(browser, "enterprise-total", "共 2 家企业");
});
