"""Places told by distance and bearing: "Gumuruk, some 35 km west of Pibor town".

Reports place villages no gazetteer holds by their distance and compass bearing from a town it
does hold. The event is then coded at that point, not at the town: 35 km is more than a
town's tolerance, and ACLED codes such a point with geo_precision 2 (near a known place). The
point is computed on the sphere from the town's coordinates; the unnamed village keeps its own
name when the text gives it just before the distance ("Gumuruk, some 35 km west of ..."), else
the location reads "35 km west of Pibor".
"""

from __future__ import annotations

import dataclasses
import math
import re

from frontwatch.records import PlaceRef

__all__ = ["MAX_OFFSET_KM", "offset_place"]

#: Beyond this a "distance from" is a region's reach, not a village's place.
MAX_OFFSET_KM = 150.0

BEARINGS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
            "southwest": 225.0, "west": 270.0, "northwest": 315.0}
_UNITS = {"km": 1.0, "kilometres": 1.0, "kilometers": 1.0, "kilometre": 1.0, "kilometer": 1.0,
          "miles": 1.609344, "mile": 1.609344}
_NUMBER_WORDS = {"five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12,
                 "fifteen": 15, "twenty": 20, "twenty-five": 25, "thirty": 30, "forty": 40,
                 "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                 "a hundred": 100, "one hundred": 100, "a dozen": 12}
_OFFSET_BEFORE = re.compile(
    rf"\b(?P<distance>\d+(?:\.\d+)?|{'|'.join(sorted(_NUMBER_WORDS, key=len, reverse=True))})"
    r"\s*(?P<unit>km|kilomet(?:re|er)s?|miles?)\s+(?:to\s+the\s+)?"
    r"(?P<bearing>(?:north|south)?[- ]?(?:east|west)|north|south)\s+of\s+(?:the\s+)?"
    r"(?:(?:city|town|village|district|capital)\s+of\s+)?$",
    re.IGNORECASE)
_NAME_BEFORE = re.compile(r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})"
                          r"(?:\s+(?:village|town|hamlet|camp|settlement|area))?,\s+"
                          r"(?:(?:some|about|around|roughly|nearly|approximately|an estimated)"
                          r"\s+)?~?$")
EARTH_KM = 6371.0088


def _moved(latitude: float, longitude: float, km: float, bearing: float) -> tuple[float, float]:
    """The point ``km`` from (latitude, longitude) along ``bearing`` degrees (great circle)."""
    angle, theta = km / EARTH_KM, math.radians(bearing)
    phi1, lambda1 = math.radians(latitude), math.radians(longitude)
    phi2 = math.asin(math.sin(phi1) * math.cos(angle) +
                     math.cos(phi1) * math.sin(angle) * math.cos(theta))
    lambda2 = lambda1 + math.atan2(math.sin(theta) * math.sin(angle) * math.cos(phi1),
                                   math.cos(angle) - math.sin(phi1) * math.sin(phi2))
    return round(math.degrees(phi2), 5), round((math.degrees(lambda2) + 540) % 360 - 180, 5)


def offset_place(text: str, ref: PlaceRef) -> PlaceRef | None:
    """The point "N km <bearing> of ``ref``" names, when the text says so just before ``ref``
    (None otherwise)."""
    if ref.latitude is None or ref.longitude is None:
        return None
    match = _OFFSET_BEFORE.search(text, max(0, ref.start - 60), ref.start)
    if match is None:
        return None
    distance = match.group("distance").lower()
    km = float(_NUMBER_WORDS.get(distance, 0) or distance) * _UNITS[match.group("unit").lower()]
    bearing = BEARINGS.get(re.sub(r"[- ]", "", match.group("bearing").lower()))
    if bearing is None or not 0 < km <= MAX_OFFSET_KM:
        return None
    latitude, longitude = _moved(ref.latitude, ref.longitude, km, bearing)
    named = _NAME_BEFORE.search(text, max(0, match.start() - 60), match.start())
    words = f"{match.group('distance')} {match.group('unit')} {match.group('bearing')}"
    name = named.group("name") if named else f"{words} of {ref.name}"
    return dataclasses.replace(ref, name=name, latitude=latitude, longitude=longitude,
                               gazetteer_id=f"{ref.gazetteer_id}@{words}", feature="village",
                               population=None)
