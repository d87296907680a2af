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
    cut = [e for e in analysis.events if e.sub_event_type == "Non-state actor overtakes territory"]
    assert cut and "road" in cut[0].evidence[0].sentence and cut[0].actor1.startswith("JNIM")


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


def _events(text: str, gazetteer, published: str = "2024-03-13"):  # type: ignore[no-untyped-def]
    document = frontwatch.make_document(text, source="t",
                                        published=dt.date.fromisoformat(published))
    return frontwatch.extract(document, gazetteer)


def test_claim_of_responsibility_names_the_initiator_and_is_no_second_event(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("A roadside bomb struck a military convoy near Afgooye in Somalia on "
                     "Monday, killing two soldiers.\n\nAl-Shabaab claimed responsibility for "
                     "the attack in a statement on Tuesday.", gazetteer)
    assert [e.sub_event_type for e in events] == ["Remote explosive/landmine/IED"]
    assert events[0].actor1.startswith("Al Shabaab") or "Shabaab" in events[0].actor1
    assert events[0].event_date == dt.date(2024, 3, 11)


def test_statement_dates_are_not_event_dates(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("Gunmen killed four villagers in Zamfara State, Nigeria, police said on "
                     "Tuesday.\n\nThe attack happened late on Sunday, residents said.", gazetteer)
    assert events and all(e.event_date != dt.date(2024, 3, 12) for e in events)


def test_denials_and_trends_are_not_events(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("No civilians were killed in the operation near Jilib, Somalia, the "
                     "command said.\n\nA wave of kidnappings has hit Zamfara State in recent "
                     "months.", gazetteer)
    assert not events


def test_dateline_date_and_capital(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("KABUL, Aug 15 - Taliban fighters detained four women to break up a small "
                     "protest in the Afghan capital on Wednesday, witnesses said.", gazetteer,
                     published="2024-08-15")
    assert [(e.sub_event_type, e.event_date, e.location) for e in events] == [
        ("Protest with intervention", dt.date(2024, 8, 14), "Kabul")]


def test_distance_from_a_town_locates_near_it(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("A military jet dropped two bombs on a village about 15 kilometers from "
                     "Shwebo town in Myanmar's Sagaing region on Tuesday, killing nine.", gazetteer,
                     published="2024-10-30")
    assert events and events[0].sub_event_type == "Air/drone strike"
    assert events[0].location == "Shwebo" and events[0].geo_precision == 2


def test_drones_and_landmarks(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("Dissidents of the former FARC attacked the police station in Jamundi, south "
                     "of Cali, Colombia, with explosives dropped from drones on Sunday, killing one "
                     "officer, police said.", gazetteer, published="2023-10-16")
    assert [(e.sub_event_type, e.location) for e in events] == [("Air/drone strike", "Jamundí")]
    assert "FARC" in events[0].actor1


def test_batches_give_the_same_events_as_one_by_one(gazetteer) -> None:  # type: ignore[no-untyped-def]
    documents = [d for d in frontwatch.read_documents(SAMPLES / "feed.jsonl")
                 if isinstance(d, frontwatch.Document)]
    one_by_one = [[e.event_id for e in frontwatch.analyse(d, gazetteer).events]
                  for d in documents]
    batched = [[e.event_id for e in outcome.events]  # type: ignore[union-attr]
               for outcome in iter_analyses(documents, "raise", gazetteer)]
    assert batched == one_by_one


def test_oversized_document_is_a_failure_and_the_batch_goes_on(gazetteer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("FRONTWATCH_MAX_DOCUMENT_CHARS", "100")
    small = frontwatch.make_document("Gunmen attacked a village.", source="small")
    big = frontwatch.make_document("Gunmen attacked a village. " * 10, source="big")
    outcomes = list(iter_analyses([big, small], "record", gazetteer))
    assert isinstance(outcomes[0], Failure) and "more than the limit" in outcomes[0].message
    assert not isinstance(outcomes[1], Failure)


def test_a_toll_of_the_battle_goes_to_the_capture_it_ended_in(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("The Rapid Support Forces took control of Bara in North Kordofan, Sudan, on "
                     "Monday after overrunning an army garrison. The army said its troops had "
                     "withdrawn to defensive positions. At least 25 people were killed in the "
                     "battle, a medical source said.", gazetteer)
    assert [e.sub_event_type for e in events] == ["Non-state actor overtakes territory"]
    assert events[0].fatalities == 25


def test_another_source_s_higher_toll_does_not_replace_the_first(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # ACLED keeps the most conservative figure; a toll that rose is an update.
    events = _events("Rebel shelling hit a market in Goma, Congo, on Monday, killing at least "
                     "three people, a hospital official said. A local rights group put the toll "
                     "at nine dead.", gazetteer)
    assert [(e.sub_event_type, e.fatalities) for e in events] == [
        ("Shelling/artillery/missile attack", 3)]
    rose = _events("Rebel shelling hit a market in Goma, Congo, on Monday, killing at least "
                   "three people, a hospital official said. The toll later rose to nine.",
                   gazetteer)
    assert [e.fatalities for e in rose] == [9]


def test_an_armed_group_s_figure_for_an_attack_told_is_no_event_and_no_toll(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("A roadside bomb hit an army truck near Baidoa, Somalia, on Monday, wounding "
                     "two soldiers, officials said. Al Shabaab said it had killed ten soldiers in "
                     "the attack.", gazetteer)
    assert [(e.sub_event_type, e.fatalities) for e in events] == [
        ("Remote explosive/landmine/IED", 0)]


def test_arrests_at_a_dispersed_protest_are_part_of_it(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("Police in Lagos, Nigeria, fired tear gas on Monday to disperse hundreds of "
                     "protesters marching on the governor's office. Officers arrested 25 people, "
                     "a police spokesman said.", gazetteer)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Protest with intervention", "Protesters (Nigeria)", "Police Forces of Nigeria")]


def test_whoever_struck_a_mine_is_its_victim(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("Two Malian soldiers were killed on Monday when their vehicle struck an "
                     "improvised explosive device near Douentza, Mali, the army said.", gazetteer)
    assert [(e.sub_event_type, e.actor2) for e in events] == [
        ("Remote explosive/landmine/IED", "Military Forces of Mali")]
    assert events[0].actor1.startswith("Unidentified Armed Group")


def test_an_armed_group_s_own_account_is_claimed(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("Al Shabaab said its fighters had overrun an army base near Baidoa, Somalia, "
                     "on Monday.", gazetteer)
    assert events and all(e.certainty == "claimed" for e in events)


def test_a_paragraph_without_a_place_goes_on_at_the_last_place_named(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("Gunmen abducted two aid workers in Kidal, Mali, on Monday.\n\nOn Tuesday "
                     "soldiers arrested three suspects over the kidnapping, the army said.",
                     gazetteer, published="2024-03-06")
    arrests = [e for e in events if e.sub_event_type == "Arrests"]
    assert arrests and arrests[0].location == "Kidal"


def test_a_bulletin_item_s_heading_sets_its_scene(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("DAILY BULLETIN\n\n1. KIDAL. On Monday, gunmen attacked an army post in Kidal, "
                     "killing two soldiers.\n\n2. GAO. Unidentified gunmen shot dead a trader in "
                     "the central market of the town on Tuesday.", gazetteer,
                     published="2024-03-06")
    tuesday = [e for e in events if e.event_date == dt.date(2024, 3, 5)]
    assert tuesday and tuesday[0].location == "Gao"


def test_a_group_naming_the_dead_does_not_make_the_strike_its_claim(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("An Israeli drone strike on a car near Nabatieh on Monday killed two men "
                     "whom Hezbollah later announced as fighters, the National News Agency "
                     "reported.", gazetteer, published="2024-08-20")
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert strikes and strikes[0].certainty == "reported" and strikes[0].fatalities == 2


def test_a_heading_names_the_area_the_sentence_the_place(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("DAILY BULLETIN\n\n1. DEIR EZ-ZOR — Yesterday afternoon, Islamic State gunmen "
                     "opened fire on shepherds in the desert south of al-Mayadin, killing four.",
                     gazetteer, published="2023-10-16")
    assert events and events[0].location == "Al Mayādīn"


def test_a_place_abroad_is_the_scene_when_the_sentence_names_its_country(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("KYIV - Russian missiles struck the city of Kharkiv in Ukraine on Wednesday, "
                     "killing three people, and drones hit Odesa. Inside Russia, officials said "
                     "Ukrainian shelling of the town of Shebekino on Wednesday killed a woman.",
                     gazetteer, published="2024-05-16")
    assert {e.location for e in events} >= {"Kharkiv", "Shebekino"}


def test_a_loose_spelling_outside_the_region_the_text_names_is_no_match(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("BAMAKO - On Saturday soldiers entered Segue, a village in Bankass district, "
                     "and opened fire on residents, killing seven.", gazetteer,
                     published="2023-10-09")
    assert events and events[0].location == "Bankass"


def test_the_dead_of_a_whole_war_are_no_event(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("ANKARA - The commission heard testimony on Thursday from families of "
                     "soldiers killed in the conflict.", gazetteer, published="2025-11-14")
    assert events == []


def test_a_new_kind_of_event_told_on_a_day_is_dated_no_later_than_that_day(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("YANGON - A military air strike killed 11 villagers in Kanbalu Township on "
                     "Sunday, residents said.\n\nIn northern Shan State, the Ta'ang National "
                     "Liberation Army said on Monday that it had taken full control of Kyaukme.",
                     gazetteer, published="2024-08-06")
    dates = {e.sub_event_type: e.event_date for e in events}
    assert dates.get("Air/drone strike") == dt.date(2024, 8, 4)
    assert dates.get("Non-state actor overtakes territory") == dt.date(2024, 8, 5)


def test_a_district_beats_the_city_it_lies_north_of_but_not_its_container(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("BAGHDAD - An improvised explosive device exploded against an army patrol "
                     "in the Tarmiyah district, north of Baghdad, on Saturday, wounding two "
                     "soldiers.", gazetteer, published="2024-06-04")
    assert events and events[0].location != "Baghdad"


def test_undated_highlights_restate_the_incidents_told_below(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("SUDAN: North Darfur - Flash Update No. 14\n\nHIGHLIGHTS\n- At least eight "
                     "civilians killed when shells hit Abu Shouk camp, north of El Fasher.\n\n"
                     "SITUATION OVERVIEW\nOn 14 September, artillery shells fired by the Rapid "
                     "Support Forces struck Abu Shouk camp, killing eight civilians.",
                     gazetteer, published="2024-09-18")
    assert [e.event_date for e in events] == [dt.date(2024, 9, 14)]


def test_the_witnesses_town_is_the_scene_when_the_sentence_names_no_other(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("ADDIS ABABA - A drone strike hit a minibus outside Finote Selam last "
                     "Thursday, killing seven.\n\nResidents of Debre Markos told our programme "
                     "that heavy fighting took place on Sunday on the eastern outskirts of the "
                     "city between Fano fighters and the army.", gazetteer,
                     published="2024-01-30")
    battles = [e for e in events if e.sub_event_type == "Armed clash"]
    assert battles and battles[0].location.startswith("Debre Mark")


def test_a_town_a_road_is_named_after_is_not_the_scene(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("Meanwhile in Gopalganj, opposition supporters blocked the Dhaka-Khulna "
                     "highway near the district town with burning tyres on Monday and set fire to "
                     "a police pickup, police said.", gazetteer, published="2025-11-04")
    assert [(e.sub_event_type, e.location) for e in events] == \
        [("Violent demonstration", "Gopālganj")]


def test_police_shooting_a_peaceful_march_is_one_event(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("In Bogra, police opened fire on a procession of opposition supporters on "
                     "Tuesday, killing one man. Witnesses said the march had been peaceful. A "
                     "police spokesman said officers fired to disperse the crowd.", gazetteer,
                     published="2023-11-01")
    assert [(e.sub_event_type, e.fatalities) for e in events] == \
        [("Excessive force against protesters", 1)]


def test_a_major_city_abroad_is_a_scene_in_a_report_mostly_about_the_other_side(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("A Russian missile hit an apartment block in Kharkiv overnight, killing two. "
                     "The governor of Russia's Belgorod region said a drone hit a car in "
                     "Shebekino, killing a woman. Russia's Kursk region reported seven drones "
                     "downed. Moscow denied the claims.", gazetteer, published="2024-11-02")
    assert {e.location for e in events} >= {"Kharkiv", "Shebekino"}


DIGEST = """REGIONAL SECURITY WEEKLY
Week 20 | Issued Monday 24 May 2021

BURKINA FASO
- Mon 17 May, Aribinda: militants attacked an army post; four soldiers were killed.
- Wed 19 May: an army truck hit a roadside bomb near Djibo; no casualties.

MALI
- Thu 20 May, near Djenne: gunmen opened fire on traders returning from a fair, killing seven.
- Fri 21 May: gunmen abducted a village chief and his son from their field.

OUTLOOK
Further attacks are expected on the roads south of Djibo.
"""


def test_each_country_section_of_a_digest_is_read_in_its_country(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events(DIGEST, gazetteer, published="2021-05-24")
    by_type = {e.sub_event_type: e for e in events}
    assert by_type["Attack"].iso == 466 and by_type["Attack"].location == "Djenné"
    assert by_type["Attack"].actor1 == "Unidentified Armed Group (Mali)"
    # An item naming no place falls back to its own section's town, not the digest's focus.
    abduction = by_type["Abduction/forced disappearance"]
    assert abduction.country == "Mali"


def test_a_table_row_s_date_cell_dates_its_description(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("WEEKLY INCIDENTS, 2-8 May 2022\n\n| Date | Location | Description |\n"
                     "|---|---|---|\n| 03/05 | Bocaranga | Armoured vehicle of MINUSCA hit an "
                     "explosive device while escorting a convoy. Two peacekeepers injured. |\n"
                     "| 07/05 | Paoua | Soldiers exchanged fire with 3R fighters for two hours. "
                     "Four fighters killed. |\n", gazetteer, published="2022-05-09")
    assert sorted(str(e.event_date) for e in events) == ["2022-05-03", "2022-05-07"]


def test_a_day_told_in_a_sentence_without_an_event_dates_the_next(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("Gang members attacked the town of Saint-Marc on 3 October, killing 70.\n\n"
                     "On 4 October, in Saint-Marc, residents seized two young men accused of "
                     "acting as lookouts. A crowd beat them and set them on fire. Both died.",
                     gazetteer, published="2024-10-05")
    mobs = [e for e in events if e.sub_event_type == "Mob violence"]
    assert mobs and str(mobs[0].event_date) == "2024-10-04"


def test_a_dispersal_that_killed_is_excessive_force(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("In Rangpur, police fired rubber bullets and tear gas at students who had "
                     "been demonstrating peacefully on Tuesday. A student who stood in front of "
                     "the police line was hit and died on the way to hospital.", gazetteer,
                     published="2024-07-17")
    assert [(e.sub_event_type, e.fatalities) for e in events] == \
        [("Excessive force against protesters", 1)]


def test_a_town_only_the_gazetteer_knows_is_read_in_the_country_its_sentence_names(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("KYIV - Russian missiles hit Kharkiv before dawn on Wednesday, killing a man, "
                     "Ukraine's governor said. In Russia, the governor of the Rostov region says a "
                     "Ukrainian drone attack set off a fire at the Novoshakhtinsk oil refinery "
                     "early on Wednesday.", gazetteer, published="2024-02-21")
    assert {e.location for e in events} >= {"Kharkiv", "Novoshakhtinsk"}


def test_a_direction_taken_is_no_scene_however_far_back_its_word(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("The army entered Kidal on Tuesday. The rebels had pulled out overnight "
                     "towards the hills of the Adrar des Ifoghas without a fight.", gazetteer,
                     published="2023-11-15")
    assert events and {e.location for e in events} == {"Kidal"}


def test_where_the_wounded_were_taken_and_a_town_s_area_are_no_scene(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("An Israeli drone struck a car on the road between Nabatieh and Kfar Tebnit "
                     "on Tuesday, killing two Hezbollah members; a wounded passer-by was taken to "
                     "a hospital in Tyre. Hezbollah fired rockets at Kiryat Shmona in response.",
                     gazetteer, published="2024-02-14")
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert strikes and strikes[0].location == "Nabatîyé et Tahta"
    events = _events("In the Ramallah area, settlers set fire to three vehicles in Turmus Ayya "
                     "late on Monday night, the municipal council said.", gazetteer,
                     published="2026-02-11")
    assert events and events[0].location == "Turmus‘ayyā"


def test_local_speakers_of_another_town_tell_of_their_own(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("A suicide bomber rammed a car into a police van in Lakki Marwat on "
                     "Wednesday, killing five policemen. Police in neighbouring Bannu said a bomb "
                     "disposal squad had defused a roadside bomb early on Thursday.", gazetteer,
                     published="2025-03-20")
    defused = [e for e in events if e.sub_event_type == "Disrupted weapons use"]
    assert defused and defused[0].location == "Bannu"


def test_an_item_s_label_is_no_event_of_its_own(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("2. Key incidents\na) Air strike - Rufa'a. On 14 January, an army drone hit "
                     "a building used by RSF fighters near the town's police station, killing "
                     "five.\n", gazetteer, published="2024-01-19")
    assert [(e.sub_event_type, str(e.event_date)) for e in events] == \
        [("Air/drone strike", "2024-01-14")]
