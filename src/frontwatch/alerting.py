"""Alerts raised once and updated as evidence grows; delivered to webhooks and as an Atom feed
(issue #6).

:func:`record_alerts` compares the alerts derived now with those the store raised before: a new
id is *raised* (state open); a known id whose content changed (more quotes, a higher severity, a
new population figure) is *updated*, keeping the state an analyst gave it, except that a closed
alert whose severity rises opens again; an unchanged alert is left alone. Only raised and
updated alerts are delivered, so a webhook hears of each change once.

:func:`deliver` POSTs ``{"event": "raised"|"updated", "alert": {...}}`` as JSON to each URL,
with a timeout, retrying connection errors and 5xx answers with exponential backoff; a URL that
still fails gives a :class:`~frontwatch.errors.DeliveryError` (ALR001), returned for the caller to
record; the other URLs and alerts go on.

:func:`atom_feed` writes alerts as an Atom 1.0 feed (RFC 4287): one entry per alert, its
reasons and quotes in the summary.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from typing import Any, Literal
from xml.etree import ElementTree

from frontwatch.errors import DeliveryError
from frontwatch.records import Alert, AlertState
from frontwatch.store import Store

__all__ = ["AlertChange", "atom_feed", "deliver", "digest", "record_alerts"]

SEVERITY_ORDER = ("low", "medium", "high", "critical")
#: Seconds a webhook may take to answer.
WEBHOOK_TIMEOUT = 10.0
#: Tries per URL and change, and the first wait between them (doubled each time).
WEBHOOK_ATTEMPTS = 4
WEBHOOK_BACKOFF = 1.0


@dataclasses.dataclass(frozen=True)
class AlertChange:
    alert: Alert
    change: Literal["raised", "updated"]


def digest(alert: Alert) -> str:
    """What the alert says, as a hash (its state aside)."""
    data = alert.to_dict()
    data.pop("state", None)
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def record_alerts(store: Store, alerts: Sequence[Alert]) -> tuple[list[Alert], list[AlertChange]]:
    """The alerts with the states the store keeps, and what changed (see the module text)."""
    raised = store.raised_alerts()
    current: list[Alert] = []
    changes: list[AlertChange] = []
    for alert in alerts:
        row = raised.get(alert.alert_id)
        said = digest(alert)
        if row is not None and row["digest"] == said:
            current.append(dataclasses.replace(alert, state=row["state"]))
            continue
        state: AlertState = "open"
        if row is not None:
            state = row["state"]
            before = row["record"].get("severity", "low")
            if state == "closed" and SEVERITY_ORDER.index(alert.severity) > \
                    SEVERITY_ORDER.index(before):
                state = "open"
        kept = dataclasses.replace(alert, state=state)
        changes.append(AlertChange(kept, "raised" if row is None else "updated"))
        store.save_alert(kept.to_dict(), said, state)
        current.append(kept)
    return current, changes


def _post(url: str, body: bytes, timeout: float) -> None:
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json",
                                              "User-Agent": "frontwatch"})
    with urllib.request.urlopen(request, timeout=timeout) as answer:
        answer.read()


def deliver(changes: Sequence[AlertChange], urls: Sequence[str], *,
            attempts: int = WEBHOOK_ATTEMPTS, backoff: float = WEBHOOK_BACKOFF,
            timeout: float = WEBHOOK_TIMEOUT,
            sleep: Callable[[float], None] = time.sleep) -> list[DeliveryError]:
    """POST each change to each URL (see the module text); the deliveries that failed."""
    failed: list[DeliveryError] = []
    for change in changes:
        body = json.dumps({"event": change.change, "alert": change.alert.to_dict()},
                          default=str).encode("utf-8")
        for url in urls:
            error = _deliver_one(url, body, attempts, backoff, timeout, sleep)
            if error is not None:
                failed.append(DeliveryError(f"alert {change.alert.alert_id} not delivered "
                                            f"after {attempts} tries ({error})", source=url))
    return failed


def _deliver_one(url: str, body: bytes, attempts: int, backoff: float, timeout: float,
                 sleep: Callable[[float], None]) -> str | None:
    reason = ""
    for attempt in range(attempts):
        if attempt:
            sleep(backoff * 2 ** (attempt - 1))
        try:
            _post(url, body, timeout)
            return None
        except urllib.error.HTTPError as exc:
            reason = f"HTTP {exc.code}"
            if exc.code < 500:
                return reason  # the receiver refuses it: trying again will not help
        except (urllib.error.URLError, OSError) as exc:
            reason = str(getattr(exc, "reason", exc))
    return reason


ATOM = "http://www.w3.org/2005/Atom"


def atom_feed(alerts: Sequence[Alert], *, title: str = "frontwatch alerts",
              feed_id: str = "urn:frontwatch:alerts", updated: dt.datetime | None = None) -> str:
    """The alerts as an Atom 1.0 feed (see the module text)."""
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", title)
    _text(feed, "id", feed_id)
    stamp = updated or dt.datetime.now(dt.UTC)
    _text(feed, "updated", stamp.replace(microsecond=0).isoformat())
    author = ElementTree.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "frontwatch")
    for alert in alerts:
        entry = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", f"urn:frontwatch:alert:{alert.alert_id}")
        _text(entry, "title", f"{alert.severity.upper()} {alert.kind.replace('_', ' ')}: "
                              f"{', '.join(alert.places)}")
        _text(entry, "updated", f"{alert.last_seen.isoformat()}T00:00:00Z")
        _text(entry, "published", f"{alert.first_seen.isoformat()}T00:00:00Z")
        for actor in alert.actors:
            category = ElementTree.SubElement(entry, f"{{{ATOM}}}category")
            category.set("term", actor)
        _text(entry, "summary", _summary(alert))
    return ElementTree.tostring(feed, encoding="unicode", xml_declaration=True)


def _summary(alert: Alert) -> str:
    lines: list[Any] = [f"State: {alert.state}. Certainty: {alert.certainty}."]
    if alert.population:
        lines.append(f"Population: {alert.population:,}.")
    lines += [f"Reason: {reason}." for reason in alert.reasons]
    lines += [f"“{quote.sentence}” ({quote.doc_id}, {quote.start}–{quote.end})"
              for quote in alert.quotes]
    lines += [f"Caveat: “{caveat.sentence}” ({caveat.doc_id})" for caveat in alert.caveats]
    return "\n".join(lines)


def _text(parent: ElementTree.Element, name: str, value: str) -> None:
    ElementTree.SubElement(parent, f"{{{ATOM}}}{name}").text = value
