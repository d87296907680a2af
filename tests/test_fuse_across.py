"""Fusion across reports (issue #5): which events are one, how they merge, in any order."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import itertools
from pathlib import Path

import pytest

from frontwatch.fuse.across import CrossReportFusion, merge, same_event
from frontwatch.records import Document, Event, Evidence, Provenance
from frontwatch.store import Store

DAY = dt.date(2017, 1, 15)


def _told(doc_id: str, *, sub_event_type: str = "Non-state actor overtakes territory",
          day: dt.date = DAY, lat: float = 35.29, lon: float = 40.18, deaths: int = 0,
          actor1: str = "Islamic State", actor2: str | None = "Military Forces of Syria",
          publisher: str = "Wire") -> Event:
    return Event(event_id=f"evt-{doc_id}", event_date=day, time_precision=1,
                 disorder_type="Political violence", event_type="Battles",
                 sub_event_type=sub_event_type, actor1=actor1, inter1=2, actor2=actor2,
                 inter2=1, country="Syria", location="Deir ez-Zor", latitude=lat, longitude=lon,
                 fatalities=deaths, evidence=(Evidence(doc_id, f"Told by {doc_id}.", 0, 10),),
                 doc_ids=(doc_id,), provenance=Provenance((doc_id,), (f"m-{doc_id}",),
                                                          (publisher,)))


def test_the_same_event_in_other_words_is_one() -> None:
    stored = _told("a")
    assert same_event(stored, _told("b", day=DAY + dt.timedelta(days=1), lat=35.33, lon=40.14))
    assert same_event(stored, _told("c", actor1="Unidentified Armed Group (Syria)"))
    assert same_event(_told("d", sub_event_type="Air/drone strike"),
                      _told("e", sub_event_type="Shelling/artillery/missile attack"))
    # a raid that took hostages and killed one: a kidnapping for one outlet, an attack for another
    kidnapping = _told("f", sub_event_type="Abduction/forced disappearance",
                       actor1="Unidentified Armed Group (Syria)", actor2="Civilians (Syria)")
    attack = _told("g", sub_event_type="Attack", actor1="Unidentified Armed Group (Syria)",
                   actor2="Civilians (Syria)", deaths=1)
    assert same_event(kidnapping, attack)
    assert merge([attack, kidnapping]).sub_event_type == "Abduction/forced disappearance"


@pytest.mark.parametrize("other", [
    _told("x", day=DAY + dt.timedelta(days=3)),                      # three days later
    _told("y", lat=35.95, lon=39.01),                                # Raqqa, 130 km away
    _told("z", sub_event_type="Armed clash"),                        # another kind of event
    _told("w", actor1="Hayat Tahrir al-Sham", actor2="Ahrar al-Sham"),  # other parties
])
def test_near_misses_stay_apart(other: Event) -> None:
    assert not same_event(_told("a"), other)


def test_a_merge_keeps_every_source_and_the_lowest_toll_whatever_the_order() -> None:
    members = [_told("b", deaths=12, publisher="Outlet B"), _told("a", deaths=5),
               _told("c", deaths=7, publisher="Outlet C")]
    fused = [merge(list(order)) for order in itertools.permutations(members)]
    assert all(event == fused[0] for event in fused)
    event = fused[0]
    assert event.event_id == "evt-a" and event.fatalities == 5 and "5–12 deaths" in event.notes
    assert event.doc_ids == ("a", "b", "c") and len(event.evidence) == 3
    assert event.provenance is not None
    assert event.provenance.publishers == ("Outlet B", "Outlet C", "Wire")


def _ingest(store: Store, tellings: list[Event]) -> None:
    for event in tellings:
        doc_id = event.doc_ids[0]
        store.add_analysed(Document(id=doc_id, text=f"The report of {doc_id}."), [event])


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_store_fuses_reports_in_any_order_to_the_same_events(
        backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    tellings = [_told("a", deaths=5), _told("b", deaths=12, publisher="Outlet B"),
                _told("c", deaths=7, lat=35.31, publisher="Outlet C"),
                _told("d", day=DAY + dt.timedelta(days=4))]             # a later event
    results = []
    for index, order in enumerate([tellings, tellings[::-1], [tellings[2], tellings[0],
                                                              tellings[3], tellings[1]]]):
        url = f"sqlite:///{tmp_path / f'{index}.db'}"
        with contextlib.ExitStack() as stack:
            if backend == "postgresql":
                from pg_cluster import fresh_database

                url = stack.enter_context(fresh_database(request.getfixturevalue("pg_server")))
            store = stack.enter_context(Store(url, fusion=CrossReportFusion()))
            _ingest(store, order)
            results.append((store.events(), {e.event_id: len(store.event_sources(e.event_id))
                                             for e in store.events()}))
    assert all(result == results[0] for result in results)
    events, sources = results[0]
    assert [e.event_id for e in events] == ["evt-a", "evt-d"]
    assert events[0].fatalities == 5 and sources == {"evt-a": 3, "evt-d": 1}


def test_without_fusion_every_report_keeps_its_own_event(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'plain.db'}") as store:
        _ingest(store, [_told("a"), _told("b")])
        assert len(store.events()) == 2


def test_a_member_told_twice_by_one_document_is_kept_once(tmp_path: Path) -> None:
    event = _told("a")
    with Store(f"sqlite:///{tmp_path / 'once.db'}", fusion=CrossReportFusion()) as store:
        store.add_analysed(Document(id="a", text="One report."),
                           [event, dataclasses.replace(event)])
        assert len(store.event_sources("evt-a")) == 1


REPORTS = Path(__file__).parent / "fixtures" / "reports"


@pytest.mark.shared
def test_three_outlets_of_the_reference_events_give_one_event_each(reference_path: Path,
                                                                   tmp_path: Path,
                                                                   gazetteer) -> None:  # type: ignore[no-untyped-def]
    """The reference article and two reports of its events we wrote in other words (other
    transliterations, other tolls): one event per real event, three sources, the lower toll."""
    from frontwatch.jobs import ingest

    with Store(f"sqlite:///{tmp_path / 'trio.db'}", fusion=CrossReportFusion()) as store:
        for path, day, publisher in [
                (reference_path, dt.date(2017, 1, 18), "Syria Direct"),
                (REPORTS / "deir-ezzor-levant-wire-2017-01-18.txt", dt.date(2017, 1, 18),
                 "Levant Wire"),
                (REPORTS / "dayr-az-zawr-gulf-daily-2017-01-19.txt", dt.date(2017, 1, 19),
                 "Gulf Daily")]:
            ingest([path], store, published=day, publisher=publisher, gazetteer=gazetteer)
        stored = store.events()
        cut = [e for e in stored if e.sub_event_type == "Non-state actor overtakes territory"]
        assert len(cut) == 1 and cut[0].event_date == dt.date(2017, 1, 16)
        assert len(store.event_sources(cut[0].event_id)) == 3
        assert cut[0].provenance is not None and \
            set(cut[0].provenance.publishers) == {"Syria Direct", "Levant Wire", "Gulf Daily"}
        battle = [e for e in stored if e.sub_event_type == "Armed clash" and
                  e.event_date == dt.date(2017, 1, 13)]
        assert len(battle) == 1 and len(store.event_sources(battle[0].event_id)) == 3
        # "scores on both sides" (20) and "dozens of fighters" (12): the lower is coded
        assert battle[0].fatalities == 12 and "12–20" in battle[0].notes
        assert all(e.country == "Syria" and e.location == "Deir ez-Zor" for e in stored)


def test_one_day_of_unrest_told_as_a_riot_and_as_police_shooting_is_one_event() -> None:
    riot = _told("r", sub_event_type="Violent demonstration", actor1="Rioters (Kenya)",
                 actor2="Police Forces of Kenya")
    shooting = _told("s", sub_event_type="Excessive force against protesters",
                     actor1="Police Forces of Kenya", actor2="Protesters (Kenya)")
    assert same_event(riot, shooting)
    assert merge([riot, shooting]).sub_event_type == "Excessive force against protesters"


def test_the_fused_event_counts_its_sources_and_keeps_where_they_disagree() -> None:
    fused = merge([_told("a", deaths=5, publisher="Wire"),
                   _told("b", deaths=9, publisher="Radio",
                         actor1="Unidentified Armed Group (Syria)"),
                   _told("c", deaths=5, publisher="Wire")])
    assert fused.provenance is not None and fused.provenance.corroboration == 2
    assert fused.provenance.conflicts == ("deaths: 5 (Wire); 9 (Radio)",)
    assert fused.fatalities == 5
    from frontwatch.export import event_record

    record = event_record(fused)
    assert record["corroboration"] == 2 and record["conflicts"] == list(
        fused.provenance.conflicts)
