"""``frontwatch batch`` (issue #8): partitions, the local and Spark engines giving the same rows,
per-document failures, resuming, Parquet and gzipped inputs, loading into a store."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from frontwatch.batch import run_batch
from frontwatch.batch.corpus import reports, write_jsonl
from frontwatch.batch.inputs import plan_partitions, read_partition
from frontwatch.batch.tables import TABLES
from frontwatch.cli import main
from frontwatch.errors import BatchError, MissingExtraError
from frontwatch.records import Document

POISON = [
    "{this line is not JSON\n",
    json.dumps({"id": "no-text", "text": 42}) + "\n",
    json.dumps({"id": "german", "text": "Die Regierung hat am Montag in Berlin einen neuen "
                "Haushalt vorgestellt, der mehr Geld für Schulen und Krankenhäuser vorsieht."})
    + "\n",
]


def _corpus(folder: Path, count: int) -> Path:
    """``count`` synthetic reports with the poisoned rows spread among them."""
    path = write_jsonl(folder / "reports.jsonl", count)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for offset, bad in enumerate(POISON):
        lines.insert(7 + offset * (count // 3), bad)
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _pyspark_or_skip() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        reason = "pyspark is missing (make test installs frontwatch[spark])"
        if os.environ.get("FRONTWATCH_REQUIRE_SPARK") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    if shutil.which("java") is None:
        pytest.fail("java is missing: the spark engine needs Java 17 or newer")


def _table(out: Path, name: str) -> list[dict[str, Any]]:
    rows = ds.dataset(out / name, format="parquet").to_table().to_pylist()
    return sorted(rows, key=lambda row: json.dumps(row, sort_keys=True, default=str))


def test_partitions_cover_every_row_once_with_stable_ids(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    write_jsonl(source / "a.jsonl", 23)
    (source / "_skipped.jsonl").write_text("{}\n")  # under an underscore: not input
    partitions = plan_partitions(source, rows=10)
    assert [(item.name, item.first, item.count) for item in partitions] == [
        ("a.jsonl", 0, 10), ("a.jsonl", 10, 10), ("a.jsonl", 20, 3)]
    moved = tmp_path / "moved"
    shutil.copytree(source, moved)
    assert [item.partition_id for item in plan_partitions(moved, rows=10)] == \
        [item.partition_id for item in partitions]  # ids from names under INPUT, not paths
    documents = [item for partition in partitions for item in read_partition(partition)]
    assert [item.id for item in documents if isinstance(item, Document)] == \
        [f"synthetic-{index:07d}" for index in range(23)]


def test_gzipped_jsonl_and_parquet_inputs_give_the_same_documents(tmp_path: Path) -> None:
    records = list(reports(12))
    with gzip.open(tmp_path / "in.jsonl.gz", "wt", encoding="utf-8") as out:
        out.writelines(json.dumps(record) + "\n" for record in records)
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "in.parquet", row_group_size=5)

    def texts(path: Path) -> list[str]:
        return [item.text for partition in plan_partitions(path, rows=4)
                for item in read_partition(partition) if isinstance(item, Document)]

    assert texts(tmp_path / "in.jsonl.gz") == texts(tmp_path / "in.parquet")
    assert len(texts(tmp_path / "in.parquet")) == 12


def test_bad_inputs_are_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(BatchError, match=r"notes\.txt: not a batch input"):
        plan_partitions(tmp_path / "notes.txt")
    with pytest.raises(BatchError, match="folder holds no"):
        plan_partitions(tmp_path)
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(BatchError, match=r"broken\.parquet: not a readable Parquet file"):
        plan_partitions(tmp_path / "broken.parquet")
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "thesis.docx").write_text("mine")
    write_jsonl(tmp_path / "in.jsonl", 2)
    with pytest.raises(BatchError, match="not empty and holds no batch output"):
        run_batch(tmp_path / "in.jsonl", taken)


def test_the_spark_engine_without_pyspark_names_the_extra(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)
    write_jsonl(tmp_path / "in.jsonl", 2)
    with pytest.raises(MissingExtraError, match=r"frontwatch\[spark\]"):
        run_batch(tmp_path / "in.jsonl", tmp_path / "out", engine="spark")


@pytest.mark.slow
def test_a_stage_that_breaks_on_one_document_fails_that_document_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from frontwatch import pipeline

    real = pipeline._analyse_annotated

    def breaks_on_the_second(document: Document, *args: Any, **kwargs: Any) -> Any:
        if document.id == "synthetic-0000001":
            raise IndexError("list index out of range")
        return real(document, *args, **kwargs)

    monkeypatch.setattr(pipeline, "_analyse_annotated", breaks_on_the_second)
    write_jsonl(tmp_path / "in.jsonl", 4)
    report = run_batch(tmp_path / "in.jsonl", tmp_path / "out", workers=1)
    failures = _table(tmp_path / "out", "failures")
    assert [(row["doc_id"], row["code"]) for row in failures] == [("synthetic-0000001", "FW900")]
    assert "IndexError" in failures[0]["message"]
    assert report.total("documents") == 3


@pytest.mark.slow
def test_local_and_spark_give_the_same_rows_and_the_same_failures(tmp_path: Path) -> None:
    """200 documents and three poisoned rows through local (2 workers) and Spark local[2]."""
    _pyspark_or_skip()
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    source = _corpus(tmp_path, 200)
    local = run_batch(source, tmp_path / "local", engine="local", workers=2, partition_rows=40)
    spark = run_batch(source, tmp_path / "spark", engine="spark", workers=2, partition_rows=40,
                      spark_conf={"spark.ui.enabled": "false"})
    assert local.total("documents") == spark.total("documents") == 200
    assert local.total("events") > 400
    for name in TABLES:
        assert _table(tmp_path / "local", name) == _table(tmp_path / "spark", name), name
    failures = _table(tmp_path / "spark", "failures")
    assert sorted(row["code"] for row in failures) == ["ING004", "ING004", "ING008"]
    assert all(row["source"] == "reports.jsonl" and row["line"] for row in failures)
    events = _table(tmp_path / "spark", "events")
    assert len({row["event_id"] for row in events}) == len(events)
    assert all(row["event_date"] and row["sub_event_type"] and row["evidence_sentence"]
               for row in events)


@pytest.mark.slow
def test_a_rerun_skips_finished_partitions_and_redoes_a_lost_one(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", 30)
    out = tmp_path / "out"
    first = run_batch(source, out, partition_rows=10)
    before = _table(out, "events")
    lost = first.partitions[1].partition_id
    (out / "_partitions" / f"{lost}.json").unlink()  # as if its worker had died
    (out / "events" / f"{lost}.parquet").unlink()
    again = run_batch(source, out, partition_rows=10)
    assert again.skipped == 2 and [r.partition_id for r in again.results if not r.skipped] == [lost]
    assert _table(out, "events") == before
    with pytest.raises(BatchError, match="--partition-rows 10, not 7"):
        run_batch(source, out, partition_rows=7)


@pytest.mark.slow
def test_the_command_writes_tables_and_loads_the_store_once(tmp_path: Path) -> None:
    from frontwatch.store import Store

    source = _corpus(tmp_path, 12)
    database = f"sqlite:///{tmp_path / 'fw.db'}"
    command = ["batch", str(source), "--out", str(tmp_path / "out"), "--workers", "1",
               "--partition-rows", "5", "--db", database]
    done = CliRunner().invoke(main, command)
    assert done.exit_code == 0, done.output
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["documents"] == 12 and summary["failures"] == 3
    assert summary["loaded"]["documents"] == 12 and summary["peak_mib_per_worker"] > 0
    again = json.loads(CliRunner().invoke(main, command).stdout.strip().splitlines()[-1])
    assert again["skipped"] == again["partitions"] and again["loaded"]["duplicates"] == 12
    with Store(database) as store:
        assert store.document_count() == 12
        stored = {event.event_id for event in store.iter_events()}
        assert stored and stored <= {row["event_id"] for row in _table(tmp_path / "out", "events")}
        assert len(store.failures()) == 6  # each run records the rows that gave no document
    wrong = CliRunner().invoke(main, ["batch", str(tmp_path / "fw.db"), "--out",
                                      str(tmp_path / "o2")])
    assert wrong.exit_code == 1 and "fw.db: not a batch input" in str(wrong.exception)


@pytest.mark.slow
def test_jsonl_tables_hold_the_parquet_rows_and_load_the_same(tmp_path: Path) -> None:
    from frontwatch.store import Store

    source = _corpus(tmp_path, 6)
    run_batch(source, tmp_path / "parquet", partition_rows=4)
    lines = run_batch(source, tmp_path / "jsonl", partition_rows=4, output_format="jsonl",
                      db=f"sqlite:///{tmp_path / 'fw.db'}")
    for name in TABLES:
        files = sorted((tmp_path / "jsonl" / name).glob("*.jsonl"))
        assert files and not list((tmp_path / "jsonl" / name).glob("*.parquet"))
        rows = [json.loads(line) for path in files
                for line in path.read_text(encoding="utf-8").splitlines()]
        expected = json.loads(json.dumps(_table(tmp_path / "parquet", name), default=str))
        assert sorted(rows, key=lambda row: json.dumps(row, sort_keys=True)) == \
            sorted(expected, key=lambda row: json.dumps(row, sort_keys=True)), name
    assert lines.loaded is not None and lines.loaded.documents == 6
    with Store(f"sqlite:///{tmp_path / 'fw.db'}") as store:
        assert store.document_count() == 6
    with pytest.raises(BatchError, match="--format jsonl, not parquet"):
        run_batch(source, tmp_path / "jsonl", partition_rows=4)
