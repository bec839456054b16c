#!/usr/bin/env bash
# Reco at scale: 10 million synthetic ratings (70,000 users × 10,000 items, rank 10, noise 0.5).
# Prints load time, fit time, held-out RMSE and peak memory of each run (GNU time's max RSS).
#   bash Benchmarks/scale.sh                         the default build (any x86-64)
#   RECO_TARGET_CPU=native bash Benchmarks/scale.sh  built for this CPU (AVX2 + FMA), in .build-native
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build${RECO_TARGET_CPU:+-$RECO_TARGET_CPU}
swift build -c release --product reco --scratch-path "$scratch" >/dev/null
reco=$scratch/release/reco
data=Benchmarks/out/synthetic-10m.tsv
mkdir -p Benchmarks/out
if [ ! -f "$data" ]; then
  $reco generate --users 70000 --items 10000 --ratings 10000000 --rank 10 --noise 0.5 --seed 42 --out "$data"
fi
echo "== load (reco stats)"
/usr/bin/time -f "load + stats: %e s wall, peak %M KB" $reco stats --data "$data" >/dev/null
for model in "biased-mf --factors 100 --epochs 20" "als --factors 10 --epochs 10"; do
  echo "== $model (1% held out)"
  /usr/bin/time -f "whole run: %e s wall, peak %M KB" \
    $reco evaluate --data "$data" --model $model --holdout 0.01 --seed 42 --quiet --format csv | sed -n '1,2p'
done

echo "== implicit-als, 64 factors, 15 iterations, on all 10M interactions (reco train)"
/usr/bin/time -f "whole run: %e s wall, peak %M KB" $reco train --data "$data" --model implicit-als --quiet --out Benchmarks/out/synthetic-10m-implicit.reco
python=Benchmarks/peers/.venv/bin/python
if [ -x "$python" ]; then
  echo "== implicit 0.7.3 AlternatingLeastSquares, same settings and file"
  /usr/bin/time -f "whole run: %e s wall, peak %M KB" $python Benchmarks/peers/topn_peer.py implicit-als-fit "$data"
fi
