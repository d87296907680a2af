"""Ground rules of sentence classification: what a capture, an ambush or a withdrawal reports.

A capture verb takes a place (territory) or a person (an arrest or an abduction); an ambush hits
fighters (a battle) or civilian traffic (an attack); a place changes hands by force, or without
a fight (a transfer); a building taken in a fight is part of the battle, and a withdrawal that
ends a fight is the battle's end, not a transfer of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from frontwatch.extract.arguments import is_speaker

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from frontwatch.extract.actors import ActorMatch
    from frontwatch.extract.triggers import Trigger

__all__ = ["CASUALTY_WORDS", "FORCEFUL_TAKING", "ambushed_civilians", "aside", "battle_ends_in",
           "captured_a_person", "capturers", "one_ambush", "peaceful_handover",
           "took_a_building", "without_fight"]

#: Words of harm or of fighting: a handover told with them was no peaceful one.
CASUALTY_WORDS = {"killed", "dead", "died", "casualties", "losses", "wounded", "injured",
                  "fighting", "clashes"}

#: Whom one captures when one does not capture a place.
CAPTIVE_WORDS = {"alias", "leader", "chief", "commander", "member", "members", "suspect",
                 "suspects", "militant", "militants", "fighter", "fighters", "man", "men",
                 "soldier", "soldiers", "ringleader", "kingpin", "financier", "emir", "deputy",
                 "lieutenant", "operative", "operatives", "spokesman",
                 # civilians seized are abducted, never ground taken
                 "journalist", "journalists", "reporter", "reporters", "activist", "activists",
                 "woman", "women", "child", "children", "girl", "girls", "boy", "boys",
                 "student", "students", "farmer", "farmers", "worker", "workers", "trader",
                 "traders", "teacher", "teachers", "doctor", "doctors", "nurse", "nurses",
                 "villager", "villagers", "civilian", "civilians", "passenger", "passengers",
                 "hostage", "hostages", "priest", "priests", "official", "officials",
                 "presenter", "presenters", "editor", "editors", "lawyer", "lawyers", "judge",
                 "judges", "engineer", "engineers", "pastor", "pastors", "imam", "imams"}


def captured_a_person(verb: Token) -> bool:
    """The object of a capture verb is a person: named, an alias, or a word for one."""
    objects = [child for child in verb.children if child.dep_ in ("dobj", "nsubjpass")]
    # "a journalist working for a channel was seized": the tagger makes the participle the
    # passive's clausal subject, and the journalist its subject
    objects += [grand for child in verb.children if child.dep_ == "csubjpass"
                for grand in child.children if grand.dep_ == "nsubj"]
    return any(obj.ent_type_ == "PERSON" or obj.lower_ in CAPTIVE_WORDS or
               any(token.lower_ == "alias" for token in obj.subtree) for obj in objects)


def capturers(verb: Token, actors: list[ActorMatch], sentence: Span) -> set[str]:
    """Kinds of the actors who captured: the verb's subject or its "by" agent, else the
    sentence's actors that are not its speakers."""
    agents = [child for child in verb.children if child.dep_ == "nsubj"] + [
        obj for child in verb.children if child.dep_ == "agent" for obj in child.children]
    if agents:
        # "seized by members of the National Liberation Army": the agent's words, "of" included
        held = {token.i for agent in agents for token in agent.subtree}
        return {actor.kind for actor in actors if held & set(range(actor.start, actor.end))}
    return {actor.kind for actor in actors if not is_speaker(actor.start, actor.end, sentence)}


#: Whom an ambush may hit that cannot fight back: civilian vehicles and travellers.
CIVILIAN_TRAFFIC = {"truck", "lorry", "bus", "minibus", "taxi", "car", "trader", "traveller",
                    "traveler", "passenger", "motorist", "driver", "villager", "civilian",
                    "farmer", "herder", "worshipper", "pilgrim", "merchant"}
MILITARY_WORDS = {"army", "military", "police", "patrol", "troop", "soldier", "security",
                  "convoy", "armoured", "armored", "militia", "escort", "escorted"}


def ambushed_civilians(verb: Token) -> bool:
    """"gunmen ambushed a commercial truck ..., killing the driver": an attack on civilians
    (an ambushed army truck or escorted convoy is a battle)."""
    if verb.lemma_.lower() != "ambush" or verb.pos_ != "VERB":
        return False
    objects = [child for child in verb.children if child.dep_ in ("dobj", "nsubjpass")]
    return bool(objects) and all(
        obj.lemma_.lower() in CIVILIAN_TRAFFIC and
        not {word.lemma_.lower() for word in obj.subtree} & MILITARY_WORDS for obj in objects)


def one_ambush(token: Token) -> bool:
    """"fell into a complex ambush" (one incident), not "a campaign of ambushes"."""
    return token.lemma_.lower() == "ambush" and token.tag_ != "NNS"


# Verbs of taking that say force was used: a capture after a withdrawal is still a capture.
FORCEFUL_TAKING = {"capture", "seize", "overrun", "conquer", "storm", "recapture", "retake",
                   "liberate"}
HANDOVER_WORDS = {"handover", "handed", "departure", "withdrew", "withdrawal", "abandoned",
                  "pulled", "vacated", "evacuated", "left"}


#: What one takes in a battle without taking a place.
BUILDING_LEMMAS = {"headquarters", "headquarter", "building", "compound", "office", "post",
                   "checkpoint", "position", "barracks", "barrack", "station", "residence"}


def took_a_building(verb: Token) -> bool:
    """"took over its headquarters", "seized the police station": a building, not ground."""
    heads = [verb, *(child for child in verb.children if child.dep_ == "prt")]
    objects = [child for head in heads for child in head.children
               if child.dep_ in ("dobj", "pobj", "nsubjpass")]
    return bool(objects) and all(obj.lemma_.lower() in BUILDING_LEMMAS for obj in objects)


#: What one seizes without taking ground: goods, gear, animals, papers, money.
THING_LEMMAS = {"equipment", "weapon", "arm", "rifle", "gun", "ammunition", "explosive", "phone",
                "telephone", "camera", "laptop", "computer", "document", "passport", "card",
                "vehicle", "car", "truck", "lorry", "motorcycle", "motorbike", "boat", "cattle",
                "livestock", "cow", "goat", "camel", "herd", "goods", "cash", "money", "drug",
                "cocaine", "heroin", "cannabis", "fuel", "property", "material", "footage",
                "belonging", "asset", "consignment", "cargo", "shipment", "crop", "grain"}


def took_a_thing(verb: Token) -> bool:
    """"seized their equipment", "captured 40 head of cattle": things taken, not ground."""
    objects = [child for child in verb.children if child.dep_ in ("dobj", "nsubjpass")]
    return bool(objects) and all(
        obj.lemma_.lower() in THING_LEMMAS or (obj.lower_ == "head" and any(
            token.lemma_.lower() in THING_LEMMAS for token in obj.subtree)) for obj in objects)


def aside(verb: Token) -> bool:
    """A participle set aside from the clause's own verb ("withdrawing south, they stormed")."""
    return verb.tag_ == "VBG" and verb.dep_ in ("advcl", "acl", "xcomp")


def without_fight(words: set[str]) -> bool:
    return "without" in words and bool(words & {"fight", "fighting", "clashes", "resistance",
                                                "shot", "bloodshed", "clash"})


def peaceful_handover(words: set[str]) -> bool:
    return without_fight(words) or bool(words & HANDOVER_WORDS and not words & CASUALTY_WORDS)


def battle_ends_in(battle: Trigger, withdrawal: Trigger, sentence: Span) -> bool:
    """"The fighting lasted two hours before the assailants pulled back", "fought federal troops
    for hours before withdrawing": a withdrawal that ends a reported fight is the battle's. Not
    "a peace deal ending eight weeks of fighting" nor "the coalition tasked with fighting IS"."""
    fight = sentence.doc[battle.start:battle.end].root
    pulled = sentence.doc[withdrawal.start:withdrawal.end].root
    return fight.dep_ in ("nsubj", "ROOT", "conj") or pulled in list(fight.subtree)
