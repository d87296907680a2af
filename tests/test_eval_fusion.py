"""The fusion scorer (``frontwatch eval fusion``) on a small gold we wrote."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from frontwatch.cli import main
from frontwatch.errors import GoldFormatError
from frontwatch.eval.fusion import score_fusion

GOLD = Path(__file__).parent / "fixtures" / "fusion_small.jsonl"


def test_two_tellings_fuse_and_a_later_shelling_stays_apart(gazetteer) -> None:  # type: ignore[no-untyped-def]
    report = score_fusion(GOLD, gazetteer)
    assert (report.true_positives, report.false_positives, report.false_negatives) == (1, 0, 0)
    assert report.f1 == 1.0 and report.clusters == 2


def test_a_gold_row_without_its_cluster_is_a_format_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "t", "published": "2024-01-01"}\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match="cluster"):
        score_fusion(bad)


def test_the_command_prints_pairwise_scores() -> None:
    result = CliRunner().invoke(main, ["eval", "fusion", str(GOLD)])
    assert result.exit_code == 0 and "pairwise precision: 1.0000" in result.stdout
