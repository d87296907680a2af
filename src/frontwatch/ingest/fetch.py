"""Documents from URLs: an RSS/Atom feed gives one document per entry, a web page one document.

HTTP(S) with a timeout (``FETCH_TIMEOUT`` seconds) and a size cap (``MAX_FETCH_BYTES``); a
failure (unreachable host, HTTP error, timeout, too large) is a ``FetchError`` naming the URL
and the reason. What came back is read by its content type, or sniffed when that says nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import urllib.error
import urllib.request
from collections.abc import Iterator

from frontwatch.errors import FetchError, InputError
from frontwatch.records import Document

__all__ = ["FETCH_TIMEOUT", "MAX_FETCH_BYTES", "is_url", "read_url"]

FETCH_TIMEOUT = 20.0
MAX_FETCH_BYTES = 20_000_000
USER_AGENT = "frontwatch (conflict-event extraction; +https://example.org/frontwatch)"


def is_url(path: str) -> bool:
    return path.startswith(("http://", "https://"))


def _fetch(url: str, timeout: float) -> tuple[bytes, str]:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(MAX_FETCH_BYTES + 1)
            kind = response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        raise FetchError(f"HTTP {exc.code} {exc.reason}", source=url) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(f"cannot fetch ({reason})", source=url) from exc
    if len(body) > MAX_FETCH_BYTES:
        raise FetchError(f"larger than {MAX_FETCH_BYTES:,} bytes", source=url)
    return body, kind


def read_url(url: str, *, published: dt.date | None = None, publisher: str | None = None,
             timeout: float = FETCH_TIMEOUT) -> Iterator[Document | InputError]:
    """Documents at ``url`` (see the module text)."""
    from frontwatch.ingest.feeds import read_feed
    from frontwatch.ingest.readers import decode_bytes, document_from_html

    try:
        body, kind = _fetch(url, timeout)
        text = decode_bytes(body, url)
    except InputError as exc:
        yield exc
        return
    head = text.lstrip()[:300].lower()
    if "xml" in kind or "rss" in kind or "atom" in kind or head.startswith("<?xml") or \
            "<rss" in head or "<feed" in head:
        yield from read_feed(text, url, published=published, publisher=publisher)
        return
    try:
        document = document_from_html(text, source=url, published=published,
                                      publisher=publisher, url=url)
        yield dataclasses.replace(document, raw=body)
    except InputError as exc:
        yield exc
