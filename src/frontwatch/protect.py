"""Source protection (issue #7): what a viewer may see of records told by confidential documents.

A confidential document (a correspondent's field note) is read by analysts and admins only. Its
text and who wrote or published it never reach a viewer: events, sieges, alerts and control
facts it supports still show (they are the product), but without its sentences, its id, its
publisher or the phrases quoted from it. Everything a viewer gets passes through here; the API,
exports and the Atom feed only choose when.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from frontwatch.records import Alert, Event, Evidence

__all__ = ["CONFIDENTIAL_SOURCE", "Protected", "redact_alert", "redact_event", "redact_record"]

#: What a viewer reads where the only source is confidential.
CONFIDENTIAL_SOURCE = "Confidential source"
#: Keys whose values name a teller (a publisher or an author): hidden when they name a
#: confidential one.
_TELLER_KEYS = frozenset({"source", "publisher", "publishers", "author"})


@dataclass(frozen=True, slots=True)
class Protected:
    """What to hide: the confidential documents' ids, and the names that tell who is behind
    them: their authors, and the publishers only confidential documents have (a wire that also
    published openly is not a secret)."""

    doc_ids: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.doc_ids)


def redact_event(event: Event, protected: Protected) -> Event:
    """``event`` as a viewer sees it: without the confidential documents' evidence, ids,
    publishers, quoted phrases and the disagreements between sources that would name them."""
    if not protected or not (set(event.doc_ids) & protected.doc_ids or any(
            item.doc_id in protected.doc_ids for item in event.evidence)):
        return event
    evidence = tuple(item for item in event.evidence if item.doc_id not in protected.doc_ids)
    publishers = _public_publishers(event, protected)
    provenance = event.provenance
    if provenance is not None:
        provenance = dataclasses.replace(
            provenance, doc_ids=tuple(doc for doc in provenance.doc_ids
                                      if doc not in protected.doc_ids),
            publishers=publishers, attributed_sources=(), conflicts=())
    return dataclasses.replace(
        event, evidence=evidence, provenance=provenance,
        doc_ids=tuple(doc for doc in event.doc_ids if doc not in protected.doc_ids),
        source="; ".join(publishers) or CONFIDENTIAL_SOURCE,
        notes=_public_note(event, evidence),
        fatalities_text=event.fatalities_text if _quoted_in(event.fatalities_text, evidence)
        else None)


def redact_alert(alert: Alert, protected: Protected) -> Alert:
    """``alert`` as a viewer (or the Atom feed) sees it: quotes and caveats of confidential
    documents left out."""
    if not protected:
        return alert
    return dataclasses.replace(
        alert, quotes=tuple(item for item in alert.quotes if item.doc_id not in protected.doc_ids),
        caveats=tuple(item for item in alert.caveats if item.doc_id not in protected.doc_ids))


def _public_publishers(event: Event, protected: Protected) -> tuple[str, ...]:
    named = event.provenance.publishers if event.provenance else ()
    return tuple(name for name in named if name not in protected.names)


def _public_note(event: Event, evidence: Iterable[Evidence]) -> str:
    """The note a public source supports (the event's date and its first public sentence), or
    none: the stored note may quote the confidential one."""
    first = next(iter(evidence), None)
    if first is None:
        return ""
    return f"On {event.event_date.day} {event.event_date:%B %Y}: {first.sentence.strip()}"


def _quoted_in(phrase: str | None, evidence: Iterable[Evidence]) -> bool:
    return bool(phrase) and any(phrase in item.sentence for item in evidence)  # type: ignore[operator]


def redact_record(value: Any, protected: Protected) -> Any:
    """A JSON-like record (a siege, an alert, a control fact, a source list) as a viewer sees
    it: evidence and quotes of confidential documents dropped (None where a single one stood),
    their ids dropped from lists, their publishers and authors named only as a confidential
    source."""
    if not protected:
        return value
    if isinstance(value, dict):
        if _confidential(value, protected):
            return None
        return {key: _teller(item, protected) if key in _TELLER_KEYS
                else redact_record(item, protected) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [redact_record(item, protected) for item in value
                if not _confidential(item, protected)]
    return value


def _confidential(value: Any, protected: Protected) -> bool:
    """A confidential document's id, or its evidence (a dict naming it)."""
    if isinstance(value, str):
        return value in protected.doc_ids
    return isinstance(value, dict) and value.get("doc_id") in protected.doc_ids


def _teller(value: Any, protected: Protected) -> Any:
    if isinstance(value, str):
        names = [name for name in value.split("; ") if name not in protected.names]
        return "; ".join(names) or (CONFIDENTIAL_SOURCE if value else value)
    if isinstance(value, list | tuple):
        return [name for name in value if name not in protected.names]
    return value
