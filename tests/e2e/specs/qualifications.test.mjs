// 资质认定 end to end: import the clean 南和 sample, open an enterprise, add a 科技型中小企业 certificate
// in its 资质认定 section (有效期至 filled from the kind's one-year validity, state 有效), then find it
// with the list's 资质 filter: exactly that enterprise. Screenshots are kept for review.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { SAMPLES, byTestId, fillInput, importFile, screenshot, selectOption, startApp, stopApp, waitForContent, waitForText } from "../lib.mjs";

let browser;
let name = "";
before(async () => {
  browser = await startApp();
});
after(async () => {
  await stopApp(browser);
});

const shot = async (file) => {
  await browser.pause(800);
  await screenshot(browser, file);
};
const clickId = (id) => browser.execute((i) => document.querySelector(`[data-testid="${i}"]`).click(), id);
const month = new Date().toISOString().slice(0, 7);

test("import the 南和 sample and open an enterprise", async () => {
  await waitForText(browser, "menu-enterprises", "企业库");
  await importFile(browser, join(SAMPLES, "county_nanhe_clean.xlsx"));
  await waitForText(browser, "import-summary", "新增 25 条");
  await (await byTestId(browser, "import-confirm")).click();
  await waitForText(browser, "import-page", "导入结果");
  await (await byTestId(browser, "import-close")).click();
  await waitForText(browser, "enterprise-total", "共 25 家企业");
  await browser.execute(() => document.querySelector('[data-testid="enterprise-table"] .el-table__body tr td:nth-child(3)').click());
  name = await waitForContent(browser, "enterprise-title", "公司");
  await waitForContent(browser, "qualifications-section", "资质认定");
});

test("add a 科技型中小企业 certificate: valid, its end from the kind's validity", async () => {
  await clickId("qualification-add");
  await waitForContent(browser, "qualification-form", "资质类别");
  await selectOption(browser, "qualification-kind", "科技型中小企业");
  await fillInput(browser, "qualification-obtained", month);
  await fillInput(browser, "qualification-number", "202613050000123");
  await shot("qualifications-add-dialog");
  await clickId("qualification-save");
  const table = await waitForContent(browser, "qualifications-table", "科技型中小企业");
  const [y, m] = month.split("-").map(Number);
  const until = `${y + 1}年${m}月`;
  assert.ok(table.includes("有效"), table);
  assert.ok(table.includes(until) || table.includes(`${y + 1}-${String(m).padStart(2, "0")}`), `${until} in ${table}`);
  assert.ok(table.includes("202613050000123"), table);
  await shot("qualifications-section");
});

test("the list's 资质 filter finds exactly that enterprise", async () => {
  await clickId("enterprise-back");
  await waitForText(browser, "enterprise-total", "共 25 家企业");
  await selectOption(browser, "filter-qualification", "科技型中小企业");
  await (await browser.$(".page-header h2")).click();
  await waitForText(browser, "enterprise-total", "共 1 家企业");
  await waitForContent(browser, "filter-chips", "资质：科技型中小企业");
  const table = await waitForContent(browser, "enterprise-table", name);
  assert.ok(table.includes(name), table);
  await shot("qualifications-filtered");
});

test("设置 → 资质类型: the bureau adds a kind, and certificates can name it", async () => {
  await clickId("menu-settings");
  await waitForContent(browser, "qualification-kind-table", "制造业单项冠军");
  await clickId("qualification-kind-add");
  await waitForContent(browser, "qualification-kind-dialog", "新增资质类型");
  await fillInput(browser, "kind-name", "河北省制造业单项冠军企业");
  await fillInput(browser, "kind-short-name", "省单项冠军");
  await clickId("kind-save");
  const table = await waitForContent(browser, "qualification-kind-table", "河北省制造业单项冠军企业");
  assert.match(table, /省单项冠军/);
  assert.match(table, /新增/);
  await browser.waitUntil(async () => !(await (await byTestId(browser, "qualification-kind-dialog")).isDisplayed()), {
    timeout: 10000,
    timeoutMsg: "保存后对话框未关闭",
  });
  await browser.execute(() => document.querySelector('[data-testid="qualification-kinds"]').scrollIntoView({ block: "start" }));
  await shot("qualification-kinds");
});
