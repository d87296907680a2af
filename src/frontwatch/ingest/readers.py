"""Readers: plain text, HTML (trafilatura) and JSONL into cleaned :class:`Document` records.

A reader over a file of many documents (JSONL) yields an :class:`InputError` in place of each bad
line and goes on, so the caller's error policy decides whether a batch stops.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from frontwatch.errors import (
    EmptyDocumentError,
    EncodingError,
    InputError,
    InputNotFoundError,
    InvalidFieldError,
    MalformedLineError,
    UnsupportedFormatError,
)
from frontwatch.ingest.clean import clean_text
from frontwatch.ingest.feeds import FEED_SUFFIXES, read_feed
from frontwatch.ingest.fetch import is_url, read_url
from frontwatch.records import Document, content_id

__all__ = [
    "STAGE",
    "decode_bytes",
    "document_from_html",
    "document_from_record",
    "make_document",
    "parse_published",
    "read_documents",
]

STAGE = "ingest/0.1"
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


def decode_bytes(data: bytes, source: str) -> str:
    """UTF-8 text of ``data`` (a BOM is dropped; UTF-16 with a BOM is read too); binary or
    undecodable input is an EncodingError."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise EncodingError("starts with a UTF-16 byte-order mark but is not UTF-16",
                                source=source) from exc
    if b"\x00" in data[:8192]:
        raise EncodingError("binary content (NUL bytes), not a text document", source=source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
            "re-encode the file as UTF-8", source=source) from exc


def parse_published(value: Any, source: str, line: int | None = None) -> dt.date | None:
    """A publication date from ``YYYY-MM-DD`` (a longer ISO timestamp is cut to its date)."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError as exc:
        raise InvalidFieldError(f"published {value!r} is not a YYYY-MM-DD date",
                                source=source, line=line) from exc


def make_document(text: str, *, source: str, doc_id: str | None = None,
                  published: dt.date | None = None, publisher: str | None = None,
                  title: str | None = None, url: str | None = None,
                  confidential: bool = False, author: str | None = None) -> Document:
    """A cleaned Document from raw text; empty text after cleaning is an EmptyDocumentError."""
    cleaned = clean_text(text)
    if not cleaned.text.strip():
        raise EmptyDocumentError("document is empty (no text after cleaning)", source=source)
    if title is None:
        title = _headline(cleaned.text)
    return Document(
        id=doc_id or content_id("doc", cleaned.text, length=12),
        text=cleaned.text,
        published=published,
        publisher=publisher,
        title=title,
        url=url,
        source_path=source,
        removed_boilerplate=cleaned.removed,
        stage=STAGE,
        confidential=confidential,
        author=author,
    )


def _headline(text: str) -> str | None:
    first = text.split("\n\n", 1)[0]
    # A headline is short and does not end like a sentence.
    if len(first) <= 160 and not first.rstrip().endswith((".", "?", "!", "”", '"')):
        return first
    return None


def document_from_html(html: str, *, source: str, **fields: Any) -> Document:
    """A Document from an HTML page: main text and metadata by trafilatura, then cleaning."""
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            include_tables=False, favor_precision=True)
    if extracted is None:
        raise EmptyDocumentError("HTML page has no main text", source=source)
    meta = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    body = meta.get("text") or ""
    title = fields.pop("title", None) or meta.get("title")
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}"
    published = fields.pop("published", None) or parse_published(meta.get("date"), source)
    publisher = fields.pop("publisher", None) or meta.get("sitename") or meta.get("hostname")
    url = fields.pop("url", None) or meta.get("url")
    return make_document(body, source=source, published=published, publisher=publisher,
                         title=title, url=url, **fields)


def _document_from_json(record: Any, source: str, line: int, defaults: dict[str, Any]) -> Document:
    if not isinstance(record, dict):
        raise MalformedLineError("line is not a JSON object", source=source, line=line)
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise MalformedLineError('line has neither a "text" nor an "html" string',
                                 source=source, line=line)
    fields: dict[str, Any] = {
        "doc_id": str(record["id"]) if record.get("id") not in (None, "") else None,
        "published": parse_published(record.get("published"), source, line)
        or defaults.get("published"),
        "publisher": record.get("publisher") or defaults.get("publisher"),
        "title": record.get("title"),
        "url": record.get("url"),
        "confidential": _flag(record.get("confidential"), source, line),
        "author": str(record["author"]) if record.get("author") not in (None, "") else None,
    }
    where = f"{source}:{line}"
    try:
        if isinstance(text, str):
            return make_document(text, source=where, **fields)
        return document_from_html(str(html), source=where, **fields)
    except InputError as exc:
        exc.source, exc.line = source, line
        exc.args = (exc.describe(),)
        raise


def document_from_record(record: Any, source: str, line: int = 1) -> Document:
    """A Document from one JSON object holding the fields of a JSONL line (``text`` or
    ``html``, ``id``, ``published``, ``publisher``, ``title``, ``url``, ``confidential``,
    ``author``): an analyst's submission to the API, a Parquet row of a batch's input (``line``:
    its row number). A bad record is an InputError."""
    document = _document_from_json(record, source, line, {})
    return dataclasses.replace(document, raw=json.dumps(record, ensure_ascii=False).encode())


def _flag(value: Any, source: str, line: int) -> bool:
    """A JSON line's ``confidential``: true or false (absent: false), nothing else, since a
    field note read as public by a typo would expose its author."""
    if value is None or isinstance(value, bool):
        return bool(value)
    raise MalformedLineError(f'"confidential" must be true or false, not {value!r}',
                             source=source, line=line)


def _read_jsonl(data: str, source: str, defaults: dict[str, Any]) -> Iterator[Document | InputError]:
    for number, raw in enumerate(data.splitlines(), start=1):
        if raw.strip():
            yield document_from_line(raw, source, number, defaults)


def document_from_line(raw: str, source: str, line: int,
                       defaults: dict[str, Any] | None = None) -> Document | InputError:
    """The document of one JSONL line, or the InputError saying why it is none."""
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as exc:
        return MalformedLineError(f"malformed JSON ({exc.msg} at column {exc.colno})",
                                  source=source, line=line)
    try:
        document = _document_from_json(record, source, line, defaults or {})
        return dataclasses.replace(document, raw=raw.encode("utf-8"))
    except InputError as exc:
        return exc


def read_documents(path: str | Path, *, published: dt.date | None = None,
                   publisher: str | None = None, stdin_text: str | None = None,
                   input_format: str | None = None) -> Iterator[Document | InputError]:
    """Documents from a .txt, .html or .jsonl file (or ``-`` with ``stdin_text``).

    Yields an :class:`InputError` for each document that cannot be read, and goes on.
    ``published``/``publisher`` fill documents that do not carry their own.
    """
    source = str(path)
    if is_url(source):
        yield from read_url(source, published=published, publisher=publisher)
        return
    defaults = {"published": published, "publisher": publisher}
    try:
        data, kind = _load(path, stdin_text, input_format)
        if kind == "jsonl":
            yield from _read_jsonl(data, source, defaults)
        elif kind == "feed":
            yield from read_feed(data, source, published=published, publisher=publisher)
        elif kind == "html":
            yield document_from_html(data, source=source, published=published, publisher=publisher)
        else:
            yield make_document(data, source=source, published=published, publisher=publisher)
    except InputError as exc:
        yield exc


def _load(path: str | Path, stdin_text: str | None, input_format: str | None) -> tuple[str, str]:
    source = str(path)
    if source == "-":
        data = stdin_text or ""
        return data, input_format or _sniff(data)
    file = Path(path)
    if not file.exists():
        raise InputNotFoundError("no such file", source=source)
    if file.is_dir():
        raise UnsupportedFormatError("is a directory; pass files (folders come with `ingest`)",
                                     source=source)
    suffixes = [part.lower() for part in file.suffixes[-2:]]
    packed = suffixes[-1:] == [".gz"]
    suffix = (suffixes[-2] if len(suffixes) == 2 else "") if packed else file.suffix.lower()
    kind = input_format or ("html" if suffix in HTML_SUFFIXES else
                            "jsonl" if suffix in JSONL_SUFFIXES else
                            "feed" if suffix in FEED_SUFFIXES else
                            "text" if suffix in TEXT_SUFFIXES or not suffix else None)
    if kind is None:
        raise UnsupportedFormatError(
            f"unsupported file type {''.join(file.suffixes[-2:])!r} (expected .txt, .html, "
            ".jsonl, .rss/.atom/.xml, or one of them .gz)", source=source)
    content = file.read_bytes()
    if packed:
        try:
            content = gzip.decompress(content)
        except (OSError, EOFError) as exc:
            raise EncodingError(f"not a readable gzip file ({exc})", source=source) from exc
    return decode_bytes(content, source), kind


def _sniff(data: str) -> str:
    head = data.lstrip()[:200].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    return "text"
