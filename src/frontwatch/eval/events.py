"""Scorer for the ``events`` gold format: event precision, recall and F1, per-field accuracy.

Gold: JSONL ``{id, published, text, events: [{sub_event_type, date, date_tolerance_days, actor1,
actor2, location, country_iso2, lat, lon, km_tolerance, fatalities}]}``. A predicted event matches
a gold event of the same report with the same sub_event_type, a date within the tolerance (a
predicted range counts when it overlaps) and a location within ``km_tolerance``; each event matches
at most once (gold events in order, best candidate first).

Event-location accuracy (issue #4) is scored apart from detection: over the gold events that some
predicted event of the same report matches by type and date alone, the share whose matched event
lies within the gold's ``km_tolerance`` (each predicted event used once, one within tolerance
preferred). A missed event does not count against it; an event put at the wrong place does.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontwatch.errors import GoldFormatError
from frontwatch.eval.metrics import f1, haversine_km
from frontwatch.eval.places import read_jsonl
from frontwatch.records import Event

__all__ = ["EventsReport", "matches", "score_events"]

FIELDS = ("actor1", "actor2", "fatalities", "location", "date_exact")


@dataclass
class EventsReport:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    type_only_matched: int = 0
    field_hits: Counter[str] = field(default_factory=Counter)
    type_date_matched: int = 0
    located: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    misplaced: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    @property
    def location_accuracy(self) -> float:
        """Share of type-and-date matches placed within the gold's km tolerance."""
        return self.located / self.type_date_matched if self.type_date_matched else 0.0

    def field_accuracy(self) -> dict[str, float]:
        return {name: round(self.field_hits[name] / self.matched, 4) if self.matched else 0.0
                for name in FIELDS}

    def summary(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "gold": self.gold, "predicted": self.predicted,
                "matched": self.matched,
                "type_recall": round(self.type_only_matched / self.gold, 4) if self.gold else 0,
                "location_accuracy": round(self.location_accuracy, 4),
                "type_date_matched": self.type_date_matched, "located": self.located,
                **{f"acc_{k}": v for k, v in self.field_accuracy().items()}}


def _date_ok(event: Event, gold: dict[str, Any]) -> bool:
    day = dt.date.fromisoformat(str(gold["date"]))
    tolerance = dt.timedelta(days=int(gold.get("date_tolerance_days") or 0))
    start, end = event.event_date, event.event_date_end or event.event_date
    return start - tolerance <= day <= end + tolerance


def _place_ok(event: Event, gold: dict[str, Any]) -> bool:
    if event.latitude is None or event.longitude is None:
        return False
    distance = haversine_km(float(gold["lat"]), float(gold["lon"]), event.latitude,
                            event.longitude)
    return distance <= float(gold.get("km_tolerance") or 10)


def matches(event: Event, gold: dict[str, Any]) -> bool:
    """Same sub-event type, date within tolerance, place within km_tolerance."""
    return event.sub_event_type == gold["sub_event_type"] and _date_ok(event, gold) and \
        _place_ok(event, gold)


def _score_location(report: EventsReport, report_id: object, predicted: Sequence[Event],
                    gold_events: Sequence[dict[str, Any]]) -> None:
    """Event-location accuracy of one report (see the module docstring)."""
    free = list(predicted)
    for gold in gold_events:
        timely = [event for event in free if event.sub_event_type == gold["sub_event_type"]
                  and _date_ok(event, gold)]
        if not timely:
            continue
        chosen = next((event for event in timely if _place_ok(event, gold)), timely[0])
        free.remove(chosen)
        report.type_date_matched += 1
        if _place_ok(chosen, gold):
            report.located += 1
        else:
            report.misplaced.append(f"{report_id}: {gold['sub_event_type']} {gold['date']} "
                                    f"gold {gold.get('location')} got {chosen.location}")


def _actor_ok(predicted: str | None, aliases: Sequence[str]) -> bool:
    if not aliases:
        return not predicted
    if not predicted:
        return False
    lowered = predicted.lower()
    return any(alias.lower() == lowered or alias.lower() in lowered for alias in aliases)


def _score_fields(report: EventsReport, event: Event, gold: dict[str, Any]) -> None:
    report.field_hits["actor1"] += _actor_ok(event.actor1, gold.get("actor1") or [])
    report.field_hits["actor2"] += _actor_ok(event.actor2, gold.get("actor2") or [])
    report.field_hits["fatalities"] += event.fatalities == int(gold.get("fatalities") or 0)
    report.field_hits["location"] += _place_ok(event, {**gold, "km_tolerance": 10})
    report.field_hits["date_exact"] += event.event_date.isoformat() == str(gold["date"])


def score_events(gold_path: Path,
                 extract: Callable[[str, dt.date | None, str | None], Sequence[Event]]
                 ) -> EventsReport:
    """Run ``extract(text, published, publisher)`` on every report and match events."""
    report = EventsReport()
    for number, row in enumerate(read_jsonl(gold_path), start=1):
        try:
            text, gold_events = str(row["text"]), list(row["events"])  # type: ignore[call-overload]
            published = dt.date.fromisoformat(str(row["published"])) if row.get("published") \
                else None
        except (KeyError, TypeError, ValueError) as exc:
            raise GoldFormatError(f"needs text, events, published ({exc})",
                                  source=str(gold_path), line=number) from exc
        predicted = list(extract(text, published, row.get("publisher")))  # type: ignore[arg-type]
        report.gold += len(gold_events)
        report.predicted += len(predicted)
        free = list(predicted)
        types = Counter(event.sub_event_type for event in predicted)
        for gold in gold_events:
            if types[gold["sub_event_type"]] > 0:
                types[gold["sub_event_type"]] -= 1
                report.type_only_matched += 1
            hit = next((event for event in free if matches(event, gold)), None)
            if hit is None:
                report.missed.append(f"{row.get('id')}: {gold['sub_event_type']} "
                                     f"{gold['date']} {gold.get('location')}")
                continue
            free.remove(hit)
            report.matched += 1
            _score_fields(report, hit, gold)
        _score_location(report, row.get("id"), predicted, gold_events)
        report.spurious.extend(f"{row.get('id')}: {event.sub_event_type} {event.event_date} "
                               f"{event.location}" for event in free)
    return report
