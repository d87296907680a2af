"""Control claims (issue #6): what each stored document says of control, sieges, roads and
danger, kept so that control, sieges and alerts can be derived for any day.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "control_claims",
        sa.Column("claim_id", sa.String(64), primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("claim_date", sa.Date, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_index("ix_control_claims_date", "control_claims", ["claim_date"])
    op.create_index("ix_control_claims_document", "control_claims", ["document_id"])


def downgrade() -> None:
    op.drop_table("control_claims")
