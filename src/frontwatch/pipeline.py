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

import dataclasses
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from frontwatch.chunks import CHUNK_CHARS, shift, split_chunks
from frontwatch.derive.claims import find_claims
from frontwatch.errors import (
    FrontwatchError,
    InputError,
    InternalStageError,
    NotEnglishError,
    TooLargeError,
)
from frontwatch.extract.classify import candidate_triggers
from frontwatch.extract.mentions import find_mentions
from frontwatch.fuse import fuse_mentions
from frontwatch.ingest.language import is_english
from frontwatch.nlp import annotate_many, load_pipeline
from frontwatch.records import ControlClaim, DateRef, Document, Event, Failure, Mention, PlaceRef
from frontwatch.resolve.dates import resolve_dates
from frontwatch.resolve.gazetteer import Gazetteer, LayeredGazetteer, SqliteGazetteer
from frontwatch.resolve.gazetteer_build import build, default_path, prune_old_indexes
from frontwatch.resolve.locate import locate_mentions
from frontwatch.resolve.places import PlaceResolution, resolve_places
from frontwatch.settings import get_settings, user_gazetteer

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
    #: What the report says of control, sieges, roads and danger (issue #6).
    claims: tuple[ControlClaim, ...] = ()


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
    """The gazetteer of the settings; built from the installed packages on first use, with the
    layer the user loaded (``frontwatch gazetteer load``) over it when there is one."""
    settings = get_settings()
    if settings.gazetteer_path:
        packaged = _open_gazetteer(settings.gazetteer_path)
    else:
        path = default_path(settings.cache_dir, settings.gazetteer_min_population)
        if not path.exists():
            if progress:
                progress(f"building the gazetteer index at {path} (once, about 20 s)")
            build(path, settings.gazetteer_min_population)
            prune_old_indexes(path)
        packaged = _open_gazetteer(str(path))
    layer = user_gazetteer(settings)
    if not layer.is_file():
        return packaged
    return _layered(packaged, str(layer))


@functools.lru_cache(maxsize=2)
def _layered(packaged: SqliteGazetteer, layer: str) -> LayeredGazetteer:
    return LayeredGazetteer(packaged, _open_gazetteer(layer))


def _check(document: Document) -> None:
    """Refuse what the stages cannot read: too long a text, or one not in English."""
    limit = get_settings().max_document_chars
    source = document.source_path or document.id
    if len(document.text) > limit:
        raise TooLargeError(f"document has {len(document.text):,} characters, more than the "
                            f"limit of {limit:,} (FRONTWATCH_MAX_DOCUMENT_CHARS)", source=source)
    english, language = is_english(document.text)
    if not english or document.language != "en":
        detected = language if not english else document.language
        raise NotEnglishError(f"document is not in English (detected: {detected}); frontwatch "
                              "extracts events from English text only", source=source)


def analyse(document: Document, gazetteer: Gazetteer | None = None) -> Analysis:
    """Run every stage on ``document`` and keep what each produced (a long document in
    chunks, see :mod:`frontwatch.chunks`)."""
    return _analyse_keeping_parse(document, gazetteer)[0]


def _analyse_keeping_parse(document: Document, gazetteer: Gazetteer | None
                           ) -> tuple[Analysis, SpacyDoc | None]:
    """:func:`analyse`, and the parse when the document was parsed whole (not in chunks)."""
    _check(document)
    gazetteer = gazetteer or default_gazetteer()
    if len(document.text) > CHUNK_CHARS:
        return _analyse_in_chunks(document, gazetteer), None
    doc = load_pipeline()(document.text)
    return _analyse_annotated(document, doc, gazetteer), doc


def _analyse_in_chunks(document: Document, gazetteer: Gazetteer) -> Analysis:
    """Each chunk parsed and reduced to records before the next; events fused over all."""
    nlp = load_pipeline()
    places: list[PlaceRef] = []
    dates: list[DateRef] = []
    mentions: list[Mention] = []
    claims: list[ControlClaim] = []
    first: PlaceResolution | None = None
    for offset, text in split_chunks(document.text):
        part = dataclasses.replace(document, text=text, title=document.title if offset == 0
                                   else None)
        found = _analyse_annotated(part, nlp(text), gazetteer, fuse=False)
        first = first or found.places
        places.extend(shift(ref, offset) for ref in found.places.places)
        dates.extend(shift(ref, offset) for ref in found.dates)
        mentions.extend(shift(mention, offset) for mention in found.mentions)
        claims.extend(shift(claim, offset) for claim in found.claims)
    assert first is not None  # a document is never empty
    resolution = PlaceResolution(tuple(places), first.focus_country,
                                 first.focus_place)
    events = fuse_mentions(mentions, document.publisher)
    return Analysis(document, resolution, tuple(dates), tuple(mentions), tuple(events),
                    tuple(claims))


def _analyse_annotated(document: Document, doc: SpacyDoc, gazetteer: Gazetteer,
                       fuse: bool = True) -> Analysis:
    """The stages after NLP, on a document already annotated (``fuse``: into events too)."""
    places = resolve_places(doc, document.id, gazetteer)
    dates = resolve_dates(doc, document.id, document.published)
    place_spans = [(ref.start, ref.end) for ref in places.places if ref.role == "mention"]
    background = tuple((ref.start, ref.end) for ref in dates if ref.is_background)
    by_sentence = find_mentions(document, doc, place_spans, places.focus_country, background,
                                tuple((section.start, section.end, section.country)
                                      for section in places.sections))
    mentions = locate_mentions(document, places, dates,
                               [(s.sentence_start, s.sentence_end, s.mentions)
                                for s in by_sentence])
    events = fuse_mentions(mentions, document.publisher) if fuse else []
    claims = find_claims(document, doc, places.places, dates, places.focus_country,
                         places.focus_place)
    return Analysis(document, places, tuple(dates), tuple(mentions), tuple(events),
                    tuple(claims))


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
    no trigger at all, the learned classifier (MiniLM embeddings + a linear model trained on our
    own examples) may name one if it is confident enough. A text whose triggers the rules
    judged and set aside (a tally, a threat, a crime) is not second-guessed, nor one about a
    crime or a disaster."""
    from frontwatch.extract.learned import load_classifier
    from frontwatch.extract.modality import CODED_CERTAINTIES
    from frontwatch.extract.taxonomy import NONE
    from frontwatch.ingest import make_document

    document = make_document(text, source=doc_id or "text", doc_id=doc_id)
    analysis, doc = _analyse_keeping_parse(document, gazetteer)
    mentions = analysis.mentions
    judged = bool(mentions) or doc is None or bool(candidate_triggers(doc))
    for mention in mentions:
        if mention.certainty in CODED_CERTAINTIES:
            return mention.sub_event_type
    model = load_classifier() if learned else None
    if model is None or judged or _crime_or_disaster(document.text):
        return NONE  # the rules set such texts aside on purpose; the model is not asked
    from frontwatch.extract.embed import default_embedder

    prediction = model.predict([document.text], default_embedder())[0]
    if prediction.probability >= LEARNED_FALLBACK_MIN_PROBABILITY:
        return prediction.label
    return NONE


def _crime_or_disaster(text: str) -> bool:
    from frontwatch.extract.classify import CRIME_WORDS, DISASTER_WORDS

    return bool(set(re.findall(r"[a-z0-9-]+", text.lower())) & (CRIME_WORDS | DISASTER_WORDS))


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
    checked: list[Document | FrontwatchError | Failure] = []
    for item in batch:
        if isinstance(item, Document):
            try:
                _check(item)
            except FrontwatchError as error:
                # refused: raised in its turn, or a failure that keeps the document's id
                checked.append(error if policy == "raise" else _failure(error, item.id))
                continue
        checked.append(item)
    documents = [entry for entry in checked if isinstance(entry, Document)
                 and len(entry.text) <= CHUNK_CHARS]
    annotated = annotate_many((d.text for d in documents), batch_size=BATCH_SIZE)
    for entry in checked:
        if isinstance(entry, Failure):
            yield entry
            continue
        if isinstance(entry, FrontwatchError):
            if policy == "raise":
                raise entry
            yield _failure(entry)
            continue
        yield _analysed(entry, next(annotated) if len(entry.text) <= CHUNK_CHARS else None,
                        policy, gazetteer)


def _analysed(item: Document, annotation: SpacyDoc | None, policy: ErrorPolicy,
              gazetteer: Gazetteer) -> Analysis | Failure:
    """One document's analysis (in chunks when it came without an annotation), or its
    failure."""
    try:
        if annotation is None:
            return _analyse_in_chunks(item, gazetteer)
        return _analyse_annotated(item, annotation, gazetteer)
    except FrontwatchError as error:
        if policy == "raise":
            raise
        return _failure(error, item.id)
    except Exception as error:  # a bug in a stage: one document fails, not the batch
        if policy == "raise":
            raise
        return _failure(InternalStageError(f"{type(error).__name__}: {error}",
                                           source=item.source_path or item.id), item.id)


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
