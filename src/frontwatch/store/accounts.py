"""API users, roles and tokens, and the documents' confidentiality (migration 0009).

A token is shown once, when it is made; the store keeps its SHA-256 digest (tokens are 256
random bits, so a fast digest is enough: there is nothing to guess) and its first characters,
to tell tokens apart in listings.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from frontwatch.errors import StoreError
from frontwatch.store.schema import api_tokens, documents, users

__all__ = ["ROLES", "User", "add_user", "confidential_doc_ids", "confidential_names", "create_token",
           "document_versions", "list_users", "revoke_tokens", "user_for_token"]

#: Roles, least to most: a viewer reads public data; an analyst also reads confidential
#: documents, submits documents and reviews events; an admin also manages alerts and users.
ROLES = ("viewer", "analyst", "admin")
TOKEN_PREFIX = "fw_"


@dataclass(frozen=True, slots=True)
class User:
    """Who a token belongs to and what they may do."""

    name: str
    role: str

    def may(self, role: str) -> bool:
        """Whether this user's role is ``role`` or above it."""
        return ROLES.index(self.role) >= ROLES.index(role)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_user(engine: Engine, name: str, role: str) -> User:
    """A new user; an unknown role or a name taken is a StoreError."""
    if role not in ROLES:
        raise StoreError(f"{role!r} is not a role ({', '.join(ROLES)})", source=name)
    if not name.strip():
        raise StoreError("a user needs a name", source=repr(name))
    try:
        with engine.begin() as connection:
            connection.execute(insert(users).values(name=name, role=role,
                                                    created_at=dt.datetime.now(dt.UTC)))
    except IntegrityError as exc:
        raise StoreError("a user of that name exists", source=name) from exc
    return User(name, role)


def list_users(engine: Engine) -> list[dict[str, Any]]:
    """Users with their role and how many live tokens they hold."""
    live = select(api_tokens.c.user_id, func.count().label("tokens")).where(
        api_tokens.c.revoked_at.is_(None)).group_by(api_tokens.c.user_id).subquery()
    query = select(users.c.name, users.c.role, users.c.created_at,
                   func.coalesce(live.c.tokens, 0).label("tokens")
                   ).outerjoin(live, live.c.user_id == users.c.id).order_by(users.c.name)
    with engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


def create_token(engine: Engine, name: str) -> str:
    """A new token for the user ``name``, returned once (only its digest is kept)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with engine.begin() as connection:
        user_id = connection.execute(select(users.c.id).where(users.c.name == name)).scalar()
        if user_id is None:
            raise StoreError("no such user", source=name)
        connection.execute(insert(api_tokens).values(
            user_id=user_id, digest=_digest(token), prefix=token[:10],
            created_at=dt.datetime.now(dt.UTC)))
    return token


def revoke_tokens(engine: Engine, name: str) -> int:
    """Revoke every live token of the user ``name``; how many were revoked."""
    with engine.begin() as connection:
        user_id = connection.execute(select(users.c.id).where(users.c.name == name)).scalar()
        if user_id is None:
            raise StoreError("no such user", source=name)
        done = connection.execute(update(api_tokens).where(
            api_tokens.c.user_id == user_id, api_tokens.c.revoked_at.is_(None)).values(
            revoked_at=dt.datetime.now(dt.UTC)))
        return int(done.rowcount or 0)


def user_for_token(engine: Engine, token: str) -> User | None:
    """The user a live token belongs to; None for an unknown or revoked token."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    query = select(users.c.name, users.c.role).join(
        api_tokens, api_tokens.c.user_id == users.c.id).where(
        api_tokens.c.digest == _digest(token), api_tokens.c.revoked_at.is_(None))
    with engine.connect() as connection:
        row = connection.execute(query).first()
    return User(row.name, row.role) if row else None


def confidential_doc_ids(engine: Engine) -> frozenset[str]:
    """Ids of the documents any version of which is confidential."""
    with engine.connect() as connection:
        return frozenset(connection.execute(select(documents.c.doc_id).where(
            documents.c.confidential.is_(True)).distinct()).scalars())


def confidential_names(engine: Engine) -> frozenset[str]:
    """Who is behind the confidential documents: their authors, and the publishers that only
    confidential documents have."""
    with engine.connect() as connection:
        rows = connection.execute(select(documents.c.publisher, documents.c.author,
                                         documents.c.confidential).distinct()).all()
    public = {row.publisher for row in rows if not row.confidential}
    return frozenset({row.author for row in rows if row.confidential and row.author} |
                     {row.publisher for row in rows if row.confidential and row.publisher and
                      row.publisher not in public})


def document_versions(engine: Engine, doc_id: str) -> list[dict[str, Any]]:
    """Every stored version of a document, newest first, without its raw bytes."""
    columns = [column for column in documents.c
               if column.name not in ("raw", "minhash", "content_hash")]
    query = select(*columns).where(documents.c.doc_id == doc_id).order_by(
        documents.c.version.desc())
    with engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]
