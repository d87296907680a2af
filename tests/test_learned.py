"""The embedder (real ONNX model) and the linear classifier's arithmetic."""

import numpy as np
import pytest

from frontwatch.errors import ModelNotInstalledError, ResourceError
from frontwatch.extract.embed import OnnxMiniLM, default_embedder
from frontwatch.extract.learned import LinearClassifier


def test_embeddings_are_unit_vectors_and_meaningful() -> None:
    vectors = default_embedder().embed([
        "Warplanes bombed the town, killing five civilians.",
        "An air strike hit the village and killed several people.",
        "The central bank kept interest rates unchanged.",
    ])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    similarity = vectors @ vectors.T
    assert similarity[0, 1] > similarity[0, 2]


def test_missing_model_file_is_a_clear_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ModelNotInstalledError, match=r"model\.onnx missing"):
        OnnxMiniLM(model_path=tmp_path / "model.onnx")


class _FixedEmbedder:
    identifier = "fixed"

    def embed(self, texts):  # type: ignore[no-untyped-def]
        return np.array([[1.0, 0.0] if "strike" in t else [0.0, 1.0] for t in texts],
                        dtype=np.float32)


def test_linear_classifier_predicts_with_probabilities() -> None:
    model = LinearClassifier({"classes": ["Air/drone strike", "none"],
                              "coef": [[3.0, -3.0], [-3.0, 3.0]], "intercept": [0.0, 0.0],
                              "manifest": {"version": "test"}})
    first, second = model.predict(["an air strike", "a football match"], _FixedEmbedder())
    assert first.label == "Air/drone strike" and first.probability > 0.99
    assert second.label == "none" and second.second == "Air/drone strike"


def test_malformed_classifier_is_a_resource_error() -> None:
    with pytest.raises(ResourceError):
        LinearClassifier({"classes": ["a"], "coef": [[1.0], [2.0]], "intercept": [0.0],
                          "manifest": {}})
