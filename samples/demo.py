"""`make demo`: ingest the bundled sample articles into the embedded store (./frontwatch.db),
print the events the store holds as a table, then serve the dashboard on 127.0.0.1:8765 with a
viewer's and an analyst's token to sign in with (until interrupted; FRONTWATCH_DEMO_SERVE=0
stops after the table).

The samples are original texts written for frontwatch (see samples/README.md); their publication
dates and publishers are in samples/published.tsv (the JSONL feed carries its own). Running the
demo again stores nothing new: the store knows the documents by their text.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import os
import sys
from pathlib import Path

from frontwatch.derive import Situation
from frontwatch.errors import StoreError
from frontwatch.fuse.across import CrossReportFusion
from frontwatch.jobs import ingest, situation
from frontwatch.pipeline import default_gazetteer
from frontwatch.store import DEFAULT_URL, Store
from frontwatch.store.accounts import add_user, create_token
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


HOST, PORT = "127.0.0.1", 8765


def _demo_tokens(store: Store) -> dict[str, str]:
    """A fresh token each for the demo's viewer and analyst (the users are made once)."""
    tokens = {}
    for role in ("viewer", "analyst"):
        name = f"demo-{role}"
        with contextlib.suppress(StoreError):  # made by an earlier run
            add_user(store.engine, name, role)
        tokens[role] = create_token(store.engine, name)
    return tokens


def _serve(tokens: dict[str, str]) -> None:
    import uvicorn

    from frontwatch.api import create_app

    print(f"\ndashboard: http://{HOST}:{PORT}/  (API documentation: http://{HOST}:{PORT}/docs)")
    for role, token in tokens.items():
        print(f"  sign in as the demo {role} with {token}")
    print("  (Ctrl-C stops the server)", flush=True)
    uvicorn.run(create_app(DEFAULT_URL), host=HOST, port=PORT, log_level="warning")


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
        tokens = _demo_tokens(store)
    for failure in failures:
        print(f"error [{failure.code}]: {failure.source}: {failure.message}", file=sys.stderr)
    if failures:
        return 1
    if os.environ.get("FRONTWATCH_DEMO_SERVE", "1") != "0":
        _serve(tokens)
    return 0


if __name__ == "__main__":
    sys.exit(main())
