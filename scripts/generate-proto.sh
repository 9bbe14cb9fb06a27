#!/usr/bin/env bash
# Generates typed TypeScript for every contract in proto/ (flags must match proto/load.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t protos < <(cd proto && find . -name '*.proto' -not -path './generated/*' | sed 's|^\./||' | sort)
# --includeDirs takes a list, so it goes last: it would swallow the file names after it.
npx --no-install proto-loader-gen-types --longs=String --enums=String --defaults --oneofs \
  --grpcLib=@grpc/grpc-js --outDir=proto/generated "${protos[@]}" --includeDirs proto
