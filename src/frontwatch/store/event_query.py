"""The stored events a filter selects, as one SQL query (for ``Store.iter_events`` and the API's
pages): dates, a bounding box, sub-event type, actor, country, full
text, and a keyset cursor (the last ``(event_date, event_id)`` seen) so that a page costs the
same however deep it lies."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, Select, and_, cast, func, or_, select, tuple_

from frontwatch.store.schema import documents, event_sources, events
from frontwatch.store.search import matching_document_rows

__all__ = ["EventFilter", "event_query", "grid_query", "longest_span_query", "parse_bbox"]


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """``W,S,E,N`` in degrees as a box; a ValueError says what is wrong with it."""
    try:
        west, south, east, north = (float(part) for part in text.split(","))
    except ValueError:
        raise ValueError(f"{text!r} is not W,S,E,N (four numbers)") from None
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise ValueError(f"{text!r} is out of range (W,S,E,N in degrees; west ≤ east, "
                         "south ≤ north)")
    return west, south, east, north


@dataclass(frozen=True)
class EventFilter:
    """What to select: ``since``/``until`` inclusive on the event's days; ``bbox`` (west,
    south, east, north); ``actor`` either side, a case-insensitive substring; ``country`` by
    name, ``admin1`` by province name; ``words`` all in a document that tells the event;
    ``after`` the keyset cursor."""

    since: dt.date | None = None
    until: dt.date | None = None
    bbox: tuple[float, float, float, float] | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    country: str | None = None
    admin1: str | None = None
    words: str | None = None
    #: Events told by the document of this id (any version).
    doc_id: str | None = None
    after: tuple[dt.date, str] | None = None
    limit: int | None = None
    #: Events an analyst rejected are left out unless asked for.
    rejected: bool = False
    #: The longest span of a stored event in days (``Store.longest_span_days``), when known:
    #: it bounds ``since`` on the indexed start day, so the query reads the days asked for
    #: rather than every day before ``until``.
    longest_span_days: int | None = None


def event_query(wanted: EventFilter, dialect: str) -> Select:  # type: ignore[type-arg]
    """The query for ``wanted``'s event records, by date then id."""
    query = _filtered(select(events.c.record, events.c.event_date, events.c.event_id).order_by(
        events.c.event_date, events.c.event_id), wanted, dialect)
    if wanted.after is not None:
        day, event_id = wanted.after
        query = query.where(or_(events.c.event_date > day,
                                and_(events.c.event_date == day, events.c.event_id > event_id))
                            if dialect == "sqlite" else
                            tuple_(events.c.event_date, events.c.event_id) > (day, event_id))
    if wanted.limit is not None:
        query = query.limit(wanted.limit)
    return query


def grid_query(wanted: EventFilter, dialect: str, cell: float) -> Select:  # type: ignore[type-arg]
    """The events ``wanted`` selects counted in cells of ``cell`` degrees (a map zoomed out
    gets one marker a cell, however many events lie under it): each cell's count, fatalities
    and mean position."""
    def index(column: Any, offset: int) -> Any:
        shifted = (column + offset) / cell  # never negative: truncation is the floor
        return func.floor(shifted) if dialect == "postgresql" else cast(shifted, Integer)
    row, col = index(events.c.latitude, 90), index(events.c.longitude, 180)
    query = select(func.count().label("count"), func.sum(events.c.fatalities).label("fatalities"),
                   func.avg(events.c.latitude).label("latitude"),
                   func.avg(events.c.longitude).label("longitude")).where(
        events.c.latitude.is_not(None), events.c.longitude.is_not(None)).group_by(row, col)
    return _filtered(query, wanted, dialect)


def _filtered(query: Select, wanted: EventFilter, dialect: str  # type: ignore[type-arg]
              ) -> Select:  # type: ignore[type-arg]
    if wanted.words:
        told = select(event_sources.c.event_id).where(event_sources.c.document_id.in_(
            matching_document_rows(dialect, wanted.words)))
        query = query.where(events.c.event_id.in_(told))
    if wanted.doc_id:
        query = query.where(events.c.event_id.in_(
            select(event_sources.c.event_id).join(
                documents, documents.c.id == event_sources.c.document_id).where(
                documents.c.doc_id == wanted.doc_id)))
    if wanted.since is not None:
        query = query.where(func.coalesce(events.c.event_date_end, events.c.event_date)
                            >= wanted.since)
        if wanted.longest_span_days is not None:
            query = query.where(events.c.event_date >= wanted.since - dt.timedelta(
                days=wanted.longest_span_days))
    if wanted.until is not None:
        query = query.where(events.c.event_date <= wanted.until)
    if wanted.bbox is not None:
        # a W,S,E,N box is a rectangle of latitudes and longitudes, on every backend (a
        # PostGIS envelope's edges would be great circles); the (day, latitude, longitude)
        # index answers a box and a time range together (bench/api.py)
        west, south, east, north = wanted.bbox
        query = query.where(events.c.latitude.between(south, north),
                            events.c.longitude.between(west, east))
    if wanted.sub_event_type:
        query = query.where(func.lower(events.c.sub_event_type) == wanted.sub_event_type.lower())
    if wanted.actor:
        pattern = f"%{wanted.actor.lower()}%"
        query = query.where(or_(func.lower(events.c.actor1).like(pattern),
                                func.lower(events.c.actor2).like(pattern)))
    if wanted.country:
        query = query.where(func.lower(events.c.country) == wanted.country.lower())
    if wanted.admin1:
        query = query.where(func.lower(events.c.admin1) == wanted.admin1.lower())
    if not wanted.rejected:
        query = query.where(or_(events.c.review.is_(None), events.c.review != "rejected"))
    return query


def longest_span_query(dialect: str) -> Select:  # type: ignore[type-arg]
    """The longest span of a stored event, in whole days (0 for single days)."""
    if dialect == "postgresql":
        days = func.max(events.c.event_date_end - events.c.event_date)
    else:
        days = func.max(func.julianday(events.c.event_date_end) -
                        func.julianday(events.c.event_date))
    return select(func.coalesce(days, 0))
