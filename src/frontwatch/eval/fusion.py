"""Scorer for the ``fusion`` gold format: which reports tell the same event (issue #5).

Gold: JSONL ``{id, published, publisher, text, cluster}``; reports with one ``cluster`` label
tell one real event, a label of its own marks a near-miss that must stay apart. Every report is
analysed and stored in a fresh store with cross-report fusion; two reports are predicted to tell
the same event when some stored event rests on both. Pairwise precision, recall and F1 over all
pairs of reports (a pair the gold puts together and the store does too is a true positive).
"""

from __future__ import annotations

import datetime as dt
import itertools
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontwatch.errors import GoldFormatError
from frontwatch.eval.metrics import f1
from frontwatch.eval.places import read_jsonl
from frontwatch.fuse.across import CrossReportFusion
from frontwatch.ingest import make_document
from frontwatch.pipeline import analyse
from frontwatch.resolve.gazetteer import Gazetteer
from frontwatch.store import Store

__all__ = ["FusionReport", "score_fusion"]


@dataclass
class FusionReport:
    reports: int = 0
    clusters: int = 0
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    split: list[tuple[str, str]] = field(default_factory=list)
    merged: list[tuple[str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def summary(self) -> dict[str, Any]:
        return {"pairwise_precision": round(self.precision, 4),
                "pairwise_recall": round(self.recall, 4), "pairwise_f1": round(self.f1, 4),
                "reports": self.reports, "clusters": self.clusters,
                "true_positives": self.true_positives, "false_positives": self.false_positives,
                "false_negatives": self.false_negatives}


def _rows(path: Path) -> list[dict[str, Any]]:
    rows = read_jsonl(path)
    for number, row in enumerate(rows, start=1):
        for key in ("id", "text", "published", "cluster"):
            if not row.get(key):
                raise GoldFormatError(f"row {number} has no {key!r}", source=str(path))
    return rows


def score_fusion(path: Path, gazetteer: Gazetteer | None = None) -> FusionReport:
    """Pairwise scores of cross-report fusion on the gold at ``path`` (see the module text)."""
    rows = _rows(path)
    together: dict[str, set[str]] = {str(row["id"]): set() for row in rows}
    with tempfile.TemporaryDirectory() as folder, \
            Store(f"sqlite:///{Path(folder) / 'fusion.db'}", fusion=CrossReportFusion()) as store:
        for row in rows:
            document = make_document(str(row["text"]), source=str(row["id"]),
                                     doc_id=str(row["id"]),
                                     published=dt.date.fromisoformat(str(row["published"])),
                                     publisher=row.get("publisher"))
            store.add_analysed(document, analyse(document, gazetteer).events)
        for event in store.events():
            sharing = {source["doc_id"] for source in store.event_sources(event.event_id)}
            for doc_id in sharing:
                together[doc_id] |= sharing - {doc_id}
    cluster = {str(row["id"]): str(row["cluster"]) for row in rows}
    report = FusionReport(reports=len(rows), clusters=len(set(cluster.values())))
    for one, other in itertools.combinations(sorted(cluster), 2):
        gold, predicted = cluster[one] == cluster[other], other in together[one]
        if gold and predicted:
            report.true_positives += 1
        elif predicted:
            report.false_positives += 1
            report.merged.append((one, other))
        elif gold:
            report.false_negatives += 1
            report.split.append((one, other))
    return report
