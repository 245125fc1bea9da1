// Printing from the real app as a user does: 任务分工 → 导出与打印 → 市级任务分工表 → 打印预览, whose
// A4 landscape pages are laid out by the page; 打印 opens the GTK print dialog, driven with xdotool
// (Print to File, output path, Print); 导出 PDF writes the same pages. Both PDFs are checked by
// tests/print/check-pdf.sh (A4 landscape, header and “— n —” on every page, text in the text block).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT, SHOTS, byTestId, screenshot, startApp, stopApp, waitForText, PRINT_TIMEOUT } from "../lib.mjs";
import { driveGtkPrintDialog } from "../print-dialog.mjs";

const OUT = join(ROOT, "target/print-e2e");
const TITLE = "邢台市特色产业集群“领跑者”企业培育任务分工表";
const HEADER = "序号,重点任务,工作措施,责任单位,完成时限";
let browser;

before(async () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
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

/** Waits for the app's note that the job is done, then for `path` to hold a whole PDF. */
async function waitForPdf(path, note, timeout = 60000) {
  await browser.waitUntil(async () => (await browser.$(".el-message--success").getText().catch(() => "")).includes(note), {
    timeout,
    interval: 200,
    timeoutMsg: `没有“${note}”提示`,
  });
  await browser.waitUntil(
    () => {
      if (!existsSync(path) || statSync(path).size === 0) return false;
      try {
        execFileSync("pdfinfo", [path], { stdio: "ignore" });
        return true;
      } catch {
        return false;
      }
    },
    { timeout, interval: 500, timeoutMsg: `没有生成 ${path}` },
  );
}

/** check-pdf.sh on the PDF (its report goes to the test output); PNGs of the pages for the record. */
function checkPdf(path, pngPrefix) {
  const report = execFileSync(join(ROOT, "tests/print/check-pdf.sh"), [path, "--landscape", "--title", TITLE, "--header", HEADER, "--min-pages", "2"], {
    encoding: "utf8",
  });
  console.log(report.trim());
  execFileSync("pdftoppm", ["-png", "-r", "50", path, join(SHOTS, pngPrefix)]);
}

test("the print view shows the 市级任务分工表 as A4 landscape pages", async () => {
  await click("menu-tasks");
  await waitForText(browser, "task-count", "21 条措施");
  await click("task-output");
  await click("output-city");
  await click("output-print");
  await waitForText(browser, "print-ready", TITLE, PRINT_TIMEOUT);
  const pages = Number(await (await byTestId(browser, "print-ready")).getAttribute("data-pages"));
  assert.ok(pages >= 2, `共 ${pages} 页`);
  // Every page on screen carries the header and its page number, as it will on paper.
  for (let n = 1; n <= pages; n++) {
    const text = await (await byTestId(browser, `print-page-${n}`)).getText();
    assert.match(text, /重点任务/, `第 ${n} 页没有表头`);
    assert.match(text, new RegExp(`— ${n} —`), `第 ${n} 页没有页码`);
  }
  await waitForText(browser, "print-hint", `共 ${pages} 页`);
  await screenshot(browser, "print-preview");
});

test("打印 through the GTK print dialog to a file gives the same pages", async () => {
  const pdf = join(OUT, "dialog.pdf");
  await click("print-button");
  await driveGtkPrintDialog(pdf);
  await waitForPdf(pdf, "已发送打印");
  checkPdf(pdf, "print-gtk-page");
});

test("导出 PDF writes the same pages without a dialog", async () => {
  const pdf = join(OUT, "export.pdf");
  // The save dialog's answer, handed to the same export (PACESETTER_E2E test hook).
  await browser.execute((p) => window.__pacesetterExportPdf(p), pdf);
  await waitForPdf(pdf, `已导出：${pdf}`);
  checkPdf(pdf, "print-export-page");
});
