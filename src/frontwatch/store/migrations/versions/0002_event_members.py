"""Each document's own telling of an event, for fusion across reports.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_members",
        sa.Column("member_id", sa.String(64), primary_key=True),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_index("ix_event_members_event", "event_members", ["event_id"])


def downgrade() -> None:
    op.drop_table("event_members")
