"""Gazetteer figures: loading a synthetic GeoNames dump, and lookups per second.

* ``load``: a seeded synthetic dump of --rows lines in the real 19-column layout (invented names
  built from syllables, coordinates in a box, the feature codes a real country dump holds in
  roughly its proportions) is written to a temporary directory and loaded with
  :func:`frontwatch.resolve.gazetteer_load.load`; prints rows/s and the peak RSS of the process
  (the loader streams, so memory should not grow with the dump).
* ``lookup``: names/s of the packaged index (issue #4 targets at least 20,000), over names drawn
  from the index itself with spelling variants, cache cleared first; the median and range of
  --repeats runs (a single run varies by ±15 % on a shared machine). Two ways: one name per
  call (``lookup``), and a document's worth of names per call (``lookup_many``, --batch names:
  the resolver fetches a document's names together before reading them one by one).
* ``resolver``: the lookups the place resolver really makes, replayed: the bundled samples and
  gold reports (bench/throughput.py's corpus) are parsed and resolved once through a recording
  gazetteer, then each run replays every call, document by document, on a freshly opened index
  (cold caches). Real text asks mostly exact names, non-places (persons, organisations) that
  miss, and a document's names together.
* ``alternates``: a seeded synthetic ``alternateNamesV2.txt`` of --rows lines (half the ids in the
  packaged index, the rest unknown; Latin names, other scripts, links, Wikidata ids and codes in
  roughly a real file's mix) loaded into an empty layer: rows/s and peak RSS.

Writes bench/gazetteer.json.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Iterable
from multiprocessing.pool import Pool
from pathlib import Path

from frontwatch.pipeline import default_gazetteer
from frontwatch.records import Document
from frontwatch.resolve.gazetteer import (
    Gazetteer,
    LayeredGazetteer,
    Lookup,
    Place,
    SqliteGazetteer,
)
from frontwatch.resolve.gazetteer_load import load
from frontwatch.resolve.normalise import compact_key, exact_key, loose_key

SYLLABLES = ["al", "dar", "kha", "mir", "sul", "tan", "bei", "zor", "qas", "rum", "hal", "nab",
             "kur", "ma", "ya", "sha", "tel", "abu", "um", "ras", "bir", "wadi", "jab", "hum"]
FEATURES = [("P", "PPL")] * 60 + [("P", "PPLX")] * 5 + [("H", "STM")] * 20 + \
    [("T", "HLL")] * 10 + [("S", "AIRP"), ("A", "ADM2"), ("S", "CMP"), ("R", "RD"), ("S", "SCH")]


def _name(rng: random.Random) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()
                    for _ in range(rng.randint(1, 2)))


def write_dump(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for number in range(rows):
            klass, code = rng.choice(FEATURES)
            name = _name(rng)
            alternates = ",".join(_name(rng) for _ in range(rng.randint(0, 3)))
            handle.write("\t".join([
                str(10_000_000 + number), name, name, alternates,
                f"{rng.uniform(29, 37):.5f}", f"{rng.uniform(35, 48):.5f}", klass, code, "SY", "",
                f"{rng.randint(1, 14):02d}", "", "", "", str(rng.choice([0, 0, 120, 800, 4000])),
                "", "300", "Asia/Damascus", "2024-01-01"]) + "\n")


def bench_load(rows: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as directory:
        dump = Path(directory) / "SY.txt"
        write_dump(dump, rows)
        started = time.perf_counter()
        report = load(dump, Path(directory) / "layer.sqlite")
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"rows": rows, "written": report.written, "seconds": round(seconds, 1),
            "rows_per_s": round(rows / seconds), "peak_rss_mb": round(peak_mb)}


def write_alternates(path: Path, rows: int, ids: list[str], seed: int = 4) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for number in range(rows):
            place = rng.choice(ids) if rng.random() < 0.5 else str(rng.randint(10**7, 13 * 10**6))
            kind = rng.random()
            if kind < 0.45:
                language, name = rng.choice(["en", "fr", "de", "", "ar-Latn"]), _name(rng)
            elif kind < 0.70:
                language = rng.choice(["ru", "ar", "fa"])
                name = "".join(chr(rng.randint(0x430, 0x44F)) for _ in range(8))
            elif kind < 0.85:
                language, name = "link", "https://en.wikipedia.org/wiki/" + _name(rng)
            else:
                language, name = rng.choice(["wkdt", "post", "iata"]), f"Q{rng.randint(1, 10**8)}"
            handle.write(f"{number + 1}\t{place}\t{language}\t{name}\t\t\t\t\t\t\n")


def bench_alternates(rows: int) -> dict[str, float]:
    packaged = _packaged()
    ids = [row[0].split(":")[1] for row in packaged._connection().execute(
        "SELECT id FROM places WHERE id LIKE 'geonames:%'")]
    with tempfile.TemporaryDirectory() as directory:
        names = Path(directory) / "alternateNamesV2.txt"
        write_alternates(names, rows, ids)
        started = time.perf_counter()
        report = load(names, Path(directory) / "layer.sqlite", "alternates", packaged=packaged)
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"rows": rows, "names_added": report.written, "places_copied": report.copied,
            "seconds": round(seconds, 1), "rows_per_s": round(rows / seconds),
            "peak_rss_mb": round(peak_mb)}


def _packaged() -> SqliteGazetteer:
    gazetteer = default_gazetteer()
    packaged = gazetteer.layers[0] if isinstance(gazetteer, LayeredGazetteer) else gazetteer
    assert isinstance(packaged, SqliteGazetteer)
    return packaged


def bench_lookup(count: int, batch: int = 1) -> dict[str, float]:
    packaged = _packaged()
    rows = packaged._connection().execute(
        "SELECT name FROM places ORDER BY random() LIMIT ?", (count,)).fetchall()
    rng = random.Random(3)
    names = [row[0] if rng.random() < 0.7 else row[0].replace("a", "e", 1) for row in rows]
    # Cold: a fresh process, and no lookup, stored name key or computed key of the drawing of
    # names is remembered.
    packaged._cache.clear()
    packaged._name_keys.clear()
    for key in (exact_key, loose_key, compact_key):
        key.cache_clear()
    started = time.perf_counter()
    if batch == 1:
        for name in names:
            packaged.lookup(name)
    else:
        for first in range(0, len(names), batch):
            packaged.lookup_many(names[first:first + batch])
    seconds = time.perf_counter() - started
    return {"names": len(names), "names_per_s": round(len(names) / seconds)}


class _Recorder:
    """A gazetteer that passes calls on and records them: (method, argument) per call."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.calls: list[tuple[str, str | list[str]]] = []

    def lookup(self, name: str) -> Lookup:
        self.calls.append(("lookup", name))
        return self.gazetteer.lookup(name)

    def lookup_many(self, names: Iterable[str]) -> list[Lookup]:
        names = list(names)
        self.calls.append(("lookup_many", names))
        return self.gazetteer.lookup_many(names)

    def spellings(self, name: str) -> Lookup:
        self.calls.append(("spellings", name))
        return self.gazetteer.spellings(name)

    def get(self, place_id: str) -> Place | None:
        return self.gazetteer.get(place_id)


def record_resolver_calls() -> list[tuple[str, str | list[str]]]:
    """The gazetteer calls of resolving the places of every distinct report we wrote: the bundled
    samples and the four gold sets (no text twice: a repeat would be answered from the cache)."""
    from frontwatch.ingest import read_documents
    from frontwatch.nlp import load_pipeline
    from frontwatch.resolve.places import resolve_places

    root = Path(__file__).resolve().parents[1]
    texts = [document.text for path in sorted((root / "samples").glob("*.txt"))
             for document in read_documents(path) if isinstance(document, Document)]
    for gold in sorted((root / "tests" / "gold").glob("events_gold*.jsonl")):
        texts += [json.loads(line)["text"] for line in gold.read_text(encoding="utf-8").split("\n")
                  if line.strip()]
    recorder = _Recorder(default_gazetteer())
    for index, doc in enumerate(load_pipeline().pipe(texts)):
        resolve_places(doc, f"bench-{index}", recorder)
    return recorder.calls


def replay(calls: list[tuple[str, str | list[str]]]) -> dict[str, float]:
    packaged = _packaged()
    for key in (exact_key, loose_key, compact_key):
        key.cache_clear()
    started = time.perf_counter()
    for method, argument in calls:
        getattr(packaged, method)(argument)
    seconds = time.perf_counter() - started
    names = sum(len(arg) if isinstance(arg, list) else 1 for _, arg in calls)
    return {"names": names, "names_per_s": round(names / seconds)}


def _lookups(pool: Pool, count: int, batch: int, repeats: int) -> dict[str, float]:
    speeds = sorted(pool.apply(bench_lookup, (count, batch))["names_per_s"]
                    for _ in range(repeats))
    return {"names": count, "batch": batch, "repeats": repeats,
            "median_names_per_s": statistics.median(speeds), "min": speeds[0], "max": speeds[-1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--lookups", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--batch", type=int, default=64, help="names per lookup_many call")
    args = parser.parse_args()
    # Each stage in a process of its own: peak RSS is a process's, and the lookups' pages of the
    # memory-mapped index would otherwise count against the loaders.
    with multiprocessing.get_context("spawn").Pool(1, maxtasksperchild=1) as pool:
        results = {stage: _lookups(pool, args.lookups, batch, args.repeats)
                   for stage, batch in (("lookup", 1), ("lookup_many", args.batch))}
        calls = pool.apply(record_resolver_calls)
        speeds = sorted(pool.apply(replay, (calls,))["names_per_s"] for _ in range(args.repeats))
        results["resolver"] = {"calls": len(calls),
                               "names": sum(len(a) if isinstance(a, list) else 1
                                            for _, a in calls),
                               "median_names_per_s": statistics.median(speeds),
                               "min": speeds[0], "max": speeds[-1]}
        results["load"] = pool.apply(bench_load, (args.rows,))
        results["alternates"] = pool.apply(bench_alternates, (args.rows,))
    for stage, figures in results.items():
        print(f"{stage:11} " + "  ".join(f"{key} {value:,}" for key, value in figures.items()))
    Path(__file__).with_name("gazetteer.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
