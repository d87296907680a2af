"""Attach to each mention its event date and event location.

Date: the sentence's own date expression nearest the trigger (background dates excluded); a
sentence whose only dates are background is history and its mentions are dropped; a sentence
without a date inherits the last date of its paragraph, then the lead's date, then the publication
date (``date_source = publication_date``).

Location: the sentence's places (never a dateline, never outside the focus country when the
document has one), the most specific first, nearest the trigger; "from X" (an origin) only when
nothing else is named. Without a place in the sentence the event inherits the last location named
before it in its paragraph, then the place its paragraph named before it (a heading such as "2. EL
OBEID (North Kordofan)."), then the last location before the paragraph (a paragraph without a place
goes on with the scene of the text before it: "The fighting, involving ..."), then the document's
focus place, with geo_precision 2. ``near/outside/north of X`` and
roads give geo_precision 2; regions and countries 3.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from frontwatch.extract.actors import demonyms
from frontwatch.extract.mentions import ITEM_LINE
from frontwatch.records import DateRef, Document, Mention, PlaceRef
from frontwatch.resolve.dates import HEADING_LINE
from frontwatch.resolve.gazetteer import FEATURE_SPECIFICITY, MAJOR_CITY, haversine_km
from frontwatch.resolve.place_offsets import offset_place
from frontwatch.resolve.place_parts import DIRECTIONS
from frontwatch.resolve.places import NEAR_WORDS, PlaceResolution

__all__ = ["STAGE", "locate_mentions"]

STAGE = "resolve.locate/0.1"
#: An origin ("fired from X") or a destination ("withdrew towards X") is not the scene.
ORIGIN_WORDS = {"from", "towards", "toward"}
#: Prepositions that start a phrase of their own: "from Kidal to fighting in Gao".
LOCATIVE_WORDS = {"in", "at", "near", "outside", "on", "into", "to", "and", "while", "but"}
DISTANCE_WORDS = {"km", "kilometers", "kilometres", "miles", "metres", "meters", "mi", "km)",
                  "miles)"}




def _paragraph_start(text: str, offset: int) -> int:
    """Where the paragraph or list item holding ``offset`` starts: an item is a paragraph of
    its own (its head names its place and day; the item before is another incident)."""
    if not offset:
        return 0
    paragraph = text.rfind("\n\n", 0, offset) + 1
    items = [match.start() + 1 for match in ITEM_LINE.finditer(text, max(paragraph - 1, 0),
                                                                 offset)]
    start = max([paragraph, *items])
    if start == paragraph and paragraph > 1:
        # "1. BALI NYONGA (Mezam division)" on a line of its own heads the paragraph below it
        heading = text.rfind("\n\n", 0, paragraph - 1) + 1
        if _HEADING_LINE.fullmatch(text, heading + (heading > 0), paragraph - 1):
            return heading
    return start


#: A heading line: short, no full stop, no second line.
_HEADING_LINE = re.compile(r"(?:[ \t]*(?:\d{1,2}[.)]|#{1,6})[ \t]*)?[^\n.!?]{2,120}")


def _words_before(text: str, start: int, count: int = 3) -> list[str]:
    return text[max(0, start - 40):start].lower().replace(",", " ").split()[-count:]


def _precision(text: str, place: PlaceRef) -> int:
    specificity = FEATURE_SPECIFICITY.get(place.feature or "", 1)
    if specificity >= 3:
        return 3
    words = _words_before(text, place.start)
    after = text[place.end:place.end + 16].lower()
    if specificity == 2 or set(words) & (NEAR_WORDS | DISTANCE_WORDS) or \
            "countryside" in after or "outskirts" in after:
        return 2
    return 1


#: A demonym naming the country of a place word after it: "the southern Lebanese village of
#: Aitaroun", "the Malian town of Boni" (not the attacker's: "an Israeli drone strike").
_PLACE_OF_NATION = re.compile(
    r"\b([a-z]+(?:-[a-z]+)?)\s+(?:border\s+|frontier\s+|coastal\s+|northern\s+|southern\s+)?"
    r"(?:village|town|city|province|region|district|governorate|camp|countryside|port|"
    r"municipality|state|county|settlement|hamlet|outpost)s?\b")


def _nations_named(text: str) -> set[str]:
    """Countries whose demonym qualifies a place word in ``text``."""
    known = demonyms()
    return {known[word] for word in _PLACE_OF_NATION.findall(text.lower()) if word in known}


def _sentence_places(resolution: PlaceResolution, start: int, end: int,
                     text: str = "") -> list[PlaceRef]:
    """The scenes a sentence names: inside the focus country, or abroad where the sentence also
    names that country or a region of it ("the governor of Russia's Belgorod region said
    Ukrainian shelling of the town of Shebekino killed ...", in a report from Ukraine), or a
    major city spelled exactly ("a missile hit an apartment block in Kharkiv", in a report
    whose other places are mostly Russia's). A foreign capital is more often its government
    ("Moscow said") than a scene."""
    named = [ref for ref in resolution.places if start <= ref.start < end and ref.resolved]
    countries = {ref.country_code for ref in named if ref.feature in ("country", "admin1")} | \
        _nations_named(text[start:end])
    focus, focus_place = resolution.focus_at(start)
    return [ref for ref in named if ref.role == "mention" and (
        focus is None or ref.country_code == focus or
        # a roundup's section heading ("TBILISI — Riot police ...") is its scene, abroad too
        (bool(text) and ref.feature not in ("country", "admin1") and _is_heading(text, ref)) or
        (ref.feature not in ("country", "admin1", "capital") and (
            ref.country_code in countries or _major_city(ref, focus_place))))]


def _major_city(ref: PlaceRef, focus_place: PlaceRef | None) -> bool:
    """A big city over the border of the report's region; one a continent away is a namesake
    ("Boni" in central Mali is no alternate name of Bonn)."""
    if ref.feature != "city" or ref.match != "exact" or (ref.population or 0) < MAJOR_CITY:
        return False
    if focus_place is None or None in (focus_place.latitude, focus_place.longitude,
                                       ref.latitude, ref.longitude):
        return True
    return haversine_km(ref.latitude, ref.longitude, focus_place.latitude,  # type: ignore[arg-type]
                        focus_place.longitude) <= NEIGHBOURING_CITY_KM  # type: ignore[arg-type]


#: How far abroad a big city may lie from the report's focus place and still be a scene.
NEIGHBOURING_CITY_KM = 1500.0


def _section(resolution: PlaceResolution, offset: int) -> int:
    """Which country section of a digest ``offset`` lies in (-1: none)."""
    return next((index for index, section in enumerate(resolution.sections)
                 if section.start <= offset < section.end), -1)


#: Speakers for a whole government, wherever they sit ("a Taliban spokesman in Kabul said").
_NATIONAL_SPEAKERS = re.compile(r"\b(?:spokes(?:man|woman|person)|ministry|minister|government|"
                                r"president|presidency|headquarters|command)\b[^.]{0,20}$",
                                re.IGNORECASE)


def _local(text: str, ref: PlaceRef) -> bool:
    """Speakers of a town speak of their own town ("police in neighbouring Bannu said"), not a
    capital or a government's spokesman, who speak for all."""
    return ref.feature != "capital" and not ref.text.lower().startswith("the capital") and \
        not _NATIONAL_SPEAKERS.search(text, max(0, ref.start - 80), ref.start)


def _speakers_place(resolution: PlaceResolution, start: int, end: int) -> PlaceRef | None:
    """The settlement of the sentence's speakers ("residents of X said"), in the focus country,
    when the sentence names no other place."""
    focus = resolution.focus_at(start)[0]
    return next((ref for ref in resolution.places
                 if start <= ref.start < end and ref.role == "source" and ref.resolved and
                 FEATURE_SPECIFICITY.get(ref.feature or "", 1) <= 1 and
                 (focus is None or ref.country_code == focus)), None)


def _is_origin(text: str, ref: PlaceRef) -> bool:
    """"fired from positions near Enerhodar", "reinforcements from Ninevah", "withdrew towards
    Bahir Dar", "a village on the road to Ouadda": where the attack came from or the road or the
    troops went, not where it happened. "15 km from Shwebo" is a distance, not an origin."""
    words = _words_before(text, ref.start, 3)
    if words[-2:-1] and words[-1] == "to" and words[-2] in ROUTE_WORDS:
        return True
    if words[-1:] and words[-1] in DEPARTURE_WORDS:
        return True  # "a convoy that had left Gao several days earlier clashed ..."
    if not set(words) & ORIGIN_WORDS:
        # "pulled out towards the hills of the Adrar des Ifoghas": a direction reaches back
        # further, through "the hills of" ("abducted from a farm outside X" is where)
        longer = _words_before(text, ref.start, 6)
        last = max((i for i, word in enumerate(longer) if word in ("towards", "toward")),
                   default=None)
        return last is not None and not set(longer[last + 1:]) & (LOCATIVE_WORDS | DISTANCE_WORDS)
    return not set(words) & DISTANCE_WORDS


ROUTE_WORDS = {"road", "route", "way", "highway", "journey"}
DEPARTURE_WORDS = {"left", "leaving", "departed", "departing"}
# "1. DEIR EZ-ZOR — Yesterday ...": a bulletin item's heading names its area.
_HEADING_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:(?:\d+[.)]|[-–•*·]|#{1,6})[ \t]*)?$")
# "in Beni territory", "Kajuru Local Government Area": a region named after its seat.
_REGION_AFTER = re.compile(r"\s+(?:territory|province|region|county|state|governorate|area|"
                           r"division|prefecture|department|district|local government area|"
                           r"lga|township|sub-county|commune|regency|cercle|municipality)\b", re.IGNORECASE)


#: "the wounded were taken to a hospital in Tyre": where the wounded went, not the scene.
_WOUNDED_TAKEN = re.compile(r"\b(?:taken|rushed|evacuated|transferred|airlifted|flown|brought)\s+"
                            r"to\s+(?:a\s+|the\s+)?(?:[\w'’-]+\s+){0,3}(?:hospital|clinic|"
                            r"health\s+cent(?:re|er)|medical\s+cent(?:re|er))s?\s+(?:in|at)\s+$",
                            re.IGNORECASE)


#: "Turmus Ayya (Ramallah)", "Ilaga in neighbouring Puncak regency"
_CONTAINER_JOIN = re.compile(r"\s*(?:,|,?\s*in|,?\s*in the|\()\s*"
                             r"(?:(?:neighbou?ring|nearby|adjacent|adjoining)\s+)?")


def _is_container(text: str, ref: PlaceRef, places: list[PlaceRef]) -> bool:
    """"Mangina in Beni territory", "Kashkash, Hasaka": the region or town the place named just
    before lies in."""
    return any(other.end < ref.start and
               _CONTAINER_JOIN.fullmatch(text, other.end, ref.start) is not None
               for other in places)


#: "Marib city – Al-Rawdah", "Taiz – al-Jahmaliya": a town, a dash, then a part of it.
_TOWN_THEN_PART = re.compile(r"(?:\s+(?:city|town))?\s*[–—]\s*")
#: "Al-Rawdah neighbourhood in Marib", "the Nkwen quarter of Bamenda": a part, then its town.
_PART_THEN_TOWN = re.compile(r"\s+(?:neighbou?rhood|quarter|district|suburb|area)\s*"
                             r"(?:,?\s*in|of)\s*(?:the\s+)?(?:city\s+of\s+)?")
#: Farther than this from the town it is said to lie in, a part is a namesake elsewhere.
PART_OF_TOWN_KM = 60.0


def _far_namesake(text: str, ref: PlaceRef, places: list[PlaceRef],
                  report: Sequence[PlaceRef] = ()) -> bool:
    """A part of a town the gazetteer placed far from that town ("Marib city – Al-Rawdah
    neighbourhood" found only Sanaa's Ar Rawdah): the town is the better scene."""
    if ref.latitude is None or ref.longitude is None or ref.feature in ("country", "admin1"):
        return False
    for other in places:
        if other is ref or other.latitude is None or other.longitude is None or \
                other.country_code != ref.country_code:
            continue
        joined = (other.end <= ref.start and
                  _TOWN_THEN_PART.fullmatch(text, other.end, ref.start) is not None) or \
            (ref.end <= other.start and
             _PART_THEN_TOWN.fullmatch(text, ref.end, other.start) is not None)
        if joined and haversine_km(ref.latitude, ref.longitude, other.latitude,
                                   other.longitude) > PART_OF_TOWN_KM:
            return True
    return _called_a_part(text, ref) and _far_from_the_report(ref, list(report) or places)


#: "the northern neighbourhood of al-Rawdah", "Milamba neighbourhood": the text calls it a part.
_PART_WORD_BEFORE = re.compile(r"\b(?:neighbou?rhood|quarter|ward|suburb)\s+of\s+(?:the\s+)?$",
                               re.I)
_PART_WORD_AFTER = re.compile(r"\s+(?:neighbou?rhood|quarter|ward|suburb)\b", re.I)


def _called_a_part(text: str, ref: PlaceRef) -> bool:
    return bool(_PART_WORD_BEFORE.search(text, max(0, ref.start - 40), ref.start) or
                _PART_WORD_AFTER.match(text, ref.end))


def _far_from_the_report(ref: PlaceRef, places: list[PlaceRef]) -> bool:
    """A part of a town no settlement of the report lies near: Sanaa's Ar Rawdah in a report
    about Taiz (there must be such a settlement)."""
    towns = [other for other in places if other is not ref and other.latitude is not None and
             other.longitude is not None and other.country_code == ref.country_code and
             FEATURE_SPECIFICITY.get(other.feature or "", 1) == 1]
    return bool(towns) and all(
        haversine_km(ref.latitude, ref.longitude, other.latitude,  # type: ignore[arg-type]
                     other.longitude) > PART_OF_TOWN_KM  # type: ignore[arg-type]
        for other in towns)


def _is_heading(text: str, ref: PlaceRef) -> bool:
    """"1. DEIR EZ-ZOR — ..." or an item's label ("- Arauca: On Saturday ..."): the item's area."""
    if not _HEADING_BEFORE.search(text, max(0, ref.start - 12), ref.start):
        return False
    return ref.text.isupper() or text[ref.end:ref.end + 1] == ":" or \
        text[max(0, ref.start - 8):ref.start].rstrip(" \t").endswith("#")


#: "the Dhaka-Khulna highway", "the Kabul–Jalalabad road": a road named after the towns it links.
_ROAD_WORDS = r"(?:highway|road|motorway|expressway|route|axis|corridor|railway|pipeline)\b"
_ROAD_AFTER = re.compile(rf"\s*[-–]\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?\s+{_ROAD_WORDS}")
_ROAD_NAME_END = re.compile(rf"\s+{_ROAD_WORDS}", re.IGNORECASE)


def _is_road_end(text: str, ref: PlaceRef) -> bool:
    """A town a road is named after: the road runs there, the event need not."""
    if _ROAD_AFTER.match(text, ref.end):
        return True
    return text[max(0, ref.start - 1):ref.start] in ("-", "–") and \
        bool(_ROAD_NAME_END.match(text, ref.end))


def _is_landmark(text: str, ref: PlaceRef, places: list[PlaceRef]) -> bool:
    """"Jamundi, south of Cali", "Mellit, about 60 km north of El Fasher": Cali and El Fasher
    only say where the place named before is. "A village about 20 km north of Oicha" and
    "farmland east of Hays" name no place before: Oicha and Hays place the scene itself."""
    words = _words_before(text, ref.start, 2)
    if len(words) < 2 or words[-1] != "of" or words[-2] not in DIRECTIONS:
        return False
    return any(other.end <= ref.start and
               _APPOSED_DIRECTION.fullmatch(text, other.end, ref.start) is not None
               for other in places)


#: ", south of ", ", about 60 km north of ": a direction set off after the place it describes
#: ("farmland east of Hays" names no place before: Hays places the scene).
_APPOSED_DIRECTION = re.compile(r"(?:\s+[\w-]+\s*,|\s*,?)\s*(?:(?:about|some|roughly|around|nearly|"
                                r"approximately|just|only|over|almost)?\s*[\w.]+\s*"
                                r"(?:km|kilomet(?:er|re)s|miles)(?:\s*\([^)\n]{0,20}\))?\s+)?"
                                r"(?:just\s+)?\w+(?:[- ]\w+)?\s+of\s+")


def _pick_place(text: str, places: list[PlaceRef], trigger_start: int,
                report: Sequence[PlaceRef] = ()) -> PlaceRef | None:
    def rank(ref: PlaceRef) -> tuple[int, ...]:
        # A heading is the area of the item, the sentence's own places are more exact; a
        # container ("Mangina in Beni territory") only says where the place before it lies, as a
        # landmark ("north of Baghdad") does; a settlement named as its region ("the Tarmiyah
        # district") ranks after the sentence's other settlements; so does a town a road is
        # named after ("near the district town ... the Dhaka-Khulna highway").
        specificity = FEATURE_SPECIFICITY.get(ref.feature or "", 1)
        settlement = 0 if specificity <= 1 else specificity
        as_region = int(specificity <= 1 and bool(_REGION_AFTER.match(text, ref.end)))
        return settlement, int(_is_heading(text, ref)), int(_is_container(text, ref, places)), \
            int(_is_landmark(text, ref, places) or _is_road_end(text, ref)), as_region, \
            abs(ref.start - trigger_start)
    candidates = [ref for ref in places if not _is_origin(text, ref) and
                  not _WOUNDED_TAKEN.search(text, max(0, ref.start - 80), ref.start) and
                  not _far_namesake(text, ref, places, report)]
    return min(candidates, key=rank) if candidates else None


def _pick_date(dates: list[DateRef], mention: Mention | None, position: int) -> DateRef | None:
    """The date of the trigger's own clause, else the date nearest the trigger."""
    current = [ref for ref in dates if not ref.is_background and not ref.is_statement]
    if not current:
        return None
    clause = mention.clause if mention else None
    if clause is not None:
        inside = [ref for ref in current if clause.start <= ref.start < clause.end]
        current = inside or current
    # "held since December, raped four women between 8 and 10 January": the days, not the month
    current = [ref for ref in current if ref.time_precision < 3] or current
    return min(current, key=lambda ref: abs(ref.start - position))


#: A table row or a list item: the line starts with a cell bar, a bullet or an item number.
_ROW_START = re.compile(r"[ \t]*(?:\||[-–•*·][ \t]|\d{1,2}[.)][ \t])")


def _line_date(text: str, dates: list[DateRef], position: int) -> DateRef | None:
    """The day heading the line of ``position`` when the sentence splitter cut the line: a
    table row's date cell ("| 03/05 | Ouham-Pende | ... | MINUSCA vehicle hit a mine"), a
    list item's date ("- Tue 18 May, outskirts of Bandiagara: ...")."""
    line_start = text.rfind("\n", 0, position) + 1
    if not _ROW_START.match(text, line_start):
        return None  # a paragraph of prose: its earlier sentence's day need not be this one's
    return next((ref for ref in reversed(dates) if line_start <= ref.start < position and
                 not ref.is_statement and not ref.is_background and ref.time_precision == 1),
                None)


def _heading_date(text: str, dates: list[DateRef], position: int) -> DateRef | None:
    """The day a section's heading names ("WHAT HAPPENED ON TUESDAY" over its items, or a line
    of its own, "3 May", "1 May (night)"), when the nearest heading line before ``position``
    names one."""
    start, end = -1, -1
    for line in HEADING_LINE.finditer(text, 0, position):
        start, end = line.span()
    for ref in dates:
        if end <= ref.start < position and _date_line(text, ref):
            start, end = ref.start, ref.end
    return next((ref for ref in dates if start <= ref.start < max(end, start + 1) and
                 not ref.is_background and not ref.is_statement), None) if start >= 0 else None


def _date_line(text: str, ref: DateRef) -> bool:
    """The date fills its line, but for a parenthesis ("1 May (night)")."""
    line_start = text.rfind("\n", 0, ref.start) + 1
    line_end = text.find("\n", ref.end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:ref.start].strip() and \
        _DATE_LINE_REST.fullmatch(text, ref.end, line_end) is not None


_DATE_LINE_REST = re.compile(r"\s*(?:\([^)\n]{0,30}\))?\s*:?\s*")


def _told_before(dates: list[DateRef], paragraph: int, start: int) -> DateRef | None:
    """The day told last from ``paragraph`` to ``start``."""
    return next((ref for ref in sorted(dates, key=lambda ref: -ref.start)
                 if paragraph <= ref.start < start and not ref.is_statement and
                 not ref.is_background), None)


def _statement_date(dates: list[DateRef]) -> DateRef | None:
    """"… were killed when a landmine exploded on Tuesday, an official said": a sentence whose
    only date is the telling's (by the parse) dates its event no later than that: closer than
    the publication date. Its paragraph's date comes first; then the telling's date for a
    new event (a type the report has not told before, reported or claimed by a party to no event
    told before: "the TNLA said on Monday it had taken Kyaukme", after Sunday's air strike),
    else the lead's date (the army "said on Wednesday" it had struck the camp the lead's Tuesday
    strike hit; ISWAP "said on Wednesday" it had seized weapons in Tuesday's attack), and the
    lead's date when it comes after the sentence and can date its kind of event ("The attack
    happened late on Sunday", see :func:`_dates_kind`)."""
    told = [ref for ref in dates if ref.is_statement and not ref.is_background]
    return told[0] if told else None


def _dates_kind(date: DateRef, sentences: list[tuple[int, int, tuple[Mention, ...]]],
                sub_event_type: str) -> bool:
    """Whether a date told later can be the date of an event of this type: its sentence tells
    no other kind of event ("The attack happened late on Sunday" does; "On Saturday, JNIM
    attacked the camp in Douentza" dates a battle, not the executions told before)."""
    for start, end, mentions in sentences:
        if start <= date.start < end:
            return not mentions or any(m.sub_event_type == sub_event_type for m in mentions)
    return True


def _lead_date(dates: list[DateRef], text: str) -> DateRef | None:
    lead_end = len(text)
    paragraphs = [i for i in range(len(text)) if text.startswith("\n\n", i)]
    if len(paragraphs) >= 3:
        lead_end = paragraphs[2]
    lead = [ref for ref in dates if ref.start < lead_end and not ref.is_background and
            not ref.is_statement]
    return lead[0] if lead else None


def _publication_date(document: Document) -> DateRef | None:
    if document.published is None:
        return None
    return DateRef(doc_id=document.id, text="", start=0, end=0, date=document.published,
                   source="publication_date", stage=STAGE)


# "HIGHLIGHTS", "Summary:", "KEY POINTS": a section that restates, undated, what the report
# tells in full below; it runs to the next heading (a short line in capitals or ending in ":").
_SUMMARY_HEADING = re.compile(r"(?im)^[ \t]*(?:highlights|summary|key (?:points|messages|"
                              r"developments)|in brief|at a glance)[ \t]*:?[ \t]*$")
_HEADING = re.compile(r"(?m)^[ \t]*(?:[A-Z][A-Z0-9 ,&/()'-]{2,60}|[^\n.]{3,60}:)[ \t]*$")


def _summary_sections(text: str) -> list[tuple[int, int]]:
    sections = []
    for heading in _SUMMARY_HEADING.finditer(text):
        following = _HEADING.search(text, heading.end() + 1)
        sections.append((heading.end(), following.start() if following else len(text)))
    return sections


def locate_mentions(document: Document, resolution: PlaceResolution, dates: list[DateRef],
                    sentences: list[tuple[int, int, tuple[Mention, ...]]]) -> list[Mention]:
    """Mentions with ``place``, ``geo_precision`` and ``date`` set; background mentions dropped."""
    text = document.text
    fallback_date = _lead_date(dates, text)
    located: list[Mention] = []
    last_place: tuple[PlaceRef, int, int] | None = None
    last_date: tuple[int, int, DateRef] | None = None
    types_seen: set[str] = set()
    summaries = _summary_sections(text)
    actors_seen: set[str] = set()
    for start, end, mentions in sentences:
        paragraph = _paragraph_start(text, start)
        focus = resolution.focus_at(start)[1]
        if last_place is not None and _section(resolution, last_place[0].start) != \
                _section(resolution, start):
            last_place = None  # a digest's next country: the last item's town is not its scene
        sentence_dates = [ref for ref in dates if start <= ref.start < end]
        if sentence_dates and all(ref.is_background for ref in sentence_dates):
            continue
        places = _sentence_places(resolution, start, end, text)
        if any(a <= start < b for a, b in summaries) and \
                not any(not ref.is_background for ref in sentence_dates):
            continue  # an undated highlight restates an incident told in full below
        for mention in mentions:
            date = _pick_date(sentence_dates, mention, mention.trigger.start) or \
                _line_date(text, dates, mention.trigger.start)
            if date is None and last_date and last_date[0] == paragraph:
                date = last_date[2]
                told = _told_before(dates, last_date[1], start)
                if told is not None:
                    # a day told after the last event's sentence, in a sentence of no event
                    # ("On 4 October, residents seized two men. A crowd beat them ...")
                    date = told
            elif date is None:
                date = _told_before(dates, paragraph, start)
            stated = _statement_date(sentence_dates)
            actor = mention.actor1.name if mention.actor1 else None
            if date is None and stated is not None and \
                    (fallback_date is None or fallback_date.start < start or
                     not _dates_kind(fallback_date, sentences, mention.sub_event_type)) and \
                    mention.sub_event_type not in types_seen and \
                    (mention.certainty == "reported" or actor not in actors_seen):
                date = stated  # a new kind of event, told on a day: no later than that day
            date = date or _heading_date(text, dates, start) or fallback_date or stated or \
                _publication_date(document)
            types_seen.add(mention.sub_event_type)
            actors_seen.update(ref.name for ref in (mention.actor1, mention.actor2) if ref)
            place = _pick_place(text, places, mention.trigger.start, resolution.places)
            precision = _precision(text, place) if place else None
            if place is not None and (moved := offset_place(text, place)) is not None:
                place, precision = moved, 2  # "Gumuruk, some 35 km west of Pibor town"
            if place is not None and place.feature == "country" and focus is not None and \
                    focus.country_code == place.country_code:
                place, precision = focus, 2  # "clashes in Libya": where in Libya, the report says
            speaker = _speakers_place(resolution, start, end) if place is None else None
            if place is None and speaker is not None and last_place and \
                    last_place[2] == paragraph and _local(text, speaker) and \
                    speaker.gazetteer_id != last_place[0].gazetteer_id:
                # "Police in neighbouring Bannu said a bomb disposal squad defused a bomb":
                # local speakers of another town than the last event's tell of their own town
                place, precision = speaker, 2
            elif place is None and last_place and last_place[2] == paragraph:
                place, precision = last_place[0], max(last_place[1], 2)
            elif place is None and speaker is not None and _local(text, speaker):
                # "Residents of Debre Markos told us heavy fighting took place on the outskirts
                # of the city": the sentence's only place is the witnesses', and the scene's
                place, precision = speaker, 2
            elif place is None and (setting := _pick_place(
                    text, _sentence_places(resolution, paragraph, start, text), start)) is not None:
                # A paragraph's heading or opening sentence sets its scene ("2. EL OBEID (North
                # Kordofan). RSF shells landed in the west of the city on Tuesday."), over the
                # scene of the paragraph before it.
                place, precision = setting, max(_precision(text, setting), 2)
                place = offset_place(text, setting) or place
            elif place is None and last_place:
                place, precision = last_place[0], max(last_place[1], 2)
            elif place is None and focus is not None:
                place, precision = focus, 2
            elif place is None and places:
                place, precision = places[0], 2  # only an origin is named: near it
            located.append(dataclasses.replace(mention, place=place, geo_precision=precision,
                                               date=date))
            if place is not None and precision is not None:
                last_place = (place, precision, paragraph)
        own = _pick_date(sentence_dates, None, start)
        if own is not None:
            last_date = (paragraph, end, own)
    return located

