"""Sentence classification: which ACLED sub-event types a sentence reports, from its triggers.

The trigger rules (``triggers.py``) over-generate on purpose; these context rules decide, in order:

1. Triggers inside a larger trigger of higher priority go ("car bombs" inside "suicide car bombs")
   and ``context.py`` sets aside triggers that do not report:
   triggers inside a time adjunct ("since the start of the fighting"), modified as past
   ("previous truces"), objects of a reaction ("condemned the attack") or habitual ("shelled
   almost daily") are context, not events; planned or feared events yield to reported ones.
2. Not-an-event context: a disaster, accident, disease or ordinary crime with no armed actor.
3. Weapons disrupted (intercepted, defused, seized) win over the weapon's own type.
4. Demonstrations: riot words and protester violence make a Violent demonstration; lethal force
   against protesters Excessive force; dispersal (tear gas, arrests) a Protest with intervention.
5. Violence: remote-violence types win over battle words in the same sentence (the strike is the
   event; ACLED's folding of strikes into an ongoing battle happens later, across sentences);
   territory words need a place or road, else they are an Armed clash; "attack/killed" words are
   an Attack on civilians only with civilian victims or an unidentified attacker, and an Armed
   clash when both sides are armed.
6. Strategic developments only when no violence is reported in the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from frontwatch.extract.actors import ARMED_GROUP, CIVILIANS, STATE, ActorMatch
from frontwatch.extract.arguments import is_speaker
from frontwatch.extract.context import prune
from frontwatch.extract.fatalities import in_recalled_clause
from frontwatch.extract.ground import (
    CASUALTY_WORDS,
    FORCEFUL_TAKING,
    ambushed_civilians,
    aside,
    battle_ends_in,
    captured_a_person,
    capturers,
    one_ambush,
    peaceful_handover,
    took_a_building,
    took_a_thing,
    without_fight,
)
from frontwatch.extract.modality import CODED_CERTAINTIES, certainty
from frontwatch.extract.syntax_triggers import CROWD_LEMMAS, SECURITY_LEMMAS, syntax_triggers, young_crowd
from frontwatch.extract.triggers import Trigger, find_triggers

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["REMOTE_ORDER", "Decision", "candidate_triggers", "classify_sentence", "not_crime"]

DISASTER_WORDS = {
    "earthquake", "flood", "floods", "flooding", "landslide", "cyclone", "storm", "hurricane",
    "typhoon", "drought", "accident", "crash", "collision", "covid", "covid-19", "coronavirus",
    "pandemic", "virus", "disease", "outbreak", "cholera", "cases", "infections", "heatwave",
    "wildfire", "blaze", "volcano", "tsunami", "avalanche", "collapse", "stampede",
    # road and industrial accidents: "a fuel tanker overturned and exploded"
    "overturned", "capsized", "derailed", "tanker", "tankers",
}
#: People whose arrest is political whatever they are charged with.
POLITICAL_FIGURES = {"minister", "premier", "president", "lawmaker", "lawmakers", "mp", "mps",
                     "senator", "opposition", "journalist", "journalists", "activist", "activists",
                     "dissident", "dissidents", "governor", "mayor", "candidate", "party"}
CRIME_WORDS = {
    "robbery", "robbers", "thieves", "thief", "theft", "stolen", "burglars", "burglary", "drug",
    "drugs", "narcotics", "cocaine", "heroin", "smuggling", "smugglers", "trafficking", "fraud",
    "corruption", "embezzlement", "bribery", "snatching", "shoplifting", "poaching", "customs",
    "manslaughter", "embezzling", "contraband", "smuggled", "migrants", "migration",
    "trafficker", "traffickers", "smuggler", "pornographic", "pornography", "counterfeit",
}
# "detonate" is left out: a bomber detonates a vest; a controlled detonation is "destroyed".
#: Disarming a device about to go off: the event, whatever arrests come with it.
DEFUSE_LEMMAS = {"defuse", "dismantle", "neutralise", "neutralize", "disarm", "detonate"}
INTERVENTION_WORDS = {"tear", "teargas", "tear-gas", "cannon", "cannons", "rubber", "baton",
                      "suppressed", "quelled", "batons", "arrested", "detained", "pepper", "stun",
                      "charged", "beat",
                      "beaten", "arrests", "detentions", "crackdown", "cracked", "arresting",
                      "detaining", "arrest", "detain", "removed", "dragged", "kettled"}
MOB_WORDS = {"villagers", "residents", "crowd", "crowds", "mob", "mobs", "locals", "youths",
             "neighbours", "neighbors", "vigilantes", "worshippers", "passers-by", "onlookers"}
CROWD_WORDS = {"youths", "youth", "crowd", "crowds", "demonstrators", "protesters", "protestors",
               "marchers", "rioters", "mob", "mobs", "supporters", "activists"}
TEAR_GAS = {"teargas", "tear-gas", "tear"}
DEATH_WORDS = {"killed", "dead", "died", "killing", "death", "deaths", "fatally"}
LETHAL_WORDS = {"killed", "shot", "dead", "live", "died", "die", "dies", "killing", "fatally",
                "bullets", "death", "deaths", "executed", "massacred", "murdered", "beheaded"}
PROTESTER_VIOLENCE = {"torched", "burned", "burnt", "threw", "pelted", "vandalised", "vandalized",
                      "looted", "stormed", "ransacked", "smashed", "stones", "rocks", "molotov",
                      "petrol", "set", "clashed", "clashes", "clash", "fought", "attacked",
                      "barricades", "violent", "violently", "shut", "rampage",
                      "rampaged", "vandalism", "arson", "firecrackers", "fireworks"}
# "scores on both sides were killed" is a battle; "talks with both sides" is not.
VIOLENT_FAMILIES = {"remote", "battle", "territory", "civilians"}
WEAPON_ATTACK_WORDS = {"shot", "shoot", "shooting", "gunned", "gunfire", "stabbed", "machetes", "machete",
                       "beheaded", "executed", "massacre", "massacred", "hacked", "torched",
                       "opened", "slaughtered", "ambushed", "abducted", "kidnapped"}
REMOTE_ORDER = ("Suicide bomb", "Chemical weapon", "Air/drone strike", "Grenade",
                "Shelling/artillery/missile attack", "Remote explosive/landmine/IED")


@dataclass(frozen=True, slots=True)
class Decision:
    """A sub-event type decided for a sentence and the trigger it rests on."""

    sub_event_type: str
    trigger: Trigger



def candidate_triggers(doc: Doc) -> list[Trigger]:
    """Every trigger the rules consider in ``doc``, before context rules set any aside."""
    return find_triggers(doc) + [trigger for sentence in doc.sents
                                 for trigger in syntax_triggers(sentence)]


def _death_verb(trigger: Trigger, sentence: Span) -> bool:
    return sentence.doc[trigger.start].lemma_.lower() in ("kill", "die")


def _news_words(sentence: Span) -> set[str]:
    """The sentence's words outside relative clauses about dated past events and outside what
    a protest was against ("to protest against the killing of two students")."""
    grievance = {word.i for token in sentence if token.lemma_.lower() in PROTEST_LEMMAS
                 for prep in token.children if prep.lower_ in ("against", "over")
                 for word in prep.subtree}
    return {token.lower_ for token in sentence
            if token.i not in grievance and not in_recalled_clause(token)}


def _words(sentence: Span) -> set[str]:
    return {token.lower_ for token in sentence}


def _next_words(sentence: Span) -> set[str]:
    doc = sentence.doc
    return _words(doc[sentence.end].sent) if sentence.end < len(doc) else set()


def _best(triggers: list[Trigger], family: str) -> Trigger | None:
    found = [trigger for trigger in triggers if trigger.family == family]
    return max(found, key=lambda trigger: trigger.priority) if found else None


def _dispersed(sentence: Span) -> bool:
    """Someone dispersed the crowd ("police dispersed them", "were dispersed", "to break up"),
    not a crowd that "dispersed without incident"."""
    for token in sentence:
        lemma = token.lemma_.lower()
        if lemma == "disperse" and any(child.dep_ in ("dobj", "nsubjpass", "aux")
                                       for child in token.children):
            return True
        if lemma == "break" and any(child.lower_ == "up" for child in token.children):
            return True
    return False


DEMONSTRATION_SIGNS = {"tyres", "tires", "barricades", "barricaded", "chanting", "chanted",
                       "slogans", "placards", "banners"}
PROTEST_LEMMAS = {"protest", "protester", "protestor", "demonstration", "demonstrator", "rally",
                  "march", "sit-in"}


def _negated(sentence: Span) -> set[str]:
    """Words after "without" ("without clashes", "without fighting back")."""
    return {token.lower_ for token in sentence if token.head.lower_ == "without" and
            token.dep_ in ("pobj", "pcomp")}


def _lemmas(sentence: Span | None) -> set[str]:
    return {token.lemma_.lower() for token in sentence} if sentence is not None else set()


def _previous(sentence: Span) -> Span | None:
    return sentence.doc[sentence.start - 1].sent if sentence.start > 0 else None


def _acting(noun: Token) -> bool:
    """The noun is (in) a subject: "young men burned", "hundreds of young people threw"; not
    the victims in "soldiers shot dead three young men"."""
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head is not noun:
        noun = noun.head.head
    return noun.dep_ == "nsubj"


def _crowd_acts(sentence: Span) -> bool:
    """A crowd word that is not (part of) who tells it ("the youth leader said")."""
    for token in sentence:
        if token.lower_ not in CROWD_WORDS and not (young_crowd(token) and _acting(token)):
            continue
        holder = token.head if token.dep_ in ("compound", "amod", "nmod") else token
        if not is_speaker(holder.i, holder.i + 1, sentence):
            return True
    return False


# Heads under which an intervention word is what the protest is about: "rallied to decry the
# arrests", "protest against a plan for mass arrests".
PROTEST_TOPIC_HEADS = {"protest", "decry", "denounce", "condemn", "against", "over", "oppose",
                       "demand", "criticise", "criticize", "plan", "about"}


def _intervened(sentence: Span) -> bool:
    """Tear gas, batons or arrests used on the protest, not named as its grievance."""
    for token in sentence:
        if token.lower_ not in INTERVENTION_WORDS or (token.dep_ == "amod" and
                                                      token.tag_ == "VBN"):
            continue  # ("carrying portraits of detained politicians": whom they march for)
        if any(ancestor.lemma_.lower() in PROTEST_TOPIC_HEADS
               for ancestor in list(token.ancestors)[:4]):
            continue
        if certainty(token) in CODED_CERTAINTIES:
            return True
    return False


def _only_the_scene(protest: Trigger, triggers: list[Trigger], sentence: Span) -> bool:
    """"Gunmen abducted 14 worshippers during a night vigil": the gathering is where another
    act of violence, not by security forces, happened; that act is the event."""
    if sentence.doc[protest.start].head.lower_ not in ("during", "at", "amid"):
        return False
    for other in triggers:
        verb = sentence.doc[other.start]
        if other.family in VIOLENT_FAMILIES and verb.pos_ == "VERB" and any(
                child.dep_ == "nsubj" and child.lemma_.lower() not in SECURITY_LEMMAS and
                not _marchers(child)
                for child in verb.children):
            return True
    return False


def _marchers(subject: Token) -> bool:
    """"students", "hundreds of students": the gathering's own people."""
    nouns = [subject] + [obj for prep in subject.children if prep.lower_ == "of"
                         for obj in prep.children if obj.dep_ == "pobj"]
    return any(noun.lemma_.lower() in MARCHERS for noun in nouns)


#: The gathering's own people: "students clashed with security forces during a march" is the
#: march turned violent, not violence that happened at it.
MARCHERS = {"student", "protester", "protestor", "demonstrator", "youth", "supporter",
            "activist", "marcher", "crowd", "worker", "farmer", "teacher"}


def _demonstration(triggers: list[Trigger], words: set[str], sentence: Span
                   ) -> Decision | None:
    riot = _best(triggers, "riot")
    protest = _best(triggers, "protest")
    if protest is not None and _only_the_scene(protest, triggers, sentence):
        return None
    if riot is not None and _riot_unit(riot, sentence) and \
            (protest is not None or _crowd_acts(sentence)):
        # "riot police pushed back the demonstrators": the crowd's own signs decide
        protest, riot = protest or riot, None
    if riot is not None:
        return Decision(riot.sub_event_type, riot)
    if protest is None:
        # "Youths burned tyres and looted shops before police dispersed them": a riot told
        # without the word protest.
        # Without a sign of demonstration (a protest word here or in the sentence before,
        # burning tyres, barricades, police dispersing the crowd) it is a mob's violence:
        # "angry crowds rampaged through the market" after videos of killings circulated.
        damage = [t for t in triggers if t.sub_event_type == "Looting/property destruction"]
        if damage and _crowd_acts(sentence) and words & PROTESTER_VIOLENCE:
            # a party's followers on the streets demonstrate, word protest or not
            demonstrating = bool((_lemmas(sentence) | _lemmas(_previous(sentence))) &
                                 PROTEST_LEMMAS) or bool(words & DEMONSTRATION_SIGNS) or \
                bool(words & PARTY_FOLLOWERS) or _dispersed(sentence) or _intervened(sentence)
            kind = "Violent demonstration" if demonstrating else "Mob violence"
            return Decision(kind, damage[0])
        return None
    security = words & {"police", "forces", "soldiers", "troops", "fire", "ammunition",
                        "security", "crackdown"}
    lethal = _news_words(sentence) & LETHAL_WORDS
    if any(token.lemma_.lower() == "open" and any(child.lower_ == "fire" for child in token.children)
           for token in sentence):
        lethal |= {"fire"}  # "officers opened fire": live fire, force that can kill
    if words & {"rubber", "plastic"}:
        lethal -= {"bullets"}  # rubber bullets are crowd control, not lethal force
    # "the rally passed without clashes": violence denied is none
    violent_crowd = (bool((words - _negated(sentence)) & PROTESTER_VIOLENCE) or
                     _burning_tyres(words)) and not words & {"peaceful", "peacefully"}
    if security and lethal and (lethal & DEATH_WORDS or not violent_crowd):
        return Decision("Excessive force against protesters", protest)
    if violent_crowd:
        # Stones thrown and tear gas or rubber bullets in reply, no one killed: the
        # demonstrators' violence types the event
        return Decision("Violent demonstration", protest)
    if _intervened(sentence) or _dispersed(sentence):
        return Decision("Protest with intervention", protest)
    return Decision("Peaceful protest", protest)


#: Words after "riot" that make it the name of a force or its kit.
RIOT_UNITS = {"police", "policemen", "officers", "squad", "squads", "gear", "control", "troops",
              "units", "unit", "shields", "vans"}


def _riot_unit(riot: Trigger, sentence: Span) -> bool:
    """"riot police", "riot gear": the force sent against a crowd, not a riot."""
    doc = sentence.doc
    return riot.end < len(doc) and doc[riot.end - 1].lower_ == "riot" and \
        doc[riot.end].lower_ in RIOT_UNITS


def _burning_tyres(words: set[str]) -> bool:
    """Roads blocked "with burning tyres": ACLED's codebook counts burning tyres among the
    acts of a violent demonstration."""
    return bool(words & {"tyres", "tires"}) and bool(words & {"burning", "burned", "burnt",
                                                              "torched", "lit", "set"})


def _armed(actors: list[ActorMatch]) -> list[ActorMatch]:
    return [actor for actor in actors if actor.kind in (STATE, ARMED_GROUP)]


# Crowds named by faith or community: "clashes between Hindu and Muslim groups" with stones and
# fire are mob violence (ACLED: rioters), not a battle between armed organisations.
COMMUNITY_WORDS = {"hindu", "hindus", "muslim", "muslims", "christian", "christians", "sikh",
                   "sikhs", "buddhist", "buddhists", "communal", "sectarian", "villagers",
                   "residents", "youths", "students", "fans", "supporters", "mob", "mobs",
                   "crowds", "worshippers", "communities", "activists", "cadres", "partisans"}
#: A party's followers ("ruling party activists fought opposition supporters with sticks and
#: machetes") brawl with blades and clubs; only guns make their fight more than a riot.
PARTY_FOLLOWERS = {"supporters", "activists", "cadres", "partisans"}
GUN_WORDS = {"gun", "guns", "gunfire", "rifles", "gunmen", "firearms", "shot", "shooting",
             "bullets", "ak-47"}
FIREARM_WORDS = GUN_WORDS | {"machetes", "armed", "militia", "militias", "fighters"}


def _communal_brawl(actors: list[ActorMatch], words: set[str], sentence: Span) -> bool:
    fighting = [a for a in _armed(actors) if not is_speaker(a.start, a.end, sentence)]
    crowds = {token.lower_ for token in sentence if token.lower_ in COMMUNITY_WORDS and
              not is_speaker(token.i, token.i + 1, sentence)}
    weapons = GUN_WORDS if crowds & PARTY_FOLLOWERS else FIREARM_WORDS
    exchanged_fire = any(token.lemma_.lower() == "exchange" and token.nbor().lower_ in ("fire",
                                                                                      "gunfire")
                         for token in sentence if token.i + 1 < sentence.end)
    return not fighting and bool(crowds) and not words & weapons and not exchanged_fire


def _violence(triggers: list[Trigger], actors: list[ActorMatch], words: set[str],
              has_place: bool, sentence: Span) -> list[Decision]:
    def sentence_doc_dep(trigger: Trigger) -> str:
        return str(sentence.doc[trigger.start:trigger.end].root.dep_)

    decisions: list[Decision] = []
    remote = sorted((t for t in triggers if t.family == "remote"),
                    key=lambda t: REMOTE_ORDER.index(t.sub_event_type))
    if any(t.sub_event_type == "Chemical weapon" for t in remote):
        # "drones dropped grenades filled with irritant gas": one chemical attack, whatever
        # carried it
        remote = [t for t in remote if t.sub_event_type == "Chemical weapon"]
    seen: set[str] = set()
    for trigger in remote:
        if trigger.sub_event_type not in seen:
            seen.add(trigger.sub_event_type)
            decisions.append(Decision(trigger.sub_event_type, trigger))
    territory = _best(triggers, "territory")
    battle = _best(triggers, "battle")
    if territory is not None and territory.rule == "territory" and \
            captured_a_person(sentence.doc[territory.start]):
        # "troops captured alias 'Cachaco', the group's financial chief": a person taken, not
        # a place: the state arrests, an armed group abducts (traders who seize two men for a
        # mob do neither)
        doers = capturers(sentence.doc[territory.start], actors, sentence)
        if STATE in doers or ARMED_GROUP in doers:
            decisions.append(Decision("Arrests" if STATE in doers else
                                      "Abduction/forced disappearance", territory))
        territory = None
    if territory is not None and territory.rule == "territory" and \
            took_a_thing(sentence.doc[territory.start]):
        territory = None  # "police arrested three journalists and seized their equipment"
    if territory is not None and territory.rule == "transfer" and battle is not None and \
            battle_ends_in(battle, territory, sentence):
        territory = None
    if territory is not None and territory.rule == "territory" and battle is not None and \
            took_a_building(sentence.doc[territory.start]):
        territory = None  # "fought SSA members ... and took over its headquarters": the battle
    if territory is not None and territory.rule == "transfer" and \
            aside(sentence.doc[territory.start]) and \
            any(t.family in ("civilians", "battle") for t in triggers):
        territory = None  # "fighters, withdrawing south from the city, stormed the village"
    if territory is not None and territory.rule in ("territory", "regain") and \
            _after_a_withdrawal(territory, triggers, sentence):
        # "recaptured Palmyra after the army pulled out of the city": no fight for it
        territory = Trigger("Non-violent transfer of territory", "transfer", "territory",
                            territory.priority, territory.start, territory.end)
    if territory is not None and ((
            territory.rule == "territory" and peaceful_handover(words) and
            sentence.doc[territory.start].lemma_.lower() not in FORCEFUL_TAKING) or (
            territory.rule == "regain" and without_fight(words))):
        # "took over the base after the coalition's departure", "without a fight"; troops who
        # "re-entered the town without meeting any resistance"
        territory = Trigger("Non-violent transfer of territory", "transfer", "territory",
                            territory.priority, territory.start, territory.end)
    if territory is not None:
        if has_place or territory.rule in ("road-cut", "transfer"):
            decisions.append(Decision(territory.sub_event_type, territory))
        elif not decisions and battle is None and len({a.name for a in _armed(actors)}) >= 2:
            decisions.append(Decision("Armed clash", territory))
    civilian = [t for t in triggers if t.family == "civilians"]
    if battle is not None and territory is None and civilian and \
            _only_a_time_clause(battle, civilian, sentence):
        battle = None  # "After the fighting subsided, soldiers killed 45 civilians": the killing
    ground_devices = {"Remote explosive/landmine/IED", "Grenade"}
    if battle is not None and territory is None and (
            not remote or (one_ambush(sentence.doc[battle.start]) and
                           {t.sub_event_type for t in remote} <= ground_devices)):
        # "an ambush combining IEDs with more than a hundred motorcycles": the battle, its
        # devices folded into it (fusion), so the battle comes first
        kind = "Mob violence" if _communal_brawl(actors, words, sentence) else \
            "Attack" if ambushed_civilians(sentence.doc[battle.start]) else "Armed clash"
        decisions.insert(0, Decision(kind, battle))
    if civilian and not decisions:
        decisions.extend(_civilian_violence(civilian, actors, words, sentence))
    return decisions


#: Conjunctions of a clause that only dates the main one ("after the fighting subsided"); not
#: "as" or "when": "were killed as two groups fought" tells the fight's own toll.
TIME_MARKS = {"after", "once", "before", "since", "until"}


def _only_a_time_clause(battle: Trigger, civilian: list[Trigger], sentence: Span) -> bool:
    """The battle word stands in a clause that dates the main clause, and violence against
    civilians is told outside it."""
    word = sentence.doc[battle.start]
    clause = next((verb for verb in [word, *word.ancestors] if verb.dep_ == "advcl" and any(
        child.dep_ == "mark" and child.lower_ in TIME_MARKS for child in verb.children)), None)
    if clause is None:
        return False
    inside = {token.i for token in clause.subtree}
    return any(trigger.start not in inside for trigger in civilian)


def _after_a_withdrawal(taking: Trigger, triggers: list[Trigger], sentence: Span) -> bool:
    """A place taken "after" the other side withdrew from it (a withdrawal trigger later in
    the sentence, "after" between the two)."""
    for trigger in triggers:
        if trigger.rule != "transfer" or trigger.start <= taking.end:
            continue
        between = {token.lower_ for token in sentence.doc[taking.end:trigger.start]}
        if "after" in between and not between & {"fighting", "clashes", "battle", "assault"}:
            return True
    return False


def not_crime(trigger: Trigger, sentence: Span) -> bool:
    """Kept in a crime story: a protest about crime or migration is still a protest, and
    villagers who beat suspected thieves are a mob; the arrest of a politician is political
    whatever the charge; a peace accord that returns stolen cattle is an agreement."""
    return trigger.family in ("protest", "riot") or trigger.sub_event_type == "Agreement" or (
        trigger.family == "civilians" and _crowd_did_it(trigger, sentence)) or (
        trigger.sub_event_type == "Arrests" and bool(_words(sentence) & POLITICAL_FIGURES))


def _crowd_did_it(trigger: Trigger, sentence: Span) -> bool:
    """The subject of the violent verb is a crowd ("residents", "a mob"), not its victim."""
    verb = sentence.doc[trigger.start:trigger.end].root
    verbs = {verb, verb.head} if verb.dep_ == "conj" else {verb}
    return any(child.dep_ == "nsubj" and child.lower_ in MOB_WORDS
               for item in verbs for child in item.children)


def _by_someone(trigger: Trigger, sentence: Span) -> bool:
    """"were killed by members of the gang": a killing with an agent is someone's violence."""
    verb = sentence.doc[trigger.start:trigger.end].root
    return any(child.dep_ == "agent" and any(obj.pos_ in ("NOUN", "PROPN")
                                             for obj in child.children)
               for child in verb.children)


def _civilian_violence(triggers: list[Trigger], actors: list[ActorMatch],
                       words: set[str], sentence: Span) -> list[Decision]:
    specific = [t for t in triggers if t.sub_event_type != "Attack"]
    killings = [t for t in triggers if t.rule == "attack"]
    if specific and not (killings and all(t.rule == "abduct" for t in specific)):
        best = max(specific, key=lambda trigger: trigger.priority)
        return [Decision(best.sub_event_type, best)]
    # Abducted and killed is an Attack (DOMAIN.md): the abduction is part of it.
    trigger = killings[0] if killings else triggers[0]
    # "workers were shot dead by rebels, police said": who tells it takes no side
    armed = [actor for actor in _armed(actors) if not is_speaker(actor.start, actor.end, sentence)]
    victims = [actor for actor in actors if actor.kind == CIVILIANS]
    distinct_armed = {actor.name for actor in armed}
    if len(distinct_armed) >= 2 and not victims:
        return [Decision("Armed clash", trigger)]
    if not armed and _crowd_did_it(trigger, sentence):
        # "villagers beat two suspected thieves and burned them alive": a crowd, not a group
        return [Decision("Mob violence", trigger)]
    if armed or words & WEAPON_ATTACK_WORDS or _by_someone(trigger, sentence) or \
            trigger.rule == "bodies-syntax":
        return [Decision("Attack", trigger)]
    assault = next((t for t in killings if sentence.doc[t.start].lemma_.lower() in ASSAULT_NOUNS
                    and sentence.doc[t.start].pos_ == "NOUN" and
                    any(child.lower_ == "on" and any(
                        target.ent_type_ not in ("DATE", "TIME") for target in child.children)
                        for child in sentence.doc[t.start].children)), None)
    if assault is not None:
        # "14 people were killed in an attack on Eringeti": an attack on a place or people has
        # attackers, named or not
        return [Decision("Attack", assault)]
    return []


#: Nouns of an assault whose "on" names its target.
ASSAULT_NOUNS = {"attack", "raid", "assault"}


#: Nouns that name what parties agreed to do, listed after the agreement.
AGREED_TERMS = {"withdrawal", "pullout", "pull-out", "release", "exchange", "disarmament",
                "evacuation", "reopening"}


def _without_terms_of_agreement(triggers: list[Trigger], sentence: Span) -> list[Trigger]:
    """"Agreed to a ceasefire, the withdrawal of their vehicles and the release of detainees":
    the withdrawal and the release are terms of the agreement, not events of their own."""
    agreement = next((t for t in triggers if t.sub_event_type == "Agreement"), None)
    if agreement is None:
        return triggers
    # The parser hangs the list of terms anywhere (conjuncts, appositions): a withdrawal or a
    # release named after the agreement is one of its terms. A handover is the transfer an
    # agreement brought ("the resulting handover of districts to Azerbaijan"), an event.
    return [t for t in triggers if t is agreement or t.start < agreement.start or (
            sentence.doc[t.start].lemma_.lower() not in AGREED_TERMS and
            not any(word.lemma_.lower() in PLEDGE_LEMMAS
                    for word in sentence.doc[t.start].ancestors))]


#: Verbs whose clause lists what the parties undertook ("committing to return abducted children").
PLEDGE_LEMMAS = {"commit", "pledge", "promise", "undertake", "vow"}


def classify_sentence(sentence: Span, triggers: list[Trigger], actors: list[ActorMatch],
                      has_place: bool) -> list[Decision]:
    """The sub-event types ``sentence`` reports (empty: none), each with its trigger."""
    triggers = prune(triggers + syntax_triggers(sentence), sentence)
    if not triggers:
        return []
    words = _words(sentence)
    if words & DISASTER_WORDS:
        # A flood "killed dozens" and "destroyed homes": deaths and damage without an armed
        # hand are not political violence.
        triggers = [t for t in triggers if not (t.rule == "attack" and _death_verb(t, sentence))
                    and not (t.sub_event_type == "Looting/property destruction" and
                             not _armed(actors))]
    # "police said": the speaker of a crime story is not an armed actor of it
    if words & CRIME_WORDS and \
            not _armed([a for a in actors if not is_speaker(a.start, a.end, sentence)]):
        triggers = [t for t in triggers if not_crime(t, sentence)]
        if not triggers:
            return []
    if (words | _next_words(sentence)) & CRIME_WORDS and not words & POLITICAL_FIGURES:
        # Police arresting thieves, or migrants a gang smuggled (said in the next sentence),
        # is ordinary crime, not a strategic development; a former prime minister held "in a
        # corruption case" is a political arrest, whatever the charge.
        triggers = [t for t in triggers if t.sub_event_type != "Arrests"]
    if not words & CASUALTY_WORDS:
        triggers = [t for t in triggers if sentence.doc[t.start:t.end].text.lower() !=
                    "both sides"]
    if not triggers:
        return []
    if any(t.rule == "mass-grave" for t in triggers):
        # "a mass grave of people believed killed by IS": the killings are the grave's story
        triggers = [t for t in triggers if t.family != "civilians"]
    triggers = _without_terms_of_agreement(triggers, sentence)
    disrupted = _best(triggers, "disrupt")
    if disrupted is not None:
        arrests = [t for t in triggers if t.sub_event_type == "Arrests"]
        # "arrested 14 suspects in raids, seizing rifles": the seizure is part of the arrest;
        # "defused a car bomb and detained its driver": the arrest is part of the defusal
        defused = any(sentence.doc[t.start].lemma_.lower() in DEFUSE_LEMMAS
                      for t in triggers if t.family == "disrupt")
        chosen = arrests[0] if arrests and not defused else disrupted
        return [Decision(chosen.sub_event_type, chosen)]
    demonstration = _demonstration(triggers, words, sentence)
    if demonstration is not None:
        return [demonstration]
    violence = _violence(triggers, actors, words, has_place, sentence)
    arrests = [t for t in triggers if t.sub_event_type == "Arrests"]
    if arrests and not violence and words & TEAR_GAS and _lemmas(sentence) & CROWD_LEMMAS:
        # "officers fired tear gas and detained 50 people; the blockaders scattered"
        return [Decision("Protest with intervention", arrests[0])]
    if arrests and violence and all(d.sub_event_type == "Attack" for d in violence) and \
            not words & LETHAL_WORDS:
        return [Decision("Arrests", arrests[0])]  # a police raid that arrests is an arrest
    looting = [t for t in triggers if t.sub_event_type == "Looting/property destruction"]
    if looting and violence and all(d.sub_event_type == "Attack" for d in violence) and \
            not words & (LETHAL_WORDS | CASUALTY_WORDS | WEAPON_ATTACK_WORDS | {"shooting"}):
        # "hoodlums attacked residents, looted houses and set shops on fire", no one hurt:
        # the harm reported is to property
        return [Decision("Looting/property destruction", looting[0])]
    if violence:
        return violence
    strategic = _best(triggers, "strategic")
    if strategic is not None:
        return [Decision(strategic.sub_event_type, strategic)]
    return []
