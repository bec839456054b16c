"""Run one peer model on one split and print one JSON line.

    python rating_peer.py MODEL TRAIN.tsv TEST.tsv [--rank K] [--iterations N]

MODEL is one of svd, svdpp, knnbaseline, baselineonly (Surprise, default settings except where
noted) or spark-als (Spark ML ALS, local[2]). Files are Reco's split files:
user<TAB>item<TAB>rating[<TAB>timestamp]. Predictions get the same policy as Reco's evaluator:
clipped to the training rating scale; for a user or item with no training rating Surprise's own
answer (μ plus the known side's bias, which Reco's biased models give too) and the training mean
where a model has none (Spark's NaN), so the RMSEs compare like with like.
"""
import json
import math
import sys
import time


def read(path):
    rows = []
    with open(path) as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            rows.append((parts[0], parts[1], float(parts[2])))
    return rows


def score(train, test, predict):
    mean = sum(r for _, _, r in train) / len(train)
    low = min(r for _, _, r in train)
    high = max(r for _, _, r in train)
    start = time.perf_counter()
    predictions = predict(test)
    seconds = time.perf_counter() - start
    squared = 0.0
    for (user, item, rating), estimate in zip(test, predictions):
        if estimate is None or math.isnan(estimate):
            estimate = mean
        estimate = min(max(estimate, low), high)
        squared += (estimate - rating) ** 2
    return math.sqrt(squared / len(test)), seconds


def surprise_model(name, train, test, train_path, test_path):
    from surprise import SVD, SVDpp, BaselineOnly, KNNBaseline, Dataset, Reader
    from surprise.model_selection import PredefinedKFold

    with open(train_path) as handle:
        columns = len(handle.readline().split("\t"))
    low = min(r for _, _, r in train)
    high = max(r for _, _, r in train)
    reader = Reader(line_format="user item rating" + (" timestamp" if columns > 3 else ""), sep="\t", rating_scale=(low, high))
    data = Dataset.load_from_folds([(train_path, test_path)], reader)
    trainset, _ = next(PredefinedKFold().split(data))
    algorithm = {
        "svd": lambda: SVD(random_state=42),
        "svdpp": lambda: SVDpp(random_state=42),
        "baselineonly": lambda: BaselineOnly(verbose=False),
        "knnbaseline": lambda: KNNBaseline(k=40, sim_options={"name": "pearson_baseline", "user_based": False}, verbose=False),
    }[name]()
    start = time.perf_counter()
    algorithm.fit(trainset)
    fit_seconds = time.perf_counter() - start
    rmse, predict_seconds = score(train, test, lambda rows: [algorithm.predict(u, i, clip=False).est for u, i, _ in rows])
    return {"fit_seconds": fit_seconds, "predict_seconds": predict_seconds, "rmse": rmse}


def spark_als(train, test, rank, iterations):
    from pyspark.sql import SparkSession
    from pyspark.ml.recommendation import ALS

    start = time.perf_counter()
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.driver.extraJavaOptions", "-Xss16m")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    session_seconds = time.perf_counter() - start
    spark.sparkContext.setLogLevel("ERROR")
    users = {u: n for n, u in enumerate(sorted({u for u, _, _ in train + test}))}
    items = {i: n for n, i in enumerate(sorted({i for _, i, _ in train + test}))}
    frame = spark.createDataFrame([(users[u], items[i], r) for u, i, r in train], ["user", "item", "rating"]).cache()
    frame.count()
    als = ALS(rank=rank, maxIter=iterations, regParam=0.1, userCol="user", itemCol="item", ratingCol="rating",
              coldStartStrategy="nan", seed=42)
    start = time.perf_counter()
    model = als.fit(frame)
    fit_seconds = time.perf_counter() - start

    def predict(rows):
        test_frame = spark.createDataFrame([(n, users[u], items[i]) for n, (u, i, _) in enumerate(rows)], ["row", "user", "item"])
        predicted = {row["row"]: row["prediction"] for row in model.transform(test_frame).collect()}
        return [predicted.get(n) for n in range(len(rows))]

    rmse, predict_seconds = score(train, test, predict)
    spark.stop()
    return {"fit_seconds": fit_seconds, "predict_seconds": predict_seconds, "rmse": rmse, "session_seconds": session_seconds}


def main():
    name, train_path, test_path = sys.argv[1:4]
    options = dict(zip(sys.argv[4::2], sys.argv[5::2]))
    train, test = read(train_path), read(test_path)
    if name == "spark-als":
        result = spark_als(train, test, int(options.get("--rank", 50)), int(options.get("--iterations", 10)))
    else:
        result = surprise_model(name, train, test, train_path, test_path)
    result["model"] = name
    print(json.dumps(result))


if __name__ == "__main__":
    main()
