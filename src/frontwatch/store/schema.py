"""The store's tables (SQLAlchemy Core), one definition for SQLite and PostgreSQL.

- ``runs``: one row per ingest run, with the code and stage versions that extracted it;
- ``documents``: every document once (``content_hash`` of its cleaned text is unique), raw
  bytes kept where the input had them; a changed document under a known id is a new ``version``;
- ``events``: the contract's event record as JSON, plus the columns the filters use;
- ``event_sources``: which stored document and sentence each event rests on;
- ``event_members``: each document's own telling of an event, from which a fused event is
  recomputed when another document tells it too;
- ``failures``: every input that could not be read or analysed, with its reason;
- ``document_bands``: the MinHash band keys of each document's signature (``documents.minhash``)
  that find its syndicated copies (``documents.near_duplicate_of``).

The migrations under ``migrations/versions`` create these tables; this module is what the code
queries. A change here needs a new migration.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

__all__ = ["alerts", "api_tokens", "control_claims", "document_bands", "documents", "event_edits",
           "event_links", "event_members", "event_reviews", "event_sources", "events", "failures",
           "mentions", "metadata", "runs", "users"]

metadata = MetaData()

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("code_version", String(32), nullable=False),
    Column("command", String(200)),
    Column("documents_seen", Integer, nullable=False, default=0),
    Column("documents_stored", Integer, nullable=False, default=0),
    Column("duplicates", Integer, nullable=False, default=0),
    Column("events_stored", Integer, nullable=False, default=0),
    Column("failures", Integer, nullable=False, default=0),
    Column("near_duplicates", Integer, nullable=False, default=0, server_default="0"),
)

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(128), nullable=False),
    Column("version", Integer, nullable=False, default=1),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source", Text),
    Column("url", Text),
    Column("publisher", Text),
    Column("title", Text),
    Column("published", Date),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("raw", LargeBinary),
    Column("stage", String(64)),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("stored_at", DateTime(timezone=True), nullable=False),
    Column("minhash", LargeBinary),
    Column("near_duplicate_of", Integer),
    # migration 0009: field notes and their authors, for analysts only
    Column("confidential", Boolean, nullable=False, default=False, server_default=false()),
    Column("author", Text),
    UniqueConstraint("doc_id", "version", name="uq_documents_doc_version"),
)

#: Locality-sensitive keys of the documents' signatures: a shared key makes a candidate copy.
document_bands = Table(
    "document_bands", metadata,
    Column("band", Integer, primary_key=True),
    Column("key", String(16), primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), primary_key=True),
)

events = Table(
    "events", metadata,
    Column("event_id", String(64), primary_key=True),
    Column("event_date", Date, nullable=False),
    Column("event_date_end", Date),
    Column("sub_event_type", String(64), nullable=False),
    Column("event_type", String(64), nullable=False),
    Column("actor1", Text),
    Column("actor2", Text),
    Column("country", String(128)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("fatalities", Integer, nullable=False, default=0),
    Column("record", JSON, nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("stored_at", DateTime(timezone=True), nullable=False),
    # migration 0009: the province filter, and an analyst's verdict (confirmed, edited, rejected)
    Column("admin1", Text),
    Column("review", String(16)),
    Index("ix_events_date", "event_date"),
    Index("ix_events_type", "sub_event_type"),
    Index("ix_events_country", "country"),
    Index("ix_events_admin1", "admin1"),
    Index("ix_events_date_point", "event_date", "latitude", "longitude"),
    Index("ix_events_point", "latitude", "longitude"),
)

event_sources = Table(
    "event_sources", metadata,
    Column("event_id", String(64), ForeignKey("events.event_id"), primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), primary_key=True),
    Column("sentence", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

#: Each document's own telling of a fused event (the event is recomputed from its members).
event_members = Table(
    "event_members", metadata,
    Column("member_id", String(64), primary_key=True),
    Column("event_id", String(64), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("record", JSON, nullable=False),
    Index("ix_event_members_event", "event_id"),
)

#: What each document says of control, sieges, roads and danger (issue #6, migration 0006).
control_claims = Table(
    "control_claims", metadata,
    Column("claim_id", String(64), primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("claim_date", Date, nullable=False),
    Column("record", JSON, nullable=False),
    Index("ix_control_claims_date", "claim_date"),
    Index("ix_control_claims_document", "document_id"),
)

#: Each document's event mentions (migration 0008).
mentions = Table(
    "mentions", metadata,
    Column("mention_id", String(64), primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), primary_key=True),
    Column("sub_event_type", String(64), nullable=False),
    Column("record", JSON, nullable=False),
    Index("ix_mentions_document", "document_id"),
)

#: Alerts as raised, with their state and a digest of what they said (migration 0007).
alerts = Table(
    "alerts", metadata,
    Column("alert_id", String(64), primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("state", String(16), nullable=False),
    Column("digest", String(64), nullable=False),
    Column("record", JSON, nullable=False),
    Column("raised_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

#: Who may use the API, with which role (migration 0009).
users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

#: API tokens, kept as SHA-256 digests only (migration 0009): a stolen database gives no token.
api_tokens = Table(
    "api_tokens", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("digest", String(64), nullable=False, unique=True),
    Column("prefix", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

#: An analyst's standing changes to an event (migration 0009), applied each time the store
#: writes the event: edits survive re-processing and the arrival of new reports.
event_edits = Table(
    "event_edits", metadata,
    Column("event_id", String(64), primary_key=True),
    Column("fields", JSON, nullable=False),
    Column("status", String(16), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

#: The audit trail of review actions: who did what to which event, when, before and after.
event_reviews = Table(
    "event_reviews", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), nullable=False),
    Column("action", String(16), nullable=False),
    Column("user_name", String(100), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("before", JSON),
    Column("after", JSON),
    Column("note", Text),
    Index("ix_event_reviews_event", "event_id"),
)

#: Analysts' merges ("merged": ``other`` is the event merged into) and splits ("split":
#: ``other`` is the document split off) of fused events (migration 0009).
event_links = Table(
    "event_links", metadata,
    Column("event_id", String(64), primary_key=True),
    Column("kind", String(16), primary_key=True),
    Column("other", String(200), primary_key=True),
)

failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("source", Text, nullable=False),
    Column("line", Integer),
    Column("doc_id", String(128)),
    Column("code", String(16), nullable=False),
    Column("message", Text, nullable=False),
    Column("failed_at", DateTime(timezone=True), nullable=False),
)
