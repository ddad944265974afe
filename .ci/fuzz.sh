#!/usr/bin/env bash
# Fuzzing in CI: replay the seed corpora (testdata/seeds via f.Add, and the
# crashers kept in testdata/fuzz/<Target>/ as regression cases), then a
# short bounded pass of each target, one after the other.
#
# Each pass is bounded by a count of executions (about 15 s each on a
# 2-core machine), not by a duration: with a duration, Go's fuzz
# coordinator before 1.27 can report a spurious "context deadline
# exceeded" failure when the deadline fires while a worker is mid-call
# (golang/go#75804). A count has no deadline to race. FUZZTIME overrides
# every pass with any -fuzztime value (e.g. 2000x, or 60s locally).
#
# A failing pass writes its input to testdata/fuzz/<Target>/ in the
# target's package: commit it as a regression case once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."

# package:target:executions
targets=(
  .:FuzzReadNPY:300000x
  .:FuzzFromBytes:350000x
  .:FuzzUnmarshalBinary:350000x
  .:FuzzUnmarshalJSON:350000x
  ./typed:FuzzCanonicalAgrees:450000x
  ./typed:FuzzParseDType:300000x
  ./typed:FuzzBase64:350000x
  ./npz:FuzzNPZ:250000x
  ./ranged:FuzzRanged:200000x
  ./httprange:FuzzResponse:20000x
  ./stream:FuzzAppend:10000x
)

echo "fuzz: replaying the seed corpora"
go test -count=1 -run "^Fuzz" . ./typed ./npz ./ranged ./httprange ./stream

log=$(mktemp)
trap 'rm -f "$log"' EXIT
for entry in "${targets[@]}"; do
  IFS=: read -r pkg t budget <<<"$entry"
  budget="${FUZZTIME:-$budget}"
  echo "fuzz: $t ($pkg), -fuzztime=$budget"
  if ! go test -run=NONE -fuzz="^$t\$" -fuzztime="$budget" -parallel=1 "$pkg" >"$log" 2>&1; then
    cat "$log"
    exit 1
  fi
  tail -n 2 "$log"
done

# npz's whole-member inflater (-tags libdeflate) on the same target.
if [ "${CI:-}" = true ] || [ -f /usr/include/libdeflate.h ]; then
  budget="${FUZZTIME:-150000x}"
  echo "fuzz: FuzzNPZ (./npz, -tags libdeflate), -fuzztime=$budget"
  if ! go test -tags libdeflate -run=NONE -fuzz='^FuzzNPZ$' -fuzztime="$budget" -parallel=1 ./npz >"$log" 2>&1; then
    cat "$log"
    exit 1
  fi
  tail -n 2 "$log"
fi
