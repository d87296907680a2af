"""The document's focus country: the country most of a report's places lie in, by weighted votes
(see :func:`focus_country`). Names are then read inside it."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from frontwatch.extract.actors import demonyms
from frontwatch.records import PlaceRef
from frontwatch.resolve.gazetteer import FEATURE_SPECIFICITY, haversine_km
from frontwatch.resolve.place_names import close_spelling

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["HEADER_COUNTRY_VOTES", "PART_OF_TOWN_KM", "focus_country"]

#: A report headed by a country's name is about that country: it outweighs an ambiguous town
#: name repeated three times ("Bor", South Sudan and Russia).
HEADER_COUNTRY_VOTES = 8


#: How near another place of the report a part of a town must lie to count as a town.
PART_OF_TOWN_KM = 15.0


def _beside_another(ref: PlaceRef, resolved: list[PlaceRef]) -> bool:
    return ref.resolved and any(
        other is not ref and other.resolved and other.gazetteer_id != ref.gazetteer_id and
        haversine_km(ref.latitude, ref.longitude, other.latitude,  # type: ignore[arg-type]
                     other.longitude) <= PART_OF_TOWN_KM  # type: ignore[arg-type]
        for other in resolved)


def _region_of_many_countries(ref: PlaceRef) -> bool:
    regions = ("admin1", "admin2", "region")
    return ref.feature in regions and any(
        candidate.feature in regions and candidate.country_code != ref.country_code
        for candidate in ref.candidates)


def focus_country(resolved: list[PlaceRef], doc: Doc) -> str | None:
    """The country most of the document's places lie in. Votes: a country that heads the report
    as its dateline ("SOUTH SUDAN: ...") :data:`HEADER_COUNTRY_VOTES`; a settlement matched
    exactly 2 (a hamlet of under 1,000 people from GeoNames, or a part of a town no other place
    of the report lies beside, 1); a country name, a place named as
    an origin ("reinforcements from Mosul"), the dateline 1; a demonym ("Congolese army") ½. A
    loose (transliteration) match votes only when its spelling is close to the entry's name
    ("Deir e-Zor"/"Deir ez-Zor", not "Ngungu"/"Ngong"). A region whose name is a region's in
    other countries too does not vote."""
    votes: dict[str, float] = defaultdict(float)
    # A name repeated is one piece of evidence: "Bor" three times in a report that also names
    # Pibor is still one name Russia can explain and two South Sudan can.
    by_name: dict[tuple[str, str], float] = {}
    text = doc.text  # built from the tokens on every access: read once
    for ref in resolved:
        if not ref.country_code or (ref.match != "exact" and not close_spelling(ref)):
            continue
        if _region_of_many_countries(ref):
            continue  # "the North West region": Cameroon's, Botswana's or South Africa's
        if ref.role == "dateline" and ref.feature == "country":
            votes[ref.country_code] += HEADER_COUNTRY_VOTES  # "SOUTH SUDAN: Jonglei - Flash..."
            continue
        origin = text[max(0, ref.start - 6):ref.start].lower().endswith("from ")
        # A hamlet abroad that happens to spell a name ("Arbin", 600 people in France) is weak
        # evidence of where the report is.
        hamlet = ref.feature == "village" and (ref.population or 0) < 1000 and \
            not (ref.gazetteer_id or "").startswith("curated:")
        # A district, camp or airport shares its name with namesakes in many cities ("Salah
        # al-Din" in Aleppo and in Tripoli): weaker evidence than a town, unless the report also
        # names a place beside it ("BEIRUT - ... the Beirut port").
        part_of_town = FEATURE_SPECIFICITY.get(ref.feature or "", 1) == 0 and \
            not _beside_another(ref, resolved)
        weak = ref.feature == "country" or origin or ref.role == "dateline" or hamlet or \
            part_of_town
        key = (ref.country_code, ref.text.casefold())
        by_name[key] = max(by_name.get(key, 0.0), 1.0 if weak else 2.0)
    for (country, _), vote in by_name.items():
        votes[country] += vote
    adjectives = demonyms()
    for token in doc:
        code = adjectives.get(token.lower_)
        if code:
            votes[code] += 0.5  # "Turkish forces" fight in Syria: a demonym is a weak vote
    return max(votes, key=lambda code: votes[code]) if votes else None
