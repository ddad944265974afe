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
