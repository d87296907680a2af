"""Writing fused events: a document's telling joins the event it tells or starts one; the event
is recomputed from its members, with the analysts' edits, merges and splits laid over it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection

from frontwatch.errors import StoreError
from frontwatch.records import Event
from frontwatch.store.regroup import add_link, kept_id, regrouped, split_id
from frontwatch.store.reviews import edited, move_reviews
from frontwatch.store.reviews import event_row as _event_row
from frontwatch.store.schema import documents, event_members, event_sources, events

__all__ = ["Fusion", "merge_events", "put_event", "recompute", "replace_event", "split_event"]


class Fusion(Protocol):
    """How events told by several documents become one (``frontwatch.fuse.across``): the store
    looks at its events within ``window_days`` and ``radius_km`` of a new one."""

    @property
    def window_days(self) -> int: ...

    @property
    def radius_km(self) -> float: ...

    def same(self, stored: Event, new: Event) -> bool: ...

    def merge(self, members: Sequence[Event]) -> Event: ...


def _candidates(connection: Connection, item: Event, fusion: Fusion) -> list[Event]:
    """Stored events near ``item`` in time and space, by id (the first match wins)."""
    slack = dt.timedelta(days=fusion.window_days + 1)
    query = select(events.c.record).where(
        events.c.event_date <= (item.event_date_end or item.event_date) + slack,
        func.coalesce(events.c.event_date_end, events.c.event_date) >= item.event_date - slack)
    if item.latitude is not None and item.longitude is not None:
        rise = fusion.radius_km / 111.0
        run = fusion.radius_km / (111.0 * max(0.1, math.cos(math.radians(item.latitude))))
        query = query.where(events.c.latitude.between(item.latitude - rise, item.latitude + rise),
                            events.c.longitude.between(item.longitude - run, item.longitude + run))
    else:
        query = query.where(events.c.latitude.is_(None))
    found = [Event.from_dict(record) for (record,) in connection.execute(query)]
    return sorted(found, key=lambda stored: stored.event_id)


def put_event(connection: Connection, item: Event, document_row: int, run_id: int | None,
               fusion: Fusion | None) -> str | None:
    """Store ``item`` as a member of the event it tells: a new event, or one stored before
    (then the event is recomputed from all its members, and re-keyed if its id changes)."""
    member_id = f"{item.event_id}:{document_row}"
    if connection.execute(select(event_members.c.member_id).where(
            event_members.c.member_id == member_id)).first() is not None:
        return None
    cluster = next((stored.event_id for stored in _candidates(connection, item, fusion)
                    if fusion.same(stored, item)), None) if fusion else None
    item, cluster = regrouped(connection, item, document_row, cluster)
    if cluster is None and _exists(connection, item.event_id):
        cluster = item.event_id
    connection.execute(insert(event_members).values(
        member_id=member_id, event_id=cluster or item.event_id, document_id=document_row,
        record=item.to_dict()))
    if cluster is None:
        connection.execute(insert(events).values(**_row(*edited(connection, item), run_id)))
        merged = item
    else:
        merged = recompute(connection, cluster, fusion, run_id) or item
    evidence = next((e for e in item.evidence if e.doc_id in item.doc_ids), None) or \
        (item.evidence[0] if item.evidence else None)
    if connection.execute(select(event_sources.c.event_id).where(
            event_sources.c.event_id == merged.event_id,
            event_sources.c.document_id == document_row)).first() is None:
        connection.execute(insert(event_sources).values(
            event_id=merged.event_id, document_id=document_row,
            sentence=evidence.sentence if evidence else "",
            start=evidence.start if evidence else 0, end=evidence.end if evidence else 0))
    return merged.event_id


def _exists(connection: Connection, event_id: str) -> bool:
    return connection.execute(select(events.c.event_id).where(
        events.c.event_id == event_id)).first() is not None


def recompute(connection: Connection, cluster: str, fusion: Fusion | None, run_id: int | None
              ) -> Event | None:
    """The event ``cluster`` recomputed from its members and written; an event no member
    tells any more is deleted (None)."""
    members = [Event.from_dict(record) for (record,) in connection.execute(
        select(event_members.c.record).where(event_members.c.event_id == cluster))]
    if not members:
        connection.execute(delete(event_sources).where(event_sources.c.event_id == cluster))
        connection.execute(delete(events).where(events.c.event_id == cluster))
        return None
    merged = fusion.merge(members) if fusion else members[0]
    merged = dataclasses.replace(merged, event_id=kept_id(connection, cluster, merged.event_id))
    replace_event(connection, cluster, merged, run_id)
    return merged


def _row(item: Event, review: str | None, run_id: int | None) -> dict[str, Any]:
    return _event_row(item, run_id, review)


def replace_event(connection: Connection, old_id: str, merged: Event, run_id: int | None
                   ) -> None:
    """Write the recomputed event (with the analysts' edits over it); a new id moves members,
    sources, edits and reviews to it."""
    if merged.event_id == old_id:
        values = _row(*edited(connection, merged), run_id)
        del values["event_id"], values["stored_at"]
        connection.execute(update(events).where(events.c.event_id == old_id).values(**values))
        return
    move_reviews(connection, old_id, merged.event_id)
    connection.execute(insert(events).values(**_row(*edited(connection, merged), run_id)))
    for table in (event_members, event_sources):
        connection.execute(update(table).where(table.c.event_id == old_id).values(
            event_id=merged.event_id))
    connection.execute(delete(events).where(events.c.event_id == old_id))




def merge_events(connection: Connection, source: str, target: str, fusion: Fusion | None,
                 run_id: int | None = None) -> Event:
    """An analyst's merge: the event ``source`` becomes part of ``target`` (its members and
    sources move), and stays merged when its reports are processed again."""
    for event_id in (source, target):
        if not _exists(connection, event_id):
            raise StoreError("no such event", source=event_id)
    if source == target:
        raise StoreError("an event cannot be merged into itself", source=source)
    told = select(event_sources.c.document_id).where(event_sources.c.event_id == target)
    connection.execute(delete(event_sources).where(event_sources.c.event_id == source,
                                                   event_sources.c.document_id.in_(told)))
    for table in (event_members, event_sources):
        connection.execute(update(table).where(table.c.event_id == source).values(
            event_id=target))
    connection.execute(delete(events).where(events.c.event_id == source))
    add_link(connection, source, "merged", target)
    merged = recompute(connection, target, fusion, run_id)
    assert merged is not None  # the target's members are all there
    return merged


def split_event(connection: Connection, event_id: str, doc_id: str, fusion: Fusion | None,
                run_id: int | None = None) -> Event:
    """An analyst's split: the tellings of document ``doc_id`` leave ``event_id`` for an event
    of their own (a new id), and keep apart from it when processed again."""
    rows = [row for row in connection.execute(
        select(event_members.c.member_id, event_members.c.record, event_members.c.document_id
               ).join(documents, documents.c.id == event_members.c.document_id).where(
            event_members.c.event_id == event_id, documents.c.doc_id == doc_id))]
    others = connection.execute(select(func.count()).select_from(event_members).where(
        event_members.c.event_id == event_id)).scalar() or 0
    if not rows:
        raise StoreError(f"document {doc_id!r} does not tell this event", source=event_id)
    if others == len(rows):
        raise StoreError(f"document {doc_id!r} is the event's only teller: nothing to split",
                         source=event_id)
    new_id = split_id(event_id, doc_id)
    first = Event.from_dict({**rows[0].record, "event_id": new_id})
    connection.execute(insert(events).values(**_row(first, None, run_id)))
    for row in rows:
        connection.execute(update(event_members).where(
            event_members.c.member_id == row.member_id).values(
            event_id=new_id, record={**row.record, "event_id": new_id}))
        connection.execute(update(event_sources).where(
            event_sources.c.event_id == event_id,
            event_sources.c.document_id == row.document_id).values(event_id=new_id))
    add_link(connection, event_id, "split", doc_id)
    recompute(connection, event_id, fusion, run_id)
    split = recompute(connection, new_id, fusion, run_id)
    assert split is not None
    return split
