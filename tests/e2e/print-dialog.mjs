// Drives the GTK print dialog, a native window WebDriver cannot reach, with xdotool under Xvfb the
// way a keyboard user does: into the printer list (“Print to File”, the only printer without CUPS),
// the File button → “Select a filename” → the output path, back to the list, Enter prints.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { SHOTS } from "./lib.mjs";

// stderr ignored: a search can meet a window just closing (BadWindow), which is no error here.
const xdo = (...args) => execFileSync("xdotool", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The visible windows titled exactly `title` (GTK's own texts are English: run.sh sets LC_MESSAGES). */
function windows(title) {
  try {
    return xdo("search", "--onlyvisible", "--name", `^${title}$`).split("\n").filter(Boolean);
  } catch {
    return []; // xdotool exits 1 when nothing matches
  }
}

async function waitFor(what, check, timeout = 20000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const found = check();
    if (found) return found;
    await sleep(200);
  }
  execFileSync("import", ["-window", "root", join(SHOTS, "print-dialog-timeout.png")]);
  throw new Error(`等待${what}超时（屏幕见 print-dialog-timeout.png）`);
}

const windowOf = (title) => waitFor(`窗口“${title}”`, () => windows(title)[0]);
const gone = (title) => waitFor(`窗口“${title}”关闭`, () => windows(title).length === 0);

/** Keys to window `id` (focused first: Xvfb has no window manager to do it). */
function keys(id, ...names) {
  xdo("windowfocus", "--sync", id);
  for (const k of names) {
    xdo("key", k);
    execFileSync("sleep", ["0.3"]);
  }
}

/** With the print dialog about to open: print to the PDF file `path` through it. */
export async function driveGtkPrintDialog(path) {
  const print = await windowOf("Print");
  await sleep(1500); // the printer list fills in asynchronously
  keys(print, "Tab"); // into the printer list, whose first row gets selected
  keys(print, "Tab", "space"); // the File button opens the file chooser
  const chooser = await windowOf("Select a filename");
  keys(chooser, "ctrl+a");
  xdo("type", "--delay", "20", path);
  keys(chooser, "Return");
  await gone("Select a filename");
  await sleep(300);
  execFileSync("import", ["-window", "root", join(SHOTS, "print-gtk-dialog.png")]);
  keys(print, "shift+Tab", "Return"); // back on the printer row: Enter prints
  await gone("Print");
}
