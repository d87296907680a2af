"""Reliability of ``ingest`` (issue #5): a run killed with SIGKILL half-way, then run again,
leaves the same store as an uninterrupted run; bad documents become failures rows."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from frontwatch.jobs import ingest
from frontwatch.store import Store

TOWNS = ["Goma", "Beni", "Bunia", "Kidal", "Gao", "Mopti", "Djibo", "Kaya", "Maiduguri", "Bama",
         "Aleppo", "Idlib", "Homs", "Raqqa", "Mosul", "Kirkuk", "Marib", "Taiz", "Kherson",
         "Sumy"]
ACTS = ["gunmen attacked a market in {town} on {day}, killing {n} civilians",
        "a roadside bomb struck an army patrol near {town} on {day}, killing {n} soldiers",
        "police fired tear gas at protesters in {town} on {day}",
        "troops clashed with militants outside {town} on {day}; {n} fighters were killed"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday"]


def _feed(path: Path, count: int) -> Path:
    """``count`` short reports, each different (town, act, day and toll vary)."""
    with path.open("w", encoding="utf-8") as feed:
        for index in range(count):
            act = ACTS[index % len(ACTS)].format(town=TOWNS[index % len(TOWNS)],
                                                 day=DAYS[index % len(DAYS)], n=2 + index % 9)
            text = f"Report {index}: residents said {act}. Officials confirmed the toll."
            feed.write(json.dumps({"id": f"r{index:04d}", "text": text,
                                   "published": "2024-05-10", "publisher": "Wire"}) + "\n")
    return path


def _content(db: Path) -> tuple[list[tuple[str, str]], list[str], list[tuple[str, str]],
                                list[tuple[str, str]]]:
    """What a store holds, by document id (row numbers may differ between runs)."""
    connection = sqlite3.connect(db)
    try:
        docs = connection.execute("select doc_id, content_hash from documents order by doc_id")
        events = connection.execute("select event_id from events order by event_id")
        sources = connection.execute(
            "select s.event_id, d.doc_id from event_sources s join documents d "
            "on d.id = s.document_id order by 1, 2")
        copies = connection.execute(
            "select d.doc_id, o.doc_id from documents d join documents o "
            "on d.near_duplicate_of = o.id order by 1")
        return docs.fetchall(), [row[0] for row in events], sources.fetchall(), \
            copies.fetchall()
    finally:
        connection.close()


@pytest.mark.slow
def test_a_killed_ingest_run_again_equals_an_uninterrupted_one(tmp_path: Path) -> None:
    feed = _feed(tmp_path / "feed.jsonl", 1000)
    whole, killed = tmp_path / "whole.db", tmp_path / "killed.db"
    command = [sys.executable, "-m", "frontwatch.cli", "ingest", str(feed)]
    subprocess.run([*command, "--db", f"sqlite:///{whole}"], check=True, capture_output=True)
    process = subprocess.Popen([*command, "--db", f"sqlite:///{killed}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        time.sleep(0.5)
        if killed.exists() and _stored(killed) >= 100:
            break
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    partial = _stored(killed)
    assert 0 < partial < 1000, "the run was killed half-way"
    subprocess.run([*command, "--db", f"sqlite:///{killed}"], check=True, capture_output=True)
    assert _content(killed) == _content(whole)
    assert len(_content(whole)[0]) == 1000


def _stored(db: Path) -> int:
    try:
        connection = sqlite3.connect(db, timeout=1)
        try:
            return int(connection.execute("select count(*) from documents").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.Error:
        return 0


def test_bad_documents_become_failures_and_the_batch_goes_on(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "latin1.txt").write_bytes("Gunmen attacked Kidal on Monday. Caf\xe9".encode("latin-1")
                                        + b"\x00\x00")
    (folder / "nobody.html").write_text("<html><head><title>x</title></head></html>",
                                        encoding="utf-8")
    (folder / "huge.txt").write_text("Gunmen attacked a village. " * 800_000, encoding="utf-8")
    (folder / "feed.jsonl").write_text('{"id": "ok", "text": "Gunmen killed five villagers '
                                       'in Zamfara on Monday.", "published": "2024-03-13"}\n'
                                       '{"id": 3, "text": }\n', encoding="utf-8")
    with Store(f"sqlite:///{tmp_path / 'fw.db'}") as store:
        report = ingest([folder], store, gazetteer=gazetteer)
        codes = {Path(row["source"]).name: row["code"] for row in store.failures()}
        assert codes.keys() >= {"latin1.txt", "nobody.html", "feed.jsonl", "huge.txt"}
        assert all(row["message"] for row in store.failures())
        assert store.document_count() >= 1 and report.counts.events_stored >= 1


@pytest.mark.slow
def test_two_ingests_at_once_on_postgresql_lose_and_duplicate_nothing(tmp_path: Path,
                                                                       pg_url: str) -> None:
    """Two processes ingest overlapping feeds into one PostgreSQL database at the same time: the
    store ends as one process ingesting both would leave it."""
    from pg_cluster import fresh_database

    feed = _feed(tmp_path / "all.jsonl", 120)
    lines = feed.read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("".join(lines[:80]), encoding="utf-8")
    second.write_text("".join(lines[40:]), encoding="utf-8")     # 40 reports in both
    command = [sys.executable, "-m", "frontwatch.cli", "ingest"]
    runs = [subprocess.Popen([*command, str(path), "--db", pg_url], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE) for path in (first, second)]
    errors = [run.communicate(timeout=600)[1].decode("utf-8", "replace")[-800:] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    server = pg_url.rsplit("/", 1)[0] + "/postgres"
    with fresh_database(server) as alone:
        subprocess.run([*command, str(feed), "--db", alone], check=True, capture_output=True)
        with Store(pg_url) as together, Store(alone) as single:
            assert together.document_count() == single.document_count() == 120
            assert [e.event_id for e in together.events()] == \
                [e.event_id for e in single.events()]
            assert not together.failures()
