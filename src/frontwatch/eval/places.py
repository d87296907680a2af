"""Scorer for the ``places`` gold format: is the coded place among the places we extract?

Gold: JSONL ``{id, headline, place, lat, lon, date?, ...}``. A hit: some place extracted from the
headline (not a dateline) lies within ``radius_km`` (10) of (lat, lon).
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from frontwatch.errors import GoldFormatError, InputNotFoundError
from frontwatch.eval.metrics import haversine_km
from frontwatch.records import PlaceRef

__all__ = ["PlacesReport", "read_jsonl", "score_places"]


@dataclass
class PlacesReport:
    total: int
    hits: int
    resolved_any: int
    radius_km: float
    misses: list[dict[str, object]] = field(default_factory=list)
    nearest_km: list[float] = field(default_factory=list)

    @property
    def hit_rate(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def summary(self) -> dict[str, float]:
        median = statistics.median(self.nearest_km) if self.nearest_km else None
        return {"hit_at_10km": round(self.hit_rate, 4), "n": self.total,
                "with_any_place": self.resolved_any,
                "median_nearest_km": round(median, 1) if median is not None else -1}


def read_jsonl(path: Path) -> list[dict[str, object]]:
    if not path.is_file():
        raise InputNotFoundError("no such file", source=str(path))
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"malformed JSON ({exc.msg})", source=str(path),
                                  line=number) from exc
        if not isinstance(row, dict):
            raise GoldFormatError("line is not a JSON object", source=str(path), line=number)
        rows.append(row)
    return rows


def score_places(gold_path: Path,
                 find_places: Callable[[str, dt.date | None], Sequence[PlaceRef]],
                 radius_km: float = 10.0) -> PlacesReport:
    """Run ``find_places(headline, date)`` on every gold row and count hits within the radius."""
    report = PlacesReport(0, 0, 0, radius_km)
    for number, row in enumerate(read_jsonl(gold_path), start=1):
        try:
            text, lat, lon = str(row["headline"]), float(row["lat"]), float(row["lon"])  # type: ignore[arg-type]
        except (KeyError, TypeError, ValueError) as exc:
            raise GoldFormatError(f"needs headline, lat, lon ({exc})", source=str(gold_path),
                                  line=number) from exc
        date = dt.date.fromisoformat(str(row["date"])) if row.get("date") else None
        places = [ref for ref in find_places(text, date)
                  if ref.resolved and ref.role == "mention"]
        report.total += 1
        distances = [haversine_km(lat, lon, ref.latitude, ref.longitude)  # type: ignore[arg-type]
                     for ref in places]
        if places:
            report.resolved_any += 1
            report.nearest_km.append(min(distances))
        if distances and min(distances) <= radius_km:
            report.hits += 1
        else:
            report.misses.append({"id": row.get("id"), "place": row.get("place"),
                                  "found": [ref.name for ref in places]})
    return report
