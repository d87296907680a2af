"""Output formats; the ACLED CSV header and a JSONL record are pinned by golden files."""

import csv
import datetime as dt
import io
import json
from pathlib import Path

from frontwatch.export import ACLED_COLUMNS, write_events
from frontwatch.records import Event, Evidence

GOLDEN = Path(__file__).parent / "golden"


def _event() -> Event:
    evidence = Evidence("doc-1", "Gunmen killed five villagers in Kware on Monday.", 10, 58)
    return Event(event_id="evt-1", event_date=dt.date(2024, 3, 11), time_precision=1,
                 disorder_type="Political violence", event_type="Violence against civilians",
                 sub_event_type="Attack", actor1="Unidentified Armed Group (Nigeria)", inter1=3,
                 actor2="Civilians (Nigeria)", inter2=7, civilian_targeting="Civilian targeting",
                 country="Nigeria", iso=566, admin1="Sokoto", location="Kware",
                 latitude=13.22, longitude=5.27, geo_precision=1, fatalities=5,
                 fatalities_text="killed five villagers", source="Wire",
                 notes="On 11 March 2024: Gunmen killed five villagers in Kware on Monday.",
                 evidence=(evidence,), doc_ids=("doc-1",))


def _write(output_format: str) -> str:
    stream = io.StringIO()
    write_events([_event()], stream, output_format)
    return stream.getvalue()


def test_acled_csv_has_acleds_31_columns_in_order() -> None:
    rows = list(csv.reader(io.StringIO(_write("acled-csv"))))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(ACLED_COLUMNS) == 31
    assert rows[1][ACLED_COLUMNS.index("interaction")] == "37"
    assert _write("acled-csv") == (GOLDEN / "event.acled.csv").read_text(encoding="utf-8")


def test_jsonl_record_is_the_contract_record() -> None:
    assert json.loads(_write("jsonl")) == json.loads(
        (GOLDEN / "event.jsonl").read_text(encoding="utf-8"))


def test_geojson_is_a_feature_collection_with_lon_lat_points() -> None:
    collection = json.loads(_write("geojson"))
    assert collection["type"] == "FeatureCollection"
    feature = collection["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [5.27, 13.22]}
    assert feature["properties"]["sub_event_type"] == "Attack"
