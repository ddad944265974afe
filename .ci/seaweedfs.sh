#!/usr/bin/env bash
# A real S3-compatible server for the objstore module's tests: SeaweedFS
# (Apache-2.0), built from its Go module source through the module proxy.
#
#   .ci/seaweedfs.sh build   build weed once per version, cached outside the repo
#   .ci/seaweedfs.sh start   start `weed mini` on 127.0.0.1, wait for S3, print the endpoint
#   .ci/seaweedfs.sh stop    stop the server started by `start`, by its PID
#
# `go install ...@version` refuses SeaweedFS (its go.mod has replace
# directives), so build copies the module into a writable folder and runs
# `go build ./weed` there (about 7 minutes on a 2-core machine). The binary
# is cached as $CACHE/weed-$VERSION and reused while VERSION is unchanged.
# Every listener binds 127.0.0.1 (-ip and -ip.bind): never the host address
# weed detects and prints.
set -euo pipefail

VERSION="${SEAWEEDFS_VERSION:-v0.0.0-20261109003541-7506e5f91cd6}"
CACHE="${SEAWEEDFS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/npy2d-seaweedfs}"
RUN="${SEAWEEDFS_RUN:-$CACHE/run}"
PORT="${SEAWEEDFS_S3_PORT:-8333}"
BIN="$CACHE/weed-$VERSION"

build() {
  if [ -x "$BIN" ]; then
    echo "seaweedfs: reusing $BIN"
    return
  fi
  mkdir -p "$CACHE"
  local dir src work
  dir=$(cd "$CACHE" && go mod download -json "github.com/seaweedfs/seaweedfs@$VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$dir" ] || { echo "seaweedfs: go mod download gave no folder"; exit 1; }
  work=$(mktemp -d "$CACHE/src.XXXXXX")
  cp -r "$dir/." "$work/"
  chmod -R u+w "$work"
  echo "seaweedfs: building weed $VERSION in $work (several minutes)"
  if ! (cd "$work" && GOFLAGS=-mod=mod go build -trimpath -o "$BIN.tmp" ./weed); then
    rm -rf "$work"
    exit 1
  fi
  rm -rf "$work"
  mv "$BIN.tmp" "$BIN"
  echo "seaweedfs: built $BIN"
}

start() {
  [ -x "$BIN" ] || build
  if [ -f "$RUN/weed.pid" ] && kill -0 "$(cat "$RUN/weed.pid")" 2>/dev/null; then
    echo "seaweedfs: already running, PID $(cat "$RUN/weed.pid")"
    echo "S3_ENDPOINT=127.0.0.1:$PORT"
    return
  fi
  rm -rf "$RUN"
  mkdir -p "$RUN/data"
  "$BIN" mini -dir="$RUN/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 -s3.port="$PORT" \
    -master.telemetry=false -webdav=false -admin.ui=false \
    -s3.port.iceberg=0 -s3.port.lance=0 >"$RUN/weed.log" 2>&1 &
  echo $! >"$RUN/weed.pid"
  for _ in $(seq 1 120); do
    if curl -s -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null ||
      (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
      echo "seaweedfs: S3 up on 127.0.0.1:$PORT, PID $(cat "$RUN/weed.pid")"
      echo "S3_ENDPOINT=127.0.0.1:$PORT"
      return
    fi
    if ! kill -0 "$(cat "$RUN/weed.pid")" 2>/dev/null; then
      echo "seaweedfs: weed exited; log:"; tail -50 "$RUN/weed.log"; exit 1
    fi
    sleep 1
  done
  echo "seaweedfs: S3 did not come up in 120 s; log:"; tail -50 "$RUN/weed.log"
  stop
  exit 1
}

stop() {
  [ -f "$RUN/weed.pid" ] || return 0
  local pid
  pid=$(cat "$RUN/weed.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$RUN/weed.pid"
  echo "seaweedfs: stopped PID $pid"
}

case "${1:-}" in
build) build ;;
start) start ;;
stop) stop ;;
*) echo "usage: $0 build|start|stop" >&2; exit 2 ;;
esac
