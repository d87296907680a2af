"""API users and their tokens (kept as digests); confidential documents and their authors;
events' province (a filter) and review status; analysts' edits, merges and splits, and the
audit trail of reviews.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (no batch copy of the table on SQLite, which would drop the full-text
    # triggers of migration 0005)
    op.add_column("documents", sa.Column("confidential", sa.Boolean, nullable=False,
                                         server_default=sa.false()))
    op.add_column("documents", sa.Column("author", sa.Text))
    op.add_column("events", sa.Column("admin1", sa.Text))
    op.add_column("events", sa.Column("review", sa.String(16)))
    op.create_index("ix_events_admin1", "events", ["admin1"])
    # a box and a time range in one index scan (bench/api.py: p95 of /events)
    op.create_index("ix_events_date_point", "events", ["event_date", "latitude", "longitude"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("UPDATE events SET admin1 = (record::jsonb) ->> 'admin1'")
    else:
        op.execute("UPDATE events SET admin1 = json_extract(record, '$.admin1')")
    op.create_table(
        "event_edits",
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("fields", sa.JSON, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "event_reviews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("user_name", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("before", sa.JSON),
        sa.Column("after", sa.JSON),
        sa.Column("note", sa.Text),
    )
    op.create_index("ix_event_reviews_event", "event_reviews", ["event_id"])
    op.create_table(
        "event_links",
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("other", sa.String(200), primary_key=True),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False, unique=True),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
    )


def downgrade() -> None:
    op.drop_table("event_links")
    op.drop_table("event_reviews")
    op.drop_table("event_edits")
    op.drop_index("ix_events_date_point", "events")
    op.drop_index("ix_events_admin1", "events")
    op.drop_column("events", "review")
    op.drop_column("events", "admin1")
    op.drop_table("api_tokens")
    op.drop_table("users")
    op.drop_column("documents", "author")
    op.drop_column("documents", "confidential")
