#!/usr/bin/env bash
# ThreadSanitizer over the service's tests and the tests of everything that trains or evaluates on
# several threads; AddressSanitizer over the parsers' tests (rating files, feature tables, model
# files, split files, the service's JSON bodies). Each sanitizer has its own build folder (a first
# build takes ~5 minutes on 2 cores). Exits 1 when a sanitizer reports anything or a test fails.
# Usage: bash Benchmarks/sanitizers.sh [thread|address|all, default all]
set -uo pipefail
cd "$(dirname "$0")/.."
which=${1:-all}
out=Benchmarks/out/sanitizers
mkdir -p "$out"
# Sanitized builds run 5–15× slower: the retrain tests train fewer epochs (RetrainTests.longEpochs).
export RECO_SANITIZED=1
# Leaks outside Reco's code (Foundation, the HTTP test framework, XCTest), each explained there.
export LSAN_OPTIONS="suppressions=$PWD/Benchmarks/lsan-suppressions.txt"
status=0

run() { # sanitizer, test filter
  local sanitizer=$1 filter=$2 log="$out/$1.log" start=$SECONDS
  echo "== $sanitizer sanitizer: building"
  if ! swift build --build-tests --sanitize="$sanitizer" --build-path ".build-$sanitizer" >"$out/$sanitizer-build.log" 2>&1; then
    tail -20 "$out/$sanitizer-build.log"; status=1; return
  fi
  echo "== $sanitizer sanitizer: tests matching $filter"
  swift test --skip-build --sanitize="$sanitizer" --build-path ".build-$sanitizer" --filter "$filter" >"$log" 2>&1
  local code=$?
  local reports
  reports=$(grep -c -E "WARNING: ThreadSanitizer|ERROR: AddressSanitizer|ERROR: LeakSanitizer" "$log")
  grep -E "Test run with|✘" "$log" | tail -5
  echo "$sanitizer: $reports reports, swift test exit $code, $((SECONDS - start)) s with the build; log $log"
  if [ "$reports" != 0 ] || [ "$code" != 0 ]; then
    grep -E -A12 "WARNING: ThreadSanitizer|ERROR: AddressSanitizer|ERROR: LeakSanitizer" "$log" | head -60
    status=1
  fi
}

if [ "$which" = thread ] || [ "$which" = all ]; then
  run thread "RecoServerTests|SGDScheduleTests|BiasedMatrixFactorizationTests|TopNModelTests|HybridFactorizationTests|EvaluatorTests|HyperparameterSearchTests|ImplicitALSTests|RegistryTests|ModelPropertyTests"
fi
if [ "$which" = address ] || [ "$which" = all ]; then
  run address "DatasetLoaderTests|ItemFeatureAlignmentTests|FeatureTableTests|ModelFileTests|ModelFormatCompatibilityTests|SplitterTests|SplitPropertyTests|RoutesTests|JSONTextTests|FuzzFindingsTests|SyntheticRatingsTests|OpenAPITests"
fi
exit $status
