"""Serialise events: JSONL (the contract's event record), CSV, GeoJSON (RFC 7946), ACLED CSV.

These are library functions over a text stream; the CLI and the API only pick one.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from frontwatch.records import Event

__all__ = ["ACLED_COLUMNS", "CSV_COLUMNS", "FORMATS", "event_record", "events_frame",
           "write_events"]

#: ACLED's export columns, in ACLED's order (DOMAIN.md).
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
#: The contract's event record, in order (ARCHITECTURE.md), plus ``date_source``.
RECORD_FIELDS = (
    "event_id", "event_date", "event_date_end", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "inter1", "inter2",
    "interaction", "civilian_targeting", "country", "iso", "admin1", "admin2", "location",
    "latitude", "longitude", "geo_precision", "fatalities", "fatalities_text", "certainty",
    "source", "notes", "evidence", "doc_ids", "date_source", "corroboration", "conflicts",
)
CSV_COLUMNS = tuple(field for field in RECORD_FIELDS if field != "evidence") + (
    "evidence_sentence", "evidence_start", "evidence_end")
FORMATS = ("jsonl", "csv", "geojson", "acled-csv")


def event_record(event: Event) -> dict[str, Any]:
    """The contract's JSON record of an event (field order as in ARCHITECTURE.md)."""
    data = event.to_dict()
    provenance = event.provenance
    data["corroboration"] = (provenance.corroboration if provenance else 0) or \
        max(1, len(event.doc_ids))
    data["conflicts"] = list(provenance.conflicts) if provenance else []
    return {field: data.get(field) for field in RECORD_FIELDS}


def _csv_row(event: Event) -> dict[str, Any]:
    record = event_record(event)
    evidence = record.pop("evidence") or [{}]
    record["doc_ids"] = ";".join(record["doc_ids"] or [])
    record["conflicts"] = "; ".join(record["conflicts"] or [])
    record["evidence_sentence"] = evidence[0].get("sentence")
    record["evidence_start"] = evidence[0].get("start")
    record["evidence_end"] = evidence[0].get("end")
    return record


def _acled_row(event: Event) -> dict[str, Any]:
    return {
        "event_id_cnty": event.event_id, "event_date": event.event_date.isoformat(),
        "year": event.event_date.year, "time_precision": event.time_precision,
        "disorder_type": event.disorder_type, "event_type": event.event_type,
        "sub_event_type": event.sub_event_type, "actor1": event.actor1,
        "assoc_actor_1": event.assoc_actor_1 or "", "inter1": event.inter1,
        "actor2": event.actor2 or "", "assoc_actor_2": event.assoc_actor_2 or "",
        "inter2": event.inter2 if event.inter2 is not None else 0,
        "interaction": event.interaction, "civilian_targeting": event.civilian_targeting or "",
        "iso": event.iso or "", "region": "", "country": event.country or "",
        "admin1": event.admin1 or "", "admin2": event.admin2 or "", "admin3": "",
        "location": event.location or "", "latitude": event.latitude, "longitude": event.longitude,
        "geo_precision": event.geo_precision, "source": event.source or "",
        "source_scale": "", "notes": event.notes, "fatalities": event.fatalities,
        "tags": "", "timestamp": "",
    }


def _feature(event: Event) -> dict[str, Any]:
    geometry = None
    if event.latitude is not None and event.longitude is not None:
        geometry = {"type": "Point", "coordinates": [event.longitude, event.latitude]}
    properties = event_record(event)
    return {"type": "Feature", "id": event.event_id, "geometry": geometry,
            "properties": properties}


def write_events(events: Iterable[Event], stream: TextIO, output_format: str = "jsonl") -> int:
    """Write ``events`` to ``stream`` in ``output_format``; returns how many were written."""
    count = 0
    if output_format == "jsonl":
        for event in events:
            stream.write(json.dumps(event_record(event), ensure_ascii=False) + "\n")
            count += 1
    elif output_format in ("csv", "acled-csv"):
        columns = CSV_COLUMNS if output_format == "csv" else ACLED_COLUMNS
        row = _csv_row if output_format == "csv" else _acled_row
        writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for event in events:
            writer.writerow(row(event))
            count += 1
    elif output_format == "geojson":
        features = [_feature(event) for event in events]
        json.dump({"type": "FeatureCollection", "features": features}, stream, ensure_ascii=False)
        stream.write("\n")
        count = len(features)
    else:
        raise ValueError(f"unknown format {output_format!r}; expected one of {FORMATS}")
    return count


def events_frame(events: Iterable[Event]) -> Any:
    """A pandas DataFrame of ``events``, one row per event with the CSV export's columns (dates
    as dates); pandas is the optional extra ``frontwatch[pandas]``."""
    try:
        import pandas
    except ImportError as exc:
        raise ModuleNotFoundError(
            "events_frame needs pandas: pip install 'frontwatch[pandas]'") from exc
    frame = pandas.DataFrame([_csv_row(event) for event in events], columns=list(CSV_COLUMNS))
    for column in ("event_date", "event_date_end"):
        frame[column] = pandas.to_datetime(frame[column]).dt.date
    return frame
