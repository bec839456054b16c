#!/usr/bin/env python3
"""Reco's rating models against Surprise and Spark ML on the very same split files.

    python3 Benchmarks/compare_rating.py [--data ../shared/data/ml-100k] [--folds 5] [--spark-folds 5]
                                         [--models biased-mf,als] [--target-cpu haswell]

Builds `reco` in release mode, writes 5-fold splits (seed 42) with `reco split`, installs the peers
into Benchmarks/peers/.venv (pip), then trains every model on every fold in its own process and
prints fit time, predict time, peak memory (max RSS of the process) and RMSE side by side, with the
Reco/peer ratios. Results also go to Benchmarks/out/rating-results.json.
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Benchmarks" / "out"
VENV = ROOT / "Benchmarks" / "peers" / ".venv"
RECO = ROOT / ".build" / "release" / "reco"

# (Reco model and parameters, peer model, peer options)
PAIRS = [
    ("baseline", [], "baselineonly", []),
    ("biased-mf", [], "svd", []),
    ("svd++", [], "svdpp", []),
    ("item-knn", [], "knnbaseline", []),
    ("als", ["--factors", "50", "--epochs", "20"], "spark-als", ["--rank", "50", "--iterations", "20"]),
]


def run(command):
    """Runs a command in its own process; returns (stdout, peak RSS in MiB)."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout = process.stdout.read()
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{stderr[-2000:]}")
    return stdout, usage.ru_maxrss / 1024


def ensure_peers():
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
    subprocess.check_call([str(python), "-m", "pip", "install", "-q", "-r", str(ROOT / "Benchmarks" / "peers" / "requirements.txt")])
    return python


def mean(values):
    return sum(values) / len(values) if values else float("nan")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "ml-100k"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--spark-folds", type=int, default=5, help="Spark needs ~45 s a fold; run it on fewer")
    parser.add_argument("--models", default=",".join(p[0] for p in PAIRS))
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--target-cpu", help="build Reco for this CPU (RECO_TARGET_CPU, e.g. native: AVX2 + FMA) "
                        "in .build-CPU; the default build targets any x86-64")
    args = parser.parse_args()

    global RECO
    build = ["swift", "build", "-c", "release", "--product", "reco"]
    environment = dict(os.environ)
    if args.target_cpu:
        scratch = ROOT / f".build-{args.target_cpu}"
        build += ["--scratch-path", str(scratch)]
        environment["RECO_TARGET_CPU"] = args.target_cpu
        RECO = scratch / "release" / "reco"
    subprocess.check_call(build, cwd=ROOT, env=environment)
    splits = OUT / "ml-100k-splits"
    subprocess.check_call([str(RECO), "split", "--data", args.data, "--method", "kfold", "--folds", "5", "--seed", "42",
                           "--out", str(splits)], stdout=subprocess.DEVNULL)
    python = None if args.no_peers else ensure_peers()
    wanted = args.models.split(",")
    results = []
    for reco_model, reco_options, peer, peer_options in PAIRS:
        if reco_model not in wanted:
            continue
        row = {"reco_model": reco_model, "peer": peer, "reco": [], "peer_runs": []}
        for fold in range(1, args.folds + 1):
            train = splits / f"fold-{fold}.train.tsv"
            test = splits / f"fold-{fold}.test.tsv"
            output, peak = run([str(RECO), "evaluate", "--train", str(train), "--test", str(test), "--model", reco_model,
                                "--seed", "42", "--format", "json", "--quiet", *reco_options])
            report = json.loads(output)["folds"][0]
            row["reco"].append({"rmse": report["rmse"], "fit_seconds": report["fit_seconds"],
                                "predict_seconds": report["predict_seconds"], "peak_mib": peak})
            print(f"reco {reco_model} fold {fold}: rmse {report['rmse']:.4f} fit {report['fit_seconds']:.3f}s", file=sys.stderr)
            if python and (peer != "spark-als" or fold <= args.spark_folds):
                output, peak = run([str(python), str(ROOT / "Benchmarks" / "peers" / "rating_peer.py"), peer, str(train), str(test), *peer_options])
                result = json.loads(output.strip().splitlines()[-1])
                result["peak_mib"] = peak
                row["peer_runs"].append(result)
                print(f"peer {peer} fold {fold}: rmse {result['rmse']:.4f} fit {result['fit_seconds']:.3f}s", file=sys.stderr)
        results.append(row)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "rating-results.json").write_text(json.dumps(results, indent=2))

    header = ["Reco model", "RMSE", "fit s", "predict s", "peak MiB", "peer", "RMSE", "fit s", "predict s", "peak MiB", "fit speed-up", "fit+predict speed-up"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in results:
        r = row["reco"]
        p = row["peer_runs"]
        reco_fit, peer_fit = mean([x["fit_seconds"] for x in r]), mean([x["fit_seconds"] for x in p])
        reco_all = reco_fit + mean([x["predict_seconds"] for x in r])
        peer_all = peer_fit + mean([x["predict_seconds"] for x in p])
        cells = [row["reco_model"], f"{mean([x['rmse'] for x in r]):.4f}", f"{reco_fit:.3f}",
                 f"{mean([x['predict_seconds'] for x in r]):.3f}", f"{max(x['peak_mib'] for x in r):.0f}"]
        if p:
            cells += [f"{row['peer']} ({len(p)} folds)", f"{mean([x['rmse'] for x in p]):.4f}", f"{peer_fit:.3f}",
                      f"{mean([x['predict_seconds'] for x in p]):.3f}", f"{max(x['peak_mib'] for x in p):.0f}",
                      f"{peer_fit / reco_fit:.1f}×", f"{peer_all / reco_all:.1f}×"]
        else:
            cells += [row["peer"], "", "", "", "", "", ""]
        lines.append("| " + " | ".join(cells) + " |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
