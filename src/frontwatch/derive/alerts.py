"""Civilian-protection alerts (issue #6), from claims, sieges and stored events.

- *atrocity_risk*: a report fears or tells of a threatened mass killing (mass executions,
  massacres, killing every resident, ethnic cleansing). The perpetrator is the actor the
  sentence names, else the besieger of the report's besieged population. Severity points:
  a named perpetrator 1; a besieged population 2 (or a population reported trapped 1); a
  population of :data:`LARGE_POPULATION` or more 1; prior atrocities by that actor in the store
  (attacks on civilians, abductions, sexual violence) 1. A population newly captured (a
  takeover by the perpetrator, or by anyone when none is named, within
  :data:`NEWLY_CAPTURED_DAYS` before the report, within :data:`NEAR_KM` of its places) counts as
  a besieged one does, 2. Points → severity: 4 or more critical, 3 high, 2 medium, else low.
- *humanitarian*: food, water or medicine lacking, hunger, civilians unable to leave. Points:
  a besieged population 2; a large population 1; food, water or medicine named 1.
- *siege_started* / *siege_ended*: a siege begins or ends (high severity when a population is
  known, else medium).
- *escalation* (given the day): an area's (country and admin1) events in the week ending that
  day are improbable under its baseline, the mean weekly count of the eight weeks before
  (one-sided Poisson test; false-alarm rate 1 % per area and week; at least three events and
  four weeks of history). Points: 2, plus 1 at four times the baseline, plus 1 at ten deaths.

An alert's places are the besieged population's when the report has one, else the places the
sentences name. One alert per kind, actor and places: ``alert_id`` is computed from them, so new
evidence updates an alert instead of raising another. Quotes are the sentences, with their
documents and offsets; the report's doubts ("could be propaganda") are kept as caveats.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Sequence

from frontwatch.derive.control import TAKEOVER_TYPES
from frontwatch.records import Alert, ControlClaim, Event, Evidence, Siege, content_id
from frontwatch.resolve.gazetteer import haversine_km

__all__ = ["ATROCITY_TYPES", "FALSE_ALARM_RATE", "LARGE_POPULATION", "alerts_from",
           "escalation_alerts", "poisson_tail"]

#: A population this large adds a point of severity.
LARGE_POPULATION = 10_000
#: How recent and how near a takeover must be to make the population "newly captured".
NEWLY_CAPTURED_DAYS = 30
NEAR_KM = 25.0
#: Event types that count as an actor's prior atrocities.
ATROCITY_TYPES = frozenset({"Attack", "Abduction/forced disappearance", "Sexual violence"})
_NEEDS = ("food", "water", "medicine", "bread", "flour", "meat", "vegetables", "hunger",
          "starv", "famine", "malnutrition")
#: Words of a hardship claim that tell people cannot get away.
_CONFINED = ("leave", "flee", "way out", "in or out")


def _severity(points: int) -> str:
    return "critical" if points >= 4 else "high" if points == 3 else \
        "medium" if points == 2 else "low"


def _siege_of(claim: ControlClaim, sieges: Sequence[Siege]) -> Siege | None:
    """The siege the claim's report tells of (its evidence shares the document), the largest."""
    told = [siege for siege in sieges if any(item.doc_id == claim.doc_id
                                             for item in siege.evidence)]
    told = [siege for siege in told if not claim.actor or siege.besieger == claim.actor] or told
    return max(told, key=lambda siege: (siege.population or 0, siege.siege_id), default=None)


def alerts_from(claims: Sequence[ControlClaim], sieges: Sequence[Siege],
                events: Sequence[Event] = (), day: dt.date | None = None) -> list[Alert]:
    """Every alert the evidence supports (see the module text), by kind then id."""
    groups: dict[tuple[str, str | None, tuple[str, ...]], list[ControlClaim]] = defaultdict(list)
    siege_by_key: dict[tuple[str, str | None, tuple[str, ...]], Siege | None] = {}
    for claim in claims:
        if claim.kind not in ("atrocity_threat", "hardship"):
            continue
        siege = _siege_of(claim, sieges)
        actor = claim.actor or (siege.besieger if siege else None)
        if claim.kind == "hardship":
            actor = siege.besieger if siege else None
        places = siege.places if siege else tuple(dict.fromkeys(
            ref.name or ref.text for ref in claim.places if ref.feature != "country"))
        if not places:
            continue
        kind = "atrocity_risk" if claim.kind == "atrocity_threat" else "humanitarian"
        key = (kind, actor, tuple(places))
        groups[key].append(claim)
        siege_by_key[key] = siege
    for key in [key for key in groups if key[1] is None]:
        # "Fears of reprisals in Darfur village" (no actor) is the alert that names RSF
        named = [other for other in groups if other[0] == key[0] and other[2] == key[2] and
                 other[1] is not None]
        if len(named) == 1:
            groups[named[0]].extend(groups.pop(key))
    alerts = [_alert(key, told, siege_by_key[key], events) for key, told in groups.items()]
    alerts += [_siege_alert(siege, "siege_started") for siege in sieges]
    alerts += [_siege_alert(siege, "siege_ended") for siege in sieges if siege.end]
    if day is not None:
        alerts += escalation_alerts(events, day)
    return sorted(alerts, key=lambda alert: (alert.kind, alert.alert_id))


def _alert(key: tuple[str, str | None, tuple[str, ...]], told: list[ControlClaim],
           siege: Siege | None, events: Sequence[Event]) -> Alert:
    kind, actor, places = key
    points, reasons = 0, []
    population = siege.population if siege else None
    if kind == "atrocity_risk" and actor:
        points += 1
        reasons.append(f"a named perpetrator: {actor}")
    if siege is not None:
        points += 2
        reasons.append(f"a besieged population (siege by {siege.besieger or 'an armed actor'} "
                       f"since {siege.start.isoformat()})")
    captured = _newly_captured(actor, told, events) if siege is None and \
        kind == "atrocity_risk" else None
    if captured is not None:
        points += 2
        reasons.append(f"a newly captured population ({captured.actor1} took "
                       f"{captured.location} on {captured.event_date.isoformat()})")
    if population and population >= LARGE_POPULATION:
        points += 1
        reasons.append(f"{population:,} people at risk")
    if kind == "atrocity_risk" and actor:
        prior = [event for event in events if event.actor1 == actor and
                 event.sub_event_type in ATROCITY_TYPES and
                 event.event_date < min(claim.date for claim in told)]
        if prior:
            points += 1
            reasons.append(f"{len(prior)} prior attacks on civilians by {actor} in the store")
    said = " ".join(claim.evidence.sentence.lower() for claim in told)
    if kind == "humanitarian" and any(need in said for need in _NEEDS):
        points += 1
        reasons.append("food, water or medicine lacking")
    elif kind == "humanitarian":  # every alert says why it was raised
        reasons.append("civilians unable to leave" if any(word in said for word in _CONFINED)
                       else "power or fuel lacking" if any(word in said for word in
                                                           ("electricity", "power", "fuel"))
                       else "supplies lacking")
    quotes = tuple(dict.fromkeys(sorted((claim.evidence for claim in told),
                                        key=lambda item: (item.doc_id, item.start))))
    caveats = tuple(dict.fromkeys(item for claim in told for item in claim.caveats))
    days = [claim.date for claim in told]
    return Alert(alert_id=content_id("alr", kind, actor or "", *places), kind=kind,  # type: ignore[arg-type]
                 places=places, actors=(actor,) if actor else (), severity=_severity(points),  # type: ignore[arg-type]
                 reasons=tuple(reasons), population=population, first_seen=min(days),
                 last_seen=max(days), quotes=quotes,
                 certainty="feared" if kind == "atrocity_risk" else "reported", caveats=caveats)


def _newly_captured(actor: str | None, told: Sequence[ControlClaim],
                    events: Sequence[Event]) -> Event | None:
    """The latest takeover near the claims' places in the days before them (by ``actor``,
    when one is named)."""
    points = [(ref.latitude, ref.longitude) for claim in told for ref in claim.places
              if ref.latitude is not None and ref.longitude is not None]
    last = max(claim.date for claim in told)
    taken = [event for event in events if event.sub_event_type in TAKEOVER_TYPES and
             actor in (None, event.actor1) and event.latitude is not None and
             event.longitude is not None and
             0 <= (last - event.event_date).days <= NEWLY_CAPTURED_DAYS and
             any(haversine_km(lat, lon, event.latitude, event.longitude) <= NEAR_KM
                 for lat, lon in points)]  # type: ignore[arg-type]
    return max(taken, key=lambda event: event.event_date, default=None)


def _siege_alert(siege: Siege, kind: str) -> Alert:
    day: dt.date = siege.start if kind == "siege_started" else siege.end  # type: ignore[assignment]
    quotes: tuple[Evidence, ...] = siege.evidence[:3]
    return Alert(alert_id=content_id("alr", kind, siege.siege_id), kind=kind,  # type: ignore[arg-type]
                 places=siege.places, actors=tuple(actor for actor in (siege.besieger,
                                                                       siege.holder) if actor),
                 severity="high" if siege.population else "medium", reasons=siege.reasons,
                 population=siege.population, first_seen=day, last_seen=day, quotes=quotes,
                 certainty="reported")


#: Weeks of history the baseline of an area is the mean of (the weeks before the one tested).
BASELINE_WEEKS = 8
#: Fewest weeks of history an area needs before it is tested.
MIN_HISTORY_WEEKS = 4
#: The false-alarm rate per area and week: an escalation alert fires when a week's count is
#: this improbable under the area's baseline rate (one-sided Poisson test).
FALSE_ALARM_RATE = 0.01
#: A baseline rate is never taken below this (an area with no events is not quiet for sure).
MIN_BASELINE_RATE = 0.5
#: Fewest events in a week for an escalation (a jump from none to two is no escalation).
MIN_ESCALATION_EVENTS = 3


def poisson_tail(count: int, rate: float) -> float:
    """P(X >= count) for X ~ Poisson(rate)."""
    term, below = math.exp(-rate), 0.0
    for k in range(count):
        below += term
        term *= rate / (k + 1)
    return max(0.0, 1.0 - below)


def escalation_alerts(events: Sequence[Event], day: dt.date) -> list[Alert]:
    """Areas (country and admin1) whose events in the week ending on ``day`` exceed their
    baseline (the mean weekly count of the :data:`BASELINE_WEEKS` weeks before) with a one-sided
    Poisson test at :data:`FALSE_ALARM_RATE`; fatalities are reported beside the count."""
    by_area: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for event in events:
        if event.country and event.admin1 and event.event_date <= day:
            by_area[(event.country, event.admin1)].append(event)
    alerts = []
    for (country, admin1), told in sorted(by_area.items()):
        weeks = [(day - event.event_date).days // 7 for event in told]
        history = max(weeks)
        if history < MIN_HISTORY_WEEKS:
            continue
        this_week = [event for event, week in zip(told, weeks, strict=True) if week == 0]
        span = min(BASELINE_WEEKS, history)
        before = sum(1 for week in weeks if 1 <= week <= span)
        rate = max(before / span, MIN_BASELINE_RATE)
        p_value = poisson_tail(len(this_week), rate)
        if len(this_week) < MIN_ESCALATION_EVENTS or p_value >= FALSE_ALARM_RATE:
            continue
        deaths = sum(event.fatalities for event in this_week)
        points = 2 + (len(this_week) >= 4 * rate) + (deaths >= 10)
        quotes = tuple(event.evidence[0] for event in sorted(
            this_week, key=lambda event: event.event_date) if event.evidence)
        alerts.append(Alert(
            alert_id=content_id("alr", "escalation", country, admin1, day.isoformat()),
            kind="escalation", places=(f"{admin1}, {country}",),
            actors=tuple(sorted({event.actor1 for event in this_week if event.actor1})),
            severity=_severity(points),  # type: ignore[arg-type]
            reasons=(f"{len(this_week)} events in the week to {day.isoformat()} against a "
                     f"baseline of {rate:.1f} a week over {span} weeks (Poisson p = "
                     f"{p_value:.4f} < {FALSE_ALARM_RATE})", f"{deaths} deaths reported"),
            population=None, first_seen=min(event.event_date for event in this_week),
            last_seen=max(event.event_date for event in this_week), quotes=quotes,
            certainty="reported"))
    return alerts
