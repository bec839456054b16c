#!/usr/bin/env python3
"""Compares a model imported from Spark (reco import-spark) with Spark's own answers; Benchmarks/spark.sh runs it.

  pairs EXPORT SPARK OUT          Spark's test pairs (by id) as user<TAB>item lines for `reco predict`
  predictions EXPORT SPARK RECO   Spark's transform vs `reco predict --unclipped`: largest difference, both RMSEs
  rmse EXPORT SPARK RECO          RMSE of another model's predictions on Spark's pairs (Reco's own als)
  lists EXPORT SPARK RECO [OUT]   recommendForAllUsers vs `reco recommend --all-users`: share of equal lists;
                                  OUT gets Spark's lists by id (user<TAB>rank<TAB>item<TAB>score) for `reco evaluate --lists`
  foldin RECO_BINARY MODEL EXPORT USERS
                                  fold-in of a trained user's training ratings vs the user's own list

Each check prints its figures and exits 1 when a bound fails.
"""

import csv
import glob
import json
import math
import subprocess
import sys


def id_maps(export):
    with open(f"{export}/users.csv", newline="") as handle:
        users = [row["id"] for row in csv.DictReader(handle)]
    with open(f"{export}/items.csv", newline="") as handle:
        items = [row["id"] for row in csv.DictReader(handle)]
    return users, items


def spark_rows(spark, name):
    rows = []
    for part in sorted(glob.glob(f"{spark}/{name}/part-*.csv")):
        with open(part, newline="") as handle:
            rows.extend(csv.DictReader(handle))
    if not rows:
        sys.exit(f"{spark}/{name}: no rows (run reco_als.py with --predictions / --recommend)")
    return rows


def spark_predictions(export, spark):
    users, items = id_maps(export)
    return [(users[int(row["user"])], items[int(row["item"])], float(row["rating"]), float(row["prediction"]))
            for row in spark_rows(spark, "predictions")]


def reco_predictions(path):
    result = {}
    with open(path) as handle:
        for line in handle:
            user, item, value = line.rstrip("\n").split("\t")
            result[(user, item)] = float(value)
    return result


def rmse(errors):
    return math.sqrt(sum(e * e for e in errors) / len(errors))


def pairs(export, spark, out):
    with open(out, "w") as handle:
        for user, item, _, _ in spark_predictions(export, spark):
            handle.write(f"{user}\t{item}\n")


def predictions(export, spark, reco):
    rows = spark_predictions(export, spark)
    ours = reco_predictions(reco)
    largest = max(abs(ours[(u, i)] - p) for u, i, _, p in rows)
    spark_rmse = rmse([p - r for _, _, r, p in rows])
    reco_rmse = rmse([ours[(u, i)] - r for u, i, r, _ in rows])
    print(f"predictions: {len(rows)} test pairs, largest |Reco - Spark| = {largest:.2e}; "
          f"RMSE Spark {spark_rmse:.6f}, imported model {reco_rmse:.6f} (difference {abs(spark_rmse - reco_rmse):.1e})")
    return 0 if largest <= 1e-5 and abs(spark_rmse - reco_rmse) <= 1e-5 else 1


def rmse_of(export, spark, reco):
    rows = spark_predictions(export, spark)
    ours = reco_predictions(reco)
    value = rmse([ours[(u, i)] - r for u, i, r, _ in rows])
    print(f"{value:.6f}")
    return 0


def read_lists(rows, key, rank, item, score):
    lists = {}
    for row in rows:
        lists.setdefault(key(row), []).append((int(rank(row)), item(row), float(score(row))))
    return {user: [(i, s) for _, i, s in sorted(entries)] for user, entries in lists.items()}


def lists(export, spark, reco, out=None):
    users, items = id_maps(export)
    theirs = read_lists(spark_rows(spark, "recommendations"), lambda r: users[int(r["user"])], lambda r: r["rank"],
                        lambda r: items[int(r["item"])], lambda r: r["score"])
    with open(reco) as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle if line.strip()]
    ours = read_lists(rows, lambda r: r[0], lambda r: r[1], lambda r: r[2], lambda r: r[3])
    equal = ties = 0
    for user, spark_list in theirs.items():
        reco_list = ours.get(user, [])
        if [i for i, _ in spark_list] == [i for i, _ in reco_list]:
            equal += 1
            continue
        # Ties aside: the same scores place by place, the items differing only where two scores are within
        # float rounding of each other (or of the cut-off).
        if len(reco_list) == len(spark_list) and all(abs(a[1] - b[1]) <= 1e-5 for a, b in zip(spark_list, reco_list)):
            ties += 1
    total = len(theirs)
    share = (equal + ties) / total
    print(f"top-{len(next(iter(theirs.values())))} lists: {equal} of {total} users identical, {ties} more equal "
          f"but for tied scores: {100 * share:.2f}% ({100 * equal / total:.2f}% identical)")
    if out:
        with open(out, "w") as handle:
            for user, entries in theirs.items():
                for place, (item, score) in enumerate(entries, 1):
                    handle.write(f"{user}\t{place}\t{item}\t{score}\n")
    return 0 if share >= 0.99 else 1


def foldin(binary, model, export, count):
    users, items = id_maps(export)
    training = {}
    with open(f"{export}/ratings.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            training.setdefault(int(row["user"]), []).append((items[int(row["item"])], row["rating"]))
    largest = 0.0
    same = 0
    chosen = sorted(training)[:: max(1, len(training) // count)][:count]
    for user in chosen:
        given = training[user]
        def recommend(*arguments):
            output = subprocess.run([binary, "recommend", "--model", model, "--count", "10", "--format", "json",
                                     "--rank-by", "rating", *arguments], check=True, capture_output=True, text=True)
            return [(entry["id"], entry["score"]) for entry in json.loads(output.stdout)["items"]]
        trained = recommend("--user", users[user])
        folded = recommend("--items", ",".join(i for i, _ in given), "--ratings", ",".join(r for _, r in given))
        same += [i for i, _ in trained] == [i for i, _ in folded]
        largest = max(largest, max(abs(a[1] - b[1]) for a, b in zip(trained, folded)))
    print(f"fold-in: {len(chosen)} trained users re-solved from their training ratings: {same} identical top-10 lists, "
          f"largest score difference {largest:.1e}")
    return 0 if same == len(chosen) and largest <= 1e-3 else 1


def main(argv):
    commands = {"pairs": pairs, "predictions": predictions, "rmse": rmse_of, "lists": lists}
    if argv and argv[0] == "foldin":
        return foldin(argv[1], argv[2], argv[3], int(argv[4]))
    if not argv or argv[0] not in commands:
        sys.exit(__doc__)
    return commands[argv[0]](*argv[1:]) or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
