"""`make demo`: ingest the bundled sample articles into the embedded store (./frontwatch.db) and
print the events the store holds as a table.

The samples are original texts written for frontwatch (see samples/README.md); their publication
dates and publishers are in samples/published.tsv (the JSONL feed carries its own). Running the
demo again stores nothing new: the store knows the documents by their text.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

from frontwatch.derive import Situation
from frontwatch.fuse.across import CrossReportFusion
from frontwatch.jobs import ingest, situation
from frontwatch.pipeline import default_gazetteer
from frontwatch.store import DEFAULT_URL, Store
from frontwatch.table import print_events

HERE = Path(__file__).resolve().parent


def _print_situation(found: Situation) -> None:
    """Sieges and alerts on the day of the newest evidence (`frontwatch control` / `alerts`)."""
    print(f"\nsieges and alerts on {found.day.isoformat()} (frontwatch control / frontwatch alerts):")
    for siege in found.sieges:
        people = f", {siege.population:,} people" if siege.population else ""
        print(f"  siege of {', '.join(siege.places)} held by {siege.holder or 'unknown'}, besieged by "
              f"{siege.besieger or 'unknown'} since {siege.start.isoformat()}{people}")
    for alert in found.alerts:
        print(f"  {alert.severity:8} {alert.kind:14} {', '.join(alert.places)}"
              f" — {'; '.join(alert.reasons)}")


def main() -> int:
    gazetteer = default_gazetteer(lambda message: print(message, file=sys.stderr))
    rows = csv.DictReader((HERE / "published.tsv").read_text(encoding="utf-8").splitlines(),
                          delimiter="\t")
    sources = [(HERE / row["file"], dt.date.fromisoformat(row["published"]), row["publisher"])
               for row in rows]
    sources.append((HERE / "feed.jsonl", None, None))
    failures = []
    with Store(DEFAULT_URL, fusion=CrossReportFusion()) as store:
        for path, published, publisher in sources:
            report = ingest([path], store, published=published, publisher=publisher,
                            gazetteer=gazetteer, command_line=f"demo {path.name}")
            failures.extend(report.failures)
        print_events(store.events(), title=f"events in the store {DEFAULT_URL} "
                                            f"({store.document_count()} sample documents)")
        _print_situation(situation(store, None, gazetteer))
    for failure in failures:
        print(f"error [{failure.code}]: {failure.source}: {failure.message}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
