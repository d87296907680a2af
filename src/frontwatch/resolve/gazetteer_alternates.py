"""GeoNames alternate names into a gazetteer layer (``frontwatch gazetteer load --format alternates``).

Input: ``alternateNamesV2.txt`` (tab-separated, no header: alternateNameId, geonameid,
isolanguage, alternate name, isPreferredName, isShortName, isColloquial, isHistoric, from, to),
the older ``alternateNames.txt`` (the first eight columns) or their zip. Each kept name becomes a
name row of the place ``geonames:<geonameid>``, so a lookup by that spelling finds the place.

Kept: names in any language (or none) written in Latin script, historic and colloquial names
included. Skipped (counted in ``LoadReport.skipped``): GeoNames' pseudo-language codes that are
not names (:data:`PSEUDO_LANGUAGES`: postal codes, airport codes, links, Wikidata ids, UN/LOCODEs,
EU NUTS/LAU codes, phonetics, abbreviations, French Revolution names), names in other scripts and
all-caps short codes, as the packaged build leaves them out.

A geonameid that is not a place of the layer but is one of the packaged index gets its place row
copied into the layer (``LoadReport.copied``) so that its names join; rows of ids in neither are
skipped and counted (``LoadReport.unknown``).

Bounded memory: the world file has ~18 million lines. Rows are read in batches of
:data:`BATCH_ROWS`; a batch's ids are looked up together (one query per :data:`CHUNK` ids) and
nothing outlives the batch. Idempotent: a (exact, loose, compact) key triple a place already has
is not written again, so loading the same file twice adds nothing the second time.
"""

from __future__ import annotations

import dataclasses
import itertools
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from frontwatch.errors import GazetteerLoadError
from frontwatch.resolve.gazetteer import PLACE_COLUMNS, Gazetteer, SqliteGazetteer
from frontwatch.resolve.gazetteer_build import matchable_name
from frontwatch.resolve.gazetteer_load import LoadReport
from frontwatch.resolve.normalise import compact_key, exact_key, loose_key

__all__ = ["BATCH_ROWS", "PSEUDO_LANGUAGES", "write_alternates"]

#: isolanguage values that mark codes and links, not names (GeoNames' "pseudo language codes").
#: ``piny`` (pinyin) is a romanised name and is kept.
PSEUDO_LANGUAGES = frozenset({"post", "iata", "icao", "faac", "tcid", "abbr", "link", "phon",
                              "wkdt", "unlc", "nuts", "lauc", "fr_1793"})
#: Columns of a line: alternateNamesV2.txt has 10, the older alternateNames.txt 8.
COLUMNS = (10, 8)
#: Kept rows per batch (one transaction, one lookup of their ids).
BATCH_ROWS = 20_000
#: Ids per ``IN (...)`` list (well under SQLite's limit on bound variables).
CHUNK = 500

#: Values of the isPreferredName, isShortName, isColloquial and isHistoric columns.
_FLAGS = frozenset({"", "1", "0"})
#: The name keys, computed without the lookup caches of :mod:`~frontwatch.resolve.normalise`: a
#: bulk load sees most names once, and would fill the caches (~100 MB) with them for nothing.
_exact, _loose, _compact = (getattr(key, "__wrapped__", key)
                            for key in (exact_key, loose_key, compact_key))

Row = tuple[Any, ...]


def _problem(fields: list[str]) -> str | None:
    """What makes these fields no alternate-name row, or None."""
    if len(fields) not in COLUMNS:
        return f"expected 10 (or 8) tab-separated columns of GeoNames alternate names, " \
               f"found {len(fields)}"
    if not (fields[0].isdigit() and fields[1].isdigit()):
        return "the alternateNameId and geonameid columns must be numbers"
    if not _FLAGS.issuperset(fields[4:8]):
        return "the isPreferredName ... isHistoric columns must be empty, 0 or 1"
    return None


def _kept(lines: Iterable[tuple[int, str]], report: LoadReport) -> Iterator[tuple[str, str]]:
    """(place id, name) of the rows worth keeping; a line that is not an alternate-name row is
    an error naming it."""
    for number, line in lines:
        report.rows += 1
        fields = line.rstrip("\r\n").split("\t")
        problem = _problem(fields)
        if problem:
            raise GazetteerLoadError(problem, source=report.source, line=number)
        name = fields[3].strip()
        if fields[2] in PSEUDO_LANGUAGES or not matchable_name(name):
            report.skipped += 1
            continue
        yield f"geonames:{fields[1]}", name


def _chunked(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def _select(connection: sqlite3.Connection, sql: str, ids: Sequence[str]) -> Iterator[Row]:
    """Rows of ``sql`` (its ``IN ({})`` filled with placeholders) for ``ids``, chunk by chunk."""
    for chunk in _chunked(ids):
        yield from connection.execute(sql.format(",".join("?" * len(chunk))), chunk)


@contextmanager
def _packaged_rows(packaged: Gazetteer | None) -> Iterator[Callable[[Sequence[str]], list[Row]]]:
    """A function giving the place rows (``PLACE_COLUMNS`` order) of the packaged index for some
    ids: a query per chunk on a read-only connection to a SQLite index; ``get`` per id on any
    other gazetteer; nothing without one."""
    if packaged is None:
        yield lambda ids: []
        return
    if not isinstance(packaged, SqliteGazetteer):
        yield lambda ids: [dataclasses.astuple(place) for place in map(packaged.get, ids)
                           if place is not None]
        return
    try:
        connection = sqlite3.connect(f"{packaged.path.resolve().as_uri()}?mode=ro", uri=True)
        present = {row[1] for row in connection.execute("PRAGMA table_info(places)")}
    except sqlite3.Error as exc:
        raise GazetteerLoadError(f"packaged gazetteer unreadable ({exc})",
                                 source=str(packaged.path)) from exc
    columns = ", ".join(column if column in present else "NULL"
                        for column in PLACE_COLUMNS.split(", "))
    try:
        yield lambda ids: list(_select(
            connection, f"SELECT {columns} FROM places WHERE id IN ({{}})", ids))
    finally:
        connection.close()


def _write_batch(connection: sqlite3.Connection, batch: list[tuple[str, str]],
                 report: LoadReport, packaged: Callable[[Sequence[str]], list[Row]]) -> None:
    ids = sorted({place_id for place_id, _ in batch})
    known = {row[0] for row in _select(connection, "SELECT id FROM places WHERE id IN ({})", ids)}
    missing = [place_id for place_id in ids if place_id not in known]
    if missing:
        copies = packaged(missing)
        connection.executemany(f"INSERT OR IGNORE INTO places ({PLACE_COLUMNS}) VALUES "
                               f"({','.join('?' * len(PLACE_COLUMNS.split(', ')))})", copies)
        known.update(row[0] for row in copies)
        report.copied += len(copies)
    have = set(_select(connection, "SELECT exact_key, loose_key, compact_key, place_id FROM names"
                                   " WHERE place_id IN ({})", sorted(known)))
    new = []
    for place_id, name in batch:
        if place_id not in known:
            report.unknown += 1
            continue
        row = (_exact(name), _loose(name), _compact(name), place_id)
        if not row[0]:
            report.skipped += 1
        elif row not in have:
            have.add(row)
            new.append(row)
    new.sort()  # in key order, inserts into the exact-key index touch fewer pages
    connection.executemany("INSERT INTO names VALUES (?,?,?,?)", new)
    # Recorded so that a dump loaded again (which replaces its places' names) gives them back.
    connection.executemany("INSERT OR IGNORE INTO alternate_names VALUES (?, ?)",
                           sorted((place_id, name) for place_id, name in batch
                                  if place_id in known and _exact(name)))
    report.written += len(new)


def write_alternates(connection: sqlite3.Connection, lines: Iterable[tuple[int, str]],
                     report: LoadReport, packaged: Gazetteer | None = None) -> None:
    """Add the names of ``lines`` (numbered lines of an alternate-names file) to the layer open
    on ``connection``, batch by batch, each batch committed; ``report`` counts what was done."""
    rows = _kept(lines, report)
    with _packaged_rows(packaged) as fetch:
        while batch := list(itertools.islice(rows, BATCH_ROWS)):
            _write_batch(connection, batch, report, fetch)
            connection.commit()
