"""Shared fixtures: the ../shared directory (skip or fail when absent), a small in-memory
gazetteer, and the real pipeline's gazetteer (built once per machine, cached)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from frontwatch.resolve.gazetteer import InMemoryGazetteer, Place

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRONTWATCH_SHARED_DIR", ROOT.parent / "shared"))
REFERENCE = SHARED / "reference" / "deir-ez-zor-2017-01-18.txt"


def require_shared(path: Path) -> Path:
    """``path`` inside ../shared, or a skip (a failure when FRONTWATCH_REQUIRE_SHARED=1)."""
    if path.exists():
        return path
    reason = f"{path} is not here (the shared directory sits beside the checkout in CI)"
    if os.environ.get("FRONTWATCH_REQUIRE_SHARED") == "1":
        pytest.fail(f"FRONTWATCH_REQUIRE_SHARED=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def reference_path() -> Path:
    return require_shared(REFERENCE)


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    return require_shared(SHARED / "eval")


def _place(pid: str, name: str, lat: float, lon: float, cc: str, feature: str = "city",
           population: int = 50_000, admin1: str | None = None) -> Place:
    return Place(pid, name, lat, lon, cc, admin1, feature, population)


@pytest.fixture(scope="session")
def small_gazetteer() -> InMemoryGazetteer:
    """A dozen places written for the unit tests (coordinates of the real towns)."""
    return InMemoryGazetteer([
        (_place("t:dez", "Deir ez-Zor", 35.336, 40.141, "SY", population=271800,
                admin1="Deir ez-Zor"), ["Deir el-Zor", "Dayr az-Zawr"]),
        (_place("t:amman", "Amman", 31.955, 35.945, "JO", population=1_275_000), []),
        (_place("t:mosul", "Mosul", 36.335, 43.119, "IQ", population=1_683_000), []),
        (_place("t:aleppo", "Aleppo", 36.202, 37.155, "SY", population=1_602_000), ["Halab"]),
        (_place("t:goma", "Goma", -1.679, 29.228, "CD", population=670_000), []),
        (_place("t:kyiv", "Kyiv", 50.454, 30.524, "UA", population=2_950_000), ["Kiev"]),
        (_place("t:sy", "Syria", 34.8, 39.0, "SY", feature="country", population=17_000_000),
         []),
        (_place("t:iq", "Iraq", 33.3, 44.4, "IQ", feature="country", population=38_000_000), []),
    ])


@pytest.fixture(scope="session")
def gazetteer():  # type: ignore[no-untyped-def]
    """The real gazetteer (GeoNames + curated), built into the user cache on first use."""
    from frontwatch.pipeline import default_gazetteer

    return default_gazetteer()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A PostgreSQL server URL (see tests/pg_cluster.py); a skip where none can run, a failure
    when FRONTWATCH_REQUIRE_PG=1 (CI)."""
    from pg_cluster import DEFAULT_URL, reachable, throwaway_cluster

    url = os.environ.get("FRONTWATCH_TEST_PG_URL", DEFAULT_URL)
    if reachable(url):
        yield url
        return
    try:
        with throwaway_cluster() as started:
            yield started
    except (RuntimeError, OSError, subprocess.CalledProcessError) as exc:
        reason = f"no PostgreSQL at {url} and no throwaway cluster ({exc})"
        if os.environ.get("FRONTWATCH_REQUIRE_PG") == "1":
            pytest.fail(f"FRONTWATCH_REQUIRE_PG=1 but {reason}")
        pytest.skip(reason)


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh database of its own on the test server, dropped afterwards."""
    from pg_cluster import fresh_database

    with fresh_database(pg_server) as url:
        yield url
