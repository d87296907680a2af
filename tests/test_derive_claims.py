"""Control claims of single sentences (issue #6): roads cut and reopened, told actively or
passively, and which end of a cut road is the besieged pocket."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwatch.pipeline import analyse
from frontwatch.records import ControlClaim, Document


def _claims(text: str, published: str, gazetteer) -> list[ControlClaim]:  # type: ignore[no-untyped-def]
    document = Document(id="d", text=text, published=dt.date.fromisoformat(published))
    return list(analyse(document, gazetteer).claims)


@pytest.mark.parametrize("text, kind, ends, day", [
    ("Troops removed the barricades on 1 June, reopening the road between Ocosingo "
     "and Comitan.", "road_open", {"Ocosingo", "Comitán"}, "2023-06-01"),
    ("Officials said the M5 between Aleppo and Idlib was open again to traffic on Monday.",
     "road_open", {"Aleppo", "Idlib"}, "2023-05-29"),
    ("The road linking Goma to Sake has been cut since Monday, residents said.",
     "road_cut", {"Goma", "Sake"}, "2023-05-29"),
])
def test_roads_told_actively_or_passively(text: str, kind: str, ends: set[str], day: str,
                                          gazetteer) -> None:  # type: ignore[no-untyped-def]
    [road] = [claim for claim in _claims(text, "2023-06-03", gazetteer)
              if claim.kind.startswith("road")]
    assert road.kind == kind
    assert {ref.name for ref in road.road_ends} == ends
    assert road.date == dt.date.fromisoformat(day)
    assert road.actor is None or kind == "road_open"  # a passive road names no actor


def test_a_passive_road_state_names_no_actor(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Military sources said the M5 between Aleppo and Idlib was open again on Monday."
    [road] = [claim for claim in _claims(text, "2023-06-03", gazetteer)
              if claim.kind == "road_open"]
    assert (road.road, road.actor) == ("M5", None)
