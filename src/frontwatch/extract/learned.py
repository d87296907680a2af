"""The learned sentence classifier: a linear model over MiniLM embeddings.

Trained by ``training/train.py`` (``make model``) on examples we wrote (``training/examples``) and
shipped as ``resources/classifier.json``: classes, weights, intercepts and a manifest (version,
embedder, data checksum, cross-validated scores). Plain JSON, no pickles; inference needs only
numpy: softmax(W·x + b).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from frontwatch.errors import ResourceError

if TYPE_CHECKING:
    import numpy as np

    from frontwatch.extract.embed import Embedder

__all__ = ["RESOURCE", "LinearClassifier", "Prediction", "load_classifier"]

RESOURCE = "classifier.json"


@dataclass(frozen=True, slots=True)
class Prediction:
    """The most likely label of a text, its probability, and the runner-up."""

    label: str
    probability: float
    second: str
    second_probability: float


class LinearClassifier:
    """Multinomial logistic regression over sentence embeddings."""

    def __init__(self, data: dict[str, Any]):
        import numpy as np

        try:
            self.classes: list[str] = list(data["classes"])
            self.weights = np.asarray(data["coef"], dtype=np.float32)
            self.intercept = np.asarray(data["intercept"], dtype=np.float32)
            self.manifest: dict[str, Any] = dict(data["manifest"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ResourceError(f"{RESOURCE} is malformed ({exc})") from exc
        if self.weights.shape != (len(self.classes), self.weights.shape[1]):
            raise ResourceError(f"{RESOURCE}: weights do not match the classes")

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        import numpy as np

        scores = vectors @ self.weights.T + self.intercept
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def predict(self, texts: Sequence[str], embedder: Embedder) -> list[Prediction]:
        """The best two labels of each text with their probabilities."""
        import numpy as np

        if not texts:
            return []
        probabilities = self.probabilities(embedder.embed(texts))
        order = np.argsort(-probabilities, axis=1)
        return [Prediction(self.classes[row[0]], float(p[row[0]]), self.classes[row[1]],
                           float(p[row[1]]))
                for row, p in zip(order, probabilities, strict=True)]


@functools.lru_cache(maxsize=1)
def load_classifier() -> LinearClassifier | None:
    """The packaged classifier, or None when none has been trained yet."""
    path = resources.files("frontwatch.resources").joinpath(RESOURCE)
    if not path.is_file():
        return None
    try:
        return LinearClassifier(json.loads(path.read_text(encoding="utf-8")))
    except ValueError as exc:
        raise ResourceError(f"{RESOURCE} is not valid JSON ({exc})") from exc
