#!/usr/bin/env bash
# The 5-fold table of every rating model: `reco evaluate --folds 5 --seed 42` (Surprise's folds of the
# same file) on MovieLens 100k, one model after another, printed as a Markdown table.
#
#   bash Benchmarks/accuracy.sh [DATA]      DATA defaults to ../shared/data/ml-100k
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/ml-100k}
swift build -c release --product reco --quiet >/dev/null
reco=.build/release/reco
echo "| model | RMSE mean ± std | folds 1–5 | MAE | fit s a fold | predict s a fold |"
echo "| --- | --- | --- | --- | --- | --- |"
while IFS='|' read -r name options; do
  # shellcheck disable=SC2086
  $reco evaluate --data "$data" $options --folds 5 --seed 42 --quiet --format csv |
    awk -F, -v name="$name" '
      NR > 1 && $1 != "mean" && $1 != "std" { folds = folds sprintf("%s%.4f", folds == "" ? "" : " ", $2) }
      $1 == "mean" { rmse = $2; mae = $3; fit = $4; predict = $5 }
      $1 == "std" { std = $2 }
      END { printf "| %s | %.4f ± %.4f | %s | %.4f | %.3f | %.3f |\n", name, rmse, std, folds, mae, fit, predict }'
done <<'MODELS'
global-mean|--model global-mean
content-based|--model content-based
matrix-factorization|--model matrix-factorization
hybrid (squared)|--model hybrid
baseline|--model baseline
biased-mf|--model biased-mf
svd++|--model svd++
item-knn|--model item-knn
als (rank 50)|--model als --factors 50
--preset best|--preset best
MODELS
