"""Load what users download into a gazetteer layer of their own: GeoNames dumps and OCHA P-codes.

The packaged index (:mod:`frontwatch.resolve.gazetteer_build`) holds GeoNames places of 500 people
or more. Users who need villages, neighbourhoods, airports or the official P-coded admin units of
an operation load them here, into a separate SQLite file of the same schema (``user_gazetteer``
in the settings) that :func:`frontwatch.pipeline.default_gazetteer` layers over the packaged one.

* GeoNames: ``allCountries.zip``, a country's ``XX.zip``/``XX.txt``, ``citiesN.zip``/``.txt``
  (19 tab-separated columns, no header). ``admin1CodesASCII.txt`` beside the dump, when present,
  gives admin1 names. Only feature classes a conflict report names (populated places, admin units,
  facilities, roads) are kept; streams, hills and the like are skipped.
* OCHA common operational datasets: a CSV with ``ADM1_EN``/``ADM1_PCODE`` ... columns (or the
  HDX ``admin1Name_en``/``admin1Pcode`` spelling) and a latitude/longitude pair. Each row is the
  deepest admin unit it names, with the upper levels as its admin1 and parent.

Streaming and bounded memory: rows are read one at a time and written in batches. Idempotent:
an entry's id comes from the source (``geonames:ID``, ``ocha:PCODE``), and loading the same file
again replaces its entries and their names instead of adding copies.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from frontwatch.errors import GazetteerLoadError
from frontwatch.resolve.gazetteer import Place
from frontwatch.resolve.gazetteer_build import (
    LATIN_NAME,
    create_schema,
    index_schema,
    settlement_feature,
    write_entry,
)

__all__ = ["GEONAMES_COLUMNS", "LoadReport", "detect_format", "load"]

#: Columns of a GeoNames dump line (readme.txt of the GeoNames export).
GEONAMES_COLUMNS = 19
#: Rows written per transaction: large enough to be fast, small enough to keep memory flat.
BATCH_ROWS = 5_000
#: Progress is reported every this many rows.
PROGRESS_ROWS = 100_000

# GeoNames feature codes → our feature types. Populated places get a type by population.
_GEONAMES_FEATURES = {
    "PPLX": "neighbourhood", "ADM1": "admin1", "ADM2": "admin2",
    "ADM3": "admin2", "AIRP": "airport", "AIRB": "airbase", "AIRF": "airport", "AIRH": "airport",
    "INSM": "military_base", "CMP": "camp", "CMPRF": "camp", "CMPRFG": "camp", "DAM": "dam",
    "OILF": "oil_field", "BDG": "bridge", "PRN": "prison", "RD": "road", "RDJCT": "road",
    "PSTB": "border_crossing", "BDGQ": "border_crossing",
}


@dataclass
class LoadReport:
    """What one load did: rows read, entries written, rows skipped (and why, counted)."""

    source: str
    format: str
    rows: int = 0
    written: int = 0
    skipped: int = 0


def detect_format(path: Path) -> str:
    """``geonames`` or ``ocha`` from the file's first line; a clear error for anything else."""
    with _text_lines(path) as handle:
        first = handle.readline()
    if first.count("\t") == GEONAMES_COLUMNS - 1:
        return "geonames"
    if re.search(r"(adm|admin)\d", first, re.I) and "," in first:
        return "ocha"
    raise GazetteerLoadError("neither a GeoNames dump (19 tab-separated columns) nor an OCHA "
                             "P-code CSV (ADM1_EN, ADM1_PCODE... columns)", source=str(path))


@contextmanager
def _text_lines(path: Path) -> Iterator[TextIO]:
    """The text of ``path``, or of the one data file inside it when it is a zip archive."""
    if not path.is_file():
        raise GazetteerLoadError("no such file", source=str(path))
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [name for name in archive.namelist()
                       if name.endswith((".txt", ".csv")) and "readme" not in name.lower()]
            if len(members) != 1:
                raise GazetteerLoadError(f"expected one .txt or .csv file in the archive, found "
                                         f"{len(members)}", source=str(path))
            with archive.open(members[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        return
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield handle


def _admin1_names(path: Path) -> dict[str, str]:
    """``admin1CodesASCII.txt`` beside the dump: ``SY.01`` → ``Dimashq``; empty when absent."""
    codes = path.with_name("admin1CodesASCII.txt")
    if not codes.is_file():
        return {}
    names: dict[str, str] = {}
    with codes.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 2:
                names[fields[0]] = fields[1]
    return names


def _geonames_rows(path: Path, report: LoadReport) -> Iterator[tuple[Place, list[str]]]:
    admin1 = _admin1_names(path)
    with _text_lines(path) as handle:
        for number, line in enumerate(handle, start=1):
            fields = line.rstrip("\r\n").split("\t")
            report.rows += 1
            if len(fields) != GEONAMES_COLUMNS:
                raise GazetteerLoadError(f"expected {GEONAMES_COLUMNS} tab-separated columns, "
                                         f"found {len(fields)}", source=report.source, line=number)
            try:
                latitude, longitude = float(fields[4]), float(fields[5])
                population = int(fields[14] or 0)
            except ValueError as exc:
                raise GazetteerLoadError(f"bad coordinates or population ({exc})",
                                         source=report.source, line=number) from exc
            klass, code = fields[6], fields[7]
            feature = _GEONAMES_FEATURES.get(code)
            if klass == "P" and feature is None:
                feature = "capital" if code == "PPLC" else settlement_feature(population)
            if feature is None:
                report.skipped += 1
                continue
            country = fields[8]
            region = admin1.get(f"{country}.{fields[10]}")
            name = fields[1]
            if feature == "admin1":
                region = region or name
            names = [fields[2], *(alias for alias in fields[3].split(",")
                                  if alias and LATIN_NAME.match(alias))]
            yield Place(id=f"geonames:{fields[0]}", name=name, latitude=latitude,
                        longitude=longitude, country_code=country, admin1=region,
                        feature=feature, population=population), names


def _ocha_levels(header: Sequence[str]) -> dict[int, tuple[str, str]]:
    """Admin level → (English-name column, P-code column), for the levels the header has."""
    def column(pattern: str) -> str | None:
        return next((each for each in header if re.match(pattern, each.strip(), re.I)), None)

    levels = {}
    for level in range(5):
        name = column(rf"^adm{level}_en$|^admin{level}name_en$|^adm{level}_name$")
        pcode = column(rf"^adm{level}_pcode$|^admin{level}pcode$")
        if name and pcode:
            levels[level] = (name, pcode)
    return levels


def _coordinate_columns(header: Sequence[str]) -> tuple[str, str] | None:
    lowered = {column.strip().lower(): column for column in header}
    for latitude, longitude in (("latitude", "longitude"), ("lat", "lon"), ("lat", "long"),
                                ("y", "x")):
        if latitude in lowered and longitude in lowered:
            return lowered[latitude], lowered[longitude]
    return None


#: Feature of an OCHA unit by its admin level (deeper levels are settlements' areas).
_OCHA_FEATURES = {0: "country", 1: "admin1", 2: "admin2"}


def _ocha_rows(path: Path, report: LoadReport) -> Iterator[tuple[Place, list[str]]]:
    with _text_lines(path) as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        levels = _ocha_levels(header)
        coordinates = _coordinate_columns(header)
        if not levels or coordinates is None:
            raise GazetteerLoadError("an OCHA CSV needs ADMn_EN and ADMn_PCODE columns and a "
                                     "latitude/longitude pair", source=report.source, line=1)
        for number, row in enumerate(reader, start=2):
            report.rows += 1
            values = {level: ((row.get(name) or "").strip(), (row.get(pcode) or "").strip())
                      for level, (name, pcode) in levels.items()}
            named = sorted(level for level, (_, pcode) in values.items() if pcode)
            try:
                latitude = float(row[coordinates[0]])
                longitude = float(row[coordinates[1]])
            except (TypeError, ValueError):
                named = []  # a unit without coordinates cannot locate an event
            if not named:
                report.skipped += 1
                continue
            deepest = named[-1]
            name, pcode = values[deepest]
            if not name:
                raise GazetteerLoadError(f"admin{deepest} P-code {pcode} has no name",
                                         source=report.source, line=number)
            country = (values.get(0, ("", ""))[1] or pcode[:2])[:2].upper()
            parents = [values[level][0] for level in named[:-1] if level > 0]
            yield Place(id=f"ocha:{pcode}", name=name, latitude=latitude, longitude=longitude,
                        country_code=country,
                        admin1=values[1][0] or None if deepest and 1 in values else None,
                        feature=_OCHA_FEATURES.get(deepest, "town"),
                        parent=parents[-1] if parents else None), []


def load(path: str | Path, index: str | Path, file_format: str | None = None,
         progress: Callable[[LoadReport], None] | None = None) -> LoadReport:
    """Load ``path`` (GeoNames dump or OCHA CSV; ``file_format`` None detects it) into the
    gazetteer layer at ``index``, created when missing. Re-loading replaces, never duplicates."""
    source = Path(path)
    chosen = file_format or detect_format(source)
    if chosen not in ("geonames", "ocha"):
        raise GazetteerLoadError(f"unknown format {chosen!r} (geonames or ocha)", source=str(path))
    report = LoadReport(source=str(source), format=chosen)
    rows = _geonames_rows(source, report) if chosen == "geonames" else _ocha_rows(source, report)
    target = Path(index)
    target.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(target)
    try:
        create_schema(connection)
        index_schema(connection)
        for place, names in rows:
            # Replacing an entry replaces its names too: a re-load leaves one copy of each.
            connection.execute("DELETE FROM names WHERE place_id = ?", (place.id,))
            write_entry(connection, place, names)
            report.written += 1
            if report.written % BATCH_ROWS == 0:
                connection.commit()
            if progress and report.rows % PROGRESS_ROWS == 0:
                progress(report)
        connection.commit()
    except sqlite3.Error as exc:
        raise GazetteerLoadError(f"could not write the gazetteer layer ({exc})",
                                 source=str(target)) from exc
    finally:
        connection.close()
    return report
