"""Feed files and gzipped JSONL as inputs (issue #5)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

from frontwatch.errors import EncodingError, InputError, UnsupportedFormatError
from frontwatch.ingest import read_documents
from frontwatch.jobs import files_under
from frontwatch.records import Document

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Sahel Monitor</title><link>https://example.org</link>
<item><title>Convoy ambushed near Djibo</title><link>https://example.org/a</link>
<guid>https://example.org/a</guid><pubDate>Tue, 14 May 2024 09:00:00 GMT</pubDate>
<description>&lt;p&gt;Militants ambushed an army convoy near Djibo on Monday, killing four
soldiers.&lt;/p&gt;&lt;p&gt;The army said it repelled the attack.&lt;/p&gt;</description></item>
<item><title>Gunmen kill five in Kaya</title><link>https://example.org/b</link></item>
<item><link>https://example.org/c</link><description></description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Lake Chad Notes</title>
<entry><title>Fishermen killed</title><id>urn:lc:1</id><updated>2024-11-05T08:00:00Z</updated>
<content type="html">&lt;p&gt;Gunmen killed two fishermen near Bol on Monday.&lt;/p&gt;</content>
</entry></feed>"""


def _documents(path: Path) -> tuple[list[Document], list[InputError]]:
    items = list(read_documents(path))
    return [i for i in items if isinstance(i, Document)], \
        [i for i in items if isinstance(i, InputError)]


def test_an_rss_file_gives_one_document_per_entry(tmp_path: Path) -> None:
    path = tmp_path / "monitor.rss"
    path.write_text(RSS, encoding="utf-8")
    documents, errors = _documents(path)
    # a headline alone is a document (it may report an event); an item with no words is a
    # failure of its own
    assert len(documents) == 2 and len(errors) == 1
    document = documents[0]
    assert document.id == "https://example.org/a" and document.publisher == "Sahel Monitor"
    assert document.published == dt.date(2024, 5, 14) and document.url == "https://example.org/a"
    assert document.text.startswith("Convoy ambushed near Djibo\n\nMilitants ambushed")
    assert "<p>" not in document.text and errors[0].line == 3
    assert documents[1].text == "Gunmen kill five in Kaya"
    # each entry keeps what the feed said of it (as the parser read it), not the whole feed
    assert document.raw is not None and b"example.org/a" in document.raw
    assert b"Kaya" not in document.raw


def test_an_atom_file_is_read_and_a_file_that_is_no_feed_is_an_error(tmp_path: Path) -> None:
    atom = tmp_path / "notes.atom"
    atom.write_text(ATOM, encoding="utf-8")
    documents, _ = _documents(atom)
    assert [d.published for d in documents] == [dt.date(2024, 11, 5)]
    broken = tmp_path / "broken.xml"
    broken.write_text("this is not a feed at all", encoding="utf-8")
    _, errors = _documents(broken)
    assert errors and isinstance(errors[0], (UnsupportedFormatError, InputError))
    assert "broken.xml" in str(errors[0])


def test_gzipped_jsonl_is_read_and_a_broken_gzip_is_an_encoding_error(tmp_path: Path) -> None:
    packed = tmp_path / "feed.jsonl.gz"
    packed.write_bytes(gzip.compress((json.dumps({"id": "a", "text": "Gunmen attacked a village."})
                                      + "\n").encode("utf-8")))
    documents, errors = _documents(packed)
    assert [d.id for d in documents] == ["a"] and not errors
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(b"not gzip")
    _, errors = _documents(broken)
    assert isinstance(errors[0], EncodingError)
    assert [Path(p).name for p in files_under([tmp_path])] == \
        ["broken.jsonl.gz", "feed.jsonl.gz"]
