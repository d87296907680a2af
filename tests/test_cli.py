"""The command-line contract: formats, exit codes, error messages naming the input and line."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontwatch.cli import main

REPORT = ("Gunmen attack village in Zamfara\n\nGUSAU, Nigeria (Reuters) - Gunmen on motorcycles "
          "attacked the village of Kwara in Zamfara State on Sunday, killing nine villagers "
          "and abducting at least 20 others, police said on Monday.\n")


@pytest.fixture(scope="module")
def runner(gazetteer) -> CliRunner:  # type: ignore[no-untyped-def]
    return CliRunner()


@pytest.fixture()
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_extract_jsonl(runner: CliRunner, report: Path) -> None:
    result = runner.invoke(main, ["extract", str(report), "--published", "2024-03-11",
                                  "--publisher", "Wire"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events, "the attack is reported"
    event = events[0]
    assert event["sub_event_type"] in {"Attack", "Abduction/forced disappearance"}
    assert event["event_date"] == "2024-03-10"
    assert event["country"] == "Nigeria"
    assert event["evidence"][0]["sentence"] in REPORT
    assert event["source"].startswith("Wire")


@pytest.mark.parametrize("output_format", ["csv", "geojson", "acled-csv"])
def test_extract_formats(runner: CliRunner, report: Path, output_format: str) -> None:
    result = runner.invoke(main, ["extract", str(report), "--published", "2024-03-11",
                                  "--format", output_format])
    assert result.exit_code == 0, result.output
    if output_format == "geojson":
        collection = json.loads(result.stdout)
        assert collection["type"] == "FeatureCollection"
        assert collection["features"][0]["geometry"]["type"] == "Point"
    else:
        header = result.stdout.splitlines()[0]
        assert header.startswith("event_id" if output_format == "csv" else "event_id_cnty,")


def test_missing_file_exits_1_naming_it(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = runner.invoke(main, ["extract", str(missing)])
    assert result.exit_code == 1
    assert f"error [ING001]: {missing}: no such file" in result.stderr


def test_batch_goes_on_and_reports_failures_at_the_end(runner: CliRunner, tmp_path: Path,
                                                       report: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "ok", "text": REPORT, "published": "2024-03-11"})
                    + "\n{broken\n", encoding="utf-8")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Caf\xe9 attack".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_text("\n \n", encoding="utf-8")
    result = runner.invoke(main, ["extract", str(feed), str(latin), str(empty), str(report),
                                  "--published", "2024-03-11"])
    assert result.exit_code == 1
    assert len([line for line in result.stdout.splitlines() if line]) >= 2
    assert f"error [ING004]: {feed}:2: malformed JSON" in result.stderr
    assert f"error [ING002]: {latin}: not valid UTF-8" in result.stderr
    assert f"error [ING003]: {empty}: document is empty" in result.stderr
    assert "3 input(s) failed" in result.stderr


def test_usage_errors_exit_2(runner: CliRunner, report: Path) -> None:
    assert runner.invoke(main, ["extract", str(report), "--format", "xml"]).exit_code == 2
    assert runner.invoke(main, ["extract", str(report), "--published", "18/01/2017"]
                         ).exit_code == 2
    assert runner.invoke(main, ["nonsense"]).exit_code == 2


def test_classify_tsv(runner: CliRunner, tmp_path: Path) -> None:
    tsv = tmp_path / "in.tsv"
    tsv.write_text("id\ttext\n1\tThousands of protesters marched peacefully through the "
                   "capital on Saturday.\n2\tThe central bank raised interest rates.\n",
                   encoding="utf-8")
    result = runner.invoke(main, ["classify", str(tsv)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["id\tsub_event_type", "1\tPeaceful protest", "2\tnone"]


def test_places_lines(runner: CliRunner, report: Path) -> None:
    result = runner.invoke(main, ["places", str(report), "--published", "2024-03-11"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    keys = {"doc_id", "text", "start", "end", "name", "latitude", "longitude", "country_code",
            "admin1", "feature", "gazetteer_id", "is_event_location", "admin2", "match",
            "candidates"}
    assert all(keys <= set(row) for row in rows)
    resolved = [row for row in rows if row["gazetteer_id"]]
    # The chosen entry is among the ranked candidates, each with its spelling similarity.
    assert resolved and all(row["gazetteer_id"] in {c["gazetteer_id"] for c in row["candidates"]}
                            for row in resolved)
    assert all(0 <= c["similarity"] <= 1 for row in rows for c in row["candidates"])
    gusau = [row for row in rows if row["text"] == "GUSAU"]
    assert gusau and not gusau[0]["is_event_location"]
    assert all(REPORT[row["start"]:row["end"]] == row["text"] for row in rows)


def test_extract_reads_stdin(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract", "-", "--published", "2024-03-11"], input=REPORT)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.splitlines()[0])["country"] == "Nigeria"


def test_classify_reads_stdin_and_names_bad_rows(runner: CliRunner) -> None:
    result = runner.invoke(main, ["classify", "-"], input="7\tRebels shelled the town.\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "7\tShelling/artillery/missile attack"
    bad = runner.invoke(main, ["classify", "-"], input="only-an-id\n")
    assert bad.exit_code == 1 and "error [EVL001]: -:1: expected id<TAB>text" in bad.stderr


def test_unwritable_out_is_a_clear_error(runner: CliRunner, report: Path, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "dir" / "out.jsonl"
    result = runner.invoke(main, ["extract", str(report), "--published", "2024-03-11",
                                  "--out", str(target)])
    assert result.exit_code == 1 and f"{target}: cannot write" in result.stderr
