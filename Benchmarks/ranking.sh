#!/usr/bin/env bash
# Rating models that rank (docs: README "Which model", BENCHMARKS.md "Rating models that rank"): for
# biased-mf, svd++ and the hybrid with squared loss, on MovieLens 100k —
#   1. NDCG@10 on the per-user 20% holdout (seed 42) of their default lists (ranked by interest)
#      and of the same model's lists ranked by rating, with the held-out RMSE (the same: the ranker
#      moves no prediction);
#   2. fold-in: how many of the top 10 of a new user who gave five science-fiction films 5 stars
#      are science fiction, ranked each way;
#   3. fit time on the split's training ratings with the ranker (the default) against
#      `--param ranker=none`, alternated 5 times.
# Exits 1 when a default list scores below NDCG@10 0.35 or a fold-in has fewer than 7 films of
# science fiction.
#
#   bash Benchmarks/ranking.sh [DATA]      DATA defaults to ../shared/data/ml-100k
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/ml-100k}
swift build -c release --product reco --quiet >/dev/null
reco=.build/release/reco
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$reco split --data "$data" --method per-user --fraction 0.2 --seed 42 --out "$work" >/dev/null
films="Star Trek: The Wrath of Khan (1982);Star Trek: First Contact (1996);2001: A Space Odyssey (1968);Alien (1979);Blade Runner (1982)"
status=0
# The ids of the films whose genres include Sci-Fi.
awk -F'\t' 'NR > 1 && $4 ~ /Sci-Fi/ { print $1 }' "$data/ml-100k.item" > "$work/scifi.txt"

seconds() { # the fit seconds on the split's training ratings
  $reco evaluate --train "$work/per-user.train.tsv" --test "$work/per-user.test.tsv" --data "$data" "$@" \
    --metrics rmse --format csv --quiet | awk -F, '$1 == "mean" { print $3 }'
}

echo "| model | NDCG@10 by interest (default) | NDCG@10 by rating | held-out RMSE | sci-fi in fold-in top 10, interest · rating | fit s with ranker · without (median of 5) | ratio |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for model in biased-mf svd++ hybrid; do
  ndcg() {
    $reco evaluate --train "$work/per-user.train.tsv" --test "$work/per-user.test.tsv" --data "$data" --model "$model" \
      --seed 42 --metrics ndcg@10,rmse --format csv --quiet "$@" | awk -F, '$1 == "mean" { print $2, $3 }'
  }
  read -r interest rmse <<<"$(ndcg)"
  read -r rating rmse_rating <<<"$(ndcg --rank-by rating)"
  [ "$rmse" = "$rmse_rating" ] || { echo "$model: the ranker moved the RMSE ($rmse, $rmse_rating)" >&2; status=1; }
  $reco train --quiet --data "$data" --model "$model" --out "$work/$model.reco" >/dev/null
  count() {
    $reco recommend --model "$work/$model.reco" --items "$films" --format csv "$@" | tail -n +2 | cut -d, -f2 |
      grep -cxFf "$work/scifi.txt" || true
  }
  scifi=$(count)
  scifi_rating=$(count --rank-by rating)
  with=() without=()
  for _ in 1 2 3 4 5; do
    with+=("$(seconds --model "$model")")
    without+=("$(seconds --model "$model" --param ranker=none)")
  done
  median() { printf '%s\n' "$@" | sort -g | sed -n 3p; }
  a=$(median "${with[@]}") b=$(median "${without[@]}")
  printf '| %s | %.4f | %.4f | %.4f | %s · %s | %.3f · %.3f | %.2f× |\n' "$model" "$interest" "$rating" "$rmse" \
    "$scifi" "$scifi_rating" "$a" "$b" "$(echo "$a / $b" | bc -l)"
  awk -v v="$interest" 'BEGIN { exit !(v < 0.35) }' && { echo "$model: NDCG@10 $interest < 0.35" >&2; status=1; }
  [ "$scifi" -ge 7 ] || { echo "$model: $scifi science-fiction films in the fold-in top 10 (< 7)" >&2; status=1; }
done
exit $status
