"""Issue #6 scenarios on reports we wrote: a town captured then retaken, a road cut then
reopened (the siege ends that day), a threat with no besieged population."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

from frontwatch.derive import Situation
from frontwatch.jobs import ingest, situation
from frontwatch.records import ControlFact, PlaceRef, RoadFact
from frontwatch.store import Store

IS, REGIME = "Islamic State (Syria)", "Military Forces of Syria"
M23, FARDC = "M23: March 23 Movement", "Military Forces of the Democratic Republic of Congo"

MANBIJ = [
    ("m1", "2015-05-21", "Islamic State seizes Manbij\n\nALEPPO, May 21 - Islamic State fighters "
     "seized the town of Manbij on Wednesday after government forces withdrew, a monitoring "
     "group said."),
    ("m2", "2015-09-02", "Manbij under IS rule\n\nResidents of IS-held Manbij said on Tuesday "
     "that the group had closed schools in the town."),
    ("m3", "2016-03-28", "Army retakes Manbij\n\nDAMASCUS, March 28 - Syrian government forces "
     "recaptured Manbij from Islamic State fighters on Sunday after three weeks of fighting, "
     "state media said."),
]
SAKE = [
    ("s1", "2024-02-10", "Rebels cut road to Sake\n\nGOMA, Feb 10 - M23 rebels cut the road "
     "linking Sake to Goma on Saturday, leaving the army-held town of Sake encircled, residents "
     "said. Food prices in the town have doubled."),
    ("s2", "2024-02-21", "Road to Sake reopened\n\nGOMA, Feb 21 - The Congolese army reopened the "
     "road between Sake and Goma on Tuesday after two days of fighting, residents said. Trucks "
     "carrying food reached the town in the afternoon."),
]
PALMYRA = [
    ("p1", "2016-12-01", "Army-held town encircled\n\nHOMS, Dec 1 - Islamic State fighters cut the "
     "road linking Palmyra to Homs on Thursday, leaving the army-held town of Palmyra encircled, "
     "residents said."),
    ("p2", "2016-12-11", "Islamic State retakes Palmyra\n\nBEIRUT, Dec 11 - Islamic State "
     "fighters seized the Syrian town of Palmyra on Sunday after Syrian government forces "
     "withdrew, a monitoring group said."),
]
DJIBO = [
    ("d1", "2022-02-21", "Last road to Djibo closed\n\nOUAGADOUGOU, Feb 21 - JNIM fighters closed "
     "the road between Djibo and Ouahigouya on Saturday, completing the encirclement of the "
     "northern town. Djibo is still held by the Burkinabe army, residents said."),
]
THREAT = [
    ("t1", "2024-06-12", "Fears of reprisals in Darfur village\n\nResidents of the village of "
     "Tawila fear reprisal killings by RSF fighters after clashes nearby on Tuesday, a local aid "
     "worker said. Many families have already fled."),
]


def _store(tmp_path: Path, reports: list[tuple[str, str, str]], gazetteer) -> Store:  # type: ignore[no-untyped-def]
    source = tmp_path / "reports.jsonl"
    source.write_text("".join(json.dumps({"id": doc_id, "published": day, "text": text}) + "\n"
                              for doc_id, day, text in reports), encoding="utf-8")
    store = Store(f"sqlite:///{tmp_path / 'fw.db'}")
    ingest([source], store, gazetteer=gazetteer)
    return store


def _on(store: Store, day: str, gazetteer) -> Situation:  # type: ignore[no-untyped-def]
    return situation(store, dt.date.fromisoformat(day), gazetteer)


def test_a_town_captured_then_retaken(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    with _store(tmp_path, MANBIJ, gazetteer) as store:
        before = _on(store, "2015-05-01", gazetteer)
        held = _on(store, "2015-10-01", gazetteer)
        after = _on(store, "2016-04-01", gazetteer)
    assert not before.control
    [taken] = [fact for fact in held.control if fact.place == "Manbij"]
    assert (taken.controller, taken.since, taken.rule) == (IS, dt.date(2015, 5, 20), "takeover")
    assert len(taken.evidence) == 2  # the capture and the statement that IS holds it
    [retaken] = [fact for fact in after.control if fact.place == "Manbij"]
    assert (retaken.controller, retaken.since) == (REGIME, dt.date(2016, 3, 27))
    assert all("Manbij" in item.sentence for item in retaken.evidence)


def test_a_road_reopened_ends_the_siege_that_day(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    with _store(tmp_path, SAKE, gazetteer) as store:
        during = _on(store, "2024-02-15", gazetteer)
        after = _on(store, "2024-02-22", gazetteer)
    [siege] = during.sieges
    assert (siege.places, siege.holder, siege.besieger) == (("Sake",), FARDC, M23)
    assert (siege.start, siege.end) == (dt.date(2024, 2, 10), None)
    assert [road.status for road in during.roads] == ["cut"]
    [ended] = after.sieges
    assert ended.end == dt.date(2024, 2, 20)
    assert {alert.kind for alert in after.alerts} >= {"siege_started", "siege_ended"}


def test_a_threat_without_a_besieged_population_is_less_severe(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    with _store(tmp_path, THREAT, gazetteer) as store:
        found = _on(store, "2024-06-12", gazetteer)
    [risk] = [alert for alert in found.alerts if alert.kind == "atrocity_risk"]
    assert risk.places == ("Tawila",) and risk.actors == ("RSF: Rapid Support Forces",)
    assert risk.severity in ("low", "medium") and risk.population is None
    assert not found.sieges


MELLIT = [
    ("n1", "2024-06-04", "RSF seizes Darfur town\n\nEL FASHER, June 4 - Rapid Support Forces "
     "fighters seized the town of Mellit in North Darfur on Monday after a day of fighting with "
     "the army, residents said."),
    ("n2", "2024-06-08", "Fears of reprisals in Mellit\n\nResidents of Mellit fear mass "
     "executions by RSF fighters who now control the town, a local aid worker said on Friday."),
]


def test_a_threat_to_a_newly_captured_population_is_more_severe(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    with _store(tmp_path, MELLIT, gazetteer) as store:
        found = _on(store, "2024-06-09", gazetteer)
        later = _on(store, "2024-08-01", gazetteer)
    [risk] = [alert for alert in found.alerts if alert.kind == "atrocity_risk"]
    assert risk.places == ("Mellit",) and risk.severity == "high"
    assert any("newly captured" in reason and "2024-06-03" in reason for reason in risk.reasons)
    [same] = [alert for alert in later.alerts if alert.kind == "atrocity_risk"]
    assert same.alert_id == risk.alert_id  # the same alert, not a new one


TOWNS = ["Bama", "Gwoza", "Konduga", "Dikwa", "Monguno", "Damboa", "Biu", "Ngala", "Mafa",
         "Kukawa"]


def _attack(number: int, day: dt.date) -> tuple[str, str, str]:
    town = TOWNS[number % len(TOWNS)]
    when = f"{day.day} {day.strftime('%B')}"
    return (f"b{number}", (day + dt.timedelta(days=1)).isoformat(),
            f"Gunmen attack {town}\n\nMAIDUGURI - Suspected Boko Haram fighters attacked the town "
            f"of {town} in Borno State on {when}, killing two civilians, residents said.")


def _weeks(last_week_attacks: int) -> list[tuple[str, str, str]]:
    """One attack a week in Borno for eight weeks, then ``last_week_attacks`` in the ninth."""
    start = dt.date(2024, 3, 4)
    reports = [_attack(week, start + dt.timedelta(weeks=week)) for week in range(8)]
    ninth = start + dt.timedelta(weeks=8)
    reports += [_attack(100 + number, ninth + dt.timedelta(days=number % 6))
                for number in range(last_week_attacks)]
    return reports


def test_a_week_of_escalating_attacks_raises_an_escalation_alert(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    with _store(tmp_path, _weeks(6), gazetteer) as store:
        found = _on(store, "2024-05-05", gazetteer)
    [alert] = [alert for alert in found.alerts if alert.kind == "escalation"]
    assert alert.places == ("Borno, Nigeria",) and len(alert.quotes) == 6
    assert "Poisson" in alert.reasons[0]


def test_a_steady_baseline_raises_none(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    with _store(tmp_path, _weeks(1), gazetteer) as store:
        found = _on(store, "2024-05-05", gazetteer)
    assert not [alert for alert in found.alerts if alert.kind == "escalation"]


def test_the_poisson_tail() -> None:
    from frontwatch.derive.alerts import poisson_tail

    assert poisson_tail(0, 2.0) == 1.0
    assert abs(poisson_tail(1, 2.0) - (1 - 0.1353352832)) < 1e-9
    assert poisson_tail(6, 1.0) < 0.01 < poisson_tail(3, 1.0)


def test_the_sample_siege_report_a_town_of_unknown_holder(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    """samples/siege-report.txt (written in session 8, before this code): JNIM cut the last road
    to Djibo, where 270,000 people are trapped; no report says who holds the town."""
    report = Path(__file__).resolve().parents[1] / "samples" / "siege-report.txt"
    with Store(f"sqlite:///{tmp_path / 'fw.db'}") as store:
        ingest([report], store, published=dt.date(2024, 5, 15), gazetteer=gazetteer)
        found = _on(store, "2024-05-20", gazetteer)
    [siege] = found.sieges
    assert siege.places == ("Djibo",) and siege.holder is None
    assert siege.besieger == "JNIM: Group for Support of Islam and Muslims"
    assert (siege.population, siege.population_source) == (270_000, "reported")
    [risk] = [alert for alert in found.alerts if alert.kind == "atrocity_risk"]
    assert risk.places == ("Djibo",) and risk.severity == "critical"


BABANUSA = [
    ("u1", "2024-05-10", "RSF tighten ring around Babanusa\n\nRapid Support Forces fighters have "
     "encircled Babanusa since 3 May, residents said. Some 40,000 people are trapped in the town, "
     "where the army's 22nd Division is based."),
    ("u2", "2024-06-22", "Babanusa convoy gets through\n\nAn army column broke through to "
     "Babanusa on 20 June, ending the siege of the town, military sources said."),
]


def test_a_siege_reported_lifted_ends_that_day(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    with _store(tmp_path, BABANUSA, gazetteer) as store:
        during = _on(store, "2024-06-01", gazetteer)
        after = _on(store, "2024-06-25", gazetteer)
    [siege] = during.sieges
    assert siege.places == ("Babanūsah",) and siege.besieger == "RSF: Rapid Support Forces"
    assert (siege.start, siege.end, siege.population) == (dt.date(2024, 5, 3), None, 40_000)
    assert [ended.end for ended in after.sieges] == [dt.date(2024, 6, 20)]


HARIB = [
    ("h1", "2021-09-30", "Houthis tighten grip on Harib\n\nHouthi forces have encircled the town "
     "of Harib since 21 September, cutting it off from the rest of Marib governorate. The town, "
     "held by government forces and allied tribesmen, is home to some 35,000 people who are now "
     "trapped."),
]


def test_a_holder_named_for_the_town_just_named(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    """"The town, held by government forces": the town is the one the report named before."""
    with _store(tmp_path, HARIB, gazetteer) as store:
        found = _on(store, "2021-10-01", gazetteer)
    [siege] = found.sieges
    assert (siege.holder, siege.besieger) == ("Military Forces of Yemen",
                                              "Military Forces of Yemen Houthi")
    assert (siege.start, siege.population) == (dt.date(2021, 9, 21), 35_000)


def test_pockets_an_open_road_links_are_one() -> None:
    from frontwatch.derive.sieges import _joined_by_open_roads, _Pocket
    from frontwatch.records import RoadFact

    districts = _Pocket(REGIME, "Deir ez-Zor", ["curated:sy:al-joura"], ["al-Joura"])
    airport = _Pocket(REGIME, None, ["curated:sy:airport"], ["Deir ez-Zor Military Airport"])
    rebels = _Pocket(IS, None, ["geonames:1"], ["Al Mayadin"])
    road = RoadFact("N4", ("Deir ez-Zor", "Deir ez-Zor Military Airport"), "open",
                    dt.date(2017, 1, 20), None, REGIME, ())
    joined = _joined_by_open_roads([districts, airport, rebels], [road])
    assert len(joined) == 2 and joined[0].names == ["al-Joura", "Deir ez-Zor Military Airport"]
    cut = dataclasses.replace(road, status="cut")
    assert len(_joined_by_open_roads([districts, airport], [cut])) == 2


def test_a_siege_ends_when_the_besieger_takes_the_town(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    with _store(tmp_path, PALMYRA, gazetteer) as store:
        during = _on(store, "2016-12-05", gazetteer)
        after = _on(store, "2016-12-15", gazetteer)
    [siege] = during.sieges
    assert (siege.places, siege.holder, siege.besieger) == (("Tadmur",), REGIME, IS)
    assert (siege.start, siege.end) == (dt.date(2016, 12, 1), None)
    [ended] = after.sieges
    assert (ended.siege_id, ended.holder, ended.besieger) == (siege.siege_id, REGIME, IS)
    assert ended.end == dt.date(2016, 12, 11)
    assert any("took it" in reason for reason in ended.reasons)
    assert any(item.doc_id == "p2" for item in ended.evidence)
    assert {alert.kind for alert in after.alerts} >= {"siege_started", "siege_ended"}


def _fact(place: str, holder: str, lat: float, lon: float) -> ControlFact:
    return ControlFact(f"geonames:{place}", place, lat, lon, holder, dt.date(2024, 1, 1), None,
                       1.0, "statement", ())


def _ref(place: str) -> PlaceRef:
    return PlaceRef("d", place, 0, len(place), place, f"geonames:{place}", feature="town")


def test_a_chain_of_open_roads_joins_pockets_unless_another_actor_holds_a_link() -> None:
    from frontwatch.derive.sieges import _joined_by_open_roads, _Pocket

    north = _Pocket(FARDC, None, ["geonames:A"], ["A"])
    south = _Pocket(FARDC, None, ["geonames:C"], ["C"])
    legs = [RoadFact("A – B", ("A", "B"), "open", dt.date(2024, 1, 1), None, None, ()),
            RoadFact("B – C", ("B", "C"), "open", dt.date(2024, 1, 2), None, None, ())]
    [joined] = _joined_by_open_roads([north, south], legs)  # B is held by no one named
    assert joined.names == ["A", "C"] and "A – B" in joined.reasons[0]
    rebels = _Pocket(M23, None, ["geonames:B"], ["B"])
    north, south = _Pocket(FARDC, None, ["geonames:A"], ["A"]), \
        _Pocket(FARDC, None, ["geonames:C"], ["C"])
    assert len(_joined_by_open_roads([north, south, rebels], legs)) == 3


def test_a_pocket_ringed_by_another_actors_places_is_surrounded() -> None:
    from frontwatch.derive.sieges import _enclosure, _Pocket

    town = _Pocket(FARDC, None, ["geonames:Sake"], ["Sake"])
    facts = [_fact("Sake", FARDC, -1.573, 29.045), _fact("Mushaki", M23, -1.545, 28.965),
             _fact("Kirotshe", M23, -1.622, 29.077), _fact("Goma", FARDC, -1.679, 29.228)]
    refs = {fact.place_id: _ref(fact.place) for fact in facts}
    enclosure = _enclosure(town, FARDC, facts[:3], refs)
    assert enclosure is not None and enclosure.actor == M23
    assert "Kirotshe" in enclosure.told and "Mushaki" in enclosure.told
    # the holder's own town within reach: a route may run through it
    assert _enclosure(town, FARDC, [*facts[:3], _fact("Minova", FARDC, -1.70, 29.03)],
                      {**refs, "geonames:Minova": _ref("Minova")}) is None


def test_of_a_cut_roads_ends_the_held_one_is_besieged(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    # "encirclement of the northern town" names no town: Djibo, which the army holds, is the
    # pocket; Ouahigouya, the road's far end, is not besieged
    with _store(tmp_path, DJIBO, gazetteer) as store:
        found = _on(store, "2022-02-22", gazetteer)
    [siege] = found.sieges
    assert (siege.places, siege.holder, siege.start) == \
        (("Djibo",), "Military Forces of Burkina Faso", dt.date(2022, 2, 19))


def test_every_alert_says_why_it_was_raised(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    reports = [("h1", "2024-07-23", "Town left dark\n\nZAPORIZHZHIA, July 23 - Russian shelling "
                "cut the power line to the town of Orikhiv on Monday, leaving residents without "
                "electricity for the night, the regional governor said."),
               ("h2", "2024-07-25", "Families trapped in Toretsk\n\nKRAMATORSK, July 25 - Families "
                "in the town of Toretsk are unable to leave because of constant shelling, "
                "volunteers said on Thursday.")]
    alerts = _on(_store(tmp_path, reports, gazetteer), "2024-07-25", gazetteer).alerts
    humanitarian = {alert.places[0]: alert.reasons for alert in alerts
                    if alert.kind == "humanitarian"}
    assert humanitarian.get("Orikhiv") == ("power or fuel lacking",)
    assert humanitarian.get("Toretsk") == ("civilians unable to leave",)
    assert all(alert.reasons for alert in alerts)
