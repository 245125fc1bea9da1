// Drives the binary installed from the .deb (scripts/test-deb.sh starts tauri-driver with
// application = that binary): the embedded UI must be served from the binary, in Chinese, on a fresh store.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { remote } from "webdriverio";
import { screenshot, stopApp, waitForContent, waitForText } from "../lib.mjs";

const APP = process.env.PACESETTER_APP;
const PORT = Number(process.env.DEB_DRIVER_PORT);

let browser;
before(async () => {
  assert.ok(APP && PORT, "scripts/test-deb.sh sets PACESETTER_APP and DEB_DRIVER_PORT");
  browser = await remote({
    hostname: "127.0.0.1",
    port: PORT,
    logLevel: "error",
    capabilities: { "tauri:options": { application: APP } },
  });
});
after(async () => {
  await stopApp(browser);
});

test("the installed binary serves its embedded UI", async () => {
  // tauri:// is the custom protocol serving the bundled ui/dist (not a dev server).
  const origin = await browser.execute(() => window.location.protocol);
  assert.equal(origin, "tauri:");
  assert.equal(await browser.getTitle(), "领跑者企业培育管理系统");
  // The home page is the 工作台 of a fresh store: no unit chosen yet, nothing in the pool.
  await waitForText(browser, "workbench-choose-unit", "请选择本机单位");
  await waitForContent(browser, "workbench-pool", "入库 0 / 30");
  await screenshot(browser, "deb-installed");
  const enterprises = await browser.$('[data-testid="menu-enterprises"]');
  await enterprises.waitForClickable({ timeout: 20000 });
  await enterprises.click();
  await waitForText(browser, "enterprise-total", "共 0 家企业");
});
