#!/usr/bin/env bash
# Load benchmark of `reco serve` on loopback with wrk (Debian's package): recommendations for
# random known users of a MovieLens 100k biased-mf model, the same with explain=true (three reasons
# under each item), then ingestion in batches of 500.
# Usage: bash Benchmarks/serve.sh [seconds per run, default 20] [path to ml-100k]
# RECO_TRAIN_ARGS adds arguments to the model's `reco train` (e.g. "--param ranker=none" to serve
# lists by rating, for an A/B against the default lists by interest).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
data=${2:-../shared/data/ml-100k}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
swift build -c release --product reco >/dev/null
reco=.build/release/reco
out=Benchmarks/out/serve
rm -rf "$out" && mkdir -p "$out"
# shellcheck disable=SC2086
$reco train --data "$data" --model biased-mf ${RECO_TRAIN_ARGS:-} --out "$out/model.reco" --quiet >/dev/null
head -c 24 /dev/urandom | base64 > "$out/token"
export RECO_TOKEN=$(cat "$out/token")
port=18080
$reco serve --model "$out/model.reco" --db "$out/reco.sqlite" --import "$data" --port $port --token-file "$out/token" > "$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do grep -q "Listening" "$out/server.log" && break; sleep 0.1; done
cat "$out/server.log"
url=http://127.0.0.1:$port
# wrk's output, then the server's CPU time (user + system, from /proc) per request answered: a figure
# that varies less than latency on a shared 2-core machine, where wrk takes part of a core.
load() {
  local ticks before after result
  ticks=$(getconf CLK_TCK)
  before=$(awk '{print $14 + $15}' /proc/$server/stat)
  result=$(wrk "$@")
  after=$(awk '{print $14 + $15}' /proc/$server/stat)
  echo "$result"
  echo "$result" | awk -v t="$((after - before))" -v hz="$ticks" \
    '/requests in/ { printf "Server CPU per request: %.3f ms\n", t * 1000 / hz / $1 }'
}
curl -sf "$url/v1/users/1/recommendations?count=10" >/dev/null

echo "== recommendations: GET /v1/users/{random known user}/recommendations?count=10, ${seconds} s"
load -t1 -c16 -d"${seconds}s" --latency -s Benchmarks/serve/recommendations.lua "$url"

echo "== recommendations with reasons: GET /v1/users/{random known user}/recommendations?count=10&explain=true, ${seconds} s"
load -t1 -c16 -d"${seconds}s" --latency -s Benchmarks/serve/explained.lua "$url"
echo "== the same from 2 connections (below saturation), ${seconds} s"
load -t1 -c2 -d"${seconds}s" --latency -s Benchmarks/serve/explained.lua "$url"

echo "== ingestion: POST /v1/ratings, batches of 500 random ratings, ${seconds} s"
load -t1 -c4 -d"${seconds}s" --latency -s Benchmarks/serve/ratings.lua "$url"
curl -sf -H "Authorization: Bearer $RECO_TOKEN" "$url/v1/admin/status"; echo
kill -TERM $server; wait $server || true
echo "server stopped: $(tail -1 "$out/server.log")"
