#!/usr/bin/env bash
# Builds and starts the desktop app. The store is created and seeded in the app-data folder
# on first start (PACESETTER_DB=FILE points it elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo "==> 构建界面"
(cd ui && npm run build)
echo "==> 构建并启动 领跑者企业培育管理系统"
cargo build -p pacesetter-app
exec target/debug/pacesetter-app
