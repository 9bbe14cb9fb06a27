#!/usr/bin/env bash
# Debian's Python packages that synthflux's Python parts use, run with /usr/bin/python3
# (the python3 on PATH may be a separate build that does not see them).
set -euo pipefail
packages=(python3-numpy python3-boto3)
modules="numpy, boto3"
if /usr/bin/python3 -c "import $modules" 2>/dev/null; then exit 0; fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "[setup] installing ${packages[*]} from Debian packages" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
else
  echo "[setup] error: /usr/bin/python3 lacks $modules; install: apt-get install ${packages[*]}" >&2
  exit 1
fi
