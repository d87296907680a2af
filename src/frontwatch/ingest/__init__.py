"""Ingest: read documents (text, HTML, JSONL) and clean them into :class:`Document` records."""

from frontwatch.ingest.clean import CleanedText, clean_text
from frontwatch.ingest.readers import (
    decode_bytes,
    document_from_html,
    document_from_line,
    document_from_record,
    make_document,
    parse_published,
    read_documents,
)

__all__ = [
    "CleanedText",
    "clean_text",
    "decode_bytes",
    "document_from_html",
    "document_from_line",
    "document_from_record",
    "make_document",
    "parse_published",
    "read_documents",
]
