#!/usr/bin/env bash
# Builds the Windows installer with Debian's makensis from the cross-built exes
# (scripts/windows/installer.nsi; names and version from src-tauri/tauri.conf.json).
# Usage: scripts/windows/build-installer.sh [debug|release]  (after
#   cargo build [--release] --target x86_64-pc-windows-gnu -p pacesetter-cli -p pacesetter-app)
# Prints the installer's path. Debug builds use zlib (seconds); release ones LZMA (smallest).
set -euo pipefail
cd "$(dirname "$0")/../.."
PROFILE=${1:-release}
BIN=target/x86_64-pc-windows-gnu/$PROFILE
for exe in pacesetter-app.exe pacesetter.exe WebView2Loader.dll; do
  [ -f "$BIN/$exe" ] || { echo "build-installer: 缺少 $BIN/$exe" >&2; exit 1; }
done
conf() {
  /usr/bin/python3 -c 'import functools, json, sys
print(functools.reduce(lambda v, k: v[k], sys.argv[1].split("."), json.load(open("src-tauri/tauri.conf.json"))))' "$1"
}
PRODUCT=$(conf productName)
VERSION=$(conf version)
OUT_DIR=$BIN/bundle/nsis
OUT_FILE=$OUT_DIR/${PRODUCT}_${VERSION}_x64-setup.exe
mkdir -p "$OUT_DIR"
COMPRESSOR=lzma
[ "$PROFILE" = debug ] && COMPRESSOR=zlib
makensis -INPUTCHARSET UTF8 -V2 \
  "-DPRODUCT=$PRODUCT" "-DIDENT=$(conf identifier)" "-DVERSION=$VERSION" \
  "-DPUBLISHER=$(conf bundle.publisher)" "-DCOPYRIGHT=$(conf bundle.copyright)" \
  "-DICON=$PWD/src-tauri/icons/icon.ico" "-DAPP_EXE=$PWD/$BIN/pacesetter-app.exe" \
  "-DCLI_EXE=$PWD/$BIN/pacesetter.exe" "-DLOADER_DLL=$PWD/$BIN/WebView2Loader.dll" "-DOUT_FILE=$PWD/$OUT_FILE" "-DCOMPRESSOR=$COMPRESSOR" \
  scripts/windows/installer.nsi >&2
echo "$PWD/$OUT_FILE"
