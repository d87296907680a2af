"""Country sections of a multi-country digest."""

from frontwatch.records import PlaceRef
from frontwatch.resolve.place_sections import country_sections

TEXT = "WEEKLY DIGEST\n\nMALI\n- Gunmen attacked Djenne.\n\nNIGER\n- Calm.\n\nOUTLOOK\nMore."


def _country(text: str, code: str) -> PlaceRef:
    start = TEXT.index(text)
    return PlaceRef("d", text, start, start + len(text), text.title(), f"c:{code}", 0.0, 0.0,
                    code, None, "country", role="dateline")


def test_sections_run_from_a_country_heading_to_the_next_heading() -> None:
    sections = country_sections(TEXT, [_country("MALI", "ML"), _country("NIGER", "NE")])
    assert [(TEXT[s.start:s.end].strip(), s.country) for s in sections] == \
        [("- Gunmen attacked Djenne.", "ML"), ("- Calm.", "NE")]


def test_one_country_heading_makes_no_sections() -> None:
    assert country_sections(TEXT, [_country("MALI", "ML")]) == []
    # A country named inside a sentence heads nothing.
    inline = PlaceRef("d", "Mali", 0, 4, "Mali", "c:ML", 0.0, 0.0, "ML", None, "country")
    assert country_sections("Mali and NIGER\n", [inline, _country("NIGER", "NE")]) == []


def test_a_heading_country_without_coordinates_still_heads_a_section() -> None:
    mali, niger = _country("MALI", "ML"), _country("NIGER", "NE")
    unplaced = PlaceRef("d", "NIGER", niger.start, niger.end, "Niger", "country:ne", None, None,
                        "NE", None, "country", role="dateline")
    assert [s.country for s in country_sections(TEXT, [mali, unplaced])] == ["ML", "NE"]
