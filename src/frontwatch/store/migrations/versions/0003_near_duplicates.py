"""Near-duplicate documents: each document's MinHash signature, its band keys, the copy's link.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("minhash", sa.LargeBinary))
        batch.add_column(sa.Column("near_duplicate_of", sa.Integer))
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("near_duplicates", sa.Integer, nullable=False,
                                   server_default="0"))
    op.create_table(
        "document_bands",
        sa.Column("band", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(16), primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("document_bands")
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("near_duplicates")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("near_duplicate_of")
        batch.drop_column("minhash")
