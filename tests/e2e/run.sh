#!/usr/bin/env bash
# Runs every e2e spec against the real debug binary: Xvfb, then for each spec file a fresh
# tauri-driver (→ WebKitWebDriver → app) with its own empty store in PACESETTER_DB.
# E2E_PORT (default 4444; WebKitWebDriver on the next port) and E2E_DISPLAY (default :99) let two
# runs share a machine.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
export PACESETTER_APP=${PACESETTER_APP:-$ROOT/target/debug/pacesetter-app}
export PACESETTER_E2E=1
# GTK's own dialogs (print, file chooser) in English whatever the machine's language: the print
# spec finds their windows by title.
export LC_MESSAGES=C.UTF-8
[ -x "$PACESETTER_APP" ] || { echo "缺少 $PACESETTER_APP：先构建桌面程序"; exit 1; }
[ -d node_modules ] || npm ci --no-fund --no-audit

export E2E_PORT=${E2E_PORT:-4444}
NATIVE_PORT=$((E2E_PORT + 1))
XVFB_PID=""
if [ -z "${DISPLAY:-}" ] || [ -n "${E2E_DISPLAY:-}" ]; then
  export DISPLAY=${E2E_DISPLAY:-:99}
  Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  XVFB_PID=$!
  sleep 1
fi
DRIVER_PID=""
stop_driver() {
  # SIGTERM, not SIGKILL: tauri-driver then stops WebKitWebDriver too (DESIGN §9).
  if [ -n "$DRIVER_PID" ]; then kill -TERM "$DRIVER_PID" 2>/dev/null || true; wait "$DRIVER_PID" 2>/dev/null || true; fi
  DRIVER_PID=""
}
cleanup() { stop_driver; [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true; }
trap cleanup EXIT
# A WebKitWebDriver left over on this run's port from an interrupted run.
pkill -TERM -f "WebKitWebDriver.*--port=$NATIVE_PORT" 2>/dev/null || true

status=0
for spec in specs/${1:-*}.test.mjs; do
  dir=$(mktemp -d)
  PACESETTER_DB="$dir/e2e.db" tauri-driver --port "$E2E_PORT" --native-port "$NATIVE_PORT" >"$dir/driver.log" 2>&1 &
  DRIVER_PID=$!
  # tauri-driver starts WebKitWebDriver on the next port; a session needs both listening.
  for port in "$E2E_PORT" "$NATIVE_PORT"; do
    for _ in $(seq 150); do (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.2; done
  done
  echo "==> e2e: $spec"
  if ! node --test --test-timeout=180000 "$spec"; then status=1; cat "$dir/driver.log" | tail -20; fi
  stop_driver
done
exit $status
