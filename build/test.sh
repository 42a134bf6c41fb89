#!/usr/bin/env bash
# The project's test command (README and .ci/run): setup, build, run every test, and print one closing line
# `N passed, M failed`. Extra arguments go to `dotnet test`, e.g. `--filter FullyQualifiedName~Normalization`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/build/setup.sh"

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
# Build every project first (the packaging tests pack the CLI from its Release build), then test without rebuilding.
if ! dotnet build "$root/MLNetNorm.sln" -c Release; then
  echo "build/test.sh: the build failed (see above)." >&2
  echo "0 passed, 1 failed"
  exit 1
fi

set +e
dotnet test "$root/MLNetNorm.sln" -c Release --no-build --logger "trx;LogFileName=tests.trx" --results-directory "$results" "$@"
status=$?
set -e

trx=$(find "$results" -name '*.trx' | head -n 1)
if [ -z "$trx" ]; then
  echo "build/test.sh: no test results were written (the build or the test host failed; see above)." >&2
  echo "0 passed, 1 failed"
  exit 1
fi
counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
count() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
passed=$(count passed)
failed=$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) ))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The run ended badly without a failed test on record: the test host crashed or the run was aborted.
  echo "build/test.sh: dotnet test exited with $status although no test failed: the test run was aborted (see above)." >&2
  failed=1
fi
echo "$passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
