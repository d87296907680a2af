"""Analysts' merges and splits of fused events, as standing links (table ``event_links``): an
event merged into another stays in it, and a document split off an event stays apart from it,
however often their reports are processed again."""

from __future__ import annotations

import dataclasses
import hashlib

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from frontwatch.records import Event
from frontwatch.store.schema import documents, event_links, events

__all__ = ["add_link", "kept_id", "regrouped", "split_id"]


def split_id(event_id: str, doc_id: str) -> str:
    """The id of the event a document's tellings form when split off ``event_id``."""
    return f"{event_id}-s{hashlib.sha1(doc_id.encode('utf-8')).hexdigest()[:8]}"


def add_link(connection: Connection, event_id: str, kind: str, other: str) -> None:
    """Record that ``event_id`` was merged into ``other``, or had document ``other`` split off."""
    if connection.execute(select(event_links.c.event_id).where(
            event_links.c.event_id == event_id, event_links.c.kind == kind,
            event_links.c.other == other)).first() is None:
        connection.execute(insert(event_links).values(event_id=event_id, kind=kind, other=other))


def _merged_into(connection: Connection, event_id: str) -> str | None:
    target = connection.execute(select(event_links.c.other).where(
        event_links.c.event_id == event_id, event_links.c.kind == "merged")).scalar()
    if target is None or connection.execute(select(events.c.event_id).where(
            events.c.event_id == target)).first() is None:
        return None
    return str(target)


def _split_off(connection: Connection, event_id: str, doc_id: str) -> bool:
    return connection.execute(select(event_links.c.event_id).where(
        event_links.c.event_id == event_id, event_links.c.kind == "split",
        event_links.c.other == doc_id)).first() is not None


def regrouped(connection: Connection, item: Event, document_row: int, cluster: str | None
              ) -> tuple[Event, str | None]:
    """Where a document's telling goes once the analysts' links are followed: into the event
    an event was merged into; out of an event its document was split off (then under the
    split event's id)."""
    doc_id = connection.execute(select(documents.c.doc_id).where(
        documents.c.id == document_row)).scalar()
    target = cluster or item.event_id
    seen: set[str] = set()
    while target not in seen:
        seen.add(target)
        if doc_id is not None and _split_off(connection, target, doc_id):
            target = split_id(target, doc_id)
            item, cluster = dataclasses.replace(item, event_id=target), None
            continue
        merged = _merged_into(connection, target)
        if merged is None:
            break
        target = cluster = merged
    return item, cluster


def kept_id(connection: Connection, cluster: str, proposed: str) -> str:
    """The id a recomputed event keeps: fusion's choice, unless that id was merged away."""
    if proposed != cluster and connection.execute(select(event_links.c.event_id).where(
            event_links.c.event_id == proposed, event_links.c.kind == "merged")).first():
        return cluster
    return proposed
