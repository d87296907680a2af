"""Engines: who runs :func:`process_partition` over the partitions.

``local``: worker processes on this machine (one process, no pool, with one worker); each
worker loads the models once, at its first partition, and keeps them. ``spark``: pyspark's
``mapPartitions`` over a dataset of one partition description per Spark partition, calling
the very same function on the executors; Python workers are reused, so each loads the models
once. Both write the same files, so both give the same rows.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

from frontwatch.batch.inputs import Partition
from frontwatch.batch.partition import PartitionResult, process_partition
from frontwatch.errors import MissingExtraError

__all__ = ["ENGINES", "run_local", "run_spark"]

ENGINES = ("local", "spark")
Progress = Callable[[PartitionResult], None]


def run_local(partitions: Sequence[Partition], out: Path, workers: int,
              progress: Progress | None = None, output_format: str = "parquet"
              ) -> list[PartitionResult]:
    """Every partition through ``workers`` processes; results in completion order."""
    results: list[PartitionResult] = []
    if workers <= 1 or len(partitions) <= 1:
        for partition in partitions:
            results.append(process_partition(partition, out, output_format))
            if progress:
                progress(results[-1])
        return results
    # spawn, not fork: a forked copy of a parent holding threads (onnxruntime, a progress bar)
    # can deadlock; each worker imports frontwatch and loads the models itself, once.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(process_partition, partition, out, output_format)
                   for partition in partitions]
        for future in as_completed(futures):
            results.append(future.result())
            if progress:
                progress(results[-1])
    return results


def _spark_partition(out: str, output_format: str
                     ) -> Callable[[Iterator[dict[str, Any]]], Iterator[dict[str, Any]]]:
    def run(rows: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for row in rows:
            yield process_partition(Partition.from_dict(row), out, output_format).to_dict()
    return run


def spark_session(workers: int, conf: dict[str, str] | None = None) -> Any:
    """A SparkSession: the cluster's under ``spark-submit`` (its master is set), else
    ``local[workers]`` on this machine, with this Python on the executors."""
    try:
        from pyspark import SparkConf, SparkContext
        from pyspark.sql import SparkSession
    except ImportError:
        raise MissingExtraError(
            "the spark engine needs pyspark: pip install 'frontwatch[spark]' (and Java 17 or "
            "newer)", source="--engine spark") from None
    builder = SparkSession.builder.appName("frontwatch batch")
    running = SparkContext._active_spark_context
    # under spark-submit the JVM came first (and set the master); a session this process made
    # itself leaves spark.master in the JVM's properties too, so that alone does not tell
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ or (
        running is None and SparkConf().contains("spark.master"))
    if not submitted:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        wanted = f"local[{max(1, workers)}]"
        if running is not None and running.master != wanted:
            running.stop()  # an earlier run's local[M]: getOrCreate would hand it back
        builder = builder.master(wanted)
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def run_spark(partitions: Sequence[Partition], out: Path, workers: int,
              conf: dict[str, str] | None = None, output_format: str = "parquet"
              ) -> list[PartitionResult]:
    """Every partition as one Spark task. ``out`` must be a folder every executor can write
    (on a cluster: a shared mount)."""
    if not partitions:
        return []
    session = spark_session(workers, conf)
    rows = [partition.to_dict() for partition in partitions]
    found = session.sparkContext.parallelize(rows, numSlices=len(rows)).mapPartitions(
        _spark_partition(str(out.resolve()), output_format)).collect()
    return [PartitionResult(**item) for item in found]
