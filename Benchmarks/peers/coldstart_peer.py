"""Run LightFM (WARP) on one split with content features and print one JSON line of top-N metrics.

    python coldstart_peer.py PROTOCOL TRAIN.tsv TEST.tsv DATA_FOLDER [--years] [--no-identity]

PROTOCOL is the slice scored, as Reco's `reco evaluate` scores it (docs/metrics.md):
  cold-items  every user with a held-out item that has no training rating ranks the cold items only;
  cold-users  every user with no training rating ranks the items that have training ratings;
  warm        every user ranks every item they did not rate in training (the per-user split).
Features come from the RecBole files in DATA_FOLDER: item genres (`class`, plus five-year release
buckets with --years) and user age group, gender and occupation, each row normalised to sum to 1
with the identity feature, as LightFM's documentation recommends; --no-identity leaves the identity
features out (features only). LightFM: WARP loss, 64 components, 30 epochs, 2 threads, seed 42.
Every training rating is one interaction.
"""
import json
import math
import sys
import time

import numpy as np
from scipy.sparse import csr_matrix, hstack, identity


def read(path):
    with open(path) as handle:
        return [tuple(line.rstrip("\n").split("\t")[:2]) for line in handle if line.strip()]


def ndcg_and_more(ranked, relevant, k=10):
    hits = [item in relevant for item in ranked[:k]]
    dcg = sum(1 / math.log2(i + 2) for i, hit in enumerate(hits) if hit)
    idcg = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return {"ndcg@10": dcg / idcg, "precision@10": sum(hits) / k, "recall@10": sum(hits) / len(relevant)}


def age_group(age):
    age = int(age)
    for limit, name in [(18, "under-18"), (25, "18-24"), (35, "25-34"), (45, "35-44"), (50, "45-49"), (56, "50-55")]:
        if age < limit:
            return "age=" + name
    return "age=56+"


def tokens(folder, kind, years):
    """id → tokens from the RecBole .item or .user file in `folder`."""
    import glob
    path = glob.glob(f"{folder}/*.{kind}")[0]
    result = {}
    with open(path) as handle:
        header = [column.split(":")[0] for column in handle.readline().rstrip("\n").split("\t")]
        for line in handle:
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            if kind == "item":
                found = row.get("class", "").split()
                if years and row.get("release_year", "").isdigit():
                    year = int(row["release_year"])
                    start = year - year % 5
                    found.append(f"released={start}-{start + 4}")
                result[row["item_id"]] = found
            else:
                result[row["user_id"]] = [age_group(row["age"]), "gender=" + row["gender"], "occupation=" + row["occupation"]]
    return result


def features(index, table, with_identity):
    """The LightFM feature matrix: identity (optional) then tokens, each row summing to 1."""
    vocabulary = {token: n for n, token in enumerate(sorted({t for ts in table.values() for t in ts}))}
    rows, cols = [], []
    for key, position in index.items():
        for token in table.get(key, []):
            rows.append(position)
            cols.append(vocabulary[token])
    matrix = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(index), len(vocabulary)))
    if with_identity:
        matrix = hstack([identity(len(index), format="csr", dtype=np.float32), matrix]).tocsr()
    sums = np.asarray(matrix.sum(axis=1)).ravel()
    sums[sums == 0] = 1
    return csr_matrix(matrix.multiply(1 / sums[:, None]))


def main():
    from lightfm import LightFM

    protocol, train_path, test_path, folder = sys.argv[1:5]
    years = "--years" in sys.argv
    with_identity = "--no-identity" not in sys.argv
    train, test = read(train_path), read(test_path)
    users = {u: n for n, u in enumerate(dict.fromkeys(u for u, _ in train + test))}
    items = {i: n for n, i in enumerate(dict.fromkeys(i for _, i in train + test))}
    rows = [users[u] for u, _ in train]
    cols = [items[i] for _, i in train]
    interactions = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(users), len(items)))
    trained_users = {users[u] for u, _ in train}
    trained_items = {items[i] for _, i in train}
    item_features = features(items, tokens(folder, "item", years), with_identity)
    user_features = features(users, tokens(folder, "user", False), with_identity) if protocol == "cold-users" else None
    model = LightFM(loss="warp", no_components=64, random_state=42)
    start = time.perf_counter()
    model.fit(interactions.tocoo(), user_features=user_features, item_features=item_features, epochs=30, num_threads=2)
    fit_seconds = time.perf_counter() - start

    if protocol == "cold-items":
        candidates = np.array(sorted(set(range(len(items))) - trained_items), dtype=np.int32)
        eligible = lambda user: user in trained_users
    elif protocol == "cold-users":
        candidates = np.array(sorted(trained_items), dtype=np.int32)
        eligible = lambda user: user not in trained_users
    else:
        candidates = np.arange(len(items), dtype=np.int32)
        eligible = lambda user: user in trained_users
    candidate_set = set(candidates.tolist())
    relevant = {}
    for u, i in test:
        if items[i] in candidate_set:
            relevant.setdefault(users[u], set()).add(items[i])
    totals, count = {}, 0
    for user, wanted in relevant.items():
        if not eligible(user):
            continue
        scores = model.predict(user, candidates, user_features=user_features, item_features=item_features, num_threads=1)
        rated = set(interactions[user].indices.tolist())
        scores = np.where([c in rated for c in candidates.tolist()], -np.inf, scores)
        ranked = [int(candidates[n]) for n in np.argsort(-scores, kind="stable")[:10]]
        for key, value in ndcg_and_more(ranked, wanted).items():
            totals[key] = totals.get(key, 0) + value
        count += 1
    result = {key: value / max(count, 1) for key, value in totals.items()}
    result.update({"model": "lightfm-warp" + ("" if with_identity else "-features-only") + ("-years" if years else ""),
                   "protocol": protocol, "fit_seconds": fit_seconds, "users": count})
    print(json.dumps(result))


if __name__ == "__main__":
    main()
