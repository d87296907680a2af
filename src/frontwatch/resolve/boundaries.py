"""Province (admin-1) boundaries a user loads for the dashboard: OCHA COD-AB, geoBoundaries or
Natural Earth admin-1 polygons as GeoJSON, simplified with shapely and kept in one GeoJSON file.

frontwatch ships Natural Earth's admin-1 set (web/vendor.sh builds it with this module); a user
loads better ones (OCHA COD-AB for their country) and the API serves those instead. Loading again
adds to the file: a province already there (same country and P-code, or name) is replaced.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping, shape

from frontwatch.errors import InputError

__all__ = ["BoundaryReport", "load_boundaries"]

#: Property names that hold a province's name, its P-code and its country, in the order tried
#: (OCHA COD-AB, geoBoundaries, Natural Earth, GADM).
NAME_KEYS = ("ADM1_EN", "admin1Name_en", "shapeName", "name_en", "name", "NAME_1", "NAME")
PCODE_KEYS = ("ADM1_PCODE", "admin1Pcode", "shapeISO", "iso_3166_2", "GID_1", "shapeID")
COUNTRY_KEYS = ("ADM0_EN", "admin0Name_en", "shapeGroup", "admin", "COUNTRY", "adm0_a3")
#: Degrees: about 500 m, finer than a province border drawn on a country-wide map needs.
DEFAULT_TOLERANCE = 0.005


@dataclass(frozen=True, slots=True)
class BoundaryReport:
    source: str
    loaded: int
    skipped: int
    total: int


def _first(properties: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    return next((str(properties[key]) for key in keys if properties.get(key) not in (None, "")),
                None)


def _read(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("file not found", source=str(path)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not GeoJSON ({exc})", source=str(path)) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or \
            not isinstance(data.get("features"), list):
        raise InputError("not a GeoJSON FeatureCollection", source=str(path))
    return data["features"]


def _province(feature: Any, tolerance: float) -> dict[str, Any] | None:
    """One feature as a simplified province, or None when it is not a named polygon."""
    if not isinstance(feature, dict) or not isinstance(feature.get("geometry"), dict):
        return None
    properties = feature.get("properties") or {}
    name = _first(properties, NAME_KEYS)
    if name is None or feature["geometry"].get("type") not in ("Polygon", "MultiPolygon"):
        return None
    try:
        geometry = shapely.make_valid(shape(feature["geometry"]))
    except (ValueError, TypeError, shapely.errors.GEOSException):
        return None
    simple = shapely.set_precision(geometry.simplify(tolerance, preserve_topology=True), 1e-4)
    if simple.is_empty:
        return None
    return {"type": "Feature", "geometry": mapping(simple),
            "properties": {"name": name, "pcode": _first(properties, PCODE_KEYS),
                           "country": _first(properties, COUNTRY_KEYS)}}


def _key(feature: dict[str, Any]) -> tuple[str | None, str]:
    properties = feature["properties"]
    return properties["country"], properties["pcode"] or properties["name"]


def load_boundaries(path: str | Path, target: Path, tolerance: float = DEFAULT_TOLERANCE
                    ) -> BoundaryReport:
    """Add the provinces of the GeoJSON file ``path`` to ``target``; features that are not
    named polygons are skipped and counted. A file that is not GeoJSON is an InputError."""
    features = _read(Path(path))
    provinces = [_province(feature, tolerance) for feature in features]
    kept = [province for province in provinces if province is not None]
    if not kept:
        raise InputError("no named Polygon or MultiPolygon features", source=str(path))
    known = {_key(feature): feature for feature in _read(target)} if target.exists() else {}
    known.update((_key(province), province) for province in kept)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.write_text(json.dumps({"type": "FeatureCollection", "features": list(known.values())},
                                  ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    os.replace(partial, target)  # a reader never sees half a file
    return BoundaryReport(str(path), len(kept), len(features) - len(kept), len(known))
