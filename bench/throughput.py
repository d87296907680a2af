"""Throughput of `extract` vs bare spaCy NER-only over the same texts, in the same run.

Texts: the bundled samples and the gold reports (our own writing), cycled to --documents.
Prints documents/s, words/s and sentences/s of each and their ratio (full pipeline / NER-only;
issue #8 targets a ratio of at least 0.5, issue #3 at least 200 sentences/s classified on one
core: the full pipeline's sentences/s, parse included, is that figure with everything else on
top; issue #4 at most 25 % of extract time in place recognition and resolution, measured on the
parsed texts with a gazetteer whose lookup cache starts empty). Writes bench/results.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from itertools import cycle, islice
from pathlib import Path

from frontwatch.extract.mentions import find_mentions
from frontwatch.ingest import make_document, read_documents
from frontwatch.nlp import NER_ONLY, load_pipeline
from frontwatch.pipeline import Analysis, analyse, default_gazetteer, iter_analyses
from frontwatch.records import Document
from frontwatch.resolve.places import resolve_places

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DATE = dt.date(2024, 5, 15)  # the samples' own dates differ; one date keeps the run simple


def corpus(count: int) -> list[Document]:
    """Our sample articles and gold reports, with publication dates so every stage runs."""
    texts: list[Document] = []
    for path in sorted((ROOT / "samples").glob("*.txt")):
        texts.extend(d for d in read_documents(path, published=SAMPLE_DATE)
                     if isinstance(d, Document))
    gold = ROOT / "tests" / "gold" / "events_gold.jsonl"
    for line in gold.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        texts.append(make_document(row["text"], source=row["id"],
                                   published=dt.date.fromisoformat(row["published"])))
    return list(islice(cycle(texts), count))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=200)
    args = parser.parse_args()
    documents = corpus(args.documents)
    words = sum(len(d.text.split()) for d in documents)
    gazetteer = default_gazetteer()
    analyse(documents[0], gazetteer)  # warm-up: models and gazetteer loaded before timing
    ner = load_pipeline(None, NER_ONLY)
    list(ner.pipe(d.text for d in documents[:5]))
    parsed = list(load_pipeline().pipe(d.text for d in documents))
    sentences = sum(len(list(doc.sents)) for doc in parsed)

    start = time.perf_counter()
    for _ in ner.pipe((d.text for d in documents), batch_size=32):
        pass
    ner_seconds = time.perf_counter() - start

    start = time.perf_counter()
    events = sum(len(outcome.events) for outcome in iter_analyses(documents, "raise", gazetteer)
                 if isinstance(outcome, Analysis))
    full_seconds = time.perf_counter() - start

    # The classification stage alone (triggers, actors, context rules, types, roles, deaths) on
    # text already parsed: the issue #3 speed target is about this stage.
    start = time.perf_counter()
    for document, doc in zip(documents, parsed, strict=True):
        find_mentions(document, doc, [], None)
    classify_seconds = time.perf_counter() - start

    # Place recognition and resolution alone, on parsed text, from a gazetteer opened afresh (an
    # empty lookup cache: the batch above has warmed the first one).
    cold = default_gazetteer()
    start = time.perf_counter()
    for document, doc in zip(documents, parsed, strict=True):
        resolve_places(doc, document.id, cold)
    places_seconds = time.perf_counter() - start

    results = {
        "documents": len(documents), "words": words, "events": events,
        "ner_only_docs_per_s": round(len(documents) / ner_seconds, 2),
        "ner_only_words_per_s": round(words / ner_seconds),
        "extract_docs_per_s": round(len(documents) / full_seconds, 2),
        "extract_words_per_s": round(words / full_seconds),
        "sentences": sentences,
        "extract_sentences_per_s": round(sentences / full_seconds),
        "ratio_extract_to_ner_only": round(ner_seconds / full_seconds, 3),
        "classification_sentences_per_s": round(sentences / classify_seconds),
        "places_share_of_extract": round(places_seconds / full_seconds, 3),
    }
    print(f"{'':22}{'docs/s':>10}{'words/s':>12}")
    print(f"{'spaCy NER-only':22}{results['ner_only_docs_per_s']:>10}"
          f"{results['ner_only_words_per_s']:>12}")
    print(f"{'frontwatch extract':22}{results['extract_docs_per_s']:>10}"
          f"{results['extract_words_per_s']:>12}")
    print(f"sentences classified by the full pipeline: {results['extract_sentences_per_s']}/s "
          f"({sentences} sentences)")
    print(f"sentences classified by the classification stage alone (parsed text in): "
          f"{results['classification_sentences_per_s']}/s")
    print(f"place recognition and resolution: {results['places_share_of_extract']:.1%} of "
          f"extract time")
    print(f"ratio extract / NER-only: {results['ratio_extract_to_ner_only']}  "
          f"({len(documents)} documents, {words} words, {events} events)")
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
