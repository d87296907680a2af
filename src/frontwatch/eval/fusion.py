"""Scorer for the ``fusion`` gold format: which reports tell the same event (issue #5).

Gold: JSONL ``{id, published, publisher, text, cluster}``; reports with one ``cluster`` label
tell one real event, a label of its own marks a near-miss that must stay apart. Every report is
analysed and stored in a fresh store with cross-report fusion. The gold labels each report with
its one incident, the one its headline and lead tell; so each report is represented by its *lead
event* (the event whose evidence comes first in the text), and two reports are predicted to tell
the same event when their lead events end in one stored event. A near-miss that recalls the
cluster's incident in a background sentence ("after Sunday's shelling of the camp") rightly adds
a source to that incident, but is no report *of* it. Reports without events are never together.
Pairwise precision, recall and F1 over all pairs of reports (a pair the gold puts together and
the store does too is a true positive).
"""

from __future__ import annotations

import datetime as dt
import itertools
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontwatch.errors import GoldFormatError
from frontwatch.eval.metrics import Counts
from frontwatch.eval.places import read_jsonl
from frontwatch.fuse.across import CrossReportFusion
from frontwatch.ingest import make_document
from frontwatch.pipeline import analyse
from frontwatch.resolve.gazetteer import Gazetteer
from frontwatch.store import Store

__all__ = ["FusionReport", "score_fusion"]


@dataclass
class FusionReport(Counts):
    reports: int = 0
    clusters: int = 0
    split: list[tuple[str, str]] = field(default_factory=list)
    merged: list[tuple[str, str]] = field(default_factory=list)
    #: The same pairs counted the looser way: together when any stored event rests on both.
    any_event: FusionReport | None = None

    def summary(self) -> dict[str, Any]:
        return {"pairwise_precision": round(self.precision, 4),
                "pairwise_recall": round(self.recall, 4), "pairwise_f1": round(self.f1, 4),
                "reports": self.reports, "clusters": self.clusters,
                "true_positives": self.true_positives, "false_positives": self.false_positives,
                "false_negatives": self.false_negatives,
                **({f"any_event_{key}": value for key, value in self.any_event.summary().items()
                    if key.startswith("pairwise")} if self.any_event else {})}


def _rows(path: Path) -> list[dict[str, Any]]:
    rows = read_jsonl(path)
    for number, row in enumerate(rows, start=1):
        for key in ("id", "text", "published", "cluster"):
            if not row.get(key):
                raise GoldFormatError(f"row {number} has no {key!r}", source=str(path))
    return rows


def _pairs(cluster: dict[str, str], together: dict[str, set[str]]) -> FusionReport:
    """Pairwise counts: ``together[a]`` holds what ``a``'s reports were found to share."""
    report = FusionReport(reports=len(cluster), clusters=len(set(cluster.values())))
    for one, other in itertools.combinations(sorted(cluster), 2):
        gold = cluster[one] == cluster[other]
        predicted = bool(together[one] & together[other])
        if gold and predicted:
            report.true_positives += 1
        elif predicted:
            report.false_positives += 1
            report.merged.append((one, other))
        elif gold:
            report.false_negatives += 1
            report.split.append((one, other))
    return report


def score_fusion(path: Path, gazetteer: Gazetteer | None = None) -> FusionReport:
    """Pairwise scores of cross-report fusion on the gold at ``path`` (see the module text):
    by lead events, with the looser any-shared-event scores in ``report.any_event``."""
    rows = _rows(path)
    lead: dict[tuple[str, int], str] = {}  # (doc id, evidence start) of each report's lead
    by_lead: dict[str, set[str]] = {str(row["id"]): set() for row in rows}
    by_any: dict[str, set[str]] = {str(row["id"]): set() for row in rows}
    with tempfile.TemporaryDirectory() as folder, \
            Store(f"sqlite:///{Path(folder) / 'fusion.db'}", fusion=CrossReportFusion()) as store:
        for row in rows:
            document = make_document(str(row["text"]), source=str(row["id"]),
                                     doc_id=str(row["id"]),
                                     published=dt.date.fromisoformat(str(row["published"])),
                                     publisher=row.get("publisher"))
            events = analyse(document, gazetteer).events
            starts = [min(item.start for item in event.evidence) for event in events
                      if event.evidence]
            if starts:
                lead[(document.id, min(starts))] = document.id
            store.add_analysed(document, events)
        for event in store.events():
            for item in event.evidence:
                by_any[item.doc_id].add(event.event_id)
                if (item.doc_id, item.start) in lead:
                    by_lead[item.doc_id].add(event.event_id)
    cluster = {str(row["id"]): str(row["cluster"]) for row in rows}
    report = _pairs(cluster, by_lead)
    report.any_event = _pairs(cluster, by_any)
    return report
