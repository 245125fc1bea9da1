// 工作方案 end to end: a second plan (Handan's 5 actions, 2023—2027) imported from a task table and
// an indicator sheet beside the seeded 2022 plan; made current, its measures on 任务分工 and its
// indicators on 目标看板; its 总结评估 exported as .docx (rendered to PNG when LibreOffice is here)
// and its print view; back to the 2022 plan through the side-menu switcher, whose 21 measures are
// unchanged.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, SHOTS, byTestId, fillInput, screenshot, startApp, stopApp, waitForText, setNumber, PRINT_TIMEOUT } from "../lib.mjs";
import { HANDAN, measureText, writeHandanSheets } from "../plan-sheets.mjs";

const OUT = join(ROOT, "target/e2e-work-plans");
const REPORT_TITLE = `《${HANDAN.title}》总结评估报告`;
let browser;
let sheets;

before(async () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  sheets = writeHandanSheets(mkdtempSync(join(tmpdir(), "pacesetter-plan-")));
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
const textOf = (id) => browser.execute((sel) => document.querySelector(sel)?.textContent ?? "", `[data-testid="${id}"]`);
/** Waits until the element's whole text (hidden tab panes included) contains `text`. */
async function waitForContent(id, text) {
  let last = "";
  await browser.waitUntil(async () => (last = await textOf(id)).includes(text), { timeout: 20000, timeoutMsg: `等待 ${id} 含有“${text}”超时，实际为“${last}”` });
  return last;
}
/** Hands `path` to the page's test hook `hook`, as the native dialog would. */
async function hand(hook, path) {
  await browser.waitUntil(() => browser.execute((h) => typeof window[h] === "function", hook), { timeout: 20000, timeoutMsg: `没有测试入口 ${hook}` });
  await browser.execute((h, p) => window[h](p), hook, path);
}

test("the 2022 plan is listed as the current, ended plan", async () => {
  await click("menu-work-plans");
  await waitForText(browser, "plan-title-1", "邢台市特色产业集群“领跑者”企业培育工作方案");
  await waitForText(browser, "plan-current-1", "当前");
  await waitForText(browser, "plan-status-1", "已结束");
  await waitForText(browser, "plan-switcher", "2022—2025年");
  await waitForText(browser, "report-title", "总结评估报告");
  await screenshot(browser, "work-plans-list");
});

test("a second plan is imported from its task table and indicator sheet", async () => {
  await click("plan-import-open");
  await hand("__pacesetterPlanTasks", sheets.tasks);
  await hand("__pacesetterPlanIndicators", sheets.indicators);
  await waitForText(browser, "plan-import-tasks-file", "邯郸市领跑者任务分工表.xls");
  await waitForText(browser, "plan-import-indicators-file", "邯郸市领跑者指标表.xls");
  await fillInput(browser, "plan-form-title", HANDAN.title);
  await fillInput(browser, "plan-form-issuer", HANDAN.issuer);
  await setNumber(browser, "plan-form-start", HANDAN.start);
  await setNumber(browser, "plan-form-end", HANDAN.end);
  await browser.pause(300);
  await screenshot(browser, "work-plans-import-form");
  await click("plan-import-confirm");
  const summary = await waitForText(browser, "plan-import-summary", "5 项行动、10 条措施");
  assert.match(summary, /4 项指标/);
  assert.match(summary, /2023—2027年/);
  // The target that is not a number is named by row and column.
  await (await browser.$("//div[contains(@class,'el-tabs__item') and contains(., '提醒（2）')]")).click();
  const warnings = await waitForContent("plan-import-warnings", "约十个");
  assert.match(warnings, /2027年目标“约十个”不是数字/);
  assert.match(warnings, /H/);
  await browser.pause(300);
  await screenshot(browser, "work-plans-import-result");
  await click("plan-import-use");
  await waitForText(browser, "plan-current-title", HANDAN.title);
  await waitForText(browser, "plan-switcher", "实施中");
  await waitForContent("plans-list", "邯郸市工业和信息化局");
});

test("任务分工 shows the new plan's 5 actions and 10 measures", async () => {
  await click("menu-tasks");
  await waitForText(browser, "task-count", "5 项行动 · 10 条措施");
  assert.equal(await (await byTestId(browser, "plan-readonly")).isExisting(), false, "实施中的方案不应只读");
  const page = await textOf("action-5");
  assert.match(page, /要素保障行动/);
  assert.match(await browser.execute(() => document.body.textContent), new RegExp(measureText(0, 1).split("。")[0]));
  assert.equal(await (await byTestId(browser, "action-6")).isExisting(), false);
  await browser.pause(800);
  await screenshot(browser, "work-plans-tasks");
});

test("目标看板 shows the new plan's indicators", async () => {
  await click("menu-targets");
  await waitForText(browser, "targets-plan", HANDAN.title);
  const table = await waitForContent("targets-table", "省级单项冠军企业");
  assert.match(table, /专精特新“小巨人”企业数/);
  assert.match(table, /新培育“专精特新”中小企业/);
  assert.doesNotMatch(table, /上市企业/, "第一个方案的指标不应出现");
  await browser.pause(800);
  await screenshot(browser, "work-plans-targets");
});

test("its 总结评估 is previewed, exported as Word and printed", async () => {
  await click("menu-work-plans");
  await waitForText(browser, "report-title", REPORT_TITLE);
  await waitForText(browser, "report-summary", "重点任务 10 条");
  const measures = await textOf("report-table-measures");
  for (const a of [1, 5]) assert.match(measures, new RegExp(`${a}\\.2`));
  await browser.execute(() => document.querySelector('[data-testid="plan-report"]').scrollIntoView({ block: "start", behavior: "instant" }));
  await browser.pause(400);
  await screenshot(browser, "work-plans-report");

  const docx = join(OUT, "邯郸市领跑者企业培育行动方案总结评估报告.docx");
  await hand("__pacesetterExportReport", docx);
  await browser.waitUntil(() => existsSync(docx) && statSync(docx).size > 0, { timeout: 30000, timeoutMsg: `没有生成 ${docx}` });
  const xml = execFileSync("unzip", ["-p", docx, "word/document.xml"], { encoding: "utf8" }).replace(/<[^>]+>/g, "");
  assert.ok(xml.includes(REPORT_TITLE), "Word 报告没有标题");
  for (const h of ["一、主要目标完成情况", "二、重点任务落实情况", "三、分县区情况", "四、问题台账办理情况", "要素保障行动第2项措施"]) assert.ok(xml.includes(h), `Word 报告缺少“${h}”`);
  // The document as it prints, for looking at (LibreOffice renders it where it is installed).
  // (Where LibreOffice Writer is installed: soffice with Calc alone cannot load a .docx.)
  if (existsSync("/usr/lib/libreoffice/share/registry/writer.xcd")) {
    // Its own profile: a LibreOffice already running for this user would otherwise take the job and drop it.
    const profile = `-env:UserInstallation=file://${join(OUT, "lo-profile")}`;
    execFileSync("soffice", [profile, "--headless", "--convert-to", "pdf", "--outdir", OUT, docx], { stdio: "ignore", timeout: 120000 });
    const pdf = docx.replace(/\.docx$/, ".pdf");
    assert.ok(existsSync(pdf), "LibreOffice 未能把 Word 报告转为 PDF");
    execFileSync("pdftoppm", ["-png", "-r", "60", pdf, join(SHOTS, "work-plans-report-docx")]);
  }

  await click("report-year-2026");
  await waitForText(browser, "report-title", "2026年度实施情况报告");
  await hand("__pacesetterExportReport", join(OUT, "2026年度.xlsx"));
  await browser.waitUntil(() => existsSync(join(OUT, "2026年度.xlsx")), { timeout: 30000, timeoutMsg: "没有生成年度报告 .xlsx" });

  await click("report-whole");
  await waitForText(browser, "report-title", REPORT_TITLE);
  await click("report-print");
  const sheet = await waitForText(browser, "print-ready", REPORT_TITLE, PRINT_TIMEOUT);
  assert.match(sheet, /二、重点任务落实情况/);
  assert.match(sheet, /— 1 —/);
  await browser.pause(800);
  await screenshot(browser, "work-plans-report-print");
  await (await browser.$("//button[.//span[text()='返回']]")).click();
});

test("the switcher goes back to the 2022 plan, whose measures are unchanged", async () => {
  await click("plan-switcher");
  await click("plan-option-1");
  await waitForText(browser, "plan-current-title", "邢台市特色产业集群");
  await click("menu-tasks");
  await waitForText(browser, "task-count", "6 项行动 · 21 条措施");
  await waitForText(browser, "plan-readonly", "已于2025年底结束，只读");
  await browser.pause(800);
  await screenshot(browser, "work-plans-back-to-2022");
});
