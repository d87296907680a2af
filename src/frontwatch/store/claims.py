"""What a stored document said besides its events: control claims (migration 0006), written
with their document and read back for deriving control, sieges and alerts on a day; and event
mentions (migration 0008)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection, Engine

from frontwatch.records import ControlClaim, Mention, to_dict
from frontwatch.store.schema import control_claims, documents, mentions

__all__ = ["document_mentions", "put_claims", "put_mentions", "read_claims", "replace_claims"]


def put_claims(connection: Connection, document_row: int,
               claims: Sequence[ControlClaim]) -> None:
    unique = {claim.claim_id: claim for claim in claims}
    if unique:
        connection.execute(insert(control_claims), [
            {"claim_id": claim.claim_id, "document_id": document_row, "kind": claim.kind,
             "claim_date": claim.date, "record": claim.to_dict()} for claim in unique.values()])


def replace_claims(connection: Connection, document_row: int,
                   claims: Sequence[ControlClaim]) -> None:
    connection.execute(delete(control_claims).where(
        control_claims.c.document_id == document_row))
    put_claims(connection, document_row, claims)


def read_claims(engine: Engine, until: dt.date | None = None) -> list[ControlClaim]:
    """Claims of the stored originals (a near-duplicate copy has none), by date then id."""
    query = select(control_claims.c.record).join(
        documents, documents.c.id == control_claims.c.document_id).order_by(
        control_claims.c.claim_date, control_claims.c.claim_id)
    if until is not None:
        query = query.where(control_claims.c.claim_date <= until)
    with engine.connect() as connection:
        return [ControlClaim.from_dict(record) for (record,) in connection.execute(query)]


def put_mentions(connection: Connection, document_row: int, found: Sequence[Mention],
                 replace: bool = False) -> None:
    """A document's mentions (its old ones replaced, with ``replace``)."""
    if replace:
        connection.execute(delete(mentions).where(mentions.c.document_id == document_row))
    unique = {mention.id: mention for mention in found}
    if unique:
        connection.execute(insert(mentions), [
            {"mention_id": mention.id, "document_id": document_row,
             "sub_event_type": mention.sub_event_type, "record": to_dict(mention)}
            for mention in unique.values()])


def document_mentions(engine: Engine, doc_id: str) -> list[dict]:
    """The stored mentions of a document (every version), as records."""
    query = select(mentions.c.record).join(documents, documents.c.id == mentions.c.document_id
                                           ).where(documents.c.doc_id == doc_id
                                                   ).order_by(mentions.c.mention_id)
    with engine.connect() as connection:
        return [record for (record,) in connection.execute(query)]
