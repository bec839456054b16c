#!/usr/bin/env bash
# Train on Spark, serve from Reco (docs/scale-out.md): the round trip reco export-spark →
# spark/reco_als.py (pyspark, --master local[2]) → reco import-spark, checked against Spark's own answers.
#
#   bash Benchmarks/spark.sh [DATA]          synthetic round trip, then MovieLens 100k (DATA, default
#                                            ../shared/data/ml-100k): explicit fold 1 and implicit per-user
#   bash Benchmarks/spark.sh scale [RATINGS] RATINGS synthetic ratings (default 10,000,000): each step timed
#
# Checks (exit 1 when one fails): the imported model's predictions equal Spark's transform within 1e-5
# and so does the RMSE; ≥ 99% of top-10 lists equal recommendForAllUsers(10), ties aside; fold-in of a
# trained user's ratings gives the user's own list (Spark's last half-step is the user solve); with
# --implicit, Reco's NDCG@10 from the imported factors equals the NDCG@10 of Spark's recommendations,
# both by `reco evaluate`; Reco's own als with Spark's hyperparameters within 0.002 RMSE of Spark's;
# --from-model converts Spark's saved ALSModel to the same model; the imported model serves over HTTP.
#
# pyspark comes from RECO_SPARK_PYTHON, Benchmarks/peers/.venv, or a venv made in Benchmarks/out.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=check
if [ "${1:-}" = scale ]; then
  mode=scale
  shift
fi
out=Benchmarks/out/spark
mkdir -p "$out"
reco=.build/release/reco
source Benchmarks/start-server.sh
[ -x "$reco" ] || swift build -c release --product reco >/dev/null
compare="python3 Benchmarks/compare_spark.py"

if ! java -version >/dev/null 2>&1; then
  echo "== installing openjdk-17-jre-headless (Spark needs Java)"
  apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
python=${RECO_SPARK_PYTHON:-}
if [ -z "$python" ] && Benchmarks/peers/.venv/bin/python -c "import pyspark" 2>/dev/null; then
  python=Benchmarks/peers/.venv/bin/python
fi
if [ -z "$python" ]; then
  venv=Benchmarks/out/spark-venv
  if ! "$venv/bin/python" -c "import pyspark, numpy" 2>/dev/null; then
    echo "== installing pyspark into $venv"
    python3 -m venv "$venv"
    # pyspark.ml imports NumPy.
    "$venv/bin/pip" install -q "$(grep '^pyspark==' Benchmarks/peers/requirements.txt)" numpy==2.4.6
  fi
  python=$venv/bin/python
fi
# Quiet, and sized for one small box: no console progress, few shuffle partitions.
export PYSPARK_SUBMIT_ARGS="--conf spark.ui.showConsoleProgress=false --conf spark.sql.shuffle.partitions=8 --driver-memory 6g pyspark-shell"

spark() { # spark NAME ARGS...: runs reco_als.py, its log in $out/NAME.log
  local name=$1
  shift
  if ! "$python" spark/reco_als.py --master 'local[2]' "$@" >"$out/$name.log" 2>&1; then
    grep -v '^\s*at ' "$out/$name.log" | tail -20
    exit 1
  fi
  grep -E '^(Spark RMSE|ALS rank)' "$out/$name.log"
}

seconds() { python3 -c "import time; print(f'{time.time():.3f}')"; }

explicit_round_trip() { # NAME EXPORT ARGS...: train, import, compare predictions, lists and fold-in
  local name=$1 export=$2
  shift 2
  spark "$name" --input "$export" --output "$out/$name" --predictions --recommend 10 "$@"
  $reco import-spark "$out/$name" --out "$out/$name.reco"
  $compare pairs "$export" "$out/$name" "$out/$name.pairs.tsv"
  $reco predict --model "$out/$name.reco" --unclipped --input "$out/$name.pairs.tsv" >"$out/$name.predictions.tsv"
  $compare predictions "$export" "$out/$name" "$out/$name.predictions.tsv"
  $reco recommend --model "$out/$name.reco" --all-users --include-rated --count 10 --rank-by rating \
    >"$out/$name.lists.tsv" 2>/dev/null
  $compare lists "$export" "$out/$name" "$out/$name.lists.tsv"
  $compare foldin "$reco" "$out/$name.reco" "$export" 20
}

if [ "$mode" = scale ]; then
  ratings=${1:-10000000}
  users=$((ratings / 140))
  items=$((ratings / 1000 > 2000 ? ratings / 1000 : 2000))
  data=$out/scale-$ratings.tsv
  [ -f "$data" ] || $reco generate --users $users --items $items --ratings "$ratings" --seed 42 --out "$data" >/dev/null
  echo "== $ratings synthetic ratings ($users users, $items items), Spark local[2], rank 10, 10 iterations"
  start=$(seconds)
  $reco export-spark --data "$data" --out "$out/scale-export"
  middle=$(seconds)
  spark scale --input "$out/scale-export" --output "$out/scale-als" --rank 10 --maxIter 10 --regParam 0.05
  trained=$(seconds)
  $reco import-spark "$out/scale-als" --out "$out/scale.reco"
  imported=$(seconds)
  $reco recommend --model "$out/scale.reco" --user "$(sed -n '2s/^[0-9]*,//p' "$out/scale-export/users.csv")" \
    --count 10 >/dev/null
  first=$(seconds)
  python3 - "$start" "$middle" "$trained" "$imported" "$first" "$out/scale-als/manifest.json" <<'EOF'
import json, sys
start, middle, trained, imported, first = map(float, sys.argv[1:6])
fit = json.load(open(sys.argv[6]))["fit_seconds"]
print(f"export {middle - start:.1f} s; Spark job {trained - middle:.1f} s (ALS fit {fit:.1f} s); "
      f"import {imported - trained:.1f} s; first recommendation (reads the model file) {first - imported:.2f} s")
EOF
  ls -l "$out/scale.reco" | awk '{ printf "model file %.0f MiB\n", $5 / 1048576 }'
  exit 0
fi

data=${1:-../shared/data/ml-100k}

echo "== synthetic round trip: 2,000 users, 500 items, 40,000 ratings, rank 8, 10 iterations"
$reco generate --users 2000 --items 500 --ratings 40000 --seed 7 --out "$out/synthetic.tsv" >/dev/null
$reco export-spark --data "$out/synthetic.tsv" --holdout 0.2 --seed 7 --out "$out/synthetic-export"
explicit_round_trip synthetic "$out/synthetic-export" --rank 8 --maxIter 10 --regParam 0.05 --seed 7
echo "-- --from-model: Spark's saved ALSModel converted again gives the same model"
spark synthetic-converted --input "$out/synthetic-export" --output "$out/synthetic-converted" \
  --from-model "$out/synthetic/model" --regParam 0.05 --maxIter 10 --seed 7
$reco import-spark "$out/synthetic-converted" --out "$out/synthetic-converted.reco"
$reco predict --model "$out/synthetic-converted.reco" --unclipped --input "$out/synthetic.pairs.tsv" \
  >"$out/synthetic-converted.predictions.tsv"
cmp "$out/synthetic.predictions.tsv" "$out/synthetic-converted.predictions.tsv"
echo "converted model: the same $(wc -l <"$out/synthetic.pairs.tsv") predictions, byte for byte"

if [ ! -d "$data" ]; then
  if [ "${RECO_REQUIRE_DATA:-}" = 1 ]; then
    echo "no MovieLens at $data"
    exit 1
  fi
  echo "no MovieLens at $data: the MovieLens checks are skipped"
  exit 0
fi

echo "== MovieLens 100k fold 1 of 5 (seed 42): explicit, rank 50, regParam 0.1, 20 iterations, seed 42"
$reco export-spark --data "$data" --folds 5 --fold 1 --seed 42 --out "$out/ml-export"
explicit_round_trip ml "$out/ml-export" --rank 50 --regParam 0.1 --maxIter 20 --seed 42
$reco split --data "$data" --method kfold --folds 5 --seed 42 --out "$out/splits" >/dev/null
start=$(seconds)
$reco train --data "$out/splits/fold-1.train.tsv" --model als --param factors=50 --param regularization=0.1 \
  --param epochs=20 --seed 42 --out "$out/ml-own.reco" >/dev/null 2>&1
reco_fit=$(python3 -c "print(f'{$(seconds) - $start:.2f}')")
$reco predict --model "$out/ml-own.reco" --unclipped --input "$out/ml.pairs.tsv" >"$out/ml-own.predictions.tsv"
own=$($compare rmse "$out/ml-export" "$out/ml" "$out/ml-own.predictions.tsv")
python3 - "$own" "$reco_fit" "$out/ml/manifest.json" <<'EOF'
import json, sys
own, reco_fit = float(sys.argv[1]), float(sys.argv[2])
manifest = json.load(open(sys.argv[3]))
spark, spark_fit = manifest["test_rmse"], manifest["fit_seconds"]
print(f"Reco's own als, same hyperparameters and pairs: RMSE {own:.6f} against Spark's {spark:.6f} "
      f"(difference {own - spark:+.6f}); fit {reco_fit:.2f} s (reco train, whole command) against Spark's "
      f"{spark_fit:.1f} s (ALS.fit, local[2]): {spark_fit / reco_fit:.0f}× faster")
sys.exit(0 if abs(own - spark) <= 0.002 else 1)
EOF
$reco explain --model "$out/ml.reco" --user 196 --item 50 >/dev/null
echo "explanations of the imported model: reco explain answers"

echo "== MovieLens 100k per-user 20% (seed 42): implicit, alpha 1, rank 50, regParam 0.01, 15 iterations"
$reco export-spark --data "$data" --per-user 0.2 --seed 42 --out "$out/mli-export"
$reco split --data "$data" --method per-user --fraction 0.2 --seed 42 --out "$out/splits" >/dev/null
spark mli --input "$out/mli-export" --output "$out/mli" --implicit --alpha 1 --rank 50 --regParam 0.01 --maxIter 15 \
  --seed 42 --recommend 10 --exclude-seen
$reco import-spark "$out/mli" --out "$out/mli.reco"
$reco recommend --model "$out/mli.reco" --all-users --count 10 >"$out/mli.lists.tsv" 2>/dev/null
$compare lists "$out/mli-export" "$out/mli" "$out/mli.lists.tsv" "$out/mli.spark-lists.tsv"
$compare foldin "$reco" "$out/mli.reco" "$out/mli-export" 20
ndcg() { "$reco" evaluate --model-file "$out/mli.reco" --test "$out/splits/per-user.test.tsv" --metrics ndcg@10 \
  --format csv "$@" | awk -F, '$1 == "test" { print $2 }'; }
ours=$(ndcg)
theirs=$(ndcg --lists "$out/mli.spark-lists.tsv")
python3 - "$ours" "$theirs" <<'EOF'
import sys
ours, theirs = map(float, sys.argv[1:])
print(f"NDCG@10 (reco evaluate): imported factors {ours:.6f}, Spark's recommendForAllUsers {theirs:.6f} "
      f"(difference {abs(ours - theirs):.1e})")
sys.exit(0 if abs(ours - theirs) <= 1e-6 else 1)
EOF

echo "== the imported model served over HTTP"
token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
echo "$token" >"$out/token"
rm -f "$out/serve.sqlite"*
start_server "$out/serve.log" --model "$out/ml.reco" --db "$out/serve.sqlite" --token-file "$out/token"
served=$(curl -sf "http://127.0.0.1:$port/v1/users/196/recommendations?count=10" |
  python3 -c "import json, sys; print(','.join(e['id'] for e in json.load(sys.stdin)['items']))")
cli=$($reco recommend --model "$out/ml.reco" --user 196 --count 10 --format json |
  python3 -c "import json, sys; print(','.join(e['id'] for e in json.load(sys.stdin)['items']))")
[ "$served" = "$cli" ] || { echo "served $served, reco recommend $cli"; exit 1; }
echo "GET /v1/users/196/recommendations answers reco recommend's list: $served"
echo "Spark round trip passed"
