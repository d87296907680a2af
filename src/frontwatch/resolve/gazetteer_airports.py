"""Airports and air bases for the gazetteer, from the ``airportsdata`` package (MIT licence).

Conflict reports name airfields constantly ("the military airport", "Shayrat airbase", "strikes
on Kramatorsk airport"), and GeoNames' cities list, which the packaged index is built from, has
none. ``airportsdata`` ships ~28,000 ICAO-coded airfields with their city, subdivision and
coordinates; the build reads its CSV (installed with frontwatch, nothing downloaded).

Each airfield becomes an entry ``airport:<ICAO>`` (feature ``airbase`` when its name says so,
else ``airport``) named as the package names it ("Shayrat Air Base", "Kramatorsk Airport"), with
the way reports name it after its city as alternate names ("Kramatorsk airport", "Tabqa airbase")
— never the bare city name, which belongs to the city, and never the ICAO/IATA codes, which match
ordinary acronyms. Heliports, seaplane bases and balloon ports are left out. An airfield our own
curated list already places (a curated airport or air base within :data:`SAME_AIRFIELD_KM`) is
left to the curated entry.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from importlib import metadata, resources

from frontwatch.resolve.gazetteer import Place, haversine_km

__all__ = ["SAME_AIRFIELD_KM", "airport_entries", "airports_version"]

#: A curated airfield this close to a package entry is the same airfield (runways are ~3 km).
SAME_AIRFIELD_KM = 4.0
_NOT_AIRFIELDS = re.compile(r"\b(?:heliport|helipad|seaplane|balloonport|hospital)\b", re.I)
_AIRBASE = re.compile(r"\b(?:air ?base|air force|air station|military|airfield)\b|\bAB$", re.I)
_AIRFIELD_FEATURES = ("airport", "airbase")


def airports_version() -> str:
    """The installed package's version: a new release means a new index."""
    return metadata.version("airportsdata")


def _rows() -> Iterator[dict[str, str]]:
    text = resources.files("airportsdata").joinpath("airports.csv").read_text(encoding="utf-8")
    yield from csv.DictReader(io.StringIO(text, newline=""))


def _names(city: str, feature: str) -> list[str]:
    """How reports name the airfield after its city ("Tabqa airbase", "Kramatorsk airport")."""
    kinds = ("air base", "airbase", "airfield", "military airport") if feature == "airbase" \
        else ("airport", "international airport", "airfield")
    return [f"{city} {kind}" for kind in kinds] if city else []


def airport_entries(curated: Iterable[Place] = (),
                    admin1: Callable[[list[tuple[float, float]]], list[str | None]] | None = None
                    ) -> Iterator[tuple[Place, list[str]]]:
    """Entries of the package's airfields, except those a curated entry already places;
    ``admin1`` names the admin1 region of each of a list of points (the package's own
    subdivision names are used without it)."""
    known: dict[str, list[tuple[float, float]]] = {}
    for place in curated:
        if place.feature in _AIRFIELD_FEATURES and place.latitude is not None and \
                place.longitude is not None:
            known.setdefault(place.country_code, []).append((place.latitude, place.longitude))
    kept: list[tuple[dict[str, str], tuple[float, float]]] = []
    for row in _rows():
        if not row["name"].strip() or _NOT_AIRFIELDS.search(row["name"]):
            continue
        try:
            point = (float(row["lat"]), float(row["lon"]))
        except ValueError:
            continue
        if not any(haversine_km(*point, *seen) <= SAME_AIRFIELD_KM for seen in known.get(row["country"], [])):
            kept.append((row, point))
    regions = admin1([point for _, point in kept]) if admin1 else \
        [row["subd"] or None for row, _ in kept]
    for (row, point), region in zip(kept, regions, strict=True):
        name, city = row["name"].strip(), row["city"].strip()
        feature = "airbase" if _AIRBASE.search(name) else "airport"
        yield Place(id=f"airport:{row['icao']}", name=name, latitude=point[0],
                    longitude=point[1], country_code=row["country"], admin1=region,
                    feature=feature, parent=city or None), _names(city, feature)
