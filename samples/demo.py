"""`make demo`: extract events from the bundled sample articles and print them as a table.

The samples are original texts written for frontwatch (see samples/README.md); their publication
dates and publishers are in samples/published.tsv (the JSONL feed carries its own).
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

import frontwatch
from frontwatch.pipeline import default_gazetteer, iter_analyses
from frontwatch.records import Failure
from frontwatch.table import print_events

HERE = Path(__file__).resolve().parent


def main() -> int:
    gazetteer = default_gazetteer(lambda message: print(message, file=sys.stderr))
    rows = csv.DictReader((HERE / "published.tsv").read_text(encoding="utf-8").splitlines(),
                          delimiter="\t")
    sources = [(HERE / row["file"], dt.date.fromisoformat(row["published"]), row["publisher"])
               for row in rows]
    sources.append((HERE / "feed.jsonl", None, None))
    events, failures = [], []
    for path, published, publisher in sources:
        items = frontwatch.read_documents(path, published=published, publisher=publisher)
        for outcome in iter_analyses(items, "record", gazetteer):
            if isinstance(outcome, Failure):
                failures.append(outcome)
            else:
                events.extend(outcome.events)
    print_events(events, title="events in the bundled sample articles")
    for failure in failures:
        print(f"error [{failure.code}]: {failure.source}: {failure.message}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
