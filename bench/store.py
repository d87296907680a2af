"""The store's benchmarks (issue #5): ingest throughput into SQLite and PostgreSQL, and the
latency of a bounding-box + time query on a PostgreSQL store of many events.

Ingest: our gold reports (388 distinct texts; beyond that they cycle, and a cycled text is a
near-duplicate the store links without analysing it, so keep --documents below 388 to measure
analysis plus storage) through `frontwatch.jobs.ingest` with fusion, documents/s for each
backend, beside analysis alone.
Query: a seeded generator writes --events synthetic events (uniform over a few conflict regions
and 2015-2024) straight into a fresh PostgreSQL database, then times a bbox (about 2 x 2 degrees)
+ one-month query, median of 20 runs, with PostGIS's GiST index when the server has PostGIS.
PostgreSQL: FRONTWATCH_BENCH_PG_URL, else the local server (a database of its own, dropped).
Writes bench/store.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg

from frontwatch.fuse.across import CrossReportFusion
from frontwatch.ingest import make_document
from frontwatch.jobs import ingest
from frontwatch.pipeline import default_gazetteer, iter_analyses
from frontwatch.store import Store

ROOT = Path(__file__).resolve().parents[1]
SERVER = os.environ.get("FRONTWATCH_BENCH_PG_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
#: (south, north, west, east) of regions the generator spreads events over.
REGIONS = [(32.0, 37.0, 35.5, 42.0), (12.0, 16.0, 22.0, 34.0), (-5.0, 2.0, 27.0, 31.0),
           (10.0, 15.0, -6.0, 4.0), (44.0, 52.0, 30.0, 40.0)]
TYPES = ["Armed clash", "Air/drone strike", "Shelling/artillery/missile attack", "Attack",
         "Peaceful protest", "Remote explosive/landmine/IED"]


def _plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _database() -> str:
    name = f"frontwatch_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(_plain(SERVER), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{SERVER.rsplit('/', 1)[0]}/{name}"


def _drop(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(_plain(SERVER), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _feed(folder: Path, count: int) -> Path:
    rows = [json.loads(line) for path in sorted((ROOT / "tests" / "gold").glob("events_gold*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line]
    feed = folder / "bench.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for index in range(count):
            row = rows[index % len(rows)]
            text = f"Bulletin {index} of the monitoring desk, edition {index * 7919 % 10007}.\n\n" \
                + row["text"]
            out.write(json.dumps({"id": f"b{index}", "text": text, "published": row["published"],
                                  "publisher": f"Desk {index % 5}"}) + "\n")
    return feed


def ingest_rate(url: str, feed: Path, count: int) -> float:
    gazetteer = default_gazetteer()
    with Store(url, fusion=CrossReportFusion()) as store:
        start = time.perf_counter()
        ingest([feed], store, gazetteer=gazetteer)
        return count / (time.perf_counter() - start)


def analysis_rate(feed: Path, count: int) -> float:
    gazetteer = default_gazetteer()
    rows = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    documents = [make_document(row["text"], source=row["id"], doc_id=row["id"],
                               published=dt.date.fromisoformat(row["published"]))
                 for row in rows]
    start = time.perf_counter()
    for _ in iter_analyses(documents, "record", gazetteer):
        pass
    return count / (time.perf_counter() - start)


def fill(url: str, count: int, seed: int = 7) -> float:
    """Write ``count`` synthetic events; returns the seconds it took."""
    random.seed(seed)
    Store(url).close()  # the schema (and PostGIS, where the server has it)
    start = time.perf_counter()
    with psycopg.connect(_plain(url)) as connection, connection.cursor() as cursor:
        with cursor.copy("COPY events (event_id, event_date, sub_event_type, event_type, actor1, "
                         "country, latitude, longitude, fatalities, record, stored_at) "
                         "FROM STDIN") as copy:
            for index in range(count):
                south, north, west, east = random.choice(REGIONS)
                day = dt.date(2015, 1, 1) + dt.timedelta(days=random.randrange(3650))
                kind, lat, lon = random.choice(TYPES), random.uniform(south, north), \
                    random.uniform(west, east)
                record = {"event_id": f"evt-bench-{index}", "event_date": day.isoformat(),
                          "time_precision": 1, "disorder_type": "Political violence",
                          "event_type": "Battles", "sub_event_type": kind,
                          "actor1": "Unidentified Armed Group", "inter1": 3,
                          "latitude": lat, "longitude": lon, "fatalities": index % 5}
                copy.write_row((f"evt-bench-{index}", day, kind, "Battles",
                                "Unidentified Armed Group", "Somewhere", lat, lon, index % 5,
                                json.dumps(record), dt.datetime.now(dt.UTC)))
        cursor.execute("UPDATE events SET geog = ST_SetSRID(ST_MakePoint(longitude, latitude),"
                       " 4326)::geography" if _has_geog(cursor) else "SELECT 1")
        cursor.execute("ANALYZE events")
    return time.perf_counter() - start


def _has_geog(cursor: psycopg.Cursor) -> bool:  # type: ignore[type-arg]
    cursor.execute("SELECT 1 FROM information_schema.columns WHERE table_name = 'events' "
                   "AND column_name = 'geog'")
    return cursor.fetchone() is not None


def query_latency(url: str, runs: int = 20) -> tuple[float, int, bool]:
    """Median milliseconds of a bbox + one-month query (ids and records of the events)."""
    timings, found = [], 0
    with Store(url) as store:
        for run in range(runs):
            south, west = 33.0 + (run % 3) * 0.5, 36.0 + (run % 4) * 0.5
            start = time.perf_counter()
            found = sum(1 for _ in store.iter_events(
                since=dt.date(2020, 3, 1), until=dt.date(2020, 3, 31),
                bbox=(west, south, west + 2.0, south + 2.0)))
            timings.append((time.perf_counter() - start) * 1000)
        return statistics.median(timings), found, store.spatial


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=300)  # at most 388 distinct reports
    parser.add_argument("--events", type=int, default=1_000_000)
    options = parser.parse_args()
    results: dict[str, object] = {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    with tempfile.TemporaryDirectory() as folder:
        feed = _feed(Path(folder), options.documents)
        results["analysis_docs_per_s"] = round(analysis_rate(feed, options.documents), 1)
        results["ingest_sqlite_docs_per_s"] = round(
            ingest_rate(f"sqlite:///{Path(folder) / 'bench.db'}", feed, options.documents), 1)
        url = _database()
        try:
            results["ingest_postgresql_docs_per_s"] = round(
                ingest_rate(url, feed, options.documents), 1)
        finally:
            _drop(url)
    url = _database()
    try:
        results["events_written"] = options.events
        results["fill_seconds"] = round(fill(url, options.events), 1)
        latency, found, spatial = query_latency(url)
        results.update({"query_ms_median": round(latency, 1), "query_events_found": found,
                        "postgis": spatial})
    finally:
        _drop(url)
    for key, value in results.items():
        print(f"{key:32} {value}")
    (ROOT / "bench" / "store.json").write_text(json.dumps(results, indent=2) + "\n",
                                               encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
