"""Fusion rules: one event per type × day × place × initiator; strikes folded into battles."""

import datetime as dt

from frontwatch.fuse import fuse_mentions
from frontwatch.records import ActorRef, DateRef, Evidence, Mention, PlaceRef, Span

DAY = dt.date(2024, 2, 12)
PLACE = PlaceRef("d", "Karuba", 0, 6, "Karuba", "g:1", -1.6, 29.0, "CD", "North Kivu", "village")


def _actor(name: str, inter: int, country: str = "CD") -> ActorRef:
    return ActorRef("d", name, 0, 1, name, inter, country)


def _mention(n: int, sub_event_type: str, actor1: ActorRef, actor2: ActorRef | None,
             fatalities: int = 0, certainty: str = "reported") -> Mention:
    return Mention(id=f"m{n}", doc_id="d", sub_event_type=sub_event_type,
                   evidence=Evidence("d", f"sentence {n}", n * 10, n * 10 + 9),
                   trigger=Span(n * 10, n * 10 + 3, "x"), actor1=actor1, actor2=actor2,
                   place=PLACE, geo_precision=1, date=DateRef("d", "Monday", 0, 6, DAY),
                   fatalities=fatalities, certainty=certainty)  # type: ignore[arg-type]


M23, ARMY, RW = _actor("M23", 2), _actor("Military Forces of DRC", 1), _actor("Military "
                                                                               "Forces of Rwanda", 1, "RW")


def test_same_type_day_place_initiator_is_one_event_with_all_evidence() -> None:
    events = fuse_mentions([_mention(1, "Armed clash", M23, ARMY, 3),
                            _mention(2, "Armed clash", M23, None, 7)], "Wire")
    assert len(events) == 1
    assert events[0].fatalities == 7 and len(events[0].evidence) == 2
    assert events[0].source == "Wire"


def test_strike_on_a_battle_side_is_folded_into_the_battle() -> None:
    events = fuse_mentions([_mention(1, "Armed clash", M23, ARMY, 3),
                            _mention(2, "Air/drone strike", ARMY, M23, 2)])
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    assert events[0].fatalities == 3 and len(events[0].evidence) == 2


def test_foreign_state_forces_are_external_and_go_with_their_side() -> None:
    events = fuse_mentions([_mention(1, "Armed clash", M23, ARMY),
                            _mention(2, "Air/drone strike", RW, ARMY)])
    assert len(events) == 1
    assert events[0].assoc_actor_1 == "Military Forces of Rwanda"


def test_uncertain_mentions_are_not_events() -> None:
    assert fuse_mentions([_mention(1, "Attack", M23, None, certainty="feared")]) == []


def test_event_ids_are_stable() -> None:
    first = fuse_mentions([_mention(1, "Armed clash", M23, ARMY)])[0].event_id
    assert fuse_mentions([_mention(1, "Armed clash", M23, ARMY)])[0].event_id == first


def test_abduction_in_an_attack_is_part_of_the_attack() -> None:
    civilians = _actor("Civilians (DRC)", 7)
    events = fuse_mentions([_mention(1, "Attack", M23, civilians, 4),
                            _mention(2, "Abduction/forced disappearance", M23, civilians)])
    assert [e.sub_event_type for e in events] == ["Attack"] and len(events[0].evidence) == 2


def test_a_mention_without_initiator_joins_the_named_event() -> None:
    events = fuse_mentions([_mention(1, "Disrupted weapons use", ARMY, M23),
                            _mention(2, "Disrupted weapons use", None, M23)])  # type: ignore[arg-type]
    assert len(events) == 1 and events[0].actor1 == "Military Forces of DRC"


def test_withdrawal_after_a_battle_ends_the_battle() -> None:
    events = fuse_mentions([_mention(1, "Armed clash", M23, ARMY, 4),
                            _mention(2, "Non-violent transfer of territory", M23, None)])
    assert [e.sub_event_type for e in events] == ["Armed clash"]
