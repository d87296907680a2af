"""Train the learned sentence classifier (``make model``): reproducible from our own examples.

Reads ``training/examples/*.jsonl`` (``{"text", "label", "kind"}``, texts we wrote), embeds them
with MiniLM (ONNX), fits a multinomial logistic regression (scikit-learn), reports 5-fold
cross-validated macro and weighted F1 on the training examples, and writes
``src/frontwatch/resources/classifier.json`` with a manifest: version, embedder and its sha256,
data checksum, examples per class, scores. Fixed seeds: the same data gives the same model.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "training" / "examples"
OUTPUT = ROOT / "src" / "frontwatch" / "resources" / "classifier.json"
VERSION = "0.1.0"
#: Inverse regularisation strength; chosen by cross-validation on the training examples only.
C = 4.0
SEED = 13
#: Convergence: tight enough that the fit is the optimum, not where a version's solver stopped.
TOLERANCE = 1e-8
MAX_ITER = 20_000


def load_examples() -> tuple[list[str], list[str], str]:
    texts, labels = [], []
    digest = hashlib.sha256()
    for path in sorted(EXAMPLES.glob("*.jsonl")):
        data = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + data)
        for number, line in enumerate(data.decode("utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            if not isinstance(row.get("text"), str) or not isinstance(row.get("label"), str):
                raise SystemExit(f"{path}:{number}: needs text and label")
            texts.append(row["text"])
            labels.append(row["label"])
    return texts, labels, digest.hexdigest()


def _versions() -> dict[str, str]:
    """Library versions of the fit, for whoever compares a rebuilt model with the shipped one."""
    from importlib.metadata import version

    return {name: version(name)
            for name in ("scikit-learn", "scipy", "numpy", "onnxruntime", "tokenizers")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=OUTPUT, help="where to write the model")
    args = parser.parse_args()
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    from frontwatch.extract.embed import OnnxMiniLM
    from frontwatch.extract.taxonomy import NONE, sub_event_types

    texts, labels, checksum = load_examples()
    allowed = set(sub_event_types()) | {NONE}
    unknown = sorted(set(labels) - allowed)
    if unknown:
        raise SystemExit(f"unknown labels in training data: {unknown}")
    embedder = OnnxMiniLM()
    vectors = embedder.embed(texts)
    # L2-regularised logistic regression has one optimum: fitted to a tight tolerance, every
    # scikit-learn/numpy version reaches it (a loose stop left version-dependent weights).
    model = LogisticRegression(C=C, max_iter=MAX_ITER, tol=TOLERANCE, random_state=SEED)
    folds = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=SEED)
    predicted = cross_val_predict(model, vectors, labels, cv=folds)
    scores = {"cv_macro_f1": round(float(f1_score(labels, predicted, average="macro")), 4),
              "cv_weighted_f1": round(float(f1_score(labels, predicted, average="weighted")), 4),
              "folds": args.folds}
    model.fit(vectors, labels)
    counts = Counter(labels)
    manifest = {"name": "frontwatch-sentence-classifier", "version": VERSION,
                "embedder": embedder.identifier, "embedder_sha256": embedder.model_sha256(),
                "data_sha256": checksum, "examples": len(texts),
                "examples_per_class": dict(sorted(counts.items())), "C": C, "seed": SEED,
                "scores": scores, "trained_with": _versions(),
                "licence": "Apache-2.0 (our examples and weights)"}
    args.out.write_text(json.dumps({
        "classes": [str(label) for label in model.classes_],
        "coef": [[round(float(x), 6) for x in row] for row in model.coef_],
        "intercept": [round(float(x), 6) for x in model.intercept_],
        "manifest": manifest}) + "\n", encoding="utf-8")
    print(json.dumps({"examples": len(texts), "classes": len(counts), **scores}))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
