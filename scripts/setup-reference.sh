#!/usr/bin/env bash
# The external FEM code of the accuracy cross-check (services/reference-solver): GetDP and Gmsh
# from Debian, run with /usr/bin/python3 (python3-gmsh). Only the reference benchmark needs them;
# the default setup (scripts/setup.sh) does not install them.
set -euo pipefail
packages=(getdp gmsh python3-gmsh)
if command -v getdp >/dev/null && /usr/bin/python3 -c "import gmsh" 2>/dev/null; then exit 0; fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "[setup-reference] installing ${packages[*]} from Debian packages" >&2
  apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
else
  echo "[setup-reference] error: getdp or Python's gmsh module is missing; install: apt-get install ${packages[*]}" >&2
  exit 1
fi
