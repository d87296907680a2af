"""Names only the gazetteer recognises: capitalised word sequences the statistical tagger
missed or mislabelled, and when the evidence is strong enough to resolve them (inside the
focus country, a country the sentence names, or a big city in a country the report's places
already lie in). Used by :mod:`frontwatch.resolve.places`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from frontwatch.extract.actors import demonyms, dictionary
from frontwatch.records import PlaceRef
from frontwatch.resolve.gazetteer import Gazetteer, Lookup, Place
from frontwatch.resolve.place_names import (
    CLOSE_SPELLING,
    admin_context,
    choose,
    choose_close,
    clean_name,
    contained_place,
    lookup_name,
    names_group,
    place_ref,
    spelling_ratio,
    with_first,
)
from frontwatch.resolve.place_spans import names_looked_up

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["AGENCY_NAMES", "GAZETTEER_ONLY_MIN_POPULATION", "NOT_PLACE_WORDS", "PLACE_WORD_AFTER",
           "gazetteer_places", "is_actor_name", "sentence_countries"]

PLACE_WORD_AFTER = re.compile(r"\s+(?:village|town|township|district|camp|neighbou?rhood|"
                              r"settlement|hamlet)\b", re.I)
# News agencies and outlets named in datelines and credits: never places, however close their
# spelling comes to one ("Reuters" and Retiers, France).
AGENCY_NAMES = {"reuters", "afp", "ap", "efe", "xinhua", "anadolu", "dpa", "tass", "ria",
                "irna", "sana", "ansa", "upi", "bernama", "kyodo", "yonhap", "aa", "bbc", "cnn",
                "al jazeera", "interfax", "ukrinform", "wafa", "sputnik", "nna", "ips",
                # international bodies whose acronyms spell places somewhere ("NATO-led")
                "nato", "kfor", "ecowas", "sadc", "igad", "osce", "unicef", "unhcr", "ocha",
                "icrc", "msf", "unmiss", "monusco", "minusca", "minusma", "unifil", "atmis"}


def is_actor_name(text: str) -> bool:
    """"M23", "Hezbollah", "al-Shabab": named armed groups the tagger takes for places."""
    table = dictionary()
    return text in table or text.lower() in table


# Capitalised words that are places somewhere but, in English news, almost never this one.
NOT_PLACE_WORDS = frozenset("""
    the a an and of in on at to for by from with as after before during while since until over
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    jan feb mar apr jun jul aug sep sept oct nov dec
    june july august september october november december state states army police forces force
    islamic regime government president minister ministry people city town village district
    province north south east west northern southern eastern western central new old great
    upper lower said says killed dead children women men security national united coalition
    international
    defence defense alliance homeland liberation freedom liberty independence unity union victory
    hope peace justice progress resistance revolution republic democracy sovereignty salvation
    solidarity guard guards estado daily weekly monthly bulletin human rights watch
    hon honourable honorable mr mrs ms dr sir madam speaker deputy member
""".split())
#: An Arabic article standing alone ("al" of "Jam'eyyat al-Zahra'a") is no name ("Ål", Norway).
LONE_ARTICLES = frozenset("al el ad ar as ash az an ed er es ez".split())
#: Population from which a place found only through the gazetteer counts without a focus country.
GAZETTEER_ONLY_MIN_POPULATION = 100_000
MAX_NAME_TOKENS = 4


_ARTICLE_TOKENS = ("al", "el", "ez", "ed", "as", "ash", "ar", "az")


#: Lower-case particles inside Romance place names ("Santander de Quilichao").
_PARTICLES = ("de", "del", "da", "do", "dos", "das", "la")
_HYPHENED_PARTICLES = (*_PARTICLES, "au", "aux", "du", "des", "le", "les", "sur", "en")


def _particle_inside(doc: Doc, index: int) -> bool:
    if doc[index].text in _HYPHENED_PARTICLES and index + 2 < len(doc) and \
            doc[index + 1].text == "-" and _capitalised(doc[index + 2]):
        return True  # "Port-au-Prince", "Saint-Louis-du-Sud"
    return doc[index].text in _PARTICLES and index + 1 < len(doc) and \
        _capitalised(doc[index + 1])


def _alphabetic(token: Token) -> bool:
    """Letters, with apostrophes inside ("Sa'dah", "Sana'a", "Ma'arrat")."""
    return token.is_alpha or (token.text[:1].isalpha() and token.text[-1:].isalpha() and
                              token.text.translate(_NO_APOSTROPHES).isalpha())


_NO_APOSTROPHES = str.maketrans("", "", "'’ʼ‘")


def _capitalised(token: Token) -> bool:
    """A name's word: capitalised, or an Arabic article joined to one ("al-Jora", which the
    tokenizer splits into "al", "-", "Jora")."""
    if token.text[:1].isupper() and _alphabetic(token):
        return True
    if token.text[:3].lower() in ("al-", "el-"):
        return True
    doc = token.doc
    return token.lower_ in _ARTICLE_TOKENS and token.i + 2 < len(doc) and \
        doc[token.i + 1].text in ("-", "‑") and doc[token.i + 2].text[:1].isupper() and \
        not token.whitespace_ and not doc[token.i + 1].whitespace_


def _gazetteer_candidates(doc: Doc, taken: list[tuple[int, int, str]]
                          ) -> list[tuple[int, int, str]]:
    """Capitalised word sequences (up to four words, hyphens kept) not already recognised: the
    statistical tagger misses many Middle-Eastern and African place names, or labels them as
    persons or organisations; the gazetteer decides."""
    covered = {i for start, end, _ in taken for i in range(start, end)}
    text = doc.text  # built from the tokens on every access: read once
    found = []
    index = 0
    while index < len(doc):
        token = doc[index]
        if index > 0 and doc[index - 1].lower_ == "ethnic":
            index += 1  # "ethnic Amhara": a people named after a region is no place
            continue
        if not _capitalised(token) or index in covered or token.lower_ in NOT_PLACE_WORDS or \
                token.lower_ in AGENCY_NAMES or \
                token.is_stop or token.lower_ in demonyms() or is_actor_name(token.text):
            index += 1
            continue
        end = index + 1
        while end < len(doc) and end - index < MAX_NAME_TOKENS * 2 and (
                _capitalised(doc[end]) or
                (doc[end].text in ("-", "‑") and not doc[end - 1].whitespace_) or
                doc[end].lower_ in _ARTICLE_TOKENS or _particle_inside(doc, end)):
            end += 1
        while end > index + 1 and not _alphabetic(doc[end - 1]):
            end -= 1
        span = doc[index:end]
        if len(span) > 1 or token.pos_ == "PROPN" or token.ent_type_ or not token.is_alpha or \
                _line_label(doc, text, span.start_char, end) or \
                PLACE_WORD_AFTER.match(text, span.end_char):  # "attacked Macomia town"
            # A lone capitalised common noun ("Human losses", "Air strikes") is not a name; a
            # word with an apostrophe inside ("Rufa'a") is, whatever its tag; so is an item's
            # label ("- Mombasa: On Thursday ...").
            found.append((span.start_char, span.end_char, span.text))
        index = end
    return found


#: A street's word after its name (a street is found in the city the sentence names).
_STREET_NAME = re.compile(r"\s(?:Avenue|Street|Boulevard|Blvd|Lane|Drive|Promenade)\b\.?\s*$|"
                          r"^\s+(?:Avenue|Street|Boulevard|Blvd|Lane|Drive|Promenade)\b")
#: What may precede an item's label on its line: nothing, or a bullet or number.
_LABEL_LINE = re.compile(r"(?:^|\n)[ \t]*(?:[-–•*·]|\d{1,2}[.)]|#{1,6})?[ \t]*$")
#: A markdown heading's marker before a name ("### Aleppo").
_MARKDOWN_HEADING = re.compile(r"(?:^|\n)[ \t]*#{1,6}[ \t]+$")


def _line_label(doc: Doc, text: str, start_char: int, end: int) -> bool:
    """A word that opens its line and ends at a colon, an item's label; or a word in capitals
    alone on its line, a section's heading ("COLOMBIA")."""
    if _LABEL_LINE.search(text, max(0, start_char - 12), start_char) is None:
        return False
    if end < len(doc) and doc[end].text == ":":
        return True
    word = doc[end - 1]
    if word.text.isupper() and end < len(doc) and doc[end].text in ("-", "–", "—"):
        return True  # "## SUDAN - North Darfur and Khartoum": a section's heading
    alone = end == len(doc) or "\n" in doc[end].text or "\n" in word.whitespace_
    markdown = _MARKDOWN_HEADING.search(text, max(0, start_char - 12), start_char) is not None
    return alone and (word.text.isupper() or markdown)


def _sub_spans(start: int, end: int, text: str) -> list[tuple[int, int, str]]:
    """Longest-first sub-spans of a capitalised sequence, split on spaces."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    out = []
    for size in range(min(len(words), MAX_NAME_TOKENS), 0, -1):
        for first in range(len(words) - size + 1):
            a, b = words[first][0], words[first + size - 1][1]
            out.append((start + a, start + b, text[a:b]))
    return out


def _accept(name: str, found: Lookup, focus: str | None, admin: bool,
            named: frozenset[str] = frozenset(), others: frozenset[str] = frozenset()
            ) -> Place | None:
    """A place for a name only the gazetteer recognised, when the evidence is strong enough:
    inside the document's focus country, or inside a country its sentence ``named`` ("In
    Russia, the governor of the Rostov region said ... the Novoshakhtinsk oil refinery"); or,
    with no focus, a big city, or a name whose every entry lies in one country (an exact name of
    1,000 people or more or of an admin1 region, or a close spelling)."""
    if found.match is None or not found.places:
        return None
    if found.match == "exact" and found.places[0].feature == "country":
        return found.places[0]  # "PAPUA NEW GUINEA" heading a digest's section
    if focus:
        for country in (focus, *sorted(named - {focus})):
            if any(place.country_code == country for place in found.places):
                return choose_close(name, found, country, admin)
        # a big city spelled exactly in another country the report's places lie in ("the road
        # between Nabatieh and Kfar Tebnit", a report mostly about Israel that names Tyre)
        place = choose(found.places, "exact", None, admin) if found.match == "exact" else None
        return place if place is not None and place.country_code in others and \
            place.population >= GAZETTEER_ONLY_MIN_POPULATION else None
    place = choose(found.places, "exact", None, admin)
    if place is None:
        return None
    one_country = len({candidate.country_code for candidate in found.places}) == 1
    if found.match == "exact":
        # Towns include the admin seats GeoNames lists without a population (Tall Abyad).
        if place.population >= GAZETTEER_ONLY_MIN_POPULATION or (
                one_country and (place.population >= 1000 or
                                 place.feature in ("town", "city", "admin1") or
                                 place.id.startswith("curated:"))):
            return place
        return None
    return place if one_country and spelling_ratio(name, place) >= CLOSE_SPELLING else None


#: After a section's heading word: a dash or a colon ("TBILISI — Riot police ...").
_HEADING_MARK = re.compile(r"[ \t]*[:—–-][ \t]")


def _heading_city(text: str, start: int, end: int, found: Lookup) -> Place | None:
    """A big city spelled exactly in capitals at the head of a roundup's paragraph ("TBILISI —
    Riot police ..." in a notebook about Armenia too): the section's scene, whatever country
    the report is mostly about."""
    if found.match != "exact" or not text[start:end].isupper() or \
            _LABEL_LINE.search(text, max(0, start - 12), start) is None or \
            _HEADING_MARK.match(text, end) is None:
        return None
    place = choose(found.places, "exact", None, False)
    return place if place is not None and place.feature == "city" and \
        place.population >= GAZETTEER_ONLY_MIN_POPULATION else None


def _person_name_parts(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of the tagger's persons of two words or more: the first word of one is a
    person's first name, not a place ("Volodymyr" of "Volodymyr Zelenskiy", "Serhiy" of "Serhiy
    Lysak"). The whole range may still be a place the tagger took for a person ("Abu Kamal"), and
    so may a name after an article ("al Busayrah")."""
    return [(entity.start_char, entity.end_char) for entity in doc.ents
            if entity.label_ == "PERSON" and len(entity) >= 2 and
            entity[0].lower_ not in _ARTICLE_TOKENS]


def sentence_countries(doc: Doc, refs: list[PlaceRef]) -> dict[int, frozenset[str]]:
    """The countries each sentence names, by the sentence's first character (and, at -1, the
    countries of all the report's places)."""
    named: dict[int, set[str]] = {}
    for ref in refs:
        if ref.resolved and ref.feature == "country" and ref.role != "dateline":
            span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
            if span is not None:
                named.setdefault(span.sent.start_char, set()).add(ref.country_code or "")
    found = {start: frozenset(codes) for start, codes in named.items()}
    # -1: every country the report's places lie in, countries named or not
    found[-1] = frozenset(ref.country_code for ref in refs if ref.resolved and ref.country_code)
    return found


def _countries_at(doc: Doc, start: int, end: int,
                  countries: dict[int, frozenset[str]] | None) -> frozenset[str]:
    if not countries:
        return frozenset()
    span = doc.char_span(start, end, alignment_mode="expand")
    return countries.get(span.sent.start_char, frozenset()) if span is not None else frozenset()


def gazetteer_places(doc: Doc, doc_id: str, gazetteer: Gazetteer, focus: str | None,
                      taken: list[tuple[int, int, str]],
                      countries: dict[int, frozenset[str]] | None = None) -> list[PlaceRef]:
    refs: list[PlaceRef] = []
    full_text = doc.text  # built from the tokens on every access: read once
    candidates = _gazetteer_candidates(doc, taken)
    person_parts = _person_name_parts(doc)
    gazetteer.lookup_many(names_looked_up(
        sub_text for start, end, text in candidates for *_, sub_text in _sub_spans(start, end, text)))
    for start, end, text in candidates:
        used: set[int] = set()
        if names_group(full_text, end) or is_actor_name(text):
            continue  # nor is a word of a group's name ("al-Sham" of "Tahrir al-Sham")
        if _STREET_NAME.search(text) or _STREET_NAME.match(full_text, end):
            continue  # "Habib Bourguiba Avenue", "Kenyatta Avenue": a street named after a man
        # "Let Pan Hla village": the whole sequence is the name; a part of it is another place.
        parts = [(start, end, text)] if PLACE_WORD_AFTER.match(full_text[end:end + 16]) else \
            _sub_spans(start, end, text)
        for sub_start, sub_end, sub_text in parts:
            if set(range(sub_start, sub_end)) & used or sub_text.lower() in NOT_PLACE_WORDS or \
                    names_group(full_text, sub_end) or len(sub_text) <= 2 or \
                    sub_text.lower() in LONE_ARTICLES or \
                    any(a == sub_start and sub_end < b for a, b in person_parts):
                continue
            name, admin = clean_name(sub_text)
            admin = admin or admin_context(full_text, sub_start, sub_end)
            found = lookup_name(gazetteer, name, focus=focus)
            contained = contained_place(full_text, sub_end, name, found, gazetteer, sub_start)
            named = _countries_at(doc, sub_start, sub_end, countries)
            place = contained or _accept(name, found, focus, admin, named,
                                         (countries or {}).get(-1, frozenset())) or \
                _heading_city(full_text, sub_start, sub_end, found)
            if place is None:
                if found.match == "exact":
                    # "Tal Abyad" is a place's whole name even where the evidence is too weak to
                    # resolve it here: its words are not read as other places ("Tal", India).
                    used |= set(range(sub_start, sub_end))
                continue
            refs.append(place_ref(doc_id, sub_start, sub_end, sub_text, place, found.match,
                                   "mention", with_first(found, contained), focus))
            used |= set(range(sub_start, sub_end))
    return refs
