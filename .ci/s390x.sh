#!/usr/bin/env bash
# Builds each package's tests for big-endian s390x and runs them under
# qemu-user, from the package's folder as go test would. -test.short skips
# the tests that build whole modules with the go command.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  name=$(basename "$dir")
  GOARCH=s390x go test -c -o "$bin/$name.test" "$pkg"
  [ -f "$bin/$name.test" ] || continue # a package without tests
  echo "s390x: $pkg"
  (cd "$dir" && qemu-s390x-static "$bin/$name.test" -test.short -test.count=1 | tail -1)
done
