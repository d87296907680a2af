"""Scorer for the ``control`` gold format (issue #6): control, roads, sieges and alerts derived
from a scenario's reports, against what an analyst concluded.

Gold: JSONL ``{id, day, reports: [{id, published, publisher, text}], expect: {control: [{place,
lat, lon, controller, extent}], roads: [{road, ends, status, since}], sieges: [{places, holder,
besieger, start, end, population}], alerts: [{kind, places, actor}]}}``. Each scenario's reports
are ingested into a fresh store and the situation derived on ``day``. Matching, per category:

- *control*: the same controller for a place within :data:`PLACE_KM` of the gold's point (or of
  the same name); extent is reported as a field accuracy, not required;
- *roads*: the same status, the day within :data:`DAY_SLACK` days, and the same route number or
  a shared end;
- *sieges*: a shared place, the same besieger (when the gold names one), the start within
  :data:`DAY_SLACK` days; population and end as field accuracies;
- *alerts*: the same kind and a shared place.

Precision, recall and F1 per category and pooled over all four.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontwatch.errors import GoldFormatError
from frontwatch.eval.metrics import Counts, f1
from frontwatch.eval.places import read_jsonl
from frontwatch.fuse.across import CrossReportFusion
from frontwatch.jobs import ingest, situation
from frontwatch.resolve.gazetteer import Gazetteer, haversine_km
from frontwatch.resolve.normalise import exact_key
from frontwatch.store import Store

__all__ = ["CATEGORIES", "ControlReport", "score_control"]

CATEGORIES = ("control", "roads", "sieges", "alerts")
PLACE_KM = 10.0
DAY_SLACK = 1


@dataclass
class ControlReport:
    scenarios: int = 0
    counts: dict[str, Counts] = field(default_factory=lambda: {name: Counts()
                                                                 for name in CATEGORIES})
    errors: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {"scenarios": self.scenarios}
        pooled = Counts()
        for name, counts in self.counts.items():
            out[f"{name}_precision"] = round(counts.precision, 4)
            out[f"{name}_recall"] = round(counts.recall, 4)
            out[f"{name}_f1"] = round(f1(counts.precision, counts.recall), 4)
            pooled.true_positives += counts.true_positives
            pooled.false_positives += counts.false_positives
            pooled.false_negatives += counts.false_negatives
        out["precision"] = round(pooled.precision, 4)
        out["recall"] = round(pooled.recall, 4)
        out["f1"] = round(f1(pooled.precision, pooled.recall), 4)
        return out


def _same_name(one: str | None, other: str | None) -> bool:
    if not one or not other:
        return False
    first, second = exact_key(one), exact_key(other)
    return first == second or first in second or second in first


def _days_near(one: str | dt.date | None, other: str | dt.date | None) -> bool:
    if one is None or other is None:
        return one is None and other is None
    first = one if isinstance(one, dt.date) else dt.date.fromisoformat(one)
    second = other if isinstance(other, dt.date) else dt.date.fromisoformat(other)
    return abs((first - second).days) <= DAY_SLACK


def _match(gold: Sequence[dict[str, Any]], found: Sequence[Any],
           same: Callable[[dict[str, Any], Any], bool], counts: Counts, errors: list[str],
           scenario: str, category: str, show: Callable[[Any], str]) -> None:
    left = list(found)
    for item in gold:
        hit = next((candidate for candidate in left if same(item, candidate)), None)
        if hit is None:
            counts.false_negatives += 1
            errors.append(f"missed    {scenario} {category}: {json.dumps(item, default=str)}")
        else:
            counts.true_positives += 1
            left.remove(hit)
    for candidate in left:
        counts.false_positives += 1
        errors.append(f"spurious  {scenario} {category}: {show(candidate)}")


def _control_same(gold: dict[str, Any], fact: Any) -> bool:
    near = gold.get("lat") is not None and fact.latitude is not None and haversine_km(
        gold["lat"], gold["lon"], fact.latitude, fact.longitude) <= PLACE_KM
    return (near or _same_name(gold.get("place"), fact.place)) and \
        _same_name(gold.get("controller"), fact.controller)


def _road_same(gold: dict[str, Any], road: Any) -> bool:
    named = bool(gold.get("road")) and _same_name(gold["road"], road.road)
    ends = any(_same_name(end, other) for end in gold.get("ends") or () for other in road.ends)
    return gold.get("status") == road.status and _days_near(gold.get("since"), road.since) and \
        (named or ends)


def _siege_same(gold: dict[str, Any], siege: Any) -> bool:
    shared = any(_same_name(place, other) for place in gold.get("places") or ()
                 for other in siege.places)
    besieger = not gold.get("besieger") or _same_name(gold["besieger"], siege.besieger)
    return shared and besieger and _days_near(gold.get("start"), siege.start)


def _alert_same(gold: dict[str, Any], alert: Any) -> bool:
    return gold.get("kind") == alert.kind and any(
        _same_name(place, other) for place in gold.get("places") or () for other in alert.places)


def _scenario(row: dict[str, Any], gazetteer: Gazetteer | None, report: ControlReport) -> None:
    expect = row.get("expect") or {}
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "reports.jsonl"
        source.write_text("".join(json.dumps(item) + "\n" for item in row["reports"]),
                          encoding="utf-8")
        with Store(f"sqlite:///{Path(folder) / 'fw.db'}", fusion=CrossReportFusion()) as store:
            ingest([source], store, gazetteer=gazetteer)
            found = situation(store, dt.date.fromisoformat(row["day"]), gazetteer)
    scenario = str(row["id"])
    held = [fact for fact in found.control if fact.controller]
    _match(expect.get("control") or [], held, _control_same, report.counts["control"],
           report.errors, scenario, "control",
           lambda fact: f"{fact.place} held by {fact.controller} ({fact.extent or 'all'})")
    _match(expect.get("roads") or [], found.roads, _road_same, report.counts["roads"],
           report.errors, scenario, "roads",
           lambda road: f"{road.road} {road.status} since {road.since}")
    ongoing = [siege for siege in found.sieges]
    _match(expect.get("sieges") or [], ongoing, _siege_same, report.counts["sieges"],
           report.errors, scenario, "sieges",
           lambda siege: f"{siege.places} held by {siege.holder}, by {siege.besieger} "
                         f"from {siege.start}")
    alerts = [alert for alert in found.alerts if alert.kind != "escalation"]
    _match(expect.get("alerts") or [], alerts, _alert_same, report.counts["alerts"],
           report.errors, scenario, "alerts",
           lambda alert: f"{alert.kind} {alert.places} {alert.actors}")


def score_control(path: Path, gazetteer: Gazetteer | None = None) -> ControlReport:
    """Scores of the situation derived for each scenario of the gold at ``path``."""
    rows = read_jsonl(path)
    report = ControlReport(scenarios=len(rows))
    for number, row in enumerate(rows, start=1):
        for key in ("id", "day", "reports"):
            if not row.get(key):
                raise GoldFormatError(f"row {number} has no {key!r}", source=str(path))
        _scenario(row, gazetteer, report)
    return report
