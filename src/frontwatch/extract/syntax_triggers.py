"""Events read from a verb and its arguments, whatever the words between them: weapons "were
seized" (Disrupted weapons use), shops "were burned" (Looting/property destruction), "police
dispersed the crowd" or "opened fire on a crowd" (a gathering), "a drone launched by the RSF
struck a market" (an air strike), "a mine ... went off" (an IED), "a crowd ... beat them" (mob violence)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from frontwatch.extract.arguments import WEAPON_LEMMAS
from frontwatch.extract.triggers import Trigger

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["CROWD_LEMMAS", "SECURITY_LEMMAS", "syntax_triggers", "young_crowd"]

DISRUPT_LEMMAS = {"seize", "confiscate", "discover", "find", "recover", "destroy", "defuse",
                  "dismantle", "intercept", "neutralise", "neutralize", "uncover", "disarm",
                  "impound", "shoot", "down", "foil", "thwart"}
PROPERTY_LEMMAS = {"shop", "house", "home", "building", "car", "vehicle", "church", "mosque",
                   "school", "office", "market", "store", "property", "hut", "village",
                   "business", "warehouse", "bank", "temple", "clinic", "hospital", "tower",
                   "truck", "tanker", "borehole", "cable", "pylon", "bridge", "well", "crop",
                   "granary", "pipeline", "equipment", "panel", "generator", "shrine", "farm"}
DESTROY_LEMMAS = {"burn", "torch", "loot", "raze", "vandalise", "vandalize", "ransack",
                  "demolish", "pillage", "plunder", "destroy", "damage", "strip", "sabotage",
                  "set", "blow"}
CROWD_LEMMAS = {"crowd", "protester", "demonstrator", "youth", "gathering", "rally", "march",
                "protest", "demonstration", "mourner", "student", "supporter", "blockader"}
#: What a gathering does that makes it a demonstration.
CROWD_ACTS = {"chant", "sing", "march", "rally", "protest", "demonstrate"}
#: Gathering, a demonstration only when the police met it ("detained workers who had gathered
#: on the avenue"; crowds that gathered to celebrate a victory are not one).
GATHER_ACTS = {"gather", "assemble", "converge"}
SECURITY_LEMMAS = {"police", "policeman", "officer", "soldier", "troop", "force", "army",
                   "security", "guard", "military"}


#: Words for a number of people that a participle describes as a crowd ("hundreds chanting").
GATHERED = {"group", "people", "hundreds", "thousands", "dozens", "scores", "worker", "activist"}


def _crowd_doing(verb: Token) -> bool:
    """"a group of supporters chanting slogans", "workers who had gathered on the avenue": the
    participle or relative clause describes a crowd."""
    if verb.dep_ not in ("acl", "relcl"):
        return False
    noun = verb.head
    return noun.lemma_.lower() in CROWD_LEMMAS | GATHERED


#: What people gather to do that makes the gathering a demonstration.
DEMAND_LEMMAS = {"demand", "protest", "denounce", "condemn", "oppose", "demonstrate", "press",
                 "call"}


def _to_demand(verb: Token) -> bool:
    """"students had gathered to demand reform": a gathering with a demand is a demonstration."""
    return any(child.dep_ in ("xcomp", "advcl") and child.lemma_.lower() in DEMAND_LEMMAS
               for child in verb.children)


#: What investigators find after a shooting: the spent rounds are evidence, not arms seized.
SPENT_LEMMAS = {"casing", "cartridge", "case", "spent", "fragment", "shrapnel"}


def _argument_lemmas(verb: Token) -> set[str]:
    """Lemmas of the verb's object or passive subject (and their conjuncts); of a relative
    clause's, the noun it describes ("14 drones, all of which were shot down")."""
    found: set[str] = set()
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            found.update(t.lemma_.lower() for t in child.subtree)
    if verb.dep_ == "relcl" and any(t.lower_ in ("which", "that") for t in verb.subtree):
        found.add(verb.head.lemma_.lower())
    return found


def _all_brought_down(verb: Token) -> bool:
    """"attacked ... with 14 drones, all of which were shot down": nothing struck."""
    return any(
        child.dep_ == "prep" and child.lower_ == "with" and any(
            obj.dep_ == "pobj" and any(
                clause.dep_ == "relcl" and clause.lemma_.lower() in DISRUPT_LEMMAS and any(
                    word.lower_ in ("all", "each", "every") for word in clause.subtree)
                for clause in obj.children)
            for obj in child.children)
        for child in verb.children)


def syntax_triggers(sentence: Span) -> list[Trigger]:
    """Events read from a verb and its object, in any voice: weapons "were seized" or "found"
    (Disrupted weapons use, which outranks the weapon's own type); shops "were burned" or
    "looted" (Looting/property destruction)."""
    found = []
    for token in sentence:
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB":
            continue
        arguments = _argument_lemmas(token)
        if lemma in DISRUPT_LEMMAS and arguments & WEAPON_LEMMAS and \
                not arguments & SPENT_LEMMAS and not _aircraft_struck(token):
            found.append(Trigger("Disrupted weapons use", "disrupted-syntax", "disrupt", 92,
                                 token.i, token.i + 1))
        elif (lemma in CROWD_ACTS and (any(child.dep_ == "nsubj" and
                                           child.lemma_.lower() in CROWD_LEMMAS
                                           for child in token.children) or _crowd_doing(token))
              ) or (lemma in GATHER_ACTS and _crowd_doing(token) and
                    any(word.lemma_.lower() in SECURITY_LEMMAS for word in sentence)) or \
                (lemma in GATHER_ACTS and _to_demand(token)):
            # "the crowd had been singing and chanting", "supporters chanting slogans": a
            # gathering, word protest or not
            found.append(Trigger("Peaceful protest", "crowd-acts-syntax", "protest", 45,
                                 token.i, token.i + 1))
        elif lemma == "disperse" and arguments & CROWD_LEMMAS:
            # "police dispersed the crowd": a gathering met with force, word protest or not
            found.append(Trigger("Peaceful protest", "dispersal-syntax", "protest", 45,
                                 token.i, token.i + 1))
        elif lemma in DESTROY_LEMMAS and arguments & PROPERTY_LEMMAS and not (
                lemma == "damage" and not any(child.dep_ == "agent" for child in token.children)):
            # "Several houses were damaged" (by no one named): harm done in the fighting, not
            # a deliberate act
            found.append(Trigger("Looting/property destruction", "destruction-syntax",
                                 "strategic", 44, token.i, token.i + 1))
        elif _security_fired_on_crowd(token):
            # "police opened fire on a crowd": a gathering met with force, word protest or not
            found.append(Trigger("Peaceful protest", "crowd-fired-on-syntax", "protest", 45,
                                 token.i, token.i + 1))
        elif _crowd_threw(token):
            # "part of the crowd threw stones, bottles and petrol bombs": a riot
            found.append(Trigger("Violent demonstration", "crowd-threw-syntax", "riot", 60,
                                 token.i, token.i + 1))
        elif lemma in SCATTER_ACTS and _crowd_subject(token) and \
                any(word.lemma_.lower() in SECURITY_LEMMAS for word in sentence):
            # "officers fired tear gas ...; the blockaders scattered": a gathering met by force
            found.append(Trigger("Peaceful protest", "crowd-scattered-syntax", "protest", 45,
                                 token.i, token.i + 1))
        elif _crowd_hurt_people(token):
            # "a crowd caught two young men ..., beat them and set them on fire": a lynching
            found.append(Trigger("Mob violence", "mob-syntax", "riot", 60, token.i, token.i + 1))
        elif _aircraft_struck(token) and not _all_brought_down(token):
            # "A drone launched by the RSF struck a market": the aircraft is the subject, far
            # from its verb
            found.append(Trigger("Air/drone strike", "air-syntax", "remote", 80,
                                 token.i, token.i + 1))
        elif _device_went_off(token):
            # "a mine, which had been planted by insurgents, ... went off": subject and verb
            # apart, however long the clause between them
            found.append(Trigger("Remote explosive/landmine/IED", "ied-syntax", "remote", 60,
                                 token.i, token.i + 1))
    return found + _controlled_destruction(sentence) + _bodies_of_the_killed(sentence)


#: Marks on bodies found that say they were killed, not died.
VIOLENCE_SIGNS = {"torture", "tortured", "bound", "tied", "gunshot", "executed", "beheaded",
                  "decapitated", "blindfolded", "mutilated", "shot"}
FOUND_LEMMAS = {"find", "discover", "dump", "recover", "uncover"}


def _bodies_of_the_killed(sentence: Span) -> list[Trigger]:
    """"Passers-by found the bodies of five men, hands tied and with signs of torture": ACLED
    codes the killing (an Attack) on the day the bodies were found."""
    words = {token.lower_ for token in sentence}
    if not words & VIOLENCE_SIGNS:
        return []
    for token in sentence:
        if token.pos_ == "VERB" and token.lemma_.lower() in FOUND_LEMMAS and \
                _argument_lemmas(token) & {"body", "corpse", "remains"}:
            return [Trigger("Attack", "bodies-syntax", "civilians", 40, token.i, token.i + 1)]
    return []


def _controlled_destruction(sentence: Span) -> list[Trigger]:
    """"destroyed in a controlled manner eleven improvised explosive devices", "a controlled
    detonation of the mine": the army's disposal of explosives (however the parser reads it)."""
    lemmas = {token.lemma_.lower() for token in sentence}
    if not lemmas & WEAPON_LEMMAS:
        return []
    for token in sentence:
        following = token.nbor() if token.i + 1 < sentence.end else None
        if token.lower_ == "controlled" and following is not None and \
                following.lower_ in ("manner", "way", "detonation", "explosion", "demolition"):
            return [Trigger("Disrupted weapons use", "controlled-syntax", "disrupt", 92,
                            token.i, token.i + 2)]
    return []


EXPLOSIVE_SUBJECTS = {"mine", "landmine", "bomb", "device", "ied", "explosive"}
AIRCRAFT_SUBJECTS = {"drone", "uav", "quadcopter", "warplane", "jet", "aircraft", "helicopter",
                     "gunship", "bomber", "plane"}
STRIKE_LEMMAS = {"strike", "hit", "target", "bomb", "pound", "attack", "raid", "shell",
                 "destroy", "slam"}


#: Who forms a mob, and what a mob does to people.
MOB_LEMMAS = {"crowd", "mob", "resident", "villager", "youth", "vigilante", "onlooker",
              "bystander", "passer-by", "passerby", "local"}
MOB_ACTS = {"beat", "lynch", "stone", "hack", "burn", "set", "kill", "club", "stab", "torch"}
PERSON_WORDS = {"man", "men", "woman", "women", "him", "her", "them", "suspect", "thief",
                "person", "people", "boy", "youth", "teenager", "driver", "member"}


def _subject_of_chain(verb: Token) -> Token | None:
    """The subject of ``verb`` or of the first verb of its conjunction ("caught ..., beat them
    and set them on fire")."""
    while True:
        subject = next((child for child in verb.children if child.dep_ == "nsubj"), None)
        if subject is not None or verb.dep_ != "conj":
            return subject
        verb = verb.head


#: What a crowd throws in a riot, and how a crowd breaks up when met by force.
MISSILE_LEMMAS = {"stone", "rock", "brick", "bottle", "bomb", "cocktail", "projectile", "object",
                  "firecracker", "firework"}
THROW_ACTS = {"throw", "hurl", "pelt", "lob", "fire", "launch"}
SCATTER_ACTS = {"scatter", "flee", "disperse", "run"}


def _crowd_subject(verb: Token) -> bool:
    """The verb's subject is a crowd ("part of the crowd", "the blockaders"), also for the
    later verbs of a chain ("youths burned tyres and threw stones")."""
    subject = _subject_of_chain(verb)
    return subject is not None and any(word.lemma_.lower() in CROWD_LEMMAS or young_crowd(word)
                                       for word in subject.subtree)


def young_crowd(word: Token) -> bool:
    """"young people", "young men": how reports name a crowd of youths."""
    return word.lemma_.lower() in ("people", "man", "woman", "boy") and any(
        child.lower_ == "young" for child in word.children)


def _crowd_threw(verb: Token) -> bool:
    return verb.lemma_.lower() in THROW_ACTS and _crowd_subject(verb) and \
        bool(_argument_lemmas(verb) & MISSILE_LEMMAS)


def _crowd_hurt_people(verb: Token) -> bool:
    if verb.lemma_.lower() not in MOB_ACTS or not any(
            child.dep_ == "dobj" and child.lower_ in PERSON_WORDS for child in verb.children):
        return False
    subject = _subject_of_chain(verb)
    return subject is not None and subject.lemma_.lower() in MOB_LEMMAS


def _security_fired_on_crowd(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    fired = lemma in ("shoot", "fire") or (
        lemma == "open" and any(child.lower_ == "fire" for child in verb.children))
    return fired and any(
        child.dep_ == "nsubj" and child.lemma_.lower() in SECURITY_LEMMAS
        for child in verb.children) and any(
        child.dep_ == "prep" and child.lower_ in ("on", "at", "into") and any(
            obj.lemma_.lower() in CROWD_LEMMAS for obj in child.children)
        for child in verb.children)


#: Weapons of a ground assault: "attacked with rifles and explosive-laden drones" is a battle.
GROUND_WEAPONS = {"rifle", "gun", "firearm", "machine-gun", "rpg", "grenade", "mortar", "weapon"}


def _is_aircraft(noun: Token) -> bool:
    """An aircraft, or a heading its apposition names one ("Maarat al-Numan: warplanes that
    SOHR identified as Russian struck ..." parsed with the town as the subject)."""
    return noun.lemma_.lower() in AIRCRAFT_SUBJECTS or any(
        child.dep_ == "appos" and child.lemma_.lower() in AIRCRAFT_SUBJECTS
        for child in noun.children)


def _flown(preposition: Token) -> bool:
    """"with 14 drones": the instruments are aircraft, and no gun among them."""
    instruments = {token.lemma_.lower() for token in preposition.subtree}
    return bool(instruments & AIRCRAFT_SUBJECTS) and not instruments & GROUND_WEAPONS


#: What aircraft "carry out", "conduct" or "launch": each is a strike.
SORTIE_VERBS = {"carry", "conduct", "launch", "stage", "fly", "execute"}
SORTIE_NOUNS = {"raid", "strike", "sortie", "airstrike", "attack", "bombardment"}


def _aircraft_struck(verb: Token) -> bool:
    """"A drone ... struck a market", "attacked the city overnight with 14 drones": the
    aircraft is the subject or the instrument. "Warplanes believed to be Russian struck ...",
    which the parser reads as "warplanes believed [that ...] struck": the subject of the verb
    governing a subject-less strike."""
    lemma = verb.lemma_.lower()
    if lemma in SORTIE_VERBS:
        # "Russian warplanes carried out at least 14 raids on the town"
        return any(child.dep_ == "nsubj" and _is_aircraft(child) for child in verb.children) \
            and bool(_argument_lemmas(verb) & SORTIE_NOUNS)
    if lemma not in STRIKE_LEMMAS:
        return False
    if any((child.dep_ == "nsubj" and _is_aircraft(child)) or
           (child.dep_ == "prep" and child.lower_ == "with" and _flown(child))
           for child in verb.children):
        return True
    has_subject = any(child.dep_ in ("nsubj", "nsubjpass") for child in verb.children)
    return not has_subject and verb.dep_ == "ccomp" and any(
        child.dep_ == "nsubj" and child.lemma_.lower() in AIRCRAFT_SUBJECTS
        for child in verb.head.children)


def _device_went_off(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    exploded = lemma in ("explode", "detonate") or (
        lemma == "go" and any(child.lower_ == "off" for child in verb.children))
    return exploded and any(
        child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in EXPLOSIVE_SUBJECTS and
        not any(grand.lower_ == "suicide" for grand in child.children)
        for child in verb.children)
