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
