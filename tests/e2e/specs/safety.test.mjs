// 设置 and 操作日志 end to end: the start-up check passed and made the day's automatic backup;
// the operator name is saved; a backup is written and restored (confirmed); the 操作日志 shows
// the settings change and the restore under the new operator's name.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { byTestId, fillInput, screenshot, startApp, stopApp, waitForText } from "../lib.mjs";

let browser;
before(async () => {
  browser = await startApp();
});
after(async () => {
  await stopApp(browser);
});

const click = async (id) => (await byTestId(browser, id)).click();
const bodyHas = (text) => browser.execute((t) => document.body.textContent.includes(t), text);

test("设置: start-up check, operator, automatic backup", async () => {
  await click("menu-settings");
  await waitForText(browser, "startup-ok", "启动检查通过，已完成今天的自动备份");
  await browser.waitUntil(() => bodyHas("auto-"), { timeout: 10000, timeoutMsg: "自动备份未列出" });
  await fillInput(browser, "settings-operator", "张科长");
  await click("settings-save");
  await browser.waitUntil(() => bodyHas("设置已保存"), { timeout: 10000, timeoutMsg: "未提示设置已保存" });
  await screenshot(browser, "settings");
});

test("backup then restore (confirmed), audited", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "pacesetter-backup-")), "备份.db");
  await browser.execute((p) => window.__pacesetterBackup(p), out);
  await browser.waitUntil(() => existsSync(out), { timeout: 10000, timeoutMsg: "备份文件未写出" });
  await browser.execute((p) => {
    window.__pacesetterRestore(p);
  }, out);
  await browser.waitUntil(() => bodyHas("确定恢复吗"), { timeout: 10000, timeoutMsg: "未询问是否恢复" });
  await browser.execute(() => document.querySelector(".el-message-box__btns .el-button--primary").click());
  await browser.waitUntil(() => bodyHas("恢复前的数据已另存为"), { timeout: 20000, timeoutMsg: "未提示恢复完成" });
  await browser.waitUntil(() => bodyHas("before-restore-"), { timeout: 10000, timeoutMsg: "恢复前的备份未列出" });

  await click("menu-audit");
  // Table text is read from the DOM: WebDriver may report an el-table empty while it lays out.
  const tableText = () => browser.execute(() => document.querySelector('[data-testid="audit-table"]')?.textContent ?? "");
  await browser.waitUntil(async () => (await tableText()).includes("恢复"), { timeout: 20000, timeoutMsg: "操作日志未显示恢复" });
  const table = await tableText();
  assert.match(table, /张科长/);
  assert.match(table, /设置/);
  await screenshot(browser, "audit");
});
