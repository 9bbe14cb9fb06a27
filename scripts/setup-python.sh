#!/usr/bin/env bash
# Debian's Python packages that synthflux's Python parts use, run with /usr/bin/python3
# (the python3 on PATH may be a separate build that does not see them): the Python client in
# clients/python (grpcio, protobuf, numpy, boto3; its stubs come from protoc and
# grpc_python_plugin, see scripts/generate-proto.sh) and the ML jobs in services/ml/python (torch,
# scikit-learn, scipy, matplotlib, onnx, pytest for their tests).
set -euo pipefail
packages=(python3-numpy python3-boto3 python3-grpcio python3-protobuf protobuf-compiler protobuf-compiler-grpc python3-torch python3-sklearn python3-scipy python3-matplotlib python3-onnx python3-pytest)
modules="numpy boto3 grpc google.protobuf torch sklearn scipy matplotlib onnx pytest"
# Fast path: find the modules without importing them (importing torch takes seconds).
if /usr/bin/python3 -c "import importlib.util as u, sys; sys.exit(any(u.find_spec(m) is None for m in sys.argv[1:]))" $modules 2>/dev/null \
  && command -v protoc >/dev/null && command -v grpc_python_plugin >/dev/null; then exit 0; fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "[setup] installing ${packages[*]} from Debian packages" >&2
  apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${packages[@]}" >/dev/null
else
  echo "[setup] error: /usr/bin/python3 lacks some of $modules (or protoc, grpc_python_plugin are missing); install: apt-get install ${packages[*]}" >&2
  exit 1
fi
