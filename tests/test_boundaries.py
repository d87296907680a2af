"""Province boundaries a user loads for the dashboard (issue #7): OCHA/geoBoundaries/Natural
Earth GeoJSON simplified into one file, bad files refused by name, served by the API.
The fixture's two provinces are rough rectangles written for the test, not real borders."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from frontwatch.cli import main
from frontwatch.errors import InputError
from frontwatch.resolve.boundaries import load_boundaries

FIXTURE = Path(__file__).parent / "fixtures" / "boundaries" / "provinces.geojson"


def test_named_polygons_are_kept_simplified_and_replaced_on_reload(tmp_path: Path) -> None:
    target = tmp_path / "admin1.geojson"
    report = load_boundaries(FIXTURE, target)
    assert (report.loaded, report.skipped, report.total) == (2, 2, 2)
    provinces = json.loads(target.read_text(encoding="utf-8"))["features"]
    east = next(item for item in provinces if item["properties"]["pcode"] == "XX01")
    assert east["properties"] == {"name": "Test Province East", "pcode": "XX01",
                                  "country": "Testland"}
    ring = east["geometry"]["coordinates"][0]
    assert [40.10001, 35.0] not in ring and len(ring) < 8  # the needless vertex is gone
    assert load_boundaries(FIXTURE, target).total == 2  # the same provinces: replaced


@pytest.mark.parametrize(("text", "reason"), [
    ("not json", "not GeoJSON"), ('{"type": "Feature"}', "not a GeoJSON FeatureCollection"),
    ('{"type": "FeatureCollection", "features": []}', "no named Polygon"),
])
def test_a_bad_file_is_refused_by_name(tmp_path: Path, text: str, reason: str) -> None:
    bad = tmp_path / "bad.geojson"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=reason) as refused:
        load_boundaries(bad, tmp_path / "admin1.geojson")
    assert refused.value.source == str(bad)
    assert not (tmp_path / "admin1.geojson").exists()


DEIR_EZ_ZOR = (40.141, 35.336)
KHARKIV = (36.231, 49.993)


def _province_holding(features: list[dict[str, Any]], point: tuple[float, float]
                      ) -> tuple[str, str] | None:
    from shapely.geometry import Point, shape

    return next(((feature["properties"]["name"], feature["properties"]["country"])
                 for feature in features if shape(feature["geometry"]).contains(Point(*point))),
                None)


def test_the_bundled_provinces_go_gzipped_to_a_client_that_takes_gzip(tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import gzip

    from fastapi.testclient import TestClient

    from frontwatch.api import create_app
    from frontwatch.store import Store
    from frontwatch.store.accounts import add_user, create_token

    monkeypatch.setenv("FRONTWATCH_BOUNDARIES_PATH", str(tmp_path / "none.geojson"))
    store = Store(f"sqlite:///{tmp_path / 'fw.db'}")
    add_user(store.engine, "vera", "viewer")
    token = create_token(store.engine, "vera")
    with TestClient(create_app(store, lambda: None)) as client:  # type: ignore[arg-type,return-value]
        packed = client.get("/boundaries/admin1", headers={
            "Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"})
        plain = client.get("/boundaries/admin1", headers={
            "Authorization": f"Bearer {token}", "Accept-Encoding": "identity"})
    store.close()
    assert packed.headers["content-encoding"] == "gzip" and "content-encoding" not in plain.headers
    assert len(plain.content) > 3 * int(packed.headers["content-length"])
    assert json.loads(plain.content) == json.loads(gzip.decompress(packed.content)
                                                   if packed.content[:2] == b"\x1f\x8b"
                                                   else packed.content)


def test_the_command_loads_and_the_api_serves(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    from frontwatch.api import create_app
    from frontwatch.store import Store
    from frontwatch.store.accounts import add_user, create_token

    target = tmp_path / "admin1.geojson"
    monkeypatch.setenv("FRONTWATCH_BOUNDARIES_PATH", str(target))
    store = Store(f"sqlite:///{tmp_path / 'fw.db'}")
    add_user(store.engine, "vera", "viewer")
    headers = {"Authorization": f"Bearer {create_token(store.engine, 'vera')}"}
    with TestClient(create_app(store, lambda: None)) as client:  # type: ignore[arg-type,return-value]
        bundled = client.get("/boundaries/admin1", headers=headers).json()["features"]
        assert _province_holding(bundled, DEIR_EZ_ZOR) == ("Dayr Az Zawr", "SYR")
        assert _province_holding(bundled, KHARKIV) == ("Kharkiv", "UKR")
        assert len({feature["properties"]["country"] for feature in bundled}) > 200
        done = CliRunner().invoke(main, ["boundaries", "load", str(FIXTURE),
                                         str(tmp_path / "missing.geojson")])
        assert done.exit_code == 1 and "2 provinces loaded" in done.stderr
        assert "missing.geojson" in done.stderr and "file not found" in done.stderr
        served = client.get("/boundaries/admin1", headers=headers)
        assert served.headers["content-type"].startswith("application/geo+json")
        assert len(served.json()["features"]) == 2  # the user's provinces replace the bundled
        assert client.get("/boundaries/admin1").status_code == 401
    store.close()
