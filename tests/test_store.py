"""The store: idempotent documents, versions, events and their filters,
sources and failures, on SQLite and on a real PostgreSQL server (issue #5)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from frontwatch.errors import StoreError
from frontwatch.records import Document, Event, Evidence, Failure, Provenance
from frontwatch.store import Store


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """The same tests on a SQLite file and on a database of a real PostgreSQL server."""
    url = f"sqlite:///{tmp_path / 'fw.db'}" if request.param == "sqlite" else \
        request.getfixturevalue("pg_url")
    opened = Store(url)
    yield opened
    opened.close()


def _document(text: str, doc_id: str = "d1") -> Document:
    return Document(id=doc_id, text=text, published=dt.date(2024, 5, 2), publisher="Wire",
                    source_path="wire.txt")


def _event(event_id: str, day: dt.date, sub_event_type: str = "Armed clash", *,
           lat: float = 35.3, lon: float = 40.1, country: str = "Syria",
           actor1: str = "Military Forces of Syria", doc_id: str = "d1") -> Event:
    return Event(event_id=event_id, event_date=day, time_precision=1,
                 disorder_type="Political violence", event_type="Battles",
                 sub_event_type=sub_event_type, actor1=actor1, inter1=1,
                 actor2="Islamic State", inter2=2, country=country, latitude=lat, longitude=lon,
                 fatalities=3, evidence=(Evidence(doc_id, "They clashed.", 0, 13),),
                 doc_ids=(doc_id,), provenance=Provenance((doc_id,), ("m1",), ("Wire",)))


def test_the_same_document_twice_is_stored_once(store: Store) -> None:
    document = _document("Troops clashed with IS fighters near the airport on Monday.")
    first = store.add_analysed(document, [_event("e1", dt.date(2024, 5, 1))], raw=b"raw bytes")
    assert first is not None and first.version == 1
    assert store.add_analysed(document, [_event("e1", dt.date(2024, 5, 1))]) is None
    assert store.has_document(document) and store.document_count() == 1
    assert len(store.events()) == 1


def test_a_changed_document_is_a_new_version_and_keeps_the_old(store: Store) -> None:
    store.add_analysed(_document("First telling of the clash."), [])
    second = store.add_analysed(_document("Corrected telling of the clash."), [])
    assert second is not None and second.version == 2 and store.document_count() == 2


def test_events_read_back_equal_and_filter(store: Store) -> None:
    kept = _event("e1", dt.date(2024, 5, 1))
    store.add_analysed(_document("one"), [kept])
    store.add_analysed(_document("two", "d2"), [
        _event("e2", dt.date(2024, 5, 3), "Air/drone strike", lat=13.6, lon=25.3,
               country="Sudan", actor1="Military Forces of Sudan", doc_id="d2")])
    assert store.events()[0] == kept  # every field, nested records included
    assert [e.event_id for e in store.events(since=dt.date(2024, 5, 2))] == ["e2"]
    assert [e.event_id for e in store.events(until=dt.date(2024, 5, 2))] == ["e1"]
    assert [e.event_id for e in store.events(bbox=(20.0, 10.0, 30.0, 20.0))] == ["e2"]
    assert [e.event_id for e in store.events(sub_event_type="air/drone strike")] == ["e2"]
    assert [e.event_id for e in store.events(actor="sudan")] == ["e2"]
    assert [e.event_id for e in store.events(country="SYRIA")] == ["e1"]


def test_an_event_told_again_gains_a_source_not_a_row(store: Store) -> None:
    store.add_analysed(_document("A first outlet's story."), [_event("e1", dt.date(2024, 5, 1))])
    store.add_analysed(_document("A second outlet's story.", "d2"),
                       [_event("e1", dt.date(2024, 5, 1), doc_id="d2")])
    assert len(store.events()) == 1
    assert {source["doc_id"] for source in store.event_sources("e1")} == {"d1", "d2"}


def test_failures_and_runs_are_recorded(store: Store) -> None:
    run = store.start_run("0.1.0", "ingest x")
    store.add_failure(Failure("feed.jsonl", "ING004", "malformed JSON", line=3), run)
    rows = store.failures()
    assert [(r["source"], r["line"], r["code"], r["run_id"]) for r in rows] == \
        [("feed.jsonl", 3, "ING004", run)]
    assert store.runs()[0]["command"] == "ingest x"


def test_the_sqlite_store_keeps_its_raw_bytes_and_runs_in_wal(tmp_path: Path) -> None:
    path = tmp_path / "raw.db"
    with Store(f"sqlite:///{path}") as store:
        store.add_analysed(_document("text"), [], raw=b"\xff<raw>")
    connection = sqlite3.connect(path)
    assert connection.execute("select raw from documents").fetchone()[0] == b"\xff<raw>"
    assert connection.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_a_bad_url_or_a_foreign_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="nosuchdialect"):
        Store("nosuchdialect://x")
    foreign = tmp_path / "foreign.db"
    foreign.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match=r"foreign\.db"):
        Store(f"sqlite:///{foreign}")


def test_postgresql_events_carry_a_geography_point_with_a_gist_index(pg_url: str) -> None:
    import os

    import psycopg

    plain = pg_url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(plain) as connection:
        if connection.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'"
                              ).fetchone() is None:
            if os.environ.get("FRONTWATCH_REQUIRE_PG") == "1":
                pytest.fail("PostGIS is not installed (make test installs postgresql-15-postgis-3)")
            pytest.skip("PostGIS is not installed on this PostgreSQL server")
    with Store(pg_url) as store:
        assert store.spatial
        store.add_analysed(_document("one"), [_event("e1", dt.date(2024, 5, 1))])
    with psycopg.connect(plain) as connection:
        point = connection.execute("SELECT ST_Y(geog::geometry), ST_X(geog::geometry) FROM events"
                                   ).fetchone()
        index = connection.execute("SELECT indexdef FROM pg_indexes WHERE indexname = "
                                   "'ix_events_geog'").fetchone()
    assert point == pytest.approx((35.3, 40.1)) and index and "gist" in index[0].lower()


def test_the_library_reads_a_store_into_a_dataframe(tmp_path: Path) -> None:
    import frontwatch

    with frontwatch.Store(f"sqlite:///{tmp_path / 'frame.db'}") as store:
        store.add_analysed(_document("one"), [_event("e1", dt.date(2024, 5, 1))])
        frame = frontwatch.events_frame(store.events(country="Syria"))
    assert list(frame["event_id"]) == ["e1"] and frame.loc[0, "event_date"] == dt.date(2024, 5, 1)
    assert frame.loc[0, "fatalities"] == 3 and "evidence_sentence" in frame.columns


def test_full_text_search_finds_documents_and_their_events(store: Store) -> None:
    """FTS5 on SQLite, the English text search index on PostgreSQL (migration 0005)."""
    store.add_analysed(_document("Residents of al-Joura fear mass executions as fighting nears.",
                                 "d1"), [_event("e1", dt.date(2024, 5, 1))])
    store.add_analysed(_document("A roadside bomb hit a convoy near Afgooye.", "d2"),
                       [_event("e2", dt.date(2024, 5, 1), doc_id="d2")])
    assert [row["doc_id"] for row in store.search_documents("mass executions")] == ["d1"]
    assert [row["doc_id"] for row in store.search_documents("Joura")] == ["d1"]
    assert store.search_documents("convoy OR executions AND") == []  # words, not syntax
    assert [event.event_id for event in store.events(words="roadside bomb")] == ["e2"]
