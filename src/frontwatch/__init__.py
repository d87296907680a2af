"""frontwatch: conflict reports in, sourced ACLED-schema events out.

Library first::

    import frontwatch
    document = frontwatch.read_document("report.txt", published="2017-01-18")
    for event in frontwatch.extract(document):
        print(event.event_date, event.sub_event_type, event.location)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from frontwatch.errors import FrontwatchError, InputError
from frontwatch.export import events_frame, write_events
from frontwatch.ingest import make_document, read_documents
from frontwatch.pipeline import Analysis, analyse, classify, extract, run
from frontwatch.records import (
    ActorRef,
    DateRef,
    Document,
    Event,
    Evidence,
    Failure,
    Mention,
    PlaceRef,
    Provenance,
)
from frontwatch.store import Store

__all__ = [
    "ActorRef", "Analysis", "DateRef", "Document", "Event", "Evidence", "Failure",
    "FrontwatchError", "InputError", "Mention", "PlaceRef", "Provenance", "Store", "analyse",
    "classify", "events_frame", "extract", "make_document", "read_document", "read_documents",
    "run", "write_events",
]
__version__ = "0.1.0"


def read_document(path: str | Path, published: str | dt.date | None = None,
                  publisher: str | None = None) -> Document:
    """The single document in ``path`` (.txt or .html); raises its InputError if unreadable."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    for item in read_documents(path, published=published, publisher=publisher):
        if isinstance(item, InputError):
            raise item
        return item
    raise InputError("no document in file", source=str(path))
