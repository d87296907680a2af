"""The one per-partition function both engines run: read a partition's rows, analyse each
document (failures recorded, never raised), write each table's rows as one Parquet file, then
mark the partition done.

Files are written under a temporary name and renamed, and the done marker comes last: a
partition whose worker died leaves no marker and is run again by the next run, overwriting
whatever part of it was written.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from frontwatch.batch.inputs import Partition, read_partition
from frontwatch.batch.tables import TABLES, rows_of, table_of
from frontwatch.pipeline import default_gazetteer, iter_analyses

__all__ = ["DONE_FOLDER", "FORMATS", "PartitionResult", "done_partitions", "finished_result",
           "process_partition", "table_path"]

#: Under the output folder: one JSON marker per finished partition (its counts).
DONE_FOLDER = "_partitions"


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """What one partition gave, and what it cost its worker."""

    partition_id: str
    documents: int
    events: int
    mentions: int
    claims: int
    failures: int
    seconds: float
    #: The worker process's peak resident memory so far, in MiB (models included).
    peak_mib: float
    pid: int
    skipped: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _peak_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


#: What a batch writes its tables as: Parquet (the default), or JSON Lines for tools that read
#: no Parquet. The folder's ``_batch.json`` keeps the choice.
FORMATS = ("parquet", "jsonl")


def _json_value(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _write_atomically(table: Any, target: Path, output_format: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    if output_format == "jsonl":
        with partial.open("w", encoding="utf-8") as out:
            for row in table.to_pylist():
                out.write(json.dumps(row, ensure_ascii=False, default=_json_value) + "\n")
    else:
        pq.write_table(table, partial, compression="zstd")
    os.replace(partial, target)


def table_path(out: Path, table: str, partition_id: str, output_format: str) -> Path:
    """Where a partition's rows of ``table`` are written."""
    return out / table / f"{partition_id}.{output_format}"


def process_partition(partition: Partition, out: str | Path,
                      output_format: str = "parquet") -> PartitionResult:
    """Analyse ``partition`` and write its rows under ``out`` (``<table>/<id>.parquet``, or
    ``.jsonl``)."""
    out = Path(out)
    earlier = finished_result(out, partition.partition_id)
    if earlier is not None:
        return earlier
    marker = out / DONE_FOLDER / f"{partition.partition_id}.json"
    start = time.perf_counter()
    rows = rows_of(iter_analyses(read_partition(partition), "record", default_gazetteer()))
    for name in TABLES:
        _write_atomically(table_of(name, rows[name], partition.partition_id),
                          table_path(out, name, partition.partition_id, output_format),
                          output_format)
    result = PartitionResult(
        partition.partition_id, len(rows["documents"]), len(rows["events"]),
        len(rows["mentions"]), len(rows["claims"]), len(rows["failures"]),
        round(time.perf_counter() - start, 3), _peak_mib(), os.getpid())
    marker.parent.mkdir(parents=True, exist_ok=True)
    partial = marker.with_name(f".{marker.name}.partial")
    partial.write_text(json.dumps(result.to_dict()), encoding="utf-8")
    os.replace(partial, marker)
    return result


def finished_result(out: Path, partition_id: str) -> PartitionResult | None:
    """What an earlier run recorded for a finished partition (``skipped`` now); None if none."""
    marker = out / DONE_FOLDER / f"{partition_id}.json"
    if not marker.is_file():
        return None
    return PartitionResult(**{**json.loads(marker.read_text(encoding="utf-8")), "skipped": True})


def done_partitions(out: str | Path) -> set[str]:
    """The ids of the partitions finished under ``out``."""
    folder = Path(out) / DONE_FOLDER
    return {path.stem for path in folder.glob("part-*.json")} if folder.is_dir() else set()
