#!/usr/bin/env bash
# Explanations of every registered model on MovieLens 100k: each model (listed by `reco models`, so
# a new one is covered the day it is registered) is trained with its defaults and audited by
# `reco explain --audit 1000` — 1,000 seeded (user, item) pairs whose terms must add up to the
# score within 1e-4 of its scale, and the time one explanation and a top 10 with reasons take.
# Exits 1 when any sum is off. CI runs it on the release build.
#
#   bash Benchmarks/explain.sh [DATA]      DATA defaults to ../shared/data/ml-100k
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/ml-100k}
swift build -c release --product reco --quiet >/dev/null
reco=.build/release/reco
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
models=$($reco models --format json | python3 -c 'import json, sys; print(" ".join(m["name"] for m in json.load(sys.stdin)))')
status=0
echo "| model | pairs off | worst gap / scale | one explanation (mean · p99) | top 10 with reasons (mean · p99) |"
echo "| --- | --- | --- | --- | --- |"
for model in $models; do
  $reco train --quiet --data "$data" --model "$model" --out "$work/$model.reco" >/dev/null
  if ! $reco explain --model "$work/$model.reco" --audit 1000 > "$work/$model.txt"; then status=1; fi
  awk -v name="$model" '
    /^pairs:/ { off = $NF }
    /^worst/ { gap = $NF }
    /^one explanation:/ { one = $4 " · " $7 " ms" }
    /^top 10/ { top = $(NF - 7) " · " $(NF - 4) " ms" }
    END { printf "| %s | %s | %.1e | %s | %s |\n", name, off, gap, one, top }' "$work/$model.txt"
done
exit $status
