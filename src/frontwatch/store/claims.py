"""Control claims in the store (migration 0006): written with their document, read back for
deriving control, sieges and alerts on a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection, Engine

from frontwatch.records import ControlClaim
from frontwatch.store.schema import control_claims, documents

__all__ = ["put_claims", "read_claims", "replace_claims"]


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
