#!/usr/bin/env bash
# Installs the .deb into a clean root and starts the installed app from it under Xvfb: package
# fields, desktop entry, icons, Depends covering the binary's libraries, the window coming up, and the
# embedded UI served (tests/e2e/installed). Usage: scripts/test-deb.sh [debug|release]
#   debug (default, used by scripts/test.sh): bundles target/debug/pacesetter-app (build it first);
#   release: tests target/release/bundle/deb/*.deb from `cd ui && npm run tauri -- build --bundles deb`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
MODE=${1:-debug}
fail() { echo "test-deb: $*" >&2; exit 1; }

case "$MODE" in
  debug)
    [ -x target/debug/pacesetter-app ] || fail "缺少 target/debug/pacesetter-app：先 cargo build -p pacesetter-app"
    rm -rf target/debug/bundle/deb
    (cd ui && npm run --silent tauri -- bundle --debug --bundles deb) >"$ROOT/target/debug/bundle-deb.log" 2>&1 \
      || { cat target/debug/bundle-deb.log; fail "tauri bundle 失败"; }
    ;;
  release) ;;
  *) fail "用法：scripts/test-deb.sh [debug|release]" ;;
esac
DEBS=(target/"$MODE"/bundle/deb/*.deb)
[ -f "${DEBS[0]}" ] || fail "没有找到 target/$MODE/bundle/deb/*.deb"
[ ${#DEBS[@]} -eq 1 ] || fail "target/$MODE/bundle/deb 下有多个 .deb：${DEBS[*]}"
DEB=$ROOT/${DEBS[0]}
echo "==> $(basename "$DEB")：$(du -h "$DEB" | cut -f1)"

WORK=$(mktemp -d)
XVFB_PID="" APP_PID="" DRIVER_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null
  # SIGTERM lets tauri-driver stop its WebKitWebDriver too.
  [ -n "$DRIVER_PID" ] && kill -TERM "$DRIVER_PID" 2>/dev/null && wait "$DRIVER_PID" 2>/dev/null
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- control fields -------------------------------------------------------------------------------
field() { dpkg-deb -f "$DEB" "$1"; }
[ "$(field Package)" = pacesetter ] || fail "Package 应为 pacesetter，实际 $(field Package)"
[ "$(field Architecture)" = amd64 ] || fail "Architecture 不是 amd64"
DEPENDS=$(field Depends)
for dep in libwebkit2gtk-4.1-0 libgtk-3-0; do
  grep -qw -- "$dep" <<<"$DEPENDS" || fail "Depends 缺少 $dep：$DEPENDS"
done
grep -q "领跑者" <<<"$(field Description)" || fail "Description 不是中文说明"

# --- install into an empty root -----------------------------------------------------------------
INST=$WORK/root
if [ "$(id -u)" -eq 0 ]; then
  # A real dpkg install into an empty dpkg database: rejects malformed names/fields, like the target PC.
  mkdir -p "$INST/var/lib/dpkg/info" "$INST/var/lib/dpkg/updates"
  touch "$INST/var/lib/dpkg/status"
  dpkg --root="$INST" --force-depends --log=/dev/null -i "$DEB" >/dev/null 2>"$WORK/dpkg.err" \
    || { cat "$WORK/dpkg.err"; fail "dpkg -i 失败"; }
  grep -q "Status: install ok installed" <<<"$(dpkg --root="$INST" -s pacesetter)" || fail "dpkg 未登记安装"
else
  dpkg -x "$DEB" "$INST"
fi
BIN=$INST/usr/bin/pacesetter-app
[ -x "$BIN" ] || fail "安装后没有 /usr/bin/pacesetter-app"

DESKTOP=$INST/usr/share/applications/pacesetter.desktop
[ -f "$DESKTOP" ] || fail "没有桌面入口 pacesetter.desktop"
for line in "Name=领跑者企业培育管理系统" "Name[zh_CN]=领跑者企业培育管理系统" "Categories=Office;" \
  "Exec=pacesetter-app" "Icon=pacesetter-app" "Type=Application"; do
  grep -qxF "$line" "$DESKTOP" || fail "桌面入口缺少 $line"
done
grep -q "^Comment=.*领跑者" "$DESKTOP" || fail "桌面入口缺少中文 Comment"
desktop-file-validate "$DESKTOP" || fail "桌面入口不符合规范"

for size in 16 24 32 48 64 128 256 512; do
  icon=$INST/usr/share/icons/hicolor/${size}x${size}/apps/pacesetter-app.png
  [ -f "$icon" ] || fail "缺少 ${size}x${size} 图标"
  grep -q "$size x $size" <<<"$(file "$icon")" || fail "$icon 不是 ${size}x${size}"
done

# --- Depends: every library the binary links must come with the declared Depends -----------------
# dpkg-shlibdeps names the packages providing the binary's libraries; each must be in the Depends'
# closure (names differ across Debian/Ubuntu releases, so Depends stays at the two top packages).
mkdir -p "$WORK/shlibs/debian"
printf 'Source: pacesetter\n\nPackage: pacesetter\nArchitecture: any\n' >"$WORK/shlibs/debian/control"
NEEDED=$(cd "$WORK/shlibs" && dpkg-shlibdeps -O -e "$BIN" 2>/dev/null | sed 's/^shlibs:Depends=//' \
  | tr ',' '\n' | sed 's/(.*)//; s/|.*//; s/ //g' | grep -v '^$')
# shellcheck disable=SC2046
CLOSURE=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances $(tr ',' ' ' <<<"$DEPENDS" | sed 's/([^)]*)//g') 2>/dev/null \
  | grep -v '^ ' | tr -d '<>' | sort -u)
for pkg in $NEEDED; do
  grep -qxF "$pkg" <<<"$CLOSURE" || fail "程序链接的 $pkg 不在 Depends（$DEPENDS）的依赖闭包中"
done
echo "    Depends: $DEPENDS（覆盖 $(wc -w <<<"$NEEDED") 个链接库软件包）"

# --- start the installed binary under Xvfb --------------------------------------------------------
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$WORK/display" 2>/dev/null &
XVFB_PID=$!
for _ in $(seq 50); do [ -s "$WORK/display" ] && break; sleep 0.1; done
export DISPLAY=:$(cat "$WORK/display")
export PACESETTER_DB=$WORK/installed.db

# 1. As a user starts it (no automation): the main window with the Chinese title must appear.
"$BIN" >"$WORK/app.log" 2>&1 &
APP_PID=$!
TITLE=""
for _ in $(seq 100); do
  TITLE=$(xwininfo -root -tree 2>/dev/null | grep -o '"领跑者企业培育管理系统": ("pacesetter-app"' || true)
  [ -n "$TITLE" ] && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log"; fail "安装的程序启动后退出"; }
  sleep 0.2
done
[ -n "$TITLE" ] || { cat "$WORK/app.log"; fail "20 秒内没有出现“领跑者企业培育管理系统”窗口"; }
for _ in $(seq 50); do [ -f "$PACESETTER_DB" ] && break; sleep 0.2; done
[ -f "$PACESETTER_DB" ] || fail "程序没有创建数据库 $PACESETTER_DB"
SHOTS=$ROOT/target/e2e-screenshots
mkdir -p "$SHOTS"
# The page is painted once the screen is more than the blank window background.
COLOURS=0
for _ in $(seq 60); do
  import -window root "$SHOTS/deb-window.png" 2>/dev/null
  COLOURS=$(identify -format %k "$SHOTS/deb-window.png")
  [ "$COLOURS" -gt 20 ] && break
  sleep 0.5
done
[ "$COLOURS" -gt 20 ] || fail "窗口 30 秒内仍是空白（截图 target/e2e-screenshots/deb-window.png）"
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
echo "    窗口已出现并绘制界面：领跑者企业培育管理系统（$COLOURS 种颜色，截图 target/e2e-screenshots/deb-window.png）"

# 2. Through tauri-driver: the page is the embedded UI (tauri://) and talks to the store.
rm -f "$PACESETTER_DB"
PORT=4464
tauri-driver --port $PORT --native-port $((PORT + 1)) >"$WORK/driver.log" 2>&1 &
DRIVER_PID=$!
for _ in $(seq 50); do (echo >/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.2; done
(cd tests/e2e && PACESETTER_APP=$BIN DEB_DRIVER_PORT=$PORT node --test --test-timeout=120000 installed/deb.test.mjs) \
  || { tail -20 "$WORK/driver.log"; fail "安装的程序界面检查失败"; }
echo "==> .deb 安装与启动测试通过"
