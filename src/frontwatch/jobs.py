"""Jobs that join the pipeline to the store: ingest files and folders into a store.

``ingest(paths, store)`` reads every document (folders recursively), skips those the store holds
already (same cleaned text) before analysing them, stores a near-duplicate of a stored document
(a syndicated copy: MinHash, :mod:`frontwatch.ingest.near_duplicates`) linked to it without
analysing it (a copy of a document of this run waits until its original is stored), analyses
the rest in batches, and stores each document with its events in one transaction. Every input that
cannot be read or analysed becomes a ``failures`` row with its reason, and the run goes on. A
run row records what the run did and the code version that did it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from frontwatch.derive import Situation, situation_at
from frontwatch.errors import InputError
from frontwatch.ingest import read_documents
from frontwatch.ingest.feeds import FEED_SUFFIXES
from frontwatch.ingest.near_duplicates import THRESHOLD, band_keys, signature, similarity
from frontwatch.ingest.readers import HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES
from frontwatch.pipeline import Analysis, default_gazetteer, iter_analyses
from frontwatch.records import Document, Failure
from frontwatch.resolve.gazetteer import Gazetteer
from frontwatch.store import RunCounts, Store

__all__ = ["IngestReport", "files_under", "ingest", "ingest_documents", "reprocess", "situation", "watch"]

#: The files a folder contributes (other files in it are not reports).
INGESTED_SUFFIXES = frozenset(HTML_SUFFIXES) | frozenset(JSONL_SUFFIXES) | \
    frozenset(TEXT_SUFFIXES) | frozenset(FEED_SUFFIXES)
#: Files of many documents: their raw bytes are not one document's.
MANY_DOCUMENTS = frozenset(JSONL_SUFFIXES) | frozenset(FEED_SUFFIXES)


def _kind_suffix(file: Path) -> str:
    """The suffix that says what a file holds (".jsonl" of "feed.jsonl.gz")."""
    suffixes = [part.lower() for part in file.suffixes[-2:]]
    if suffixes[-1:] == [".gz"]:
        return suffixes[0] if len(suffixes) == 2 else ""
    return file.suffix.lower()


@dataclasses.dataclass
class IngestReport:
    """The run's id, its counts and its failures."""

    run_id: int
    counts: RunCounts
    failures: list[Failure] = dataclasses.field(default_factory=list)


def files_under(paths: Iterable[str | Path]) -> Iterator[str | Path]:
    """The paths, with each folder replaced by its report files (recursively, in name order,
    hidden files left out). A missing path is passed on: reading it records the failure."""
    for path in paths:
        folder = Path(path)
        if str(path) != "-" and folder.is_dir():
            yield from sorted(
                file for file in folder.rglob("*")
                if file.is_file() and _kind_suffix(file) in INGESTED_SUFFIXES and
                not any(part.startswith(".") for part in file.relative_to(folder).parts))
        else:
            yield path


def ingest(paths: Sequence[str | Path], store: Store, *, published: dt.date | None = None,
           publisher: str | None = None, gazetteer: Gazetteer | None = None,
           command_line: str | None = None,
           progress: Callable[[RunCounts], None] | None = None) -> IngestReport:
    """Ingest ``paths`` into ``store`` (see the module text)."""
    from frontwatch import __version__

    run_id = store.start_run(__version__, command_line)
    report = IngestReport(run_id, RunCounts())
    gazetteer = gazetteer or default_gazetteer()
    for path in files_under(paths):
        _ingest_items(read_documents(path, published=published, publisher=publisher), store,
                      report, _raw_bytes(path), gazetteer, progress)
    store.finish_run(run_id, report.counts)
    return report


def ingest_documents(items: Iterable[Document | InputError], store: Store, *,
                     gazetteer: Gazetteer | None = None, command_line: str | None = None
                     ) -> IngestReport:
    """Ingest documents already read (an analyst's submission to the API) as one run, the way
    :func:`ingest` does files: new ones analysed and stored, unreadable ones recorded."""
    from frontwatch import __version__

    run_id = store.start_run(__version__, command_line)
    report = IngestReport(run_id, RunCounts())
    _ingest_items(items, store, report, None, gazetteer or default_gazetteer(), None)
    store.finish_run(run_id, report.counts)
    return report


def _ingest_items(items: Iterable[Document | InputError], store: Store, report: IngestReport,
                  raw: bytes | None, gazetteer: Gazetteer,
                  progress: Callable[[RunCounts], None] | None) -> None:
    run_id = report.run_id
    copies = _Copies()
    fresh = _new_documents(items, store, report.counts, run_id, raw, copies)
    _store_analyses(iter_analyses(fresh, "record", gazetteer), store, report, raw, copies,
                    progress)
    # copies of documents analysed in this run, now that their originals are stored
    for copy, (minhash, bands), original in copies.deferred:
        row = store.document_row(original)
        if row is not None and store.add_analysed(copy, (), run_id, raw, minhash, bands, row):
            report.counts.near_duplicates += 1
            report.counts.documents_stored += 1
        elif row is None:  # the original failed: the copy is analysed for itself
            copies.signatures[copy.id] = (minhash, bands)
            _store_analyses(iter_analyses([copy], "record", gazetteer), store, report, raw,
                            copies, progress)


def _store_analyses(outcomes: Iterable[Analysis | Failure], store: Store, report: IngestReport,
                    raw: bytes | None, copies: _Copies,
                    progress: Callable[[RunCounts], None] | None) -> None:
    for outcome in outcomes:
        if isinstance(outcome, Failure):
            store.add_failure(outcome, report.run_id)
            report.failures.append(outcome)
            report.counts.failures += 1
            continue
        minhash, bands = copies.signatures.pop(outcome.document.id, (None, []))
        stored = store.add_analysed(outcome.document, outcome.events, report.run_id, raw,
                                    minhash, bands, claims=outcome.claims,
                                    mentions=outcome.mentions)
        if stored is None:
            report.counts.duplicates += 1  # the same text twice in this run
        else:
            report.counts.documents_stored += 1
            report.counts.events_stored += len(outcome.events)
        if progress is not None:
            progress(report.counts)


@dataclasses.dataclass
class _Copies:
    """Signatures of the documents sent to analysis, their band keys (to find copies among
    them, which the store cannot know yet), and the copies held back until their original is
    stored."""

    signatures: dict[str, Signature] = dataclasses.field(default_factory=dict)
    bands: dict[tuple[int, str], list[Document]] = dataclasses.field(default_factory=dict)
    deferred: list[tuple[Document, Signature, Document]] = dataclasses.field(
        default_factory=list)

    def original_of(self, minhash: bytes, keys: list[tuple[int, str]]) -> Document | None:
        seen: set[int] = set()
        for key in keys:
            for document in self.bands.get(key, []):
                if id(document) in seen:
                    continue
                seen.add(id(document))
                stored = self.signatures.get(document.id)
                if stored is not None and similarity(minhash, stored[0]) >= THRESHOLD:
                    return document
        return None

    def add(self, document: Document, minhash: bytes, keys: list[tuple[int, str]]) -> None:
        self.signatures[document.id] = (minhash, keys)
        for key in keys:
            self.bands.setdefault(key, []).append(document)


def _new_documents(items: Iterable[Document | InputError], store: Store, counts: RunCounts,
                   run_id: int, raw: bytes | None, copies: _Copies
                   ) -> Iterator[Document | InputError]:
    """Documents the store does not hold yet (and every unreadable input, to be recorded). A
    near-duplicate of a stored document (a syndicated copy) is stored and linked to it here,
    without analysis: its events are the original's; a copy of a document being analysed waits
    for it (so the same files give the same links however a run was cut)."""
    for item in items:
        if isinstance(item, Document):
            counts.documents_seen += 1
            if store.has_document(item):
                counts.duplicates += 1
                continue
            minhash = signature(item.text)
            bands = band_keys(minhash)
            original = store.near_duplicate(bands, minhash, similarity, THRESHOLD)
            if original is not None:
                if store.add_analysed(item, (), run_id, raw, minhash, bands, original):
                    counts.near_duplicates += 1
                    counts.documents_stored += 1
                continue
            pending = copies.original_of(minhash, bands)
            if pending is not None:
                copies.deferred.append((item, (minhash, bands), pending))
                continue
            copies.add(item, minhash, bands)
        yield item


#: A document's MinHash signature and its band keys.
Signature = tuple[bytes, list[tuple[int, str]]]


def _raw_bytes(path: str | Path) -> bytes | None:
    """The bytes of a one-document file (gzipped as it came), kept beside its cleaned text (a
    JSONL file or a feed holds many documents: each keeps its own line or entry as
    ``Document.raw``)."""
    file = Path(path)
    if str(path) == "-" or not file.is_file() or _kind_suffix(file) in MANY_DOCUMENTS:
        return None
    try:
        return file.read_bytes()
    except OSError:
        return None


def reprocess(store: Store, *, gazetteer: Gazetteer | None = None,
              command_line: str | None = None) -> IngestReport:
    """Analyse every stored document again with the current code and replace what it told
    (:meth:`Store.replace_analysis`); a document that now fails keeps its old events and
    becomes a failures row."""
    from frontwatch import __version__

    run_id = store.start_run(__version__, command_line or "reprocess")
    report = IngestReport(run_id, RunCounts())
    gazetteer = gazetteer or default_gazetteer()
    stored = list(store.stored_documents())
    outcomes = iter_analyses([document for _, document in stored], "record", gazetteer)
    for (row, _), outcome in zip(stored, outcomes, strict=True):  # one outcome per document
        report.counts.documents_seen += 1
        if isinstance(outcome, Failure):
            store.add_failure(outcome, run_id)
            report.failures.append(outcome)
            report.counts.failures += 1
            continue
        store.replace_analysis(row, outcome.events, run_id, outcome.claims, outcome.mentions)
        report.counts.documents_stored += 1
        report.counts.events_stored += len(outcome.events)
    store.finish_run(run_id, report.counts)
    return report


def watch(folder: str | Path, store: Store, *, interval: float = 5.0,
          stop: Callable[[], bool] = lambda: False, gazetteer: Gazetteer | None = None,
          published: dt.date | None = None, publisher: str | None = None,
          progress: Callable[[IngestReport], None] | None = None) -> list[IngestReport]:
    """Ingest the files that appear in ``folder`` (recursively) every ``interval`` seconds until
    ``stop()`` is true; a file is taken when its size has not changed for one interval (it is
    written completely). Each round with new files is a run of its own."""
    import time

    gazetteer = gazetteer or default_gazetteer()
    seen: dict[str, int] = {}
    sizes: dict[str, int] = {}
    reports: list[IngestReport] = []
    while not stop():
        ready = []
        for path in files_under([folder]):
            name, size = str(path), Path(path).stat().st_size
            if seen.get(name) == size:
                continue
            if sizes.get(name) == size:
                ready.append(path)
            sizes[name] = size
        if ready:
            report = ingest(ready, store, published=published, publisher=publisher,
                            gazetteer=gazetteer, command_line=f"ingest --watch {folder}"[:200])
            reports.append(report)
            seen.update({str(path): sizes[str(path)] for path in ready})
            if progress is not None:
                progress(report)
        time.sleep(interval)
    return reports


def situation(store: Store, day: dt.date | None = None,
              gazetteer: Gazetteer | None = None) -> Situation:
    """Control, roads, sieges and alerts on ``day`` (default: the day of the newest claim or
    event in the store) from the stored claims and events (issue #6)."""
    claims = store.claims()
    events = store.events()
    if day is None:
        days = [claim.date for claim in claims] + [event.event_date for event in events]
        day = max(days, default=dt.date.today())
    return situation_at(day, claims, events, gazetteer or default_gazetteer())
