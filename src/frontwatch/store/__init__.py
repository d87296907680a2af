"""Persistence: documents, events, failures and runs (see :mod:`frontwatch.store.store`)."""

from frontwatch.store.store import (
    DEFAULT_URL,
    Fusion,
    RunCounts,
    Store,
    StoredDocument,
    content_hash,
)

__all__ = ["DEFAULT_URL", "Fusion", "RunCounts", "Store", "StoredDocument", "content_hash"]
