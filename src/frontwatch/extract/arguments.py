"""What a trigger's arguments say about it: the same word reports an event or not by what it
governs and what governs it.

- "captured footage", "expelled diplomats": taking words whose object is no territory.
- "intercepted a suspected trafficker", "defused tensions": disruption words with no weapon.
- "ballistic missile tests", "tested a missile": a weapon named, none used against anyone.
- "diplomats expelled after a nerve agent attack": the attack is the cause of a diplomatic
  step, reported as context (the diplomatic step is the news).
- "police said": the speaker of a sentence is not one of its armed actors.
- "threw stones": stones thrown are a crowd's, not a stoning.
- "deployed to evacuate the injured": a relief mission, not a change in a conflict.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from frontwatch.extract.triggers import Trigger

__all__ = ["WEAPON_LEMMAS", "is_speaker", "wrong_argument"]

WEAPON_LEMMAS = {
    "weapon", "arm", "ammunition", "explosive", "bomb", "device", "ied", "mine", "landmine",
    "grenade", "rocket", "missile", "mortar", "shell", "gun", "rifle", "pistol", "revolver",
    "firearm", "cartridge", "round", "munition", "detonator", "kalashnikov", "ak-47", "drone",
    "package", "parcel", "vest",
}
# What air defences and bomb squads stop besides the weapons themselves.
INTERCEPTED_LEMMAS = WEAPON_LEMMAS | {"aircraft", "plane", "jet", "uav", "projectile",
                                      "shipment", "consignment", "cache", "ordnance", "attack"}
# Objects that a verb of taking can have without any territory changing hands.
NON_TERRITORY_OBJECTS = {
    "footage", "image", "video", "photo", "photograph", "picture", "imagination", "attention",
    "heart", "mood", "moment", "scene", "title", "crown", "championship", "medal", "award",
    "vote", "seat", "share", "market", "diplomat", "ambassador", "envoy", "attache", "consul",
    "journalist", "correspondent", "reporter", "national", "migrant", "refugee", "worker",
    "student", "tourist", "citizen", "official", "staff", "minister", "car", "vehicle", "truck",
    "plan", "idea", "talks", "bid", "attempt", "project", "search", "effort", "power", "body",
    "prisoner", "suspect", "document", "report", "letter", "petition", "claim", "demand",
    "policy", "programme", "program", "weapon", "arm", "gun", "rifle", "ammunition",
}
DIPLOMATIC_OBJECTS = {"diplomat", "ambassador", "envoy", "attache", "consul", "embassy"}
DIPLOMATIC_VERBS = {"expel", "summon", "recall", "sanction", "retaliate", "impose", "suspend"}
# Processes an attack interrupts: "talks stalled in September after an attack on a base".
STALLED_VERBS = {"stall", "collapse", "halt", "freeze", "cancel", "postpone", "break", "end",
                 "suspend", "derail", "falter"}
CAUSE_PREPOSITIONS = {"after", "over", "following", "for"}
# Heads that make a weapon word a thing talked about, not a thing used: "missile tests".
WEAPON_TOPIC_HEADS = {
    "test", "testing", "programme", "program", "development", "system", "factory", "plant",
    "technology", "capability", "sale", "deal", "export", "import", "shield", "site", "silo",
    "treaty", "industry", "maker", "manufacturer", "stockpile", "arsenal", "budget", "research",
}
WEAPON_TOPIC_VERBS = {"test", "develop", "produce", "manufacture", "sell", "buy", "acquire",
                      "export", "import", "purchase", "unveil", "display", "showcase", "parade"}
SPEECH_LEMMAS = {"say", "tell", "add", "report", "confirm", "announce", "state", "claim",
                 "explain", "describe", "note", "warn", "allege"}


def _takes_no_territory(head: Token, names_may_be_places: bool = False) -> bool:
    """Whether what was taken is no territory: people, weapons, vehicles... A name the tagger
    calls a person is a person, except after "recaptured" or "retook", which take back places
    ("recaptured Palmyra", tagged a person)."""
    arguments = [child for child in head.children if child.dep_ in ("dobj", "nsubjpass")] \
        if head.pos_ in ("VERB", "AUX") else []
    arguments += [grandchild for child in head.children if child.dep_ == "prt"
                  for grandchild in child.children if grandchild.dep_ == "pobj"]  # handed over X
    if not arguments and head.dep_ in ("oprd", "ccomp", "xcomp", "acl", "amod"):
        # "found the car abandoned": what is abandoned is the object of "found"
        arguments = [child for child in head.head.children if child.dep_ == "dobj"] \
            if head.head.pos_ == "VERB" else [head.head]
    return bool(arguments) and all(
        token.lemma_.lower() in NON_TERRITORY_OBJECTS or
        (token.ent_type_ in ("PERSON", "NORP") and not names_may_be_places) or
        token.lower_ in PERSON_PRONOUNS  # "They were handed over to the authorities"
        for token in arguments)


PERSON_PRONOUNS = {"they", "them", "he", "him", "she", "her", "who", "whom"}


def _disrupts_no_weapon(head: Token) -> bool:
    lemmas = {token.lemma_.lower() for token in head.subtree}
    if head.dep_ in ("nsubjpass", "dobj", "pobj"):
        lemmas |= {token.lemma_.lower() for token in head.head.subtree}
    return not lemmas & INTERCEPTED_LEMMAS


def _weapon_as_topic(head: Token) -> bool:
    if head.dep_ in ("compound", "amod", "nmod") and head.head.lemma_.lower() in \
            WEAPON_TOPIC_HEADS:
        return True
    return head.dep_ in ("dobj", "nsubjpass") and head.head.lemma_.lower() in WEAPON_TOPIC_VERBS


def _cause_of_diplomatic_step(head: Token) -> bool:
    for ancestor in list(head.ancestors)[:4]:
        if ancestor.dep_ == "prep" and ancestor.lower_ in CAUSE_PREPOSITIONS:
            verb = ancestor.head
            lemmas = {token.lemma_.lower() for token in verb.subtree}
            if verb.dep_ == "acl":  # "diplomats expelled after ..."
                lemmas.add(verb.head.lemma_.lower())
            diplomatic = bool(lemmas & DIPLOMATIC_OBJECTS) or "sanction" in lemmas
            return (verb.lemma_.lower() in DIPLOMATIC_VERBS and diplomatic) or \
                verb.lemma_.lower() in STALLED_VERBS
    return False


# What troops are deployed to do when the deployment is relief, not a change in a conflict.
RELIEF_VERBS = {"evacuate", "rescue", "deliver", "distribute", "help", "assist", "search",
                "clear", "rebuild", "repair", "feed", "supply", "vaccinate", "treat"}


def _relief_mission(head: Token) -> bool:
    """"helicopters had been deployed to evacuate the injured": disaster relief."""
    verb = head if head.pos_ in ("VERB", "AUX") else head.head
    return any(child.dep_ in ("xcomp", "advcl") and child.lemma_.lower() in RELIEF_VERBS
               for child in verb.children)


#: Whole wars and conflicts: "families of soldiers killed in the conflict" tells no event.
WHOLE_CONFLICTS = {"conflict", "war", "insurgency", "uprising", "revolution", "violence",
                   "struggle", "genocide"}


def _dead_of_a_whole_war(head: Token) -> bool:
    """"relatives of soldiers killed in the conflict": the dead of a whole war, no event."""
    if head.dep_ != "acl" or head.lemma_.lower() not in ("kill", "die", "lose"):
        return False
    return any(child.dep_ == "prep" and child.lower_ in ("in", "during") and any(
        grand.dep_ == "pobj" and grand.lemma_.lower() in WHOLE_CONFLICTS
        for grand in child.children) for child in head.children)


def wrong_argument(trigger: Trigger, sentence: Span) -> bool:
    """The trigger's arguments show it reports no event of its type (see the module text)."""
    head = sentence.doc[trigger.start:trigger.end].root
    if trigger.rule in ("territory", "regain", "transfer") and \
            _takes_no_territory(head, names_may_be_places=trigger.rule == "regain"):
        return True
    if trigger.rule == "disrupted" and _disrupts_no_weapon(head):
        return True
    if trigger.family == "remote" and _weapon_as_topic(head):
        return True
    if trigger.rule == "change" and _relief_mission(head):
        return True
    if _dead_of_a_whole_war(head):
        return True
    if trigger.rule == "attack" and head.lemma_.lower() == "stone" and head.pos_ == "NOUN":
        return True  # "threw stones at officers": a crowd's missiles, not a stoning
    return trigger.family in ("remote", "civilians", "battle") and \
        _cause_of_diplomatic_step(head)


def is_speaker(start: int, end: int, sentence: Span) -> bool:
    """The words ``start:end`` are the subject of a verb of saying ("police said")."""
    root = sentence.doc[start:end].root
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in SPEECH_LEMMAS
