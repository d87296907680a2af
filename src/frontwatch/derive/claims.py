"""Control claims (issue #6): what a report's sentences say about who holds which place, which
places are besieged and how many people are trapped there, which road was cut or reopened, what
is supplied by air, and which civilians fear a mass killing or lack food.

Read sentence by sentence with patterns over the text, the places the resolver found and the
actors the actor stage recognised (their character spans):

- *holds*: "regime-held districts of al-Joura and al-Qasour", "rebel-held Idlib", "the Islamic
  State, which already controls most of Deir e-Zor province", "under the control of the SDF",
  "held by the army";
- *besieged*: besieged, encircled, blockaded, surrounded, under siege, a cordon around; the
  besieger is the actor after "by", else the sentence's other armed side;
- *trapped*: "100,000 people trapped in regime-held districts" (the figure is the population);
- *road_cut* / *road_open*: "cut the N4 that links the airport to the districts", "reopened the
  highway"; the road's name (a route number such as N4) or its ends ("the road linking X and Y");
- *siege_lifted*: "ending the siege", "the blockade was lifted" (the place named nearest);
- *airdrop*: "food has been airdropped over the airport";
- *atrocity_threat*: fear, threat or rumour of mass executions, massacres, killing every
  resident, ethnic cleansing; *hardship*: no food, shortages, hunger, unable to leave.

A facility named by its kind alone ("the airport") is the report's one place of that kind.
Claims of danger keep the report's doubts ("could be propaganda", "could not be verified") as
caveats. Every claim carries its sentence and offsets.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from frontwatch.extract.actors import ActorMatch, recognise_actors
from frontwatch.extract.fatalities import parse_number
from frontwatch.records import (
    ClaimKind,
    ControlClaim,
    DateRef,
    Document,
    Evidence,
    PlaceRef,
    content_id,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["ROAD_CUT", "STAGE", "find_claims"]

STAGE = "derive.claims/0.1"

_HELD = re.compile(r"-(?:held|controlled|run|occupied|dominated)\b", re.I)
_CONTROLS = re.compile(r"(?<!-)\b(?:controls?|controlled|holds|held|occupies|occupied)\s+"
                       r"(?P<extent>(?:most|much|parts?|large parts|swathes|all|half)\s+of\s+)?",
                       re.I)
_UNDER = re.compile(r"\b(?:under\s+(?:the\s+)?(?:full\s+)?control\s+of|(?:held|controlled|"
                    r"occupied)\s+by|in\s+the\s+hands\s+of)\s+(?:the\s+)?", re.I)
_BESIEGED = re.compile(r"\b(?:besieged|encircled|encirclement|blockaded|blockade|surrounded|"
                       r"under\s+siege|siege\s+of|cordon\s+around|cut\s+off\s+from)\b", re.I)
_TRAPPED = re.compile(
    r"(?P<number>\d[\d,.]*(?:\s*(?:million|thousand))?|[a-z]+(?:[\s-][a-z]+)?)\s+"
    r"(?:people|civilians|residents|inhabitants|families|persons)\b[^.;]{0,80}?\b"
    r"(?:trapped|besieged|encircled|stranded|cut\s+off)\b", re.I)
_ROAD_NAME = r"(?:the\s+)?(?P<name>[MNAEHRD]-?\d{1,3})\b"
_ROAD_NOUN = (r"(?:the\s+)?(?:[\w-]+['’]s\s+)?(?:(?:main|only|last|key|vital|single|strategic|"
              r"sole|international)"
              r"\s+)*(?:supply\s+)?(?:road|highway|route|motorway|artery|supply\s+line)\b")
ROAD_CUT = _ROAD_CUT = re.compile(
    rf"\b(?:cut(?:ting|s)?|sever(?:ed|ing|s)?|block(?:ed|ing|s)?|clos(?:ed|ing|es)|"
    rf"shut(?:ting|s)?|seal(?:ed|ing|s)?|blockad(?:ed|ing|es))\s+(?:off\s+)?(?:{_ROAD_NAME}|"
    rf"{_ROAD_NOUN})", re.I)
_ROAD_OPEN = re.compile(rf"\b(?:re-?open(?:ed|ing|s)?|open(?:ed|ing)|secur(?:ed|ing)|"
                        rf"clear(?:ed|ing))\s+(?:{_ROAD_NAME}|{_ROAD_NOUN})", re.I)
#: "the M5 between Aleppo and Hama was open again to traffic", "the road to Sake has been cut":
#: the road first, its state after a form of "be".
_ROAD_PASSIVE = re.compile(
    rf"(?:{_ROAD_NAME}|{_ROAD_NOUN})[^.;]{{0,80}}?\b(?:was|is|were|are|has\s+been|have\s+been|"
    rf"had\s+been|remains?|remained)\s+(?:(?:now|again|finally|partly|partially|fully|"
    rf"effectively)\s+)?(?P<state>re-?opened|open|cut(?:\s+off)?|closed|blocked|severed|sealed)"
    rf"\b", re.I)
_SIEGE_END = re.compile(r"\b(?:broke|broken|breaking|lifted|lifting|ended|ending|ends)\s+"
                        r"(?:the\s+|a\s+|its\s+)?(?:[\w-]+\s+)?(?:siege|blockade|encirclement)\b",
                        re.I)
_ROAD_LINKS = re.compile(r"\b(?:that\s+)?(?:links?|linking|connects?|connecting|between|from)\b"
                         r"(?P<ends>[^.;]{3,140})", re.I)
_AIRDROP = re.compile(r"\b(?:air-?dropp?(?:ed|ing|s)?|airdrops?|dropped\s+by\s+parachute|"
                      r"supplied\s+by\s+air|air\s+bridge)\b", re.I)
_KILLING = r"(?:mass\s+executions?|massacres?|mass\s+killings?|execut\w*|slaughter\w*|" \
           r"ethnic\s+cleansing|genocide|kill\s+(?:every|all)|reprisals?)"
_FEAR = r"(?:fear\w*|afraid|terror|threat\w*|warn\w*|rumou?rs?|risk|vow\w*|pledg\w*)"
_THREAT = re.compile(rf"\b{_FEAR}\b[^.]{{0,120}}?\b{_KILLING}|\b{_KILLING}[^.]{{0,40}}?\b"
                     rf"(?:feared|threatened|rumou?red)\b", re.I)
_HARDSHIP = re.compile(
    r"\b(?:no\s+(?:available\s+)?(?:food|meat|vegetables|bread|flour|water|medicines?|fuel)|"
    r"shortages?\s+of\s+\w+|(?:food|water|medicine|fuel)\s+shortages?|starv\w+|hunger|famine|"
    r"malnutrition|diet\s+of\s+mostly|(?:run|runs|ran|running)\s+out\s+of|going\s+hungry|"
    r"without\s+(?:food|water|electricity|medicines?|fuel)|"
    r"no\s+(?:safe\s+)?way\s+(?:in\s+or\s+)?out|(?:nobody|no\s+one)\s+can\s+(?:go|get)\s+"
    r"in\s+or\s+out|"
    r"(?:nobody|no\s+one)\s+dares\s+to\s+leave|(?:cannot|can't|unable\s+to)\s+(?:leave|flee))",
    re.I)
_CAVEAT = re.compile(r"\b(?:propaganda|unverified|unconfirmed|could\s+not\s+(?:be\s+)?"
                     r"(?:independently\s+)?(?:verif|confirm)\w*|rumou?rs?)\b", re.I)
#: Facility kinds a report names by their kind alone ("the airport") after naming one.
_FACILITY_WORDS = {"airport": ("airport", "airbase"), "air base": ("airbase", "airport"),
                   "airbase": ("airbase", "airport"), "base": ("military_base", "airbase"),
                   "camp": ("camp",), "prison": ("prison",), "dam": ("dam",)}
_FACILITY = re.compile(r"\bthe\s+(?:[\w-]+\s+){0,3}?(?P<kind>airport|air\s?base|base|camp|"
                       r"prison|dam)\b", re.I)
ARMED_KINDS = ("state", "armed_group")


@dataclasses.dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    text: str
    places: tuple[PlaceRef, ...]
    actors: tuple[tuple[int, int, ActorMatch], ...]  # (start char, end char, actor)
    day: dt.date | None
    since: dt.date | None = None  # "under blockade since 2 October": when a state began


def find_claims(document: Document, doc: Doc, places: Iterable[PlaceRef],
                dates: Iterable[DateRef], doc_country: str | None,
                focus_place: PlaceRef | None = None) -> list[ControlClaim]:
    """The control claims of ``document`` (see the module text), in text order. A claim of
    danger or hardship that names no place is about ``focus_place``, the report's main place
    ("Pharmacies have been emptied" in a report about Mariupol)."""
    refs = [dataclasses.replace(ref, candidates=()) for ref in places
            if ref.resolved and ref.role in ("mention", "source")]  # not where a dateline is
    actors = [(doc[match.start].idx, doc[match.end - 1].idx + len(doc[match.end - 1]), match)
              for match in recognise_actors(doc, doc_country, document.published)]
    day_refs = [ref for ref in dates if not ref.is_statement]
    published = document.published or dt.date.today()
    caveats = tuple(_evidence(document, sentence) for sentence in doc.sents
                    if _CAVEAT.search(sentence.text))
    claims: dict[str, ControlClaim] = {}
    for sentence in doc.sents:
        found = _sentence(sentence, refs, actors, day_refs)
        for kind, values in _claims_of(found, refs):
            if kind in ("road_cut", "road_open") and not values["road"] and \
                    not values["road_ends"]:
                continue  # "rebels cut a road": which road, the report does not say here
            if kind in ("atrocity_threat", "hardship", "trapped") and \
                    not values.get("places") and \
                    focus_place is not None and focus_place.resolved:
                values["places"] = (dataclasses.replace(focus_place, candidates=()),)
            claim = _finish(document, sentence, kind, values, published, caveats)
            claims.setdefault(claim.claim_id, claim)  # one claim said twice in a sentence
    return list(claims.values())


def _sentence(sentence: Span, refs: list[PlaceRef], actors: list[tuple[int, int, ActorMatch]],
              dates: list[DateRef]) -> _Sentence:
    start, end = sentence.start_char, sentence.end_char
    days = [ref for ref in dates if start <= ref.start < end and ref.time_precision == 1 and
            not ref.is_background]
    text = sentence.text  # spaCy builds it from the tokens on every access: read once
    since = [ref for ref in dates if start <= ref.start < end and
             re.search(r"\bsince\s+(?:the\s+)?$",
                       text[max(0, ref.start - start - 12):ref.start - start], re.I)]
    return _Sentence(start, end, text,
                     tuple(ref for ref in refs if start <= ref.start < end),
                     tuple(item for item in actors if start <= item[0] < end),
                     days[0].date if days else None, since[0].date if since else None)


def _claims_of(sentence: _Sentence, refs: list[PlaceRef]) -> Iterable[tuple[ClaimKind, dict]]:
    yield from _holds(sentence, refs)
    yield from _trapped(sentence, refs)
    ended = _SIEGE_END.search(sentence.text)
    if ended:
        places = _nearest(sentence, _places_near(sentence, refs, 0, len(sentence.text)),
                          ended.start())
        if places:
            yield "siege_lifted", {"places": places, "day": sentence.day}
    for match in () if ended else _BESIEGED.finditer(sentence.text):
        places = _nearest(sentence, _places_near(sentence, refs, max(0, match.start() - 100),
                                                 match.end() + 60), match.start())
        if places:
            yield "besieged", {"places": places, "actor": _besieger(sentence, match.end()),
                               "day": sentence.day or sentence.since}
            break
    yield from _roads(sentence, refs)
    if _AIRDROP.search(sentence.text):
        places = _places_near(sentence, refs, 0, len(sentence.text))
        held = _HELD.search(sentence.text)
        # "... airdropped over the airport, then distributed to residents of regime-controlled
        # districts": the holder's districts are supplied too
        holder = _actor_ending_at(sentence, sentence.start + held.start()) if held else None
        if places or holder:
            yield "airdrop", {"places": places, "actor": holder,
                              "extent": "part" if holder else None}
    threat = _THREAT.search(sentence.text)
    if threat:
        yield "atrocity_threat", {"places": _places_near(sentence, refs, 0, len(sentence.text)),
                                  "actor": _armed_after(sentence, 0, armed_only=False,
                                                        kinds=("armed_group",)),
                                  "certainty": "feared"}
    if _HARDSHIP.search(sentence.text):
        yield "hardship", {"places": _places_near(sentence, refs, 0, len(sentence.text))}


def _holds(sentence: _Sentence, refs: list[PlaceRef]) -> Iterable[tuple[ClaimKind, dict]]:
    for match in _HELD.finditer(sentence.text):
        actor = _actor_ending_at(sentence, sentence.start + match.start())
        if actor is None:
            continue
        places = _places_near(sentence, refs, match.end(), match.end() + 90, stop_at_verb=True)
        part = re.match(r"\s+(?:\w+\s+)?(?:districts?|neighbou?rhoods?|pockets?|parts?|areas?|"
                        r"quarters?|sections?)\b", sentence.text[match.end():])
        named = [ref for ref in places if ref.feature not in ("city", "admin1", "country")]
        extent = None if (not part or named) else "part"
        if named and part:
            places = tuple(named)  # "regime-held districts of al-Joura and al-Qasour"
        if places:
            yield "holds", {"places": places, "actor": actor, "extent": extent}
    for match in _CONTROLS.finditer(sentence.text):
        actor = _actor_before(sentence, sentence.start + match.start())
        places = _places_near(sentence, refs, match.end(), match.end() + 40)
        if actor and places and places[0].start - sentence.start - match.end() <= 12:
            extent = match.group("extent") or ""
            yield "holds", {"places": places[:1], "actor": actor,
                            "extent": _extent(extent)}
    for match in _UNDER.finditer(sentence.text):
        actor = _actor_starting_at(sentence, sentence.start + match.end())
        places = _places_near(sentence, refs, max(0, match.start() - 80), match.start())
        if not places and _ANAPHOR.search(sentence.text, 0, match.start()):
            places = _previous_place(sentence, refs)  # "The district, held by government forces"
        if actor and places:
            yield "holds", {"places": places[-1:], "actor": actor}


#: A place named again by its kind ("The district, held by ...", "the town, still in the hands
#: of ...").
_ANAPHOR = re.compile(r"\b(?:the|this)\s+(?:district|town|city|village|port|camp|enclave|"
                      r"neighbou?rhood|base)\b", re.I)


def _previous_place(sentence: _Sentence, refs: list[PlaceRef]) -> tuple[PlaceRef, ...]:
    """The place the report named last before this sentence (not a region or a country)."""
    before = [ref for ref in refs if ref.start < sentence.start and
              ref.feature not in ("admin1", "region", "country")]
    return (max(before, key=lambda ref: ref.start),) if before else ()


def _extent(words: str) -> str | None:
    words = words.lower()
    if not words or words.startswith(("all", "the whole")):
        return None
    return "most" if words.startswith(("most", "much", "large", "swathes")) else "part"


def _trapped(sentence: _Sentence, refs: list[PlaceRef]) -> Iterable[tuple[ClaimKind, dict]]:
    for match in _TRAPPED.finditer(sentence.text):
        population = _number(match.group("number"))
        if not population:
            continue
        after = sentence.text[match.end():]
        held = _HELD.search(after[:60])
        holder = _actor_ending_at(sentence, sentence.start + match.end() + held.start()) \
            if held else None
        places = _places_near(sentence, refs, match.end(), match.end() + 120)
        yield "trapped", {"places": places, "actor": holder, "population": population,
                          "extent": "part" if held and re.match(
                              r"\s+(?:\w+\s+)?(?:districts?|neighbou?rhoods?|areas?)",
                              after[held.end():]) else None}


def _roads(sentence: _Sentence, refs: list[PlaceRef]) -> Iterable[tuple[ClaimKind, dict]]:
    passive = _ROAD_PASSIVE.search(sentence.text)
    for kind, pattern in (("road_cut", _ROAD_CUT), ("road_open", _ROAD_OPEN)):
        match = pattern.search(sentence.text)
        links_from = match.end() if match else 0
        if match is None and passive is not None and \
                ("open" in passive.group("state").lower()) == (kind == "road_open"):
            match, links_from = passive, passive.start()
        if match is None:
            continue
        links = _ROAD_LINKS.search(sentence.text, links_from)
        ends: tuple[PlaceRef, ...] = ()
        if links:
            ends = _places_near(sentence, refs, links.start("ends"), links.end("ends"))
        if not ends:
            # "trapped in Djibo after JNIM cut the only road": the road to the place named
            ends = _nearest(sentence, _places_near(sentence, refs, 0, len(sentence.text)),
                            match.start())[:1]
        name = match.groupdict().get("name")
        yield kind, {"road": (name or "").upper().replace("-", "") or None,
                     "road_ends": ends[:2], "day": sentence.day or sentence.since,
                     "actor": None if match is passive else  # told of the road, not by whom
                     _actor_before(sentence, sentence.start + match.start()),
                     "places": ends[:2]}  # type: ignore[misc]


def _number(text: str) -> int | None:
    cleaned = text.lower().replace(",", "").strip()
    scaled = re.fullmatch(r"([\d.]+)\s*(million|thousand)", cleaned)
    if scaled:
        return int(float(scaled.group(1)) * (1_000_000 if scaled.group(2) == "million" else 1000))
    return parse_number(cleaned)


def _nearest(sentence: _Sentence, places: tuple[PlaceRef, ...], position: int
             ) -> tuple[PlaceRef, ...]:
    """The place named nearest ``position`` (a sentence offset), with the places listed with it
    ("al-Joura and al-Qusour")."""
    if not places:
        return ()
    at = sentence.start + position
    # a town before its province ("Djibo, the capital of Soum province, ... blockade")
    nearest = min(places, key=lambda ref: (_regional(ref),
                                           min(abs(ref.start - at), abs(ref.end - at))))
    listed = [nearest]
    for ref in places:
        between = sentence.text[min(ref.end, nearest.end) - sentence.start:
                                max(ref.start, nearest.start) - sentence.start]
        if ref is not nearest and re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", between):
            listed.append(ref)
    return tuple(sorted(listed, key=lambda ref: ref.start))


def _regional(ref: PlaceRef) -> bool:
    return ref.feature in ("admin1", "region", "country") or bool(re.search(
        r"\b(?:province|region|state|governorate|county|department)$", ref.text, re.I))


def _places_near(sentence: _Sentence, refs: list[PlaceRef], start: int, end: int,
                 stop_at_verb: bool = False) -> tuple[PlaceRef, ...]:
    """The places named between ``start`` and ``end`` (sentence offsets), with facilities named
    by their kind alone; with ``stop_at_verb``, up to the clause's end."""
    text = sentence.text
    if stop_at_verb:
        stop = re.search(r"[;:]|\s(?:as|while|where|when|but|and\s+the)\s|,\s+(?:located|"
                         r"situated|which|where|who|less|about|some|near|just)\b",
                         text[start:end])
        end = start + stop.start() if stop else end
    named = [ref for ref in sentence.places
             if start <= ref.start - sentence.start < end and ref.feature != "country"]
    for match in _FACILITY.finditer(text, start, min(end, len(text))):
        facility = _only_facility(refs, match.group("kind").lower().replace(" ", ""))
        if facility is not None and all(ref.gazetteer_id != facility.gazetteer_id
                                        for ref in named):
            named.append(dataclasses.replace(facility, start=sentence.start + match.start(),
                                             end=sentence.start + match.end(),
                                             text=match.group(0)))
    return tuple(sorted(named, key=lambda ref: ref.start))


def _only_facility(refs: list[PlaceRef], kind: str) -> PlaceRef | None:
    features = _FACILITY_WORDS.get(kind) or _FACILITY_WORDS.get(kind.replace("airbase",
                                                                             "air base"), ())
    found = {ref.gazetteer_id: ref for ref in refs if ref.feature in features}
    return next(iter(found.values())) if len(found) == 1 else None


def _actor_ending_at(sentence: _Sentence, position: int) -> str | None:
    for start, end, actor in sentence.actors:
        if end == position or (start < position <= end + 1):
            return actor.name
    return None


def _actor_starting_at(sentence: _Sentence, position: int) -> str | None:
    return next((actor.name for start, _, actor in sentence.actors
                 if position <= start <= position + 4), None)


def _actor_before(sentence: _Sentence, position: int) -> str | None:
    before = [item for item in sentence.actors if item[1] <= position and
              item[2].kind in ARMED_KINDS]
    return before[-1][2].name if before else None


def _armed_after(sentence: _Sentence, offset: int, armed_only: bool = True,
                 kinds: tuple[str, ...] = ARMED_KINDS) -> str | None:
    found = [item for item in sentence.actors if item[0] >= sentence.start + offset and
             item[2].kind in kinds]
    return found[0][2].name if found else None


def _besieger(sentence: _Sentence, offset: int) -> str | None:
    """The actor after "by", else the sentence's nearest armed actor that is not named as a
    holder ("the army-held town ... encircled": the army is besieged, not besieging)."""
    by = re.match(r"\s+by\s+(?:the\s+)?", sentence.text[offset:])
    if by:
        named = _actor_starting_at(sentence, sentence.start + offset + by.end())
        if named:
            return named
    holders = {actor.name for _, end, actor in sentence.actors
               if _HELD.match(sentence.text, end - sentence.start)}
    armed = [actor.name for _, _, actor in sentence.actors
             if actor.kind in ARMED_KINDS and actor.name not in holders]
    return armed[0] if armed else None


def _evidence(document: Document, sentence: Span) -> Evidence:
    return Evidence(document.id, sentence.text, sentence.start_char, sentence.end_char)


def _finish(document: Document, sentence: Span, kind: ClaimKind, values: dict,
            published: dt.date, caveats: tuple[Evidence, ...]) -> ControlClaim:
    evidence = _evidence(document, sentence)
    day = None
    if kind in ("road_cut", "road_open", "besieged", "siege_lifted"):
        day = values.pop("day", None)
    claim = ControlClaim(
        claim_id=content_id("clm", document.id, kind, str(sentence.start_char),
                            values.get("actor") or "",
                            ",".join(ref.gazetteer_id or "" for ref in values.get("places", ()))),
        doc_id=document.id, kind=kind, date=day or published, evidence=evidence,
        caveats=caveats if kind == "atrocity_threat" else (), stage=STAGE, **values)
    return claim
