"""Country sections of a multi-country report: "PHILIPPINES / THAILAND / PAPUA NEW GUINEA" digests.

A regional security digest heads each country's items with the country's name on a line of its
own. The document's single focus country (:mod:`frontwatch.resolve.place_focus`) then fits only
one section: under "MALI", "Bandiagara" and "near Djenne" are read in Mali, not in the Burkina
Faso the digest mostly covers, and an item naming no place falls back to Mali's most named town.
A section runs from its heading to the next heading line (another country, "TRENDS",
"OUTLOOK") or the end of the text; sections exist only when two different countries head them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from frontwatch.records import PlaceRef
from frontwatch.resolve.gazetteer import FEATURE_SPECIFICITY

__all__ = ["CountrySection", "country_sections", "section_focus_place"]


@dataclass(frozen=True, slots=True)
class CountrySection:
    """Characters ``start``..``end`` of a report are about ``country``; ``place`` is the
    settlement the section names most (its fallback scene)."""

    start: int
    end: int
    country: str
    place: PlaceRef | None = None


#: A heading line: capitals, digits and punctuation only ("THAILAND (Deep South)" keeps its
#: parenthesis), short.
_HEADING_LINE = re.compile(r"[ \t]*(?:#{1,6}[ \t]+)?[A-Z][A-Z0-9 '’&/.,-]{2,50}"
                           r"(?:\([^)\n]{1,40}\))?[ \t:]*$")


def _line(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def _is_country_heading(text: str, ref: PlaceRef) -> bool:
    if ref.feature != "country" or not ref.country_code or not ref.text.isupper():
        return False
    start, end = _line(text, ref.start)
    return text[start:ref.start].strip(" \t#") == "" and (
        bool(_HEADING_LINE.fullmatch(text[start:end])) or
        bool(_TITLED_HEADING.fullmatch(text, ref.end, end)))


_TITLED_LINE = re.compile(r"[ \t]*(?:#{1,6}[ \t]+)?[A-Z][A-Z '’&.-]{2,30}[ \t]+[—–-][ \t]+"
                          r"[^\n.!?]{1,60}")
#: "MALI — Wagner says it is leaving", "NIGER - Tillabéri and Niamey": a country in capitals,
#: a dash and a short title without a full stop.
_TITLED_HEADING = re.compile(r"[ \t]+[—–-][ \t]+[^\n.!?]{1,60}")


def _heading_lines(text: str) -> list[int]:
    """Start offsets of every heading line of ``text``."""
    offsets, position = [], 0
    for line in text.split("\n"):
        if line.strip() and (_HEADING_LINE.fullmatch(line) or _TITLED_LINE.fullmatch(line)):
            offsets.append(position)
        position += len(line) + 1
    return offsets


def country_sections(text: str, refs: list[PlaceRef] | tuple[PlaceRef, ...]
                     ) -> list[CountrySection]:
    """The country sections of ``text`` (empty unless two countries head sections)."""
    headings = [ref for ref in refs if _is_country_heading(text, ref)]
    if len({ref.country_code for ref in headings}) < 2:
        return []
    breaks = _heading_lines(text)
    sections = []
    for ref in headings:
        line_start, line_end = _line(text, ref.start)
        end = next((offset for offset in breaks if offset > line_start), len(text))
        sections.append(CountrySection(line_end, end, ref.country_code))  # type: ignore[arg-type]
    return sections


def section_focus_place(section: CountrySection, refs: tuple[PlaceRef, ...]) -> PlaceRef | None:
    """The settlement of the section's country its items name most (the first such, on ties)."""
    counts: Counter[str] = Counter()
    first: dict[str, PlaceRef] = {}
    for ref in refs:
        if not (section.start <= ref.start < section.end) or ref.role != "mention" or \
                not ref.resolved or ref.country_code != section.country or \
                FEATURE_SPECIFICITY.get(ref.feature or "", 1) > 1:
            continue
        counts[ref.gazetteer_id or ""] += 1
        first.setdefault(ref.gazetteer_id or "", ref)
    return first[counts.most_common(1)[0][0]] if counts else None
