"""Sieges (issue #6): enclaves of one actor's places, cut off and surrounded by another.

On a given day, from the control facts, the roads' states and the claims:

1. The places each actor holds wholly (not "part of a town") are grouped into pockets: the
   neighbourhoods of one town form one pocket; any other place (an airport, a base, a village) is
   a pocket of its own; pockets of one holder that an open road links are one. A place
   reported besieged or with people trapped, whose holder no report names, is a pocket with an
   unknown holder.
2. A pocket is an *enclave besieged* by another actor when that actor holds the region around
   it (a statement that it holds all or most of the pocket's admin1 region) and a road from the
   pocket was cut, by that actor; when a road to it was cut and people are reported trapped or
   besieged there (the besieger is who cut the road); or when a report calls the pocket's
   places besieged, encircled, blockaded or surrounded (the besieger named, else the region's
   holder).
3. The siege starts on the day the road was cut or the first report of the siege, whichever is
   earlier; it ends on the day a road from the pocket is reported open again, or the siege
   lifted ("ending the siege").
4. The population trapped is a reported figure ("100,000 people trapped in regime-held
   districts of Deir ez-Zor": the pocket of that town's neighbourhoods the holder holds), else
   the gazetteer's population of the pocket's places, else unknown. A pocket named in a report of
   airdrops is supplied by air.

Every siege lists the reasons that made it one and the evidence of each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from frontwatch.records import ControlClaim, ControlFact, Evidence, PlaceRef, RoadFact, Siege, content_id
from frontwatch.resolve.gazetteer import Gazetteer

__all__ = ["PART_FEATURES", "sieges_at"]

#: Features of the parts of a town: a town's held parts form one pocket.
PART_FEATURES = frozenset({"neighbourhood", "district"})


@dataclass
class _Pocket:
    holder: str | None
    town: str | None
    place_ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    admin1: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def _refs(claims: Sequence[ControlClaim]) -> dict[str, PlaceRef]:
    refs: dict[str, PlaceRef] = {}
    for claim in claims:
        for ref in (*claim.places, *claim.road_ends):
            if ref.gazetteer_id:
                refs.setdefault(ref.gazetteer_id, ref)
    return refs


def _pockets(facts: Sequence[ControlFact], refs: dict[str, PlaceRef],
             gazetteer: Gazetteer) -> list[_Pocket]:
    pockets: dict[tuple[str, str], _Pocket] = {}
    for fact in facts:
        ref = refs.get(fact.place_id)
        if fact.controller is None or fact.extent is not None or ref is None or \
                ref.feature in ("admin1", "country", "region", "road"):
            continue
        entry = gazetteer.get(fact.place_id)
        town = entry.parent if entry is not None and ref.feature in PART_FEATURES else None
        key = (fact.controller, f"town:{town}" if town else f"place:{fact.place_id}")
        pocket = pockets.setdefault(key, _Pocket(fact.controller, town, admin1=ref.admin1))
        pocket.place_ids.append(fact.place_id)
        pocket.names.append(fact.place)
        pocket.evidence.extend(fact.evidence)
    return list(pockets.values())


def _names(pocket: _Pocket) -> set[str]:
    return {name.casefold() for name in (*pocket.names, pocket.town) if name}


def _joined_by_open_roads(pockets: list[_Pocket], roads: Sequence[RoadFact]) -> list[_Pocket]:
    """Pockets of one holder that an open road links are one: the airport and the districts
    while the N4 between them is open."""
    merged = list(pockets)
    for road in roads:
        if road.status != "open":
            continue
        ends = {end.casefold() for end in road.ends}
        linked = [pocket for pocket in merged if _names(pocket) & ends]
        for holder in {pocket.holder for pocket in linked}:
            group = [pocket for pocket in linked if pocket.holder == holder]
            if len(group) < 2:
                continue
            first = group[0]
            for other in group[1:]:
                first.place_ids.extend(other.place_ids)
                first.names.extend(other.names)
                first.evidence.extend(other.evidence)
                merged.remove(other)
            first.reasons.append(f"joined by {road.road}, open since {road.since.isoformat()}")
    return merged


def _unheld_pockets(facts: Sequence[ControlFact], claims: Sequence[ControlClaim]
                   ) -> list[_Pocket]:
    """Places reported besieged or with people trapped whose holder no report names: a
    pocket each, holder unknown ("Djibo has lived under a blockade")."""
    held = {fact.place_id for fact in facts if fact.controller and fact.extent is None}
    pockets: dict[str, _Pocket] = {}
    for claim in claims:
        if claim.kind not in ("besieged", "trapped"):
            continue
        for ref in claim.places:
            if ref.gazetteer_id and ref.gazetteer_id not in held and \
                    ref.feature not in ("admin1", "country", "region", "road") and \
                    claim.extent is None:
                pocket = pockets.setdefault(ref.gazetteer_id, _Pocket(
                    None, None, [ref.gazetteer_id], [ref.name or ref.text], admin1=ref.admin1))
                pocket.evidence.append(claim.evidence)
    return list(pockets.values())


def _touches(pocket: _Pocket, places: Sequence[PlaceRef]) -> bool:
    """Whether a claim's places name the pocket: one of its places, or its town."""
    return any(ref.gazetteer_id in pocket.place_ids or
               (pocket.town is not None and (ref.name == pocket.town))
               for ref in places)


def _region_holder(facts: Sequence[ControlFact], refs: dict[str, PlaceRef],
                   admin1: str | None) -> ControlFact | None:
    for fact in facts:
        ref = refs.get(fact.place_id)
        if ref is not None and ref.feature == "admin1" and ref.admin1 == admin1 and \
                fact.controller and fact.extent in (None, "most"):
            return fact
    return None


def sieges_at(day: dt.date, facts: Sequence[ControlFact], roads: Sequence[RoadFact],
              claims: Sequence[ControlClaim], gazetteer: Gazetteer) -> list[Siege]:
    """The sieges under way on ``day`` (see the module text)."""
    refs = _refs(claims)
    known = [claim for claim in claims if claim.date <= day]
    sieges = []
    pockets = _joined_by_open_roads(_pockets(facts, refs, gazetteer), roads)
    for pocket in pockets + _unheld_pockets(facts, known):
        siege = _siege(pocket, day, facts, roads, known, refs, gazetteer)
        if siege is not None:
            sieges.append(siege)
    return sieges


def _siege(pocket: _Pocket, day: dt.date, facts: Sequence[ControlFact],
           roads: Sequence[RoadFact], claims: Sequence[ControlClaim],
           refs: dict[str, PlaceRef], gazetteer: Gazetteer) -> Siege | None:
    region = _region_holder(facts, refs, pocket.admin1)
    besieger = region.controller if region and region.controller != pocket.holder else None
    starts: list[dt.date] = []
    evidence: list[Evidence] = []
    reasons: list[str] = []
    cut = [claim for claim in claims if claim.kind == "road_cut" and
           _touches(pocket, claim.road_ends or claim.places)]
    said = [claim for claim in claims if claim.kind == "besieged" and
            _touches(pocket, claim.places)]
    trapped = [claim for claim in claims if claim.kind == "trapped" and
               _touches(pocket, claim.places)]
    if besieger and any(claim.actor in (None, besieger) for claim in cut):
        road = cut[0]
        reasons.append(f"{besieger} holds the region around it and cut "
                       f"{road.road or 'the road'} on {road.date.isoformat()}")
        starts.append(min(claim.date for claim in cut))
        evidence.extend(claim.evidence for claim in cut)
        evidence.extend(region.evidence if region else ())
    elif cut and (said or trapped):
        # "270,000 people are trapped in Djibo after JNIM cut the only road"
        besieger = next((claim.actor for claim in cut if claim.actor and
                         claim.actor != pocket.holder), besieger)
        reasons.append(f"{besieger or 'an armed actor'} cut the road on "
                       f"{min(claim.date for claim in cut).isoformat()} and people are reported "
                       "trapped or besieged")
        starts.append(min(claim.date for claim in cut))
        evidence.extend(claim.evidence for claim in (*cut, *trapped))
    if said:
        besieger = besieger or next((claim.actor for claim in (*said, *cut) if claim.actor and
                                     claim.actor != pocket.holder), None)
        reasons.append("reported besieged, encircled, blockaded or surrounded")
        starts.append(min(claim.date for claim in said))
        evidence.extend(claim.evidence for claim in said)
    if not reasons:
        return None
    reopened = [fact for fact in roads if fact.status == "open" and fact.since <= day and
                any(claim.kind == "road_open" and claim.evidence in fact.evidence and
                    _touches(pocket, claim.road_ends or claim.places) for claim in claims)]
    start = min(starts)
    lifted = [claim.date for claim in claims if claim.kind == "siege_lifted" and
              _touches(pocket, claim.places)]
    end = min([*(fact.since for fact in reopened), *lifted], default=None)
    end = end if end is not None and end >= start else None
    population, source = _population(pocket, claims, gazetteer)
    airdrop = [claim for claim in claims if claim.kind == "airdrop" and (
        _touches(pocket, claim.places) or (claim.extent == "part" and pocket.town is not None and
                                           claim.actor == pocket.holder))]
    if airdrop:
        reasons.append("supplied by airdrop")
        evidence.extend(claim.evidence for claim in airdrop)
    return Siege(siege_id=content_id("sge", pocket.holder or "", *sorted(pocket.place_ids)),
                 places=tuple(pocket.names), place_ids=tuple(pocket.place_ids),
                 holder=pocket.holder, besieger=besieger, start=start, end=end,
                 population=population, population_source=source, airdrop=bool(airdrop),
                 reasons=tuple([*reasons, *pocket.reasons]),
                 evidence=tuple(dict.fromkeys([*evidence, *pocket.evidence])))


def _population(pocket: _Pocket, claims: Sequence[ControlClaim], gazetteer: Gazetteer
                ) -> tuple[int | None, str | None]:
    reported: dict[int, Evidence] = {}
    for claim in claims:
        if claim.kind != "trapped" or not claim.population:
            continue
        if claim.actor not in (None, pocket.holder):
            continue
        parts = claim.extent == "part" and pocket.town is not None
        if _touches(pocket, claim.places) and (parts or claim.extent is None):
            reported[claim.population] = claim.evidence
    if reported:
        return min(reported), "reported"  # the most conservative figure told
    entries = [gazetteer.get(place_id) for place_id in pocket.place_ids]
    counted = sum(entry.population for entry in entries if entry is not None)
    return (counted, "gazetteer") if counted else (None, None)


def besieged_places(sieges: Sequence[Siege]) -> dict[str, Siege]:
    """Each besieged place id, with its siege."""
    out: dict[str, Siege] = {}
    for siege in sieges:
        for place_id in siege.place_ids:
            out[place_id] = siege
    return out

