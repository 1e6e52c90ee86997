#!/usr/bin/env bash
# Installs what the test suite needs beyond Python packages: Debian's Chromium for the
# browser tests (Playwright drives it; no browser is downloaded at run time).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "warning: chromium is not installed and cannot be installed here; browser tests will fail." >&2
  echo "         install it with your package manager (Debian/Ubuntu: apt-get install chromium)." >&2
fi
