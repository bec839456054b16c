#!/usr/bin/env python3
"""Train Spark MLlib's ALS on a `reco export-spark` folder and write factors `reco import-spark` reads.

Runs with spark-submit on any cluster (YARN, Kubernetes, standalone; paths may be HDFS or S3) or with
plain `python` where pyspark is pip-installed:

    spark-submit spark/reco_als.py --input hdfs:///reco/export --output hdfs:///reco/als \\
        --rank 50 --regParam 0.1 --maxIter 20
    python spark/reco_als.py --master 'local[2]' --input export/ --output spark-out/ --rank 50

Writes into --output:
  model/          ALSModel.save (Spark's own format; --from-model reads it back)
  user-factors/   JSON lines {"id": index, "features": [...]}, one per user Spark trained
  item-factors/   the same for items
  predictions/    with --predictions: CSV user,item,rating,prediction, Spark's transform of test.csv
  recommendations/ with --recommend K: CSV user,rank,item,score from recommendForAllUsers(K)
                  (--exclude-seen: the K best items each user did not rate in training)
  manifest.json   rank, regParam, maxIter, implicitPrefs, alpha, nonnegative, seed, Spark version, the
                  factor counts, the export it read; written last, so its presence means the rest is there.

--from-model PATH converts an ALSModel someone already saved (over the same export's indices) into the
same files; give the regParam/implicit/alpha it was trained with, as an ALSModel does not keep them.
"""

import argparse
import json
import os
import sys
import time


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True, help="the folder reco export-spark wrote")
    parser.add_argument("--output", required=True, help="the folder to write (replaced if present)")
    parser.add_argument("--master", help="Spark master when run with python (spark-submit sets its own)")
    parser.add_argument("--rank", type=int, default=10, help="Spark's rank (default 10)")
    parser.add_argument("--regParam", type=float, default=0.1, help="Spark's regParam (default 0.1)")
    parser.add_argument("--maxIter", type=int, default=10, help="Spark's maxIter (default 10)")
    parser.add_argument("--seed", type=int, default=42, help="Spark's seed (default 42)")
    parser.add_argument("--implicit", action="store_true", help="implicitPrefs=true: ratings are confidences")
    parser.add_argument("--alpha", type=float, default=1.0, help="Spark's alpha, with --implicit (default 1.0)")
    parser.add_argument("--nonnegative", action="store_true", help="Spark's nonnegative=true")
    parser.add_argument("--numUserBlocks", type=int, default=10, help="Spark's numUserBlocks (default 10)")
    parser.add_argument("--numItemBlocks", type=int, default=10, help="Spark's numItemBlocks (default 10)")
    parser.add_argument("--checkpointDir",
                        help="checkpoint folder, every 10 iterations (default: OUTPUT/_checkpoints, removed after)")
    parser.add_argument("--from-model", dest="from_model", help="convert this saved ALSModel instead of training")
    parser.add_argument("--predictions", action="store_true", help="write Spark's transform of test.csv")
    parser.add_argument("--recommend", type=int, default=0, metavar="K", help="write recommendForAllUsers(K)")
    parser.add_argument("--exclude-seen", dest="exclude_seen", action="store_true",
                        help="with --recommend: leave out items each user rated in training")
    arguments = parser.parse_args(argv)
    if arguments.rank < 1 or arguments.maxIter < 0 or arguments.regParam < 0 or arguments.alpha < 0:
        parser.error("rank must be at least 1; maxIter, regParam and alpha at least 0")
    if arguments.exclude_seen and arguments.recommend <= 0:
        parser.error("--exclude-seen goes with --recommend K")
    return arguments


def export_location(path):
    """The export as the manifest records it: absolute when local, so reco import-spark finds it from anywhere."""
    return path if "://" in path else os.path.abspath(path)


def join(folder, name):
    return folder.rstrip("/") + "/" + name


class Files:
    """Reads and writes small files through Hadoop's file system, so local, HDFS and S3 paths all work."""

    def __init__(self, spark):
        self.jvm = spark.sparkContext._jvm
        self.configuration = spark.sparkContext._jsc.hadoopConfiguration()

    def _path(self, path):
        hadoop_path = self.jvm.org.apache.hadoop.fs.Path(path)
        return hadoop_path, hadoop_path.getFileSystem(self.configuration)

    def exists(self, path):
        hadoop_path, fs = self._path(path)
        return fs.exists(hadoop_path)

    def read(self, path):
        hadoop_path, fs = self._path(path)
        stream = fs.open(hadoop_path)
        try:
            reader = self.jvm.java.io.BufferedReader(self.jvm.java.io.InputStreamReader(stream, "UTF-8"))
            lines = []
            line = reader.readLine()
            while line is not None:
                lines.append(line)
                line = reader.readLine()
            return "\n".join(lines)
        finally:
            stream.close()

    def write(self, path, text):
        """Writes beside and renames, so a reader never sees half a manifest."""
        hadoop_path, fs = self._path(path)
        temporary = self.jvm.org.apache.hadoop.fs.Path(path + ".tmp")
        stream = fs.create(temporary, True)
        try:
            stream.write(bytearray(text.encode("utf-8")))
        finally:
            stream.close()
        fs.delete(hadoop_path, False)
        if not fs.rename(temporary, hadoop_path):
            raise RuntimeError(f"cannot rename {temporary} to {path}")

    def delete(self, path, recursive=False):
        hadoop_path, fs = self._path(path)
        fs.delete(hadoop_path, recursive)


def main(argv):
    arguments = parse_arguments(argv)
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql import Window
    from pyspark.ml.recommendation import ALS, ALSModel
    from pyspark.ml.evaluation import RegressionEvaluator

    builder = SparkSession.builder.appName("reco_als")
    if arguments.master:
        builder = builder.master(arguments.master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    files = Files(spark)
    # ALS's lineage grows with every iteration; past about 15 its deserialisation overflows the stack
    # unless it is cut by checkpoints (every checkpointInterval = 10 iterations once a folder is set).
    checkpoints = arguments.checkpointDir or join(arguments.output, "_checkpoints")
    spark.sparkContext.setCheckpointDir(checkpoints)

    manifest_path = join(arguments.input, "manifest.json")
    if not files.exists(manifest_path):
        sys.exit(f"{arguments.input}: no manifest.json: not a folder reco export-spark wrote")
    export = json.loads(files.read(manifest_path))
    if export.get("format") != "reco-spark-export":
        sys.exit(f"{manifest_path}: format is {export.get('format')!r}, expected 'reco-spark-export'")
    columns = "user INT, item INT, rating FLOAT" + (", timestamp LONG" if export["timestamps"] else "")

    def read_ratings(name):
        return spark.read.csv(join(arguments.input, name), header=True, schema=columns, mode="FAILFAST")

    ratings = read_ratings("ratings.csv").cache()
    rating_count = ratings.count()
    if rating_count != export["ratings"]:
        sys.exit(f"{arguments.input}/ratings.csv: {rating_count} ratings, but the manifest says {export['ratings']}")

    # The manifest from an earlier run would vouch for files about to change: it goes first.
    output_manifest = join(arguments.output, "manifest.json")
    if files.exists(output_manifest):
        files.delete(output_manifest)

    fit_seconds = None
    if arguments.from_model:
        model = ALSModel.load(arguments.from_model)
        rank = model.rank
    else:
        als = ALS(rank=arguments.rank, maxIter=arguments.maxIter, regParam=arguments.regParam,
                  implicitPrefs=arguments.implicit, alpha=arguments.alpha, nonnegative=arguments.nonnegative,
                  numUserBlocks=arguments.numUserBlocks, numItemBlocks=arguments.numItemBlocks,
                  seed=arguments.seed, userCol="user", itemCol="item", ratingCol="rating",
                  coldStartStrategy="drop")
        start = time.perf_counter()
        model = als.fit(ratings)
        user_count = model.userFactors.count()  # fit is lazy in part: the factors are computed here
        fit_seconds = time.perf_counter() - start
        rank = arguments.rank
        model.write().overwrite().save(join(arguments.output, "model"))
    model.setColdStartStrategy("drop")

    model.userFactors.write.mode("overwrite").json(join(arguments.output, "user-factors"))
    model.itemFactors.write.mode("overwrite").json(join(arguments.output, "item-factors"))
    user_count = model.userFactors.count()
    item_count = model.itemFactors.count()

    test_rmse = None
    test_path = join(arguments.input, "test.csv")
    if export.get("test_ratings") is not None and files.exists(test_path):
        test = read_ratings("test.csv")
        predictions = model.transform(test).cache()
        if not arguments.implicit:
            test_rmse = RegressionEvaluator(metricName="rmse", labelCol="rating",
                                            predictionCol="prediction").evaluate(predictions)
            print(f"Spark RMSE on test.csv ({predictions.count()} of {export['test_ratings']} ratings "
                  f"whose user and item Spark trained): {test_rmse:.6f}")
        if arguments.predictions:
            predictions.select("user", "item", "rating", "prediction").write.mode("overwrite") \
                .csv(join(arguments.output, "predictions"), header=True)

    if arguments.recommend > 0:
        depth = arguments.recommend
        if arguments.exclude_seen:
            most_seen = ratings.groupBy("user").count().agg(F.max("count")).first()[0] or 0
            depth += most_seen
        lists = model.recommendForAllUsers(depth) \
            .select("user", F.posexplode("recommendations").alias("position", "entry")) \
            .select("user", "position", F.col("entry.item").alias("item"), F.col("entry.rating").alias("score"))
        if arguments.exclude_seen:
            lists = lists.join(ratings.select("user", "item"), ["user", "item"], "left_anti")
        place = Window.partitionBy("user").orderBy(F.col("position"))
        lists = lists.withColumn("rank", F.row_number().over(place)).where(F.col("rank") <= arguments.recommend)
        lists.select("user", "rank", "item", "score").write.mode("overwrite") \
            .csv(join(arguments.output, "recommendations"), header=True)

    manifest = {
        "format": "reco-spark-factors", "version": 1, "rank": rank, "regParam": arguments.regParam,
        "maxIter": arguments.maxIter, "implicitPrefs": arguments.implicit, "alpha": arguments.alpha,
        "nonnegative": arguments.nonnegative, "seed": arguments.seed,
        "numUserBlocks": arguments.numUserBlocks, "numItemBlocks": arguments.numItemBlocks,
        "user_factors": user_count, "item_factors": item_count, "export": export_location(arguments.input),
        "export_ratings": rating_count, "spark_version": spark.version,
        "fit_seconds": fit_seconds, "test_rmse": test_rmse,
        "from_model": arguments.from_model,
    }
    if not arguments.checkpointDir:
        files.delete(checkpoints, recursive=True)
    files.write(output_manifest, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    trained = f"trained in {fit_seconds:.1f} s" if fit_seconds is not None else f"converted {arguments.from_model}"
    print(f"ALS rank {rank} ({'implicit' if arguments.implicit else 'explicit'}) {trained}: "
          f"{user_count} user and {item_count} item factors in {arguments.output}")
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
