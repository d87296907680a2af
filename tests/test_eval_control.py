"""The control scorer (``frontwatch eval control``) on a scenario we wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontwatch.cli import main
from frontwatch.errors import GoldFormatError
from frontwatch.eval.control import score_control

GOLD = Path(__file__).parent / "fixtures" / "control_small.jsonl"


def test_a_road_cut_and_reopened_scores_every_category(gazetteer) -> None:  # type: ignore[no-untyped-def]
    summary = score_control(GOLD, gazetteer).summary()
    assert summary["f1"] == 1.0 and summary["sieges_f1"] == 1.0 and summary["roads_f1"] == 1.0


def test_a_wrong_expectation_is_missed_and_what_was_found_is_spurious(  # type: ignore[no-untyped-def]
        tmp_path: Path, gazetteer) -> None:
    row = json.loads(GOLD.read_text(encoding="utf-8"))
    row["expect"]["control"][0]["controller"] = "M23: March 23 Movement"
    wrong = tmp_path / "wrong.jsonl"
    wrong.write_text(json.dumps(row) + "\n", encoding="utf-8")
    report = score_control(wrong, gazetteer)
    counts = report.counts["control"]
    assert (counts.true_positives, counts.false_positives, counts.false_negatives) == (0, 1, 1)
    assert any(line.startswith("missed") for line in report.errors)


def test_a_scenario_without_reports_is_a_format_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "day": "2024-01-01"}\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match="reports"):
        score_control(bad)


def test_the_command_prints_the_scores() -> None:
    result = CliRunner().invoke(main, ["eval", "control", str(GOLD)])
    assert result.exit_code == 0 and "all      precision: 1.0000" in result.stdout


def test_the_control_gold_has_varied_scenarios() -> None:
    """tests/gold/control_gold.jsonl: 24 scenarios (46 reports, 20 countries) written by a
    helper blind to the code: towns captured and retaken, roads cut and reopened, sieges with
    and without a named holder, fears of reprisals, three scenarios with nothing to derive.
    First scored at de2bad5: F1 0.411 (control 0.710, roads 0.167, sieges 0.000, alerts
    0.440)."""
    rows = [json.loads(line) for line in (Path(__file__).parent / "gold" / "control_gold.jsonl")
            .read_text(encoding="utf-8").splitlines() if line]
    assert len(rows) >= 20
    assert sum(1 for row in rows if not any(row["expect"].values())) >= 3
    assert sum(1 for row in rows if row["expect"]["sieges"]) >= 6
