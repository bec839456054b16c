#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer, with AddressSanitizer and LeakSanitizer) of every parser:
# ratings files, the dense matrix, MovieLens' three layouts, RecBole atomic files, feature tables,
# .reco model files, split files and the service's JSON bodies (Fuzz/Targets/FuzzTarget.swift).
#
# Usage: bash Benchmarks/fuzz.sh TARGET|all [SECONDS per target, default 600] [PARALLEL, default 1]
#
# Each target starts from its seeds in Fuzz/Corpus/TARGET (the test fixtures' inputs; for `model`
# also Tests/Fixtures/model-format-v1) and keeps what it learns in Benchmarks/out/fuzz/corpus/TARGET,
# so a second run goes on from the first. A crash, hang (10 s per input), leak or out-of-memory
# (2 GiB) stops the target, writes the input to Benchmarks/out/fuzz/TARGET-crash-… (or -timeout-,
# -leak-, -oom-) and makes the script exit 1: commit that input as a regression test.
# RECO_FUZZ_SEED=N fixes libFuzzer's random seed (CI sets it; the default, 0, draws one per run).
# The first build (.build-fuzz, release with ASan and coverage) takes ~6 minutes on 2 cores.
set -uo pipefail
cd "$(dirname "$0")/.."
which=${1:?usage: fuzz.sh TARGET|all [SECONDS] [PARALLEL]}
seconds=${2:-600}
parallel=${3:-1}
targets=(ratings dense movielens recbole features model splits json)
out=Benchmarks/out/fuzz
mkdir -p "$out"

if [ "$which" != all ] && [[ ! " ${targets[*]} " =~ " $which " ]]; then
  echo "unknown target '$which'; the targets are: ${targets[*]}" >&2
  exit 2
fi

echo "== building reco-fuzz (.build-fuzz: release, -sanitize=fuzzer,address)"
if ! RECO_FUZZ=1 swift build -c release --product reco-fuzz --sanitize=address --build-path .build-fuzz \
  -Xswiftc -sanitize=fuzzer -Xswiftc -enable-testing >"$out/build.log" 2>&1; then
  grep -v "Cannot export local symbol" "$out/build.log" | tail -20
  exit 1
fi
binary=.build-fuzz/release/reco-fuzz
# Leaks outside Reco's code, each explained in the file (Foundation's empty-file read buffer).
export LSAN_OPTIONS="suppressions=$PWD/Benchmarks/lsan-suppressions.txt"
# A trap goes to libFuzzer (which saves the input), not to the Swift runtime's backtracer.
export SWIFT_BACKTRACE=enable=no

fuzz() { # target
  local target=$1 corpus="$out/corpus/$1" log="$out/$1.log"
  mkdir -p "$corpus"
  local seeds=(Fuzz/Corpus/"$target")
  [ "$target" = model ] && seeds+=(Tests/Fixtures/model-format-v1)
  RECO_FUZZ_TARGET=$target "$binary" "$corpus" "${seeds[@]}" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -seed="${RECO_FUZZ_SEED:-0}" -print_final_stats=1 -artifact_prefix="$out/$target-" \
    >"$log" 2>&1
  local code=$?
  local runs rate cov size
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  cov=$(grep -oE "cov: [0-9]+" "$log" | tail -1)
  size=$(find "$corpus" -type f | wc -l)
  if [ "$code" = 0 ]; then
    echo "$target: ${runs:-?} inputs in ${seconds} s (${rate:-?}/s), $cov, corpus $size files: no crash, hang or leak"
  else
    echo "$target: FAILED (exit $code) after ${runs:-?} inputs; log $log"
    grep -E -A8 "ERROR: |SUMMARY: |Test unit written" "$log" | head -30
  fi
  return $code
}

status=0
if [ "$which" = all ]; then
  pids=()
  for target in "${targets[@]}"; do
    fuzz "$target" &
    pids+=($!)
    if [ "${#pids[@]}" -ge "$parallel" ]; then
      wait "${pids[0]}" || status=1
      pids=("${pids[@]:1}")
    fi
  done
  for pid in "${pids[@]}"; do wait "$pid" || status=1; done
else
  fuzz "$which" || status=1
fi
exit $status
