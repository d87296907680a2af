"""Scorer for the ``case`` gold format: snippet classification into ACLED sub-event types.

Gold: TSV ``id, EventSnippet, SubType`` with CASE 2021 codes, mapped to ACLED names by a labels TSV
(``case_code, acled_sub_event_type``; ``none`` for non-ACLED classes, ``skip`` for rows left out).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from frontwatch.errors import GoldFormatError, InputNotFoundError
from frontwatch.eval.metrics import ClassScore, confusions, macro_f1, per_class, weighted_f1
from frontwatch.extract.taxonomy import NONE

__all__ = ["CaseReport", "read_labels", "read_snippets", "score_case"]


@dataclass
class CaseReport:
    total: int
    skipped: int
    weighted_f1: float
    macro_f1: float
    accuracy: float
    classes: list[ClassScore]
    confusions: list[tuple[str, str, int]]
    #: Weighted F1 on the snippets whose gold is an ACLED type, over the ACLED types only (the
    #: shared task's subtask 1; a ``none`` answer there is a miss).
    acled_weighted_f1: float = 0.0
    #: Share of the non-ACLED snippets (crime, disasters, diplomacy) answered ``none``.
    none_recall: float = 0.0
    failures: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, float]:
        return {"weighted_f1": round(self.weighted_f1, 4), "macro_f1": round(self.macro_f1, 4),
                "accuracy": round(self.accuracy, 4), "n": self.total,
                "acled_weighted_f1": round(self.acled_weighted_f1, 4),
                "none_recall": round(self.none_recall, 4)}


def _open(path: Path) -> str:
    if not path.is_file():
        raise InputNotFoundError("no such file", source=str(path))
    return path.read_text(encoding="utf-8")


def read_snippets(path: Path) -> list[tuple[str, str, str | None]]:
    """(id, text, label or None) rows of a TSV file (see :func:`parse_snippets`)."""
    return parse_snippets(_open(path), str(path))


def parse_snippets(data: str, source: str) -> list[tuple[str, str, str | None]]:
    """(id, text, label or None) rows of a TSV with a header ``id, EventSnippet[, SubType]``;
    without a header, every line is ``id<TAB>text``."""
    rows = list(csv.reader(data.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows:
        return []
    header = [cell.strip().lower() for cell in rows[0]]
    has_header = header[:1] == ["id"]
    out = []
    for number, row in enumerate(rows[1:] if has_header else rows, start=2 if has_header else 1):
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) < 2:
            raise GoldFormatError("expected id<TAB>text", source=source, line=number)
        out.append((row[0], row[1], row[2].strip() if len(row) > 2 else None))
    return out


def read_labels(path: Path) -> dict[str, str]:
    """CASE code → ACLED sub-event type (or ``none`` / ``skip``)."""
    rows = csv.reader(_open(path).splitlines(), delimiter="\t")
    mapping = {row[0]: row[1] for row in rows if len(row) >= 2}
    mapping.pop("case_code", None)
    return mapping


def score_case(gold_path: Path, labels_path: Path, classify: Callable[[str], str]) -> CaseReport:
    """Classify every snippet of ``gold_path`` and score against its mapped labels."""
    labels = read_labels(labels_path)
    gold: list[str] = []
    predicted: list[str] = []
    skipped = 0
    for doc_id, text, code in read_snippets(gold_path):
        if code is None or code not in labels:
            raise GoldFormatError(f"row {doc_id!r}: label {code!r} not in {labels_path}",
                                  source=str(gold_path))
        if labels[code] == "skip":
            skipped += 1
            continue
        gold.append(labels[code])
        predicted.append(classify(text))
    scores = per_class(gold, predicted)
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold) if gold \
        else 0.0
    return CaseReport(len(gold), skipped, weighted_f1(scores), macro_f1(scores), accuracy,
                      scores, confusions(gold, predicted),
                      acled_weighted_f1=_acled_weighted_f1(gold, predicted),
                      none_recall=_none_recall(gold, predicted))


def _acled_weighted_f1(gold: list[str], predicted: list[str]) -> float:
    typed = [(g, p) for g, p in zip(gold, predicted, strict=True) if g != NONE]
    if not typed:
        return 0.0
    scores = per_class([g for g, _ in typed], [p for _, p in typed])
    return weighted_f1([score for score in scores if score.label != NONE])


def _none_recall(gold: list[str], predicted: list[str]) -> float:
    answers = [p for g, p in zip(gold, predicted, strict=True) if g == NONE]
    return sum(p == NONE for p in answers) / len(answers) if answers else 0.0
