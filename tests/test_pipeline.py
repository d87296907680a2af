"""The whole path on our own sample articles, and the per-document error policy."""

import datetime as dt
from pathlib import Path

import pytest

import frontwatch
from frontwatch.errors import InputNotFoundError
from frontwatch.pipeline import iter_analyses
from frontwatch.records import Failure

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_every_sample_yields_events_with_evidence(gazetteer) -> None:  # type: ignore[no-untyped-def]
    result = frontwatch.run(sorted(SAMPLES.glob("*.txt")) + [SAMPLES / "feed.jsonl"],
                            published=dt.date(2024, 5, 15))
    assert not result.failures
    by_doc = {a.document.source_path: a for a in result.analyses}
    for path in SAMPLES.glob("*.txt"):
        assert by_doc[str(path)].events, path.name
    for event in result.events:
        assert event.evidence and event.doc_ids and event.stage
        assert event.sub_event_type and event.actor1


def test_siege_report_places_the_events_in_the_besieged_area(gazetteer) -> None:  # type: ignore[no-untyped-def]
    document = frontwatch.read_document(SAMPLES / "siege-report.txt", published="2024-05-15")
    analysis = frontwatch.analyse(document, gazetteer)
    dateline = [p for p in analysis.places.places if p.role == "dateline"]
    assert dateline, "the siege report carries a dateline"
    assert analysis.places.focus_country == "BF"
    assert all(event.country == "Burkina Faso" for event in analysis.events)


def test_error_policy(tmp_path: Path) -> None:
    missing = frontwatch.read_documents(tmp_path / "missing.txt")
    outcomes = list(iter_analyses(missing, "record"))
    assert isinstance(outcomes[0], Failure) and outcomes[0].code == "ING001"
    with pytest.raises(InputNotFoundError):
        list(iter_analyses(frontwatch.read_documents(tmp_path / "missing.txt"), "raise"))


def test_no_publication_date_means_no_dated_events(gazetteer) -> None:  # type: ignore[no-untyped-def]
    document = frontwatch.make_document("Gunmen killed five villagers in Zamfara on Monday.",
                                        source="t")
    analysis = frontwatch.analyse(document, gazetteer)
    assert analysis.mentions and not analysis.events
