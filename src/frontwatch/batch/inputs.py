"""A batch's input cut into partitions: which files, which rows of each.

INPUT is a JSONL file (``.jsonl``, or gzipped ``.jsonl.gz``), a Parquet file, or a folder holding
them (searched recursively, in name order). Each row is one document with the fields of the
``extract`` contract (``id``, ``text`` or ``html``, ``published``, ``publisher``, ``title``, ``url``,
``confidential``, ``author``). A partition is a run of consecutive rows of one file; its id
depends only on the file's path under INPUT and the rows, so a re-run finds the partitions it
finished before.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from frontwatch.errors import BatchError, InputError, MalformedLineError
from frontwatch.ingest import document_from_line, document_from_record
from frontwatch.records import Document

__all__ = ["DEFAULT_PARTITION_ROWS", "Partition", "input_files", "plan_partitions",
           "read_partition"]

#: Documents per partition: enough that loading the models once per worker is paid back, few
#: enough that a re-run after a failure repeats little (a few minutes of one core).
DEFAULT_PARTITION_ROWS = 500
SUFFIXES = (".jsonl", ".jsonl.gz", ".parquet")


@dataclass(frozen=True, slots=True)
class Partition:
    """Rows ``first`` to ``first + count - 1`` (0-based) of the file at ``path``."""

    partition_id: str
    path: str
    name: str  # the file's path under INPUT: what failures and documents name as their source
    first: int
    count: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Partition:
        return cls(**data)


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    return next((suffix for suffix in SUFFIXES if name.endswith(suffix)), None)


def input_files(source: str | Path) -> list[tuple[Path, str]]:
    """The input files under ``source`` with their names relative to it, in name order."""
    root = Path(source)
    if root.is_file():
        if _kind(root) is None:
            raise BatchError(f"not a batch input (expected {', '.join(SUFFIXES)})",
                             source=str(root))
        return [(root, root.name)]
    if not root.is_dir():
        raise BatchError("no such file or folder", source=str(root))
    found = sorted(path for path in root.rglob("*") if path.is_file() and _kind(path)
                   and not any(part.startswith((".", "_")) for part in path.relative_to(root).parts))
    if not found:
        raise BatchError(f"folder holds no {', '.join(SUFFIXES)} files", source=str(root))
    return [(path, path.relative_to(root).as_posix()) for path in found]


def _row_count(path: Path) -> int:
    if _kind(path) == ".parquet":
        import pyarrow.parquet as pq

        try:
            return int(pq.ParquetFile(path).metadata.num_rows)
        except Exception as exc:  # pyarrow's errors have no common base worth naming
            raise BatchError(f"not a readable Parquet file ({exc})", source=str(path)) from None
    with _open_lines(path) as lines:
        return sum(1 for _ in lines)


def _open_lines(path: Path) -> Any:
    if _kind(path) == ".jsonl.gz":
        return gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="\n")
    return path.open("r", encoding="utf-8", errors="replace", newline="\n")


def plan_partitions(source: str | Path, rows: int = DEFAULT_PARTITION_ROWS) -> list[Partition]:
    """Every input file of ``source`` cut into runs of at most ``rows`` rows."""
    if rows < 1:
        raise BatchError(f"a partition needs at least one row, not {rows}", source=str(source))
    planned: list[Partition] = []
    for path, name in input_files(source):
        total = _row_count(path)
        for first in range(0, total, rows):
            count = min(rows, total - first)
            digest = hashlib.sha1(f"{name}\x1f{first}\x1f{count}".encode()).hexdigest()[:12]
            planned.append(Partition(f"part-{digest}", str(path), name, first, count))
    return planned


def read_partition(partition: Partition) -> Iterator[Document | InputError]:
    """The partition's documents, and an InputError for each row that is none (a blank line
    too: a row that holds no document is recorded, not skipped in silence)."""
    path = Path(partition.path)
    if _kind(path) == ".parquet":
        yield from _parquet_rows(path, partition)
        return
    with _open_lines(path) as lines:
        for number, raw in enumerate(islice(lines, partition.first,
                                            partition.first + partition.count),
                                     start=partition.first + 1):
            if not raw.strip():
                yield MalformedLineError("blank line", source=partition.name, line=number)
            else:
                yield document_from_line(raw.rstrip("\n"), partition.name, number)


def _parquet_rows(path: Path, partition: Partition) -> Iterator[Document | InputError]:
    import pyarrow.parquet as pq

    table = pq.ParquetFile(path)
    row = 0
    for group in range(table.num_row_groups):
        size = table.metadata.row_group(group).num_rows
        if row + size <= partition.first or row >= partition.first + partition.count:
            row += size
            continue
        for record in table.read_row_group(group).to_pylist():
            if partition.first <= row < partition.first + partition.count:
                yield _from_record(record, partition.name, row + 1)
            row += 1


def _from_record(record: dict[str, Any], name: str, line: int) -> Document | InputError:
    try:
        clean = {key: value for key, value in record.items() if value is not None}
        if "published" in clean and not isinstance(clean["published"], str):
            clean["published"] = clean["published"].isoformat()  # a Parquet date column
        return document_from_record(clean, name, line)
    except InputError as exc:
        return exc
    except (TypeError, ValueError, AttributeError) as exc:
        return MalformedLineError(f"row is not a document ({exc})", source=name, line=line)

