"""RSS and Atom feeds read from files: one document per entry (feedparser does the parsing).

An entry's text is its content, else its summary (HTML stripped by the cleaning every document
gets), with its title on top; its link, publication date and the feed's title (the publisher)
come along. A file that is not a feed, or a feed without entries, is an error naming the file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re
from collections.abc import Iterator
from typing import Any

from frontwatch.errors import EmptyDocumentError, InputError, UnsupportedFormatError
from frontwatch.records import Document

__all__ = ["FEED_SUFFIXES", "read_feed"]

FEED_SUFFIXES = {".rss", ".atom", ".xml"}
_TAGS = re.compile(r"<[^>]+>")
_BREAKS = re.compile(r"</p\s*>|<br\s*/?>|</li\s*>|</h\d\s*>", re.IGNORECASE)


def _text(markup: str) -> str:
    """Plain text of an entry's HTML: paragraphs kept apart, tags dropped, entities decoded."""
    return html.unescape(_TAGS.sub("", _BREAKS.sub("\n\n", markup))).strip()


def _published(entry: Any) -> dt.date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def read_feed(data: str, source: str, *, published: dt.date | None = None,
              publisher: str | None = None) -> Iterator[Document | InputError]:
    """Documents of a feed's entries (an entry without text is a failure of its own)."""
    import feedparser

    from frontwatch.ingest.readers import make_document

    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        yield UnsupportedFormatError(f"not an RSS or Atom feed ({feed.bozo_exception})",
                                     source=source)
        return
    if not feed.entries:
        yield EmptyDocumentError("feed has no entries", source=source)
        return
    name = feed.feed.get("title") or publisher
    for number, entry in enumerate(feed.entries, start=1):
        content = entry.get("content") or []
        body = _text(content[0].get("value", "") if content else entry.get("summary", ""))
        title = _text(entry.get("title", ""))
        text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
        try:
            document = make_document(text, source=f"{source}#{number}",
                                     doc_id=entry.get("id") or entry.get("link") or None,
                                     published=_published(entry) or published,
                                     publisher=name, title=title or None, url=entry.get("link"))
            yield dataclasses.replace(document, raw=_entry_bytes(entry))
        except InputError as exc:
            exc.source, exc.line = source, number
            exc.args = (exc.describe(),)
            yield exc


def _entry_bytes(entry: Any) -> bytes:
    """The entry as the feed parser read it (feedparser keeps no entry's XML), as JSON."""
    return json.dumps(entry, default=str, ensure_ascii=False, sort_keys=True).encode("utf-8")
