"""Persistence: documents, events, failures and runs (see :mod:`frontwatch.store.store`)."""

from frontwatch.store.store import DEFAULT_URL, RunCounts, Store, StoredDocument, content_hash

__all__ = ["DEFAULT_URL", "RunCounts", "Store", "StoredDocument", "content_hash"]
