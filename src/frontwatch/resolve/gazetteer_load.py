"""Load what users download into a gazetteer layer of their own: GeoNames dumps, GeoNames alternate
names and OCHA P-codes.

The packaged index (:mod:`frontwatch.resolve.gazetteer_build`) holds GeoNames places of 500 people
or more. Users who need villages, neighbourhoods, airports or the official P-coded admin units of
an operation load them here, into a separate SQLite file of the same schema (``user_gazetteer``
in the settings) that :func:`frontwatch.pipeline.default_gazetteer` layers over the packaged one.

* ``geonames``: ``allCountries.zip``, a country's ``XX.zip``/``XX.txt``, ``citiesN.zip``/``.txt``
  (19 tab-separated columns, no header). ``admin1CodesASCII.txt`` and ``admin2Codes.txt`` beside
  the dump, when present, give the admin1 and admin2 names of its places. Only feature classes a
  conflict report names (populated places, admin units, facilities, roads) are kept; streams,
  hills and the like are skipped.
* ``ocha``: OCHA common operational datasets, a CSV with ``ADM1_EN``/``ADM1_PCODE`` ... columns (or
  the HDX ``admin1Name_en``/``admin1Pcode`` spelling) and a latitude/longitude pair. Each row is the
  deepest admin unit it names, with the upper levels as its admin1, admin2 and parent.
* ``alternates``: ``alternateNamesV2.txt``/``alternateNames.txt`` or their zip (detected by the
  file name): more names for GeoNames places of the layer, or of the packaged index, whose place
  rows are then copied into the layer (see :mod:`frontwatch.resolve.gazetteer_alternates`).

Streaming and bounded memory: rows are read one at a time and written in batches; ``progress``
is called every :data:`PROGRESS_ROWS` lines with the bytes read so far (of a zip, its member's
uncompressed bytes). A broken line (wrong columns, bad numbers, not UTF-8) stops the load with a
:class:`GazetteerLoadError` (GAZ002) naming the file and the line; the batches before it stay
written, and loading the fixed file again completes the layer.

Idempotent: an entry's id comes from the source (``geonames:ID``, ``ocha:PCODE``), and loading
the same file again replaces its entries and their names instead of adding copies; alternate
names already there are not written twice. The layer records the alternate names it was given
(table ``alternate_names``): re-loading a dump replaces the names of its places and keeps those.
"""

from __future__ import annotations

import csv
import re
import sqlite3
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from frontwatch.errors import GazetteerLoadError
from frontwatch.resolve.gazetteer import Gazetteer, Place
from frontwatch.resolve.gazetteer_build import (
    LATIN_NAME,
    create_schema,
    index_schema,
    settlement_feature,
    write_entry,
)

__all__ = ["FORMATS", "GEONAMES_COLUMNS", "LoadReport", "Progress", "Source", "detect_format", "load"]

#: Columns of a GeoNames dump line (readme.txt of the GeoNames export).
GEONAMES_COLUMNS = 19
#: Rows written per transaction: large enough to be fast, small enough to keep memory flat.
BATCH_ROWS = 5_000
#: Progress is reported every this many lines.
PROGRESS_ROWS = 10_000
#: The formats :func:`load` reads.
FORMATS = ("geonames", "ocha", "alternates")

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
    """What one load did: rows read, entries written (for alternate names: names added), rows
    skipped; for alternate names also the places copied from the packaged index and the rows of
    ids in neither. ``position``/``size``: bytes of the input read so far, of how many."""

    source: str
    format: str
    rows: int = 0
    written: int = 0
    skipped: int = 0
    copied: int = 0
    unknown: int = 0
    position: int = 0
    size: int = 0


#: Called now and then during a load with the report so far (the CLI draws a progress bar).
Progress = Callable[[LoadReport], None]


class Source:
    """The lines of an input file, or of the one data file inside it when it is a zip archive,
    read as bytes and decoded one by one: a line that is not UTF-8 is an error naming it."""

    def __init__(self, binary: IO[bytes], size: int, name: str):
        self._binary = binary
        self.size = size
        self.name = name

    def lines(self, report: LoadReport | None = None,
              progress: Progress | None = None) -> Iterator[tuple[int, str]]:
        """(line number, text) pairs; every :data:`PROGRESS_ROWS` lines ``report.position`` is
        updated and ``progress`` called."""
        if report is not None:
            report.size = self.size
        number = 0
        try:
            for number, raw in enumerate(self._binary, start=1):
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise GazetteerLoadError(f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                                             source=self.name, line=number) from exc
                if number == 1:
                    line = line.removeprefix("\ufeff")
                yield number, line
                # Reported once the reader is back for more: the line's row is counted, written.
                if report is not None and number % PROGRESS_ROWS == 0:
                    report.position = self._binary.tell()
                    if progress:
                        progress(report)
        except (OSError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
            # A truncated or corrupt archive fails while it is read, not when it is opened.
            raise GazetteerLoadError(f"unreadable ({exc})", source=self.name,
                                     line=number + 1) from exc


def _member(archive: zipfile.ZipFile, path: Path) -> zipfile.ZipInfo:
    """The data file of an archive: its one .txt/.csv besides readme and language-code files, or
    the one named like the archive (alternateNamesV2.zip holds alternateNamesV2.txt)."""
    members = [info for info in archive.infolist() if info.filename.endswith((".txt", ".csv"))
               and not re.search(r"readme|iso-languagecodes", info.filename, re.I)]
    named = [info for info in members if Path(info.filename).stem == path.stem]
    if len(members) == 1 or len(named) == 1:
        return members[0] if len(members) == 1 else named[0]
    raise GazetteerLoadError(f"expected one .txt or .csv file in the archive, found "
                             f"{len(members)}", source=str(path))


@contextmanager
def open_source(path: Path) -> Iterator[Source]:
    """The :class:`Source` of ``path`` (a zip archive: of its data file, sized uncompressed)."""
    if not path.is_file():
        raise GazetteerLoadError("no such file", source=str(path))
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            member = _member(archive, path)
            with archive.open(member) as raw:
                yield Source(raw, member.file_size, str(path))
        return
    with path.open("rb") as handle:
        yield Source(handle, path.stat().st_size, str(path))


def detect_format(path: Path) -> str:
    """``alternates`` from the file name (``alternateNames*``), else ``geonames`` or ``ocha``
    from the file's first line; a clear error for anything else."""
    with open_source(path) as source:
        first = next(source.lines(), (0, ""))[1]
    fields = first.rstrip("\r\n").split("\t")
    if path.name.lower().startswith("alternatenames") or (
            len(fields) in (8, 10) and fields[0].isdigit() and fields[1].isdigit()):
        return "alternates"
    if len(fields) == GEONAMES_COLUMNS:
        return "geonames"
    if re.search(r"(adm|admin)\d", first, re.I) and "," in first:
        return "ocha"
    raise GazetteerLoadError("neither a GeoNames dump (19 tab-separated columns), GeoNames "
                             "alternate names nor an OCHA P-code CSV (ADM1_EN, ADM1_PCODE... "
                             "columns)", source=str(path))


def _code_names(path: Path, file_name: str) -> dict[str, str]:
    """A GeoNames code file beside the dump, code → name: ``admin1CodesASCII.txt`` (``SY.01`` →
    ``Dimashq``), ``admin2Codes.txt`` (``SY.01.123456`` → its name); empty when absent. A few
    tens of thousands of lines for the whole world."""
    codes = path.with_name(file_name)
    if not codes.is_file():
        return {}
    names: dict[str, str] = {}
    with open_source(codes) as source:
        for _, line in source.lines():
            fields = line.rstrip("\r\n").split("\t")
            if len(fields) >= 2:
                names[fields[0]] = fields[1]
    return names


def _geonames_rows(source: Source, path: Path, report: LoadReport,
                   progress: Progress | None) -> Iterator[tuple[Place, list[str]]]:
    admin1 = _code_names(path, "admin1CodesASCII.txt")
    admin2 = _code_names(path, "admin2Codes.txt")
    for number, line in source.lines(report, progress):
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
        country, name = fields[8], fields[1]
        region = admin1.get(f"{country}.{fields[10]}")
        district = admin2.get(f"{country}.{fields[10]}.{fields[11]}") if fields[11] else None
        if code == "ADM1":
            region = region or name
        if code == "ADM2":
            district = district or name
        names = [fields[2], *(alias for alias in fields[3].split(",")
                              if alias and LATIN_NAME.match(alias))]
        yield Place(id=f"geonames:{fields[0]}", name=name, latitude=latitude,
                    longitude=longitude, country_code=country, admin1=region,
                    feature=feature, population=population, admin2=district), names


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


def _ocha_rows(source: Source, report: LoadReport,
               progress: Progress | None) -> Iterator[tuple[Place, list[str]]]:
    reader = csv.DictReader(line for _, line in source.lines(report, progress))
    header = reader.fieldnames or []
    levels = _ocha_levels(header)
    coordinates = _coordinate_columns(header)
    if not levels or coordinates is None:
        raise GazetteerLoadError("an OCHA CSV needs ADMn_EN and ADMn_PCODE columns and a "
                                 "latitude/longitude pair", source=report.source, line=1)
    for row in reader:
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
                                     source=report.source, line=reader.line_num)
        country = (values.get(0, ("", ""))[1] or pcode[:2])[:2].upper()
        parents = [values[level][0] for level in named[:-1] if level > 0]
        yield Place(id=f"ocha:{pcode}", name=name, latitude=latitude, longitude=longitude,
                    country_code=country,
                    admin1=values[1][0] or None if deepest and 1 in values else None,
                    feature=_OCHA_FEATURES.get(deepest, "town"),
                    parent=parents[-1] if parents else None,
                    admin2=values[2][0] or None if deepest >= 2 and 2 in values else None), []


def alternates_schema(connection: sqlite3.Connection) -> None:
    """The layer's record of the alternate names loaded into it, by place: a re-loaded dump
    replaces its places' names and must give these back."""
    connection.execute("CREATE TABLE IF NOT EXISTS alternate_names (place_id TEXT, name TEXT,"
                       " PRIMARY KEY (place_id, name)) WITHOUT ROWID")


def _write_entries(connection: sqlite3.Connection, rows: Iterator[tuple[Place, list[str]]],
                   report: LoadReport) -> None:
    alternates = connection.execute("SELECT 1 FROM alternate_names LIMIT 1").fetchone()
    for place, names in rows:
        # Replacing an entry replaces its names too: a re-load leaves one copy of each; the
        # alternate names loaded for the place come back.
        connection.execute("DELETE FROM names WHERE place_id = ?", (place.id,))
        if alternates:
            names = [*names, *(row[0] for row in connection.execute(
                "SELECT name FROM alternate_names WHERE place_id = ?", (place.id,)))]
        write_entry(connection, place, names)
        report.written += 1
        if report.written % BATCH_ROWS == 0:
            connection.commit()


def load(path: str | Path, index: str | Path, file_format: str | None = None,
         progress: Progress | None = None, packaged: Gazetteer | None = None) -> LoadReport:
    """Load ``path`` (a GeoNames dump, GeoNames alternate names or an OCHA CSV; ``file_format``
    None detects it) into the gazetteer layer at ``index``, created when missing. Alternate names
    of places in ``packaged`` (the packaged index) but not in the layer copy those places into
    it. Re-loading replaces, never duplicates."""
    location = Path(path)
    chosen = file_format or detect_format(location)
    if chosen not in FORMATS:
        raise GazetteerLoadError(f"unknown format {chosen!r} ({', '.join(FORMATS)})",
                                 source=str(path))
    report = LoadReport(source=str(location), format=chosen)
    target = Path(index)
    with open_source(location) as source:
        target.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(target)
        try:
            create_schema(connection)
            index_schema(connection)
            alternates_schema(connection)
            if chosen == "alternates":
                # Imported here: that module builds on this one's Source and LoadReport.
                from frontwatch.resolve.gazetteer_alternates import write_alternates

                write_alternates(connection, source.lines(report, progress), report, packaged)
            elif chosen == "geonames":
                _write_entries(connection, _geonames_rows(source, location, report, progress),
                               report)
            else:
                _write_entries(connection, _ocha_rows(source, report, progress), report)
            connection.commit()
        except sqlite3.Error as exc:
            raise GazetteerLoadError(f"could not write the gazetteer layer ({exc})",
                                     source=str(target)) from exc
        finally:
            connection.close()
    report.position = report.size
    if progress:
        progress(report)
    return report
