#!/usr/bin/env bash
# Runs every test of npy2d: the library with the race detector (which also
# turns on checkptr for the unsafe views), the example consumer module, and
# the benchmark module's tests with one pass of every benchmark, so that none
# of them rots.
set -euo pipefail
cd "$(dirname "$0")"
go test -race -timeout 30m ./...
(cd examples/consumer && go test -race -timeout 30m ./...)
(cd bench && go test -bench=. -benchtime=1x ./...)
# npz's optional libdeflate inflater (-tags libdeflate: cgo and Debian's
# libdeflate-dev), against the streaming path; CI installs the library.
if [ "${CI:-}" = true ] || [ -f /usr/include/libdeflate.h ]; then
  go test -race -timeout 30m -tags libdeflate ./npz
  (cd bench && go test -tags libdeflate -run '^$' -bench '^BenchmarkPath$/^npy2d-libdeflate$/' -benchtime=1x .)
fi
