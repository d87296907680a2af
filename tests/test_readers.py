import datetime as dt
import json
from pathlib import Path

import pytest

from frontwatch.errors import (
    EmptyDocumentError,
    EncodingError,
    InputError,
    InputNotFoundError,
    InvalidFieldError,
    MalformedLineError,
    UnsupportedFormatError,
)
from frontwatch.ingest import read_documents
from frontwatch.records import Document

HTML = """<!doctype html><html><head><title>Drone strike hits fuel depot</title>
<meta name="author" content="Staff"><meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2024-03-06T08:00:00Z"></head>
<body><nav>Home | World | Sport</nav><article><h1>Drone strike hits fuel depot</h1>
<p>A drone struck a fuel depot on the outskirts of the city on Tuesday, killing two guards,
regional officials said on Wednesday. The depot burned for several hours before firefighters
contained the blaze, and the officials said the drone had been launched from across the border.</p>
<p>It was the third strike on the area this month, according to the regional administration,
which said that power had been restored to most homes by the evening.</p></article>
<footer>© 2024 Example Wire. All rights reserved.</footer></body></html>"""


def _one(path: Path, **options: object) -> Document | InputError:
    items = list(read_documents(path, **options))  # type: ignore[arg-type]
    assert len(items) == 1
    return items[0]


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("Headline here\n\nGunmen attacked a village on Monday.", encoding="utf-8")
    document = _one(path, published=dt.date(2024, 3, 6), publisher="Monitor")
    assert isinstance(document, Document)
    assert document.title == "Headline here"
    assert document.published == dt.date(2024, 3, 6)
    assert document.publisher == "Monitor"
    assert document.id.startswith("doc-")


def test_same_text_same_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Gunmen attacked a village.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Gunmen attacked a village.\n", encoding="utf-8")
    assert _one(tmp_path / "a.txt").id == _one(tmp_path / "b.txt").id  # type: ignore[union-attr]


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    document = _one(path)
    assert isinstance(document, Document)
    assert "killing two guards" in document.text
    assert "Home | World" not in document.text
    assert "All rights reserved" not in document.text
    assert document.published == dt.date(2024, 3, 6)
    assert document.title == "Drone strike hits fuel depot"


def test_jsonl_bad_lines_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Police arrested ten protesters.", "published":
                    "2024-01-02", "publisher": "P"}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": "   "}),
        json.dumps({"id": "d", "text": "Clashes erupted.", "published": "yesterday"}),
        json.dumps({"id": "e", "html": "<html><body><p>" + "Troops clashed with rebels "
                    "near the border crossing on Sunday, officials said. " * 3 + "</p></body>"
                    "</html>"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_documents(path))
    assert [type(item) for item in items] == [Document, MalformedLineError, MalformedLineError,
                                             EmptyDocumentError, InvalidFieldError, Document]
    assert items[0].id == "a" and items[0].published == dt.date(2024, 1, 2)  # type: ignore[union-attr]
    assert items[1].line == 2 and str(path) in str(items[1])  # type: ignore[union-attr]
    assert "line 4" not in str(items[3]) and f"{path}:4" in str(items[3])
    assert items[5].id == "e"  # type: ignore[union-attr]


def test_utf16_with_bom_is_text(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("Gunmen attacked a village.".encode("utf-16"))
    document = _one(path)
    assert isinstance(document, Document) and document.text == "Gunmen attacked a village."


@pytest.mark.parametrize("content, error", [
    (b"\x00\x01\x02binary\x00", EncodingError),
    (b"caf\xe9 au lait, gunmen attacked", EncodingError),
    (b"\n\n   \n", EmptyDocumentError),
])
def test_unreadable_files(tmp_path: Path, content: bytes, error: type) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    item = _one(path)
    assert isinstance(item, error)
    assert str(path) in str(item)


def test_missing_and_unsupported(tmp_path: Path) -> None:
    assert isinstance(_one(tmp_path / "nope.txt"), InputNotFoundError)
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    assert isinstance(_one(tmp_path / "x.pdf"), UnsupportedFormatError)
