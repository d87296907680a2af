"""How one recognised name becomes a gazetteer place: cleaning the name ("the X province's" →
"X", and whether it named a region), looking it up (whole phrase, exact, without an Arabic
article, loose), and choosing among the entries (the entry inside the region the text puts it in,
"Mansoura, Raqqa governorate"; the focus country's first; a loose spelling only where it is close
to the entry and the evidence allows)."""

from __future__ import annotations

import difflib
import re

from frontwatch.records import PlaceCandidate, PlaceRef
from frontwatch.resolve.gazetteer import FEATURE_SPECIFICITY, MAJOR_CITY, Gazetteer, Lookup, Place
from frontwatch.resolve.normalise import exact_key, loose_key

__all__ = [
    "ADMIN_SUFFIX",
    "ARTICLE_WORDS",
    "CLOSE_SPELLING",
    "LOOSE_MIN_POPULATION",
    "MAX_CANDIDATES",
    "STAGE",
    "admin_context",
    "candidates",
    "choose",
    "choose_close",
    "clean_name",
    "close_spelling",
    "contained_place",
    "lookup_name",
    "names_group",
    "place_ref",
    "spelling_ratio",
    "spellings_tried",
    "with_first",
]

STAGE = "resolve.places/0.1"
_ADMIN_WORDS = (r"province|governorate|state|region|oblast|district|county|prefecture|township|"
                r"municipality|department|territory|division|commune")
ADMIN_SUFFIX = re.compile(rf"\s+(?:{_ADMIN_WORDS})$", re.I)
# "Guanajuato state", "the province of Arauca": the name is the region's, not its town's.
_ADMIN_AFTER = re.compile(rf"^\s+(?:{_ADMIN_WORDS})\b", re.I)
_ADMIN_BEFORE = re.compile(r"\b(?:province|governorate|state|region|oblast|department)\s+of\s+$",
                           re.I)
# "the Sinaloa cartel", "a Kachin militia", "the Tripoli-based government": a place naming or
# describing a group, not where anything happened.
_GROUP_AFTER = re.compile(r"^(?:-based\b|\s+(?:cartels?|gangs?|clans?|militias?|brigades?|battalions?|"
                          r"regiments?|branch|wing|affiliate|"
                          r"Cruisers?|Rovers?)\b)", re.I)  # a Land Cruiser is a vehicle
TRAILING_WORDS = re.compile(r"\s+(?:city|town|village|countryside|area|outskirts|suburbs?|"
                            r"camp)$", re.I)


#: A loose (transliteration) match outside a known focus country is trusted only for a place this
#: large: big cities are what outlets name without context (checked on our gold set).
LOOSE_MIN_POPULATION = 100_000


#: The Arabic article as outlets write it before a name (a regex alternation).
ARTICLE_WORDS = r"(?:al|el|ar|as|ash|ad|az|at|an|ed|er|es|ez)"
LEADING_ARTICLE = re.compile(rf"^{ARTICLE_WORDS}[-\s‑]+(?=\w)", re.I)


def spellings_tried(name: str, whole: str | None = None) -> list[str]:
    """What :func:`lookup_name` looks up, in order: the whole phrase when it differs, the name,
    the name without a leading Arabic article when it has one."""
    tried = [whole] if whole and whole != name else []
    tried.append(name)
    bare = LEADING_ARTICLE.sub("", name)
    if bare != name:
        tried.append(bare)
    return tried


def lookup_name(gazetteer: Gazetteer, name: str, whole: str | None = None,
                focus: str | None = None) -> Lookup:
    """The whole phrase first when it differs ("Jenin refugee camp" is a curated entry), then the
    exact name, then exact without a leading Arabic article ("Al-Raqqah" → "Raqqah"), then the
    loose key of the name as written.

    With a ``focus`` country, an exact match that has no entry there and names only small places
    abroad gives way to another step that has one: "al-Jora" in a Syrian report is the Deir
    ez-Zor district spelled loosely, not Jora in India that "Jora" names exactly. A major city,
    a region or a country abroad keeps its name ("Moscow" stays Moscow)."""
    steps = [gazetteer.lookup(spelling) for spelling in spellings_tried(name, whole)]
    as_written = steps[1] if whole and whole != name else steps[0]
    found = next((step for step in steps if step.match == "exact"), as_written)
    if focus and found.match == "exact" and not _has_local(found, focus) and \
            all(_small_settlement(place) for place in found.places):
        local = next((step for step in steps if step is not found and _has_local(step, focus)),
                     None)
        if local is not None:
            return local
    return found


def _has_local(found: Lookup, focus: str) -> bool:
    return any(place.country_code == focus for place in found.places)


def _small_settlement(place: Place) -> bool:
    return FEATURE_SPECIFICITY.get(place.feature, 1) <= 1 and place.population < MAJOR_CITY


def choose(places: tuple[Place, ...], match: str | None, focus: str | None,
            admin: bool) -> Place | None:
    if not places:
        return None
    pool = list(places)
    if match == "exact" and pool[0].feature == "country":
        # "COLOMBIA" heading a digest's section is the country, not Mexico's village of that
        # name (the index ranks a country first among a name's exact matches)
        return pool[0]
    if admin:
        regions = [place for place in pool if place.feature in ("admin1", "region", "admin2")]
        pool = regions or pool
    if focus:
        local = [place for place in pool if place.country_code == focus]
        if local:
            return _region_over_small_namesake(local)
        if FEATURE_SPECIFICITY.get(pool[0].feature, 1) == 0:
            # A district, camp or airport of a city abroad is not what a report about another
            # country means ("Salah Eddin" in Aleppo, not the Tripoli district)
            return None
    if match == "loose" and (focus or pool[0].population < LOOSE_MIN_POPULATION):
        return None  # loose spellings are trusted inside the focus country, or for big cities
    return pool[0]


#: A settlement at least this large keeps its name against a region of the same name.
NAMESAKE_MIN_POPULATION = 100_000


def _region_over_small_namesake(local: list[Place]) -> Place:
    """"Sinaloa" is the state, not the village of Sinaloa in Chiapas: a region of the focus
    country wins over a small settlement of its name that lies outside it (a town inside its own
    namesake region, such as Arauca in Arauca, keeps the name)."""
    best = local[0]
    if FEATURE_SPECIFICITY.get(best.feature, 1) > 1 or best.population >= NAMESAKE_MIN_POPULATION:
        return best
    region = next((place for place in local if place.feature == "admin1"), None)
    if region is not None and region.admin1 != best.admin1:
        return region
    return best


#: An all-capital name this short is initials, matched only as spelled.
ACRONYM_LETTERS = 5


def choose_close(name: str, found: Lookup, focus: str | None, admin: bool) -> Place | None:
    """:func:`choose`, and a loose match only when it is a spelling variant of the entry."""
    if name.isupper() and len(name) <= ACRONYM_LETTERS and found.places and \
            found.places[0].feature not in ("country", "admin1", "region") and \
            (found.match == "loose" or not any(exact_key(place.name) == exact_key(name)
                                               for place in found.places)):
        # "DRG", a unit's initials, is no spelling of Durg (whose GeoNames alternates list
        # "drg"): initials match only a place of that very name, or a country ("DRC", "UAE")
        return None
    place = choose(found.places, found.match, focus, admin)
    if place is not None and found.match == "loose" and \
            not _spelled_alike(name, place.name, place.population):
        return None
    return place


def spelling_ratio(name: str, place: Place) -> float:
    return _names_alike(name, place.name)


def _names_alike(name: str, entry_name: str) -> float:
    """How alike a name and an entry's name are (difflib ratio of the folded names, 0..1), with
    their leading Arabic articles or without them, whichever is closer: outlets drop and keep
    the article at will ("Mansoura" / "Al Manşūrah")."""
    asked, entry = exact_key(name), exact_key(entry_name)
    ratio = difflib.SequenceMatcher(None, asked, entry).ratio()
    bare_asked, bare_entry = _without_article(asked), _without_article(entry)
    if (bare_asked, bare_entry) != (asked, entry):
        ratio = max(ratio, difflib.SequenceMatcher(None, bare_asked, bare_entry).ratio())
    return ratio


_FOLDED_ARTICLE = re.compile(rf"^{ARTICLE_WORDS}\s+(?=\w)")


def _without_article(folded: str) -> str:
    return _FOLDED_ARTICLE.sub("", folded)


#: Similarity (0..1, difflib ratio of folded names) above which a loose match is a spelling
#: variant of the entry and not a different name that happens to share a key.
CLOSE_SPELLING = 0.8


def close_spelling(ref: PlaceRef) -> bool:
    if not ref.name:
        return False
    return _spelled_alike(clean_name(ref.text)[0], ref.name, ref.population)


def _spelled_alike(name: str, entry_name: str, population: int | None) -> bool:
    """A close spelling; or, for a major city, the same loose key however the letters differ
    ("Hodeidah" / "Al Hudaydah", "Mukalla" / "Al Mukallā"; not "Saltivskyi" / "Saltivka")."""
    if _names_alike(name, entry_name) >= CLOSE_SPELLING:
        return True
    return (population or 0) >= MAJOR_CITY and \
        loose_key(name).replace(" ", "") == loose_key(entry_name).replace(" ", "")


#: Candidates kept on a place reference for the analyst (the chosen one is among them).
MAX_CANDIDATES = 5


def candidates(name: str, found: Lookup | None, focus: str | None) -> tuple[PlaceCandidate, ...]:
    """The lookup's entries in the order the resolver weighs them (the focus country's first,
    then the gazetteer's ranking), with the spelling similarity of each."""
    if found is None or not found.places:
        return ()
    ordered = sorted(found.places, key=lambda place: place.country_code != focus) if focus \
        else list(found.places)
    return tuple(PlaceCandidate(
        gazetteer_id=place.id, name=place.name, country_code=place.country_code,
        feature=place.feature, population=place.population,
        similarity=1.0 if found.match == "exact" else round(spelling_ratio(name, place), 3))
        for place in ordered[:MAX_CANDIDATES])


def place_ref(doc_id: str, start: int, end: int, text: str, place: Place | None,
              match: str | None, role: str, found: Lookup | None = None,
              focus: str | None = None) -> PlaceRef:
    """The reference of a name at ``start``..``end``: resolved to ``place`` (or not), with the
    candidates of ``found`` when the lookup is given."""
    ranked = candidates(clean_name(text)[0], found, focus)
    if place is None:
        return PlaceRef(doc_id=doc_id, text=text, start=start, end=end, role=role,  # type: ignore[arg-type]
                        stage=STAGE, candidates=ranked)
    return PlaceRef(doc_id=doc_id, text=text, start=start, end=end, name=place.name,
                    gazetteer_id=place.id, latitude=place.latitude, longitude=place.longitude,
                    country_code=place.country_code, admin1=place.admin1, admin2=place.admin2,
                    feature=place.feature,
                    population=place.population, role=role, match=match,  # type: ignore[arg-type]
                    stage=STAGE, candidates=ranked)


def clean_name(text: str) -> tuple[str, bool]:
    """The name without "the", possessive and trailing words; whether an admin suffix was there."""
    name = re.sub(r"^(?:the)\s+", "", text.strip(), flags=re.I)
    name = re.sub(r"['’]s$", "", name)
    admin = bool(ADMIN_SUFFIX.search(name))
    name = ADMIN_SUFFIX.sub("", name)
    name = TRAILING_WORDS.sub("", name)
    name = _CAMEL_ARTICLE.sub(r"\1-", name)
    return name.strip(), admin


# "AlMansura", "AlBadiah": the article run into a capitalised name, as some monitors write it.
_CAMEL_ARTICLE = re.compile(r"^(Al|El)(?=[A-Z][a-z])")


def admin_context(text: str, start: int, end: int) -> bool:
    """Whether the words around a name make it a region's ("Guanajuato state")."""
    before = text[max(0, start - 20):start]
    return bool(_ADMIN_AFTER.match(text[end:end + 20]) or _ADMIN_BEFORE.search(before))


def names_group(text: str, end: int) -> bool:
    """Whether the name modifies a group's name ("the Sinaloa cartel")."""
    return bool(_GROUP_AFTER.match(text[end:end + 20]))


# "Mansoura, Raqqa governorate", "al-Jora in Deir ez-Zor", "Kashkash in southern Hasaka": a name
# followed by the region or town it lies in.
_CONTAINER_AFTER = re.compile(
    r"\s*(?:,|\bin\b)\s*(?:(?:a|the)\s+(?:village|town|locality|settlement|community|hamlet)"
    r"\s+in\s+)?(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?\s+)?"
    r"((?:al-|el-|ad-|ar-|as-|ash-|az-)?[A-Z][\w'’\-]+(?:\s+(?:al-|el-)?[A-Z][\w'’\-]+)?)")
#: "Hays district of Hodeidah", "the Milamba neighbourhood of Mocimboa": a unit, "of", its town.
_UNIT_WORD_BEFORE = re.compile(
    r"\b(?:district|county|township|sub-?county|neighbou?rhood|quarter|commune|municipality|"
    r"locality|village|town)$", re.I)
_CONTAINER_OF = re.compile(
    r"\s+of\s+(?:the\s+)?((?:al-|el-|ad-|ar-|as-|ash-|az-)?[A-Z][\w'’\-]+"
    r"(?:\s+(?:al-|el-)?[A-Z][\w'’\-]+)?)")
#: Containers tried per name (the best-ranked entries of the container's name).
MAX_CONTAINERS = 3


# "Chhattisgarh's Bijapur district", "Sagaing Region's Kanbalu Township": the region before.
_CONTAINER_BEFORE = re.compile(
    r"\b((?:al-|el-)?[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)(?:'s|’s)\s+(?:the\s+)?$")


def _container_name(text: str, start: int | None, end: int) -> tuple[str, bool] | None:
    """The container's name, and whether it follows the name (where "Homs, Hama" may be a list
    rather than a place and its region)."""
    following = _CONTAINER_AFTER.match(text, end)
    if following is not None:
        return following.group(1), True
    if _UNIT_WORD_BEFORE.search(text, max(0, end - 20), end):
        unit_of = _CONTAINER_OF.match(text, end)
        if unit_of is not None:
            return unit_of.group(1), False  # "Hays district of Hodeidah"
    if start is None:
        return None
    preceding = _CONTAINER_BEFORE.search(text, max(0, start - 40), start)
    return (preceding.group(1), False) if preceding is not None else None


def contained_place(text: str, end: int, name: str, found: Lookup, gazetteer: Gazetteer,
                    start: int | None = None) -> Place | None:
    """The place a name means by admin containment: when it is followed by the region or town it
    lies in (or preceded by a region's possessive, given ``start``), its entry (or a close
    spelling of it) inside the container's admin1 region, wherever else the name points. A name
    that is itself a major city or a region of the container's country is a list item ("Homs,
    Hama"), not contained."""
    named = _container_name(text, start, end)
    if named is None:
        return None
    container_name, _ = clean_name(named[0])
    may_be_a_list = named[1]
    containers = [place for place in lookup_name(gazetteer, container_name).places[:MAX_CONTAINERS]
                  if place.admin1]
    if not containers:
        return None
    pool = list(found.places) + [place for place in gazetteer.spellings(name).places
                                 if place not in found.places]
    for container in containers:
        if may_be_a_list and found.match == "exact" and any(
                place.country_code == container.country_code and
                (place.population >= MAJOR_CITY or place.feature == "admin1")
                for place in found.places):
            return None
        inside = [place for place in pool if place.id != container.id and
                  place.country_code == container.country_code and
                  place.admin1 == container.admin1 and
                  FEATURE_SPECIFICITY.get(place.feature, 1) <= 1 and
                  spelling_ratio(name, place) >= CLOSE_SPELLING]
        if inside:
            return inside[0]
    return None


#: "the Syrian town of Palmyra", "the Malian city of Gao": the country's adjective before a unit
_DEMONYM_UNIT_OF = re.compile(
    r"\b([A-Z][a-z]+)\s+(?:(?:border|frontline|front-line|northern|southern|eastern|western|"
    r"central|port|coastal|desert|oasis|mountain|rebel-held|army-held)\s+)?"
    r"(?:town|city|village|capital|locality|settlement|district|province|region)\s+of\s+$")


def demonym_place(text: str, start: int, found: Lookup, countries: dict[str, str]
                  ) -> Place | None:
    """The candidate in the country whose adjective precedes "town of" (``countries``: adjective,
    lower case, to ISO code): the Syrian town of Palmyra is Tadmur, not Palmyra, Pennsylvania."""
    match = _DEMONYM_UNIT_OF.search(text[max(0, start - 60):start])
    code = countries.get(match.group(1).lower()) if match else None
    if code is None:
        return None
    return next((place for place in found.places if place.country_code == code and
                 place.feature not in ("country", "admin1")), None)


def named_containers(text: str, start: int, end: int, gazetteer: Gazetteer) -> list[Place]:
    """The places a name is said to lie in ("Segue, a village in Bankass district"), best
    first; empty when it is said to lie in none."""
    named = _container_name(text, start, end)
    if named is None:
        return []
    return [place for place in lookup_name(gazetteer, clean_name(named[0])[0]).places[
        :MAX_CONTAINERS] if place.admin1]


def with_first(found: Lookup, place: Place | None) -> Lookup:
    """``found`` with ``place`` (chosen by other evidence) as its first candidate; a lookup that
    gains a spelling variant is a loose one (its candidates' similarities are then computed)."""
    if place is None:
        return found
    match = found.match if place in found.places else "loose"
    return Lookup(match or "loose", (place, *(each for each in found.places if each != place)))
