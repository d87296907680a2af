"""Actor recognition (dictionary + generic patterns) and roles from syntax."""

import datetime as dt

import frontwatch
from frontwatch.extract.actors import dictionary, recognise_actors
from frontwatch.ingest import make_document
from frontwatch.nlp import annotate


def _names(text: str, country: str | None) -> list[str]:
    return [actor.name for actor in recognise_actors(annotate(text), country)]


def test_dictionary_aliases_and_transliterations() -> None:
    table = dictionary()
    for alias in ("daesh", "al-shabab", "al-shabaab", "houthis", "tatmadaw", "rsf", "isil"):
        assert alias in table or alias.upper() in table, alias


def test_named_actors_pick_the_document_country() -> None:
    names = _names("Islamic State fighters attacked the town.", "IQ")
    assert "Islamic State (Iraq)" in names


def test_al_shabaab_in_cabo_delgado_is_the_islamic_state_province() -> None:
    """Residents of Cabo Delgado call the insurgents "al-Shabaab"; Somalia's group is another."""
    assert "Islamic State Mozambique Province" in _names("Al-Shabaab fighters entered the town.",
                                                         "MZ")
    assert "Al Shabaab" in _names("Al-Shabaab fighters entered the town.", "SO")


def test_generic_actors_follow_acled_names() -> None:
    names = _names("Syrian troops and Russian warplanes pounded the area while police "
                   "arrested protesters and gunmen killed three civilians.", "SY")
    assert "Military Forces of Syria" in names
    assert "Military Forces of Russia" in names
    assert "Police Forces of Syria" in names
    assert "Protesters (Syria)" in names
    assert "Unidentified Armed Group (Syria)" in names
    assert "Civilians (Syria)" in names


def test_country_names_as_acled_writes_them() -> None:
    names = _names("U.S. warplanes and Congolese troops hit the rebels while Filipino police "
                   "watched.", "CD")
    assert "Military Forces of the United States" in names
    assert "Military Forces of the Democratic Republic of Congo" in names
    assert "Police Forces of the Philippines" in names


def test_case_sensitive_aliases_need_their_case() -> None:
    assert not any("Lashkar" in name for name in _names("Let the villagers go home.", "IN"))


def _event(text: str, gazetteer) -> frontwatch.Event:  # type: ignore[no-untyped-def]
    document = make_document(text, source="t", published=dt.date(2024, 5, 8))
    events = frontwatch.extract(document, gazetteer)
    assert events, text
    return events[0]


def test_roles_come_from_syntax_not_word_order(gazetteer) -> None:  # type: ignore[no-untyped-def]
    event = _event("In Goma on Monday, the positions of the Congolese army were attacked by "
                   "M23 rebels.", gazetteer)
    assert event.actor1.startswith("M23")
    assert (event.actor2 or "").startswith("Military Forces of") and "Congo" in event.actor2


def test_civilian_victims_are_actor2_of_an_attack(gazetteer) -> None:  # type: ignore[no-untyped-def]
    event = _event("Gunmen killed five villagers in Zamfara State on Monday.", gazetteer)
    assert event.sub_event_type == "Attack"
    assert event.actor1 == "Unidentified Armed Group (Nigeria)"
    assert event.actor2 == "Civilians (Nigeria)"
    assert event.civilian_targeting == "Civilian targeting"
    assert event.fatalities == 5


def test_agent_of_a_participle(gazetteer) -> None:  # type: ignore[no-untyped-def]
    event = _event("A girl was killed when shells fired by the Houthi movement hit Taiz, Yemen, "
                   "on Sunday.", gazetteer)
    assert "Houthi" in event.actor1


def test_civilian_casualties_of_a_strike_are_its_target(gazetteer) -> None:  # type: ignore[no-untyped-def]
    event = _event("Three children were killed when a landmine exploded on farmland outside Mocha, "
                   "Yemen, on Tuesday.", gazetteer)
    assert event.actor2 == "Civilians (Yemen)" and not event.actor1.startswith("Civilians")


def test_a_mob_targets_its_victims(gazetteer) -> None:  # type: ignore[no-untyped-def]
    event = _event("Two men accused of theft were beaten to death by a mob in Misau, Nigeria, on "
                   "Saturday, before police officers arrived, residents said.", gazetteer)
    assert event.sub_event_type == "Mob violence"
    assert event.actor2 == "Civilians (Nigeria)"


def test_unlisted_armed_groups_are_named_as_they_call_themselves() -> None:
    names = _names("Fighters of the 444th Combat Brigade exchanged fire near Tripoli.", "LY")
    assert "444th Combat Brigade" in names


def test_a_government_is_a_state_actor_that_does_not_fight() -> None:
    matches = recognise_actors(annotate("The governor extended the curfew, authorities said."),
                               "NE")
    assert {m.name for m in matches} == {"Government of Niger"}
    assert all(m.inter == 1 and m.kind == "government" for m in matches)


def test_dated_entries_pick_the_actor_of_the_day() -> None:
    import datetime as dt

    doc = annotate("Taliban fighters attacked a checkpoint.")
    before = recognise_actors(doc, "AF", dt.date(2020, 5, 1))
    after = recognise_actors(doc, "AF", dt.date(2023, 5, 1))
    assert [(m.name, m.inter) for m in before if m.named] == [("Taliban", 2)]
    assert [(m.name, m.inter) for m in after if m.named] == [("Taliban", 1)]


def test_the_army_of_a_report_from_palestine_is_israel_s(gazetteer) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    import frontwatch
    document = frontwatch.make_document(
        "NABLUS, West Bank - Troops arrested 18 Palestinians in raids in Nablus on Tuesday, the "
        "Palestinian Prisoners' Society said.", source="t", published=dt.date(2023, 9, 19))
    events = frontwatch.extract(document, gazetteer)
    assert events and events[0].actor1 == "Military Forces of Israel"


def test_a_capitalised_name_before_gang_or_militia_is_a_group() -> None:
    names = _names("Heavily armed members of the Gran Grif gang attacked the town.", "HT")
    assert "Gran Grif" in names
    assert _names("Most bodies were attributed to the Kaniyat militia.", "LY") == ["Kaniyat"]
    # A demonym before the word is the generic pattern, not a name.
    assert _names("A Syrian militia attacked the village.", "SY") == \
        ["Unidentified Armed Group (Syria)"]


def test_a_flash_mob_is_no_mob() -> None:
    assert "Rioters (Myanmar)" not in _names("Soldiers opened fire on a flash-mob protest.", "MM")
