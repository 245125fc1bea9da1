// Shared e2e helpers: start the real app through tauri-driver with a fresh temporary store,
// find elements by data-testid, wait for text, take screenshots, write a sheet as a .csv.
import { remote } from "webdriverio";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, "../..");
export const SAMPLES = resolve(ROOT, "../shared/samples");
export const SHOTS = process.env.E2E_SHOTS ?? join(ROOT, "target/e2e-screenshots");
const APP = process.env.PACESETTER_APP ?? join(ROOT, "target/debug/pacesetter-app");

/** A new app session (tauri-driver on E2E_PORT, 4444 by default). run.sh gives every spec file its own
 *  tauri-driver whose environment holds a fresh PACESETTER_DB, so each file starts empty. */
export async function startApp() {
  const browser = await remote({
    hostname: "127.0.0.1",
    port: Number(process.env.E2E_PORT ?? 4444),
    logLevel: "error",
    capabilities: { "tauri:options": { application: APP } },
  });
  await browser.setTimeout({ implicit: 0 });
  return browser;
}

/** The print view lays out every page with the fonts loaded before it shows print-ready: on a
 * loaded 2-core machine that takes longer than other screens. */
export const PRINT_TIMEOUT = 60000;

export const byTestId = (browser, id) => browser.$(`[data-testid="${id}"]`);

/** Waits until the element with `id` shows text containing `text`; returns its text. */
export async function waitForText(browser, id, text, timeout = 20000) {
  let last = "";
  await browser.waitUntil(
    async () => {
      const el = await byTestId(browser, id);
      if (!(await el.isExisting())) return false;
      last = await el.getText();
      return last.includes(text);
    },
    { timeout, timeoutMsg: `等待 ${id} 显示“${text}”超时，实际为“${last}”` },
  );
  return last;
}

export async function screenshot(browser, name) {
  mkdirSync(SHOTS, { recursive: true });
  await browser.saveScreenshot(join(SHOTS, `${name}.png`));
}

/** Hands `path` to the test hook `window[hook]`, which the app opens with PACESETTER_E2E. */
async function handPath(browser, hook, path) {
  await browser.waitUntil(() => browser.execute((h) => typeof window[h] === "function", hook), {
    timeout: 20000,
    timeoutMsg: `应用未开启测试导入入口 ${hook}（PACESETTER_E2E）`,
  });
  await browser.execute((h, p) => window[h](p), hook, path);
}

/** Hands a file to the app's import flow, as the native open dialog would. */
export const importFile = (browser, path) => handPath(browser, "__pacesetterImport", path);

/** Hands a 任务分工表 to the task import preview (任务分工 page open), as the open dialog would. */
export const importTaskFile = (browser, path) => handPath(browser, "__pacesetterImportTasks", path);

/** Hands a county's problem ledger to the 导入台账 preview (问题台账 page open), as the open dialog would. */
export const importLedgerFile = (browser, path) => handPath(browser, "__pacesetterImportLedger", path);

/** Waits until the element with `id` holds `want` in its text content (tables and tags that
 *  WebDriver may report empty while they lay out); returns that text. */
export async function waitForContent(browser, id, want, timeout = 20000) {
  const read = () => browser.execute((sel) => document.querySelector(sel)?.textContent ?? "", `[data-testid="${id}"]`);
  let last = "";
  await browser.waitUntil(async () => (last = await read()).includes(want), {
    timeout,
    timeoutMsg: `等待 ${id} 含有“${want}”超时，实际为“${last.slice(0, 300)}”`,
  });
  return last;
}

/** Types `text` into the input with `id` as a user would end up with it (replacing what was there). */
export async function fillInput(browser, id, text) {
  await browser.execute(
    (sel, value) => {
      const el = document.querySelector(sel);
      el.value = value;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    },
    `[data-testid="${id}"]`,
    text,
  );
}

/** Ends the session; the app closing its window may drop the connection first, which is fine. */
export async function stopApp(browser) {
  try {
    await browser?.deleteSession();
  } catch {
    /* the app is gone already */
  }
}

/** Opens the el-select with `id` and clicks, in that select's own list (not another select's list
 *  still fading out), the option whose text starts with `label` (or holds it, with `anywhere`).
 *  Clicks the select again if it is still closed after a while (the click landed while a drawer slid in). */
export async function selectOption(browser, id, label, anywhere = false) {
  let state = "";
  let clickedAt = 0;
  await browser.waitUntil(
    async () => {
      state = await browser.execute(
        (sel, l, any) => {
          const input = document.querySelector(`${sel} input[aria-controls]`);
          if (!input) return "missing";
          if (input.getAttribute("aria-expanded") !== "true") return "collapsed";
          const list = document.getElementById(input.getAttribute("aria-controls"));
          if (!list || list.offsetParent === null) return "opening";
          const matches = (text) => (any ? text.includes(l) : text.startsWith(l));
          const item = [...list.querySelectorAll(".el-select-dropdown__item")].find((li) => matches(li.textContent.trim()));
          if (!item) return "no-option";
          item.click();
          return "chosen";
        },
        `[data-testid="${id}"]`,
        label,
        anywhere,
      );
      // A remote select stays collapsed until its options arrive: give a click time to open it.
      if (state === "collapsed" && Date.now() - clickedAt > 2500) {
        clickedAt = Date.now();
        await (await byTestId(browser, id)).click();
      }
      return state === "chosen";
    },
    { timeout: 15000, interval: 400, timeoutMsg: `选择框 ${id} 中未能选择“${label}”（${state}）` },
  );
}

/** Sets the el-input-number with `id` as typing a number and leaving the field would. */
export async function setNumber(browser, id, value) {
  await browser.execute(
    (sel, v) => {
      const input = document.querySelector(sel);
      input.value = v;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
      input.dispatchEvent(new Event("blur", { bubbles: true }));
    },
    `[data-testid="${id}"] input`,
    String(value),
  );
}

/** Writes `header` and `rows` as a UTF-8 .csv (with BOM, CRLF, every cell quoted) named `name` in a new
 *  temporary folder, as a county's ledger arrives; returns its path. */
export function writeCsv(name, header, rows) {
  const csv = [header, ...rows].map((r) => r.map((v) => `"${v}"`).join(",")).join("\r\n");
  const path = join(mkdtempSync(join(tmpdir(), "pacesetter-e2e-")), name);
  writeFileSync(path, "\uFEFF" + csv + "\r\n");
  return path;
}
