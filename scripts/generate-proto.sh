#!/usr/bin/env bash
# Generates typed TypeScript for every contract in proto/ (flags must match proto/load.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t protos < <(cd proto && find . -name '*.proto' -not -path './generated/*' | sed 's|^\./||' | sort)
# --includeDirs takes a list, so it goes last: it would swallow the file names after it.
npx --no-install proto-loader-gen-types --longs=String --enums=String --defaults --oneofs \
  --grpcLib=@grpc/grpc-js --outDir=proto/generated "${protos[@]}" --includeDirs proto

# Python stubs for the client package in clients/python, from Debian's protoc and grpc_python_plugin
# (protobuf-compiler, protobuf-compiler-grpc: the same releases as python3-protobuf and
# python3-grpcio). protoc writes absolute `synthflux.*` imports; they are rewritten to the package's
# own path so the stubs import without a top-level `synthflux` module on sys.path.
py_out=clients/python/synthflux_client/_proto
rm -rf "$py_out"
mkdir -p "$py_out"
protoc -I proto --python_out="$py_out" --grpc_python_out="$py_out" \
  --plugin=protoc-gen-grpc_python="$(command -v grpc_python_plugin)" "${protos[@]}"
find "$py_out" -type d -exec touch {}/__init__.py \;
find "$py_out" -name '*_pb2*.py' -exec sed -i -E 's/^from synthflux\./from synthflux_client._proto.synthflux./' {} +
