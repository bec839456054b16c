#!/usr/bin/env python3
"""Reco's implicit-als explanations against implicit's `AlternatingLeastSquares.explain` on the same
factors.

Trains `implicit-als` with Reco on MovieLens 100k (defaults: 64 factors, λ 0.05, confidence
c = 1 + α with α = 1 for every interaction), exports its factors with `reco inspect
--export-factors`, loads them into implicit, and for 100 seeded (user, item) pairs compares each
rated item's term (Hu, Koren & Volinsky §5) between `reco explain --format json` and implicit.
implicit takes the confidence as the data of `user_items`, so it gets 1 + α.

    Benchmarks/peers/.venv/bin/python Benchmarks/compare_explain.py [--data ../shared/data/ml-100k]
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

import numpy as np
import scipy.sparse as sp
from implicit.cpu.als import AlternatingLeastSquares

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "ml-100k"))
    parser.add_argument("--pairs", type=int, default=100)
    arguments = parser.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--product", "reco", "--quiet"], cwd=ROOT, check=True)
    reco = os.path.join(ROOT, ".build", "release", "reco")
    work = tempfile.mkdtemp()
    model = os.path.join(work, "implicit.reco")
    subprocess.run([reco, "train", "--quiet", "--data", arguments.data, "--model", "implicit-als", "--out", model],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([reco, "inspect", model, "--export-factors", work], check=True, stdout=subprocess.DEVNULL)

    def read(name):
        ids, rows = [], []
        with open(os.path.join(work, name)) as handle:
            for line in handle:
                fields = line.rstrip("\n").split("\t")
                ids.append(fields[0])
                rows.append([float(v) for v in fields[1:]])
        return ids, np.array(rows, dtype=np.float32)

    user_ids, user_factors = read("user-factors.tsv")
    item_ids, item_factors = read("item-factors.tsv")
    user_index = {u: i for i, u in enumerate(user_ids)}
    item_index = {i: j for j, i in enumerate(item_ids)}
    inter = [f for f in os.listdir(arguments.data) if f.endswith(".inter")][0]
    rows, columns = [], []
    with open(os.path.join(arguments.data, inter)) as handle:
        next(handle)
        for line in handle:
            fields = line.split("\t")
            rows.append(user_index[fields[0]])
            columns.append(item_index[fields[1]])
    alpha = 1.0
    confidence = np.full(len(rows), 1 + alpha, dtype=np.float32)
    user_items = sp.csr_matrix((confidence, (rows, columns)), shape=(len(user_ids), len(item_ids)))

    peer = AlternatingLeastSquares(factors=item_factors.shape[1], regularization=0.05, alpha=1.0)
    peer.user_factors = user_factors
    peer.item_factors = item_factors

    generator = random.Random(42)
    worst = 0.0
    worst_total = 0.0
    largest = 0.0
    compared = 0
    for _ in range(arguments.pairs):
        user = generator.randrange(len(user_ids))
        item = generator.randrange(len(item_ids))
        output = subprocess.run(
            [reco, "explain", "--model", model, "--user", user_ids[user], "--item", item_ids[item], "--format", "json"],
            check=True, capture_output=True, text=True).stdout
        ours = {t["item"]: t["contribution"] for t in json.loads(output)["terms"] if t["kind"] == "rated-item"}
        total, theirs, _ = peer.explain(user, user_items, item, N=user_items[user].nnz)
        for other, contribution in theirs:
            worst = max(worst, abs(ours.get(item_ids[other], 0.0) - contribution))
            largest = max(largest, abs(contribution))
            compared += 1
        worst_total = max(worst_total, abs(sum(ours.values()) - total))
    print(f"{arguments.pairs} pairs, {compared} rated-item terms compared with implicit "
          f"{sys.modules['implicit'].__version__}")
    print(f"largest |implicit term|: {largest:.3f}; largest |Reco term − implicit term|: {worst:.2e}")
    print(f"largest |Σ Reco rated-item terms − implicit total_score|: {worst_total:.2e}")
    sys.exit(0 if worst <= 1e-3 else 1)


if __name__ == "__main__":
    main()
