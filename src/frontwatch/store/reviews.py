"""Analysts' reviews of events (issue #7): the standing edits and the audit trail.

An edit is kept apart from the computed event (table ``event_edits``) and laid over it each
time the store writes the event, so a correction survives re-processing, the arrival of another
report of the event, and a change of the event's id when reports are fused. Every action is
one row of ``event_reviews``: who, when, what, the record before and after.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from frontwatch.errors import StoreError
from frontwatch.records import Event
from frontwatch.store.schema import documents, event_edits, event_reviews, events, runs

__all__ = ["edited", "event_row", "move_reviews", "record_review", "reviews_of", "save_review",
           "store_version"]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def event_row(item: Event, run_id: int | None, review: str | None = None) -> dict[str, Any]:
    """The ``events`` row of an event (its record and the columns filters use)."""
    return {"event_id": item.event_id, "event_date": item.event_date,
            "event_date_end": item.event_date_end, "sub_event_type": item.sub_event_type,
            "event_type": item.event_type, "actor1": item.actor1, "actor2": item.actor2,
            "country": item.country, "admin1": item.admin1, "latitude": item.latitude,
            "longitude": item.longitude, "fatalities": item.fatalities,
            "record": item.to_dict(), "run_id": run_id, "stored_at": _now(), "review": review}


def edited(connection: Connection, item: Event) -> tuple[Event, str | None]:
    """``item`` with the analysts' standing edits laid over it, and its review status."""
    row = connection.execute(select(event_edits.c.fields, event_edits.c.status).where(
        event_edits.c.event_id == item.event_id)).first()
    if row is None:
        return item, None
    if not row.fields:
        return item, row.status
    return Event.from_dict({**item.to_dict(), **row.fields}), row.status


def move_reviews(connection: Connection, old_id: str, new_id: str) -> None:
    """An event fused under a new id keeps its edits and its history."""
    if connection.execute(select(event_edits.c.event_id).where(
            event_edits.c.event_id == new_id)).first() is None:
        connection.execute(update(event_edits).where(event_edits.c.event_id == old_id).values(
            event_id=new_id))
    connection.execute(update(event_reviews).where(event_reviews.c.event_id == old_id).values(
        event_id=new_id))


def save_review(engine: Engine, event_id: str, action: str, user_name: str, status: str,
                fields: dict[str, Any], note: str | None = None) -> dict[str, Any]:
    """Record one review action on a stored event in one transaction: the standing edits gain
    ``fields`` (JSON values), the event row is rewritten with them and the status, and the audit
    trail gains a row. Returns that row; an unknown event is a StoreError."""
    with engine.begin() as connection:
        stored = connection.execute(select(events.c.record, events.c.run_id).where(
            events.c.event_id == event_id)).first()
        if stored is None:
            raise StoreError("no such event", source=event_id)
        before = Event.from_dict(stored.record)
        standing = connection.execute(select(event_edits.c.fields).where(
            event_edits.c.event_id == event_id)).scalar() or {}
        connection.execute(delete(event_edits).where(event_edits.c.event_id == event_id))
        connection.execute(insert(event_edits).values(
            event_id=event_id, fields={**standing, **fields}, status=status, updated_at=_now()))
        after = Event.from_dict({**before.to_dict(), **fields})
        values = event_row(after, stored.run_id, status)
        del values["event_id"], values["stored_at"]
        connection.execute(update(events).where(events.c.event_id == event_id).values(**values))
        return record_review(connection, event_id, action, user_name, before.to_dict(),
                             after.to_dict(), note)


def record_review(connection: Connection, event_id: str, action: str, user_name: str,
                  before: dict[str, Any] | None, after: dict[str, Any] | None,
                  note: str | None) -> dict[str, Any]:
    """One row of the audit trail; returned as written."""
    entry = {"event_id": event_id, "action": action, "user_name": user_name, "at": _now(),
             "before": before, "after": after, "note": note}
    connection.execute(insert(event_reviews).values(**entry))
    return entry


def reviews_of(engine: Engine, event_id: str) -> list[dict[str, Any]]:
    """An event's review history, oldest first."""
    query = select(event_reviews.c.action, event_reviews.c.user_name, event_reviews.c.at,
                   event_reviews.c.before, event_reviews.c.after, event_reviews.c.note).where(
        event_reviews.c.event_id == event_id).order_by(event_reviews.c.id)
    with engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


def store_version(engine: Engine) -> tuple[int, ...]:
    """A stamp that changes whenever the store's events may have: a run (ingest, reprocess),
    a document stored, a review. What was derived under one stamp holds until it changes."""
    query = select(*(select(func.max(column)).scalar_subquery()
                     for column in (runs.c.id, documents.c.id, event_reviews.c.id)))
    with engine.connect() as connection:
        return tuple(value or 0 for value in connection.execute(query).one())
