# Sourced by the scripts that need Debian packages: `install_missing PKG…` installs those of the
# packages that are not installed yet (with sudo when not root), and does nothing otherwise.
install_missing() {
  local sudo="" missing=() p
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> 安装系统软件包：${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
}
