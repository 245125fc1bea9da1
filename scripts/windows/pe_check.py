"""Checks the Windows executables' PE headers and resources (scripts/test-windows.sh): x64, the
GUI subsystem for the app and the console one for the CLI, the icon of src-tauri/icons/icon.ico,
version information with the Chinese product name and the version, and no DLL that a Windows PC
does not have (MinGW's or MSVC's runtime); WebView2Loader.dll, which the GNU build of the app loads,
must lie beside it (the installer installs it with the app).

Usage: pe_check.py APP.exe CLI.exe ICON.ico PRODUCT_NAME VERSION
"""
import os
import struct
import sys

import pefile

RT_ICON, RT_GROUP_ICON, RT_VERSION = 3, 14, 16
SUBSYSTEM_GUI, SUBSYSTEM_CONSOLE = 2, 3
# DLLs a Windows 10/11 PC does not have unless something installs them next to the exe.
FOREIGN_DLL_PREFIXES = ("libgcc", "libwinpthread", "libstdc++", "vcruntime", "msvcp")
WEBVIEW2_LOADER = "webview2loader.dll"

failures = []
passed = []


def check(ok, what, detail=""):
    print(f"  {'✓' if ok else '✗'} {what}{'' if ok or not detail else '：' + detail}")
    (passed if ok else failures).append(what)


def text(v):
    return v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v)


def version_strings(pe):
    """The StringFileInfo values (ProductName, FileVersion …) of the exe."""
    out = {}
    for info in getattr(pe, "FileInfo", []) or []:
        for entry in info:
            for table in getattr(entry, "StringTable", []) or []:
                out.update({text(k): text(v) for k, v in table.entries.items()})
    return out


def resource_ids(pe):
    if not hasattr(pe, "DIRECTORY_ENTRY_RESOURCE"):
        return {}
    return {e.id: len(e.directory.entries) for e in pe.DIRECTORY_ENTRY_RESOURCE.entries if e.id is not None}


def icon_sizes(pe):
    """(width, height) of every image of the exe's first icon group (0 means 256)."""
    for e in pe.DIRECTORY_ENTRY_RESOURCE.entries:
        if e.id != RT_GROUP_ICON:
            continue
        lang = e.directory.entries[0].directory.entries[0]
        data = pe.get_data(lang.data.struct.OffsetToData, lang.data.struct.Size)
        count = struct.unpack_from("<H", data, 4)[0]
        return sorted((data[6 + 14 * i], data[7 + 14 * i]) for i in range(count))
    return []


def ico_sizes(path):
    data = open(path, "rb").read()
    count = struct.unpack_from("<H", data, 4)[0]
    return sorted((data[6 + 16 * i], data[7 + 16 * i]) for i in range(count))


def check_exe(path, label, subsystem, product, version, ico):
    pe = pefile.PE(path)
    size_mb = len(pe.__data__) / 1e6
    print(f"  {label} {path.rsplit('/', 1)[-1]}：{size_mb:.1f} MB")
    check(pe.FILE_HEADER.Machine == 0x8664, f"{label}：x86-64（AMD64）程序")
    want = "图形界面（GUI）" if subsystem == SUBSYSTEM_GUI else "控制台"
    check(pe.OPTIONAL_HEADER.Subsystem == subsystem, f"{label}：子系统为{want}", f"实际 {pe.OPTIONAL_HEADER.Subsystem}")
    ids = resource_ids(pe)
    check(ids.get(RT_GROUP_ICON, 0) >= 1 and ids.get(RT_ICON, 0) >= 1, f"{label}：带图标资源", f"资源 {ids}")
    want_sizes = ico_sizes(ico)
    got_sizes = icon_sizes(pe) if ids.get(RT_GROUP_ICON) else []
    check(got_sizes == want_sizes, f"{label}：图标即 icons/icon.ico（{len(want_sizes)} 种尺寸）", f"{got_sizes} ≠ {want_sizes}")
    strings = version_strings(pe)
    check(strings.get("ProductName") == product, f"{label}：版本信息产品名称“{product}”", f"实际 {strings.get('ProductName')!r}")
    check(strings.get("ProductVersion") == version and strings.get("FileVersion") == version,
          f"{label}：版本信息版本号 {version}", f"{strings.get('ProductVersion')!r}/{strings.get('FileVersion')!r}")
    fixed = pe.VS_FIXEDFILEINFO[0] if getattr(pe, "VS_FIXEDFILEINFO", None) else None
    numeric = fixed and "%d.%d.%d" % (fixed.FileVersionMS >> 16, fixed.FileVersionMS & 0xFFFF, fixed.FileVersionLS >> 16)
    check(numeric == version, f"{label}：VS_FIXEDFILEINFO 文件版本 {version}", f"实际 {numeric}")
    dlls = sorted(text(d.dll).lower() for d in getattr(pe, "DIRECTORY_ENTRY_IMPORT", []))
    foreign = [d for d in dlls if d.startswith(FOREIGN_DLL_PREFIXES)]
    own = [d for d in dlls if d != WEBVIEW2_LOADER]
    check(not foreign, f"{label}：其余 {len(own)} 个 DLL 都是 Windows 自带的", f"需要另带 {foreign}")
    if WEBVIEW2_LOADER in dlls:
        beside = os.path.isfile(os.path.join(os.path.dirname(path), "WebView2Loader.dll"))
        check(beside, f"{label}：需要的 WebView2Loader.dll 在程序旁（安装程序一并安装）")
    return size_mb, strings


def main():
    app, cli, ico, product, version = sys.argv[1:6]
    _, app_strings = check_exe(app, "桌面程序", SUBSYSTEM_GUI, product, version, ico)
    check_exe(cli, "命令行", SUBSYSTEM_CONSOLE, product, version, ico)
    print(f"  （桌面程序版本信息：{', '.join(f'{k}={v}' for k, v in sorted(app_strings.items()))}）")
    if failures:
        print(f"PE 检查：{len(failures)} 项失败（共 {len(passed) + len(failures)} 项）", file=sys.stderr)
        sys.exit(1)
    print(f"  PE 检查 {len(passed)} 项全部通过")


if __name__ == "__main__":
    main()
