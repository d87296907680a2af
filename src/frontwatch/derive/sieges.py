"""Sieges (issue #6): enclaves of one actor's places, cut off and surrounded by another.

On a given day, from the control facts, the roads' states and the claims:

1. The places each actor holds wholly (not "part of a town") are grouped into pockets: the
   neighbourhoods of one town form one pocket; any other place (an airport, a base, a village) is
   a pocket of its own. The roads form a graph of places (networkx); pockets of one holder that
   a chain of open roads links are one, when no link of the chain is a place another actor
   holds (its checkpoint closes the route). A place reported besieged or with people trapped,
   whose holder no report names, is a pocket with an unknown holder.
2. A pocket is *enclosed* by another actor when that actor holds the region around it (a
   statement that it holds all or most of the pocket's admin1 region), or holds at least
   :data:`SURROUNDING_PLACES` places within :data:`SURROUNDING_KM` of it while the pocket's
   holder holds none there. An enclosed pocket is *besieged* when a road from it was cut (by
   the encloser or by no one named); a pocket is also besieged when a road to it was cut and
   people are reported trapped or besieged there (the besieger is who cut the road), or when a
   report calls its places besieged, encircled, blockaded or surrounded (the besieger named,
   else the encloser).
3. The siege starts on the day the road was cut or the first report of the siege, whichever is
   earlier; it ends on the day a road from the pocket is reported open again, the siege is
   reported lifted ("ending the siege"), or the besieger (or an actor no report named) takes
   the pocket from its holder: then the siege keeps its holder, read from the control timeline.
4. The population trapped is a reported figure ("100,000 people trapped in regime-held
   districts of Deir ez-Zor": the pocket of that town's neighbourhoods the holder holds), else
   the gazetteer's population of the pocket's places, else unknown. A pocket named in a report of
   airdrops is supplied by air.

A siege's id is drawn from its places alone, so it stays the same when its holder changes.
Every siege lists the reasons that made it one and the evidence of each.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx

from frontwatch.records import ControlClaim, ControlFact, Evidence, PlaceRef, RoadFact, Siege, content_id
from frontwatch.resolve.gazetteer import Gazetteer, haversine_km

__all__ = ["PART_FEATURES", "sieges_at"]

#: Features of the parts of a town: a town's held parts form one pocket.
PART_FEATURES = frozenset({"neighbourhood", "district"})
#: How near another actor's places must lie to surround a pocket, and how many it must hold.
SURROUNDING_KM = 40.0
SURROUNDING_PLACES = 2


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


def _road_graph(roads: Sequence[RoadFact], status: str) -> nx.Graph:
    """The places the roads in ``status`` link (by casefolded name), one edge per road leg."""
    graph = nx.Graph()
    for road in roads:
        if road.status != status:
            continue
        ends = [end.casefold() for end in road.ends]
        for start, stop in itertools.pairwise(ends):
            graph.add_edge(start, stop, road=road)
    return graph


def _joined_by_open_roads(pockets: list[_Pocket], roads: Sequence[RoadFact]) -> list[_Pocket]:
    """Pockets of one holder that a chain of open roads links are one (the airport and the
    districts while the N4 between them is open). The chain may pass places nobody is told to
    hold, never a place another actor holds: that actor's checkpoint closes the route."""
    graph = _road_graph(roads, "open")
    holders: dict[str, set[str | None]] = defaultdict(set)
    for pocket in pockets:
        for name in _names(pocket):
            holders[name].add(pocket.holder)
    merged = list(pockets)
    for holder in sorted({pocket.holder for pocket in pockets if pocket.holder}):
        passable = graph.subgraph([node for node in graph if holders[node] <= {holder}])
        for component in nx.connected_components(passable):
            group = [pocket for pocket in merged if pocket.holder == holder and
                     _names(pocket) & component]
            if len(group) < 2:
                continue
            first = group[0]
            for other in group[1:]:
                first.place_ids.extend(other.place_ids)
                first.names.extend(other.names)
                first.evidence.extend(other.evidence)
                merged.remove(other)
            legs = passable.subgraph(component).edges(data="road")
            told = sorted({f"{road.road}, open since {road.since.isoformat()}"
                           for *_, road in legs})
            first.reasons.append(f"joined by {'; '.join(told)}")
    return merged


def _surrounded_by(pocket: _Pocket, facts: Sequence[ControlFact],
                   refs: dict[str, PlaceRef]) -> tuple[str, list[ControlFact]] | None:
    """The actor whose places surround the pocket: it holds at least
    :data:`SURROUNDING_PLACES` places within :data:`SURROUNDING_KM` of it, and the pocket's
    holder holds none there outside the pocket (else a route may run through them)."""
    points = [(fact.latitude, fact.longitude) for fact in facts
              if fact.place_id in pocket.place_ids and fact.latitude is not None and
              fact.longitude is not None]
    near: dict[str, list[ControlFact]] = defaultdict(list)
    for fact in facts:
        ref = refs.get(fact.place_id)
        if fact.place_id in pocket.place_ids or fact.controller is None or \
                fact.extent is not None or fact.latitude is None or fact.longitude is None or \
                ref is None or ref.feature in ("admin1", "country", "region", "road"):
            continue
        if any(haversine_km(lat, lon, fact.latitude, fact.longitude) <= SURROUNDING_KM
               for lat, lon in points):  # type: ignore[arg-type]
            near[fact.controller].append(fact)
    if pocket.holder in near:
        return None
    ranked = sorted(near.items(), key=lambda item: (-len(item[1]), item[0]))
    if ranked and len(ranked[0][1]) >= SURROUNDING_PLACES:
        return ranked[0]
    return None


def _unheld_pockets(facts: Sequence[ControlFact], claims: Sequence[ControlClaim]
                   ) -> list[_Pocket]:
    """Places reported besieged or with people trapped whose holder no report names: a
    pocket each, holder unknown ("Djibo has lived under a blockade")."""
    held = {fact.place_id for fact in facts if fact.controller and fact.extent is None}
    # "shut the road between El Fasher and Kutum, completing the encirclement": of a cut road's
    # ends, the one someone holds is the pocket, not the far end
    far_ends = {ref.gazetteer_id for claim in claims if claim.kind == "road_cut"
                for ref in claim.road_ends
                if any(other.gazetteer_id in held for other in claim.road_ends)}
    pockets: dict[str, _Pocket] = {}
    for claim in claims:
        if claim.kind not in ("besieged", "trapped"):
            continue
        for ref in claim.places:
            if ref.gazetteer_id and ref.gazetteer_id not in held | far_ends and \
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
              claims: Sequence[ControlClaim], gazetteer: Gazetteer,
              history: Mapping[str, Sequence[ControlFact]] | None = None) -> list[Siege]:
    """The sieges under way on ``day``, or ended by then (see the module text). ``history``
    (each place's control timeline) names the holder of a pocket its besieger has taken."""
    refs = _refs(claims)
    known = [claim for claim in claims if claim.date <= day]
    sieges = []
    pockets = _joined_by_open_roads(_pockets(facts, refs, gazetteer), roads)
    for pocket in pockets + _unheld_pockets(facts, known):
        siege = _siege(pocket, day, facts, roads, known, refs, gazetteer, history or {})
        if siege is not None:
            sieges.append(siege)
    return sieges


@dataclass
class _Enclosure:
    """Who closes a pocket in, told how, with the evidence."""

    actor: str
    told: str
    evidence: list[Evidence]


def _enclosure(pocket: _Pocket, holder: str | None, facts: Sequence[ControlFact],
               refs: dict[str, PlaceRef]) -> _Enclosure | None:
    """The actor around the pocket: the holder of its region, else of the places around it."""
    region = _region_holder(facts, refs, pocket.admin1)
    if region is not None and region.controller and region.controller != holder:
        return _Enclosure(region.controller, "holds the region around it", list(region.evidence))
    around = _surrounded_by(pocket, facts, refs) if holder else None
    if around is not None and around[0] != holder:
        actor, places = around
        names = ", ".join(sorted({fact.place for fact in places}))
        return _Enclosure(actor, f"holds the places around it ({names})",
                          [item for fact in places for item in fact.evidence])
    return None


def _captured(pocket: _Pocket, facts: Sequence[ControlFact], told: Sequence[ControlClaim],
              history: Mapping[str, Sequence[ControlFact]]) -> tuple[dt.date, str | None] | None:
    """When the pocket's holder took it from another holder, after a report that it (or no
    one named) cut the pocket's road or besieged it; and who held it before."""
    if pocket.holder is None:
        return None
    held = [fact for fact in facts if fact.place_id in pocket.place_ids and
            fact.controller == pocket.holder]
    if not held:
        return None
    since = min(fact.since for fact in held)
    before = [fact for place_id in pocket.place_ids for fact in history.get(place_id, ())
              if fact.until == since and fact.controller not in (None, pocket.holder)]
    if not any(claim.date < since and claim.actor in (None, pocket.holder) for claim in told):
        return None
    if not before and not any(claim.date < since and claim.actor == pocket.holder
                              for claim in told):
        return None
    return since, (before[0].controller if before else None)


def _siege(pocket: _Pocket, day: dt.date, facts: Sequence[ControlFact],
           roads: Sequence[RoadFact], claims: Sequence[ControlClaim],
           refs: dict[str, PlaceRef], gazetteer: Gazetteer,
           history: Mapping[str, Sequence[ControlFact]]) -> Siege | None:
    cut = [claim for claim in claims if claim.kind == "road_cut" and
           _touches(pocket, claim.road_ends or claim.places)]
    said = [claim for claim in claims if claim.kind == "besieged" and
            _touches(pocket, claim.places)]
    trapped = [claim for claim in claims if claim.kind == "trapped" and
               _touches(pocket, claim.places)]
    captured = _captured(pocket, facts, [*cut, *said], history)
    holder = captured[1] if captured else pocket.holder
    if captured:  # only what was told before the capture made the siege
        cut, said, trapped = ([claim for claim in told if claim.date < captured[0]]
                              for told in (cut, said, trapped))
    enclosure = _enclosure(pocket, holder, facts, refs)
    besieger = enclosure.actor if enclosure else None
    starts: list[dt.date] = []
    evidence: list[Evidence] = []
    reasons: list[str] = []
    if enclosure and any(claim.actor in (None, besieger) for claim in cut):
        road = cut[0]
        reasons.append(f"{besieger} {enclosure.told} and cut "
                       f"{road.road or 'the road'} on {road.date.isoformat()}")
        starts.append(min(claim.date for claim in cut))
        evidence.extend(claim.evidence for claim in cut)
        evidence.extend(enclosure.evidence)
    elif cut and (said or trapped):
        # "270,000 people are trapped in Djibo after JNIM cut the only road"
        besieger = next((claim.actor for claim in cut if claim.actor and
                         claim.actor != holder), besieger)
        reasons.append(f"{besieger or 'an armed actor'} cut the road on "
                       f"{min(claim.date for claim in cut).isoformat()} and people are reported "
                       "trapped or besieged")
        starts.append(min(claim.date for claim in cut))
        evidence.extend(claim.evidence for claim in (*cut, *trapped))
    if said:
        besieger = besieger or next((claim.actor for claim in (*said, *cut) if claim.actor and
                                     claim.actor != holder), None)
        reasons.append("reported besieged, encircled, blockaded or surrounded")
        starts.append(min(claim.date for claim in said))
        evidence.extend(claim.evidence for claim in said)
    if not reasons:
        return None
    start = min(starts)
    end = _end(pocket, day, start, roads, claims)
    if captured and captured[0] >= start and (end is None or captured[0] < end):
        end = captured[0]
        reasons.append(f"ended when {pocket.holder} took it on {end.isoformat()}")
        evidence.extend(item for fact in facts if fact.place_id in pocket.place_ids
                        for item in fact.evidence)
    population, source = _population(pocket, holder, claims, gazetteer)
    airdrop = [claim for claim in claims if claim.kind == "airdrop" and (
        _touches(pocket, claim.places) or (claim.extent == "part" and pocket.town is not None and
                                           claim.actor == holder))]
    if airdrop:
        reasons.append("supplied by airdrop")
        evidence.extend(claim.evidence for claim in airdrop)
    return Siege(siege_id=content_id("sge", *sorted(pocket.place_ids)),
                 places=tuple(pocket.names), place_ids=tuple(pocket.place_ids),
                 holder=holder, besieger=besieger, start=start, end=end,
                 population=population, population_source=source, airdrop=bool(airdrop),
                 reasons=tuple([*reasons, *pocket.reasons]),
                 evidence=tuple(dict.fromkeys([*evidence, *pocket.evidence])))


def _end(pocket: _Pocket, day: dt.date, start: dt.date, roads: Sequence[RoadFact],
         claims: Sequence[ControlClaim]) -> dt.date | None:
    """The day a road from the pocket was reported open again, or the siege lifted."""
    reopened = [fact for fact in roads if fact.status == "open" and fact.since <= day and
                any(claim.kind == "road_open" and claim.evidence in fact.evidence and
                    _touches(pocket, claim.road_ends or claim.places) for claim in claims)]
    lifted = [claim.date for claim in claims if claim.kind == "siege_lifted" and
              _touches(pocket, claim.places)]
    end = min([*(fact.since for fact in reopened), *lifted], default=None)
    return end if end is not None and end >= start else None


def _population(pocket: _Pocket, holder: str | None, claims: Sequence[ControlClaim],
                gazetteer: Gazetteer) -> tuple[int | None, str | None]:
    reported: dict[int, Evidence] = {}
    for claim in claims:
        if claim.kind != "trapped" or not claim.population:
            continue
        if claim.actor not in (None, holder):
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

