// Memory probe of scripts/bench-app.sh (not a test): starts PACESETTER_APP through tauri-driver,
// opens 企业库 when BENCH_OPEN_LIST=1 and waits for its first page of BENCH_ROWS enterprises, then
// prints the summed proportional set size (PSS, kB) of the app and all its WebKit child processes.
import { readFileSync, readdirSync } from "node:fs";
import { startApp, byTestId, waitForText } from "./lib.mjs";

/** Every process (pid → parent pid) visible in /proc. */
function processTree() {
  const parents = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {} // the process ended meanwhile
  }
  return parents;
}

/** The pid of the newest process whose executable name starts with `exe` (15 chars of comm). */
function newestPid(exe) {
  const comm = exe.slice(0, 15);
  const pids = [...processTree().keys()].filter((p) => {
    try { return readFileSync(`/proc/${p}/comm`, "utf8").trim() === comm; } catch { return false; }
  });
  return Math.max(...pids);
}

/** Σ Pss (kB) of `root` and its descendants. */
function pssKb(root) {
  const parents = processTree();
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parents) if (tree.has(ppid) && !tree.has(pid)) { tree.add(pid); grew = true; }
  }
  let total = 0;
  for (const pid of tree) {
    try {
      const m = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+) kB/m);
      if (m) total += Number(m[1]);
    } catch {}
  }
  return { total, processes: tree.size };
}

const browser = await startApp();
try {
  if (process.env.BENCH_OPEN_LIST === "1") {
    await (await byTestId(browser, "menu-enterprises")).click();
    await waitForText(browser, "enterprise-total", `共 ${process.env.BENCH_ROWS} 家企业`, 60000);
  } else {
    await browser.waitUntil(async () => (await browser.execute(() => document.readyState)) === "complete");
  }
  await new Promise((r) => setTimeout(r, 3000)); // let the page settle (images, fonts, GC)
  const exe = process.env.PACESETTER_APP.split("/").pop();
  console.log(JSON.stringify(pssKb(newestPid(exe))));
} finally {
  await browser.deleteSession();
}
