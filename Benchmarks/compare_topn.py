#!/usr/bin/env python3
"""Reco's top-N models against `implicit` and LightFM on the very same per-user split.

    python3 Benchmarks/compare_topn.py [--data ../shared/data/ml-100k]

Builds `reco`, writes a per-user 20% holdout (seed 42) with `reco split`, installs `implicit` and `lightfm-next` into
Benchmarks/peers/.venv, then runs every model in its own process and prints precision, recall, NDCG
and MAP at 10, fit time and peak memory side by side. Results also go to
Benchmarks/out/topn-results.json.
"""
import argparse
import json
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from compare_rating import OUT, RECO, ROOT, ensure_peers, run  # noqa: E402

# (row name, `reco evaluate` arguments). Rating models rank by interest (their ranker) by default;
# the "by rating" rows are the same models ranked by their predicted stars alone.
RECO_MODELS = [
    ("popularity", ["--model", "popularity"]),
    ("implicit-als", ["--model", "implicit-als"]),
    ("bpr", ["--model", "bpr"]),
    ("implicit-knn", ["--model", "implicit-knn"]),
    ("ease", ["--model", "ease"]),
    ("biased-mf", ["--model", "biased-mf"]),
    ("biased-mf, by rating", ["--model", "biased-mf", "--rank-by", "rating"]),
    ("svd++", ["--model", "svd++"]),
    ("svd++, by rating", ["--model", "svd++", "--rank-by", "rating"]),
    ("hybrid (squared)", ["--model", "hybrid"]),
    ("hybrid (squared), by rating", ["--model", "hybrid", "--rank-by", "rating"]),
]
RATING_MODELS = {"biased-mf", "svd++", "hybrid"}
PEERS = ["implicit-als", "implicit-bpr", "lightfm-warp", "lightfm-warp-genres"]
METRICS = ["precision@10", "recall@10", "ndcg@10", "map@10"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "ml-100k"))
    args = parser.parse_args()
    subprocess.check_call(["swift", "build", "-c", "release", "--product", "reco"], cwd=ROOT)
    folder = OUT / "ml-100k-per-user"
    subprocess.check_call([str(RECO), "split", "--data", args.data, "--method", "per-user", "--fraction", "0.2", "--seed", "42",
                           "--out", str(folder)], stdout=subprocess.DEVNULL)
    train, test = folder / "per-user.train.tsv", folder / "per-user.test.tsv"
    python = ensure_peers()
    rows = []
    for name, arguments in RECO_MODELS:
        rates = arguments[1] in RATING_MODELS
        metrics = METRICS + (["rmse"] if rates else [])
        # --data gives the hybrid the genres and demographics (the split files are the ratings).
        features = ["--data", args.data] if arguments[1] == "hybrid" else []
        output, peak = run([str(RECO), "evaluate", "--train", str(train), "--test", str(test), *features, *arguments, "--seed", "42", "--metrics", ",".join(metrics), "--format", "json", "--quiet"])
        fold = json.loads(output)["folds"][0]
        rows.append({"library": "reco", "model": name, **{m: fold[m] for m in metrics},
                     "fit_seconds": fold["fit_seconds"], "peak_mib": peak})
    for model in PEERS:
        item_file = pathlib.Path(args.data) / "ml-100k.item"
        output, peak = run([str(python), str(ROOT / "Benchmarks" / "peers" / "topn_peer.py"), model, str(train), str(test), str(item_file)])
        result = json.loads(output.strip().splitlines()[-1])
        library = "lightfm-next 1.19" if model.startswith("lightfm") else "implicit 0.7.3"
        rows.append({"library": library, "model": model, **{m: result[m] for m in METRICS},
                     "fit_seconds": result["fit_seconds"], "peak_mib": peak})
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "topn-results.json").write_text(json.dumps(rows, indent=2))
    print("| library | model | " + " | ".join(METRICS) + " | held-out RMSE | fit s | peak MiB |")
    print("|---|---|" + "---|" * (len(METRICS) + 3))
    for row in rows:
        rmse = f"{row['rmse']:.4f}" if "rmse" in row else "—"
        cells = ([row["library"], row["model"]] + [f"{row[m]:.4f}" for m in METRICS]
                 + [rmse, f"{row['fit_seconds']:.3f}", f"{row['peak_mib']:.0f}"])
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
