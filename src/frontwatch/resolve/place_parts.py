"""Parts of a town the report just named: "the city's Kyivskyi district" lies in that city.

District names repeat from city to city (most Ukrainian cities have a Kyivskyi district; Arab
cities their al-Jadida), so the gazetteer's first entry for such a name is often another city's
district, or a village far away. A name the report places in "the city" (or town, capital) it
just named keeps its entry when that lies within :data:`PART_OF_TOWN_KM` of the town, else is
resolved to the town itself (ACLED codes a district of a city at the city). A name the
gazetteer does not know ("the city's Saltivskyi district") is the town too. The same holds for a
district or neighbourhood whose sentence names a city ("In Kharkiv, … the Kyivskyi district";
"in Idlib city … in the al-Qusour neighbourhood", not Damascus's al-Qusour).
"""

from __future__ import annotations

import dataclasses
import re

from frontwatch.records import PlaceRef
from frontwatch.resolve.gazetteer import Gazetteer, haversine_km
from frontwatch.resolve.place_names import named_containers

__all__ = ["DIRECTIONS", "PART_OF_TOWN_KM", "inside_towns_named", "outside_named_containers"]

#: A district or neighbourhood lies this close to the centre of its town.
PART_OF_TOWN_KM = 20.0
TOWN_FEATURES = frozenset({"village", "town", "city", "capital"})
_TOWN_POSSESSIVE = re.compile(r"\b(?:the|that|this)\s+(?:city|town|capital|village)(?:'s|’s)\s+"
                              r"(?:(?:[A-Z][\w\-]+|and|,)\s+)*$")
#: How far back (characters) the town may be named.
LOOKBACK = 600
#: A city this large has districts and neighbourhoods a report names.
CITY_WITH_DISTRICTS = 100_000
PART_FEATURES = frozenset({"neighbourhood", "district"})
_PART_WORD_AFTER = re.compile(r"\s+(?:district|neighbou?rhood|quarter|sub-city|suburb)\b",
                              re.IGNORECASE)
#: Compass words of "north of X", "south-east of X": X only says where another place lies.
DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast",
                        "southwest", "north-east", "north-west", "south-east", "south-west"})
# "the Tarmiyah district, north of Baghdad": Baghdad only says where the district lies.
_LANDMARK_BEFORE = re.compile(rf"\b(?:{'|'.join(sorted(DIRECTIONS, key=len, reverse=True))})"
                              r"\s+of\s+$")
_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z\"“]|\n\n")


def _distance(ref: PlaceRef, town: PlaceRef) -> float:
    assert ref.latitude is not None and ref.longitude is not None
    assert town.latitude is not None and town.longitude is not None
    return haversine_km(ref.latitude, ref.longitude, town.latitude, town.longitude)


def _town_before(refs: list[PlaceRef], index: int) -> PlaceRef | None:
    start = refs[index].start
    for ref in reversed(refs[:index]):
        if ref.start < start - LOOKBACK:
            return None
        if ref.resolved and ref.feature in TOWN_FEATURES and ref.role != "dateline":
            return ref
    return None


def _inside(ref: PlaceRef, town: PlaceRef) -> PlaceRef:
    if ref.resolved and _distance(ref, town) <= PART_OF_TOWN_KM:
        return ref
    return dataclasses.replace(ref, name=town.name, gazetteer_id=town.gazetteer_id,
                               latitude=town.latitude, longitude=town.longitude,
                               country_code=town.country_code, admin1=town.admin1,
                               admin2=town.admin2, feature=town.feature,
                               population=town.population, match=town.match)


def _city_in_sentence(text: str, refs: list[PlaceRef], index: int) -> PlaceRef | None:
    """A city the sentence of ``refs[index]`` names ("In Kharkiv, ... in the Kyivskyi
    district"; "in Idlib city ... in the al-Qusour neighbourhood")."""
    ref = refs[index]
    for other in refs:
        if other is ref or not other.resolved or other.role == "dateline" or \
                not other.text[:1].isupper() or other.feature not in ("city", "capital") or \
                (other.population or 0) < CITY_WITH_DISTRICTS or \
                _LANDMARK_BEFORE.search(text, max(0, other.start - 30), other.start):
            continue
        low, high = sorted((other.end, ref.start)) if other.start < ref.start else \
            sorted((ref.end, other.start))
        if high - low < LOOKBACK and not _SENTENCE_END.search(text, low, high):
            return other
    return None


def _is_part_of_town(text: str, ref: PlaceRef) -> bool:
    """A district or neighbourhood by its entry or by what the text calls it ("the Kyivskyi
    district"; GeoNames lists Donetsk's and Poltava's Kyivskyi districts as towns)."""
    return ref.feature in PART_FEATURES or bool(_PART_WORD_AFTER.match(text, ref.end))


def inside_towns_named(text: str, refs: list[PlaceRef]) -> list[PlaceRef]:
    """``refs`` (sorted by offset) with each name placed in "the city's ..." resolved inside the
    town named before it, and each district or neighbourhood of a sentence that names a city
    resolved inside that city (district names repeat from city to city)."""
    out = list(refs)
    for index, ref in enumerate(out):
        if ref.role != "mention":
            continue
        if _TOWN_POSSESSIVE.search(text, max(0, ref.start - 80), ref.start):
            town = _town_before(out, index)
        elif _is_part_of_town(text, ref):
            town = _city_in_sentence(text, out, index)
        else:
            continue
        if town is not None:
            out[index] = _inside(ref, town)
    return out


def _unresolved(ref: PlaceRef) -> PlaceRef:
    return dataclasses.replace(ref, name=None, gazetteer_id=None, latitude=None, longitude=None,
                               country_code=None, admin1=None, admin2=None, feature=None,
                               population=None, match=None)


def outside_named_containers(text: str, refs: list[PlaceRef], gazetteer: Gazetteer
                             ) -> list[PlaceRef]:
    """``refs`` without the loose spellings that lie outside the place the text puts them in:
    "Segue, a village in Bankass district" is not Ségou, a city of another region that
    spells almost alike; an unknown village is better than a wrong town."""
    out = []
    for ref in refs:
        if ref.resolved and ref.match == "loose" and ref.role == "mention":
            containers = named_containers(text, ref.start, ref.end, gazetteer)
            if containers and all(container.admin1 != ref.admin1 or
                                  container.country_code != ref.country_code
                                  for container in containers):
                ref = _unresolved(ref)
        out.append(ref)
    return out
