"""The rows a batch writes, table by table, and their Parquet schemas.

Five tables: ``documents`` (one row per document read, with its text), ``events`` (the
contract's event record, one column per field, plus the record's full JSON), ``mentions`` and
``claims`` (what the events and the control picture rest on), ``failures`` (one row per input
row that gave no analysis: the source, the row, the stable error code and the message).
Every row carries its ``partition_id``; a document's rows share its ``doc_row`` (its place
among the partition's documents: two versions of one ``doc_id`` keep their own events). The
``record`` columns hold the full JSON a store needs to load the rows (``frontwatch batch
--db``); the other columns are there to query.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

import pyarrow as pa

from frontwatch.export import event_record
from frontwatch.pipeline import Analysis
from frontwatch.records import Failure, to_dict

__all__ = ["SCHEMAS", "TABLES", "rows_of", "table_of"]

_EVENT_COLUMNS: list[tuple[str, pa.DataType]] = [
    ("event_id", pa.string()), ("event_date", pa.date32()), ("event_date_end", pa.date32()),
    ("time_precision", pa.int8()), ("disorder_type", pa.string()), ("event_type", pa.string()),
    ("sub_event_type", pa.string()), ("actor1", pa.string()), ("assoc_actor_1", pa.string()),
    ("actor2", pa.string()), ("assoc_actor_2", pa.string()), ("inter1", pa.int8()),
    ("inter2", pa.int8()), ("interaction", pa.int16()), ("civilian_targeting", pa.string()),
    ("country", pa.string()), ("iso", pa.int16()), ("admin1", pa.string()),
    ("admin2", pa.string()), ("location", pa.string()), ("latitude", pa.float64()),
    ("longitude", pa.float64()), ("geo_precision", pa.int8()), ("fatalities", pa.int32()),
    ("fatalities_text", pa.string()), ("certainty", pa.string()), ("source", pa.string()),
    ("notes", pa.string()), ("evidence_sentence", pa.string()), ("evidence_start", pa.int32()),
    ("evidence_end", pa.int32()), ("doc_ids", pa.list_(pa.string())),
    ("date_source", pa.string()), ("corroboration", pa.int16()),
    ("conflicts", pa.list_(pa.string())),
]

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("partition_id", pa.string()), ("doc_row", pa.int32()), ("doc_id", pa.string()),
        ("source", pa.string()), ("published", pa.date32()), ("publisher", pa.string()),
        ("title", pa.string()), ("url", pa.string()), ("language", pa.string()), ("confidential", pa.bool_()),
        ("chars", pa.int64()), ("events", pa.int32()), ("record", pa.string()),
    ]),
    "events": pa.schema([("partition_id", pa.string()), ("doc_row", pa.int32()),
                         ("doc_id", pa.string()),
                         *_EVENT_COLUMNS, ("record", pa.string())]),
    "mentions": pa.schema([
        ("partition_id", pa.string()), ("doc_row", pa.int32()), ("mention_id", pa.string()),
        ("doc_id", pa.string()),
        ("sub_event_type", pa.string()), ("certainty", pa.string()),
        ("fatalities", pa.int32()), ("sentence", pa.string()), ("record", pa.string()),
    ]),
    "claims": pa.schema([
        ("partition_id", pa.string()), ("doc_row", pa.int32()), ("claim_id", pa.string()),
        ("doc_id", pa.string()),
        ("kind", pa.string()), ("date", pa.date32()), ("record", pa.string()),
    ]),
    "failures": pa.schema([
        ("partition_id", pa.string()), ("source", pa.string()), ("line", pa.int64()),
        ("doc_id", pa.string()), ("code", pa.string()), ("message", pa.string()),
    ]),
}
TABLES = tuple(SCHEMAS)


def _json(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def _document_row(analysis: Analysis) -> dict[str, Any]:
    document = analysis.document
    return {"doc_id": document.id, "source": document.source_path,
            "published": document.published, "publisher": document.publisher,
            "title": document.title, "url": document.url, "language": document.language,
            "confidential": document.confidential, "chars": len(document.text),
            "events": len(analysis.events), "record": _json(document.to_dict())}


def _event_row(doc_id: str, record: dict[str, Any], full: dict[str, Any]) -> dict[str, Any]:
    row = {name: record.get(name) for name, _ in _EVENT_COLUMNS}
    for name in ("event_date", "event_date_end"):
        value = row[name]
        if isinstance(value, str):
            row[name] = dt.date.fromisoformat(value)
    evidence = (record.get("evidence") or [{}])[0]
    row.update(doc_id=doc_id, evidence_sentence=evidence.get("sentence"),
               evidence_start=evidence.get("start"), evidence_end=evidence.get("end"),
               record=_json(full))
    return row


def _where(failure: Failure) -> tuple[str, int | None]:
    """The input and row of a failure: a document refused after reading is named
    ``file:row`` (its source), a row that gave no document ``file`` and its ``line``."""
    name, sep, row = failure.source.rpartition(":")
    if failure.line is None and sep and row.isdigit():
        return name, int(row)
    return failure.source, failure.line


def rows_of(outcomes: Iterable[Analysis | Failure]) -> dict[str, list[dict[str, Any]]]:
    """Each table's rows for the analyses and failures of one partition, in input order."""
    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
    for outcome in outcomes:
        if isinstance(outcome, Failure):
            source, line = _where(outcome)
            rows["failures"].append({"source": source, "line": line,
                                     "doc_id": outcome.doc_id, "code": outcome.code,
                                     "message": outcome.message})
            continue
        doc_id, doc_row = outcome.document.id, len(rows["documents"])
        rows["documents"].append({"doc_row": doc_row, **_document_row(outcome)})
        for event in outcome.events:
            rows["events"].append({"doc_row": doc_row, **_event_row(
                doc_id, event_record(event), event.to_dict())})
        for mention in outcome.mentions:
            rows["mentions"].append({
                "doc_row": doc_row, "mention_id": mention.id, "doc_id": doc_id,
                "sub_event_type": mention.sub_event_type, "certainty": mention.certainty,
                "fatalities": mention.fatalities, "sentence": mention.evidence.sentence,
                "record": _json(to_dict(mention))})
        for claim in outcome.claims:
            rows["claims"].append({"doc_row": doc_row, "claim_id": claim.claim_id,
                                   "doc_id": doc_id, "kind": claim.kind, "date": claim.date,
                                   "record": _json(claim.to_dict())})
    return rows


def table_of(name: str, rows: list[dict[str, Any]], partition_id: str) -> pa.Table:
    """``rows`` of table ``name`` as an Arrow table of its schema."""
    schema = SCHEMAS[name]
    for row in rows:
        row["partition_id"] = partition_id
    return pa.Table.from_pylist(rows, schema=schema)
