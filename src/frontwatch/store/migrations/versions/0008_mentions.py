"""Each document's event mentions (the clause-level records events are built from), kept for
analysts and re-fusion.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mentions",
        sa.Column("mention_id", sa.String(64), primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("sub_event_type", sa.String(64), nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_index("ix_mentions_document", "mentions", ["document_id"])


def downgrade() -> None:
    op.drop_table("mentions")
