"""A batch's output (Parquet or JSONL) into a store (``frontwatch batch --db``): each document with its
events, mentions and claims in one transaction, as ``ingest`` stores them (the same text twice is
stored once; events of several reports fuse across documents), and the failures recorded.
Partitions are loaded in plan order, so a store gets the same rows from either engine."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from frontwatch.records import ControlClaim, Document, Event, Failure, Mention
from frontwatch.records_json import from_json_dict
from frontwatch.store import Store

__all__ = ["LoadReport", "load_partitions"]


@dataclass
class LoadReport:
    documents: int = 0
    duplicates: int = 0
    events: int = 0
    failures: int = 0


def _rows(out: Path, table: str, partition_id: str) -> list[dict[str, Any]]:
    parquet = out / table / f"{partition_id}.parquet"
    if parquet.is_file():
        return pq.read_table(parquet).to_pylist()
    lines = out / table / f"{partition_id}.jsonl"
    if lines.is_file():
        return [json.loads(line) for line in lines.read_text(encoding="utf-8").splitlines()]
    return []


def _by_document(rows: Iterable[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["doc_row"]].append(json.loads(row["record"]))
    return grouped


def load_partitions(out: Path, partition_ids: Iterable[str], store: Store,
                    run_id: int | None = None) -> LoadReport:
    """Store the rows of ``partition_ids`` written under ``out``."""
    report = LoadReport()
    for partition_id in partition_ids:
        events = _by_document(_rows(out, "events", partition_id))
        mentions = _by_document(_rows(out, "mentions", partition_id))
        claims = _by_document(_rows(out, "claims", partition_id))
        for row in _rows(out, "documents", partition_id):
            document = from_json_dict(Document, json.loads(row["record"]))
            key = row["doc_row"]
            stored = store.add_analysed(
                document, [Event.from_dict(item) for item in events[key]], run_id,
                claims=[ControlClaim.from_dict(item) for item in claims[key]],
                mentions=[from_json_dict(Mention, item) for item in mentions[key]])
            if stored is None:
                report.duplicates += 1
            else:
                report.documents += 1
                report.events += len(events[key])
        for row in _rows(out, "failures", partition_id):
            store.add_failure(Failure(source=row["source"] or "", code=row["code"],
                                      message=row["message"], line=row["line"],
                                      doc_id=row["doc_id"]), run_id)
            report.failures += 1
    return report
