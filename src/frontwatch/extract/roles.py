"""Actor roles from syntax: actor1 initiates, actor2 is the target — not word order.

From the trigger's head token we find its governing verb and read the dependency tree:

* actor1: the verb's subject ("IS cut the N4"), a passive agent ("killed by gunmen"), or a modifier
  of the trigger noun ("Russian air strikes", "IS suicide bombers");
* actor2: the object ("attacked the army"), the passive subject ("soldiers were killed"), or the
  object of "against / on / at / targeting / with" ("clashes with the army");
* "clashes between X and Y": X and Y;
* further actors in the same role are associated actors; civilians hit in an attack on an armed
  actor are associated with the target.

Word order is the fallback only when the tree gives no role: actors before the trigger initiate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from frontwatch.extract.actors import (
    ARMED_GROUP,
    CIVILIANS,
    PROTESTERS,
    RIOTERS,
    STATE,
    ActorMatch,
)
from frontwatch.extract.arguments import is_speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Roles", "assign_roles"]

AGENT_DEPS = {"nsubj", "agent", "csubj"}
PATIENT_DEPS = {"dobj", "nsubjpass", "attr", "oprd"}
TARGET_PREPS = {"against", "on", "at", "targeting", "with", "upon", "into", "in"}
MODIFIER_DEPS = {"poss", "compound", "amod", "nmod", "npadvmod"}


@dataclass(frozen=True, slots=True)
class Roles:
    actor1: ActorMatch | None
    actor2: ActorMatch | None
    assoc1: tuple[ActorMatch, ...]
    assoc2: tuple[ActorMatch, ...]


def _governing_verb(token: Token) -> Token:
    current = token
    for _ in range(4):
        if current.pos_ in ("VERB", "AUX") or current.head is current:
            return current
        current = current.head
    return current


def _subtree_ids(tokens: list[Token]) -> set[int]:
    """The words of the phrases ``tokens`` head, without their relative and participial clauses:
    in "executed six men, whom they accused of informing for the army" and "executed nine
    civilians accused of collaborating with the army" the army is no one's victim."""
    ids: set[int] = set()
    clauses: set[int] = set()
    for token in tokens:
        for word in token.subtree:
            ids.add(word.i)
            if word is not token and (word.dep_ == "relcl" or (
                    word.dep_ == "acl" and word.pos_ == "VERB")):
                clauses.update(inner.i for inner in word.subtree)
    return ids - clauses


# A noun trigger takes its verb's subject only in these relations ("IS launched assaults",
# "clashes erupted"); inside a prepositional phrase ("as IS battles ...") the verb is another's.
VERB_ARGUMENT_DEPS = {"dobj", "nsubj", "nsubjpass", "attr", "xcomp", "ccomp", "oprd", "ROOT"}


def _role_tokens(head: Token) -> tuple[set[int], set[int]]:
    if head.dep_ == "acl" and head.tag_ == "VBN" and not any(
            child.dep_ == "agent" for child in head.children):
        # "attacked the station with explosives dropped from drones": the participle's doer
        # is the main clause's subject.
        head = _governing_verb(head.head)
    verb = _governing_verb(head)
    agents: list[Token] = []
    patients: list[Token] = []
    for child in head.children:
        if child.dep_ == "acl":
            # "shells fired by the Houthi movement"
            agents.extend(grand for grand in child.children if grand.dep_ == "agent")
            if child.lemma_.lower() in ("attribute", "blame"):
                # "a drone strike attributed to the federal military"
                agents.extend(grand for grand in child.children
                              if grand.dep_ == "prep" and grand.lower_ in ("to", "on"))
        if child.dep_ in MODIFIER_DEPS and child.i < head.i:
            agents.append(child)
        elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
            patients.append(child)
        elif child.dep_ == "prep" and child.lower_ == "by":
            agents.append(child)
    if verb is head or (head.dep_ in VERB_ARGUMENT_DEPS and head.head is verb):
        for child in verb.children:
            if child.dep_ in AGENT_DEPS:
                agents.append(child)
            elif child.dep_ in PATIENT_DEPS or (child.dep_ == "prep" and child.lower_ in TARGET_PREPS):
                patients.append(child)
    if head.dep_ in ("nsubj", "nsubjpass") and head.head is verb:
        # "Clashes erupted ..." / "Shells hit the market": the trigger is the subject.
        agents = [a for a in agents if a.i < head.i and a.head is head]
    agent_ids = _subtree_ids(agents)
    if verb is not head and head.i in agent_ids:
        agent_ids -= {head.i}
    return agent_ids, _subtree_ids(patients) - agent_ids


def _between(head: Token, sentence_actors: list[ActorMatch]) -> tuple[ActorMatch, ActorMatch] | None:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "between":
            inside = _subtree_ids([child])
            found = [a for a in sentence_actors if a.start in inside or a.end - 1 in inside]
            if len(found) >= 2:
                return found[0], found[1]
    return None


def _unique(actors: list[ActorMatch], exclude: set[str]) -> list[ActorMatch]:
    seen = set(exclude)
    out = []
    for actor in actors:
        if actor.name not in seen:
            seen.add(actor.name)
            out.append(actor)
    return out


def assign_roles(head: Token, sentence: Span, actors: list[ActorMatch],
                 sub_event_type: str) -> Roles:
    """Roles of ``actors`` (those of ``sentence``) for the event triggered at ``head``."""
    while head.dep_ == "compound" and head.head is not head:
        head = head.head  # "artillery shells fired by the army": the roles are the shells'
    pair = _between(head, actors)
    if pair:
        return Roles(pair[0], pair[1], (), ())
    if _came_under(head):
        return _fired_upon(head, actors)
    agent_ids, patient_ids = _role_tokens(head)
    inside = {t.i for t in head.doc[head.i:head.i + 1]}
    agents = [a for a in actors if set(range(a.start, a.end)) & (agent_ids | inside)]
    patients = [a for a in actors if set(range(a.start, a.end)) & patient_ids and a not in agents]
    sufferers = [a for a in actors if a not in agents and a not in patients and
                 _suffered(a, head.doc)]
    if not agents:
        # "two soldiers were killed when a roadside bomb hit their patrol": the passive
        # subject before the trigger suffered it; word order must not make it the initiator
        before = [a for a in actors if a.end <= head.i and a not in patients + sufferers]
        # Word order is the last resort; an armed actor before the trigger is the likelier
        # initiator than the victims listed just before it.
        armed_before = [a for a in before if a.kind in (STATE, ARMED_GROUP)]
        named_before = [a for a in armed_before if a.named]
        agents = (named_before or armed_before or before)[-1:]
    if not patients:
        # word order again; who tells it ("..., police said") is no target
        after = [a for a in actors if a.start > head.i and a not in agents and
                 not is_speaker(a.start, a.end, sentence)]
        patients = sufferers[:1] or after[:1]
    crowd = [a for a in actors if a.kind in (PROTESTERS, RIOTERS)]
    others = [a for a in patients + agents if a.kind not in (PROTESTERS, RIOTERS, CIVILIANS)]
    if sub_event_type == "Excessive force against protesters":
        return _ordered(others, crowd)
    if sub_event_type == "Peaceful protest":
        return Roles(crowd[0] if crowd else None, None, (), ())
    victims = [a for a in actors if a.kind == CIVILIANS]
    if sub_event_type == "Mob violence" and victims:
        return Roles(crowd[0] if crowd else None, victims[0], (), ())  # a mob's victims
    if sub_event_type in ("Protest with intervention", "Violent demonstration", "Mob violence"):
        # The crowd is actor1 (the fuse stage names an unnamed one "Protesters/Rioters (X)");
        # whoever dispersed or fought it is actor2.
        return Roles(crowd[0] if crowd else None, others[0] if others else None, (), ())
    if sub_event_type == "Remote explosive/landmine/IED" and _ran_into(head):
        # "their vehicle struck an IED", "a soldier stepped on a mine": who met the device is
        # its victim; whoever planted it is not named here
        met = [a for a in agents + patients if a.kind != CIVILIANS] or agents + patients
        return Roles(None, met[0] if met else None, (), ())
    roles = _ordered(agents, patients)
    if sub_event_type in VICTIM_TYPES and victims:
        return _civilians_are_victims(roles, victims[0])
    return roles


#: Verbs whose passive subject (or, for "die", subject) suffered the violence.
SUFFERED_LEMMAS = {"kill", "wound", "injure", "hurt", "die", "abduct", "kidnap", "target",
                   "ambush", "attack", "hit", "strike", "shoot", "capture", "behead", "execute"}


def _suffered(actor: ActorMatch, doc: Doc) -> bool:
    """The actor is the passive subject of a verb of harm ("soldiers were killed") or the
    subject of "died"."""
    root = next((token for token in doc[actor.start:actor.end]
                 if not actor.start <= token.head.i < actor.end or token.head is token), None)
    if root is None:
        return False
    while root.dep_ in ("compound", "amod", "nmod", "poss") and root.head is not root:
        root = root.head  # "Iraqi army" in "two Iraqi army soldiers were killed"
    lemma = root.head.lemma_.lower()
    return (root.dep_ == "nsubjpass" and lemma in SUFFERED_LEMMAS) or \
        (root.dep_ == "nsubj" and lemma == "die")


def _came_under(head: Token) -> bool:
    """"Troops came under fire": the subject is the target."""
    return head.lemma_.lower() == "come" and any(child.lower_ == "under" for child in head.children)


def _fired_upon(head: Token, actors: list[ActorMatch]) -> Roles:
    """Who fired ("from White Army fighters") and on whom (the subject) for "came under fire"."""
    def actor_in(tokens: list[Token]) -> ActorMatch | None:
        ids = _subtree_ids(tokens)
        return next((a for a in actors if set(range(a.start, a.end)) & ids), None)
    subjects = [child for child in head.children if child.dep_ in ("nsubj", "nsubjpass")]
    sources = [grand for child in head.children if child.dep_ == "prep" and child.lower_ == "under"
               for noun in child.children for grand in noun.children
               if grand.dep_ == "prep" and grand.lower_ == "from"] + [
        child for child in head.children if child.dep_ == "prep" and child.lower_ == "from"]
    return Roles(actor_in(sources), actor_in(subjects), (), ())


#: Verbs of meeting a device: "the convoy struck a mine", "a bus ran over an IED".
MET_DEVICE_LEMMAS = {"strike", "hit", "run", "drive", "step"}


def _ran_into(head: Token) -> bool:
    """The device (``head``) is what a vehicle or a person struck or stepped on."""
    token = head
    while token.dep_ in ("amod", "compound") and token.head is not token:
        token = token.head  # "an improvised explosive device": the device
    if token.dep_ == "pobj":
        token = token.head  # "ran over a mine", "stepped on a mine"
    return token.dep_ in ("dobj", "prep") and token.head.lemma_.lower() in MET_DEVICE_LEMMAS and \
        not any(child.dep_ == "agent" for child in token.head.children)


#: Violence whose civilian casualties in the sentence are its targets ("shells hit a residential
#: neighbourhood; a girl was killed"): civilians are never its initiator.
VICTIM_TYPES = {"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                "Suicide bomb", "Grenade", "Chemical weapon", "Attack", "Sexual violence",
                "Abduction/forced disappearance"}


def _civilians_are_victims(roles: Roles, victim: ActorMatch) -> Roles:
    actor1 = roles.actor1 if roles.actor1 is not None and roles.actor1.kind != CIVILIANS else None
    actor2 = roles.actor2 or (victim if actor1 is None or victim.name != actor1.name else None)
    if roles.actor1 is not None and roles.actor1.kind == CIVILIANS:
        actor2 = roles.actor1 if roles.actor2 is None else roles.actor2
    return Roles(actor1, actor2, roles.assoc1, roles.assoc2)


def _ordered(agents: list[ActorMatch], patients: list[ActorMatch]) -> Roles:
    # A named group ("four armed men in RSF uniforms") says more than a generic noun.
    agents = sorted(_unique(agents, set()), key=lambda actor: not actor.named)
    actor1 = agents[0] if agents else None
    patients = _unique(patients, {actor1.name} if actor1 else set())
    armed_patients = [p for p in patients if p.kind != CIVILIANS]
    civilians = [p for p in patients if p.kind == CIVILIANS]
    targets = armed_patients + civilians
    actor2 = targets[0] if targets else None
    # Civilians are victims or witnesses, never allies of the initiator.
    allies = tuple(agent for agent in agents[1:] if agent.kind != CIVILIANS)
    return Roles(actor1, actor2, allies, tuple(targets[1:]))
