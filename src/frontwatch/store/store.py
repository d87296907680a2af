"""The store: documents, events, failures and runs in SQLite (default) or PostgreSQL.

``Store(url)`` opens (and migrates to the newest schema) the database at a SQLAlchemy URL:
``sqlite:///./frontwatch.db`` by default (WAL journal, so readers never block the writer), or
``postgresql+psycopg://...``. A document and its events are written in one transaction: a run
killed half-way leaves whole documents or none, and the same input ingested again is skipped
by its content hash. With a ``fusion`` (``frontwatch.fuse.across.CrossReportFusion``), an event
another document told before joins that event: the store keeps each document's telling as a
member and recomputes the event from its members.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    Engine,
    and_,
    create_engine,
    delete,
    event,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection

from frontwatch.errors import StoreError
from frontwatch.records import ControlClaim, Document, Event, Failure, Mention
from frontwatch.store.alert_rows import raised_alerts, save_alert, set_alert_state
from frontwatch.store.claims import (
    document_mentions,
    put_claims,
    put_mentions,
    read_claims,
    replace_claims,
)
from frontwatch.store.event_query import EventFilter, event_query, grid_query, longest_span_query
from frontwatch.store.reviews import record_review, reviews_of, save_review
from frontwatch.store.schema import (
    document_bands,
    documents,
    event_members,
    event_sources,
    events,
    failures,
    runs,
)
from frontwatch.store.search import matching_document_rows
from frontwatch.store.writes import Fusion, merge_events, put_event, recompute, split_event

__all__ = ["DEFAULT_URL", "Fusion", "RunCounts", "Store", "StoredDocument", "content_hash"]

DEFAULT_URL = "sqlite:///./frontwatch.db"
#: The advisory lock key writers take on PostgreSQL ("fw" in ASCII).
WRITER_LOCK = 0x6677
MIGRATION_LOCK = 0x6678
MIGRATIONS = Path(__file__).with_name("migrations")


def content_hash(document: Document) -> str:
    """What makes two documents the same: their cleaned text."""
    return hashlib.sha256(document.text.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclasses.dataclass
class RunCounts:
    """What one run did."""

    documents_seen: int = 0
    documents_stored: int = 0
    duplicates: int = 0
    events_stored: int = 0
    failures: int = 0
    near_duplicates: int = 0


@dataclasses.dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document row: its row id, the document's id and which version of it this is."""

    id: int
    doc_id: str
    version: int


class Store:
    """A frontwatch database (see the module text)."""

    def __init__(self, url: str = DEFAULT_URL, fusion: Fusion | None = None) -> None:
        self.url = url
        self.fusion = fusion
        try:
            self.engine: Engine = create_engine(url)
        except Exception as exc:  # an unknown dialect or a malformed URL
            raise StoreError(f"cannot open the store {url!r}: {exc}", source=url) from exc
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.migrate()
        #: PostgreSQL with PostGIS: events carry a geography point (migration 0004).
        self.spatial = self.engine.dialect.name == "postgresql" and self._has_points()

    def migrate(self) -> None:
        """Bring the schema to the newest migration (a new database gets every table)."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        try:
            with self.engine.begin() as connection:
                if self.engine.dialect.name == "postgresql":
                    # two processes opening a new database at once migrate it in turn
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                       {"key": MIGRATION_LOCK})
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except Exception as exc:
            raise StoreError(f"cannot prepare the store {self.url!r}: {exc}",
                             source=self.url) from exc

    def _has_points(self) -> bool:
        with self.engine.connect() as connection:
            return connection.execute(text(
                "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND table_name = 'events' AND column_name = 'geog'")).first() is not None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # Runs ---------------------------------------------------------------------------------

    def start_run(self, code_version: str, command_line: str | None = None) -> int:
        with self.engine.begin() as connection:
            result = connection.execute(insert(runs).values(
                started_at=_now(), code_version=code_version, command=command_line,
                documents_seen=0, documents_stored=0, duplicates=0, events_stored=0,
                failures=0))
            return int(result.inserted_primary_key[0])  # type: ignore[index]

    def finish_run(self, run_id: int, counts: RunCounts) -> None:
        with self.engine.begin() as connection:
            connection.execute(update(runs).where(runs.c.id == run_id).values(
                finished_at=_now(), **dataclasses.asdict(counts)))

    def runs(self) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(
                select(runs).order_by(runs.c.id))]

    # Documents and their events -----------------------------------------------------------

    def document_row(self, document: Document) -> int | None:
        """The row of the stored document with this text, if any."""
        with self.engine.connect() as connection:
            row = connection.execute(select(documents.c.id).where(
                documents.c.content_hash == content_hash(document))).first()
        return int(row[0]) if row else None

    def has_document(self, document: Document) -> bool:
        with self.engine.connect() as connection:
            return connection.execute(select(documents.c.id).where(
                documents.c.content_hash == content_hash(document))).first() is not None

    def add_analysed(self, document: Document, found: Sequence[Event], run_id: int | None = None,
                     raw: bytes | None = None, minhash: bytes | None = None,
                     bands: Sequence[tuple[int, str]] = (),
                     near_duplicate_of: int | None = None,
                     claims: Sequence[ControlClaim] = (),
                     mentions: Sequence[Mention] = ()) -> StoredDocument | None:
        """Store ``document`` and the events found in it, in one transaction; None when the
        same document (same cleaned text) is stored already. ``minhash`` and its ``bands`` let
        later copies find it; a copy (``near_duplicate_of`` a stored document's row) is kept and
        linked, and its events are not stored again: a syndicated copy is no second source."""
        digest = content_hash(document)
        raw = raw if raw is not None else document.raw
        with self.engine.begin() as connection:
            self._serialise(connection)
            if connection.execute(select(documents.c.id).where(
                    documents.c.content_hash == digest)).first() is not None:
                return None
            version = 1 + (connection.execute(select(func.max(documents.c.version)).where(
                documents.c.doc_id == document.id)).scalar() or 0)
            row_id = connection.execute(insert(documents).values(
                doc_id=document.id, version=version, content_hash=digest,
                source=document.source_path, url=document.url, publisher=document.publisher,
                title=document.title, published=document.published, language=document.language,
                text=document.text, raw=raw, stage=document.stage, run_id=run_id,
                stored_at=_now(), minhash=minhash, near_duplicate_of=near_duplicate_of,
                confidential=document.confidential, author=document.author,
            )).inserted_primary_key[0]  # type: ignore[index]
            if bands:
                connection.execute(insert(document_bands), [
                    {"band": band, "key": key, "document_id": int(row_id)}
                    for band, key in bands])
            touched = [put_event(connection, item, int(row_id), run_id, self.fusion)
                       for item in (() if near_duplicate_of is not None else found)]
            if near_duplicate_of is None:
                put_claims(connection, int(row_id), claims)
                put_mentions(connection, int(row_id), mentions)
            self._set_points(connection, touched)
            return StoredDocument(int(row_id), document.id, version)

    def near_duplicate(self, bands: Sequence[tuple[int, str]], minhash: bytes,
                       similarity: Callable[[bytes, bytes], float], threshold: float
                       ) -> int | None:
        """The row of the first stored original whose signature shares a band with ``minhash``
        and is at least ``threshold`` similar to it (None: no copy of anything stored)."""
        if not bands:
            return None
        matches = or_(*(and_(document_bands.c.band == band, document_bands.c.key == key)
                        for band, key in bands))
        query = select(documents.c.id, documents.c.minhash).where(
            documents.c.id.in_(select(document_bands.c.document_id).where(matches)),
            documents.c.near_duplicate_of.is_(None)).order_by(documents.c.id)
        with self.engine.connect() as connection:
            for row_id, stored in connection.execute(query):
                if stored is not None and similarity(minhash, stored) >= threshold:
                    return int(row_id)
        return None

    def stored_documents(self) -> Iterator[tuple[int, Document]]:
        """(row, document) of every stored original (copies are left out), oldest first."""
        query = select(documents).where(documents.c.near_duplicate_of.is_(None)
                                        ).order_by(documents.c.id)
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        for row in rows:
            yield int(row.id), Document(
                id=row.doc_id, text=row.text, published=row.published, publisher=row.publisher,
                title=row.title, url=row.url, source_path=row.source,
                language=row.language or "en", stage=row.stage or "", raw=row.raw,
                confidential=bool(row.confidential), author=row.author)

    def replace_analysis(self, document_row: int, found: Sequence[Event],
                         run_id: int | None = None,
                         claims: Sequence[ControlClaim] = (),
                         mentions: Sequence[Mention] = ()) -> None:
        """Replace what a stored document told with ``found`` (a new analysis of it), in one
        transaction: its old tellings leave their events (an event no document tells any more
        goes), the new ones join or start events as at ingest. The same analysis gives the same
        event ids."""
        with self.engine.begin() as connection:
            self._serialise(connection)
            clusters = {cluster for (cluster,) in connection.execute(
                select(event_members.c.event_id).where(
                    event_members.c.document_id == document_row))}
            connection.execute(delete(event_members).where(
                event_members.c.document_id == document_row))
            connection.execute(delete(event_sources).where(
                event_sources.c.document_id == document_row))
            for cluster in sorted(clusters):
                recompute(connection, cluster, self.fusion, run_id)
            touched = [put_event(connection, item, document_row, run_id, self.fusion)
                       for item in found]
            replace_claims(connection, document_row, claims)
            put_mentions(connection, document_row, mentions, replace=True)
            self._set_points(connection, [*touched, *clusters])

    def _serialise(self, connection: Connection) -> None:
        """One writer at a time on PostgreSQL (a transaction-scoped advisory lock): two ingest
        processes analyse in parallel but store in turn, so neither stores a document the other
        just stored, nor starts an event the other's report of it just started. (SQLite lets
        one writer in at a time by itself.)"""
        if self.engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK})

    def _set_points(self, connection: Connection, event_ids: Sequence[str | None]) -> None:
        """The geography points of events just written (PostgreSQL with PostGIS)."""
        wanted = sorted({event_id for event_id in event_ids if event_id})
        if self.spatial and wanted:
            connection.execute(text(
                "UPDATE events SET geog = ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)"
                "::geography WHERE event_id = ANY(:ids) AND latitude IS NOT NULL AND "
                "longitude IS NOT NULL"), {"ids": wanted})

    def add_failure(self, failure: Failure, run_id: int | None = None) -> None:
        with self.engine.begin() as connection:
            connection.execute(insert(failures).values(
                run_id=run_id, source=failure.source, line=failure.line, doc_id=failure.doc_id,
                code=failure.code, message=failure.message, failed_at=_now()))

    def document_count(self) -> int:
        with self.engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(documents)).scalar()
                       or 0)

    def failures(self) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(
                select(failures).order_by(failures.c.id))]

    # Queries ------------------------------------------------------------------------------

    def events(self, since: dt.date | None = None, until: dt.date | None = None,
               bbox: tuple[float, float, float, float] | None = None,
               sub_event_type: str | None = None, actor: str | None = None,
               country: str | None = None, words: str | None = None) -> list[Event]:
        """Stored events, by date then id, filtered: ``since``/``until`` (inclusive, on the
        event's days), ``bbox`` (west, south, east, north), sub-event type, actor (either side,
        case-insensitive substring), country (its name, case-insensitive) and ``words`` (events
        told by a document holding all of them, full-text search)."""
        return list(self.iter_events(since, until, bbox, sub_event_type, actor, country, words))

    def search_documents(self, words: str, limit: int = 20) -> list[dict[str, Any]]:
        """Stored documents holding every one of ``words`` (full-text search), newest first:
        ``doc_id``, ``version``, ``title``, ``publisher``, ``published``."""
        rows = matching_document_rows(self.engine.dialect.name, words)
        query = select(documents.c.doc_id, documents.c.version, documents.c.title,
                       documents.c.publisher, documents.c.published
                       ).where(documents.c.id.in_(rows)).order_by(documents.c.id.desc()
                                                                   ).limit(limit)
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]

    def iter_events(self, since: dt.date | None = None, until: dt.date | None = None,
                    bbox: tuple[float, float, float, float] | None = None,
                    sub_event_type: str | None = None, actor: str | None = None,
                    country: str | None = None, words: str | None = None) -> Iterator[Event]:
        yield from self.select_events(EventFilter(
            since=since, until=until, bbox=bbox, sub_event_type=sub_event_type, actor=actor,
            country=country, words=words))

    def select_events(self, wanted: EventFilter) -> Iterator[Event]:
        """The events ``wanted`` selects (module ``event_query``), by date then id."""
        query = event_query(wanted, self.engine.dialect.name)
        with self.engine.connect() as connection:
            for record, *_ in connection.execute(query):
                yield Event.from_dict(record)

    def event_grid(self, wanted: EventFilter, cell: float) -> list[dict[str, Any]]:
        """The events ``wanted`` selects, counted in cells of ``cell`` degrees."""
        query = grid_query(wanted, self.engine.dialect.name, cell)
        with self.engine.connect() as connection:
            return [{"count": row.count, "fatalities": int(row.fatalities or 0),
                     "latitude": float(row.latitude), "longitude": float(row.longitude)}
                    for row in connection.execute(query)]

    def longest_span_days(self) -> int:
        """The most days any stored event spans (for ``EventFilter.longest_span_days``)."""
        with self.engine.connect() as connection:
            return math.ceil(float(connection.execute(
                longest_span_query(self.engine.dialect.name)).scalar() or 0))

    def event_span(self) -> tuple[dt.date | None, dt.date | None, int]:
        """The first and last day of the stored events (rejected ones aside), and their count."""
        query = select(func.min(events.c.event_date), func.max(events.c.event_date),
                       func.count()).where(or_(events.c.review.is_(None),
                                               events.c.review != "rejected"))
        with self.engine.connect() as connection:
            first, last, count = connection.execute(query).one()
        return first, last, int(count)

    def event(self, event_id: str) -> tuple[Event, str | None] | None:
        """A stored event (rejected ones too) and its review status; None if there is none."""
        with self.engine.connect() as connection:
            row = connection.execute(select(events.c.record, events.c.review).where(
                events.c.event_id == event_id)).first()
        return (Event.from_dict(row.record), row.review) if row else None

    def save_review(self, event_id: str, action: str, user_name: str, status: str,
                    fields: dict[str, Any], note: str | None = None) -> dict[str, Any]:
        """Record an analyst's review of an event (module ``reviews``): its audit entry."""
        return save_review(self.engine, event_id, action, user_name, status, fields, note)

    def regroup(self, action: str, event_id: str, other: str, user_name: str,
                note: str | None = None) -> dict[str, Any]:
        """An analyst's ``merge`` of ``event_id`` into the event ``other``, or ``split`` of the
        document ``other`` off ``event_id``, in one transaction with its audit entry. Both
        stand over re-processing. Returns the audit entry; the event it leaves is ``after``."""
        with self.engine.begin() as connection:
            self._serialise(connection)
            before = connection.execute(select(events.c.record).where(
                events.c.event_id == event_id)).scalar()
            if before is None:
                raise StoreError("no such event", source=event_id)
            if action == "merge":
                after = merge_events(connection, event_id, other, self.fusion)
            else:
                after = split_event(connection, event_id, other, self.fusion)
            self._set_points(connection, [event_id, other, after.event_id])
            return record_review(connection, event_id, action, user_name, before,
                                 after.to_dict(), note or f"{action} {other}")

    def reviews(self, event_id: str) -> list[dict[str, Any]]:
        """An event's review history, oldest first."""
        return reviews_of(self.engine, event_id)

    def raised_alerts(self) -> dict[str, dict[str, Any]]:
        """Alerts raised so far, by id (their last version, state and digest)."""
        return raised_alerts(self.engine)

    def save_alert(self, record: dict[str, Any], digest: str, state: str) -> None:
        save_alert(self.engine, record, digest, state)

    def set_alert_state(self, alert_id: str, state: str) -> None:
        """Acknowledge, close or reopen an alert (``open``, ``acknowledged``, ``closed``)."""
        set_alert_state(self.engine, alert_id, state)

    def mentions(self, doc_id: str) -> list[dict[str, Any]]:
        """The event mentions stored for a document (every version), as records."""
        return document_mentions(self.engine, doc_id)

    def claims(self, until: dt.date | None = None) -> list[ControlClaim]:
        """The stored documents' control claims told up to ``until`` (issue #6)."""
        return read_claims(self.engine, until)

    def event_sources(self, event_id: str) -> list[dict[str, Any]]:
        """The stored documents an event rests on, with their sentences."""
        query = select(documents.c.doc_id, documents.c.version, documents.c.publisher,
                       event_sources.c.sentence, event_sources.c.start, event_sources.c.end
                       ).join(documents, documents.c.id == event_sources.c.document_id
                              ).where(event_sources.c.event_id == event_id)
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    """WAL (readers never block the writer), foreign keys on, a wait instead of "locked"."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
