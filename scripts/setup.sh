#!/usr/bin/env bash
# Installs what building, running and testing Pacesetter needs on Debian/Ubuntu: system packages
# (WebKitGTK, Xvfb, WebKitWebDriver, CJK fonts; xdotool to drive the GTK print dialog and Chromium
# to print the views as Windows' WebView2 would), the UI's npm packages and tauri-driver.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=lib/apt.sh
source scripts/lib/apt.sh
PACKAGES=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev webkit2gtk-driver xvfb fonts-noto-cjk poppler-utils
  pkg-config ca-certificates dpkg-dev x11-utils imagemagick desktop-file-utils xdotool chromium)
install_missing "${PACKAGES[@]}"

if ! command -v cargo >/dev/null 2>&1; then
  echo "==> 安装 Rust 工具链"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  # shellcheck disable=SC1091
  source "$HOME/.cargo/env"
fi

if ! command -v node >/dev/null 2>&1; then
  echo "==> 安装 Node.js"
  install_missing nodejs npm
fi

if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "==> 安装界面依赖（npm）"
  (cd ui && npm ci --no-fund --no-audit)
fi
