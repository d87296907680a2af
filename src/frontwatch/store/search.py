"""Full-text search over stored documents (migration 0005): SQLite's FTS5 index, PostgreSQL's
English text search. A user's words are all required, in any order; punctuation is no syntax
("al-Joura" is the words "al" and "joura" on both engines)."""

from __future__ import annotations

import re

from sqlalchemy import TextClause, text

__all__ = ["fts5_query", "matching_document_rows"]

_WORD = re.compile(r"\w+", re.UNICODE)


def fts5_query(words: str) -> str:
    """An FTS5 query that needs every word of ``words``, each quoted (FTS5 reads bare
    punctuation, AND/OR/NOT and column names as syntax)."""
    return " ".join(f'"{word}"' for word in _WORD.findall(words))


def matching_document_rows(dialect: str, words: str) -> TextClause:
    """A query of the row ids (``documents.id``) of documents whose text or title holds every
    word of ``words``; with a bound parameter ``search``."""
    if dialect == "sqlite":
        return text("SELECT rowid FROM documents_fts WHERE documents_fts MATCH :search"
                    ).bindparams(search=fts5_query(words) or '""')
    return text("SELECT id FROM documents WHERE to_tsvector('english', coalesce(title, '') || ' ' "
                "|| text) @@ plainto_tsquery('english', :search)").bindparams(search=words)
