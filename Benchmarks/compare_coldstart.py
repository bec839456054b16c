#!/usr/bin/env python3
"""Cold start and the hybrid: Reco's feature models against LightFM on the very same split files.

    python3 Benchmarks/compare_coldstart.py [--data ../shared/data/ml-100k]

Builds `reco`, writes three splits of MovieLens 100k with `reco split` (seed 42): cold items (20% of
the items held out with every rating they have), cold users (20% of the users likewise) and the
per-user 20% holdout (warm). Then, each model in its own process:
  - Reco: `reco evaluate --train --test --data` (features from --data: genres, optionally release-year
    buckets, user age group, gender and occupation), scoring the slice's protocol of docs/metrics.md;
  - LightFM (`lightfm-next`, WARP, 64 components, 30 epochs, 2 threads) with the same features,
    normalised per row as its documentation recommends, scored with the same protocol
    (Benchmarks/peers/coldstart_peer.py).
Prints one Markdown table (NDCG@10, RMSE where the model predicts ratings, fit seconds) and writes
Benchmarks/out/coldstart-results.json.
"""
import argparse
import json
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from compare_rating import OUT, RECO, ROOT, ensure_peers, run  # noqa: E402

# The hybrid trained to rank (`reco evaluate --help` lists the presets): WARP, LightFM's normalised rows, Adagrad
# at 0.05, 64 factors, λ 0.1; users by their own embedding only (demographics dilute a warm user's taste).
RANKING = ["--preset", "hybrid-ranking"]
# For new users the demographics are all there is: they stay, and weigh as much as the user's own part.
COLD_USERS = ["--preset", "hybrid-new-users"]

# (protocol, split, slice read from the report, label, reco arguments, with release years)
RECO_RUNS = [
    ("cold-items", "cold-items", "cold items", "hybrid (warp)", RANKING, False),
    ("cold-items", "cold-items", "cold items", "hybrid (squared)", ["--model", "hybrid"], False),
    ("cold-items", "cold-items", "cold items", "content-based", ["--model", "content-based"], False),
    ("cold-items", "cold-items", "cold items", "baseline (μ + b_u)", ["--model", "baseline"], False),
    ("cold-items", "cold-items", "cold items", "hybrid (warp), years", RANKING, True),
    ("cold-items", "cold-items", "cold items", "hybrid (squared), years", ["--model", "hybrid"], True),
    ("cold-items", "cold-items", "cold items", "content-based, years", ["--model", "content-based"], True),
    ("warm", "per-user", None, "hybrid (warp)", RANKING, False),
    ("cold-users", "cold-users", "cold users", "hybrid (warp)", COLD_USERS, False),
    ("cold-users", "cold-users", "cold users", "popularity", ["--model", "popularity"], False),
]
PEER_RUNS = [
    ("cold-items", "cold-items", "lightfm-warp (identity + genres)", []),
    ("cold-items", "cold-items", "lightfm-warp (genres only)", ["--no-identity"]),
    ("cold-items", "cold-items", "lightfm-warp (identity + genres + years)", ["--years"]),
    ("warm", "per-user", "lightfm-warp (identity + genres)", []),
    ("cold-users", "cold-users", "lightfm-warp (identity + demographics)", []),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "ml-100k"))
    args = parser.parse_args()
    subprocess.check_call(["swift", "build", "-c", "release", "--product", "reco"], cwd=ROOT)
    folders = {}
    for method, name in [("cold-items", "cold-items"), ("cold-users", "cold-users"), ("per-user", "per-user")]:
        folder = OUT / f"ml-100k-{method}"
        subprocess.check_call([str(RECO), "split", "--data", args.data, "--method", method, "--fraction", "0.2", "--seed", "42",
                               "--out", str(folder)], stdout=subprocess.DEVNULL)
        folders[name] = (folder / f"{name}.train.tsv", folder / f"{name}.test.tsv")
    python = ensure_peers()
    rows = []
    for protocol, split, slice_name, label, options, years in RECO_RUNS:
        train, test = folders[split]
        command = [str(RECO), "evaluate", "--train", str(train), "--test", str(test), "--data", args.data, "--seed", "42",
                   "--metrics", "rmse,ndcg@10", "--format", "json", "--quiet", *options]
        if years:
            command.append("--release-years")
        output, peak = run(command)
        fold = json.loads(output)["folds"][0]
        part = fold if slice_name is None else next(s for s in fold["slices"] if s["slice"] == slice_name)
        predicts = "warp" not in label and label != "popularity"
        rows.append({"protocol": protocol, "library": "reco", "model": label, "ndcg@10": part["ndcg@10"],
                     "rmse": part["rmse"] if predicts else None, "fit_seconds": fold["fit_seconds"], "peak_mib": peak,
                     "lists_by": part.get("lists_by", "model")})
        print(f"reco {protocol} {label}: ndcg@10 {part['ndcg@10']:.4f}", file=sys.stderr)
    for protocol, split, label, options in PEER_RUNS:
        train, test = folders[split]
        output, peak = run([str(python), str(ROOT / "Benchmarks" / "peers" / "coldstart_peer.py"), protocol, str(train), str(test),
                            args.data, *options])
        result = json.loads(output.strip().splitlines()[-1])
        rows.append({"protocol": protocol, "library": "lightfm-next 1.19", "model": label, "ndcg@10": result["ndcg@10"],
                     "rmse": None, "fit_seconds": result["fit_seconds"], "peak_mib": peak, "lists_by": "model"})
        print(f"lightfm {protocol} {label}: ndcg@10 {result['ndcg@10']:.4f}", file=sys.stderr)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "coldstart-results.json").write_text(json.dumps(rows, indent=2))
    print("| protocol | library | model | NDCG@10 | RMSE | fit s | peak MiB |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        rmse = f"{row['rmse']:.4f}" if row["rmse"] is not None else "—"
        print(f"| {row['protocol']} | {row['library']} | {row['model']} | {row['ndcg@10']:.4f} | {rmse} | "
              f"{row['fit_seconds']:.2f} | {row['peak_mib']:.0f} |")


if __name__ == "__main__":
    main()
