#!/usr/bin/env bash
# What a fresh machine needs for one command, and nothing more. The pinned server binaries are built
# from Go modules into a per-user cache keyed by version (reused by every clone on this machine).
#
#   setup.sh [stack]  the embedded stack and the demo: npm packages, the Prisma client, Temporal, MinIO
#   setup.sh ml       stack + Debian's Python packages (gap checks, refinement, the Python client)
#   setup.sh test     everything scripts/test.sh needs: ml + kube-apiserver, kine and kustomize
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/versions.env

target=${1:-stack}
case $target in
  stack | ml | test) ;;
  *) echo "usage: scripts/setup.sh [stack|ml|test] (got '$target'): stack for the embedded stack and the demo (the default), ml adds the Python packages of the ML jobs, test everything the tests need" >&2; exit 2 ;;
esac

CACHE_DIR="${SYNTHFLUX_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/synthflux}"
BIN_DIR="$CACHE_DIR/bin"

log() { printf '[setup] %s\n' "$*" >&2; }

# npm packages: reinstall only when the lockfile changed since the last install.
lock_sum=$(sha256sum package-lock.json | cut -c1-16)
if [[ ! -f node_modules/.synthflux-lock || "$(cat node_modules/.synthflux-lock)" != "$lock_sum" ]]; then
  log "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.synthflux-lock
fi

log "generating the Prisma client"
# The client runs on the query compiler (engineType "client"); pointing the CLI at a stand-in
# library path stops it fetching a native query engine that is never loaded.
PRISMA_QUERY_ENGINE_LIBRARY=/bin/false npx --no-install prisma generate >/dev/null 2>&1 || PRISMA_QUERY_ENGINE_LIBRARY=/bin/false npx --no-install prisma generate

# Python packages from Debian (the dataset reader, the ML jobs).
if [[ $target != stack ]]; then bash scripts/setup-python.sh; fi

build_go_binary() { # name module version
  local name=$1 module=$2 version=$3
  local dest="$BIN_DIR/$name-$version"
  if [[ -x "$dest/$name" ]]; then
    log "$name $version: cached at $dest/$name"
    return
  fi
  if ! command -v go >/dev/null; then
    echo "[setup] error: Go is required to build $name $version from $module (install Go 1.26.5 or newer and rerun)" >&2
    exit 1
  fi
  log "$name $version: building from $module (first time on this machine; a few minutes)"
  local tmp
  tmp=$(mktemp -d "$BIN_DIR/.build-$name-XXXXXX")
  GOFLAGS=-buildvcs=false GOBIN="$tmp" go install "$module@$version"
  rm -rf "$dest" && mv "$tmp" "$dest"
  log "$name $version: built at $dest/$name"
}

# kube-apiserver cannot be `go install`ed (k8s.io/kubernetes replaces its staging modules with
# local paths); it is built from the committed wrapper module that pins them to published tags.
build_kube_apiserver() {
  local version=$KUBE_APISERVER_VERSION dest="$BIN_DIR/kube-apiserver-$KUBE_APISERVER_VERSION"
  local wrapper=scripts/go/kube-apiserver
  if [[ -x "$dest/kube-apiserver" ]]; then
    log "kube-apiserver $version: cached at $dest/kube-apiserver"
    return
  fi
  if ! command -v go >/dev/null; then
    echo "[setup] error: Go is required to build kube-apiserver $version (install Go 1.26.5 or newer and rerun)" >&2
    exit 1
  fi
  if ! grep -q "k8s.io/kubernetes $version\$" "$wrapper/go.mod"; then
    echo "[setup] error: $wrapper/go.mod does not require k8s.io/kubernetes $version (versions.env says so); update both together" >&2
    exit 1
  fi
  log "kube-apiserver $version: building from $wrapper (first time on this machine; several minutes)"
  local tmp minor=${version#v1.}
  minor=${minor%%.*}
  tmp=$(mktemp -d "$BIN_DIR/.build-kube-apiserver-XXXXXX")
  (cd "$wrapper" && GOFLAGS="-buildvcs=false -mod=readonly" go build -trimpath \
    -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=$version -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor" \
    -o "$tmp/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver)
  rm -rf "$dest" && mv "$tmp" "$dest"
  log "kube-apiserver $version: built at $dest/kube-apiserver"
}

mkdir -p "$BIN_DIR"
build_go_binary temporal "$TEMPORAL_CLI_MODULE" "$TEMPORAL_CLI_VERSION"
build_go_binary minio "$MINIO_MODULE" "$MINIO_VERSION"
if [[ $target == test ]]; then
  build_kube_apiserver
  build_go_binary kine "$KINE_MODULE" "$KINE_VERSION"
  build_go_binary kustomize "$KUSTOMIZE_MODULE" "$KUSTOMIZE_VERSION"
fi
log "ready ($target)"
