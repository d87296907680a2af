"""The pipeline: runs the stages in order and applies the per-document error policy.

Stage order for one document::

    ingest (Document) → nlp (spaCy Doc) → resolve.places (PlaceRefs, focus country)
      → resolve.dates (DateRefs) → extract.mentions (Mentions per sentence)
      → resolve.locate (event date and location per mention) → fuse (Events)

Places are resolved before mentions are extracted because a mention's generic actors ("the army")
take the document's focus country, and a territorial change needs a named place.

Error policy for many documents: ``"raise"`` stops at the first bad document (interactive use);
``"record"`` turns it into a :class:`Failure` and goes on (batches).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from frontwatch.errors import FrontwatchError, InputError
from frontwatch.extract.mentions import find_mentions
from frontwatch.fuse import fuse_mentions
from frontwatch.nlp import annotate_many, load_pipeline
from frontwatch.records import DateRef, Document, Event, Failure, Mention
from frontwatch.resolve.dates import resolve_dates
from frontwatch.resolve.gazetteer import Gazetteer, SqliteGazetteer
from frontwatch.resolve.gazetteer_build import build, default_path
from frontwatch.resolve.locate import locate_mentions
from frontwatch.resolve.places import PlaceResolution, resolve_places
from frontwatch.settings import get_settings

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

__all__ = [
    "Analysis",
    "ErrorPolicy",
    "RunResult",
    "analyse",
    "classify",
    "default_gazetteer",
    "extract",
    "run",
]

ErrorPolicy = Literal["raise", "record"]


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the stages produced for one document."""

    document: Document
    places: PlaceResolution
    dates: tuple[DateRef, ...]
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]


@dataclass
class RunResult:
    """Events of the documents that went through, failures of those that did not."""

    analyses: list[Analysis] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    @property
    def events(self) -> list[Event]:
        return [event for analysis in self.analyses for event in analysis.events]


@functools.lru_cache(maxsize=2)
def _open_gazetteer(path: str) -> SqliteGazetteer:
    return SqliteGazetteer(path)


def default_gazetteer(progress: Callable[[str], None] | None = None) -> Gazetteer:
    """The gazetteer of the settings; built from the installed packages on first use."""
    settings = get_settings()
    if settings.gazetteer_path:
        return _open_gazetteer(settings.gazetteer_path)
    path = default_path(settings.cache_dir, settings.gazetteer_min_population)
    if not path.exists():
        if progress:
            progress(f"building the gazetteer index at {path} (once, about 20 s)")
        build(path, settings.gazetteer_min_population)
    return _open_gazetteer(str(path))


def _check_size(document: Document) -> None:
    limit = get_settings().max_document_chars
    if len(document.text) > limit:
        raise InputError(f"document has {len(document.text):,} characters, more than the limit "
                         f"of {limit:,} (FRONTWATCH_MAX_DOCUMENT_CHARS)",
                         source=document.source_path or document.id)


def analyse(document: Document, gazetteer: Gazetteer | None = None) -> Analysis:
    """Run every stage on ``document`` and keep what each produced."""
    _check_size(document)
    return _analyse_annotated(document, load_pipeline()(document.text),
                              gazetteer or default_gazetteer())


def _analyse_annotated(document: Document, doc: SpacyDoc, gazetteer: Gazetteer) -> Analysis:
    """The stages after NLP, on a document already annotated."""
    places = resolve_places(doc, document.id, gazetteer)
    dates = resolve_dates(doc, document.id, document.published)
    place_spans = [(ref.start, ref.end) for ref in places.places if ref.role == "mention"]
    background = tuple((ref.start, ref.end) for ref in dates if ref.is_background)
    by_sentence = find_mentions(document, doc, place_spans, places.focus_country, background)
    mentions = locate_mentions(document, places, dates,
                               [(s.sentence_start, s.sentence_end, s.mentions)
                                for s in by_sentence])
    events = fuse_mentions(mentions, document.publisher)
    return Analysis(document, places, tuple(dates), tuple(mentions), tuple(events))


def extract(document: Document, gazetteer: Gazetteer | None = None) -> list[Event]:
    """ACLED-schema events reported in ``document``, each with its evidence."""
    return list(analyse(document, gazetteer).events)


#: A learned label is used when the rules find no event and the model gives the label more than
#: half the probability mass (more likely than all other labels together). Chosen on principle,
#: not searched: see the README's results for the figures with and without it.
LEARNED_FALLBACK_MIN_PROBABILITY = 0.5


def classify(text: str, gazetteer: Gazetteer | None = None, doc_id: str | None = None,
             learned: bool = True) -> str:
    """The ACLED sub-event type ``text`` reports, or ``"none"``.

    Hybrid: the transparent rules decide first (the first coded event mention); when they find
    no event, the learned classifier (MiniLM embeddings + a linear model trained on our own
    examples) may name one if it is confident enough."""
    from frontwatch.extract.learned import load_classifier
    from frontwatch.extract.modality import CODED_CERTAINTIES
    from frontwatch.extract.taxonomy import NONE
    from frontwatch.ingest import make_document

    document = make_document(text, source=doc_id or "text", doc_id=doc_id)
    for mention in analyse(document, gazetteer).mentions:
        if mention.certainty in CODED_CERTAINTIES:
            return mention.sub_event_type
    model = load_classifier() if learned else None
    if model is None:
        return NONE
    from frontwatch.extract.embed import default_embedder

    prediction = model.predict([document.text], default_embedder())[0]
    if prediction.probability >= LEARNED_FALLBACK_MIN_PROBABILITY:
        return prediction.label
    return NONE


def _failure(error: FrontwatchError, doc_id: str | None = None) -> Failure:
    return Failure(source=error.source or "", code=error.code, message=error.message,
                   line=error.line, doc_id=doc_id)


#: Documents annotated together by ``nlp.pipe`` (spaCy batches its network computations).
BATCH_SIZE = 32


def iter_analyses(items: Iterable[Document | InputError], policy: ErrorPolicy = "record",
                  gazetteer: Gazetteer | None = None) -> Iterator[Analysis | Failure]:
    """Analyses of readable documents, in input order; failures in their place (or raise, by
    ``policy``). Documents are annotated in batches, which is faster than one by one."""
    gazetteer = gazetteer or default_gazetteer()
    batch: list[Document | FrontwatchError] = []
    for item in items:
        batch.append(item)
        if len(batch) >= BATCH_SIZE:
            yield from _run_batch(batch, policy, gazetteer)
            batch = []
    yield from _run_batch(batch, policy, gazetteer)


def _run_batch(batch: list[Document | FrontwatchError], policy: ErrorPolicy,
               gazetteer: Gazetteer) -> Iterator[Analysis | Failure]:
    checked: list[Document | FrontwatchError] = []
    for item in batch:
        if isinstance(item, Document):
            try:
                _check_size(item)
            except FrontwatchError as error:
                checked.append(error)
                continue
        checked.append(item)
    documents = [item for item in checked if isinstance(item, Document)]
    annotated = annotate_many((d.text for d in documents), batch_size=BATCH_SIZE)
    for item in checked:
        if isinstance(item, FrontwatchError):
            if policy == "raise":
                raise item
            yield _failure(item)
            continue
        doc = next(annotated)
        try:
            yield _analyse_annotated(item, doc, gazetteer)
        except FrontwatchError as error:
            if policy == "raise":
                raise
            yield _failure(error, item.id)


def run(paths: Iterable[str | Path], policy: ErrorPolicy = "record", **read_options: object
        ) -> RunResult:
    """Read and analyse every document of ``paths`` (see :func:`frontwatch.ingest.read_documents`)."""
    from frontwatch.ingest import read_documents

    result = RunResult()
    for path in paths:
        items = read_documents(path, **read_options)  # type: ignore[arg-type]
        for outcome in iter_analyses(items, policy):
            if isinstance(outcome, Failure):
                result.failures.append(outcome)
            else:
                result.analyses.append(outcome)
    return result
