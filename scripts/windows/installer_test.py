"""Installs the makensis installer silently under Wine and checks what a user gets: both exes under
Program Files, Start menu and desktop shortcuts, the 应用和功能 entry, the installed CLI working;
then uninstalls it and checks that everything is gone except the user's database in %APPDATA%.

Usage: installer_test.py SETUP.exe PRODUCT VERSION SAMPLE.xlsx   (WINEPREFIX etc. set)
"""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pefile

from winecli import Checks, win_path

UNINSTALL_KEY = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\cn.gov.xingtai.pacesetter"

checks = Checks()


def wine(*args, timeout=300):
    r = subprocess.run(["wine", *args], capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")


def unix(windows_path):
    return Path(subprocess.run(["winepath", "-u", windows_path], capture_output=True, text=True, stdin=subprocess.DEVNULL).stdout.strip())


def reg_value(name):
    """A value of the uninstall entry in the 64-bit registry (where 应用和功能 reads it; `wine reg`
    is the 32-bit reg.exe, which without /reg:64 would look under WOW6432Node)."""
    rc, out, _ = wine("reg", "query", UNINSTALL_KEY, "/v", name, "/reg:64")
    return out.split("REG_SZ", 1)[1].strip() if rc == 0 and "REG_SZ" in out else None


def wait_until(predicate, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline and not predicate():
        time.sleep(0.5)
    return predicate()


def installed(setup, product, version, sample):
    pe = pefile.PE(setup, fast_load=False)
    strings = {}
    for info in getattr(pe, "FileInfo", []) or []:
        for entry in info:
            for table in getattr(entry, "StringTable", []) or []:
                strings.update({k.decode(): v.decode() for k, v in table.entries.items()})
    size = os.path.getsize(setup) / 1e6
    checks.check(strings.get("ProductName") == product and strings.get("ProductVersion") == version,
                 f"安装程序 {Path(setup).name}（{size:.1f} MB）版本信息：{product} {version}", f"{strings}")
    rc, _, err = wine(win_path(setup), "/S")
    program_files = unix("C:\\Program Files") / product
    files = ("pacesetter-app.exe", "pacesetter.exe", "WebView2Loader.dll", "uninstall.exe")
    checks.check(rc == 0 and all((program_files / f).is_file() for f in files),
                 f"静默安装（/S）到 C:\\Program Files\\{product}：{'、'.join(files)}", f"exit {rc} {err[-300:]}")
    start_menu = unix("C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs") / product
    desktop = unix("C:\\users\\Public\\Desktop") / f"{product}.lnk"
    checks.check((start_menu / f"{product}.lnk").is_file() and (start_menu / f"卸载{product}.lnk").is_file() and desktop.is_file(),
                 "开始菜单（程序、卸载）与公共桌面快捷方式")
    checks.check(reg_value("DisplayVersion") == version and (reg_value("UninstallString") or "").endswith('uninstall.exe"'),
                 f"“应用和功能”登记：版本 {version}、卸载命令", f"{reg_value('DisplayVersion')} {reg_value('UninstallString')}")
    cli = f"C:\\Program Files\\{product}\\pacesetter.exe"
    rc, out, err = wine(cli, "import", win_path(sample), "--json")
    report = json.loads(out) if rc == 0 else {}
    checks.check(report.get("inserted", 0) + report.get("unchanged", 0) == 25, "安装的 pacesetter.exe 导入南和区名单（默认数据库）",
                 f"exit {rc} {err[-300:]}")
    return program_files, start_menu, desktop


def uninstalled(product, program_files, start_menu, desktop):
    rc, _, err = wine(f"C:\\Program Files\\{product}\\uninstall.exe", "/S")
    gone = wait_until(lambda: not (program_files / "pacesetter-app.exe").exists())
    checks.check(rc == 0 and gone and wait_until(lambda: not program_files.exists()), "静默卸载（uninstall.exe /S）删除程序文件夹", f"exit {rc} {err[-300:]}")
    checks.check(not start_menu.exists() and not desktop.exists() and reg_value("DisplayVersion") is None,
                 "卸载后快捷方式与“应用和功能”登记都已删除")
    appdata = subprocess.run(["wine", "cmd", "/c", "echo %APPDATA%"], capture_output=True, text=True, stdin=subprocess.DEVNULL).stdout.strip()
    db = unix(appdata) / "cn.gov.xingtai.pacesetter" / "pacesetter.db"
    checks.check(db.is_file(), "卸载保留用户数据库 %APPDATA%\\cn.gov.xingtai.pacesetter\\pacesetter.db")


def main():
    setup, product, version, sample = sys.argv[1:5]
    program_files, start_menu, desktop = installed(setup, product, version, sample)
    uninstalled(product, program_files, start_menu, desktop)
    checks.finish("安装程序测试")


if __name__ == "__main__":
    main()
