"""``/documents``: one stored document (confidential ones for analysts only), and analysts'
submissions, processed like ``frontwatch ingest``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from frontwatch.api.context import Analyst, Context, Viewer
from frontwatch.api.errors import ERROR_RESPONSES, ApiError
from frontwatch.errors import InputError
from frontwatch.ingest import document_from_record
from frontwatch.jobs import ingest_documents
from frontwatch.store.accounts import document_versions
from frontwatch.store.event_query import EventFilter

__all__ = ["router"]

router = APIRouter(tags=["documents"], responses=ERROR_RESPONSES)

#: The longest submission accepted, in characters (a report, not an archive: use ingest).
MAX_SUBMISSION = 2_000_000


@router.get("/documents/{doc_id}", summary="A stored document: its newest text and versions")
def get_document(doc_id: str, user: Viewer, context: Context) -> dict[str, Any]:
    """The newest version's text and metadata, every version's metadata, and the ids of the
    events it tells. A confidential document does not exist for a viewer (404, not 403: a viewer
    must not learn that a field note is there)."""
    versions = document_versions(context.store.engine, doc_id)
    if not versions or (not user.may("analyst") and any(v["confidential"] for v in versions)):
        raise ApiError(404, f"no document {doc_id!r}")
    newest = versions[0]
    return {"document": newest,
            "versions": [{key: value for key, value in version.items() if key != "text"}
                         for version in versions],
            "events": [event.event_id for event in context.store.select_events(
                EventFilter(doc_id=doc_id, rejected=user.may("analyst")))]}


class Submission(BaseModel):
    """A report or field note, with the fields of an ``ingest`` JSONL line."""

    text: str | None = Field(default=None, max_length=MAX_SUBMISSION)
    html: str | None = Field(default=None, max_length=MAX_SUBMISSION)
    id: str | None = Field(default=None, max_length=200)
    published: dt.date | None = None
    publisher: str | None = Field(default=None, max_length=300)
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    confidential: bool = False
    author: str | None = Field(default=None, max_length=300)


@router.post("/documents", status_code=201, summary="Submit a report or field note (analysts)")
def submit(body: Submission, user: Analyst, context: Context) -> dict[str, Any]:
    """Analyse and store the document as ``frontwatch ingest`` would (the same document twice
    is stored once). A document that cannot be read or analysed is a 422 naming the reason,
    and is recorded among the store's failures."""
    if not (body.text or body.html):
        raise ApiError(422, 'a submission needs "text" or "html"')
    source = f"api:{user.name}"
    record = body.model_dump(exclude_none=True, mode="json")
    try:
        items: list[Any] = [document_from_record(record, source)]
    except InputError as exc:
        items = [exc]
    report = ingest_documents(items, context.store, gazetteer=context.gazetteer,
                              command_line=f"POST /documents by {user.name}")
    if report.failures:
        failure = report.failures[0]
        raise ApiError(422, f"{failure.source}: {failure.message}", code=failure.code)
    document = items[0]
    event_ids = [event.event_id for event in context.store.select_events(
        EventFilter(doc_id=document.id, rejected=True))]
    return {"doc_id": document.id, "run_id": report.run_id, "counts": vars(report.counts),
            "events": event_ids}
