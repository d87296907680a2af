"""Loaders for what users download: GeoNames dumps and OCHA P-code CSVs (fixtures we made in the
real formats, in tests/fixtures/gazetteer)."""

import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontwatch.cli import main
from frontwatch.errors import GazetteerLoadError
from frontwatch.resolve.gazetteer import InMemoryGazetteer, LayeredGazetteer, Place, SqliteGazetteer
from frontwatch.resolve.gazetteer_load import detect_format, load

FIXTURES = Path(__file__).parent / "fixtures" / "gazetteer"


def _counts(index: Path) -> tuple[int, int]:
    with sqlite3.connect(index) as connection:
        return (connection.execute("SELECT COUNT(*) FROM places").fetchone()[0],
                connection.execute("SELECT COUNT(*) FROM names").fetchone()[0])


def test_geonames_dump_loads_useful_features_with_admin1_names(tmp_path: Path) -> None:
    index = tmp_path / "user.sqlite"
    report = load(FIXTURES / "SY.txt", index)
    assert (report.format, report.rows, report.written, report.skipped) == ("geonames", 5, 4, 1)
    gazetteer = SqliteGazetteer(index)
    village = gazetteer.lookup("Khirbet el Mansoura").places[0]
    assert (village.id, village.feature, village.admin1) == (
        "geonames:9000001", "village", "Deir ez-Zor")
    assert gazetteer.lookup("Tabqa Airbase").places[0].feature == "airbase"
    assert gazetteer.lookup("Hay al-Matar").places[0].feature == "neighbourhood"
    assert gazetteer.lookup("Wadi Fixture").match is None  # streams and valleys are skipped
    assert gazetteer.lookup("Fixture Governorate").places[0].feature == "admin1"


def test_reloading_replaces_instead_of_duplicating(tmp_path: Path) -> None:
    index = tmp_path / "user.sqlite"
    load(FIXTURES / "SY.txt", index)
    first = _counts(index)
    load(FIXTURES / "SY.txt", index)
    assert _counts(index) == first


def test_a_zipped_dump_reads_like_the_text(tmp_path: Path) -> None:
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.write(FIXTURES / "SY.txt", "SY.txt")
        handle.writestr("readme.txt", "GeoNames readme")
    shutil.copy(FIXTURES / "admin1CodesASCII.txt", tmp_path)
    report = load(archive, tmp_path / "user.sqlite")
    assert report.written == 4
    place = SqliteGazetteer(tmp_path / "user.sqlite").lookup("Khirbat al-Mansura").places[0]
    assert place.admin1 == "Deir ez-Zor"


def test_ocha_csv_gives_the_deepest_unit_with_its_pcode(tmp_path: Path) -> None:
    index = tmp_path / "user.sqlite"
    report = load(FIXTURES / "ocha_cod.csv", index)
    assert (report.format, report.rows, report.written, report.skipped) == ("ocha", 3, 2, 1)
    gazetteer = SqliteGazetteer(index)
    sub = gazetteer.lookup("Thiban Fixture").places[0]
    assert (sub.id, sub.country_code, sub.admin1, sub.parent, sub.feature) == (
        "ocha:SY090105", "SY", "Deir-ez-Zor", "Al Mayadin", "town")
    district = gazetteer.lookup("Abu Kamal").places[0]
    assert (district.id, district.feature) == ("ocha:SY0902", "admin2")


@pytest.mark.parametrize("content, reason", [
    ("just some words\n", "neither a GeoNames dump"),
    ("1\tA\tA\t\t1\t2\tP\tPPL\tSY\n", "neither a GeoNames dump"),
])
def test_a_wrong_file_is_a_clear_error(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "wrong.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerLoadError, match=reason) as error:
        load(path, tmp_path / "user.sqlite")
    assert error.value.code == "GAZ002" and "wrong.txt" in str(error.value)


def test_a_short_line_inside_a_dump_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_text((FIXTURES / "SY.txt").read_text(encoding="utf-8") + "9\tcut short\n",
                    encoding="utf-8")
    with pytest.raises(GazetteerLoadError, match=r"broken\.txt:6: expected 19"):
        load(path, tmp_path / "user.sqlite", "geonames")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GazetteerLoadError, match="no such file"):
        detect_format(tmp_path / "absent.zip")


def test_layers_rank_exact_matches_of_any_layer_together() -> None:
    packaged = InMemoryGazetteer([(Place("p:1", "Mansura", 35.8, 38.7, "SY",
                                         feature="town", population=9_000), [])])
    user = InMemoryGazetteer([(Place("u:1", "Khirbat al-Mansura", 35.2, 40.1, "SY",
                                     feature="village"), ["Kh. al-Mansurah"]),
                              (Place("u:2", "Mansura", 30.0, 31.0, "EG", feature="village"), [])])
    layered = LayeredGazetteer(packaged, user)
    assert [place.id for place in layered.lookup("Mansura").places] == ["p:1", "u:2"]
    assert layered.lookup("Kh. al-Mansurah").places[0].id == "u:1"
    assert layered.get("u:1") is not None and layered.get("absent") is None


def test_cli_loads_into_the_user_layer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTWATCH_USER_GAZETTEER_PATH", str(tmp_path / "layer.sqlite"))
    result = CliRunner().invoke(main, ["gazetteer", "load", str(FIXTURES / "ocha_cod.csv")])
    assert result.exit_code == 0, result.output
    assert "2 places written" in result.output
    assert _counts(tmp_path / "layer.sqlite")[0] == 2
    wrong = CliRunner().invoke(main, ["gazetteer", "load", str(FIXTURES / "ocha_cod.csv"),
                                      "--format", "kml"])
    assert wrong.exit_code == 2


def test_the_default_gazetteer_consults_a_loaded_layer(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from frontwatch.pipeline import default_gazetteer
    from frontwatch.resolve.gazetteer_build import write_index

    packaged = write_index(tmp_path / "packaged.sqlite", [
        (Place("p:dez", "Deir ez-Zor", 35.33, 40.14, "SY", feature="city", population=240_000),
         [])])
    monkeypatch.setenv("FRONTWATCH_GAZETTEER_PATH", str(packaged))
    monkeypatch.setenv("FRONTWATCH_USER_GAZETTEER_PATH", str(tmp_path / "layer.sqlite"))
    assert isinstance(default_gazetteer(), SqliteGazetteer)  # no layer loaded yet
    load(FIXTURES / "SY.txt", tmp_path / "layer.sqlite")
    gazetteer = default_gazetteer()
    assert gazetteer.lookup("Deir ez-Zor").places[0].id == "p:dez"
    assert gazetteer.lookup("Khirbat al-Mansura").places[0].id == "geonames:9000001"


# admin2 names, alternate names, progress (issue #4)

ALTERNATES = FIXTURES / "alternateNamesV2.txt"
MANBIJ = "geonames:167357"  # the real GeoNames id of Manbij, in the packaged index


def _names(index: Path, place_id: str) -> set[str]:
    with sqlite3.connect(index) as connection:
        return {row[0] for row in connection.execute(
            "SELECT exact_key FROM names WHERE place_id = ?", (place_id,))}


def _packaged(tmp_path: Path) -> SqliteGazetteer:
    from frontwatch.resolve.gazetteer_build import write_index

    return SqliteGazetteer(write_index(tmp_path / "packaged.sqlite", [
        (Place(MANBIJ, "Manbij", 36.528, 37.955, "SY", "Aleppo", "city", 99_497), [])]))


def test_admin2_names_come_from_admin2codes_beside_the_dump(tmp_path: Path) -> None:
    index = tmp_path / "user.sqlite"
    load(FIXTURES / "SY-districts.txt", index)
    gazetteer = SqliteGazetteer(index)
    admin2 = {name: gazetteer.lookup(name).places[0].admin2 for name in [
        "Duweir Fixture", "Nahiyat Hajin Fixture", "Al Karamah Fixture", "Mantiqat al Mayadin",
        "Mantiqat Fixture", "Suwar Fixture"]}
    assert admin2 == {"Duweir Fixture": "Markaz al Mayadin",
                      "Nahiyat Hajin Fixture": "Markaz Abu Kamal",  # an ADM3 in its ADM2
                      "Al Karamah Fixture": "Markaz ar Raqqah",
                      "Mantiqat al Mayadin": "Markaz al Mayadin",  # an ADM2, named by the codes
                      "Mantiqat Fixture": "Mantiqat Fixture",  # an ADM2 the codes lack: its name
                      "Suwar Fixture": None}  # no admin2 code


@pytest.mark.parametrize("fixture, name, admin2", [
    ("ocha_cod.csv", "Thiban Fixture", "Al Mayadin"),
    ("ocha_cod.csv", "Abu Kamal", "Abu Kamal"),
    ("ocha_hdx.csv", "Suluk Fixture", "Tell Abiad"),
    ("ocha_hdx.csv", "Ath-Thawrah", "Ath-Thawrah"),
    ("ocha_hdx.csv", "Ar-Raqqa", None),
])
def test_ocha_units_at_level_two_or_deeper_carry_their_adm2_name(
        tmp_path: Path, fixture: str, name: str, admin2: str | None) -> None:
    load(FIXTURES / fixture, tmp_path / "user.sqlite")
    assert SqliteGazetteer(tmp_path / "user.sqlite").lookup(name).places[0].admin2 == admin2


def test_alternate_names_make_a_place_findable_by_another_spelling(tmp_path: Path) -> None:
    index = tmp_path / "user.sqlite"
    load(FIXTURES / "SY.txt", index)
    assert SqliteGazetteer(index).lookup("Khirbet al Mansourah").match != "exact"
    report = load(ALTERNATES, index)
    assert (report.format, report.rows, report.written, report.skipped, report.unknown) == (
        "alternates", 15, 3, 8, 3)  # Manbij and 9999999 are in no layer: no packaged index given
    gazetteer = SqliteGazetteer(index)
    assert gazetteer.lookup("Khirbet al Mansourah").places[0].id == "geonames:9000001"
    assert gazetteer.lookup("Al Tabqah Air Base").places[0].id == "geonames:9000003"


def test_pseudo_languages_other_scripts_and_codes_add_no_names(tmp_path: Path) -> None:
    index = tmp_path / "user.sqlite"
    load(FIXTURES / "SY.txt", index)
    before = _names(index, "geonames:9000001") | _names(index, "geonames:9000003")
    load(ALTERNATES, index)
    after = _names(index, "geonames:9000001") | _names(index, "geonames:9000003")
    # Not the link, the Wikidata id, the Arabic spelling, the ICAO code nor the 1793 name.
    assert after - before == {"khirbet al mansourah", "kh mansoura", "al tabqah air base"}


def test_a_packaged_place_is_copied_into_the_layer_with_its_new_names(
        gazetteer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    packaged = gazetteer.layers[0] if isinstance(gazetteer, LayeredGazetteer) else gazetteer
    assert packaged.get(MANBIJ).name == "Manbij"
    assert packaged.lookup("Hierapolis Bambyce").match is None
    index = tmp_path / "user.sqlite"
    report = load(ALTERNATES, index, packaged=packaged)
    assert (report.copied, report.unknown) == (1, 5)  # rows of fixture ids are in no layer
    layered = LayeredGazetteer(packaged, SqliteGazetteer(index))
    found = layered.lookup("Hierapolis Bambyce").places
    assert [place.id for place in found] == [MANBIJ] and found[0].admin1 == "Aleppo"
    assert layered.lookup("Menbiç").places[0].id == MANBIJ


def test_reloading_alternate_names_adds_no_rows(tmp_path: Path) -> None:
    index = tmp_path / "user.sqlite"
    load(FIXTURES / "SY.txt", index)
    load(ALTERNATES, index, packaged=_packaged(tmp_path))
    first = _counts(index)
    again = load(ALTERNATES, index, packaged=_packaged(tmp_path))
    assert _counts(index) == first and (again.written, again.copied) == (0, 0)


def test_reloading_a_dump_keeps_the_alternate_names_loaded_for_its_places(tmp_path: Path
                                                                        ) -> None:
    index = tmp_path / "user.sqlite"
    load(FIXTURES / "SY.txt", index)
    load(ALTERNATES, index)
    with_alternates = _counts(index), _names(index, "geonames:9000001")
    load(FIXTURES / "SY.txt", index)  # a newer dump: the place's names are replaced
    assert (_counts(index), _names(index, "geonames:9000001")) == with_alternates
    assert SqliteGazetteer(index).lookup("Kh Mansoura").places[0].id == "geonames:9000001"


def test_the_older_eight_column_file_and_the_zip_read_alike(tmp_path: Path) -> None:
    lines = ALTERNATES.read_text(encoding="utf-8").splitlines()
    older = tmp_path / "alternateNames.txt"
    older.write_text("".join("\t".join(line.split("\t")[:8]) + "\n" for line in lines),
                     encoding="utf-8")
    archive = tmp_path / "alternateNamesV2.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        handle.write(ALTERNATES, "alternateNamesV2.txt")
        handle.writestr("iso-languagecodes.txt", "ISO 639-3\tISO 639-2\tISO 639-1\tLanguage Name\n")
    for path in (older, archive):
        report = load(path, tmp_path / f"{path.stem}.sqlite", packaged=_packaged(tmp_path))
        assert (report.format, report.rows, report.written, report.copied) == (
            "alternates", 15, 2, 1)


def test_progress_counts_bytes_of_the_zipped_file_uncompressed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import frontwatch.resolve.gazetteer_load as module

    monkeypatch.setattr(module, "PROGRESS_ROWS", 4)
    archive = tmp_path / "alternateNamesV2.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        handle.write(ALTERNATES, "alternateNamesV2.txt")
    seen: list[tuple[int, int, int]] = []
    load(archive, tmp_path / "user.sqlite",
         progress=lambda report: seen.append((report.position, report.size, report.rows)))
    lines = ALTERNATES.read_bytes().splitlines(keepends=True)
    size = len(b"".join(lines))
    assert seen == [(len(b"".join(lines[:rows])), size, rows) for rows in (4, 8, 12)] + [
        (size, size, 15)]


@pytest.mark.parametrize("line, reason", [
    ("1700099\t9000001\ten\tCut Short\n", "columns of GeoNames alternate names, found 4"),
    ("1700099\tnine\ten\tNine Fixture\t\t\t\t\t\t\n", "geonameid columns must be numbers"),
    ("1700099\t9000001\ten\tTab\tIn Name\t\t\t\t\t\n", "must be empty, 0 or 1"),
])
def test_a_broken_alternate_names_line_is_gaz002_naming_it(tmp_path: Path, line: str,
                                                          reason: str) -> None:
    path = tmp_path / "alternateNamesV2.txt"
    path.write_text(ALTERNATES.read_text(encoding="utf-8") + line, encoding="utf-8")
    with pytest.raises(GazetteerLoadError, match=reason) as error:
        load(path, tmp_path / "user.sqlite")
    assert error.value.code == "GAZ002" and "alternateNamesV2.txt:16:" in str(error.value)


def test_a_line_that_is_not_utf8_is_gaz002_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "SY.txt"
    path.write_bytes((FIXTURES / "SY.txt").read_bytes().replace(b"Hay al-Matar", b"Hay al-M\xe4tar"))
    with pytest.raises(GazetteerLoadError, match=r"SY\.txt:2: not UTF-8"):
        load(path, tmp_path / "user.sqlite")


def test_cli_loads_alternate_names_with_a_progress_bar(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTWATCH_GAZETTEER_PATH", str(_packaged(tmp_path).path))
    layer = tmp_path / "layer.sqlite"
    result = CliRunner().invoke(main, ["gazetteer", "load", str(ALTERNATES), "--into", str(layer)])
    assert result.exit_code == 0, result.output
    assert f"{ALTERNATES.stat().st_size}/{ALTERNATES.stat().st_size} bytes" in result.output
    assert "2 names added, places copied from the packaged index: 1" in result.output
    assert SqliteGazetteer(layer).lookup("Hierapolis Bambyce").places[0].id == MANBIJ


def test_cli_reports_a_broken_line_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "SY.txt"
    path.write_text("9\tcut short\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["gazetteer", "load", str(path), "--format", "geonames",
                                       "--into", str(tmp_path / "layer.sqlite")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "error [GAZ002]" in result.output and "SY.txt:1: expected 19" in result.output
