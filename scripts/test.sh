#!/usr/bin/env bash
# Runs every test: Rust unit and integration tests (core, CLI), a check that the generated
# TypeScript types are committed, the UI's type check and unit tests, then the end-to-end
# tests that drive the real desktop app under Xvfb through tauri-driver + WebKitWebDriver (printing
# through the GTK print dialog among them), the print views printed by headless Chromium as Windows'
# WebView2 would, the debug .deb installed into an empty root and started from there, and last the
# Windows checks (scripts/test-windows.sh, x86_64 Linux only): the debug exes cross-built, their PE
# resources, the core's unit tests and the CLI (against the Linux CLI) under Wine, the desktop exe's
# message without WebView2, the NSIS installer built and installed under Wine (README 安装).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
command -v tauri-driver >/dev/null 2>&1 || cargo install tauri-driver --locked

echo "==> Rust 测试"
cargo test --workspace --exclude pacesetter-app
echo "==> 检查 ts-rs 生成的类型已提交"
if [ -n "$(git status --porcelain -- ui/src/bindings 2>/dev/null)" ]; then
  git status --porcelain -- ui/src/bindings
  echo "ui/src/bindings 与 Rust 类型不一致：运行 cargo test 后提交生成的文件"; exit 1
fi
echo "==> 界面类型检查、单元测试与构建"
(cd ui && npx vue-tsc --noEmit && npx vitest run && npx vite build)
echo "==> 打印视图经无头 Chromium（代替 Windows 的 WebView2）出 PDF 并检查"
tests/print/render.sh
echo "==> 构建桌面程序"
cargo build -p pacesetter-app
echo "==> 端到端测试（Xvfb + tauri-driver）"
(cd tests/e2e && ./run.sh)
echo "==> .deb 安装测试（装入空目录，Xvfb 下启动安装的程序）"
scripts/test-deb.sh
echo "==> Windows 测试（交叉编译，Wine 下的单元测试、命令行对照、桌面程序与安装程序）"
scripts/test-windows.sh
echo "==> 全部测试通过"
