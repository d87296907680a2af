"""Fusion across reports: the same real event told by several documents becomes one event.

Two events are the same when (all of):

- their sub-event types are the same, or of one kind outlets confuse: an air strike and
  shelling (``Explosions/Remote violence`` told without the weapon), kinds of one
  demonstration (a protest, the police's intervention in it, excessive force against it, the
  crowd's violence: outlets tell one day of unrest in a city from either side), a
  bombing told as a suicide bombing, a bomb or an attack, or a raid told as a kidnapping or
  an attack;
- their days overlap, with one day of tolerance (a night attack is Monday's for one outlet,
  Tuesday's for another; ranges overlap as ranges);
- their places lie within ``RADIUS_KM`` (or, without coordinates, have the same location name
  in the same country);
- their actors agree: an unidentified or generic side agrees with any, named sides must share a
  name (either way round: one outlet's attacker may be another's defender in a clash).

The fused event is computed from all its members, whatever order they came in: the fields of the
member with the smallest id (its id is the event's id), the lowest death toll the members give
(ACLED's most conservative figure; a member that gives none does not count) with the range seen
kept in ``notes``, every evidence sentence, document and publisher, the number of independent
sources (``Provenance.corroboration``: publishers, or documents without one) and where the
tellings disagree (``Provenance.conflicts``: tolls, initiator, kind, certainty). A chain (A like
B, B like C, A unlike C) may still depend on order; the store keeps every member, so a re-fusion
can settle it later.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from frontwatch.records import Event, Provenance
from frontwatch.resolve.gazetteer import haversine_km

__all__ = ["RADIUS_KM", "WINDOW_DAYS", "CrossReportFusion", "merge", "same_event"]

RADIUS_KM = 25.0
WINDOW_DAYS = 1
#: Sub-event types outlets use for one event.
KINDRED = (
    frozenset({"Air/drone strike", "Shelling/artillery/missile attack"}),
    frozenset({"Peaceful protest", "Protest with intervention",
               "Excessive force against protesters", "Violent demonstration"}),
    # a suicide car bomb is "a car bomb" for one outlet, a bombing of a bus "an attack"
    frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Attack"}),
    # a raid that takes hostages and kills one is "a kidnapping" for one outlet, "an attack" for
    # another
    frozenset({"Abduction/forced disappearance", "Attack"}),
)
#: The kind that wins when kindred types are fused: the more specific or severe.
PRECEDENCE = ("Excessive force against protesters", "Violent demonstration",
              "Protest with intervention", "Peaceful protest", "Air/drone strike",
              "Shelling/artillery/missile attack", "Suicide bomb", "Remote explosive/landmine/IED",
              "Abduction/forced disappearance", "Attack")
GENERIC_PREFIXES = ("Unidentified", "Civilians", "Protesters", "Rioters")


def _types_agree(one: str, other: str) -> bool:
    return one == other or any({one, other} <= group for group in KINDRED)


def _days_agree(one: Event, other: Event) -> bool:
    slack = dt.timedelta(days=WINDOW_DAYS)
    one_end = one.event_date_end or one.event_date
    other_end = other.event_date_end or other.event_date
    return one.event_date - slack <= other_end and other.event_date - slack <= one_end


def _places_agree(one: Event, other: Event) -> bool:
    if None not in (one.latitude, one.longitude, other.latitude, other.longitude):
        return haversine_km(one.latitude, one.longitude,  # type: ignore[arg-type]
                            other.latitude, other.longitude) <= RADIUS_KM  # type: ignore[arg-type]
    return bool(one.location) and one.location == other.location and one.country == other.country


def _named(actor: str | None) -> str | None:
    if not actor or actor.startswith(GENERIC_PREFIXES):
        return None
    return actor.split(" (")[0].lower()


def _actors_agree(one: Event, other: Event) -> bool:
    first = {name for name in (_named(one.actor1), _named(one.actor2)) if name}
    second = {name for name in (_named(other.actor1), _named(other.actor2)) if name}
    if not _named(one.actor1) or not _named(other.actor1):
        return True  # an unidentified attacker agrees with any
    return bool(first & second)


def same_event(stored: Event, new: Event) -> bool:
    """Whether ``new`` tells the event ``stored`` (see the module text). Events of one document
    are never fused here: the in-document rules (``frontwatch.fuse``) kept them apart."""
    if set(stored.doc_ids) & set(new.doc_ids):
        return False
    return _types_agree(stored.sub_event_type, new.sub_event_type) and \
        _days_agree(stored, new) and _places_agree(stored, new) and _actors_agree(stored, new)


def merge(members: Sequence[Event]) -> Event:
    """One event from the members that tell it (order does not matter)."""
    ordered = sorted(members, key=lambda member: member.event_id)
    base = min(ordered, key=lambda member: (PRECEDENCE.index(member.sub_event_type)
                                            if member.sub_event_type in PRECEDENCE else 0,
                                            member.event_id))
    # a report that gives no toll (0) does not lower the others' figures
    tolls = sorted({member.fatalities for member in ordered if member.fatalities}) or [0]
    evidence = tuple(sorted({item for member in ordered for item in member.evidence},
                            key=lambda item: (item.doc_id, item.start)))
    doc_ids = tuple(sorted({doc for member in ordered for doc in member.doc_ids}))
    publishers = tuple(sorted({name for member in ordered if member.provenance
                               for name in member.provenance.publishers}))
    notes = base.notes
    if len(tolls) > 1:
        notes = (f"{notes} " if notes else "") + \
            f"Reports give {tolls[0]}–{tolls[-1]} deaths; the lowest is coded."
    provenance = Provenance(
        corroboration=len(publishers) + sum(1 for member in ordered
                                            if not (member.provenance and
                                                    member.provenance.publishers)),
        conflicts=_conflicts(ordered),
        doc_ids=doc_ids,
        mention_ids=tuple(sorted({m for member in ordered if member.provenance
                                  for m in member.provenance.mention_ids})),
        publishers=publishers,
        attributed_sources=tuple(sorted({s for member in ordered if member.provenance
                                         for s in member.provenance.attributed_sources})),
        stages=tuple(sorted({s for member in ordered if member.provenance
                             for s in member.provenance.stages})))
    return dataclasses.replace(
        base, event_id=ordered[0].event_id, fatalities=tolls[0],
        fatalities_text=next((member.fatalities_text for member in ordered
                              if member.fatalities == tolls[0]), base.fatalities_text),
        evidence=evidence, doc_ids=doc_ids, notes=notes, provenance=provenance,
        source="; ".join(publishers) or base.source)


def _teller(member: Event) -> str:
    publishers = member.provenance.publishers if member.provenance else ()
    return ", ".join(publishers) or ", ".join(member.doc_ids)


def _conflicts(members: Sequence[Event]) -> tuple[str, ...]:
    """Where the tellings disagree: death tolls, the named initiator, the kind of event, and
    certainty (one reports what another calls a claim or denies)."""
    out = []
    for label, value in (("deaths", lambda member: member.fatalities or None),
                         ("initiator", lambda member: _named(member.actor1) and member.actor1),
                         ("type", lambda member: member.sub_event_type),
                         ("certainty", lambda member: member.certainty)):
        told: dict[str, list[str]] = {}
        for member in members:
            seen = value(member)  # type: ignore[no-untyped-call]
            if seen:
                told.setdefault(str(seen), []).append(_teller(member))
        if len(told) > 1:
            out.append(f"{label}: " + "; ".join(f"{seen} ({', '.join(dict.fromkeys(tellers))})"
                                                for seen, tellers in sorted(told.items())))
    return tuple(out)


@dataclasses.dataclass(frozen=True)
class CrossReportFusion:
    """The rules above, as the store's fusion hook: which stored events to look at (days and
    radius around the new event), whether one is the same, and how members make one event."""

    window_days: int = WINDOW_DAYS
    radius_km: float = RADIUS_KM

    def same(self, stored: Event, new: Event) -> bool:
        return same_event(stored, new)

    def merge(self, members: Sequence[Event]) -> Event:
        return merge(members)
