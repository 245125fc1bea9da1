"""Helpers of the Wine CLI suite (wine_suite.py): one `Side` per build (the Linux pacesetter and
pacesetter.exe under Wine) with its own copy of the test folder, checks that print ✓/✗, and the
comparisons: --json output with only paths and timestamps normalised, exported cells, .docx text.
"""
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl

TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")
# The time in the name of the copy kept before a restore: before-restore-20260101-120000.db
FILE_STAMP = re.compile(r"(before-restore-)\d{8}-\d{6}")


def win_path(p):
    """The Windows form of an absolute Linux path, through Wine's Z: drive."""
    return "Z:" + str(p).replace("/", "\\")


class Result:
    def __init__(self, rc, out, err):
        self.rc, self.out, self.err = rc, out, err

    def json(self):
        try:
            return json.loads(self.out)
        except ValueError:
            return {"not_json": self.out, "stderr": self.err, "rc": self.rc}

    def __repr__(self):
        return f"exit {self.rc}; stdout {self.out[:300]!r}; stderr {self.err[:300]!r}"


class Side:
    """One build of the CLI with its own folder `root`; `path(rel)` is how that build's user would
    write root/rel (C:\\-style with backslashes under Wine)."""

    def __init__(self, name, root, argv, windows, env):
        self.name, self.root, self.argv, self.windows, self.env = name, Path(root), argv, windows, env

    def path(self, rel):
        p = self.root / rel
        return win_path(p) if self.windows else str(p)

    def rel(self, rel):
        """`rel` as a relative path, with the separator of the side."""
        return ".\\" + rel.replace("/", "\\") if self.windows else "./" + rel

    def popen(self, args, env=None, cwd=None, **kw):
        full_env = dict(self.env, **(env or {}))
        # No standard input: Wine would otherwise read the terminal and be stopped in the background.
        return subprocess.Popen(self.argv + list(args), env=full_env, cwd=cwd or self.root, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)

    def run(self, args, env=None, cwd=None, timeout=180):
        p = self.popen(args, env=env, cwd=cwd)
        out, err = p.communicate(timeout=timeout)
        return Result(p.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"))

    def unix(self, rel):
        return self.root / rel

    def normal(self, value):
        """`value` (parsed JSON or text) with this side's folder, separators and times made
        neutral, so that the two builds' outputs compare equal when they mean the same."""
        if isinstance(value, dict):
            return {k: self.normal(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.normal(v) for v in value]
        if not isinstance(value, str):
            return value
        for prefix in (win_path(self.root), "\\\\?\\" + win_path(self.root), str(self.root)):
            value = value.replace(prefix, "<测试目录>")
        value = value.replace("\\", "/")
        value = TIMESTAMP.sub("<时间>", value)
        return FILE_STAMP.sub(r"\1<时间>", value)


class Checks:
    def __init__(self):
        self.passed, self.failed = [], []

    def check(self, ok, what, detail=""):
        mark = "✓" if ok else "✗"
        print(f"  {mark} {what}" + ("" if ok or not detail else f"\n      {detail}"), flush=True)
        (self.passed if ok else self.failed).append(what)
        return ok

    def finish(self, suite):
        """Prints the count and exits 1 when any check failed."""
        total = len(self.passed) + len(self.failed)
        if self.failed:
            print(f"{suite}：{len(self.failed)} 项失败（共 {total} 项）", file=sys.stderr)
            sys.exit(1)
        print(f"  {suite} {total} 项全部通过")


def first_difference(a, b, where=""):
    """Where two JSON-like values first differ, for the failure message."""
    if type(a) is not type(b):
        return f"{where}: {a!r} ≠ {b!r}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{where}.{k}: 只在一边"
            d = first_difference(a[k], b[k], f"{where}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: 长度 {len(a)} ≠ {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{where}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{where}: {a!r} ≠ {b!r}"


def workbook_cells(path):
    """Every sheet's non-empty cell values and merged areas, as read back by openpyxl."""
    book = openpyxl.load_workbook(path)
    out = {}
    for ws in book.worksheets:
        cells = {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}
        out[ws.title] = {"cells": cells, "merged": sorted(str(r) for r in ws.merged_cells.ranges)}
    return out


def docx_xml(path):
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")


def wine_env(prefix):
    """The environment of every Wine run: its own prefix, no debug output, no Mono/Gecko
    installers, no display (the CLI needs none), UTF-8 for the arguments' conversion."""
    env = {k: v for k, v in os.environ.items() if k not in ("PACESETTER_DB", "DISPLAY", "WAYLAND_DISPLAY")}
    env.update(WINEPREFIX=str(prefix), WINEDEBUG="-all", WINEDLLOVERRIDES="mscoree,mshtml=", LC_ALL="C.UTF-8")
    return env
