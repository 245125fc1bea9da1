// 集群 · 一群一策 end to end: import the clean 南和 sample, open 南和农机装备 from the cluster list,
// see its enterprises and its 营业收入 total (from expected_county_nanhe_clean.xlsx.json), edit its
// plan (a goal with a yearly target, a measure, the alliance with its 盟主, a diagnosis done) and
// see the 诊断服务覆盖率, then export the plan as .docx and read its text back.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SAMPLES, byTestId, fillInput, importFile, screenshot, selectOption, setNumber, startApp, stopApp, waitForContent, waitForText } from "../lib.mjs";

const CLUSTER = "南和农机装备";
const members = JSON.parse(readFileSync(join(SAMPLES, "expected_county_nanhe_clean.xlsx.json"), "utf8")).enterprises.filter((e) => e.cluster === CLUSTER);
const revenue = members.reduce((sum, e) => sum + (e.revenue_wan ?? 0), 0);
const wan = (v) => v.toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const work = mkdtempSync(join(tmpdir(), "pacesetter-clusters-"));

let browser;
before(async () => {
  browser = await startApp();
});
after(async () => {
  await stopApp(browser);
});

const click = async (id) => (await byTestId(browser, id)).click();
/** Scrolls the element into view and lets the webview paint before the screenshot. */
const shoot = async (id, name) => {
  await browser.execute((sel) => document.querySelector(sel)?.scrollIntoView({ block: "start" }), `[data-testid="${id}"]`);
  await browser.pause(800);
  await screenshot(browser, name);
};
const closeDropdowns = async () => {
  await (await browser.$(".page-header h2")).click();
  await browser.pause(300);
};

test("import the 南和 sample and open 南和农机装备 from the cluster list", async () => {
  assert.ok(members.length >= 3, "the sample has enterprises of the cluster");
  await waitForText(browser, "menu-enterprises", "企业库");
  await importFile(browser, join(SAMPLES, "county_nanhe_clean.xlsx"));
  await waitForText(browser, "import-summary", "新增 25 条");
  await click("import-confirm");
  await waitForText(browser, "import-page", "导入结果");
  await click("import-close");
  await waitForText(browser, "enterprise-total", "共 25 家企业");

  await click("menu-clusters");
  const list = await waitForContent(browser, "clusters-table", CLUSTER);
  assert.match(list, /南和宠物食品/);
  await shoot("clusters-table", "clusters-list");
  await click(`cluster-open-${CLUSTER}`);
  await waitForText(browser, "cluster-title", `${CLUSTER} · 一群一策`);
  await waitForContent(browser, "cluster-counts", `企业 ${members.length} 家`);
  const table = await waitForContent(browser, "cluster-enterprises", members[0].name);
  for (const m of members) assert.ok(table.includes(m.name), `${m.name} listed`);
  await waitForContent(browser, "cluster-years", wan(revenue));
  await shoot("cluster-title", "cluster-page");
});

test("edit the plan: goal, measure, alliance, a diagnosis done → 诊断服务覆盖率", async () => {
  await waitForContent(browser, "cluster-coverage", `已诊断 0 / ${members.length} 家`);
  await click("cluster-plan-note");
  await fillInput(browser, "cluster-plan-note", "南和农机装备集群以拖拉机配件、播种机械为主。");
  await click("cluster-goals-add");
  await fillInput(browser, "cluster-goals-content", "集群营业收入");
  await fillInput(browser, "cluster-goals-unit", "亿元");
  await setNumber(browser, "cluster-goal-0-target-0", 25);
  await click("cluster-measures-add");
  await fillInput(browser, "cluster-measures-content", "组织农机装备产需对接会");
  await fillInput(browser, "cluster-measures-unit", "南和区工业和信息化局");
  await fillInput(browser, "cluster-alliance-name", "南和农机装备产业集群联盟");
  await selectOption(browser, "cluster-alliance-lead", members[0].name);
  await closeDropdowns();
  await click("cluster-diagnoses-add");
  await selectOption(browser, "cluster-diagnosis-enterprise-0", members[1].name);
  await closeDropdowns();
  await selectOption(browser, "cluster-diagnosis-done-0", "已诊断");
  await closeDropdowns();
  await fillInput(browser, "cluster-diagnoses-findings", "装配线自动化程度低，建议智能化改造");
  await click("cluster-plan-save");
  const pct = Math.round((1000 * 1) / members.length) / 10;
  await waitForContent(browser, "cluster-coverage", `诊断服务覆盖率 ${pct}%（已诊断 1 / ${members.length} 家`);
  await browser.waitUntil(async () => !(await (await byTestId(browser, "cluster-plan-draft")).isExisting()), { timeout: 10000, timeoutMsg: "保存后仍显示未保存" });
  await shoot("cluster-alliance", "cluster-plan-edited");
});

test("export the plan as Word and read it back", async () => {
  const out = join(work, "南和农机装备一群一策.docx");
  await browser.waitUntil(() => browser.execute(() => typeof window.__pacesetterExportClusterPlan === "function"), { timeout: 20000, timeoutMsg: "测试入口 __pacesetterExportClusterPlan 未开启" });
  await browser.execute((p) => window.__pacesetterExportClusterPlan(p), out);
  await browser.waitUntil(() => existsSync(out) && statSync(out).size > 0, { timeout: 20000, timeoutMsg: "未写出 .docx" });
  const xml = execFileSync("unzip", ["-p", out, "word/document.xml"], { encoding: "utf8" });
  for (const t of ["南和农机装备特色产业集群“一群一策”工作方案", "组织农机装备产需对接会", "南和农机装备产业集群联盟", members[0].name, "装配线自动化程度低", "诊断服务覆盖率"]) {
    assert.ok(xml.includes(t), `the document has ${t}`);
  }
});
