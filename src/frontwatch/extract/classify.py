"""Sentence classification: which ACLED sub-event types a sentence reports, from its triggers.

The trigger rules (``triggers.py``) over-generate on purpose; these context rules decide, in order:

1. Triggers inside a larger trigger of higher priority go ("car bombs" inside "suicide car bombs");
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

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from frontwatch.extract.actors import ARMED_GROUP, CIVILIANS, STATE, ActorMatch
from frontwatch.extract.arguments import WEAPON_LEMMAS, is_speaker, wrong_argument
from frontwatch.extract.modality import CODED_CERTAINTIES, certainty
from frontwatch.extract.triggers import Trigger

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["REMOTE_ORDER", "Decision", "classify_sentence", "not_crime"]

DISASTER_WORDS = {
    "earthquake", "flood", "floods", "flooding", "landslide", "cyclone", "storm", "hurricane",
    "typhoon", "drought", "accident", "crash", "collision", "covid", "covid-19", "coronavirus",
    "pandemic", "virus", "disease", "outbreak", "cholera", "cases", "infections", "heatwave",
    "wildfire", "blaze", "volcano", "tsunami", "avalanche", "collapse", "stampede",
}
CRIME_WORDS = {
    "robbery", "robbers", "thieves", "thief", "theft", "stolen", "burglars", "burglary", "drug",
    "drugs", "narcotics", "cocaine", "heroin", "smuggling", "smugglers", "trafficking", "fraud",
    "corruption", "embezzlement", "bribery", "snatching", "shoplifting", "poaching", "customs",
    "manslaughter", "embezzling", "contraband", "smuggled", "migrants", "migration",
    "trafficker", "traffickers", "smuggler", "pornographic", "pornography", "counterfeit",
}
# "detonate" is left out: a bomber detonates a vest; a controlled detonation is "destroyed".
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
INTERVENTION_WORDS = {"tear", "teargas", "tear-gas", "cannon", "cannons", "rubber", "baton",
                      "batons", "arrested", "detained", "pepper", "stun", "charged", "beat",
                      "beaten", "arrests", "detentions", "crackdown", "cracked", "arresting",
                      "detaining", "arrest", "detain", "removed", "dragged", "kettled"}
MOB_WORDS = {"villagers", "residents", "crowd", "crowds", "mob", "mobs", "locals", "youths",
             "neighbours", "neighbors", "vigilantes", "worshippers", "passers-by", "onlookers"}
CROWD_LEMMAS = {"crowd", "protester", "demonstrator", "youth", "gathering", "rally", "march",
                "protest", "demonstration", "mourner", "student", "supporter"}
CROWD_WORDS = {"youths", "youth", "crowd", "crowds", "demonstrators", "protesters", "protestors"}
LETHAL_WORDS = {"killed", "shot", "dead", "live", "died", "die", "dies", "killing", "fatally",
                "bullets", "death", "deaths"}
PROTESTER_VIOLENCE = {"torched", "burned", "burnt", "threw", "pelted", "vandalised", "vandalized",
                      "looted", "stormed", "ransacked", "smashed", "stones", "rocks", "molotov",
                      "petrol", "set", "clashed", "clashes", "clash", "fought", "attacked",
                      "blocked", "barricades", "violent", "violently", "shut", "rampage",
                      "rampaged", "vandalism", "arson"}
# "scores on both sides were killed" is a battle; "talks with both sides" is not.
CASUALTY_WORDS = {"killed", "dead", "died", "casualties", "losses", "wounded", "injured",
                  "fighting", "clashes"}
TIME_ADJUNCTS = {"since", "during", "before", "until", "throughout"}
BACKGROUND_MODIFIERS = {"previous", "past", "prior", "former", "earlier", "last", "recent",
                        "repeated", "frequent", "periodic", "sporadic", "mock", "simulated",
                        "staged", "fake", "hypothetical", "similar", "such"}
REACTION_VERBS = {"welcome", "condemn", "denounce", "praise", "hail", "criticise", "criticize",
                  "deplore", "mourn", "investigate", "blame", "applaud", "endorse", "commemorate",
                  "mark", "remember", "recall"}
ABSTRACT_ENEMIES = {"terrorism", "terror", "extremism", "insurgency", "jihadism", "crime",
                    "corruption", "poverty", "drug", "trafficking", "banditry", "impunity"}
SPEECH_VERBS = {"say", "tell", "add", "recall", "explain", "describe"}
TREND_WORDS = {"wave", "spate", "surge", "rise", "increase", "spike", "upsurge", "rash", "trend",
               "escalate", "intensify", "multiply"}
HABITUAL_WORDS = {"daily", "routinely", "regularly", "frequently", "often", "usually",
                  "periodically", "habitually", "nightly", "weekly", "repeatedly", "constantly",
                  "continually", "increasingly"}
VIOLENT_FAMILIES = {"remote", "battle", "territory", "civilians"}
WEAPON_ATTACK_WORDS = {"shot", "shoot", "gunned", "gunfire", "stabbed", "machetes", "machete",
                       "beheaded", "executed", "massacre", "massacred", "hacked", "torched",
                       "opened", "slaughtered", "ambushed", "abducted", "kidnapped"}
# Nouns whose complement is a cause or an expectation, reported as context: "in retaliation for
# a gas attack", "in the wake of the massacre", "in anticipation of more demonstrations".
CONTEXT_HEADS = {"retaliation", "revenge", "reprisal", "response", "anticipation", "wake",
                 "preparation"}
DEFIED_VERBS = {"defy", "violate", "flout", "breach", "ignore"}
REMOTE_ORDER = ("Suicide bomb", "Chemical weapon", "Air/drone strike", "Grenade",
                "Shelling/artillery/missile attack", "Remote explosive/landmine/IED")


@dataclass(frozen=True, slots=True)
class Decision:
    """A sub-event type decided for a sentence and the trigger it rests on."""

    sub_event_type: str
    trigger: Trigger


def _inside_time_adjunct(trigger: Trigger, sentence: Span) -> bool:
    token = sentence.doc[trigger.start]
    if trigger.family == "protest" and token.head.lower_ in ("during", "at", "amid"):
        return False  # "shot dead six people during protests": the protest is the scene
    for _ in range(4):
        if token.head is token:
            return False
        if token.dep_ == "pobj" and token.head.lower_ in TIME_ADJUNCTS:
            return True
        if token.lower_ in ("start", "beginning", "outbreak") and token.dep_ == "pobj":
            return True
        token = token.head
    return False


def _governing_verb(head: Token) -> Token | None:
    """The finite verb the trigger hangs from (itself, or through infinitives and objects)."""
    token = head
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") and token.tag_ not in ("VB", "VBG", "TO"):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _habitual_present(head: Token, sentence: Span) -> bool:
    """A simple present in the body of a report tells what happens, not what happened. A
    headline (the first sentence) uses the present for news, so it is not judged."""
    if sentence.start == 0 or any(ent.label_ in ("DATE", "TIME") for ent in sentence.ents):
        return False
    verb = _governing_verb(head)
    if verb is None or verb.tag_ not in ("VBZ", "VBP") or \
            verb.lemma_.lower() in SPEECH_VERBS | {"be", "have"}:
        return False
    return not any(child.dep_ in ("aux", "auxpass") for child in verb.children)


def _not_news(trigger: Trigger, sentence: Span) -> bool:
    """Triggers that refer to an event without reporting one: "previous truces", a statement
    that "condemned the attack", a trend ("a wave of
    kidnappings"), what happens "almost daily", "marched the hostages into the forest"."""
    head = sentence.doc[trigger.start:trigger.end].root
    if any(child.lower_ in BACKGROUND_MODIFIERS for child in head.children):
        return True
    if head.pos_ == "NOUN" and any(re.fullmatch(r"(?:19|20)\d\d", child.text) and child.i < head.i
                                   for child in head.children):
        return True  # "the 2014 massacre": a named past event, recalled
    if head.tag_ in ("NNS", "NNPS") and any(
            ancestor.lemma_.lower() in TREND_WORDS for ancestor in list(head.ancestors)[:3]):
        return True  # "a wave of kidnappings", "attacks have escalated": a trend, not an event
    if head.dep_ == "acl" and head.tag_ == "VBG" and trigger.family == "battle":
        return True  # "the Fano militia fighting federal forces": a description, not a report
    if trigger.family == "remote" and any(child.lower_ in ("smoke", "tear", "gas", "teargas",
                                                             "flare", "stun")
                                          for child in head.children):
        return True  # "smoke shells", "tear gas shells": crowd control, not shelling
    if any(ancestor.dep_ == "nsubj" and ancestor.head.lemma_.lower() in SPEECH_VERBS
           for ancestor in [head, *head.ancestors][:3]):
        return True  # "said one protester": the speaker, not an event
    if head.lower_ == "march" and any(t.like_num for t in sentence.doc[max(head.i - 1, 0):
                                                                  head.i + 2] if t is not head):
        return True  # the month: "on March 9", "9 March"
    if trigger.family == "protest" and head.pos_ == "VERB" and \
            head.lemma_.lower() in ("march", "rally", "parade") and \
            any(child.dep_ == "dobj" for child in head.children):
        return True
    if head.tag_ == "NNS" and head.dep_ in ("nsubj", "conj") and any(
            child.lower_ == "since" and child.dep_ == "prep"
            for child in (head.head.head if head.dep_ == "conj" else head.head).children):
        return True  # "air strikes have killed 80 civilians since January": a tally
    if head.lemma_.lower() in ("fight", "war", "battle", "struggle") and any(
            child.lower_ == "against" and any(obj.lemma_.lower() in ABSTRACT_ENEMIES
                                              for obj in child.children)
            for child in head.children):
        return True  # "the fight against terrorism": a cause, not a battle
    if head.dep_ == "relcl" and any(child.lower_ == "had" and child.dep_ == "aux"
                                    for child in head.children):
        return True  # "a gang that had abducted her husband": earlier, in passing
    if head.pos_ == "VERB" and any(child.lower_ == "since" and child.dep_ == "advmod"
                                   for child in head.children):
        return True  # "forces have since recaptured dozens of towns": a tally, not one event
    if head.dep_ in ("dobj", "pobj") and head.head.lemma_.lower() in REACTION_VERBS:
        return True
    if head.dep_ == "pobj" and head.head.head.lemma_.lower() in REACTION_VERBS:
        return True
    if any(ancestor.lemma_.lower() in CONTEXT_HEADS for ancestor in list(head.ancestors)[:3]):
        return True  # "in retaliation for a gas attack", "in anticipation of demonstrations"
    if head.dep_ in ("dobj", "pobj") and head.head.lemma_.lower() in DEFIED_VERBS:
        return True  # "defying the curfew": the curfew is the setting, not the news
    if _habitual_present(head, sentence):
        return True  # "jihadist fighters use motorcycles to carry out raids": what they do
    if any(token.lower_ == "whenever" or (token.lower_ == "every" and token.i + 1 < len(
            sentence.doc) and sentence.doc[token.i + 1].lower_ == "time") for token in sentence):
        return True  # "every time there is an attack": a pattern, not an event
    return any(token.lower_ in HABITUAL_WORDS and token.pos_ == "ADV" for token in sentence)


def _prune(triggers: list[Trigger], sentence: Span) -> list[Trigger]:
    kept = []
    for trigger in triggers:
        covered = any(other is not trigger and other.start <= trigger.start and
                      trigger.end <= other.end and other.priority > trigger.priority and
                      (other.end - other.start) > (trigger.end - trigger.start)
                      for other in triggers)
        if covered or _inside_time_adjunct(trigger, sentence) or _not_news(trigger, sentence) \
                or wrong_argument(trigger, sentence):
            continue
        kept.append(trigger)
    # A planned or feared event beside a real one ("arrested 200 ahead of a planned rally") does
    # not type the sentence; alone, it stays so its mention keeps its certainty.
    coded = [t for t in kept if certainty(sentence.doc[t.start:t.end].root) in CODED_CERTAINTIES]
    return coded or kept


def _argument_lemmas(verb: Token) -> set[str]:
    """Lemmas of the verb's object or passive subject (and their conjuncts)."""
    found: set[str] = set()
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            found.update(t.lemma_.lower() for t in child.subtree)
    return found


def _syntax_triggers(sentence: Span) -> list[Trigger]:
    """Events read from a verb and its object, in any voice: weapons "were seized" or "found"
    (Disrupted weapons use, which outranks the weapon's own type); shops "were burned" or
    "looted" (Looting/property destruction)."""
    found = []
    for token in sentence:
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB":
            continue
        arguments = _argument_lemmas(token)
        if lemma in DISRUPT_LEMMAS and arguments & WEAPON_LEMMAS:
            found.append(Trigger("Disrupted weapons use", "disrupted-syntax", "disrupt", 92,
                                 token.i, token.i + 1))
        elif lemma == "disperse" and arguments & CROWD_LEMMAS:
            # "police dispersed the crowd": a gathering met with force, word protest or not
            found.append(Trigger("Peaceful protest", "dispersal-syntax", "protest", 45,
                                 token.i, token.i + 1))
        elif lemma in DESTROY_LEMMAS and arguments & PROPERTY_LEMMAS:
            found.append(Trigger("Looting/property destruction", "destruction-syntax",
                                 "strategic", 44, token.i, token.i + 1))
    return found


def _death_verb(trigger: Trigger, sentence: Span) -> bool:
    return sentence.doc[trigger.start].lemma_.lower() in ("kill", "die")


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


def _lemmas(sentence: Span | None) -> set[str]:
    return {token.lemma_.lower() for token in sentence} if sentence is not None else set()


def _previous(sentence: Span) -> Span | None:
    return sentence.doc[sentence.start - 1].sent if sentence.start > 0 else None


def _crowd_acts(sentence: Span) -> bool:
    """A crowd word that is not (part of) who tells it ("the youth leader said")."""
    for token in sentence:
        if token.lower_ not in CROWD_WORDS:
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
        if token.lower_ not in INTERVENTION_WORDS:
            continue
        if any(ancestor.lemma_.lower() in PROTEST_TOPIC_HEADS
               for ancestor in list(token.ancestors)[:4]):
            continue
        if certainty(token) in CODED_CERTAINTIES:
            return True
    return False


def _demonstration(triggers: list[Trigger], words: set[str], sentence: Span
                   ) -> Decision | None:
    riot = _best(triggers, "riot")
    protest = _best(triggers, "protest")
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
            demonstrating = bool((_lemmas(sentence) | _lemmas(_previous(sentence))) &
                                 PROTEST_LEMMAS) or bool(words & DEMONSTRATION_SIGNS) or \
                _dispersed(sentence) or _intervened(sentence)
            riot = "Violent demonstration" if demonstrating else "Mob violence"
            return Decision(riot, damage[0])
        return None
    if words & LETHAL_WORDS and (words & {"police", "forces", "soldiers", "troops", "fire",
                                           "ammunition", "security", "crackdown"}):
        return Decision("Excessive force against protesters", protest)
    if words & PROTESTER_VIOLENCE and not words & {"peaceful", "peacefully"}:
        return Decision("Violent demonstration", protest)
    if _intervened(sentence) or _dispersed(sentence):
        return Decision("Protest with intervention", protest)
    return Decision("Peaceful protest", protest)


def _armed(actors: list[ActorMatch]) -> list[ActorMatch]:
    return [actor for actor in actors if actor.kind in (STATE, ARMED_GROUP)]


# Verbs of taking that say force was used: a capture after a withdrawal is still a capture.
FORCEFUL_TAKING = {"capture", "seize", "overrun", "conquer", "storm", "recapture", "retake",
                   "liberate"}
HANDOVER_WORDS = {"handover", "handed", "departure", "withdrew", "withdrawal", "abandoned",
                  "pulled", "vacated", "evacuated", "left"}


def _peaceful_handover(words: set[str]) -> bool:
    without_fight = "without" in words and words & {"fight", "fighting", "clashes", "resistance",
                                                    "shot", "bloodshed", "clash"}
    return bool(without_fight or (words & HANDOVER_WORDS and not words & CASUALTY_WORDS))


def _violence(triggers: list[Trigger], actors: list[ActorMatch], words: set[str],
              has_place: bool, sentence: Span) -> list[Decision]:
    def sentence_doc_dep(trigger: Trigger) -> str:
        return str(sentence.doc[trigger.start:trigger.end].root.dep_)

    decisions: list[Decision] = []
    remote = sorted((t for t in triggers if t.family == "remote"),
                    key=lambda t: REMOTE_ORDER.index(t.sub_event_type))
    seen: set[str] = set()
    for trigger in remote:
        if trigger.sub_event_type not in seen:
            seen.add(trigger.sub_event_type)
            decisions.append(Decision(trigger.sub_event_type, trigger))
    territory = _best(triggers, "territory")
    battle = _best(triggers, "battle")
    if territory is not None and territory.rule == "transfer" and battle is not None and \
            sentence_doc_dep(battle) in ("nsubj", "ROOT"):
        territory = None  # "the fighting lasted two hours before the assailants pulled back"
    if territory is not None and territory.rule == "territory" and _peaceful_handover(words) \
            and sentence.doc[territory.start].lemma_.lower() not in FORCEFUL_TAKING:
        # "took over the base after the coalition's departure", "without a fight"
        territory = Trigger("Non-violent transfer of territory", "transfer", "territory",
                            territory.priority, territory.start, territory.end)
    if territory is not None:
        if has_place or territory.rule in ("road-cut", "transfer"):
            decisions.append(Decision(territory.sub_event_type, territory))
        elif not decisions and battle is None and len({a.name for a in _armed(actors)}) >= 2:
            decisions.append(Decision("Armed clash", territory))
    if battle is not None and not remote and territory is None:
        decisions.append(Decision("Armed clash", battle))
    civilian = [t for t in triggers if t.family == "civilians"]
    if civilian and not decisions:
        decisions.extend(_civilian_violence(civilian, actors, words, sentence))
    return decisions


def not_crime(trigger: Trigger, sentence: Span) -> bool:
    """Kept in a crime story: a protest about crime or migration is still a protest, and
    villagers who beat suspected thieves are a mob."""
    return trigger.family in ("protest", "riot") or (
        trigger.family == "civilians" and _crowd_did_it(trigger, sentence))


def _crowd_did_it(trigger: Trigger, sentence: Span) -> bool:
    """The subject of the violent verb is a crowd ("residents", "a mob"), not its victim."""
    verb = sentence.doc[trigger.start:trigger.end].root
    verbs = {verb, verb.head} if verb.dep_ == "conj" else {verb}
    return any(child.dep_ == "nsubj" and child.lower_ in MOB_WORDS
               for item in verbs for child in item.children)


def _civilian_violence(triggers: list[Trigger], actors: list[ActorMatch],
                       words: set[str], sentence: Span) -> list[Decision]:
    specific = [t for t in triggers if t.sub_event_type != "Attack"]
    killings = [t for t in triggers if t.rule == "attack"]
    if specific and not (killings and all(t.rule == "abduct" for t in specific)):
        best = max(specific, key=lambda trigger: trigger.priority)
        return [Decision(best.sub_event_type, best)]
    # Abducted and killed is an Attack (DOMAIN.md): the abduction is part of it.
    trigger = killings[0] if killings else triggers[0]
    armed = _armed(actors)
    victims = [actor for actor in actors if actor.kind == CIVILIANS]
    distinct_armed = {actor.name for actor in armed}
    if len(distinct_armed) >= 2 and not victims:
        return [Decision("Armed clash", trigger)]
    if not armed and _crowd_did_it(trigger, sentence):
        # "villagers beat two suspected thieves and burned them alive": a crowd, not a group
        return [Decision("Mob violence", trigger)]
    if armed or words & WEAPON_ATTACK_WORDS:
        return [Decision("Attack", trigger)]
    return []


def classify_sentence(sentence: Span, triggers: list[Trigger], actors: list[ActorMatch],
                      has_place: bool) -> list[Decision]:
    """The sub-event types ``sentence`` reports (empty: none), each with its trigger."""
    triggers = _prune(triggers + _syntax_triggers(sentence), sentence)
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
    if (words | _next_words(sentence)) & CRIME_WORDS:
        # Police arresting thieves, or migrants a gang smuggled (said in the next sentence),
        # is ordinary crime, not a strategic development.
        triggers = [t for t in triggers if t.sub_event_type != "Arrests"]
    if not words & CASUALTY_WORDS:
        triggers = [t for t in triggers if sentence.doc[t.start:t.end].text.lower() !=
                    "both sides"]
    if not triggers:
        return []
    disrupted = _best(triggers, "disrupt")
    if disrupted is not None:
        return [Decision(disrupted.sub_event_type, disrupted)]
    demonstration = _demonstration(triggers, words, sentence)
    if demonstration is not None:
        return [demonstration]
    violence = _violence(triggers, actors, words, has_place, sentence)
    arrests = [t for t in triggers if t.sub_event_type == "Arrests"]
    if arrests and violence and all(d.sub_event_type == "Attack" for d in violence) and \
            not words & LETHAL_WORDS:
        return [Decision("Arrests", arrests[0])]  # a police raid that arrests is an arrest
    looting = [t for t in triggers if t.sub_event_type == "Looting/property destruction"]
    if looting and violence and all(d.sub_event_type == "Attack" for d in violence) and \
            not words & (LETHAL_WORDS | CASUALTY_WORDS):
        # "hoodlums attacked residents, looted houses and set shops on fire", no one hurt:
        # the harm reported is to property
        return [Decision("Looting/property destruction", looting[0])]
    if violence:
        return violence
    strategic = _best(triggers, "strategic")
    if strategic is not None:
        return [Decision(strategic.sub_event_type, strategic)]
    return []
