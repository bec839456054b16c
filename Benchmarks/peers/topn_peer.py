"""Run one top-N peer on one split and print one JSON line.

    python topn_peer.py MODEL TRAIN.tsv TEST.tsv

MODEL: implicit-als (implicit's AlternatingLeastSquares: 64 factors, 15 iterations, λ 0.05, α 1),
implicit-bpr (implicit's BayesianPersonalizedRanking, its defaults), lightfm-warp (LightFM, WARP loss,
64 components, 30 epochs, 2 threads) or lightfm-warp-genres (the same with the items' genres from
the RecBole .item file given as a fourth argument). Every training rating is one
interaction. Metrics at k = 10 over all items the user did not interact with in training, averaged
over users with at least one held-out item — the definitions of Reco's docs/metrics.md.
"""
import json
import math
import sys
import time

import numpy as np
from scipy.sparse import csr_matrix


def read(path):
    rows = []
    with open(path) as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            rows.append((parts[0], parts[1]))
    return rows


def metrics(ranked, relevant, k=10):
    hits = [item in relevant for item in ranked[:k]]
    count = sum(hits)
    dcg = sum(1 / math.log2(i + 2) for i, hit in enumerate(hits) if hit)
    idcg = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    ap, seen = 0.0, 0
    for i, hit in enumerate(hits):
        if hit:
            seen += 1
            ap += seen / (i + 1)
    return {"precision@10": count / k, "recall@10": count / len(relevant), "ndcg@10": dcg / idcg,
            "map@10": ap / min(k, len(relevant))}


def fit_only(train_path):
    """Times implicit's ALS fit alone on a large interactions file (the scale benchmark)."""
    import implicit

    users, items, rows, cols = {}, {}, [], []
    with open(train_path) as handle:
        for line in handle:
            user, item = line.split("\t", 2)[:2]
            rows.append(users.setdefault(user, len(users)))
            cols.append(items.setdefault(item, len(items)))
    matrix = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(users), len(items)))
    model = implicit.als.AlternatingLeastSquares(factors=64, iterations=15, regularization=0.05, alpha=1.0, random_state=42)
    start = time.perf_counter()
    model.fit(matrix, show_progress=False)
    print(json.dumps({"model": "implicit-als", "fit_seconds": time.perf_counter() - start, "interactions": len(rows)}))


def main():
    if sys.argv[1] == "implicit-als-fit":
        return fit_only(sys.argv[2])
    name, train_path, test_path = sys.argv[1:4]
    train, test = read(train_path), read(test_path)
    users = {u: n for n, u in enumerate(dict.fromkeys(u for u, _ in train + test))}
    items = {i: n for n, i in enumerate(dict.fromkeys(i for _, i in train + test))}
    rows = [users[u] for u, _ in train]
    cols = [items[i] for _, i in train]
    matrix = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(users), len(items)))
    relevant = {}
    for u, i in test:
        relevant.setdefault(users[u], set()).add(items[i])
    if name.startswith("lightfm"):
        return lightfm(name, matrix, items, relevant, sys.argv[4] if len(sys.argv) > 4 else None)
    import implicit
    from threadpoolctl import threadpool_limits

    if name == "implicit-als":
        model = implicit.als.AlternatingLeastSquares(factors=64, iterations=15, regularization=0.05, alpha=1.0, random_state=42)
    else:
        model = implicit.bpr.BayesianPersonalizedRanking(random_state=42)
    with threadpool_limits(limits=1, user_api="blas"):
        start = time.perf_counter()
        model.fit(matrix, show_progress=False)
        fit_seconds = time.perf_counter() - start
    report(name, fit_seconds, relevant, lambda user: list(model.recommend(user, matrix[user], N=10, filter_already_liked_items=True)[0]))


def report(name, fit_seconds, relevant, top10):
    """Prints the mean metrics of `top10(user)` over the users with held-out items, timed."""
    start = time.perf_counter()
    totals = {}
    for user, wanted in relevant.items():
        for key, value in metrics(top10(user), wanted).items():
            totals[key] = totals.get(key, 0) + value
    predict_seconds = time.perf_counter() - start
    result = {key: value / len(relevant) for key, value in totals.items()}
    result.update({"model": name, "fit_seconds": fit_seconds, "predict_seconds": predict_seconds, "users": len(relevant)})
    print(json.dumps(result))


def lightfm(name, matrix, items, relevant, item_file):
    from lightfm import LightFM
    from scipy.sparse import identity, hstack

    features = None
    if name == "lightfm-warp-genres":
        genres = {}
        with open(item_file) as handle:
            header = handle.readline().rstrip("\n").split("\t")
            id_column = header.index("item_id:token")
            class_column = header.index("class:token_seq")
            for line in handle:
                parts = line.rstrip("\n").split("\t")
                genres[parts[id_column]] = parts[class_column].split()
        vocabulary = {g: n for n, g in enumerate(sorted({g for gs in genres.values() for g in gs}))}
        rows, cols = [], []
        for item, index in items.items():
            for g in genres.get(item, []):
                rows.append(index)
                cols.append(vocabulary[g])
        genre_matrix = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(items), len(vocabulary)))
        features = hstack([identity(len(items), format="csr", dtype=np.float32), genre_matrix]).tocsr()
    model = LightFM(loss="warp", no_components=64, random_state=42)
    start = time.perf_counter()
    model.fit(matrix.tocoo(), item_features=features, epochs=30, num_threads=2)
    fit_seconds = time.perf_counter() - start
    all_items = np.arange(len(items), dtype=np.int32)

    def top10(user):
        scores = model.predict(user, all_items, item_features=features, num_threads=1)
        scores[matrix[user].indices] = -np.inf
        return list(np.argsort(-scores, kind="stable")[:10])

    report(name, fit_seconds, relevant, top10)

if __name__ == "__main__":
    main()
