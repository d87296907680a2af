import datetime as dt

import pytest

from frontwatch.resolve.dates import acled_week, resolve_date_text

WEDNESDAY = dt.date(2017, 1, 18)


@pytest.mark.parametrize("text, expected", [
    ("Monday", dt.date(2017, 1, 16)),
    ("on Friday", dt.date(2017, 1, 13)),
    ("last Friday", dt.date(2017, 1, 13)),
    ("Wednesday", dt.date(2017, 1, 18)),
    ("last Wednesday", dt.date(2017, 1, 11)),
    ("Sunday night", dt.date(2017, 1, 15)),
    ("yesterday", dt.date(2017, 1, 17)),
    ("today", dt.date(2017, 1, 18)),
    ("January 12", dt.date(2017, 1, 12)),
    ("12 January 2016", dt.date(2016, 1, 12)),
    ("Dec. 28", dt.date(2016, 12, 28)),
    ("2017-01-02", dt.date(2017, 1, 2)),
    ("two days ago", dt.date(2017, 1, 16)),
    ("3 days ago", dt.date(2017, 1, 15)),
])
def test_day_precision(text: str, expected: dt.date) -> None:
    assert resolve_date_text(text, WEDNESDAY) == (expected, None, 1)


def test_last_week_is_the_previous_saturday_to_friday_week() -> None:
    date, end, precision = resolve_date_text("last week", WEDNESDAY)  # type: ignore[misc]
    assert (date, end, precision) == (dt.date(2017, 1, 10), dt.date(2017, 1, 13), 2)
    assert acled_week(dt.date(2017, 1, 18)) == (dt.date(2017, 1, 14), dt.date(2017, 1, 20))


def test_month_precision() -> None:
    assert resolve_date_text("last month", WEDNESDAY) == (dt.date(2016, 12, 15),
                                                          dt.date(2016, 12, 31), 3)
    assert resolve_date_text("early March 2016", WEDNESDAY)[0] == dt.date(2016, 3, 1)  # type: ignore[index]


@pytest.mark.parametrize("text, month_start", [
    ("last August", dt.date(2016, 8, 1)), ("in August", dt.date(2016, 8, 1)),
    ("August", dt.date(2016, 8, 1)), ("last January", dt.date(2016, 1, 1)),
    ("January", dt.date(2017, 1, 1)),
])
def test_a_named_month_is_the_latest_before_publication(text: str, month_start: dt.date) -> None:
    date, end, precision = resolve_date_text(text, WEDNESDAY)  # type: ignore[misc]
    assert (date.replace(day=1), end.replace(day=1), precision) == (month_start, month_start, 3)


def test_the_publication_month_runs_to_the_publication_day() -> None:
    assert resolve_date_text("in January", WEDNESDAY) == (dt.date(2017, 1, 15), WEDNESDAY, 3)
    assert resolve_date_text("in January", dt.date(2017, 1, 9)) == (dt.date(2017, 1, 9),
                                                                    dt.date(2017, 1, 9), 3)


def test_a_day_the_tagger_cut_off_its_month_is_kept() -> None:
    from frontwatch.nlp import annotate
    from frontwatch.resolve.dates import resolve_dates

    refs = resolve_dates(annotate("Gunmen attacked the camp in the early hours of 10 January."),
                         "d", WEDNESDAY)
    assert any(ref.date == dt.date(2017, 1, 10) and ref.time_precision == 1 for ref in refs)


def test_events_of_an_earlier_month_without_a_day_are_background() -> None:
    from frontwatch.nlp import annotate
    from frontwatch.resolve.dates import resolve_dates

    text = ("Situation update, 18 January 2017. Rebels seized the town last month. "
            "Gunmen attacked a convoy this month. In a speech on Monday the governor spoke.")
    refs = {ref.text: ref for ref in resolve_dates(annotate(text), "d", WEDNESDAY)}
    assert "18 January 2017" not in refs  # the report's own date, not an event's
    assert refs["last month"].is_background and not refs["this month"].is_background
    assert refs["Monday"].is_statement


def test_an_event_recalled_as_earlier_this_month_is_background() -> None:
    from frontwatch.nlp import annotate
    from frontwatch.resolve.dates import resolve_dates

    text = "Earlier this month, bandits kidnapped a doctor on the highway."
    refs = resolve_dates(annotate(text), "d", dt.date(2017, 1, 5))  # early in the month too
    assert refs and all(ref.is_background and ref.date <= dt.date(2017, 1, 5) for ref in refs)


@pytest.mark.parametrize("text, statement", [
    ("JNIM claimed an ambush on a convoy near Djibo on Thursday.", False),
    ("The group claimed the killings on Thursday through its channel.", True),
    ("The group claimed responsibility on Thursday.", True),
    ("Soldiers pulled out of their camp in the town on Thursday, local officials told AFP.", False),
    ("Local officials told AFP on Thursday that soldiers had left the camp.", True),
    # The telling has its own date after the verb: the one before it is the event's.
    ("Drones hit the depot near the town on Thursday, a brigade said on Friday.", False),
])
def test_which_dates_are_the_tellings(text: str, statement: bool) -> None:
    from frontwatch.nlp import annotate
    from frontwatch.resolve.dates import resolve_dates

    refs = {ref.text: ref for ref in resolve_dates(annotate(text), "d", WEDNESDAY)}
    assert refs["Thursday"].is_statement is statement


@pytest.mark.parametrize("text", ["more than two years", "years", "hourly", "three days",
                                  "for more than a year"])
def test_durations_are_not_dates(text: str) -> None:
    assert resolve_date_text(text, WEDNESDAY) is None


def test_a_week_or_more_ago_is_no_day() -> None:
    assert resolve_date_text("ten days ago", WEDNESDAY) is None
    assert resolve_date_text("two weeks ago", WEDNESDAY) is None


def test_a_weekday_naming_a_rite_is_no_date_beside_another() -> None:
    from frontwatch.nlp import annotate
    from frontwatch.resolve.dates import resolve_dates

    recalled = resolve_dates(annotate("In 2019, gunmen killed 40 people during Friday prayers."),
                             "d", WEDNESDAY)
    assert not any(ref.text == "Friday" for ref in recalled)
    alone = resolve_dates(annotate("A bomber struck a mosque during Friday prayers."), "d",
                          WEDNESDAY)
    assert [ref.date for ref in alone] == [dt.date(2017, 1, 13)]  # then it is the day


def test_the_following_day_counts_from_the_day_told_before() -> None:
    from frontwatch.nlp import annotate
    from frontwatch.resolve.dates import resolve_dates

    text = ("Rebels attacked the town on Monday, the army said on Tuesday. The following day, "
            "troops retook it. A day earlier, drones had struck the road.")
    refs = {ref.text: ref.date for ref in resolve_dates(annotate(text), "d", WEDNESDAY)}
    assert refs["The following day"] == dt.date(2017, 1, 17)  # Monday + 1, not the telling + 1
    assert refs["A day earlier"] == dt.date(2017, 1, 16)


def test_the_same_day_is_the_day_told_before() -> None:
    from frontwatch.nlp import annotate
    from frontwatch.resolve.dates import resolve_dates

    text = ("Militias raided a camp on Saturday, officials said on Tuesday. Later that same day, "
            "gunmen burned a market. Late the same day, a bomb hit a bus.")
    refs = {ref.text: ref.date for ref in resolve_dates(annotate(text), "d", WEDNESDAY)}
    saturday = dt.date(2017, 1, 14)
    assert refs["that same day"] == saturday and refs["the same day"] == saturday


def test_a_bulletin_item_s_day_the_tagger_missed_is_a_date() -> None:
    import frontwatch
    from frontwatch.pipeline import analyse

    document = frontwatch.make_document(
        "PROTECTION UPDATE\nReporting period: 1 - 7 May 2024\n\nINCIDENTS\n- 2 May, Macomia "
        "district: insurgents beheaded two men collecting firewood near Macomia town.",
        source="t", published=dt.date(2024, 5, 8))
    dates = {ref.text: ref.date for ref in analyse(document).dates}
    assert dates.get("2 May") == dt.date(2024, 5, 2) and "7 May 2024" not in dates


def test_a_table_s_day_in_figures_is_the_nearest_day_before_publication() -> None:
    from frontwatch.nlp import annotate
    from frontwatch.resolve.dates import resolve_dates

    text = ("| Date | Location | Description |\n|---|---|---|\n"
            "| 03/05 | Bocaranga | A vehicle hit a mine. |\n"
            "| 12/01/2017 | Paoua | Gunmen attacked a post. |\n"
            "The score was 3/5 after the vote.")
    refs = {ref.text: ref.date for ref in resolve_dates(annotate(text), "d", WEDNESDAY)}
    # Published 18 January 2017: 3 May and 5 March of 2017 are both after it; of last year's,
    # 3 May 2016 is the nearer. 12/01 can only be 12 January (1 December is after publication).
    assert refs["03/05"] == dt.date(2016, 5, 3)
    assert refs["12/01/2017"] == dt.date(2017, 1, 12)
    assert "3/5" not in refs


def test_an_explicit_day_beats_its_weekday_and_pluperfect_clauses_date_nothing() -> None:
    from frontwatch.nlp import annotate
    from frontwatch.resolve.dates import resolve_date_text, resolve_dates

    monday = dt.date(2022, 1, 24)
    assert resolve_date_text("Monday 17 January", monday)[0] == dt.date(2022, 1, 17)
    text = ("On 22 May rebels launched a counter-offensive on the town, which government forces "
            "had taken on 8 May.")
    refs = {ref.text for ref in resolve_dates(annotate(text), "d", dt.date(2019, 5, 27))}
    assert "22 May" in refs and "8 May" not in refs


@pytest.mark.parametrize("text", ["8–10 January", "between 8 and 10 January",
                                  "from 8 to 10 January 2025"])
def test_a_few_days_of_one_month_are_a_range(text: str) -> None:
    assert resolve_date_text(text, dt.date(2025, 1, 15)) == \
        (dt.date(2025, 1, 8), dt.date(2025, 1, 10), 2)


def test_a_report_s_week_is_no_event_range() -> None:
    resolved = resolve_date_text("19-25 June 2024", dt.date(2024, 6, 26))
    assert resolved is None or resolved[1] is None
