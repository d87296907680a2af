"""Documents from URLs, against an HTTP server on 127.0.0.1 (issue #5)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from frontwatch.errors import FetchError
from frontwatch.ingest import read_documents
from frontwatch.ingest.fetch import read_url
from frontwatch.jobs import ingest
from frontwatch.records import Document
from frontwatch.store import Store

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Kivu Watch</title>
<item><title>Shells hit Goma camp</title><link>http://127.0.0.1/a</link><guid>kw-1</guid>
<pubDate>Tue, 07 May 2024 08:00:00 GMT</pubDate>
<description>Shells fired by M23 rebels hit a camp for displaced people in Goma on Monday,
killing nine people, camp managers said.</description></item></channel></rss>"""
PAGE = """<html><head><title>Clashes near Beni</title></head><body><article>
<h1>Clashes near Beni</h1><p>Army troops clashed with ADF rebels near Beni on Sunday, killing
four rebels, the army said on Monday.</p><p>Residents said the fighting lasted several hours
and that many families fled towards the town.</p></article></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(2)
        routes = {"/feed.xml": ("application/rss+xml", FEED), "/page.html": ("text/html", PAGE),
                  "/slow": ("text/html", PAGE)}
        if self.path not in routes:
            self.send_error(404, "Not Found")
            return
        kind, body = routes[self.path]
        data = body.encode("utf-8")
        try:
            self.send_response(200)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (the timeout test)

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_feed_url_gives_its_entries_and_a_page_url_its_article(server: str) -> None:
    entries = list(read_documents(f"{server}/feed.xml"))
    assert [d.id for d in entries if isinstance(d, Document)] == ["kw-1"]
    assert entries[0].publisher == "Kivu Watch"  # type: ignore[union-attr]
    page = list(read_documents(f"{server}/page.html"))
    assert isinstance(page[0], Document) and "ADF rebels near Beni" in page[0].text
    assert page[0].url == f"{server}/page.html"
    assert page[0].raw is not None and b"ADF rebels near Beni" in page[0].raw  # the page's bytes


def test_http_errors_and_timeouts_name_the_url(server: str) -> None:
    missing = list(read_documents(f"{server}/nothing"))
    assert isinstance(missing[0], FetchError) and "404" in str(missing[0])
    assert f"{server}/nothing" in str(missing[0])
    slow = list(read_url(f"{server}/slow", timeout=0.5))
    assert isinstance(slow[0], FetchError) and "cannot fetch" in str(slow[0])
    refused = list(read_url("http://127.0.0.1:9/feed.xml", timeout=2))
    assert isinstance(refused[0], FetchError)


def test_ingest_takes_urls_beside_files(server: str, tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    with Store(f"sqlite:///{tmp_path / 'web.db'}") as store:
        report = ingest([f"{server}/feed.xml", f"{server}/nothing"], store, gazetteer=gazetteer)
        assert report.counts.documents_stored == 1 and report.counts.failures == 1
        assert [row["code"] for row in store.failures()] == ["ING009"]
        assert store.events() and store.events()[0].sub_event_type == \
            "Shelling/artillery/missile attack"
