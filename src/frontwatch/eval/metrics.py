"""Small, dependency-free scoring helpers shared by the scorers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from frontwatch.resolve.gazetteer import haversine_km

__all__ = [
    "ClassScore",
    "confusions",
    "f1",
    "haversine_km",
    "macro_f1",
    "per_class",
    "weighted_f1",
]


@dataclass(frozen=True, slots=True)
class ClassScore:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class Counts:
    """True positives, false positives and false negatives, with the scores they give."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

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


def per_class(gold: Sequence[str], predicted: Sequence[str]) -> list[ClassScore]:
    """Precision, recall, F1 and support of every label seen in gold or predictions."""
    labels = sorted(set(gold) | set(predicted))
    scores = []
    for label in labels:
        true_positive = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        predicted_count = sum(p == label for p in predicted)
        support = sum(g == label for g in gold)
        precision = true_positive / predicted_count if predicted_count else 0.0
        recall = true_positive / support if support else 0.0
        scores.append(ClassScore(label, precision, recall, f1(precision, recall), support))
    return scores


def weighted_f1(scores: Sequence[ClassScore]) -> float:
    """F1 averaged over gold labels, weighted by support (as scikit-learn's ``weighted``)."""
    total = sum(score.support for score in scores)
    return sum(score.f1 * score.support for score in scores) / total if total else 0.0


def macro_f1(scores: Sequence[ClassScore]) -> float:
    """F1 averaged over the labels that occur in gold."""
    present = [score for score in scores if score.support]
    return sum(score.f1 for score in present) / len(present) if present else 0.0


def confusions(gold: Sequence[str], predicted: Sequence[str], top: int = 15
               ) -> list[tuple[str, str, int]]:
    """The most frequent (gold, predicted) pairs where they differ."""
    pairs = Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p)
    return [(g, p, count) for (g, p), count in pairs.most_common(top)]

