"""Who holds which place, and which roads are cut, over time (issue #6), from the store's events
and the reports' control claims.

Each place gets a timeline of its controller. Evidence, in date order:

- a *takeover*: an event "Non-state actor overtakes territory" or "Government regains
  territory" at the place (its first actor takes it; not a road cut, which ACLED codes so), or
  a "Non-violent transfer of territory" told with a verb of taking ("seized the town after the
  army withdrew");
- a *statement*: a report that an actor holds it ("regime-held districts", "IS-controlled
  province", "under the control of").

A takeover changes the controller on its day. A statement starts a timeline, confirms the
controller, or competes with it; competing evidence within :data:`WINDOW_DAYS` before the day is
settled by the rule monitors use (DOMAIN.md): the actor with at least twice the takeovers of all
others holds the place; failing that, the actor with two thirds of the statements' weight; failing
that, the place is *contested* (controller None). Evidence loses weight with age: a statement
counts ``0.5 ** (age / HALF_LIFE_DAYS)``. A fact's confidence is the share of the weight (at the
day asked) that supports its controller, times the freshness of the newest evidence.

A statement about a region ("most of Deir ez-Zor province") informs the places inside it that
have no evidence of their own (rule "admin containment", half the confidence).

Roads: each road (by its route number, else by the places it links) is cut or open from the day
a report says so; a later report of the other state ends the period.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from frontwatch.derive.claims import ROAD_CUT as _ROAD_CUT
from frontwatch.records import ControlClaim, ControlFact, Event, Evidence, PlaceRef, RoadFact
from frontwatch.resolve.gazetteer import haversine_km

__all__ = ["HALF_LIFE_DAYS", "TAKEOVER_TYPES", "WINDOW_DAYS", "control_at", "control_timelines",
           "road_timelines", "roads_at"]

#: How far back competing evidence is weighed against a new statement.
WINDOW_DAYS = 90
#: A statement this old counts half.
HALF_LIFE_DAYS = 60
TAKEOVER_TYPES = frozenset({"Non-state actor overtakes territory", "Government regains territory"})


@dataclass(frozen=True)
class _Seen:
    day: dt.date
    actor: str
    takeover: bool
    evidence: Evidence
    extent: str | None


def _weight(seen: _Seen, day: dt.date) -> float:
    return 0.5 ** (max(0, (day - seen.day).days) / HALF_LIFE_DAYS)


def _observations(claims: Iterable[ControlClaim], events: Iterable[Event]
                  ) -> tuple[dict[str, list[_Seen]], dict[str, PlaceRef]]:
    seen: dict[str, list[_Seen]] = defaultdict(list)
    places: dict[str, PlaceRef] = {}
    for claim in claims:
        if claim.kind != "holds" or not claim.actor:
            continue
        for ref in claim.places:
            if ref.gazetteer_id:
                places.setdefault(ref.gazetteer_id, ref)
                seen[ref.gazetteer_id].append(_Seen(claim.date, claim.actor, False,
                                                    claim.evidence, claim.extent))
    for event in events:
        if not event.actor1 or not event.evidence or event.latitude is None or \
                not _taken_by_actor1(event):
            continue
        key = f"event-place:{event.latitude:.4f},{event.longitude:.4f}"
        ref = PlaceRef(doc_id=event.doc_ids[0] if event.doc_ids else "", text=event.location or "",
                       start=0, end=0, name=event.location, gazetteer_id=key,
                       latitude=event.latitude, longitude=event.longitude, admin1=event.admin1)
        key = _same_place(places, ref) or key
        places.setdefault(key, ref)
        seen[key].append(_Seen(event.event_date, event.actor1, True, event.evidence[0], None))
    return seen, places


#: Places this close are one place (an event's point and a claim's entry for one town).
SAME_PLACE_KM = 3.0


#: Verbs of taking a place: in a non-violent transfer told with one, the first actor took it
#: ("seized the town after the army withdrew"); told with a withdrawal alone, it left.
_TAKING = re.compile(r"\b(?:seiz|captur|recaptur|took|tak(?:e|en|ing)|retook|retak|enter|overr|"
                     r"assum|handed\s+over\s+to)\w*", re.I)


def _taken_by_actor1(event: Event) -> bool:
    sentence = event.evidence[0].sentence
    if event.sub_event_type in TAKEOVER_TYPES:
        # a road cut is coded as a takeover; the town at its end is not taken, unless the
        # sentence says so too ("seized Sake, cutting the N2")
        return not _ROAD_CUT.search(sentence) or bool(_TAKING.search(sentence))
    return event.sub_event_type == "Non-violent transfer of territory" and \
        bool(_TAKING.search(sentence))


def _same_place(places: dict[str, PlaceRef], ref: PlaceRef) -> str | None:
    """A stored event's place is a known place when their points lie within
    :data:`SAME_PLACE_KM` ("Palmyra" and "Tadmur" are one town), the nearest; a region never."""
    near = [(haversine_km(known.latitude, known.longitude, ref.latitude or 0.0,
                          ref.longitude or 0.0), key)
            for key, known in places.items()
            if known.latitude is not None and known.longitude is not None and
            known.feature not in ("admin1", "country", "region")]
    near = [(distance, key) for distance, key in near if distance <= SAME_PLACE_KM]
    return min(near)[1] if near else None


def _settle(window: Sequence[_Seen], day: dt.date) -> tuple[str | None, str]:
    """The controller by the rule of the module text, and the rule that decided."""
    takeovers: dict[str, int] = defaultdict(int)
    weights: dict[str, float] = defaultdict(float)
    for item in window:
        if item.takeover:
            takeovers[item.actor] += 1
        weights[item.actor] += _weight(item, day)
    if takeovers:
        leader = max(sorted(takeovers), key=lambda actor: takeovers[actor])
        if takeovers[leader] >= 2 * (sum(takeovers.values()) - takeovers[leader]):
            return leader, "takeovers"
    total = sum(weights.values())
    leader = max(sorted(weights), key=lambda actor: weights[actor])
    if total and weights[leader] >= 2 / 3 * total:
        return leader, "statements"
    return None, "contested"


def _timeline(place_id: str, ref: PlaceRef, seen: list[_Seen]) -> list[ControlFact]:
    facts: list[ControlFact] = []
    current: str | None = None
    controller: str | None
    since: dt.date | None = None
    rule = ""
    support: list[_Seen] = []
    for item in sorted(seen, key=lambda each: (each.day, not each.takeover, each.actor)):
        window = [each for each in seen if item.day - dt.timedelta(days=WINDOW_DAYS) <= each.day
                  <= item.day]
        if since is None:
            controller, how = (item.actor, "takeover" if item.takeover else "statement")
        elif item.takeover:
            controller, how = item.actor, "takeover"
        elif item.actor == current:
            support.append(item)
            continue
        else:
            controller, how = _settle(window, item.day)
        if since is not None and controller == current:
            support.append(item)
            continue
        if since is not None:
            facts.append(_fact(place_id, ref, current, since, item.day, rule, support))
        current, since, rule = controller, item.day, how
        support = [each for each in window if each.actor == controller] or [item]
    if since is not None:
        facts.append(_fact(place_id, ref, current, since, None, rule, support))
    return facts


def _fact(place_id: str, ref: PlaceRef, controller: str | None, since: dt.date,
          until: dt.date | None, rule: str, support: list[_Seen]) -> ControlFact:
    extents = {item.extent for item in support}
    return ControlFact(place_id=place_id, place=ref.name or ref.text, latitude=ref.latitude,
                       longitude=ref.longitude, controller=controller, since=since, until=until,
                       confidence=0.0, rule=rule,
                       evidence=tuple(dict.fromkeys(item.evidence for item in support)),
                       extent=extents.pop() if len(extents) == 1 else None)


def control_timelines(claims: Iterable[ControlClaim], events: Iterable[Event]
                      ) -> dict[str, list[ControlFact]]:
    """Every place's timeline of control (see the module text), by place id."""
    seen, places = _observations(claims, events)
    return {place_id: _timeline(place_id, places[place_id], items)
            for place_id, items in seen.items()}


def control_at(claims: Sequence[ControlClaim], events: Sequence[Event], day: dt.date
               ) -> list[ControlFact]:
    """Who held each place on ``day``, with the confidence of that day; places with no
    evidence of their own take their region's controller (admin containment)."""
    seen, places = _observations(claims, events)
    facts: list[ControlFact] = []
    for place_id, items in seen.items():
        current = [fact for fact in _timeline(place_id, places[place_id], items)
                   if fact.since <= day and (fact.until is None or fact.until > day)]
        if current:
            facts.append(_with_confidence(current[0], items, day))
    return facts + _contained(facts, claims, places, day)


def _with_confidence(fact: ControlFact, seen: list[_Seen], day: dt.date) -> ControlFact:
    known = [item for item in seen if item.day <= day]
    total = sum(_weight(item, day) for item in known)
    backing = sum(_weight(item, day) for item in known if item.actor == fact.controller)
    newest = max((item for item in known if item.actor == fact.controller),
                 key=lambda item: item.day, default=None)
    fresh = _weight(newest, day) if newest else 0.0
    return replace(fact, confidence=round(backing / total * fresh, 3) if total else 0.0)


def _contained(facts: list[ControlFact], claims: Sequence[ControlClaim],
               places: dict[str, PlaceRef], day: dt.date) -> list[ControlFact]:
    regions = {places[fact.place_id].admin1: fact for fact in facts
               if places[fact.place_id].feature == "admin1" and fact.controller}
    known = {fact.place_id for fact in facts}
    out: list[ControlFact] = []
    for claim in claims:
        for ref in claim.places:
            region = regions.get(ref.admin1)
            if ref.gazetteer_id in known or region is None or ref.feature in ("admin1", "country"):
                continue
            known.add(ref.gazetteer_id or "")
            out.append(replace(region, place_id=ref.gazetteer_id or "", place=ref.name or ref.text,
                               latitude=ref.latitude, longitude=ref.longitude,
                               rule="admin containment",
                               confidence=round(region.confidence / 2, 3)))
    return [fact for fact in out if fact.since <= day]


def _road_key(claim: ControlClaim) -> tuple[str, tuple[str, ...]]:
    ends = tuple(sorted({ref.name or ref.text for ref in claim.road_ends}))
    return claim.road or " – ".join(ends) or "unnamed road", ends


def road_timelines(claims: Iterable[ControlClaim]) -> dict[str, list[RoadFact]]:
    """Each road's periods cut or open (see the module text), by road name."""
    by_road: dict[str, list[ControlClaim]] = defaultdict(list)
    ends_of: dict[str, set[str]] = defaultdict(set)
    told = [claim for claim in claims if claim.kind in ("road_cut", "road_open")]
    keys = [_road_key(claim) for claim in told]
    for claim, (name, ends) in zip(told, keys, strict=True):
        if not claim.road and len(ends) == 1:
            # "cut the road to Sake" is the Sake-Goma road another report names by both ends
            name = next((other for other, other_ends in keys
                         if len(other_ends) > 1 and ends[0] in other_ends), name)
        by_road[name].append(claim)
        ends_of[name].update(ends)
    timelines: dict[str, list[RoadFact]] = {}
    for name, told in by_road.items():
        facts: list[RoadFact] = []
        for claim in sorted(told, key=lambda each: each.date):
            status = "cut" if claim.kind == "road_cut" else "open"
            if facts and facts[-1].status == status:
                last = facts[-1]
                facts[-1] = RoadFact(last.road, last.ends, last.status, last.since, None,
                                     last.actor or claim.actor,
                                     last.evidence + (claim.evidence,))
                continue
            if facts:
                last = facts[-1]
                facts[-1] = RoadFact(last.road, last.ends, last.status, last.since, claim.date,
                                     last.actor, last.evidence)
            facts.append(RoadFact(name, tuple(sorted(ends_of[name])), status,  # type: ignore[arg-type]
                                  claim.date, None, claim.actor, (claim.evidence,)))
        timelines[name] = facts
    return timelines


def roads_at(claims: Sequence[ControlClaim], day: dt.date) -> list[RoadFact]:
    """Each road's state on ``day``."""
    return [fact for facts in road_timelines(claims).values() for fact in facts
            if fact.since <= day and (fact.until is None or fact.until > day)]
