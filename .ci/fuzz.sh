#!/usr/bin/env bash
# Fuzzing in CI: replay the seed corpora (testdata/seeds via f.Add, and the
# crashers kept in testdata/fuzz/<Target>/ as regression cases), then a
# short bounded pass of each target, one after the other. FUZZTIME
# overrides the length of each pass (default 20s). A failing pass writes
# its input to testdata/fuzz/<Target>/ in the target's package: commit it
# as a regression case once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime="${FUZZTIME:-20s}"
# package:target
targets=(.:FuzzReadNPY .:FuzzFromBytes .:FuzzUnmarshalBinary .:FuzzUnmarshalJSON ./typed:FuzzCanonicalAgrees ./npz:FuzzNPZ)

echo "fuzz: replaying the seed corpora"
go test -count=1 -run "^Fuzz" . ./typed ./npz

log=$(mktemp)
trap 'rm -f "$log"' EXIT
for pt in "${targets[@]}"; do
  pkg=${pt%%:*} t=${pt#*:}
  echo "fuzz: $t ($pkg) for $fuzztime"
  if ! go test -run=NONE -fuzz="^$t\$" -fuzztime="$fuzztime" -parallel=1 "$pkg" >"$log" 2>&1; then
    cat "$log"
    exit 1
  fi
  tail -n 2 "$log"
done
