"""Analysts' review of stored events (issue #7): confirm, edit fields, reject, reopen, merge
two events into one, split a document's telling off an event.

The rules of an edit live here, not in the API: which fields an analyst may change, what a
valid value is, and what follows from a change (a sub-event type sets its event type and
disorder type; a known actor its inter code). The store keeps the standing edits and the
audit trail (:mod:`frontwatch.store.reviews`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, get_args

from frontwatch.errors import InputError, StoreError
from frontwatch.extract.actors import dictionary
from frontwatch.extract.taxonomy import sub_event_types
from frontwatch.records import Certainty
from frontwatch.store import Store

__all__ = ["ACTIONS", "EDITABLE", "REGROUPINGS", "regroup_event", "review_event"]

#: Review actions and the status each leaves.
ACTIONS = {"confirm": "confirmed", "edit": "edited", "reject": "rejected", "reopen": "open"}
#: Actions that change which reports make up an event.
REGROUPINGS = ("merge", "split")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a non-empty string or null")
    return value.strip()


def _day(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be a YYYY-MM-DD date")
    return dt.date.fromisoformat(value).isoformat()


def _day_or_none(value: Any) -> str | None:
    return None if value is None else _day(value)


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("must be a whole number, 0 or more")
    return value


def _bounded(low: float, high: float) -> Callable[[Any], float]:
    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or \
                not low <= value <= high:
            raise ValueError(f"must be a number from {low} to {high}")
        return float(value)
    return check


def _one_of(*allowed: Any) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if value not in allowed:
            raise ValueError(f"must be one of {', '.join(map(str, allowed))}")
        return value
    return check


def _sub_event_type(value: Any) -> str:
    if value not in sub_event_types():
        raise ValueError("must be one of ACLED's 25 sub-event types")
    return str(value)


#: The fields an analyst may edit, each with its check (which returns the JSON value stored).
EDITABLE: dict[str, Callable[[Any], Any]] = {
    "sub_event_type": _sub_event_type,
    "event_date": _day, "event_date_end": _day_or_none, "time_precision": _one_of(1, 2, 3),
    "actor1": _text, "actor2": _text, "assoc_actor_1": _text, "assoc_actor_2": _text,
    "inter1": _one_of(*range(9)), "inter2": _one_of(None, *range(9)),
    "location": _text, "admin1": _text, "admin2": _text, "country": _text,
    "latitude": _bounded(-90, 90), "longitude": _bounded(-180, 180),
    "geo_precision": _one_of(1, 2, 3), "fatalities": _count,
    "certainty": _one_of(*get_args(Certainty)), "notes": _text,
}


def checked_fields(fields: dict[str, Any], source: str) -> dict[str, Any]:
    """``fields`` checked and completed with what follows from them; an InputError names the
    first field refused and why."""
    done: dict[str, Any] = {}
    for name, value in fields.items():
        check = EDITABLE.get(name)
        if check is None:
            raise InputError(f"{name!r} cannot be edited (editable: {', '.join(EDITABLE)})",
                             source=source)
        try:
            done[name] = check(value)
        except ValueError as exc:
            raise InputError(f"{name}: {exc}", source=source) from None
    if "sub_event_type" in done:
        kind = sub_event_types()[done["sub_event_type"]]
        done["event_type"], done["disorder_type"] = kind.event_type, kind.disorder_type
    for actor, inter in (("actor1", "inter1"), ("actor2", "inter2")):
        if done.get(actor) and inter not in done:
            known = dictionary().get(done[actor].lower())
            if known:
                done[inter] = known[0].inter
    if (done.get("latitude") is None and done.get("longitude") is not None) or \
            (done.get("longitude") is None and done.get("latitude") is not None):
        raise InputError("latitude and longitude are edited together", source=source)
    return done


def review_event(store: Store, event_id: str, action: str, user_name: str,
                 fields: dict[str, Any] | None = None, note: str | None = None
                 ) -> dict[str, Any]:
    """Apply one review action to a stored event and record it; returns the audit entry. An
    unknown action, or fields given to an action other than ``edit``, is an InputError; an
    unknown event a StoreError."""
    source = f"event {event_id}"
    if action not in ACTIONS:
        raise InputError(f"{action!r} is not a review action ({', '.join(ACTIONS)})",
                         source=source)
    if fields and action != "edit":
        raise InputError(f"the {action} action takes no fields", source=source)
    if action == "edit" and not fields:
        raise InputError("an edit needs at least one field", source=source)
    return store.save_review(event_id, action, user_name, ACTIONS[action],
                             checked_fields(fields or {}, source), note)


def regroup_event(store: Store, event_id: str, action: str, user_name: str, *,
                  into: str | None = None, doc_id: str | None = None,
                  note: str | None = None) -> dict[str, Any]:
    """Merge ``event_id`` into the event ``into``, or split the document ``doc_id`` off it;
    recorded in the audit trail, standing over re-processing. A missing or extra argument, an
    unknown event to merge into, or a document that does not tell the event is an InputError."""
    source = f"event {event_id}"
    other = into if action == "merge" and into and not doc_id else \
        doc_id if action == "split" and doc_id and not into else None
    if other is not None:
        try:
            return store.regroup(action, event_id, other, user_name, note)
        except StoreError as exc:  # the other event or the document is not what was meant
            raise InputError(exc.describe(), source=source) from exc
    raise InputError("merge takes the event to merge into (into); split takes the document to "
                     "split off (doc_id)", source=source)
