"""Gazetteer figures: loading a synthetic GeoNames dump, and lookups per second.

* ``load``: a seeded synthetic dump of --rows lines in the real 19-column layout (invented names
  built from syllables, coordinates in a box, the feature codes a real country dump holds in
  roughly its proportions) is written to a temporary directory and loaded with
  :func:`frontwatch.resolve.gazetteer_load.load`; prints rows/s and the peak RSS of the process
  (the loader streams, so memory should not grow with the dump).
* ``lookup``: names/s of the packaged index (issue #4 targets at least 20,000), over names drawn
  from the index itself with spelling variants, cache cleared first.

Writes bench/gazetteer.json.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path

from frontwatch.pipeline import default_gazetteer
from frontwatch.resolve.gazetteer import SqliteGazetteer
from frontwatch.resolve.gazetteer_load import load

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


def bench_lookup(count: int) -> dict[str, float]:
    gazetteer = default_gazetteer()
    assert isinstance(gazetteer, SqliteGazetteer) or hasattr(gazetteer, "layers")
    packaged = gazetteer if isinstance(gazetteer, SqliteGazetteer) else gazetteer.layers[0]
    assert isinstance(packaged, SqliteGazetteer)
    rows = packaged._connection().execute(
        "SELECT name FROM places ORDER BY random() LIMIT ?", (count,)).fetchall()
    rng = random.Random(3)
    names = [row[0] if rng.random() < 0.7 else row[0].replace("a", "e", 1) for row in rows]
    packaged._cache.clear()
    started = time.perf_counter()
    for name in names:
        packaged.lookup(name)
    seconds = time.perf_counter() - started
    return {"names": len(names), "names_per_s": round(len(names) / seconds)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--lookups", type=int, default=20_000)
    args = parser.parse_args()
    results = {"lookup": bench_lookup(args.lookups), "load": bench_load(args.rows)}
    for stage, figures in results.items():
        print(f"{stage:7} " + "  ".join(f"{key} {value:,}" for key, value in figures.items()))
    Path(__file__).with_name("gazetteer.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
