"""Typed records that flow between the stages.

Every record carries an id (or the id of the document it belongs to), character offsets into the
cleaned document text where it comes from text, and ``stage``: the name and version of the stage
that produced it (e.g. ``"extract.rules/0.1"``). Records are plain dataclasses so they serialise to
dicts (``to_dict``) for JSON output, the store, and Spark.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "ActorRef",
    "Certainty",
    "DateRef",
    "Document",
    "Event",
    "Evidence",
    "Failure",
    "Mention",
    "PlaceCandidate",
    "PlaceRef",
    "Provenance",
    "Span",
    "to_dict",
]

Certainty = Literal["reported", "claimed", "alleged", "feared", "denied", "hypothetical"]
#: ``dateline``: where the report was filed; ``source``: where a quoted source is ("a security
#: source in Kongoussi said"); ``mention``: any other place. Only mentions locate events.
PlaceRole = Literal["dateline", "source", "mention", "organisation"]
DateSource = Literal["text", "publication_date"]


def to_dict(record: Any) -> dict[str, Any]:
    """A JSON-ready dict of a record: dates as ISO strings, nested records as dicts."""
    return _jsonable(record)  # type: ignore[no-any-return]


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(item.name for item in dataclasses.fields(kind))


def _jsonable(value: Any) -> Any:
    # Walks the fields itself: dataclasses.asdict deep-copies every value first, which cost the
    # API a third of its time per page of events.
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: _jsonable(getattr(value, name)) for name in _field_names(type(value))}
    return value


def content_id(prefix: str, *parts: str, length: int = 16) -> str:
    """A stable id from content: the same inputs always give the same id."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:length]}"


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned document. ``text`` is what every offset in later records points into."""

    id: str
    text: str
    published: dt.date | None = None
    publisher: str | None = None
    title: str | None = None
    url: str | None = None
    source_path: str | None = None
    language: str = "en"
    removed_boilerplate: tuple[str, ...] = ()
    stage: str = ""
    #: The bytes this document was read from, where they are its own: a JSONL line, a feed
    #: entry, a fetched page (a one-document file's bytes are read by the ingest job). Kept in
    #: the store beside the cleaned text; not part of the record's JSON.
    raw: bytes | None = field(default=None, repr=False, compare=False)
    #: A confidential document (a correspondent's field note): its text and ``author`` are for
    #: analysts and admins only, never in a viewer's response, a public export or the feed.
    confidential: bool = False
    #: Who wrote or told it (a correspondent, a monitor's contact), where the input says so.
    author: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = to_dict(self)
        data.pop("raw", None)
        return data


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a document's cleaned text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class PlaceCandidate:
    """A gazetteer entry a place name could mean, as the resolver ranked it.

    ``similarity``: 1.0 for an exact match of the name (case, accents and punctuation aside), else
    the difflib ratio of the folded name and the entry's name (a loose spelling is accepted from
    0.8)."""

    gazetteer_id: str
    name: str
    country_code: str
    feature: str
    population: int
    similarity: float


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place named in a document, resolved (or not) against the gazetteer."""

    doc_id: str
    text: str
    start: int
    end: int
    name: str | None = None
    gazetteer_id: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    country_code: str | None = None
    admin1: str | None = None
    feature: str | None = None
    population: int | None = None
    admin2: str | None = None
    role: PlaceRole = "mention"
    match: str | None = None
    stage: str = ""
    #: The entries the name could mean, best first (the focus country's first): the chosen one
    #: and the ones an analyst may prefer.
    candidates: tuple[PlaceCandidate, ...] = ()

    @property
    def resolved(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True, slots=True)
class DateRef:
    """A date expression resolved to an absolute date (or range) and a time precision.

    ``is_statement``: the date of a statement about the event ("police said on Tuesday"), not of
    the event itself."""

    doc_id: str
    text: str
    start: int
    end: int
    date: dt.date
    date_end: dt.date | None = None
    time_precision: int = 1
    source: DateSource = "text"
    is_background: bool = False
    is_statement: bool = False
    stage: str = ""


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor named in a document, normalised to a canonical ACLED-style name."""

    doc_id: str
    text: str
    start: int
    end: int
    name: str
    inter: int
    country_code: str | None = None
    stage: str = ""


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence an event rests on, with its offsets in the document's cleaned text."""

    doc_id: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """One event mention: a clause/sentence that reports an event of one sub-event type.

    ``clause`` is the extent of the trigger's clause (its governing verb's subtree): a date or
    place inside it belongs to this event more surely than one elsewhere in the sentence."""

    id: str
    doc_id: str
    sub_event_type: str
    evidence: Evidence
    trigger: Span
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    assoc_actors1: tuple[ActorRef, ...] = ()
    assoc_actors2: tuple[ActorRef, ...] = ()
    place: PlaceRef | None = None
    geo_precision: int | None = None
    date: DateRef | None = None
    fatalities: int = 0
    fatalities_text: str | None = None
    certainty: Certainty = "reported"
    attributed_source: str | None = None
    clause: Span | None = None
    stage: str = ""


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where an event comes from: documents, publishers, attributed sources, stage versions."""

    doc_ids: tuple[str, ...]
    mention_ids: tuple[str, ...]
    publishers: tuple[str, ...] = ()
    attributed_sources: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    #: Independent sources that tell the event (publishers; documents without one count each).
    corroboration: int = 0
    #: Where the sources disagree ("tolls: 5 (Wire A), 9 (Radio B)").
    conflicts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """An event in the ACLED schema plus its evidence and provenance (see ARCHITECTURE.md)."""

    event_id: str
    event_date: dt.date
    time_precision: int
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str
    inter1: int
    actor2: str | None = None
    inter2: int | None = None
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    civilian_targeting: str | None = None
    country: str | None = None
    iso: int | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int = 0
    fatalities_text: str | None = None
    certainty: Certainty = "reported"
    source: str | None = None
    notes: str = ""
    event_date_end: dt.date | None = None
    date_source: DateSource = "text"
    evidence: tuple[Evidence, ...] = ()
    doc_ids: tuple[str, ...] = ()
    provenance: Provenance | None = None
    stage: str = ""

    @property
    def interaction(self) -> int:
        """ACLED's interaction code: both inter codes, smaller first (one-sided: 10, 20...)."""
        codes = sorted(code for code in (self.inter1, self.inter2) if code)
        if len(codes) == 1:
            return codes[0] * 10
        return codes[0] * 10 + codes[1]

    def to_dict(self) -> dict[str, Any]:
        data = to_dict(self)
        data["interaction"] = self.interaction
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """The event :meth:`to_dict` wrote (a store's rows are read back through it)."""
        names = {item.name for item in dataclasses.fields(cls)}
        values = {key: value for key, value in data.items() if key in names}
        for key in ("event_date", "event_date_end"):
            if isinstance(values.get(key), str):
                values[key] = dt.date.fromisoformat(values[key])
        values["evidence"] = tuple(Evidence(**item) for item in values.get("evidence") or ())
        values["doc_ids"] = tuple(values.get("doc_ids") or ())
        provenance = values.get("provenance")
        if isinstance(provenance, dict):
            values["provenance"] = Provenance(**{  # type: ignore[arg-type]
                key: value if isinstance(value, int) else tuple(value)
                for key, value in provenance.items()})
        return cls(**values)


@dataclass(frozen=True, slots=True)
class Failure:
    """A document that could not be processed: which input, where, why (stable code)."""

    source: str
    code: str
    message: str
    line: int | None = None
    doc_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


#: What a control claim says (issue #6): a place is held; it is besieged; people are trapped in
#: it; a road was cut or opened; supplies come by air; a mass killing is feared or threatened;
#: its people lack food, water or medicine or cannot leave.
ClaimKind = Literal["holds", "besieged", "trapped", "road_cut", "road_open", "airdrop",
                    "atrocity_threat", "hardship", "siege_lifted"]


@dataclass(frozen=True, slots=True)
class ControlClaim:
    """What one sentence of a report says about who holds, surrounds or cut off places and
    roads, or about the danger and hardship of the people there; with its evidence.

    ``actor``: the holder (holds, trapped), the besieger (besieged), the actor that cut or opened
    a road, the feared perpetrator (atrocity_threat). ``extent``: "most", "part" or None (all).
    ``road_ends``: the places a road links. ``caveats``: the report's sentences that doubt it
    ("the talk of mass executions could be propaganda")."""

    claim_id: str
    doc_id: str
    kind: ClaimKind
    date: dt.date
    evidence: Evidence
    actor: str | None = None
    places: tuple[PlaceRef, ...] = ()
    extent: str | None = None
    road: str | None = None
    road_ends: tuple[PlaceRef, ...] = ()
    population: int | None = None
    certainty: str = "reported"
    caveats: tuple[Evidence, ...] = ()
    stage: str = ""

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ControlClaim:
        values = dict(data)
        values["date"] = dt.date.fromisoformat(values["date"])
        values["evidence"] = Evidence(**values["evidence"])
        values["caveats"] = tuple(Evidence(**item) for item in values.get("caveats") or ())
        for key in ("places", "road_ends"):
            values[key] = tuple(PlaceRef(**{**item, "candidates": ()})
                                for item in values.get(key) or ())
        return cls(**values)


@dataclass(frozen=True, slots=True)
class ControlFact:
    """Who held a place from ``since`` to ``until`` (None: still), by which rule, how sure, and
    the evidence. ``controller`` is None when the place is contested."""

    place_id: str
    place: str
    latitude: float | None
    longitude: float | None
    controller: str | None
    since: dt.date
    until: dt.date | None
    confidence: float
    rule: str
    evidence: tuple[Evidence, ...]
    extent: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


@dataclass(frozen=True, slots=True)
class RoadFact:
    """A road's state (cut or open) from ``since`` to ``until``, who cut or opened it, the
    places it links, and the evidence."""

    road: str
    ends: tuple[str, ...]
    status: Literal["cut", "open"]
    since: dt.date
    until: dt.date | None
    actor: str | None
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


@dataclass(frozen=True, slots=True)
class Siege:
    """An enclave: places one actor holds, cut off and surrounded by another (or reported
    besieged), from ``start`` to ``end``; the population trapped (a reported figure, else the
    gazetteer's), whether it is supplied by air, and why frontwatch believes it (``reasons``)."""

    siege_id: str
    places: tuple[str, ...]
    place_ids: tuple[str, ...]
    holder: str | None
    besieger: str | None
    start: dt.date
    end: dt.date | None
    population: int | None
    population_source: str | None
    airdrop: bool
    reasons: tuple[str, ...]
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


AlertState = Literal["open", "acknowledged", "closed"]
AlertKind = Literal["atrocity_risk", "humanitarian", "escalation", "siege_started",
                    "siege_ended"]


@dataclass(frozen=True, slots=True)
class Alert:
    """A civilian-protection alert: kind, places, actors, severity with the reasons that set
    it, the population at risk, first and last evidence, quotes, and the report's own doubts.
    One alert per kind, actor and places: new evidence updates it (same ``alert_id``)."""

    alert_id: str
    kind: AlertKind
    places: tuple[str, ...]
    actors: tuple[str, ...]
    severity: Literal["low", "medium", "high", "critical"]
    reasons: tuple[str, ...]
    population: int | None
    first_seen: dt.date
    last_seen: dt.date
    quotes: tuple[Evidence, ...]
    certainty: str
    caveats: tuple[Evidence, ...] = ()
    state: AlertState = "open"

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)
