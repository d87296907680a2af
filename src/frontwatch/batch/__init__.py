"""Batch extraction of archives (issue #8): ``frontwatch batch INPUT --out DIR``.

INPUT (JSONL, JSONL.gz, Parquet, or a folder of them) is cut into partitions
(:mod:`.inputs`); an engine (:mod:`.engines`: local processes or Spark) runs the one
per-partition function (:mod:`.partition`) over those not finished before; each writes its
rows as Parquet (:mod:`.tables`) under DIR: ``documents/``, ``events/``, ``mentions/``,
``claims/``, ``failures/``, one file per partition, readable as datasets by pyarrow, pandas,
DuckDB or Spark. ``--db`` then loads what this run wrote into a store (:mod:`.load`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontwatch import __version__
from frontwatch.batch.engines import ENGINES, run_local, run_spark
from frontwatch.batch.inputs import DEFAULT_PARTITION_ROWS, Partition, plan_partitions
from frontwatch.batch.load import LoadReport, load_partitions
from frontwatch.batch.partition import (
    FORMATS,
    PartitionResult,
    done_partitions,
    finished_result,
)
from frontwatch.batch.tables import TABLES
from frontwatch.errors import BatchError

__all__ = ["ENGINES", "FORMATS", "BatchReport", "describe", "run_batch"]

MANIFEST = "_batch.json"


@dataclass
class BatchReport:
    """What a run did: partitions run now and skipped (done before), with their counts."""

    out: Path
    engine: str
    partitions: list[Partition]
    results: list[PartitionResult] = field(default_factory=list)
    loaded: LoadReport | None = None

    def total(self, name: str, skipped: bool | None = None) -> int:
        return sum(getattr(result, name) for result in self.results
                   if skipped is None or result.skipped == skipped)

    @property
    def skipped(self) -> int:
        return sum(1 for result in self.results if result.skipped)


def _check_manifest(out: Path, rows: int, partitions: list[Partition],
                    output_format: str) -> None:
    """A folder holds one batch: the same input cut the same way and written in the same
    format, or a refusal by name."""
    path = out / MANIFEST
    wanted = {"partition_rows": rows, "format": output_format,
              "inputs": sorted({item.name for item in partitions})}
    if path.is_file():
        found = json.loads(path.read_text(encoding="utf-8"))
        for key, option in (("partition_rows", "--partition-rows"), ("format", "--format")):
            if found.get(key, "parquet" if key == "format" else None) != wanted[key]:
                raise BatchError(f"was written with {option} {found.get(key)}, not "
                                 f"{wanted[key]}: re-run with that, or into a new folder",
                                 source=str(out))
        return
    if out.is_dir() and any(out.iterdir()) and \
            not any((out / table).is_dir() for table in TABLES):
        raise BatchError("is not empty and holds no batch output", source=str(out))
    out.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**wanted, "frontwatch": __version__,
                                "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                                "tables": list(TABLES)}, indent=2), encoding="utf-8")


def run_batch(source: str | Path, out: str | Path, *, engine: str = "local", workers: int = 1,
              partition_rows: int = DEFAULT_PARTITION_ROWS, db: str | None = None,
              spark_conf: dict[str, str] | None = None, output_format: str = "parquet",
              progress: Callable[[PartitionResult, int], None] | None = None,
              on_plan: Callable[[list[Partition], int], None] | None = None) -> BatchReport:
    """Analyse every document of ``source`` into tables under ``out`` (Parquet, or JSONL with
    ``output_format="jsonl"``).

    Partitions finished by an earlier run into ``out`` are skipped. ``progress(result, total)``
    is called as each partition finishes (local engine). With ``db``, the rows of every
    partition are loaded into that store afterwards (the store keeps each document once)."""
    if engine not in ENGINES:
        raise BatchError(f"unknown engine {engine!r} (choose {', '.join(ENGINES)})",
                         source="--engine")
    if output_format not in FORMATS:
        raise BatchError(f"unknown format {output_format!r} (choose {', '.join(FORMATS)})",
                         source="--format")
    out = Path(out)
    partitions = plan_partitions(source, partition_rows)
    _check_manifest(out, partition_rows, partitions, output_format)
    finished = done_partitions(out)
    todo = [item for item in partitions if item.partition_id not in finished]
    if on_plan:
        on_plan(partitions, len(partitions) - len(todo))
    report = BatchReport(out, engine, partitions)
    report.results = [result for item in partitions if item.partition_id in finished
                      and (result := finished_result(out, item.partition_id)) is not None]
    if engine == "spark":
        report.results += run_spark(todo, out, workers, spark_conf, output_format)
    else:
        report.results += run_local(todo, out, workers, (lambda result: progress(
            result, len(partitions))) if progress else None, output_format)
    if db is not None:
        report.loaded = _load(out, partitions, db)
    return report


def _load(out: Path, partitions: list[Partition], db: str) -> LoadReport:
    from frontwatch.fuse.across import CrossReportFusion
    from frontwatch.store import RunCounts, Store

    with Store(db, fusion=CrossReportFusion()) as store:
        run_id = store.start_run(__version__, f"frontwatch batch --db ({out})")
        report = load_partitions(out, [item.partition_id for item in partitions], store,
                                 run_id)
        counts = RunCounts(documents_seen=report.documents + report.duplicates + report.failures,
                           documents_stored=report.documents, duplicates=report.duplicates,
                           events_stored=report.events, failures=report.failures)
        store.finish_run(run_id, counts)
    return report


def describe(report: BatchReport) -> dict[str, Any]:
    """The report as one JSON-ready dict (what the CLI prints)."""
    return {"out": str(report.out), "engine": report.engine,
            "partitions": len(report.partitions), "skipped": report.skipped,
            "documents": report.total("documents"), "events": report.total("events"),
            "failures": report.total("failures"),
            "peak_mib_per_worker": max((r.peak_mib for r in report.results if not r.skipped),
                                       default=None),
            "loaded": vars(report.loaded) if report.loaded else None}
