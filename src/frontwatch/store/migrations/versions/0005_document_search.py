"""Full-text search over the documents' cleaned text: an FTS5 index on SQLite (an external-content
table kept in step by triggers), a GIN index of the English text search vector on PostgreSQL.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("CREATE VIRTUAL TABLE documents_fts USING fts5(text, title, "
                   "content='documents', content_rowid='id', tokenize='unicode61 remove_diacritics 2')")
        op.execute("CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
                   "INSERT INTO documents_fts(rowid, text, title) "
                   "VALUES (new.id, new.text, coalesce(new.title, '')); END")
        op.execute("CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
                   "INSERT INTO documents_fts(documents_fts, rowid, text, title) "
                   "VALUES ('delete', old.id, old.text, coalesce(old.title, '')); END")
        op.execute("CREATE TRIGGER documents_fts_update AFTER UPDATE OF text, title ON documents "
                   "BEGIN INSERT INTO documents_fts(documents_fts, rowid, text, title) "
                   "VALUES ('delete', old.id, old.text, coalesce(old.title, '')); "
                   "INSERT INTO documents_fts(rowid, text, title) "
                   "VALUES (new.id, new.text, coalesce(new.title, '')); END")
        op.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
    elif dialect == "postgresql":
        op.execute("CREATE INDEX ix_documents_text_search ON documents "
                   "USING GIN (to_tsvector('english', coalesce(title, '') || ' ' || text))")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS documents_fts_{trigger}")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_documents_text_search")
