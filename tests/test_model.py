"""The shipped classifier is the one `make model` builds from the examples in the repository."""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from frontwatch.extract.learned import load_classifier
from frontwatch.extract.taxonomy import NONE, sub_event_types

ROOT = Path(__file__).resolve().parents[1]


def _data_checksum() -> str:
    digest = hashlib.sha256()
    for path in sorted((ROOT / "training" / "examples").glob("*.jsonl")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def test_manifest_matches_the_training_data() -> None:
    model = load_classifier()
    assert model is not None
    manifest = model.manifest
    assert manifest["data_sha256"] == _data_checksum(), "run `make model` after editing examples"
    assert set(model.classes) == set(sub_event_types()) | {NONE}
    assert min(manifest["examples_per_class"].values()) >= 60
    assert manifest["scores"]["cv_macro_f1"] > 0.7


@pytest.mark.slow
def test_training_is_reproducible(tmp_path: Path) -> None:
    out = tmp_path / "classifier.json"
    subprocess.run([sys.executable, str(ROOT / "training" / "train.py"), "--out", str(out)],
                   check=True, capture_output=True)
    built = json.loads(out.read_text(encoding="utf-8"))
    shipped = load_classifier()
    assert shipped is not None and built["classes"] == shipped.classes
    assert built["manifest"]["data_sha256"] == shipped.manifest["data_sha256"]
    for row, shipped_row in zip(built["coef"], shipped.weights.tolist(), strict=True):
        assert max(abs(a - b) for a, b in zip(row, shipped_row, strict=True)) < 1e-3
