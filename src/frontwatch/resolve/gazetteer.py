"""Gazetteer: a small interface, an indexed SQLite implementation, an in-memory twin for tests.

Lookups try the exact key first, the transliteration-tolerant key only when the exact key finds
nothing, and the run-together key ("Albukamal") last (see :mod:`frontwatch.resolve.normalise`).
Candidates come back ranked by feature and population; choosing among them (document country,
context) is the caller's business.
"""

from __future__ import annotations

import math
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rapidfuzz import fuzz

from frontwatch.errors import GazetteerError
from frontwatch.resolve.normalise import compact_key, exact_key, loose_key

__all__ = [
    "FEATURE_SPECIFICITY",
    "NAME_KEY_COLUMNS",
    "PLACE_COLUMNS",
    "Gazetteer",
    "InMemoryGazetteer",
    "LayeredGazetteer",
    "Lookup",
    "Place",
    "SqliteGazetteer",
    "haversine_km",
    "rank_key",
]

# How specific a feature is: lower is more specific. Used to rank candidates and pick locations.
FEATURE_SPECIFICITY = {
    "neighbourhood": 0, "district": 0, "airport": 0, "airbase": 0, "military_base": 0,
    "border_crossing": 0, "camp": 0, "dam": 0, "oil_field": 0, "bridge": 0, "prison": 0,
    "facility": 0, "village": 1, "town": 1, "city": 1, "capital": 1, "road": 2,
    "admin2": 3, "admin1": 4, "region": 4, "country": 5,
}


#: The columns of the ``places`` table, in the order of :class:`Place`'s fields.
PLACE_COLUMNS = "id, name, latitude, longitude, country_code, admin1, feature, population, parent, admin2"

#: Columns of ``places`` holding the exact and loose keys of the entry's own name (written at
#: build time so that ranking candidates computes no key).
NAME_KEY_COLUMNS = "name_exact, name_loose"

#: Bytes of an index file read through a memory map (more than the packaged index's ~195 MB;
#: address space, not memory: pages are shared with the OS cache).
MMAP_BYTES = 512 * 1024 * 1024

#: Lookups remembered per process; cleared when full (batches see the same names again and again).
CACHE_SIZE = 50_000

#: Names a completion looks through before ranking by population.
COMPLETION_SCAN = 2000
#: Keys asked in one statement (SQLite allows 32,766 parameters; a document has some dozens).
BATCH = 500


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    id: str
    name: str
    latitude: float | None
    longitude: float | None
    country_code: str
    admin1: str | None = None
    feature: str = "city"
    population: int = 0
    parent: str | None = None
    admin2: str | None = None


#: A settlement this large is what a report means by its name, even when a village spells the
#: name exactly and the city is listed under a variant ("Zaporizhzhia" the city of 710,000, not
#: the village of 656 whose GeoNames name is spelled that way).
MAJOR_CITY = 100_000
#: Added to a major city's closeness (0..2) among loose matches.
MAJOR_CITY_CLOSENESS = 0.3


#: The exact and loose keys of a place's own name, when known without computing them.
NameKeys = Callable[[str], "tuple[str, str] | None"]


def _no_keys(name: str) -> tuple[str, str] | None:
    return None


def _name_keys(place: Place, known: NameKeys) -> tuple[str, str]:
    return known(place.name) or (exact_key(place.name), loose_key(place.name))


def rank_key(place: Place, key: str = "", own_key: str | None = None
             ) -> tuple[int, int, int, int, int]:
    """Sort key: a country first ("Iraq" is the country, not a town that has "Iraq" among its
    alternate names; "Congo" the larger Congo); then major cities; then entries whose own name
    matches before those matched by an alternate name; then settlements before regions; then
    larger population. ``own_key``: the exact key of the place's name, when already known."""
    own = bool(key) and (own_key if own_key is not None else exact_key(place.name)) == key
    specificity = FEATURE_SPECIFICITY.get(place.feature, 1)
    country_first = 0 if place.feature == "country" else 1
    # Own names before alternate names, ahead of settlements before regions: "Cauca" is the
    # Colombian department of that name, not a Spanish town of 2,000 that lists it as another
    # name (major cities still come first: "Raqqa" is the city, not the governorate).
    return (country_first, 0 if place.population >= MAJOR_CITY else 1, 0 if own else 1,
            0 if specificity <= 1 else specificity, -place.population)


def _similarity(asked_loose: str, asked_exact: str, own: tuple[str, str]) -> float:
    """How close a loose match is to the name asked for (0..2), given the asked name's spaceless
    loose key and its exact key, and the entry name's (exact, loose) keys: the normalised Indel
    similarity (rapidfuzz) of the spaceless loose keys plus that of the exact keys."""
    return (fuzz.ratio(asked_loose, own[1].replace(" ", "")) + fuzz.ratio(asked_exact, own[0])) / 100


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 6371.0088 * 2 * math.asin(math.sqrt(a))


@dataclass(frozen=True, slots=True)
class Lookup:
    """Candidates for a name and how they matched: ``exact``, ``loose`` or None (no match)."""

    match: str | None
    places: tuple[Place, ...]


def _ranked(match: str, places: list[Place], name: str, known: NameKeys = _no_keys) -> Lookup:
    """``places`` best first; ``known`` gives the keys of an entry's name where the index stored
    them (computing them is most of a cold lookup's time)."""
    if not places:
        return Lookup(None, ())
    if len(places) == 1:
        return Lookup(match, (places[0],))
    key = exact_key(name)
    if match == "loose":
        # Loose keys collide across the world ("Raqqa" and "Riga"): the closest spelling first.
        asked_loose = loose_key(name).replace(" ", "")

        def closeness(place: Place) -> tuple[float, tuple[int, int, int, int, int]]:
            own = _name_keys(place, known)
            # A major city is the likelier referent of a spelling close to its name: "Hodeidah"
            # is Al Hudaydah (700,000 people), not the hamlet Hadidah whose letters it shares more.
            major = MAJOR_CITY_CLOSENESS if place.population >= MAJOR_CITY else 0.0
            return -(round(_similarity(asked_loose, key, own), 1) + major), \
                rank_key(place, key, own[0])

        return Lookup(match, tuple(sorted(places, key=closeness)))
    return Lookup(match, tuple(sorted(
        places, key=lambda place: rank_key(place, key, _name_keys(place, known)[0]))))


class Gazetteer(Protocol):
    """What the place resolver needs from a gazetteer."""

    def lookup(self, name: str) -> Lookup:
        """Candidates for ``name``: exact-key matches, else loose-key matches; best first."""
        ...

    def lookup_many(self, names: Iterable[str]) -> list[Lookup]:
        """``lookup`` of each of ``names``, in order; an index answers them together."""
        ...

    def spellings(self, name: str) -> Lookup:
        """Loose-key (then run-together-key) matches of ``name`` even when an exact one exists:
        the variants a containment clue may choose among ("Mansoura, Raqqa governorate")."""
        ...

    def get(self, place_id: str) -> Place | None:
        """The entry with this id, or None."""
        ...

    def complete(self, prefix: str, limit: int = 10) -> list[Place]:
        """Places with a name starting with ``prefix`` (folded), most populous first."""
        ...


class InMemoryGazetteer:
    """A gazetteer held in dicts: for unit tests and small curated lists."""

    def __init__(self, entries: Iterable[tuple[Place, Iterable[str]]]):
        self._by_id: dict[str, Place] = {}
        self._exact: dict[str, list[Place]] = {}
        self._loose: dict[str, list[Place]] = {}
        self._compact: dict[str, list[Place]] = {}
        for place, names in entries:
            self.add(place, names)

    def add(self, place: Place, names: Iterable[str]) -> None:
        self._by_id[place.id] = place
        for name in {place.name, *names}:
            for index, key in ((self._exact, exact_key(name)), (self._loose, loose_key(name)),
                               (self._compact, compact_key(name))):
                bucket = index.setdefault(key, [])
                if place not in bucket:
                    bucket.append(place)

    def lookup(self, name: str) -> Lookup:
        key = exact_key(name)
        if key in self._exact:
            return _ranked("exact", self._exact[key], name)
        return self.spellings(name)

    def lookup_many(self, names: Iterable[str]) -> list[Lookup]:
        return [self.lookup(name) for name in names]

    def spellings(self, name: str) -> Lookup:
        loose = self._loose.get(loose_key(name)) or self._compact.get(compact_key(name), [])
        return _ranked("loose", loose, name)

    def get(self, place_id: str) -> Place | None:
        return self._by_id.get(place_id)

    def complete(self, prefix: str, limit: int = 10) -> list[Place]:
        key = exact_key(prefix)
        found = {place.id: place for name, places in self._exact.items()
                 if key and name.startswith(key) for place in places}
        return sorted(found.values(), key=lambda place: (-place.population, place.name))[:limit]


class SqliteGazetteer:
    """The on-disk gazetteer index built by :func:`frontwatch.resolve.gazetteer_build.build`."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise GazetteerError("gazetteer not found", source=str(self.path))
        self._local = threading.local()
        self._cache: dict[str, Lookup] = {}
        # Keys of entry names as the index stored them, by name (a pure function of the name).
        self._name_keys: dict[str, tuple[str, str]] = {}

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            uri = f"file:{self.path}?mode=ro"
            try:
                connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
                # Read through a memory map: lookups skip a read() and a copy per page (about
                # 1.5x as many lookups per second, bench/gazetteer.py); the file is read-only.
                connection.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
                columns = {row[1] for row in connection.execute("PRAGMA table_info(places)")}
                connection.execute("SELECT 1 FROM places LIMIT 1")
            except sqlite3.DatabaseError as exc:
                raise GazetteerError(f"gazetteer unreadable ({exc})", source=str(self.path)) from exc
            # A layer loaded before places had an admin2 column (or the keys of their names)
            # still reads: admin2 unknown, keys computed.
            self._local.columns = ", ".join(
                f"p.{column}" if column in columns else "NULL"
                for column in PLACE_COLUMNS.split(", "))
            self._local.keys = ", ".join(
                f"p.{column}" if column in columns else "NULL"
                for column in NAME_KEY_COLUMNS.split(", "))
            self._local.statements = {}
            self._local.connection = connection
        return connection

    def _statement(self, column: str, count: int) -> str:
        """The SELECT of entries whose ``column`` key is one of ``count`` keys (remembered per
        connection: building it is a measurable part of a one-name lookup)."""
        statements: dict[tuple[str, int], str] = self._local.statements
        statement = statements.get((column, count))
        if statement is None:
            test = "= ?" if count == 1 else f"IN ({', '.join('?' * count)})"
            # No GROUP BY: SQLite would sort every answer; duplicates (two names of one place
            # with the same key) are dropped by the caller instead.
            statement = statements[(column, count)] = (
                f"SELECT n.{column}, {self._local.columns}, {self._local.keys} FROM names n"
                f" JOIN places p ON p.id = n.place_id WHERE n.{column} {test}")
        return statement

    def _query(self, column: str, keys: list[str]) -> dict[str, list[Place]]:
        """Entries whose ``column`` key is one of ``keys``, by key (keys without entries are
        absent). One statement per :data:`BATCH` keys: a document's names cost one round trip."""
        connection = self._connection()
        if len(self._name_keys) > CACHE_SIZE:
            self._name_keys.clear()
        found: dict[str, dict[str, Place]] = {}
        name_keys = self._name_keys
        for first in range(0, len(keys), BATCH):
            batch = keys[first:first + BATCH]
            for row in connection.execute(self._statement(column, len(batch)), batch):
                places = found.setdefault(row[0], {})
                if row[1] not in places:
                    place = places[row[1]] = Place(*row[1:-2])
                    if row[-1] is not None:
                        name_keys[place.name] = (row[-2], row[-1])
        return {key: list(places.values()) for key, places in found.items()}

    def _find_many(self, names: dict[str, str]) -> dict[str, Lookup]:
        """Lookups of ``names`` (exact key → name as asked): exact matches of all in one pass,
        then loose and run-together matches of those left."""
        known = self._name_keys.get
        exact = self._query("exact_key", list(names))
        found = {key: _ranked("exact", exact[key], name, known)
                 for key, name in names.items() if key in exact}
        left = {key: name for key, name in names.items() if key not in exact}
        if left:
            found.update(self._spellings_many(left))
        return found

    def _spellings_many(self, names: dict[str, str]) -> dict[str, Lookup]:
        loose_keys = {key: loose_key(name) for key, name in names.items()}
        loose = self._query("loose_key", sorted(set(loose_keys.values())))
        compact_keys = {key: compact_key(name) for key, name in names.items()
                        if loose_keys[key] not in loose}
        compact = self._query("compact_key", sorted(set(compact_keys.values()))) \
            if compact_keys else {}
        return {key: _ranked("loose", loose.get(loose_keys[key]) or
                             compact.get(compact_keys.get(key, ""), []), name,
                             self._name_keys.get)
                for key, name in names.items()}

    def spellings(self, name: str) -> Lookup:
        return self._spellings_many({exact_key(name): name})[exact_key(name)]

    def lookup_many(self, names: Iterable[str]) -> list[Lookup]:
        """``lookup`` of each name, the ones not remembered fetched together."""
        names = list(names)
        keys = [exact_key(name) for name in names]
        wanted = {key: name for key, name in zip(keys, names, strict=True)
                  if key not in self._cache}
        found = self._find_many(wanted) if wanted else {}
        answers = [found[key] if key in found else self._cache[key] for key in keys]
        if len(self._cache) + len(found) > CACHE_SIZE:
            self._cache.clear()
        self._cache.update(found)
        return answers

    def lookup(self, name: str) -> Lookup:
        key = exact_key(name)
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) > CACHE_SIZE:
                self._cache.clear()
            found = self._cache[key] = self._find_many({key: name})[key]
        return found

    def get(self, place_id: str) -> Place | None:
        connection = self._connection()
        row = connection.execute(f"SELECT {self._local.columns} FROM places p WHERE p.id = ?",
                                 (place_id,)).fetchone()
        return Place(*row) if row else None

    def complete(self, prefix: str, limit: int = 10) -> list[Place]:
        key = exact_key(prefix)
        if not key:
            return []
        connection = self._connection()
        # a range on the indexed key; the names scanned are bounded, so a one-letter prefix
        # costs no more than a long one
        rows = connection.execute(
            f"SELECT {self._local.columns} FROM places p WHERE p.id IN (SELECT place_id FROM "
            f"names WHERE exact_key >= ? AND exact_key < ? LIMIT {COMPLETION_SCAN}) "
            f"ORDER BY p.population DESC, p.name LIMIT ?", (key, key + "\U0010ffff", limit))
        return [Place(*row) for row in rows]


def _merged(found: list[Lookup], name: str) -> Lookup:
    """Several layers' answers for ``name`` as one: an exact match in any beats loose matches
    in all, and the candidates of the winning kind are ranked together."""
    match = "exact" if any(each.match == "exact" for each in found) else "loose"
    places = {place.id: place for each in found if each.match == match for place in each.places}
    return _ranked(match, list(places.values()), name)


class LayeredGazetteer:
    """Several gazetteers answering as one: the packaged index and the layer a user loaded
    (GeoNames dumps, OCHA P-codes). An exact match in any layer beats loose matches in all;
    candidates of every layer are ranked together; ``get`` asks the layers in order."""

    def __init__(self, *layers: Gazetteer):
        self.layers = layers

    def lookup(self, name: str) -> Lookup:
        return self.lookup_many([name])[0]

    def lookup_many(self, names: Iterable[str]) -> list[Lookup]:
        names = list(names)
        per_layer = [layer.lookup_many(names) for layer in self.layers]
        return [_merged([answers[index] for answers in per_layer], name)
                for index, name in enumerate(names)]

    def spellings(self, name: str) -> Lookup:
        places = {place.id: place for layer in self.layers
                  for place in layer.spellings(name).places}
        return _ranked("loose", list(places.values()), name)

    def complete(self, prefix: str, limit: int = 10) -> list[Place]:
        found = {place.id: place for layer in self.layers
                 for place in layer.complete(prefix, limit)}
        return sorted(found.values(), key=lambda place: (-place.population, place.name))[:limit]

    def get(self, place_id: str) -> Place | None:
        for layer in self.layers:
            place = layer.get(place_id)
            if place is not None:
                return place
        return None
