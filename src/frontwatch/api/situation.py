"""``/places``, ``/control``, ``/sieges``, ``/alerts`` (+ Atom): the gazetteer, and what the
store's evidence says on a day (issue #6), each fact with its evidence."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel

from frontwatch.alerting import atom_feed, digest
from frontwatch.api.context import Analyst, ApiContext, Context, Viewer
from frontwatch.api.errors import ERROR_RESPONSES, ApiError
from frontwatch.protect import Protected, redact_alert, redact_record
from frontwatch.records import Alert
from frontwatch.resolve.gazetteer import Place

__all__ = ["router"]

router = APIRouter(tags=["situation"], responses=ERROR_RESPONSES)

AT = Query(description="The day (YYYY-MM-DD); default: the newest evidence's day")


@router.get("/places", summary="Search the gazetteer (autocomplete)")
def places(user: Viewer, context: Context, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Annotated[int, Query(ge=1, le=50)] = 10) -> dict[str, Any]:
    """Places called ``q`` exactly, then places whose name starts with it (most populous
    first), then other spellings of it."""
    gazetteer = context.gazetteer
    called = gazetteer.lookup(q)
    ranked = [*(called.places if called.match == "exact" else ()),
              *gazetteer.complete(q, limit), *called.places]
    found: dict[str, Place] = {}
    for place in ranked:
        found.setdefault(place.id, place)
    return {"places": [dataclasses.asdict(place) for place in list(found.values())[:limit]]}


def _records(items: Any, protected: Protected, day: dt.date) -> list[dict[str, Any]]:
    return [redact_record({"at": day.isoformat(), **item.to_dict()}, protected) for item in items]


@router.get("/control", summary="Who holds each place, and the roads, on a day")
def control(user: Viewer, context: Context, at: Annotated[dt.date | None, AT] = None
            ) -> dict[str, Any]:
    found = context.situation(at)
    protected = context.protected(user)
    return {"at": found.day.isoformat(), "control": _records(found.control, protected, found.day),
            "roads": _records(found.roads, protected, found.day)}


@router.get("/sieges", summary="Sieges under way on a day")
def sieges(user: Viewer, context: Context, at: Annotated[dt.date | None, AT] = None
           ) -> dict[str, Any]:
    found = context.situation(at)
    return {"at": found.day.isoformat(),
            "sieges": _records(found.sieges, context.protected(user), found.day)}


def _alerts(context: ApiContext, at: dt.date | None, protected: Protected) -> list[Alert]:
    """The alerts of the day with the states analysts gave them (reading raises nothing and
    sends nothing: ``frontwatch alerts`` does)."""
    raised = context.store.raised_alerts()
    return [redact_alert(dataclasses.replace(
        alert, state=raised[alert.alert_id]["state"] if alert.alert_id in raised else alert.state),
        protected) for alert in context.situation(at).alerts]


@router.get("/alerts", summary="Civilian-protection alerts")
def alerts(user: Viewer, context: Context, at: Annotated[dt.date | None, AT] = None,
           state: Literal["open", "acknowledged", "closed"] | None = None) -> dict[str, Any]:
    found = [alert.to_dict() for alert in _alerts(context, at, context.protected(user))
             if state is None or alert.state == state]
    return {"alerts": found}


@router.get("/alerts.atom", summary="The alerts as an Atom feed", response_class=Response,
            responses={200: {"content": {"application/atom+xml": {}}}})
def alerts_atom(user: Viewer, context: Context, at: Annotated[dt.date | None, AT] = None
                ) -> Response:
    """Open and acknowledged alerts, always as a viewer sees them, whoever asks: a feed is
    passed on and read elsewhere, so no confidential quote is ever in it."""
    found = [alert for alert in _alerts(context, at, context.public()) if alert.state != "closed"]
    return Response(atom_feed(found), media_type="application/atom+xml")


class AlertState(BaseModel):
    state: Literal["open", "acknowledged", "closed"]


@router.post("/alerts/{alert_id}/state", summary="Acknowledge, close or reopen an alert "
                                                   "(analysts)")
def set_alert_state(alert_id: str, body: AlertState, user: Analyst, context: Context
                    ) -> dict[str, Any]:
    """An alert of the current situation not yet recorded by `frontwatch alerts` is recorded
    now, with the state given."""
    if alert_id not in context.store.raised_alerts():
        current = next((alert for alert in context.situation(None).alerts
                        if alert.alert_id == alert_id), None)
        if current is None:
            raise ApiError(404, f"no alert {alert_id!r}")
        context.store.save_alert(current.to_dict(), digest(current), body.state)
    context.store.set_alert_state(alert_id, body.state)
    return {"alert_id": alert_id, "state": body.state, "by": user.name}
