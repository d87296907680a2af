"""``ingest`` into a real SQLite store: folders, duplicates, bad inputs as failures rows, and the
``ingest``/``events`` commands (issue #5)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from click.testing import CliRunner

from frontwatch.cli import main
from frontwatch.export import ACLED_COLUMNS
from frontwatch.jobs import files_under, ingest
from frontwatch.store import Store

REPORT = ("GOMA, May 6 (Wire) - Rebels shelled a camp for displaced people west of Goma on "
          "Friday, killing nine people, camp managers said.")
OTHER = ("MOGADISHU, March 4 (Wire) - A roadside bomb struck an army convoy near Afgooye on "
         "Sunday, killing two soldiers, officials said.")


def _folder(root: Path) -> Path:
    folder = root / "reports"
    (folder / "nested").mkdir(parents=True)
    (folder / "goma.txt").write_text(REPORT, encoding="utf-8")
    (folder / "goma-copy.txt").write_text(REPORT, encoding="utf-8")  # syndicated copy
    (folder / "nested" / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (folder / "nested" / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "nested" / "feed.jsonl").write_text(
        json.dumps({"id": "w1", "text": OTHER, "published": "2024-03-05"}) + "\n{not json\n",
        encoding="utf-8")
    (folder / ".hidden.txt").write_text(REPORT + " Hidden.", encoding="utf-8")
    (folder / "notes.csv").write_text("a,b\n", encoding="utf-8")
    return folder


def test_a_folder_is_read_recursively_without_hidden_or_foreign_files(tmp_path: Path) -> None:
    names = [Path(path).name for path in files_under([_folder(tmp_path)])]
    assert names == ["goma-copy.txt", "goma.txt", "binary.txt", "empty.txt", "feed.jsonl"]


def test_ingest_stores_once_records_failures_and_goes_on(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    folder = _folder(tmp_path)
    url = f"sqlite:///{tmp_path / 'fw.db'}"
    with Store(url) as store:
        report = ingest([folder], store, published=None, gazetteer=gazetteer)
        counts = report.counts
        assert (counts.documents_stored, counts.duplicates) == (2, 1)
        assert sorted(f["code"] for f in store.failures()) == ["ING002", "ING003", "ING004"]
        assert {e.sub_event_type for e in store.events()} == {"Remote explosive/landmine/IED"}
        again = ingest([folder], store, gazetteer=gazetteer)
        assert (again.counts.documents_stored, again.counts.duplicates) == (0, 3)
        assert store.document_count() == 2
        assert [run["documents_stored"] for run in store.runs()] == [2, 0]


def test_each_jsonl_line_keeps_its_own_bytes(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    lines = [json.dumps({"id": "w1", "text": OTHER, "published": "2024-03-05"}),
             json.dumps({"id": "w2", "text": REPORT, "published": "2024-05-07"})]
    (tmp_path / "two.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    single = ("KIDAL, June 2 (Wire) - Militants attacked an army post near Kidal on Saturday, "
              "killing four soldiers, a security source said.")
    (tmp_path / "one.txt").write_text(single, encoding="utf-8")
    with Store(f"sqlite:///{tmp_path / 'fw.db'}") as store:
        ingest([tmp_path / "two.jsonl", tmp_path / "one.txt"], store, gazetteer=gazetteer)
        raw = {document.id: document.raw for _, document in store.stored_documents()}
        mentions = store.mentions("w1")
    assert raw["w1"] == lines[0].encode() and raw["w2"] == lines[1].encode()
    # each document's mentions are kept beside its events
    assert [m["sub_event_type"] for m in mentions] == ["Remote explosive/landmine/IED"]
    assert OTHER[mentions[0]["evidence"]["start"]:mentions[0]["evidence"]["end"]] == \
        mentions[0]["evidence"]["sentence"]
    assert single.encode() in raw.values()  # a one-document file: the file's bytes


def test_the_commands_ingest_and_export_acled_csv(tmp_path: Path) -> None:
    source = tmp_path / "somalia.jsonl"
    source.write_text(json.dumps({"id": "w1", "text": OTHER, "published": "2024-03-05"}) + "\n",
                      encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(source), "--db", url])
    assert result.exit_code == 0, result.output
    exported = runner.invoke(main, ["events", "--db", url, "--format", "acled-csv",
                                    "--country", "Somalia"])
    assert exported.exit_code == 0, exported.output
    rows = list(csv.reader(io.StringIO(exported.stdout)))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(rows[0]) == 31 and len(rows) == 2
    empty = runner.invoke(main, ["events", "--db", url, "--bbox", "0,0,10,10"])
    assert empty.exit_code == 0 and empty.stdout == ""
    bad = runner.invoke(main, ["events", "--db", url, "--bbox", "north"])
    assert bad.exit_code == 2 and "--bbox" in bad.output


LONG = ("KIDAL, March 3 (Wire) - Rebels of the Permanent Strategic Framework clashed with the "
        "Malian army near Anefis on Sunday, the army said, in the heaviest fighting in the north "
        "since the UN mission left its camps. Two soldiers were killed and several vehicles were "
        "destroyed, according to an army statement read on state television. The rebels said on "
        "social media that they had repelled an army column moving north from Gao and seized "
        "weapons. Residents of Anefis said they heard gunfire for several hours and that many "
        "families had fled towards the hills. The army has been pushing north since the "
        "departure of the peacekeepers.")


def test_a_syndicated_copy_is_linked_not_analysed_and_not_counted_twice(tmp_path: Path,
                                                                        gazetteer) -> None:  # type: ignore[no-untyped-def]
    original = tmp_path / "wire.txt"
    original.write_text(LONG, encoding="utf-8")
    copy = tmp_path / "paper.txt"
    copy.write_text("Heavy fighting near Anefis\n\n" + LONG.replace("KIDAL, March 3 (Wire) - ", "")
                    + " Copyright Daily Paper.", encoding="utf-8")
    with Store(f"sqlite:///{tmp_path / 'dup.db'}") as store:
        day = dt.date(2024, 3, 4)
        first = ingest([original], store, published=day, gazetteer=gazetteer)
        second = ingest([copy], store, published=day, gazetteer=gazetteer)
        assert first.counts.events_stored >= 1
        assert first.counts.near_duplicates == 0 and second.counts.near_duplicates == 1
        assert second.counts.events_stored == 0 and store.document_count() == 2
        events = store.events()
        assert all(len(store.event_sources(e.event_id)) == 1 for e in events)
        rows = store.runs()
        assert rows[-1]["near_duplicates"] == 1


def test_reprocess_keeps_the_same_events_and_drops_what_is_no_longer_told(tmp_path: Path,
                                                                          gazetteer) -> None:  # type: ignore[no-untyped-def]
    from frontwatch.fuse.across import CrossReportFusion
    from frontwatch.jobs import reprocess

    first = tmp_path / "one.jsonl"
    first.write_text(json.dumps({"id": "w1", "text": OTHER, "published": "2024-03-05",
                                 "publisher": "Wire"}) + "\n" +
                     json.dumps({"id": "w2", "text": OTHER.replace("A roadside bomb struck",
                                                                    "An improvised bomb hit")
                                 .replace("MOGADISHU, March 4 (Wire) - ", ""),
                                 "published": "2024-03-05", "publisher": "Radio"}) + "\n",
                     encoding="utf-8")
    with Store(f"sqlite:///{tmp_path / 're.db'}", fusion=CrossReportFusion()) as store:
        ingest([first], store, gazetteer=gazetteer)
        before = store.events()
        assert len(before) == 1 and len(store.event_sources(before[0].event_id)) == 2
        report = reprocess(store, gazetteer=gazetteer)
        assert report.counts.documents_stored == 2 and store.events() == before
        rows = dict((document.id, row) for row, document in store.stored_documents())
        store.replace_analysis(rows["w1"], [])  # as if new code found nothing in w1
        after = store.events()
        assert len(after) == 1 and [s["doc_id"] for s in
                                    store.event_sources(after[0].event_id)] == ["w2"]
        store.replace_analysis(rows["w2"], [])
        assert store.events() == []


def test_watch_takes_files_as_they_appear_once_written(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    import threading
    import time

    from frontwatch.jobs import watch

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    done = threading.Event()
    reports = []
    with Store(f"sqlite:///{tmp_path / 'watch.db'}") as store:
        worker = threading.Thread(target=lambda: reports.extend(watch(
            inbox, store, interval=0.2, stop=done.is_set, gazetteer=gazetteer)))
        worker.start()
        (inbox / "first.txt").write_text(REPORT, encoding="utf-8")
        deadline = time.monotonic() + 30
        while store.document_count() < 1 and time.monotonic() < deadline:
            time.sleep(0.1)
        (inbox / "second.jsonl").write_text(
            json.dumps({"id": "w1", "text": OTHER, "published": "2024-03-05"}) + "\n",
            encoding="utf-8")
        while store.document_count() < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        done.set()
        worker.join(timeout=30)
        assert store.document_count() == 2 and len(reports) == 2
        assert [run["documents_stored"] for run in store.runs()] == [1, 1]
