#!/usr/bin/env bash
# Runs every e2e spec against the real debug binary: Xvfb, then for each spec file a fresh
# tauri-driver (→ WebKitWebDriver → app) with its own empty store in PACESETTER_DB.
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

XVFB_PID=""
if [ -z "${DISPLAY:-}" ]; then
  export DISPLAY=:99
  Xvfb :99 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
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
pkill -TERM -x WebKitWebDriver 2>/dev/null || true

status=0
for spec in specs/${1:-*}.test.mjs; do
  dir=$(mktemp -d)
  PACESETTER_DB="$dir/e2e.db" tauri-driver --port 4444 >"$dir/driver.log" 2>&1 &
  DRIVER_PID=$!
  # tauri-driver (4444) starts WebKitWebDriver (4445); a session needs both listening.
  for port in 4444 4445; do
    for _ in $(seq 150); do (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.2; done
  done
  echo "==> e2e: $spec"
  if ! node --test --test-timeout=180000 "$spec"; then status=1; cat "$dir/driver.log" | tail -20; fi
  stop_driver
done
exit $status
