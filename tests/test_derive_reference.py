"""Issue #6's "done when" on the reference article ingested alone: control, the N4, two
enclaves besieged by the Islamic State, the atrocity-risk and humanitarian alerts, each with
evidence offsets into the article."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import frontwatch
from frontwatch.derive import Situation
from frontwatch.jobs import ingest, situation
from frontwatch.store import Store

IS, REGIME = "Islamic State (Syria)", "Military Forces of Syria"


@pytest.fixture(scope="module")
def found(reference_path: Path, gazetteer, tmp_path_factory) -> tuple[Situation, str]:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path_factory.mktemp('derive') / 'fw.db'}"
    with Store(url) as store:
        ingest([reference_path], store, published=dt.date(2017, 1, 18), gazetteer=gazetteer)
        text = next(document.text for _, document in store.stored_documents())
        return situation(store, None, gazetteer), text


def test_who_holds_what(found) -> None:  # type: ignore[no-untyped-def]
    held = {fact.place: (fact.controller, fact.extent) for fact in found[0].control}
    assert held["al-Joura"] == (REGIME, None) and held["al-Qusour"] == (REGIME, None)
    assert held["Deir ez-Zor Military Airport"] == (REGIME, None)
    region = [fact for fact in found[0].control if fact.place_id.startswith("admin1:sy:deir")]
    assert [(fact.controller, fact.extent) for fact in region] == [(IS, "most")]


def test_the_n4_is_cut_from_the_sixteenth(found) -> None:  # type: ignore[no-untyped-def]
    roads = [road for road in found[0].roads if road.road == "N4"]
    assert [(road.status, road.since, road.actor) for road in roads] == \
        [("cut", dt.date(2017, 1, 16), IS)]


def test_two_enclaves_besieged_by_the_islamic_state(found) -> None:  # type: ignore[no-untyped-def]
    sieges = {tuple(sorted(siege.places)): siege for siege in found[0].sieges}
    assert set(sieges) == {("al-Joura", "al-Qusour"), ("Deir ez-Zor Military Airport",)}
    districts = sieges[("al-Joura", "al-Qusour")]
    assert (districts.holder, districts.besieger, districts.start) == \
        (REGIME, IS, dt.date(2017, 1, 16))
    assert (districts.population, districts.population_source) == (100_000, "reported")
    assert districts.airdrop and sieges[("Deir ez-Zor Military Airport",)].airdrop


def test_an_atrocity_risk_alert_with_quotes_and_the_caveat(found) -> None:  # type: ignore[no-untyped-def]
    situation_found, text = found
    risk = [alert for alert in situation_found.alerts if alert.kind == "atrocity_risk"]
    assert len(risk) == 1
    alert = risk[0]
    assert set(alert.places) == {"al-Joura", "al-Qusour"} and alert.actors == (IS,)
    assert alert.population == 100_000 and alert.severity == "critical"
    assert alert.certainty == "feared"
    assert any("mass executions" in quote.sentence for quote in alert.quotes)
    assert any("propaganda" in caveat.sentence for caveat in alert.caveats)
    for quote in (*alert.quotes, *alert.caveats):
        assert text[quote.start:quote.end] == quote.sentence


def test_a_humanitarian_alert_for_food(found) -> None:  # type: ignore[no-untyped-def]
    food = [alert for alert in found[0].alerts if alert.kind == "humanitarian"]
    assert len(food) == 1 and set(food[0].places) == {"al-Joura", "al-Qusour"}
    assert any("vegetables" in quote.sentence for quote in food[0].quotes)


def test_the_commands_print_control_and_alerts(found, reference_path: Path,  # type: ignore[no-untyped-def]
                                               tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from frontwatch.cli import main

    url = f"sqlite:///{tmp_path / 'fw.db'}"
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(reference_path), "--db", url,
                                "--published", "2017-01-18"]).exit_code == 0
    control = [json.loads(line) for line in
               runner.invoke(main, ["control", "--db", url]).stdout.splitlines()]
    assert {line["type"] for line in control} == {"control", "road", "siege"}
    alerts = [json.loads(line) for line in
              runner.invoke(main, ["alerts", "--db", url]).stdout.splitlines()]
    assert {line["kind"] for line in alerts} >= {"atrocity_risk", "humanitarian", "siege_started"}
    assert frontwatch.__version__
