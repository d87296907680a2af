"""Batch throughput (issue #8): the full pipeline against bare spaCy NER on the same texts in the
same run, `frontwatch batch` with 1 and 2 local workers, Spark local[1] and local[2], and the
peak memory of a worker.

The corpus is frontwatch's seeded generator of ~500-word synthetic reports
(`frontwatch.batch.corpus`), so every run reads the same texts. Throughput of a batch run is its
documents over its wall time, worker start-up and model loading included (what a user waits
for); `steady` leaves start-up out (documents over the slowest worker's busy seconds).
Targets: full pipeline >= 25 documents/s on 2 cores; full / NER-only >= 0.5 (one process);
Spark local[2] / local[1] >= 1.7. Prints a table; writes bench/batch.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from frontwatch.batch import run_batch
from frontwatch.batch.corpus import reports, write_jsonl
from frontwatch.ingest import document_from_record
from frontwatch.nlp import NER_ONLY, load_pipeline
from frontwatch.pipeline import default_gazetteer, iter_analyses

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"documents_per_s_2_cores": 25.0, "full_over_ner": 0.5, "spark_speedup": 1.7}


def in_process(count: int) -> dict[str, Any]:
    """One process, models loaded before timing: NER-only, then the full pipeline."""
    documents = [document_from_record(record, "bench", index)
                 for index, record in enumerate(reports(count, seed=31))]
    words = sum(len(document.text.split()) for document in documents)
    gazetteer = default_gazetteer()
    list(iter_analyses(documents[:3], "record", gazetteer))  # warm: models and caches
    ner = load_pipeline(None, NER_ONLY)
    list(ner.pipe(document.text for document in documents[:3]))
    start = time.perf_counter()
    for _ in ner.pipe((document.text for document in documents), batch_size=32):
        pass
    ner_seconds = time.perf_counter() - start
    start = time.perf_counter()
    outcomes = list(iter_analyses(documents, "record", gazetteer))
    full_seconds = time.perf_counter() - start
    return {"documents": count, "words": words,
            "ner_documents_per_s": round(count / ner_seconds, 1),
            "ner_words_per_s": round(words / ner_seconds),
            "full_documents_per_s": round(count / full_seconds, 1),
            "full_words_per_s": round(words / full_seconds),
            "full_over_ner": round(ner_seconds / full_seconds, 2),
            "events": sum(len(getattr(item, "events", ())) for item in outcomes)}


def batch_run(source: Path, folder: Path, engine: str, workers: int, rows: int
              ) -> dict[str, Any]:
    """One `run_batch` in a fresh process (a JVM or worker pool of an earlier run would
    flatter the later ones), timed from the call, so model loading counts."""
    done = subprocess.run([sys.executable, __file__, "--one", engine, str(workers), str(source),
                           str(folder), str(rows)], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _one(engine: str, workers: int, source: str, folder: str, rows: int) -> None:
    start = time.perf_counter()
    report = run_batch(source, folder, engine=engine, workers=workers, partition_rows=rows,
                       spark_conf={"spark.ui.enabled": "false"})
    seconds = time.perf_counter() - start
    busy: dict[int, float] = defaultdict(float)
    for result in report.results:
        busy[result.pid] += result.seconds
    documents = report.total("documents") + report.total("failures")
    print(json.dumps({
        "engine": engine, "workers": workers, "documents": documents,
        "seconds": round(seconds, 1), "documents_per_s": round(documents / seconds, 1),
        "steady_documents_per_s": round(documents / max(busy.values()), 1),
        "worker_processes": len(busy),
        "peak_mib_per_worker": max(result.peak_mib for result in report.results)}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=400)
    parser.add_argument("--partition-rows", type=int, default=50)
    parser.add_argument("--skip-spark", action="store_true")
    parser.add_argument("--one", nargs=5, help=argparse.SUPPRESS)  # a child: one run
    options = parser.parse_args()
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    if options.one:
        engine, workers, source, folder, rows = options.one
        _one(engine, int(workers), source, folder, int(rows))
        return 0
    results: dict[str, Any] = {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                               "cores": os.cpu_count(), "targets": TARGETS}
    results["in_process"] = in_process(min(options.documents, 200))
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        source = write_jsonl(Path(folder) / "corpus.jsonl", options.documents)
        settings = [("local", 1), ("local", 2)]
        if not options.skip_spark:
            settings += [("spark", 1), ("spark", 2)]
        for engine, workers in settings:
            runs.append(batch_run(source, Path(folder) / f"{engine}-{workers}", engine,
                                  workers, options.partition_rows))
    results["runs"] = runs
    by = {(run["engine"], run["workers"]): run for run in runs}
    if ("spark", 2) in by:
        results["spark_speedup"] = round(by[("spark", 2)]["documents_per_s"] /
                                         by[("spark", 1)]["documents_per_s"], 2)
    results["local_speedup"] = round(by[("local", 2)]["documents_per_s"] /
                                     by[("local", 1)]["documents_per_s"], 2)
    _print(results)
    (ROOT / "bench" / "batch.json").write_text(json.dumps(results, indent=2) + "\n",
                                               encoding="utf-8")
    return 0


def _print(results: dict[str, Any]) -> None:
    single = results["in_process"]
    print(f"one process, {single['documents']} documents ({single['words']} words):")
    print(f"  NER-only   {single['ner_documents_per_s']:>7} docs/s  "
          f"{single['ner_words_per_s']:>7} words/s")
    print(f"  full       {single['full_documents_per_s']:>7} docs/s  "
          f"{single['full_words_per_s']:>7} words/s   full/NER {single['full_over_ner']}"
          f" (target >= {TARGETS['full_over_ner']})")
    print(f"{'engine':<8}{'workers':>8}{'docs':>7}{'seconds':>9}{'docs/s':>8}{'steady':>8}"
          f"{'peak MiB/worker':>17}")
    for run in results["runs"]:
        print(f"{run['engine']:<8}{run['workers']:>8}{run['documents']:>7}{run['seconds']:>9}"
              f"{run['documents_per_s']:>8}{run['steady_documents_per_s']:>8}"
              f"{run['peak_mib_per_worker']:>17}")
    print(f"local 2/1 speed-up {results['local_speedup']}; spark local[2]/local[1] speed-up "
          f"{results.get('spark_speedup')} (target >= {TARGETS['spark_speedup']}); "
          f"target {TARGETS['documents_per_s_2_cores']} docs/s on 2 cores")


if __name__ == "__main__":
    sys.exit(main())
