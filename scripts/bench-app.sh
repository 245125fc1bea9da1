#!/usr/bin/env bash
# The desktop app's start-up and memory (issue 20), as ratios to an empty Tauri window measured in
# the same run (src-tauri/examples/empty_window.rs): start to first painted screen under Xvfb, and
# the proportional memory (PSS) of the app + its WebKit processes with a store of N enterprises open
# on 企业库. Release builds (BENCH_PROFILE=debug to try the script on debug builds); median of R runs
# after one discarded warm-up run (the file cache is warm).
# Usage: scripts/bench-app.sh [ROWS (20000)] [REPEAT (3)]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ROWS=${1:-20000}
REPEAT=${2:-3}
export PATH="$HOME/.cargo/bin:$PATH"
need=()
command -v xwd >/dev/null || need+=(x11-apps)
command -v convert >/dev/null || need+=(imagemagick)
command -v Xvfb >/dev/null || need+=(xvfb)
if [ ${#need[@]} -gt 0 ]; then apt-get install -y -q "${need[@]}" >/dev/null; fi
command -v tauri-driver >/dev/null || cargo install tauri-driver --locked
[ -d tests/e2e/node_modules ] || (cd tests/e2e && npm ci --no-fund --no-audit)

PROFILE=${BENCH_PROFILE:-release}
echo "==> $PROFILE 构建（界面、桌面程序、空窗口基线、命令行）"
(cd ui && npx vite build >/dev/null)
if [ "$PROFILE" = release ]; then build=(--release); else build=(); fi
cargo build "${build[@]}" -q -p pacesetter-app -p pacesetter-cli --example empty_window
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}/$PROFILE
APP=$TARGET/pacesetter-app
EMPTY=$TARGET/examples/empty_window

WORK=$(mktemp -d)
XVFB_PID="" RUN_PID="" DRIVER_PID=""
cleanup() {
  [ -n "$RUN_PID" ] && kill "$RUN_PID" 2>/dev/null
  [ -n "$DRIVER_PID" ] && kill -TERM "$DRIVER_PID" 2>/dev/null && wait "$DRIVER_PID" 2>/dev/null
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "==> 生成 $ROWS 家企业的数据库"
"$TARGET/pacesetter" bench --rows "$ROWS" --repeat 1 --no-xls --keep "$WORK" >/dev/null
export PACESETTER_DB=$WORK/store.db
"$TARGET/pacesetter" --db "$PACESETTER_DB" import "$WORK/county-$ROWS.xlsx" >/dev/null

export DISPLAY=${BENCH_DISPLAY:-:97}
Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
sleep 1

# Milliseconds from exec to the first screen with more than 16 colours (a blank or single-colour
# window has 1–3; text and controls, anti-aliased, have dozens).
painted_ms() {
  local start now
  start=$(date +%s%N)
  "$1" >/dev/null 2>&1 &
  RUN_PID=$!
  while :; do
    colours=$(xwd -root -silent | convert xwd:- -format %k info: 2>/dev/null || echo 0)
    now=$(date +%s%N)
    [ "$colours" -gt 16 ] && break
    if [ $(( (now - start) / 1000000 )) -gt 60000 ]; then
      kill "$RUN_PID" 2>/dev/null; echo "60 秒内没有画出界面：$1" >&2; return 1
    fi
  done
  kill "$RUN_PID"; wait "$RUN_PID" 2>/dev/null || true; RUN_PID=""
  sleep 1
  echo $(( (now - start) / 1000000 ))
}

# Σ PSS (kB) of the binary and its WebKit processes, through tauri-driver (tests/e2e/bench-app-memory.mjs).
pss_kb() {
  E2E_PORT=4470 tauri-driver --port 4470 --native-port 4471 >"$WORK/driver.log" 2>&1 &
  DRIVER_PID=$!
  for port in 4470 4471; do
    for _ in $(seq 150); do (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.2; done
  done
  (cd tests/e2e && E2E_PORT=4470 PACESETTER_APP=$1 BENCH_OPEN_LIST=$2 BENCH_ROWS=$ROWS node bench-app-memory.mjs) \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'
  kill -TERM "$DRIVER_PID"; wait "$DRIVER_PID" 2>/dev/null || true; DRIVER_PID=""
}

median() { tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "==> 测量（预热 1 次后取 $REPEAT 次中位数）"
painted_ms "$EMPTY" >/dev/null || exit 1
painted_ms "$APP" >/dev/null || exit 1
empty_ms=() app_ms=() empty_kb=() app_kb=()
for _ in $(seq "$REPEAT"); do
  ms=$(painted_ms "$EMPTY") || exit 1; empty_ms+=("$ms")
  ms=$(painted_ms "$APP") || exit 1; app_ms+=("$ms")
  kb=$(pss_kb "$EMPTY" 0) || exit 1; empty_kb+=("$kb")
  kb=$(pss_kb "$APP" 1) || exit 1; app_kb+=("$kb")
done
E_MS=$(echo "${empty_ms[*]}" | median); A_MS=$(echo "${app_ms[*]}" | median)
E_KB=$(echo "${empty_kb[*]}" | median); A_KB=$(echo "${app_kb[*]}" | median)
python3 - "$E_MS" "$A_MS" "$E_KB" "$A_KB" "$ROWS" "$PROFILE" <<'PY'
import sys
e_ms, a_ms, e_kb, a_kb, rows = map(int, sys.argv[1:6])
profile = sys.argv[6]
print(f"桌面程序（{profile}，Xvfb，{rows} 家企业的数据库）       空 Tauri 窗口     本程序      比值")
print(f"启动到首屏画出                                  {e_ms:8d} ms {a_ms:8d} ms {a_ms / e_ms:8.2f} ×")
print(f"内存（程序 + WebKit 进程 PSS，本程序停在企业库）     {e_kb / 1024:8.1f} MB {a_kb / 1024:8.1f} MB {a_kb / e_kb:8.2f} ×")
PY
