"""The CLI suite of scripts/test-windows.sh: the same commands with the Linux `pacesetter` and with
`pacesetter.exe` under Wine, each in its own copy of a test folder with Chinese names, comparing
their --json output, exported cells and .docx; then what only the Windows build has: Windows paths
(drive letter, backslashes, relative, over 260 characters), the default store under %APPDATA%,
concurrent writers, a file held open by another program, and the desktop exe starting.

Usage (WINEPREFIX set, Wine ready): wine_suite.py --linux-cli BIN --windows-cli EXE --hold EXE --app EXE --samples DIR --work DIR --shots DIR
"""
import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import openpyxl

from winecli import Checks, Side, docx_xml, first_difference, wine_env, win_path, workbook_cells

REPORTS = "县区报表（2026年）"
SAMPLES = {
    "county_nanhe_clean.xlsx": f"{REPORTS}/南和区 领跑者名单.xlsx",
    "county_linxi_merged_headers.xls": f"{REPORTS}/临西县上市培育名单.xls",
    "county_ningjin_messy.xlsx": f"{REPORTS}/宁晋县领跑者名单.xlsx",
    "task_assignment.xlsx": "任务分工表/任务分工表.xlsx",
    "task_assignment.xls": "任务分工表/任务分工表（旧版）.xls",
}
NANHE, LINXI, NINGJIN, TASKS_XLSX, TASKS_XLS = SAMPLES.values()
DB = "数据库 文件夹/领跑者.db"
LEDGER = "问题台账/南和区问题台账.xlsx"
# Twenty folder levels: the store's path is over 300 characters in its Windows form.
LONG_DIR = "长路径/" + "/".join(f"第{i:02d}层企业培育资料文件夹" for i in range(20))

checks = Checks()


def both(sides, args, **kw):
    return [s.run(args(s), **kw) for s in sides]


def same_json(sides, what, args, **kw):
    """Runs `args` on both sides with --db; equal when the normalised --json output is."""
    lin, win = both(sides, lambda s: ["--db", s.path(DB)] + args(s), **kw)
    a, b = sides[0].normal(lin.json()), sides[1].normal(win.json())
    ok = lin.rc == win.rc and a == b and "not_json" not in a
    checks.check(ok, what, f"Linux {lin!r}\n      Windows {win!r}\n      {first_difference(a, b)}")
    return a, lin, win


def same_export(sides, what, kind, extra, out_rel):
    """`export KIND --out FILE …` on both sides; equal when both succeed and the cells match."""
    for s in sides:
        s.unix(out_rel).parent.mkdir(parents=True, exist_ok=True)
    outs = both(sides, lambda s: ["--db", s.path(DB), "export", kind, "--out", s.path(out_rel)] + extra)
    ok_run = all(r.rc == 0 for r in outs) and sides[0].normal(outs[0].out) == sides[1].normal(outs[1].out)
    if not ok_run:
        return checks.check(False, what, f"{outs[0]!r}\n      {outs[1]!r}")
    if out_rel.endswith(".docx"):
        a, b = (docx_xml(s.unix(out_rel)) for s in sides)
        return checks.check(a == b and "\r" not in a, what, "word/document.xml 不同")
    a, b = (workbook_cells(s.unix(out_rel)) for s in sides)
    n = sum(len(v["cells"]) for v in a.values())
    return checks.check(a == b and n > 0, f"{what}（{n} 个单元格相同）", first_difference(a, b) or "没有单元格")


def write_ledger(path, enterprises):
    """A county's problem ledger (问题台账) with Windows line breaks (CRLF) inside cells."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["序号", "统一社会信用代码", "企业名称", "问题诉求", "问题类别", "来源", "责任单位", "配合单位", "办理时限"])
    for i, e in enumerate(enterprises[:3]):
        ws.append([i + 1, e["uscc"], e["name"], f"企业反映流动资金紧张\r\n需银行授信支持（{i + 1}）", "融资", "入企服务",
                   "区工业和信息化局", "邢台银行\r\n区财政局", "2030-12-31"])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def imports_and_lists(sides):
    same_json(sides, "试导入（--dry-run）南和区名单：结果相同", lambda s: ["import", s.path(NANHE), "--dry-run", "--json"])
    for rel in (NANHE, LINXI, NINGJIN):
        r, _, _ = same_json(sides, f"导入 {Path(rel).name}（中文文件夹与文件名）：--json 相同", lambda s: ["import", s.path(rel), "--json"])
    same_json(sides, "再次导入宁晋县名单（全部未变）：--json 相同", lambda s: ["import", s.path(NINGJIN), "--json"])
    same_json(sides, "导入任务分工表 .xlsx：--json 相同", lambda s: ["import-tasks", s.path(TASKS_XLSX), "--json"])
    same_json(sides, "试导入任务分工表 .xls：--json 相同", lambda s: ["import-tasks", s.path(TASKS_XLS), "--dry-run", "--json"])
    listed, _, _ = same_json(sides, "企业列表（list enterprises --json）相同", lambda s: ["list", "enterprises", "--json"])
    checks.check(isinstance(listed, list) and len(listed) >= 40, f"企业列表有 {len(listed)} 家企业（三县合计）")
    same_json(sides, "按县筛选（--county 南和区）相同", lambda s: ["list", "enterprises", "--county", "南和区", "--json"])
    same_json(sides, "按名称搜索（--search 科技）相同", lambda s: ["list", "enterprises", "--search", "科技", "--json"])
    same_json(sides, "任务列表（list tasks --json）相同", lambda s: ["list", "tasks", "--json"])
    for s in sides:
        write_ledger(s.unix(LEDGER), [e for e in listed if e["county"] == "南和区"])
    same_json(sides, "导入问题台账（单元格内 CRLF 换行）：--json 相同", lambda s: ["import-ledger", s.path(LEDGER), "--json"])
    same_json(sides, "导入记录（imports --json）相同", lambda s: ["imports", "--json"])
    same_json(sides, "数据库检查（check --json）相同", lambda s: ["check", "--json"])
    return listed


def exports(sides, listed):
    nanhe = next(e for e in listed if e["county"] == "南和区")
    sheets = [
        ("县区企业信息采集模板", "template", [], "导出/采集模板.xlsx"),
        ("企业库企业名单", "enterprises", [], "导出/企业库企业名单.xlsx"),
        ("宁晋县企业名单", "enterprises", ["--county", "宁晋县"], "导出/宁晋县企业名单.xlsx"),
        ("任务分工表", "tasks", [], "导出/任务分工表.xlsx"),
        ("南和区任务分工表（2026Q4 进展）", "tasks", ["--county", "南和区", "--period", "2026Q4"], "导出/南和区任务分工表.xlsx"),
        ("进展情况汇总表（2026-11）", "progress", ["--period", "2026-11"], "导出/进展情况汇总表.xlsx"),
        ("主要目标完成情况表", "targets", [], "导出/主要目标完成情况.xlsx"),
        ("问题台账", "ledger", [], "导出/问题台账.xlsx"),
        ("一企一策 Word 文档", "plan", [nanhe["uscc"]], "导出/一企一策/南和区某企业.docx"),
    ]
    for what, kind, extra, out in sheets:
        same_export(sides, f"导出{what}：两边内容相同", kind, extra, out)
    cells = workbook_cells(sides[1].unix("导出/问题台账.xlsx"))
    texts = [v for sheet in cells.values() for v in sheet["cells"].values() if isinstance(v, str)]
    checks.check(any("流动资金紧张\n需银行授信支持" in t for t in texts) and not any("\r" in t for t in texts),
                 "台账导出中 CRLF 已统一为换行（无 \\r）")
    outs = both(sides, lambda s: ["--db", s.path(DB), "export", "plans", "--county", "南和区", "--out", s.path("导出/批量")])
    checks.check(all(r.rc == 2 for r in outs) and outs[0].err == program_lines(outs[1].err) and "还没有保存的一企一策" in outs[1].err,
                 "批量导出一企一策（尚无保存的方案）：相同的中文提示、退出码 2", f"{outs}")


def program_lines(err):
    """Standard error without the lines Wine itself writes (they start with "wine: ")."""
    return "".join(line for line in err.splitlines(keepends=True) if not line.startswith("wine: "))


def errors(sides):
    for s in sides:
        s.unix("坏文件").mkdir(exist_ok=True)
        s.unix("坏文件/说明.xlsx").write_text("# 说明\r\n这是一个文本文件。\r\n", encoding="utf-8")
    for rel, what in (("坏文件/不存在.xlsx", "不存在的文件"), ("坏文件/说明.xlsx", "改了扩展名的文本文件"), ("坏文件", "文件夹（不是文件）")):
        a, lin, win = same_json(sides, f"导入{what}：相同的 {{error}}、退出码 2", lambda s: ["import", s.path(rel), "--json"])
        checks.check(win.rc == 2 and "无法读取文件" in win.err and sides[1].normal(win.err) == sides[0].normal(lin.err),
                     f"导入{what}：标准错误输出为同一行中文", f"{lin.err!r} / {win.err!r}")


def backup_restore(sides, listed):
    same_json(sides, "备份（backup --json，路径含空格）相同", lambda s: ["backup", "--out", s.path("备份/领跑者 备份.db"), "--json"])
    checks.check(all(s.unix("备份/领跑者 备份.db").stat().st_size > 0 for s in sides), "两边的备份文件都已写入")
    imports, _, _ = same_json(sides, "导入记录（撤销前）相同", lambda s: ["imports", "--json"])
    changed = [i["id"] for i in imports if i.get("inserted") and not i.get("undone_at")] if isinstance(imports, list) else []
    last = max(changed, default=None)
    same_json(sides, f"撤销导入 {last}（undo --json）相同", lambda s: ["undo", str(last), "--json"])
    after_undo, _, _ = same_json(sides, "撤销后的企业列表相同", lambda s: ["list", "enterprises", "--json"])
    same_json(sides, "从备份恢复（restore --json）相同", lambda s: ["restore", s.path("备份/领跑者 备份.db"), "--json"])
    restored, _, _ = same_json(sides, "恢复后的企业列表相同", lambda s: ["list", "enterprises", "--json"])
    checks.check(restored == sides[0].normal(listed) and restored != after_undo, "恢复后的企业与备份时一致")
    kept = list((sides[1].unix(DB).parent / "backups").glob("before-restore-*.db"))
    checks.check(len(kept) == 1, "Windows 版恢复前把当前数据另存到 backups\\before-restore-*.db")
    same_json(sides, "恢复后数据库检查（check --json）相同", lambda s: ["check", "--json"])


def default_store(sides):
    """Windows only: no --db and no PACESETTER_DB puts the store under %APPDATA%."""
    win = sides[1]
    appdata = subprocess.run(["wine", "cmd", "/c", "echo %APPDATA%"], env=win.env, capture_output=True, text=True, stdin=subprocess.DEVNULL).stdout.strip()
    unix = subprocess.run(["winepath", "-u", appdata], env=win.env, capture_output=True, text=True, stdin=subprocess.DEVNULL).stdout.strip()
    store = Path(unix) / "cn.gov.xingtai.pacesetter" / "pacesetter.db"
    r = win.run(["import", win.path(NANHE), "--json"])
    checks.check(r.rc == 0 and store.is_file(), f"不指定数据库时存放在 {appdata}\\cn.gov.xingtai.pacesetter\\pacesetter.db", f"{r!r}")
    lin = sides[0].run(["--db", sides[0].path("默认位置/对照.db"), "import", sides[0].path(NANHE), "--json"])
    a = sides[0].normal(sides[0].run(["--db", sides[0].path("默认位置/对照.db"), "list", "enterprises", "--json"]).json())
    b = win.normal(win.run(["list", "enterprises", "--json"]).json())
    checks.check(lin.rc == 0 and a == b and len(b) == 25, "再次运行（不指定数据库）读到同一数据库：25 家企业", first_difference(a, b))
    r = win.run(["list", "enterprises", "--json"], env={"PACESETTER_DB": win.path("环境变量/指定.db")})
    checks.check(r.rc == 0 and r.json() == [] and win.unix("环境变量/指定.db").is_file(), "环境变量 PACESETTER_DB（Windows 路径）指定数据库")


def windows_paths(sides):
    lin, win = sides
    rel = [s.run(["--db", s.rel("相对/r.db"), "import", s.rel(NANHE), "--json"]) for s in sides]
    checks.check(rel[1].rc == 0 and lin.normal(rel[0].json()) == win.normal(rel[1].json()),
                 "相对路径（.\\相对\\r.db、.\\县区报表…）与 Linux 结果相同", f"{rel[1]!r}")
    mixed = win.run(["--db", win.path("正斜杠/m.db").replace("\\", "/"), "import", win.path(LINXI).replace("\\", "/"), "--json"])
    checks.check(mixed.rc == 0 and win.unix("正斜杠/m.db").is_file(), "Windows 版也接受正斜杠路径（Z:/…）", f"{mixed!r}")
    long_db = f"{LONG_DIR}/领跑者.db"
    checks.check(len(win.path(long_db)) > 300, f"长路径：数据库路径 {len(win.path(long_db))} 个字符（Windows 形式）")
    # SQLite on Linux takes paths of at most 512 bytes: the Linux build imports into a short one.
    out = [lin.run(["--db", lin.path("长路径对照.db"), "import", lin.path(NINGJIN), "--json"]),
           win.run(["--db", win.path(long_db), "import", win.path(NINGJIN), "--json"])]
    checks.check(out[1].rc == 0 and lin.normal(out[0].json()) == win.normal(out[1].json()), "长路径：导入结果与 Linux 相同",
                 f"{out[0]!r}\n      {out[1]!r}")
    b = win.run(["--db", win.path(long_db), "backup", "--out", win.path(f"{LONG_DIR}/备份.db"), "--json"])
    c = win.run(["--db", win.path(long_db), "check", "--json"])
    checks.check(b.rc == 0 and c.rc == 0 and c.json().get("ok") is True, "长路径：备份与检查通过", f"{b!r} {c!r}")


def concurrent_writers(sides):
    """Three pacesetter.exe imports into one store at once wait for each other (busy timeout)."""
    lin, win = sides
    db = "并发/同时写入.db"
    for rel in (NANHE, LINXI, NINGJIN):
        lin.run(["--db", lin.path(db), "import", lin.path(rel)])
    procs = [win.popen(["--db", win.path(db), "import", win.path(rel), "--json"]) for rel in (NANHE, LINXI, NINGJIN)]
    results = [(p.wait(timeout=300), p.stderr.read().decode("utf-8", "replace")) for p in procs]
    checks.check(all(rc == 0 for rc, _ in results), "三个 pacesetter.exe 同时导入同一数据库：都成功（写入互相等待）", f"{results}")
    key = lambda rows: sorted((e["uscc"], e["name"], e["county"]) for e in rows)
    a = key(lin.run(["--db", lin.path(db), "list", "enterprises", "--json"]).json())
    b = key(win.run(["--db", win.path(db), "list", "enterprises", "--json"]).json())
    c = win.run(["--db", win.path(db), "check", "--json"]).json()
    checks.check(a == b and c.get("ok") is True, f"同时导入后 {len(b)} 家企业与依次导入相同，数据库检查通过")


def held_file(sides, hold_exe):
    """A file Excel/WPS holds open: exporting over it or importing it says so in Chinese."""
    win = sides[1]
    target = "占用/企业库企业名单.xlsx"
    win.unix(target).parent.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(["wine", hold_exe, win.path(target)], env=win.env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        checks.check(holder.stdout.readline().strip() == b"held", "测试程序以独占方式打开 企业库企业名单.xlsx（如同 Excel）")
        e = win.run(["--db", win.path(DB), "export", "enterprises", "--out", win.path(target)])
        checks.check(e.rc == 2 and "正被其他程序" in e.err and "panicked" not in e.err, "导出到被占用的文件：中文提示“正被其他程序…打开”", f"{e!r}")
        i = win.run(["--db", win.path(DB), "import", win.path(target), "--json"])
        checks.check(i.rc == 2 and "正被其他程序" in i.json().get("error", {}).get("message", ""), "导入被占用的文件：中文提示", f"{i!r}")
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    e = win.run(["--db", win.path(DB), "export", "enterprises", "--out", win.path(target)])
    checks.check(e.rc == 0, "关闭后再导出成功", f"{e!r}")


APP_TITLE = "领跑者企业培育管理系统"


def wait_for(predicate, seconds, step=0.5):
    """Polls `predicate` until it returns something true or `seconds` pass; returns its last value."""
    deadline = time.time() + seconds
    while True:
        value = predicate()
        if value or time.time() >= deadline:
            return value
        time.sleep(step)


def start_xvfb(log):
    """An Xvfb on a free display; returns it, its ":N" and whether it answers. Xvfb writes the number
    and then a newline to -displayfd and ends ("Cannot write display number") when the pipe's reader
    is gone by the second write: so the number is read up to its newline, never just the first bytes."""
    read_fd, write_fd = os.pipe()
    with open(log, "wb") as err:
        xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
                                pass_fds=(write_fd,), stdin=subprocess.DEVNULL, stderr=err)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as pipe:
        display = ":" + pipe.readline().decode().strip()
    probe = subprocess.run(["xdpyinfo"], env=dict(os.environ, DISPLAY=display), capture_output=True, stdin=subprocess.DEVNULL)
    return xvfb, display, display != ":" and xvfb.poll() is None and probe.returncode == 0


def app_starts(win, app_exe, shots):
    """The desktop exe under Xvfb: Wine has no WebView2 runtime, so the app must say so in a
    Chinese message window (as on a PC without it) instead of ending without a word, and end
    cleanly once the user presses Enter (确定). Each step waits for what it needs (Wine's first
    start on a display, drawing the box) instead of a fixed time, and fails when it never comes."""
    # The Wine session of the CLI runs has no display: its desktop (explorer.exe) draws nowhere, and
    # an app joining it shows no window. End it, so that the app starts a session on the Xvfb.
    for flag in ("-k", "-w"):
        subprocess.run(["wineserver", flag], env=win.env, stdin=subprocess.DEVNULL)
    xvfb, display, answered_x = start_xvfb(win.unix("xvfb.log"))
    x_env = dict(os.environ, DISPLAY=display)
    if not checks.check(answered_x, f"虚拟显示 Xvfb {display} 已就绪（xdpyinfo 能连上）", win.unix("xvfb.log").read_text(errors="replace")[-500:]):
        xvfb.kill()
        return

    def x(*args):
        return subprocess.run(list(args), env=x_env, capture_output=True, text=True, stdin=subprocess.DEVNULL).stdout.strip()

    # Wine's own error lines (fixme off): when no window comes, they say why ("no driver could be loaded"…).
    env = dict(win.env, DISPLAY=display, WINEDEBUG="fixme-all", PACESETTER_DB=win.path("桌面程序/领跑者.db"))
    started = time.time()
    app = subprocess.Popen(["wine", app_exe], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # A window of that exact title, mapped (listed windows may not be shown yet); the app's own
    # window would be titled the same, but without WebView2 only the message box can appear.
    # Stops waiting as soon as the app has ended (crashed, or ended without a word).
    shown = lambda: app.poll() is not None or x("xdotool", "search", "--onlyvisible", "--name", f"^{APP_TITLE}$").split()
    windows = wait_for(shown, 180)
    window = windows[0] if isinstance(windows, list) and windows and app.poll() is None else ""
    appeared = time.time() - started
    colours, shot, rc = [0], shots / "wine-webview2-missing.png", None
    if window:
        shots.mkdir(parents=True, exist_ok=True)

        def drawn():
            x("import", "-window", "root", str(shot))
            info = subprocess.run(["convert", str(shot), "-format", "%k", "info:"], capture_output=True, text=True, stdin=subprocess.DEVNULL)
            colours[0] = int(info.stdout.strip() or 0)
            return colours[0] > 50

        # A drawn message box (text, icon, button) has hundreds of colours; one not yet drawn a handful.
        wait_for(drawn, 60, step=1)

        def answered():
            # Without a window manager the keyboard goes where X's focus is: give it to the box.
            x("xdotool", "windowfocus", "--sync", window)
            x("xdotool", "key", "Return")
            try:
                return app.wait(timeout=10) is not None
            except subprocess.TimeoutExpired:
                return False

        if wait_for(answered, 60, step=0):
            rc = app.returncode
    app.kill()
    err = app.communicate()[1].decode("utf-8", "replace")
    subprocess.run(["wineserver", "-k"], env=win.env, stdin=subprocess.DEVNULL)
    xvfb.kill()
    xvfb.wait()
    detail = f"窗口 {window or '无'}（{appeared:.0f} 秒）；退出码 {rc if rc is not None else app.returncode}；stderr：{err[-500:]!r}"
    checks.check(bool(window) and "panicked" not in err,
                 f"桌面程序在 Wine 下启动；没有 WebView2 时弹出标题为“{APP_TITLE}”的提示窗口" + (f"（{appeared:.0f} 秒后出现）" if window else ""), detail)
    checks.check(colours[0] > 50, f"提示窗口已画出内容（截图 target/e2e-screenshots/wine-webview2-missing.png，{colours[0]} 种颜色）")
    checks.check(rc == 0, "按回车（确定）后桌面程序正常退出（退出码 0）", detail)


def main():
    ap = argparse.ArgumentParser()
    for a in ("linux-cli", "windows-cli", "hold", "app", "samples", "work", "shots"):
        ap.add_argument(f"--{a}", required=True)
    args = ap.parse_args()
    work = Path(args.work)
    env = wine_env(os.environ["WINEPREFIX"])
    lin = Side("Linux", work / "linux", [args.linux_cli], False, {k: v for k, v in env.items() if not k.startswith("WINE")})
    win = Side("Windows", work / "windows", ["wine", args.windows_cli], True, env)
    sides = [lin, win]
    for s in sides:
        for src, rel in SAMPLES.items():
            s.unix(rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(Path(args.samples) / src, s.unix(rel))
    versions = both(sides, lambda s: ["--version"])
    checks.check(versions[0].out == versions[1].out and versions[1].rc == 0, f"版本：{versions[1].out.strip()}", f"{versions}")
    listed = imports_and_lists(sides)
    exports(sides, listed)
    errors(sides)
    backup_restore(sides, listed)
    default_store(sides)
    windows_paths(sides)
    concurrent_writers(sides)
    held_file(sides, args.hold)
    app_starts(win, args.app, Path(args.shots))
    checks.finish("Wine 命令行测试")


if __name__ == "__main__":
    main()
