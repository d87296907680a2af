"""Derived knowledge (issue #6): control of places and roads over time, sieges, alerts; from
the reports' control claims (:mod:`frontwatch.derive.claims`) and the stored events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from frontwatch.derive.alerts import alerts_from
from frontwatch.derive.control import control_at, control_timelines, roads_at
from frontwatch.derive.sieges import sieges_at
from frontwatch.records import Alert, ControlClaim, ControlFact, Event, RoadFact, Siege
from frontwatch.resolve.gazetteer import Gazetteer

__all__ = ["Situation", "situation_at"]


@dataclass(frozen=True)
class Situation:
    """What the evidence says on one day: who holds what, roads, sieges and alerts."""

    day: dt.date
    control: tuple[ControlFact, ...]
    roads: tuple[RoadFact, ...]
    sieges: tuple[Siege, ...]
    alerts: tuple[Alert, ...]


def situation_at(day: dt.date, claims: Sequence[ControlClaim], events: Sequence[Event],
                 gazetteer: Gazetteer) -> Situation:
    """Control, roads, sieges and alerts on ``day`` from everything told up to that day."""
    told = [claim for claim in claims if claim.date <= day]
    happened = [event for event in events if event.event_date <= day]
    control = control_at(told, happened, day)
    roads = roads_at(told, day)
    sieges = sieges_at(day, control, roads, told, gazetteer,
                       history=control_timelines(told, happened))
    alerts = alerts_from(told, sieges, happened, day)
    return Situation(day, tuple(control), tuple(roads), tuple(sieges), tuple(alerts))
