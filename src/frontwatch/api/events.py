"""``/events``: filtered pages of fused events (JSON, GeoJSON, CSV), one event with its
sources and review history, and analysts' review actions."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import io
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from frontwatch.api.context import Analyst, Context, Viewer
from frontwatch.api.errors import ERROR_RESPONSES, ApiError
from frontwatch.export import event_record, write_events
from frontwatch.protect import redact_event, redact_record
from frontwatch.records import Event
from frontwatch.review import REGROUPINGS, regroup_event, review_event
from frontwatch.store.event_query import EventFilter, parse_bbox

__all__ = ["router"]

router = APIRouter(tags=["events"], responses=ERROR_RESPONSES)

#: The largest page a request may ask for.
MAX_PAGE = 1000


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    try:
        return None if value is None else parse_bbox(value)
    except ValueError as exc:
        raise ApiError(422, f"bbox {exc}") from None


def _cursor(event: Event) -> str:
    return base64.urlsafe_b64encode(f"{event.event_date.isoformat()}|{event.event_id}".encode()
                                    ).decode().rstrip("=")


def _after(cursor: str | None) -> tuple[dt.date, str] | None:
    if cursor is None:
        return None
    try:
        day, event_id = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode(
            ).split("|", 1)
        return dt.date.fromisoformat(day), event_id
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ApiError(422, "cursor is not one this API gave (use next_cursor as it came)"
                       ) from None


def _filter(
        context: Context,
        bbox: Annotated[str | None, Query(description="W,S,E,N in degrees")] = None,
        since: dt.date | None = None, until: dt.date | None = None,
        sub_event_type: Annotated[str | None, Query(alias="type",
                                                    description="An ACLED sub-event type")] = None,
        actor: Annotated[str | None, Query(description="Part of an actor's name")] = None,
        country: str | None = None, admin1: str | None = None,
        q: Annotated[str | None, Query(description="Words in a document telling the event")] = None,
) -> EventFilter:
    """The filters /events and /events/grid share."""
    return EventFilter(since=since, until=until, bbox=_bbox(bbox), sub_event_type=sub_event_type,
                       actor=actor, country=country, admin1=admin1, words=q,
                       longest_span_days=context.longest_span_days() if since else None)


Filters = Annotated[EventFilter, Depends(_filter)]


@router.get("/events", summary="Events, filtered and paged",
            responses={200: {"content": {"application/geo+json": {}, "text/csv": {}}}})
def list_events(
        user: Viewer, context: Context, filters: Filters,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
        output_format: Annotated[Literal["json", "geojson", "csv"], Query(alias="format")] = "json",
        rejected: Annotated[bool, Query(description="Include rejected events (analysts)")] = False,
) -> Any:
    """Events by date then id. A page holds at most ``limit`` events; ``next_cursor`` (in the
    body, or the ``X-Next-Cursor`` header for CSV) asks for the next one."""
    if rejected and not user.may("analyst"):
        raise ApiError(403, "rejected events are for analysts")
    wanted = dataclasses.replace(filters, after=_after(cursor), limit=limit + 1, rejected=rejected)
    found = list(context.store.select_events(wanted))
    following = _cursor(found[limit - 1]) if len(found) > limit else None
    protected = context.protected(user)
    page = [redact_event(event, protected) for event in found[:limit]]
    if output_format == "csv":
        stream = io.StringIO()
        write_events(page, stream, "csv")
        return Response(stream.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"X-Next-Cursor": following} if following else None)
    if output_format == "geojson":
        stream = io.StringIO()
        write_events(page, stream, "geojson")
        collection = json.loads(stream.getvalue())
        collection["next_cursor"] = following
        return Response(json.dumps(collection, ensure_ascii=False),
                        media_type="application/geo+json")
    # a JSONResponse of plain records: FastAPI's encoder would walk every value again
    return JSONResponse({"events": [event_record(event) for event in page], "count": len(page),
                         "next_cursor": following})


@router.get("/events/span", summary="The first and last day of the events, and their count")
def event_span(user: Viewer, context: Context) -> dict[str, Any]:
    first, last, count = context.store.event_span()
    return {"first": first, "last": last, "count": count}


@router.get("/events/grid", summary="Events counted in grid cells (a map zoomed out)")
def event_grid(user: Viewer, context: Context, filters: Filters,
               cell: Annotated[float, Query(gt=0.01, le=45, description="Cell size, degrees")] = 1.0
               ) -> dict[str, Any]:
    """One row per cell holding events: how many, their fatalities, their mean position. A map
    of hundreds of thousands of events draws these instead of every marker."""
    return {"cell": cell, "cells": context.store.event_grid(filters, cell)}


def _stored(context: Context, event_id: str, user: Any) -> tuple[Event, str | None]:
    found = context.store.event(event_id)
    if found is None or (found[1] == "rejected" and not user.may("analyst")):
        raise ApiError(404, f"no event {event_id!r}")
    return found


@router.get("/events/{event_id}", summary="One event with its sources and review history")
def get_event(event_id: str, user: Viewer, context: Context) -> dict[str, Any]:
    event, status = _stored(context, event_id, user)
    protected = context.protected(user)
    history = context.store.reviews(event_id)
    if protected:  # a viewer sees that an event was reviewed, not the records before and after
        history = [{"action": item["action"], "at": item["at"]} for item in history]
    return {"event": event_record(redact_event(event, protected)),
            "sources": redact_record(context.store.event_sources(event_id), protected),
            "review": {"status": status or "unreviewed", "history": history}}


class Review(BaseModel):
    """A review action: ``confirm``, ``edit`` (with ``fields``), ``reject``, ``reopen``,
    ``merge`` (into the event ``into``) or ``split`` (the document ``doc_id`` off the event)."""

    action: Literal["confirm", "edit", "reject", "reopen", "merge", "split"]
    fields: dict[str, Any] = Field(default_factory=dict,
                                   description="For edit: field → new value (JSON)")
    into: str | None = Field(default=None, max_length=64, description="For merge: the event")
    doc_id: str | None = Field(default=None, max_length=200,
                               description="For split: the document whose telling leaves")
    note: str | None = Field(default=None, max_length=2000)


@router.post("/events/{event_id}/review", summary="Review an event (analysts)")
def review(event_id: str, body: Review, user: Analyst, context: Context) -> dict[str, Any]:
    """Confirm, edit, reject, reopen, merge or split an event; recorded in its audit trail
    (who, when, before, after). Edits, merges and splits stand: re-processing and new reports
    keep them. The answer holds the event as it now is (for a merge, the event merged into;
    for a split, the new event)."""
    _stored(context, event_id, user)
    if body.action in REGROUPINGS:
        if body.fields:
            raise ApiError(422, f"the {body.action} action takes no fields")
        entry = regroup_event(context.store, event_id, body.action, user.name, into=body.into,
                              doc_id=body.doc_id, note=body.note)
        event, status = _stored(context, entry["after"]["event_id"], user)
    else:
        if body.into or body.doc_id:
            raise ApiError(422, f"the {body.action} action takes neither into nor doc_id")
        entry = review_event(context.store, event_id, body.action, user.name, body.fields,
                             body.note)
        event, status = _stored(context, event_id, user)
    return {"event": event_record(event), "review": {"status": status, "entry": entry}}
