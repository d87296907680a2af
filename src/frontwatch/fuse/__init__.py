"""Fusion: mentions → events by ACLED's unit of analysis.

One event = one sub-event type × one day × one location × one initiating actor: mentions that agree
on these are one event, with every evidence sentence kept. Mentions that report one incident in
other words (a region then its village, a battle then the capture it ended in, a strike folded
into a battle) are merged by the rules of ``frontwatch.fuse.incidents``.

Deaths: the largest figure among the event's reported sentences within one document (later
sentences usually restate or detail the toll); a figure only a party claims ("JNIM said it killed
more than 60") counts only when no reported figure exists — ACLED's most conservative figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from frontwatch.extract.actors import country_name, forces_of
from frontwatch.extract.modality import CODED_CERTAINTIES
from frontwatch.extract.taxonomy import lookup
from frontwatch.fuse.incidents import (
    GroupKey,
    MentionGroup,
    force_against_protests,
    is_unidentified,
    merge_incidents,
    without_summaries,
)
from frontwatch.records import (
    ActorRef,
    Certainty,
    Event,
    Mention,
    Provenance,
    content_id,
)

__all__ = ["STAGE", "fuse_mentions"]

STAGE = "fuse/0.2"
CERTAINTY_ORDER: tuple[Certainty, ...] = ("reported", "alleged", "claimed")


def _key(mention: Mention) -> GroupKey:
    assert mention.date is not None
    place = mention.place.gazetteer_id or mention.place.text if mention.place else ""
    actor1 = mention.actor1.name if mention.actor1 else ""
    return mention.sub_event_type, mention.date.date, place or "", actor1


def _default_actor1(mention: Mention, country: str | None) -> tuple[str, int]:
    label = country_name(country) if country else None
    event_type = lookup(mention.sub_event_type).event_type
    if event_type == "Protests":
        return (f"Protesters ({label})" if label else "Protesters"), 6
    if event_type == "Riots":
        return (f"Rioters ({label})" if label else "Rioters"), 5
    if event_type == "Strategic developments" and mention.sub_event_type == "Arrests":
        return (forces_of("Police Forces", country) if country else "Police Forces"), 1
    return (f"Unidentified Armed Group ({label})" if label else "Unidentified Armed Group"), 3


def _inter(actor: ActorRef | None, country: str | None) -> int | None:
    if actor is None:
        return None
    if actor.inter == 1 and country and actor.country_code and actor.country_code != country:
        return 8  # a foreign state's forces are external forces in ACLED's interaction codes
    return actor.inter


def _iso_numeric(country: str | None) -> int | None:
    if not country:
        return None
    import pycountry

    record = pycountry.countries.get(alpha_2=country)
    return int(record.numeric) if record else None


def _first(values: Iterable[ActorRef | None]) -> ActorRef | None:
    return next((value for value in values if value is not None), None)


def _named(actor: ActorRef | None) -> bool:
    return actor is not None and not is_unidentified(actor)


def _actor_pair(mentions: list[Mention]) -> tuple[ActorRef | None, ActorRef | None]:
    """The sentence that names both sides gives the pair; else the first named initiator (an
    unidentified group only when no sentence names one) and the first target that differs."""
    for m in mentions:
        if _named(m.actor1) and _named(m.actor2) and m.actor1.name != m.actor2.name:  # type: ignore[union-attr]
            return m.actor1, m.actor2
    actor1 = _first(m.actor1 for m in mentions if _named(m.actor1)) or \
        _first(m.actor1 for m in mentions)
    name1 = actor1.name if actor1 else None
    return actor1, _first(m.actor2 for m in mentions if m.actor2 and m.actor2.name != name1)


def _own_actor_pair(mentions: list[Mention], sub_event_type: str
                    ) -> tuple[ActorRef | None, ActorRef | None]:
    """The pair of the event's own mentions; facets it absorbed ("arrested 40" in a dispersed
    protest) give only what those lack (the police who intervened)."""
    own = [m for m in mentions if m.sub_event_type == sub_event_type]
    actor1, actor2 = _actor_pair(own)
    if actor1 is None or is_unidentified(actor1):
        return _actor_pair(mentions)  # a claim or a facet may name the initiator
    if actor2 is None:
        actor2 = _first(actor for m in mentions if m not in own
                        for actor in (m.actor1, m.actor2)
                        if _named(actor) and actor.name != actor1.name)  # type: ignore[union-attr]
    return actor1, actor2


#: Words of a figure that counts only part of the dead ("two soldiers were among the dead").
PART_WORDS = re.compile(
    r"\b(?:among|including|includ\w*|of them|of those|of the (?:victims|dead|wounded))\b", re.I)
#: A figure written out: digits or a number word ("killed" alone is ACLED's default of 3).
COUNTED = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                     r"\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
                     r"dozens?|scores?)\b", re.I)


def _deaths(mentions: list[Mention]) -> int:
    """The most conservative of the whole tolls given (ACLED): "killing at least nine, the camp
    said ... a medical group said 16 were killed" is 9. A partial count ("two soldiers were
    among the dead") or a default for unnumbered deaths never lowers a toll; a figure only a
    party claims counts only when no reported one exists."""
    reported = [m for m in mentions if m.certainty == "reported" and m.fatalities]
    whole = [m.fatalities for m in reported if m.fatalities_text and
             COUNTED.search(m.fatalities_text) and not PART_WORDS.search(m.fatalities_text)]
    if len(whole) >= 2:
        return min(whole)
    return max((m.fatalities for m in reported), default=0) or \
        max(m.fatalities for m in mentions)


def _names(refs: Iterable[ActorRef], exclude: set[str]) -> str | None:
    names: list[str] = []
    for ref in refs:
        if ref.name not in exclude and ref.name not in names:
            names.append(ref.name)
    return "; ".join(names) or None


def _joined(names: str | None, folded: list[str], exclude: set[str]) -> str | None:
    out = names.split("; ") if names else []
    out += [name for name in folded if name not in exclude and name not in out]
    return "; ".join(out) or None


def _event(group: MentionGroup, publisher: str | None) -> Event:
    mentions = group.mentions
    first = mentions[0]
    assert first.date is not None
    place = _first_place(mentions)
    country = place.country_code if place else None
    subtype = lookup(first.sub_event_type)
    actor1, actor2 = _own_actor_pair(mentions, first.sub_event_type)
    actor1_name, inter1 = (actor1.name, _inter(actor1, country) or 3) if actor1 else \
        _default_actor1(first, country)
    exclude = {actor1_name, actor2.name if actor2 else ""}
    assoc1 = _joined(_names([ref for m in mentions for ref in m.assoc_actors1], exclude),
                     group.folded_actors1, exclude)
    assoc2 = _joined(_names([ref for m in mentions for ref in m.assoc_actors2], exclude),
                     group.folded_actors2, exclude)
    fatalities = _deaths(mentions)
    texts = [m.fatalities_text for m in mentions if m.fatalities_text]
    sources = [m.attributed_source for m in mentions if m.attributed_source]
    certainty = min((m.certainty for m in mentions),
                    key=lambda value: CERTAINTY_ORDER.index(value))
    evidence = tuple(dict.fromkeys(m.evidence for m in mentions))
    doc_ids = tuple(dict.fromkeys(m.doc_id for m in mentions))
    date = first.date
    return Event(
        event_id=content_id("evt", *doc_ids, first.sub_event_type, date.date.isoformat(),
                            place.gazetteer_id or "" if place else "", actor1_name),
        event_date=date.date,
        event_date_end=date.date_end,
        time_precision=date.time_precision,
        date_source=date.source,
        disorder_type=subtype.disorder_type,
        event_type=subtype.event_type,
        sub_event_type=subtype.name,
        actor1=_of_place_country(actor1_name, country),
        inter1=inter1,
        actor2=_of_place_country(actor2.name, country) if actor2 else None,
        inter2=_inter(actor2, country),
        assoc_actor_1=assoc1,
        assoc_actor_2=assoc2,
        civilian_targeting="Civilian targeting" if actor2 and actor2.inter == 7 else None,
        country=country_name(country) if country else None,
        iso=_iso_numeric(country),
        admin1=place.admin1 if place else None,
        admin2=place.admin2 if place else None,
        location=place.name if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=_first_precision(mentions),
        fatalities=fatalities,
        fatalities_text="; ".join(dict.fromkeys(texts)) or None,
        certainty=certainty,
        source="; ".join(dict.fromkeys(filter(None, [publisher, *sources]))) or None,
        notes=f"On {date.date.day} {date.date:%B %Y}: {evidence[0].sentence}",
        evidence=evidence,
        doc_ids=doc_ids,
        provenance=Provenance(doc_ids=doc_ids, mention_ids=tuple(m.id for m in mentions),
                              publishers=(publisher,) if publisher else (),
                              attributed_sources=tuple(dict.fromkeys(sources)),
                              stages=tuple(dict.fromkeys(m.stage for m in mentions)) + (STAGE,)),
        stage=STAGE,
    )


#: Generic actors ACLED names after the country where they act.
_GENERIC_ACTOR = re.compile(r"(?P<kind>Civilians|Unidentified Armed Group|Protesters|Rioters)"
                            r" \((?P<country>[^)]+)\)")


def _of_place_country(name: str, country: str | None) -> str:
    """"Civilians (Democratic Republic of Congo)" for a grenade in a Bujumbura bar, in a report
    mostly about Congo, is "Civilians (Burundi)": a generic actor is of the event's country."""
    match = _GENERIC_ACTOR.fullmatch(name)
    if match is None or country is None:
        return name
    return f"{match.group('kind')} ({country_name(country)})"


def _first_place(mentions: list[Mention]):  # type: ignore[no-untyped-def]
    return next((m.place for m in mentions if m.place is not None), None)


def _first_precision(mentions: list[Mention]) -> int | None:
    return next((m.geo_precision for m in mentions if m.place is not None), None)


def fuse_mentions(mentions: Iterable[Mention], publisher: str | None = None,
                  fold_remote_into_battles: bool = True) -> list[Event]:
    """Events from the located mentions of one document (see the module docstring)."""
    groups: dict[GroupKey, MentionGroup] = {}
    coded = force_against_protests(without_summaries(
        [m for m in mentions if m.date is not None and m.certainty in CODED_CERTAINTIES]))
    for mention in sorted(coded, key=lambda m: m.actor1 is None):
        key = _key(mention)
        if mention.actor1 is None:
            # "Air defence units intercepted the drone": the same event as the sentence that
            # named who did it, when one event of that type, day and place exists.
            named = [k for k in groups if k[:3] == key[:3]]
            key = named[0] if len(named) == 1 else key
        groups.setdefault(key, MentionGroup()).mentions.append(mention)
    merge_incidents(groups, fold_remote_into_battles)
    events = [_event(group, publisher) for group in groups.values()]
    return sorted(events, key=lambda event: (event.event_date, event.evidence[0].start))
