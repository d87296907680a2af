"""Civilian-protection alerts (issue #6), from claims, sieges and stored events.

- *atrocity_risk*: a report fears or tells of a threatened mass killing (mass executions,
  massacres, killing every resident, ethnic cleansing). The perpetrator is the actor the
  sentence names, else the besieger of the report's besieged population. Severity points:
  a named perpetrator 1; a besieged population 2 (or a population reported trapped 1); a
  population of :data:`LARGE_POPULATION` or more 1; prior atrocities by that actor in the store
  (attacks on civilians, abductions, sexual violence) 1. Points → severity: 4 or more critical,
  3 high, 2 medium, else low.
- *humanitarian*: food, water or medicine lacking, hunger, civilians unable to leave. Points:
  a besieged population 2; a large population 1; food, water or medicine named 1.
- *siege_started* / *siege_ended*: a siege begins or ends (high severity when a population is
  known, else medium).

An alert's places are the besieged population's when the report has one, else the places the
sentences name. One alert per kind, actor and places: ``alert_id`` is computed from them, so new
evidence updates an alert instead of raising another. Quotes are the sentences, with their
documents and offsets; the report's doubts ("could be propaganda") are kept as caveats.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from frontwatch.records import Alert, ControlClaim, Event, Evidence, Siege, content_id

__all__ = ["ATROCITY_TYPES", "LARGE_POPULATION", "alerts_from"]

#: A population this large adds a point of severity.
LARGE_POPULATION = 10_000
#: Event types that count as an actor's prior atrocities.
ATROCITY_TYPES = frozenset({"Attack", "Abduction/forced disappearance", "Sexual violence"})
_NEEDS = ("food", "water", "medicine", "bread", "flour", "meat", "vegetables", "hunger",
          "starv", "famine", "malnutrition")


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
                events: Sequence[Event] = ()) -> list[Alert]:
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
    alerts = [_alert(key, told, siege_by_key[key], events) for key, told in groups.items()]
    alerts += [_siege_alert(siege, "siege_started") for siege in sieges]
    alerts += [_siege_alert(siege, "siege_ended") for siege in sieges if siege.end]
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
    if kind == "humanitarian" and any(need in claim.evidence.sentence.lower()
                                      for claim in told for need in _NEEDS):
        points += 1
        reasons.append("food, water or medicine lacking")
    quotes = tuple(dict.fromkeys(sorted((claim.evidence for claim in told),
                                        key=lambda item: (item.doc_id, item.start))))
    caveats = tuple(dict.fromkeys(item for claim in told for item in claim.caveats))
    days = [claim.date for claim in told]
    return Alert(alert_id=content_id("alr", kind, actor or "", *places), kind=kind,  # type: ignore[arg-type]
                 places=places, actors=(actor,) if actor else (), severity=_severity(points),  # type: ignore[arg-type]
                 reasons=tuple(reasons), population=population, first_seen=min(days),
                 last_seen=max(days), quotes=quotes,
                 certainty="feared" if kind == "atrocity_risk" else "reported", caveats=caveats)


def _siege_alert(siege: Siege, kind: str) -> Alert:
    day: dt.date = siege.start if kind == "siege_started" else siege.end  # type: ignore[assignment]
    quotes: tuple[Evidence, ...] = siege.evidence[:3]
    return Alert(alert_id=content_id("alr", kind, siege.siege_id), kind=kind,  # type: ignore[arg-type]
                 places=siege.places, actors=tuple(actor for actor in (siege.besieger,
                                                                       siege.holder) if actor),
                 severity="high" if siege.population else "medium", reasons=siege.reasons,
                 population=siege.population, first_seen=day, last_seen=day, quotes=quotes,
                 certainty="reported")
