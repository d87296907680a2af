"""Event mentions: one per sentence and sub-event type, with actors, fatalities and certainty.

Places and dates are attached by the resolve stage; this stage only needs to know which sentences
name a place (a territorial change needs one).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from frontwatch.extract.actors import (
    ARMED_GROUP,
    PROTESTERS,
    STATE,
    ActorMatch,
    recognise_actors,
)
from frontwatch.extract.arguments import is_speaker
from frontwatch.extract.classify import CRIME_WORDS, Decision, classify_sentence, not_crime
from frontwatch.extract.fatalities import count_fatalities
from frontwatch.extract.modality import certainty
from frontwatch.extract.roles import Roles, assign_roles
from frontwatch.extract.triggers import Trigger, find_triggers
from frontwatch.records import ActorRef, Certainty, Document, Evidence, Mention, Span, content_id

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["ITEM_LINE", "STAGE", "SentenceMentions", "find_mentions", "mention_id"]

STAGE = "extract.rules/0.1"
SAY_VERBS = {"say", "tell", "report", "claim", "confirm", "announce", "state", "add"}
BATTLES = ("Armed clash", "Government regains territory", "Non-state actor overtakes territory")
DEFINITE = {"the", "this", "that", "these", "those"}
EVENT_NOUNS = {"strike", "strikes", "attack", "attacks", "bombing", "raid", "raids", "assault",
               "airstrike", "airstrikes", "shelling", "blast", "explosion", "ambush", "operation",
               "offensive", "clashes", "fighting", "device", "bomb", "grenade", "explosive",
               "explosives", "shell", "rocket", "missile",
               # "the aircraft dropped two bombs on the village": the strike already told
               "aircraft", "jet", "jets", "warplane", "warplanes", "drone", "drones"}
RIOTS = ("Violent demonstration", "Mob violence")
VIOLENT = (*BATTLES, "Air/drone strike", "Shelling/artillery/missile attack", "Suicide bomb",
           "Chemical weapon", "Remote explosive/landmine/IED", "Grenade", "Attack",
           "Abduction/forced disappearance", "Sexual violence")
#: Events a following sentence's death toll belongs to: violence, riots and force used on
#: protesters ("police fired rubber bullets at students ... A student was hit and died").
TOLL_TAKERS = (*VIOLENT, *RIOTS, "Excessive force against protesters",
               "Protest with intervention")
ARMED_ONLY = (*BATTLES, "Air/drone strike", "Shelling/artillery/missile attack", "Suicide bomb",
              "Chemical weapon")


@dataclass(frozen=True, slots=True)
class SentenceMentions:
    """Mentions of one sentence (the resolve stage needs the sentence's offsets)."""

    sentence_start: int
    sentence_end: int
    mentions: tuple[Mention, ...]


def _actor_ref(doc_id: str, doc: Doc, match: ActorMatch | None) -> ActorRef | None:
    if match is None:
        return None
    span = doc[match.start:match.end]
    return ActorRef(doc_id=doc_id, text=span.text, start=span.start_char, end=span.end_char,
                    name=match.name, inter=match.inter, country_code=match.country_code,
                    stage=STAGE)


def _attributed_source(sentence: SpacySpan) -> str | None:
    for token in sentence:
        if token.lemma_.lower() in SAY_VERBS and token.pos_ == "VERB":
            for child in token.children:
                if child.dep_ == "nsubj":
                    words = [t for t in child.subtree]
                    text = sentence.doc[words[0].i:words[-1].i + 1].text
                    if any(t.ent_type_ in ("PERSON", "ORG") for t in words):
                        return text
    for token in sentence:
        if token.lower_ == "according" and token.i + 2 < sentence.end:
            obj = [t for t in token.doc[token.i + 1].subtree if t.dep_ == "pobj"]
            if obj:
                subtree = list(obj[0].subtree)
                return sentence.doc[subtree[0].i:subtree[-1].i + 1].text
    return None


def _main_armed(actors: list[ActorMatch], exclude: ActorMatch | None) -> ActorMatch | None:
    """The armed actor named most often in the document (other than ``exclude``)."""
    counts = Counter(a.name for a in actors if a.kind in (STATE, ARMED_GROUP) and
                     (exclude is None or a.name != exclude.name))
    if not counts:
        return None
    name = counts.most_common(1)[0][0]
    return next(a for a in actors if a.name == name)


def _main_opponent(actors: list[ActorMatch], actor1: ActorMatch) -> ActorMatch | None:
    """The armed actor named most often in the document other than ``actor1``."""
    counts = Counter(a.name for a in actors if a.kind in (STATE, ARMED_GROUP) and
                     a.name != actor1.name and (a.inter == 1) != (actor1.inter == 1))
    if not counts:
        return None
    name = counts.most_common(1)[0][0]
    return next(a for a in actors if a.name == name)


def _fix_type(sub_event_type: str, roles: Roles) -> str:
    """Types that depend on who did it to whom: an "attack" on armed forces is a battle, not
    violence against civilians; a state taking a place regains territory, a non-state group
    overtakes it; a crowd of protesters that riots is coded with rioters."""
    if sub_event_type == "Attack" and roles.actor2 is not None and \
            roles.actor2.kind in (STATE, ARMED_GROUP) and roles.actor1 is not None and \
            roles.actor1.kind in (STATE, ARMED_GROUP):
        return "Armed clash"
    if sub_event_type not in BATTLES[1:] or roles.actor1 is None:
        return sub_event_type
    if roles.actor1.inter == 1:
        return "Government regains territory"
    return "Non-state actor overtakes territory"


def mention_id(doc_id: str, sentence_start: int, sub_event_type: str, trigger_start: int
               ) -> str:
    """A mention's id: its document, sentence start, type and trigger start (so a chunked run,
    its offsets moved back, gives the ids of an unchunked one)."""
    return content_id("men", doc_id, str(sentence_start), sub_event_type, str(trigger_start))


def _mention(document: Document, doc: Doc, sentence: SpacySpan, trigger: Trigger,
             sub_event_type: str, roles: Roles, all_actors: list[ActorMatch]) -> Mention:
    head = doc[trigger.start:trigger.end].root
    actor1, actor2 = roles.actor1, roles.actor2
    if sub_event_type in RIOTS and actor1 is not None and actor1.kind == PROTESTERS:
        actor1 = None  # ACLED codes a riot's crowd as "Rioters (X)", named by the fuse stage
    if sub_event_type in ARMED_ONLY:
        # Only organised armed groups fight battles and fire weapons; a civilian "subject"
        # ("a resident described ... battles") is a witness, not a party.
        if actor1 is not None and actor1.kind not in (STATE, ARMED_GROUP):
            actor1 = None
        if sub_event_type in BATTLES and actor2 is not None and \
                actor2.kind not in (STATE, ARMED_GROUP):
            actor2 = None
        if actor1 is None and sub_event_type in BATTLES:
            actor1 = _main_armed(all_actors, exclude=actor2)
    if sub_event_type in BATTLES and actor1 is not None and actor2 is None:
        actor2 = _main_opponent(all_actors, actor1)
    fatalities = count_fatalities(sentence)
    found_certainty: Certainty = certainty(head)
    if found_certainty == "reported" and _armed_group_speaks(
            sentence, [a for a in all_actors if sentence.start <= a.start < sentence.end], head):
        found_certainty = "claimed"  # "JNIM said its fighters had killed more than 100"
    trigger_span = doc[trigger.start:trigger.end]
    assoc1 = [*roles.assoc1]
    ally_names = list(actor1.allies) if actor1 else []
    refs1 = tuple(r for r in (_actor_ref(document.id, doc, a) for a in assoc1) if r)
    refs1 += tuple(ActorRef(document.id, name, head.idx, head.idx, name, 1, None, STAGE)
                   for name in ally_names)
    return Mention(
        id=mention_id(document.id, sentence.start_char, sub_event_type,
                      trigger_span.start_char),
        doc_id=document.id,
        sub_event_type=sub_event_type,
        evidence=Evidence(document.id, sentence.text.strip(), sentence.start_char,
                          sentence.start_char + len(sentence.text.rstrip())),
        trigger=Span(trigger_span.start_char, trigger_span.end_char, trigger_span.text),
        actor1=_actor_ref(document.id, doc, actor1),
        actor2=_actor_ref(document.id, doc, actor2),
        assoc_actors1=refs1,
        assoc_actors2=tuple(r for r in (_actor_ref(document.id, doc, a) for a in roles.assoc2)
                            if r),
        fatalities=fatalities.fatalities,
        fatalities_text=fatalities.text,
        certainty=found_certainty,
        attributed_source=_attributed_source(sentence),
        clause=_clause(head),
        stage=STAGE,
    )


def _clause(head: Token) -> Span:
    verb = head
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    tokens = list(verb.subtree)
    span = verb.doc[tokens[0].i:tokens[-1].i + 1]
    return Span(span.start_char, span.end_char, span.text)


def _anaphora(decision: Decision, sentence: SpacySpan) -> bool:
    """"The attack comes as ...": a definite event noun with no date or place of its own points
    back to an event already reported, it does not report a new one."""
    head = sentence.doc[decision.trigger.start:decision.trigger.end].root
    if head.lemma_.lower() in ("kill", "die") and any(
            child.lower_ == "in" and any(_definite_event(obj) for obj in child.children)
            for child in head.children):
        return True  # "it had killed five soldiers in that attack": the toll of one told
    if head.pos_ == "VERB":
        # "the strike had targeted a training camp": a definite event noun as the subject
        # elaborates the event already reported.
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        head = subjects[0] if subjects and subjects[0].lower_ in EVENT_NOUNS else head
    if head.pos_ != "NOUN" or not any(child.dep_ == "det" and child.lower_ in DEFINITE
                                      for child in head.children):
        return False
    own = _own_clause(head)
    return not any(entity.label_ in ("DATE", "TIME", "GPE", "LOC", "FAC") and entity.root in own
                   for entity in sentence.ents)


def _definite_event(noun: Token) -> bool:
    return noun.lower_ in EVENT_NOUNS and any(child.dep_ == "det" and child.lower_ in DEFINITE
                                               for child in noun.children)


def _armed_group_speaks(sentence: SpacySpan, actors: list[ActorMatch],
                        head: Token | None = None) -> bool:
    """An armed group is the one telling ("Al Shabaab said it had killed five soldiers"): its
    figure is propaganda, no toll. Given the trigger's ``head``, only a telling that covers it:
    in "a drone strike killed two men whom Hezbollah later announced as fighters" the group
    tells who the dead were, not the strike."""
    for actor in actors:
        if actor.kind != ARMED_GROUP or not actor.named or \
                not is_speaker(actor.start, actor.end, sentence):
            continue  # unnamed "fighters" do not issue statements
        verb = sentence.doc[actor.start:actor.end].root.head
        if head is None or verb.dep_ not in ("relcl", "acl") or head in verb.subtree:
            return True
    return False


def _own_clause(head: Token) -> set[Token]:
    """The words of the clause ``head`` belongs to, without its relative and other subordinate
    clauses ("..., which agreed a ceasefire last August": that date is not this event's)."""
    verb = head.head if head.dep_ in ("nsubj", "nsubjpass") else head
    words = set(verb.subtree)
    for token in list(words):
        if token.dep_ in ("relcl", "advcl", "ccomp") and token is not verb:
            words -= set(token.subtree)
        elif verb is not head and token.head is verb and token.dep_ in ("dobj", "attr"):
            # "the killings ... follow the raid on 10 May": the object's date is the object's
            words -= set(token.subtree)
    return words


def _only_a_toll(decisions: list[Decision], sentence: SpacySpan,
                 actors: list[ActorMatch]) -> bool:
    if not decisions:
        return False
    if any(sentence.doc[d.trigger.start].lemma_.lower() not in ("kill", "die")
           for d in decisions):
        return False
    head = sentence.doc[decisions[0].trigger.start]
    return not any(child.dep_ in ("nsubj", "agent") for child in head.children)


def _claimant(sentence: SpacySpan, actors: list[ActorMatch]) -> ActorMatch | None:
    """The armed actor that "claimed responsibility" in ``sentence``, if it did."""
    for token in sentence:
        if token.lemma_.lower() == "claim" and any(
                child.lower_ == "responsibility" for child in token.children):
            subject = [t.i for child in token.children if child.dep_ == "nsubj"
                       for t in child.subtree]
            for actor in actors:
                if actor.start in subject and actor.kind in (STATE, ARMED_GROUP):
                    return actor
    return None


def _with_initiator(item: SentenceMentions, claimant: ActorRef | None) -> SentenceMentions:
    def fix(mention: Mention) -> Mention:
        unnamed = mention.actor1 is None or mention.actor1.name.startswith(
            "Unidentified Armed Group")
        if claimant is None or not unnamed or mention.sub_event_type not in VIOLENT:
            return mention
        return dataclasses.replace(mention, actor1=claimant)
    return dataclasses.replace(item, mentions=tuple(fix(m) for m in item.mentions))


def _add_toll_to_latest(out: list[SentenceMentions], sentence: SpacySpan) -> None:
    """The toll goes to the latest violent event of the two sentences before ("... took the
    town. The army said it had withdrawn. At least 25 people were killed in the battle.")."""
    for index in range(len(out) - 1, max(len(out) - 3, -1), -1):
        if out[index].mentions[-1].sub_event_type in TOLL_TAKERS:
            out[index] = _add_toll(out[index], sentence)
            return


#: Lemmas that say a toll grew since it was first reported.
RISING_TOLL = {"rise", "climb", "increase", "mount", "jump"}


def _add_toll(previous: SentenceMentions, sentence: SpacySpan) -> SentenceMentions:
    """"Dozens of displaced people were killed": a sentence that only gives the toll of the
    event reported just before it adds its deaths to that event."""
    toll = count_fatalities(sentence)
    last = previous.mentions[-1]
    if toll.fatalities <= last.fatalities or last.sub_event_type not in TOLL_TAKERS:
        return previous
    words = {token.lemma_.lower() for token in sentence}
    if last.fatalities and not (words & RISING_TOLL or {"toll", "reach"} <= words):
        # "killing at least four people ... A medical group put the toll at seven": another
        # source's figure for a toll already given; ACLED keeps the lower. A toll that "rose"
        # is an update and replaces it.
        return previous
    text = "; ".join(filter(None, [last.fatalities_text, toll.text]))
    # a dispersal that killed is lethal force against the protest (ACLED)
    kind = "Excessive force against protesters" \
        if last.sub_event_type == "Protest with intervention" else last.sub_event_type
    updated = dataclasses.replace(last, fatalities=toll.fatalities, fatalities_text=text,
                                  sub_event_type=kind)
    return dataclasses.replace(previous, mentions=(*previous.mentions[:-1], updated))


def _crime_story(doc: Doc, body_start: int, actors: list[ActorMatch]) -> bool:
    """A lead about robbers or traffickers, and no military or named armed group anywhere: an
    ordinary crime story (the gang that "opened fire" two sentences on is the robbers)."""
    lead = next((s for s in doc.sents if s.start_char >= body_start), None)
    if lead is None or not {token.lower_ for token in lead} & CRIME_WORDS:
        return False
    return not any(actor.name.startswith("Military Forces") or
                   (actor.kind == ARMED_GROUP and not actor.name.startswith("Unidentified"))
                   for actor in actors)


def _body_start(document: Document) -> int:
    """Where the body begins: a headline restates the lead without its date, so when a body
    follows, events are coded from the body only."""
    title = document.title
    if title and document.text.startswith(title) and len(document.text) > len(title) + 2:
        return len(title)
    return 0


def _inherit_actor1(roles: Roles, sub_event_type: str, previous: Roles | None) -> Roles:
    """"Russian forces shelled Nikopol ... The shells, fired from ...": a weapon sentence without
    its own initiator continues the previous sentence of its paragraph."""
    if roles.actor1 is not None or previous is None or previous.actor1 is None:
        return roles
    if sub_event_type not in ARMED_ONLY:
        return roles
    return Roles(previous.actor1, roles.actor2 or previous.actor2, roles.assoc1, roles.assoc2)


#: A list item's first line: "- Jolo (Mon 24 Aug): ...", "• ...", "3. ...", "a) ..." (also read
#: by :mod:`frontwatch.resolve.locate`: an item is a paragraph for scene and day too).
ITEM_LINE = re.compile(r"\n[ \t]*(?:[-–•*·]|\d{1,2}[.)]|[a-h]\))[ \t]")


def _item_start(text: str, offset: int) -> int:
    """Where the paragraph or list item holding ``offset`` starts: the actors of one item do
    not carry over to the next."""
    paragraph = text.rfind("\n\n", 0, offset)
    items = [match.start() for match in ITEM_LINE.finditer(text, max(paragraph, 0), offset)]
    return max([paragraph, *items])


def _acts(doc: Doc, actor: ActorMatch) -> bool:
    """The actor is a subject or an agent in its sentence, not a word of a place or a thing
    ("stood in front of the police line")."""
    head = doc[actor.start:actor.end].root
    return head.dep_ in ("nsubj", "nsubjpass", "conj", "appos", "ROOT") or \
        (head.dep_ == "pobj" and head.head.dep_ == "agent")


def _of_section(actors: list[ActorMatch], doc: Doc, offset: int,
                country_spans: tuple[tuple[int, int, str], ...]) -> list[ActorMatch]:
    """The actors of the digest section holding ``offset`` (all, outside sections): a fight
    that names no side is not fought by the main actors of another country's items."""
    span = next(((start, end) for start, end, _ in country_spans if start <= offset < end), None)
    if span is None:
        return actors
    return [actor for actor in actors if span[0] <= doc[actor.start].idx < span[1]]


def _item_label(text: str, sentence: SpacySpan) -> bool:
    """"a) Looting - Rufa'a town (East Gezira locality)." heading a list item whose sentences
    tell the incident: a label without a verb names the item's kind and place, no event of its
    own (a verbless table row with nothing after it stays a report)."""
    line_start = text.rfind("\n", 0, sentence.start_char) + 1
    line_end = text.find("\n", sentence.end_char)
    rest = text[sentence.end_char:len(text) if line_end < 0 else line_end]
    return sentence.start_char - line_start <= 4 and \
        ITEM_LINE.match("\n" + text[line_start:line_start + 8]) is not None and \
        not any(token.pos_ in ("VERB", "AUX") for token in sentence) and \
        len(rest.strip()) > 20


def _actors_by_section(doc: Doc, doc_country: str | None, day: dt.date | None,
                       country_spans: tuple[tuple[int, int, str], ...]) -> list[ActorMatch]:
    actors = recognise_actors(doc, doc_country, day)
    for start, end, country in country_spans:
        if country == doc_country:
            continue

        def inside(actor: ActorMatch, start: int = start, end: int = end) -> bool:
            return start <= doc[actor.start].idx < end

        actors = [a for a in actors if not inside(a)] + \
            [a for a in recognise_actors(doc, country, day) if inside(a)]
    return sorted(actors, key=lambda actor: actor.start)


def find_mentions(document: Document, doc: Doc, place_spans: list[tuple[int, int]],
                  doc_country: str | None, background: tuple[tuple[int, int], ...] = (),
                  country_spans: tuple[tuple[int, int, str], ...] = ()
                  ) -> list[SentenceMentions]:
    """Event mentions in ``doc`` (the annotation of ``document.text``), sentence by sentence.

    ``background``: character spans of dates that recall history; a death toll in such a
    sentence is not added to the event before it. ``country_spans``: the country sections of a
    multi-country digest (start, end, country): their actors are that country's ("gunmen" under
    "MALI" are an Unidentified Armed Group (Mali))."""
    actors = _actors_by_section(doc, doc_country, document.published, country_spans)
    body_start = _body_start(document)
    triggers = find_triggers(doc)
    if _crime_story(doc, body_start, actors):
        triggers = [t for t in triggers if not_crime(t, doc[t.start].sent)]
    text = doc.text  # built from the tokens on every access: read once
    out: list[SentenceMentions] = []
    previous: tuple[int, Roles] | None = None
    for sentence in doc.sents:
        in_sentence = [t for t in triggers if sentence.start <= t.start < sentence.end]
        if sentence.start_char < body_start or _item_label(text, sentence):
            continue
        paragraph = _item_start(text, sentence.start_char)
        sentence_actors = [a for a in actors if sentence.start <= a.start < sentence.end]
        has_place = any(sentence.start_char <= start < sentence.end_char
                        for start, _ in place_spans)
        mentions = []
        decisions = classify_sentence(sentence, in_sentence, sentence_actors, has_place)
        pointing = [_anaphora(d, sentence) for d in decisions] if out else []
        # A claimant's figure ("saying the attack had killed more than 15") is no toll.
        anaphoric = bool(pointing) and all(pointing) and \
            count_fatalities(sentence).fatalities > 0 and \
            _claimant(sentence, sentence_actors) is None
        if out:
            decisions = [d for d, back in zip(decisions, pointing, strict=True) if not back]
        if out and (anaphoric or _only_a_toll(decisions, sentence, sentence_actors)):
            # "At least 25 people were killed in the battle": the toll of the event before.
            if not any(sentence.start_char <= start < sentence.end_char
                       for start, _ in background) and \
                    not _armed_group_speaks(sentence, sentence_actors):
                _add_toll_to_latest(out, sentence)
            continue
        for decision in decisions:
            head = doc[decision.trigger.start:decision.trigger.end].root
            roles = assign_roles(head, sentence, sentence_actors, decision.sub_event_type)
            roles = _inherit_actor1(roles, decision.sub_event_type,
                                    previous[1] if previous and previous[0] == paragraph else None)
            if roles.actor1 is not None:
                previous = (paragraph, roles)
            sub_event_type = _fix_type(decision.sub_event_type, roles)
            mentions.append(_mention(document, doc, sentence, decision.trigger, sub_event_type,
                                     roles, _of_section(actors, doc, sentence.start_char,
                                                        country_spans)))
        claimant = _claimant(sentence, sentence_actors)
        if claimant is not None and out:
            # "Al-Shabaab claimed responsibility for the attack": not a second attack; the
            # claimant is the initiator of the unattributed violence reported before.
            out = [_with_initiator(item, _actor_ref(document.id, doc, claimant)) for item in out]
            continue
        if mentions:
            out.append(SentenceMentions(sentence.start_char, sentence.end_char, tuple(mentions)))
        elif out and _item_start(text, out[-1].sentence_start) == paragraph and \
                not any(a.kind in (STATE, ARMED_GROUP) and _acts(doc, a)
                        for a in sentence_actors) and \
                not any(sentence.start_char <= start < sentence.end_char
                        for start, _ in background):
            out[-1] = _add_toll(out[-1], sentence)
    return out
