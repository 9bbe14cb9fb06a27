#!/usr/bin/env bash
# Debian's Chromium for the dashboard's browser test (playwright-core drives it; Playwright's own
# browser download cannot work on a closed network). Fast path: nothing to do when it is installed.
set -euo pipefail
if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then echo "setup-browser: chromium is missing; install it with: sudo apt-get install -y chromium" >&2; exit 1; fi
echo "[setup] installing Debian's chromium"
apt-get -o DPkg::Lock::Timeout=600 update -qq
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >/dev/null
