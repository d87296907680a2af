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


def test_a_near_miss_recalling_the_event_is_no_report_of_it(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    """A later report whose background sentence recalls the shelling adds a source to it, but
    its own (lead) event is another: scored apart, while the any-shared-event count joins it."""
    gold = tmp_path / "gold.jsonl"
    rows = GOLD.read_text(encoding="utf-8").splitlines()[:2] + [
        '{"id": "a9", "published": "2024-05-11", "publisher": "Radio Nine", "cluster": "n9", '
        '"text": "GOMA, May 11 - Hundreds of displaced people marched peacefully through Goma '
        'on Saturday to demand protection. On Monday, M23 shells struck a displacement camp in '
        'Goma, killing nine people."}']
    gold.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = score_fusion(gold, gazetteer)
    assert (report.true_positives, report.false_positives) == (1, 0)
    assert report.any_event is not None and report.any_event.false_positives == 2


def test_a_gold_row_without_its_cluster_is_a_format_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "t", "published": "2024-01-01"}\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match="cluster"):
        score_fusion(bad)


def test_the_command_prints_pairwise_scores() -> None:
    result = CliRunner().invoke(main, ["eval", "fusion", str(GOLD)])
    assert result.exit_code == 0 and "pairwise precision: 1.0000" in result.stdout


def test_the_fusion_gold_has_the_clusters_and_near_misses_issue_5_asks() -> None:
    """tests/gold/fusion_gold.jsonl: 64 reports we wrote (a helper session, blind to the code):
    22 events told by 2-3 outlets each in other words, transliterations and tolls, and 14
    near-misses (same place and type another day, same day and type 60+ km away, same day and
    place another kind of event) that must stay apart. First scored at pairwise F1 0.786
    (P 1.000, R 0.647) at commit e93ca4b (counted as any shared event; by lead events, as
    scored since session 10, 0.786 at 23f37f2).

    tests/gold/fusion_gold2.jsonl: 73 reports by another helper, blind to the code and to the
    first set: 24 events told 2-3 times, 16 near-misses, 21 countries. First scored at 23f37f2:
    lead-event F1 0.783 (P 1.000, R 0.643), any-shared-event F1 0.720 (P 0.818)."""
    import json
    from collections import defaultdict

    for name in ("fusion_gold.jsonl", "fusion_gold2.jsonl"):
        rows = [json.loads(line) for line in (Path(__file__).parent / "gold" / name)
                .read_text(encoding="utf-8").splitlines() if line]
        members: dict[str, list[dict[str, str]]] = defaultdict(list)
        for row in rows:
            members[row["cluster"]].append(row)
        clusters = [group for group in members.values() if len(group) > 1]
        assert len(clusters) >= 15 and all(2 <= len(group) <= 3 for group in clusters)
        assert sum(1 for group in members.values() if len(group) == 1) >= 12
        assert all(len({row["publisher"] for row in group}) == len(group) for group in clusters)
