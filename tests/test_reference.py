"""Issue #2's "done when" on the reference article (../shared/reference), from the library."""

import datetime as dt

import pytest

import frontwatch
from frontwatch.eval.metrics import haversine_km

DEIR_EZ_ZOR = (35.34, 40.14)
AMMAN, MOSUL = (31.95, 35.93), (36.34, 43.13)


@pytest.fixture(scope="module")
def analysis(reference_path, gazetteer):  # type: ignore[no-untyped-def]
    document = frontwatch.read_document(reference_path, published="2017-01-18",
                                        publisher="Syria Direct")
    return frontwatch.analyse(document, gazetteer)


def _near(event: frontwatch.Event, point: tuple[float, float], km: float) -> bool:
    return event.latitude is not None and haversine_km(
        event.latitude, event.longitude, *point) <= km  # type: ignore[arg-type]


def test_armed_clash_between_is_and_the_regime_in_deir_ez_zor(analysis) -> None:  # type: ignore[no-untyped-def]
    clashes = [e for e in analysis.events if e.sub_event_type == "Armed clash" and
               {e.actor1, e.actor2} == {"Islamic State (Syria)", "Military Forces of Syria"}]
    assert clashes
    assert all(_near(e, DEIR_EZ_ZOR, 15) for e in clashes)
    assert any(dt.date(2017, 1, 13) <= e.event_date <= dt.date(2017, 1, 18) for e in clashes)


def test_cutting_the_n4_is_a_territorial_gain_on_monday(analysis) -> None:  # type: ignore[no-untyped-def]
    cut = [e for e in analysis.events if e.sub_event_type == "Non-state actor overtakes territory"
           and e.event_date == dt.date(2017, 1, 16)]
    assert cut and cut[0].actor1 == "Islamic State (Syria)"
    assert "N4" in cut[0].evidence[0].sentence


def test_russian_air_strikes_are_coded(analysis) -> None:  # type: ignore[no-untyped-def]
    strikes = [e for e in analysis.events if e.sub_event_type == "Air/drone strike" and
               "Russia" in e.actor1]
    folded = [e for e in analysis.events if e.sub_event_type == "Armed clash" and
              "Military Forces of Russia" in f"{e.assoc_actor_1} {e.assoc_actor_2}"]
    assert strikes or folded
    evidence = [ev.sentence for e in strikes + folded for ev in e.evidence]
    assert any("airstrikes" in sentence for sentence in evidence)


def test_no_event_in_the_dateline_or_background(analysis) -> None:  # type: ignore[no-untyped-def]
    for event in analysis.events:
        assert not _near(event, AMMAN, 50) and not _near(event, MOSUL, 50)
        assert event.event_date.year == 2017
        assert event.country == "Syria"


def test_every_event_carries_its_evidence_with_offsets(analysis) -> None:  # type: ignore[no-untyped-def]
    text = analysis.document.text
    for event in analysis.events:
        assert event.evidence
        for evidence in event.evidence:
            assert text[evidence.start:evidence.end] == evidence.sentence


def test_amman_is_the_dateline(analysis) -> None:  # type: ignore[no-untyped-def]
    amman = [p for p in analysis.places.places if p.text.lower() == "amman"]
    assert amman and all(p.role == "dateline" for p in amman)
    assert analysis.places.focus_country == "SY"


def test_feared_executions_are_not_events(analysis) -> None:  # type: ignore[no-untyped-def]
    feared = [m for m in analysis.mentions if "execut" in m.trigger.text]
    assert feared and all(m.certainty in ("feared", "hypothetical") for m in feared)
    assert not any("execut" in e.evidence[0].sentence and e.sub_event_type == "Attack"
                   for e in analysis.events)


def test_the_aim_to_capture_is_not_a_capture(analysis) -> None:  # type: ignore[no-untyped-def]
    territorial = [e for e in analysis.events if "territory" in e.sub_event_type]
    assert [e.event_date for e in territorial] == [dt.date(2017, 1, 16)]


def test_places_of_the_reference_article(analysis) -> None:  # type: ignore[no-untyped-def]
    # Issue #4: the city, its military airport within 3 km, the two districts within 5 km of the
    # centre, Mosul in Iraq and never an event place.
    places = {ref.text: ref for ref in analysis.places.places if ref.resolved}
    airport = places["Deir e-Zor military airport"]
    assert haversine_km(airport.latitude, airport.longitude, 35.28, 40.18) <= 3
    for district in ("al-Joura", "al-Qasour"):
        ref = places[district]
        assert haversine_km(ref.latitude, ref.longitude, 35.336, 40.141) <= 5
    assert places["Mosul"].country_code == "IQ"
    located = {(m.place.start, m.place.end) for m in analysis.mentions if m.place is not None}
    assert (places["Mosul"].start, places["Mosul"].end) not in located
