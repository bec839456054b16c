#!/usr/bin/env bash
# Contract and fuzz testing of `reco serve` with schemathesis: every operation of docs/openapi.yaml
# against a live server on loopback, every check (no 5xx, status codes, content types, headers and
# bodies conform to the document, bad input refused, good input accepted, 405 for undeclared
# methods, auth enforced), and stateful runs along the document's links (post a rating or a user,
# then read them back).
#
# Usage: bash Benchmarks/fuzz-api.sh [EXAMPLES per operation, default 200] [SECONDS at most, default 900]
#
# The served model is a hybrid over MovieLens 100k with item and user features (so posted items and
# users are served), or over `reco generate` data when MovieLens is absent. Exits 1 on any failure;
# the JUnit report and the server's log are in Benchmarks/out/fuzz-api.
set -uo pipefail
cd "$(dirname "$0")/.."
examples=${1:-200}
budget=${2:-900}
data=${RECO_MOVIELENS:-../shared/data/ml-100k}
out=Benchmarks/out/fuzz-api
venv=Benchmarks/out/schemathesis-venv
mkdir -p "$out"

if [ ! -x "$venv/bin/schemathesis" ]; then
  echo "== installing schemathesis into $venv"
  python3 -m venv "$venv" && "$venv/bin/pip" install -q "schemathesis==4.32.5" || exit 1
fi
reco=.build/release/reco
source Benchmarks/start-server.sh
swift build -c release --product reco >"$out/build.log" 2>&1 || { tail -20 "$out/build.log"; exit 1; }

rm -f "$out"/reco.sqlite*
if [ -d "$data" ]; then
  $reco train --data "$data" --release-years --preset hybrid-new-users --out "$out/model.reco" --quiet || exit 1
  import=(--import "$data")
else
  $reco generate --users 300 --items 200 --ratings 6000 --seed 42 --out "$out/ratings.tsv" >/dev/null || exit 1
  $reco train --data "$out/ratings.tsv" --model biased-mf --out "$out/model.reco" --quiet || exit 1
  import=()
fi
token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
echo "$token" >"$out/token"
start_server "$out/server.log" --model "$out/model.reco" --db "$out/reco.sqlite" "${import[@]}" --token-file "$out/token"
url=http://127.0.0.1:$port

# The document the server answers is the one tested.
if ! curl -sf "$url/openapi.yaml" | cmp -s - docs/openapi.yaml; then
  echo "GET /openapi.yaml differs from docs/openapi.yaml"
  exit 1
fi

echo "== schemathesis: every operation, up to $examples examples each, at most $budget s ($url)"
start=$SECONDS
"$venv/bin/schemathesis" --config-file Benchmarks/schemathesis.toml run docs/openapi.yaml --url "$url" \
  -H "Authorization: Bearer $token" --checks all --max-examples "$examples" --max-time "$budget" --seed 42 \
  --workers 1 --report junit --report-dir "$out" >"$out/schemathesis.log" 2>&1
code=$?
sed -n '/^=* SUMMARY =*$/,$p' "$out/schemathesis.log"
if ! kill -0 $server 2>/dev/null; then
  echo "the server died during the run:"
  tail -20 "$out/server.log"
  code=1
fi
echo "schemathesis exit $code after $((SECONDS - start)) s; log $out/schemathesis.log"
[ "$code" = 0 ] || sed -n '/^=* FAILURES =*$/,/^=* SUMMARY =*$/p' "$out/schemathesis.log" | head -80
exit $code
