// 数据交换 end to end: a county store made with the CLI (南和区 sample) exports its up package;
// the app (a city store) sets its unit, previews the package through the test hook (counts per
// record type), imports it and shows the merged enterprises; then the county and the city change
// the same phone number and the next package shows the conflict, decided in the app; undo.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, SAMPLES, byTestId, screenshot, selectOption, startApp, stopApp, waitForContent } from "../lib.mjs";

const CLI = process.env.PACESETTER_CLI ?? join(ROOT, "target/debug/pacesetter");
const work = mkdtempSync(join(tmpdir(), "pacesetter-exchange-"));
const countyDb = join(work, "county.db");
const cli = (db, ...args) => execFileSync(CLI, ["--db", db, ...args], { encoding: "utf8", env: { ...process.env, PACESETTER_DB: "" } });
// The first enterprise of the 南和区 sample.
const USCC = "91130506MA01RRJY81";

/** A one-row .csv changing the phone number of the first sample enterprise. */
function phoneSheet(name, phone) {
  const path = join(work, name);
  const name0 = JSON.parse(execFileSync(CLI, ["--db", countyDb, "list", "enterprises", "--json"], { encoding: "utf8" })).find((e) => e.uscc === USCC).name;
  writeFileSync(path, `企业名称,统一社会信用代码,联系电话\n${name0},${USCC},${phone}\n`);
  return path;
}

let browser;
before(async () => {
  cli(countyDb, "package", "unit", "南和区");
  cli(countyDb, "import", join(SAMPLES, "county_nanhe_clean.xlsx"));
  cli(countyDb, "package", "export", "--out", join(work, "p1.pacesetter"));
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
const bodyHas = (text) => browser.execute((t) => document.body.textContent.includes(t), text);
const hand = async (hook, path) => {
  await browser.waitUntil(() => browser.execute((h) => typeof window[h] === "function", hook), { timeout: 20000, timeoutMsg: `测试入口 ${hook} 未开启` });
  await browser.execute((h, p) => window[h](p), hook, path);
};

test("数据交换: the city imports a county's package with a preview", async () => {
  await click("menu-exchange");
  await selectOption(browser, "exchange-unit-select", "市工信局");
  await click("exchange-unit-save");
  await waitForContent(browser, "exchange-unit", "本机为市工信局");

  await hand("__pacesetterImportPackage", join(work, "p1.pacesetter"));
  await waitForContent(browser, "exchange-preview-title", "南和区 → 市工信局 上报数据包");
  const counts = await waitForContent(browser, "exchange-counts", "企业");
  assert.match(counts, /企业\s*25\s*0\s*0\s*0/, counts);
  await waitForContent(browser, "exchange-changes", "变动明细");
  await shoot("exchange-preview", "exchange-preview");
  await click("exchange-confirm");
  await waitForContent(browser, "exchange-result", "新增");
  await waitForContent(browser, "exchange-history", "南和区 → 市工信局 上报数据包");
  await shoot("exchange-result", "exchange-imported");

  await click("menu-enterprises");
  await browser.waitUntil(() => bodyHas("共 25 家"), { timeout: 20000, timeoutMsg: "企业库未显示导入的 25 家企业" });
  await browser.waitUntil(() => browser.execute(() => !document.querySelector(".el-loading-mask")), { timeout: 20000, timeoutMsg: "企业库仍在加载" });
  await browser.pause(800);
  await screenshot(browser, "exchange-enterprises");
});

test("数据交换: a field both sides changed is a conflict the receiver decides", async () => {
  const info = await browser.execute(() => window.__TAURI_INTERNALS__.invoke("app_info"));
  // The county changes the phone and sends its next package; the city changed the same phone.
  cli(countyDb, "import", phoneSheet("county-phone.csv", "0319-7000001"));
  cli(countyDb, "package", "export", "--out", join(work, "p2.pacesetter"));
  cli(info.db_path, "import", phoneSheet("city-phone.csv", "0319-2000002"));

  await click("menu-exchange");
  await hand("__pacesetterImportPackage", join(work, "p2.pacesetter"));
  const conflicts = await waitForContent(browser, "exchange-conflicts", "0319-7000001");
  assert.match(conflicts, /0319-2000002/);
  assert.match(conflicts, /联系电话/);
  const id = await browser.execute(() => document.querySelector('[data-testid^="conflict-take-"]').dataset.testid.replace("conflict-take-", ""));
  assert.equal(await (await byTestId(browser, "exchange-confirm")).isEnabled(), false, "undecided conflicts block the import");
  await shoot("exchange-counts", "exchange-conflict");
  await click(`conflict-take-${id}`);
  await click("exchange-confirm");
  await waitForContent(browser, "exchange-result", "已导入");
  const listed = JSON.parse(cli(info.db_path, "list", "enterprises", "--json"));
  assert.equal(listed.find((e) => e.uscc === USCC).phone, "0319-7000001");

  // Undo the last import: the phone goes back to the city's.
  // The undo is previewed first, record by record; nothing changes until it is confirmed.
  const received = await browser.execute(() =>
    [...document.querySelectorAll('[data-testid^="exchange-undo-"]')].map((b) => b.dataset.testid).filter((t) => /^exchange-undo-\d+$/.test(t)),
  );
  await click(received[0]);
  const summary = await waitForContent(browser, "exchange-undo-summary", "恢复");
  assert.match(summary, /恢复 [1-9]\d* 条/);
  const lines = await waitForContent(browser, "exchange-undo-preview", "恢复");
  assert.doesNotMatch(lines, /\["/, "records by name, not by key");
  await shoot("exchange-undo-dialog", "exchange-undo-preview");
  const previewed = JSON.parse(cli(info.db_path, "list", "enterprises", "--json"));
  assert.equal(previewed.find((e) => e.uscc === USCC).phone, "0319-7000001", "the preview writes nothing");
  await click("exchange-undo-confirm");
  await browser.waitUntil(() => bodyHas("已撤销"), { timeout: 20000, timeoutMsg: "未提示撤销完成" });
  const after = JSON.parse(cli(info.db_path, "list", "enterprises", "--json"));
  assert.equal(after.find((e) => e.uscc === USCC).phone, "0319-2000002");
  await waitForContent(browser, "exchange-history", "已撤销");
  await shoot("exchange-history", "exchange-undone");
});
