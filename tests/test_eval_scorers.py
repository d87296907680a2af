import datetime as dt
import json
from pathlib import Path

from frontwatch.eval.case import score_case
from frontwatch.eval.events import score_events
from frontwatch.eval.metrics import haversine_km, macro_f1, per_class, weighted_f1
from frontwatch.eval.places import score_places
from frontwatch.records import Event, PlaceRef


def test_f1_averages() -> None:
    gold = ["a", "a", "b", "c"]
    predicted = ["a", "b", "b", "c"]
    scores = {s.label: s for s in per_class(gold, predicted)}
    assert scores["a"].precision == 1.0 and scores["a"].recall == 0.5
    assert round(weighted_f1(list(scores.values())), 4) == round((2 * (2 / 3) + 2 / 3 + 1) / 4, 4)
    assert round(macro_f1(list(scores.values())), 4) == round((2 / 3 + 2 / 3 + 1) / 3, 4)


def test_haversine() -> None:
    assert abs(haversine_km(35.336, 40.141, 35.285, 40.175) - 6.4) < 0.5


def test_case_scorer_maps_codes_and_skips(tmp_path: Path) -> None:
    gold = tmp_path / "gold.tsv"
    gold.write_text("id\tEventSnippet\tSubType\n1\tshelling\tART\n2\tquake\tDIS\n"
                    "3\tclaim\tATTRIB\n", encoding="utf-8")
    labels = tmp_path / "labels.tsv"
    labels.write_text("case_code\tacled_sub_event_type\nART\tShelling/artillery/missile attack\n"
                      "DIS\tnone\nATTRIB\tskip\n", encoding="utf-8")
    report = score_case(gold, labels, lambda text: "Shelling/artillery/missile attack"
                        if text == "shelling" else "Attack")
    assert report.total == 2 and report.skipped == 1
    assert report.accuracy == 0.5
    assert ("none", "Attack", 1) in report.confusions


def _event(sub_event_type: str, date: dt.date, lat: float, lon: float, actor1: str) -> Event:
    return Event(event_id="e", event_date=date, time_precision=1, disorder_type="d",
                 event_type="t", sub_event_type=sub_event_type, actor1=actor1, inter1=1,
                 latitude=lat, longitude=lon, location="X", fatalities=2)


def test_events_scorer_matches_type_date_and_place(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    rows = [{"id": "r1", "published": "2024-01-10", "text": "t1", "events": [
        {"sub_event_type": "Armed clash", "date": "2024-01-08", "date_tolerance_days": 1,
         "actor1": ["Army"], "actor2": [], "location": "X", "country_iso2": "SY", "lat": 35.0,
         "lon": 40.0, "km_tolerance": 10, "fatalities": 2},
        {"sub_event_type": "Attack", "date": "2024-01-08", "date_tolerance_days": 0,
         "actor1": ["Gunmen"], "actor2": [], "location": "Y", "country_iso2": "SY", "lat": 36.0,
         "lon": 40.0, "km_tolerance": 10, "fatalities": 0}]}]
    gold.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")

    def extract(text: str, published: dt.date | None, publisher: str | None) -> list[Event]:
        return [_event("Armed clash", dt.date(2024, 1, 9), 35.05, 40.0, "Military Forces of "
                       "Syria; Army"),
                _event("Attack", dt.date(2024, 1, 8), 38.0, 40.0, "Gunmen")]

    report = score_events(gold, extract)
    assert (report.gold, report.predicted, report.matched) == (2, 2, 1)
    assert report.precision == 0.5 and report.recall == 0.5
    assert report.field_accuracy()["fatalities"] == 1.0
    assert report.field_accuracy()["date_exact"] == 0.0


def test_places_scorer_counts_hits_within_radius(tmp_path: Path) -> None:
    gold = tmp_path / "p.jsonl"
    gold.write_text(json.dumps({"id": "1", "headline": "h", "place": "A", "lat": 35.0,
                                "lon": 40.0}) + "\n" + json.dumps(
        {"id": "2", "headline": "h2", "place": "B", "lat": 10.0, "lon": 10.0}) + "\n",
        encoding="utf-8")
    near = PlaceRef(doc_id="d", text="A", start=0, end=1, latitude=35.05, longitude=40.0)
    report = score_places(gold, lambda text, date: [near])
    assert report.hits == 1 and report.total == 2 and report.hit_rate == 0.5
