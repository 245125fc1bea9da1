#!/usr/bin/env bash
# Windows, proven on Linux: cross-builds pacesetter.exe and pacesetter-app.exe (debug,
# x86_64-pc-windows-gnu, in target/x86_64-pc-windows-gnu so the Linux build is untouched), checks
# their PE headers and resources, runs pacesetter-core's unit tests under Wine, the CLI suite under
# Wine against the Linux CLI and the desktop exe under Xvfb (scripts/windows/wine_suite.py), and
# builds and installs the NSIS installer under Wine (scripts/windows/installer.nsi). Needs ui/dist
# (the UI build); builds the Linux CLI it compares with (a no-op after scripts/test.sh's cargo test).
# Installs what it needs: mingw-w64, Wine, NSIS, python3-pefile, python3-openpyxl, the Rust target.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TRIPLE=x86_64-pc-windows-gnu
OUT=target/$TRIPLE/debug
fail() { echo "test-windows: $*" >&2; exit 1; }
# Seconds of each phase, printed at the end (README 安装 quotes them).
PHASES=()
PHASE_START=$(date +%s)
phase_done() {
  PHASES+=("$1 $(( $(date +%s) - PHASE_START )) 秒")
  PHASE_START=$(date +%s)
}

if [ "$(uname -s)" != Linux ] || [ "$(uname -m)" != x86_64 ]; then
  echo "==> 跳过 Windows 测试：需要 x86_64 Linux（Wine 与 MinGW 交叉编译），本机是 $(uname -s) $(uname -m)"
  exit 0
fi
START=$(date +%s)
# shellcheck source=lib/apt.sh
source scripts/lib/apt.sh
# wine32: NSIS installers are 32-bit programs, and Debian's Wine runs those only with it (i386).
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
grep -qx i386 <<<"$(dpkg --print-foreign-architectures)" || $SUDO dpkg --add-architecture i386
install_missing mingw-w64 wine wine64 wine32:i386 nsis python3-pefile python3-openpyxl xvfb x11-utils imagemagick xdotool
export PATH="$HOME/.cargo/bin:$PATH"
grep -qx "$TRIPLE" <<<"$(rustup target list --installed)" || rustup target add "$TRIPLE"
SAMPLES=${PACESETTER_SAMPLES:-$ROOT/../shared/samples}
[ -d "$SAMPLES" ] || fail "找不到样例文件夹 $SAMPLES"
[ -f ui/dist/index.html ] || fail "缺少 ui/dist：先构建界面（cd ui && npx vite build）"
cargo build -p pacesetter-cli
phase_done "准备（软件包、Rust 目标）"

echo "==> 交叉编译 Windows 程序（调试版，$TRIPLE）与 pacesetter-core 的单元测试"
cargo build --target "$TRIPLE" -p pacesetter-cli -p pacesetter-app
CORE_TESTS=$(cargo test --target "$TRIPLE" -p pacesetter-core --lib --no-run --message-format=json \
  | /usr/bin/python3 -c 'import json,sys; print(*[m["executable"] for m in map(json.loads, sys.stdin) if m.get("executable") and m["target"]["name"] == "pacesetter_core"])')
[ -f "$CORE_TESTS" ] || fail "找不到交叉编译的 pacesetter-core 单元测试程序"
phase_done "交叉编译"

WORK=$(mktemp -d)
export WINEPREFIX=$WORK/wineprefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" LC_ALL=C.UTF-8
unset DISPLAY PACESETTER_DB
cleanup() {
  wineserver -k 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
# No standard input for Wine (it would read the terminal; CI has none).
exec </dev/null

echo "==> PE 头与资源（pefile）"
PRODUCT=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["productName"])' src-tauri/tauri.conf.json)
VERSION=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' src-tauri/tauri.conf.json)
/usr/bin/python3 scripts/windows/pe_check.py "$OUT/pacesetter-app.exe" "$OUT/pacesetter.exe" \
  src-tauri/icons/icon.ico "$PRODUCT" "$VERSION"

echo "==> Wine（$(wine --version)）"
wineboot -i >/dev/null 2>&1 || true
# Wine's dialog fonts have no Chinese: draw them with Noto Sans CJK (fonts-noto-cjk, from setup.sh).
for font in "MS Shell Dlg" "MS Shell Dlg 2" Tahoma "Segoe UI"; do
  wine reg add 'HKCU\Software\Wine\Fonts\Replacements' /v "$font" /d "Noto Sans CJK SC" /f >/dev/null 2>&1
done
HELPERS=$WORK/helpers
mkdir -p "$HELPERS"
x86_64-w64-mingw32-gcc -O2 -municode -o "$HELPERS/hold_open.exe" scripts/windows/hold_open.c
# Rust's standard library takes random numbers from ProcessPrng (bcryptprimitives.dll, part of every
# Windows 10/11), which older Wine lacks: then a stand-in goes into the test prefix's system32.
if wine "$OUT/pacesetter.exe" --version >/dev/null 2>&1; then
  echo "    Wine 自带 ProcessPrng，不需要替代的 bcryptprimitives.dll"
else
  x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    scripts/windows/bcryptprimitives.c
  wine "$OUT/pacesetter.exe" --version >/dev/null 2>&1 \
    || fail "pacesetter.exe 在 Wine 下无法启动：$(wine "$OUT/pacesetter.exe" --version 2>&1 | tail -3)"
  echo "    Wine 缺少 ProcessPrng（bcryptprimitives.dll）：测试用的 Wine 环境中放入替代 DLL（scripts/windows/bcryptprimitives.c）"
fi
phase_done "PE 检查与 Wine 环境"

# The core's own tests where Windows decides: file names (CON, case), paths, locking, folders.
echo "==> pacesetter-core 的单元测试在 Wine 下运行（Windows 的文件名、路径与文件规则）"
# In the work folder: the ts-rs export tests write ./bindings there, not into the repository's root.
(cd "$WORK" && wine "$CORE_TESTS" -q > core-tests.txt 2>&1) || { tail -60 "$WORK/core-tests.txt"; fail "pacesetter-core 的单元测试在 Wine 下失败"; }
grep '^test result' "$WORK/core-tests.txt" | sed 's/^/    /'
phase_done "Wine 下的核心单元测试"

echo "==> 命令行：Linux 版与 Wine 下的 pacesetter.exe 对照"
/usr/bin/python3 scripts/windows/wine_suite.py --linux-cli "$ROOT/target/debug/pacesetter" \
  --windows-cli "$ROOT/$OUT/pacesetter.exe" --hold "$HELPERS/hold_open.exe" --app "$ROOT/$OUT/pacesetter-app.exe" \
  --samples "$SAMPLES" --work "$WORK/suite" --shots "$ROOT/target/e2e-screenshots"
phase_done "Wine 命令行对照与桌面程序"

echo "==> 安装程序（Debian 的 makensis）：构建，并在 Wine 下静默安装、使用、卸载"
SETUP=$(scripts/windows/build-installer.sh debug)
phase_done "构建安装程序"
/usr/bin/python3 scripts/windows/installer_test.py "$SETUP" "$PRODUCT" "$VERSION" "$SAMPLES/county_nanhe_clean.xlsx"
phase_done "安装程序测试"

echo "==> Windows 测试通过（共 $(( $(date +%s) - START )) 秒）"
printf '    %s\n' "${PHASES[@]}"
