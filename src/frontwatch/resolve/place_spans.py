"""Place-name spans: names the tagger cut short, extended over the words that complete them,
and the names the resolver will look up for a set of phrases (fetched from the gazetteer in one
batch before they are read one by one)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from frontwatch.resolve.gazetteer import FEATURE_SPECIFICITY, Gazetteer
from frontwatch.resolve.place_names import (
    ARTICLE_WORDS,
    CLOSE_SPELLING,
    clean_name,
    spelling_ratio,
    spellings_tried,
)

__all__ = ["MAX_EXTENSION_WORDS", "extended", "names_looked_up", "whole_phrase"]

# The next word of a name: capitalised, after an Arabic article ("Deir ez-Zor") or a Romance
# particle ("Santander de Quilichao", "Mocímboa da Praia").
_NEXT_NAME_WORD = re.compile(rf"[ \-‑](?:{ARTICLE_WORDS}[-‑]|(?:de|del|da|do|dos|das|la) )?"
                             r"[A-Z][\w'’]+")
#: Words a recognised name may be extended by when the longer name is a gazetteer entry.
MAX_EXTENSION_WORDS = 2


def extended(text: str, spans: list[tuple[int, int, str]], gazetteer: Gazetteer
             ) -> list[tuple[int, int, str]]:
    """Names the tagger cut short ("Tal" of "Tal Abyad", "Deir" of "Deir ez-Zor"), extended over
    the capitalised words (with an Arabic article) that follow when the longer name is a gazetteer
    entry spelled exactly; then over a facility word ("Deir e-Zor military airport", "Shayrat
    airbase") when the phrase names a facility of the gazetteer, in any close spelling. A span
    the extension reaches into is dropped."""
    out: list[tuple[int, int, str]] = []
    gazetteer.lookup_many(_extensions(text, spans))  # fetched together, then read one by one
    for start, end, name in spans:
        if out and start < out[-1][1]:
            continue
        best, reach = (start, end, name), end
        for _ in range(MAX_EXTENSION_WORDS):
            word = _NEXT_NAME_WORD.match(text, reach)
            if word is None:
                break
            reach = word.end()
            if gazetteer.lookup(text[start:reach]).match == "exact":
                best = (start, reach, text[start:reach])
        facility = _FACILITY_AFTER.match(text, best[1])
        if facility and _names_facility(gazetteer, text[start:facility.end()]):
            best = (start, facility.end(), text[start:facility.end()])
        out.append(best)
    return out


def _extensions(text: str, spans: list[tuple[int, int, str]]) -> set[str]:
    """Every phrase :func:`extended` may look up."""
    phrases: set[str] = set()
    for start, end, _ in spans:
        stops = [end]
        for _ in range(MAX_EXTENSION_WORDS):
            word = _NEXT_NAME_WORD.match(text, stops[-1])
            if word is None:
                break
            stops.append(word.end())
            phrases.add(text[start:word.end()])
        for stop in stops:
            if facility := _FACILITY_AFTER.match(text, stop):
                phrases.add(text[start:facility.end()])
    return phrases


def names_looked_up(texts: Iterable[str]) -> set[str]:
    """Every name :func:`lookup_name` may look up for these phrases."""
    names: set[str] = set()
    for text in texts:
        names.update(spellings_tried(clean_name(text)[0], whole_phrase(text)))
    return names


#: Candidates of a phrase looked at for a facility (the gazetteer ranks facilities first).
FACILITY_CANDIDATES = 3
_FACILITY_AFTER = re.compile(
    r"\s(?:military\s|international\s)?(?:airport|air\s?base|airfield|prison|dam|bridge|"
    r"(?:refugee\s|displacement\s)?camp|oil\s?field|gas\s?field|border\scrossing)\b", re.I)


def _names_facility(gazetteer: Gazetteer, phrase: str) -> bool:
    """Whether ``phrase`` is a facility's name in the gazetteer, exactly or in a close spelling."""
    found = gazetteer.lookup(phrase)
    return any(FEATURE_SPECIFICITY.get(place.feature, 1) == 0 and
               (found.match == "exact" or spelling_ratio(phrase, place) >= CLOSE_SPELLING)
               for place in found.places[:FACILITY_CANDIDATES])




def whole_phrase(text: str) -> str:
    """The phrase as written without a leading "the" ("the Jenin refugee camp")."""
    return re.sub(r"^(?:the)\s+", "", text.strip(), flags=re.I)
