"""Context rules: whether a trigger reports news or only refers to an event.

A trigger word names an event; the sentence around it may recall it ("previous truces", "the
2014 massacre"), count it ("have killed 80 civilians since January"), expect it ("in
anticipation of demonstrations"), give it as a cause ("in retaliation for a gas attack"), tell
what usually happens ("fighters use motorcycles to carry out raids", "shelled almost daily") or
react to it ("condemned the attack"). :func:`prune` keeps the triggers that report.
"""

from __future__ import annotations

import calendar
import re
from typing import TYPE_CHECKING

from frontwatch.extract.arguments import wrong_argument
from frontwatch.extract.modality import CODED_CERTAINTIES, certainty

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from frontwatch.extract.triggers import Trigger

__all__ = ["prune"]

TIME_ADJUNCTS = {"since", "during", "before", "until", "throughout"}
BACKGROUND_MODIFIERS = {"previous", "past", "prior", "former", "earlier", "last", "recent",
                        "repeated", "frequent", "periodic", "sporadic", "mock", "simulated",
                        "staged", "fake", "hypothetical", "similar", "such"}
REACTION_VERBS = {"welcome", "condemn", "denounce", "praise", "hail", "criticise", "criticize",
                  "deplore", "mourn", "investigate", "blame", "applaud", "endorse", "commemorate",
                  "mark", "remember", "recall",
                  # prevented: "foiled a massacre", "thwarted an attack" (no event took place)
                  "foil", "thwart", "avert", "prevent", "forestall",
                  # earlier context: "the killings follow the insurgents' raid on the town"
                  "follow", "precede",
                  # what someone wants stopped: "pressed armed groups to halt their offensives"
                  "halt", "stop", "cease", "suspend"}
ABSTRACT_ENEMIES = {"terrorism", "terror", "extremism", "insurgency", "jihadism", "crime",
                    "corruption", "poverty", "drug", "trafficking", "banditry", "impunity"}
#: What aid workers provide for victims: the violence named is whom the service is for.
RESPONSE_NOUNS = {"management", "tracing", "reunification", "counselling", "counseling",
                  "treatment", "care", "support", "assistance", "services", "survivor",
                  "prevention", "referral", "rehabilitation"}
#: Verbs of perceiving: a weapon heard is the sound of fighting told elsewhere, not a strike.
PERCEPTION_VERBS = {"hear", "audible"}
SPEECH_VERBS = {"say", "tell", "add", "recall", "explain", "describe"}
TREND_WORDS = {"wave", "spate", "surge", "rise", "increase", "spike", "upsurge", "rash", "trend",
               "escalate", "intensify", "multiply"}
HABITUAL_WORDS = {"daily", "routinely", "regularly", "frequently", "often", "usually",
                  "periodically", "habitually", "nightly", "weekly", "repeatedly", "constantly",
                  "continually", "increasingly"}
# Nouns whose complement is a cause or an expectation, reported as context: "in retaliation for
# a gas attack", "in the wake of the massacre", "in anticipation of more demonstrations",
# "suspected of involvement in violence at a rally".
CONTEXT_HEADS = {"retaliation", "revenge", "reprisal", "response", "anticipation", "wake",
                 "preparation", "involvement"}
MONTH_PREPOSITIONS = {"in", "since", "until", "till", "by", "from", "during", "through", "of",
                      "before", "after"}
DEFIED_VERBS = {"defy", "violate", "flout", "breach", "ignore"}
# "The fighting, involving heavy machine guns and rocket-propelled grenades": weapons named as the
# means of a battle are the battle's, not strikes of their own.
BATTLE_NOUNS = {"fighting", "clash", "battle", "gunbattle", "firefight", "skirmish", "combat",
                "shootout", "fight"}
# "arrested three suspects over the kidnapping", "charged in connection with the bombing": the
# event is the reason for the arrest, told in passing.
JUSTICE_VERBS = {"arrest", "detain", "charge", "convict", "sentence", "prosecute", "jail",
                 "question", "indict", "try", "apprehend", "hold", "execute", "hang"}
MEANS_WORDS = {"involve", "use", "with", "include", "employ", "feature"}


def _reason_for_justice(head: Token) -> bool:
    token = head
    for _ in range(4):
        if token.dep_ not in ("pobj", "pcomp") or token.head is token:
            token = token.head
            continue
        preposition = token.head
        if preposition.lower_ == "with" and preposition.head.lower_ == "connection":
            preposition = preposition.head.head  # "in connection with": the "in"
        if preposition.lower_ in ("over", "for", "in"):
            governor = preposition.head
            if governor.dep_ in ("dobj", "nsubjpass") and governor.head is not governor:
                governor = governor.head  # "arrested three suspects over ...": the verb
            if governor.lemma_.lower() in JUSTICE_VERBS:
                return True
        token = preposition
    return False


def _weapon_of_battle(trigger: Trigger, head: Token) -> bool:
    if trigger.family != "remote":
        return False
    for ancestor in list(head.ancestors)[:4]:
        if ancestor.lemma_.lower() in MEANS_WORDS:
            return ancestor.head.lemma_.lower() in BATTLE_NOUNS
    return False


def _inside_time_adjunct(trigger: Trigger, sentence: Span) -> bool:
    token = sentence.doc[trigger.start]
    if trigger.family == "protest" and token.head.lower_ in ("during", "at", "amid"):
        return False  # "shot dead six people during protests": the protest is the scene
    clause = next((word for word in (token, *token.ancestors) if word.pos_ in ("VERB", "AUX")),
                  None)
    if clause is not None and _counted_time_after(clause):
        # the trigger's own clause is "N days after ...": "two days after a suicide attack
        # killed seven soldiers" tells an earlier day
        return True
    for _ in range(4):
        if token.head is token:
            return False
        if token.dep_ == "pobj" and token.head.lower_ in TIME_ADJUNCTS:
            return True
        # "killed since the protests began": the protests date the tally ("occupied the
        # village since December raped four women", misparsed with "December" the subject of
        # "raped", has no clause after "since")
        if token.dep_ == "advcl" and any(child.dep_ == "mark" and child.lower_ in TIME_ADJUNCTS
                                         for child in token.children) and \
                not any(child.dep_ == "nsubj" and child.ent_type_ == "DATE"
                        for child in token.children):
            return True
        if token.lower_ in ("start", "beginning", "outbreak") and token.dep_ == "pobj":
            return True
        token = token.head
    return False


#: Units of a time counted back to an earlier event ("two days after", "hours after").
TIME_UNITS = {"day", "hour", "week", "month", "year"}


def _counted_time_after(verb: Token) -> bool:
    """The clause is marked "N days/hours/weeks after": it tells the event that came before."""
    if not any(child.dep_ == "mark" and child.lower_ == "after" for child in verb.children):
        return False
    counted = [word for child in verb.children
               for word in ([child] if child.dep_ == "npadvmod" else list(child.children))]
    return any(word.lemma_.lower() in TIME_UNITS for word in counted)


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


# Periods a tally is counted over: "since January", "since 2023", "since the start of the
# year / of the war". "Since the start of the fighting" counts the current episode instead.
PERIOD_WORDS = {"year", "month", "war", "conflict", "insurgency", "uprising"} | \
    {name.lower() for name in calendar.month_name if name}
START_WORDS = {"start", "beginning", "outbreak"}


def _period(obj: Token) -> bool:
    if obj.lemma_.lower() in PERIOD_WORDS or re.fullmatch(r"(?:19|20)\d\d", obj.text):
        return True
    return obj.lemma_.lower() in START_WORDS and any(
        child.lower_ == "of" and any(_period(grand) for grand in child.children)
        for child in obj.children)


def _since_period(verb: Token) -> bool:
    """A perfect tense counted from a long period's start: a tally, not one event."""
    perfect = any(child.dep_ == "aux" and child.lemma_.lower() == "have" for child in verb.children)
    return perfect and any(
        child.dep_ == "prep" and child.lower_ == "since" and any(
            _period(obj) for obj in child.children)
        for child in verb.children)


#: A period a present perfect counts over: "has killed thousands over the past decade", "has
#: regained a string of towns this year".
TALLY_PERIOD = re.compile(r"\b(?:this|past|last|recent)\s+(?:year|years|months?|decades?|weeks)\b|"
                          r"\bso far\b", re.I)


#: The periods a past perfect in reported speech counts over ("said air operations in recent
#: weeks had killed more than 40"): plural ones only, since "had killed five last month" may
#: tell one event.
TALLY_PERIOD_PAST = re.compile(r"\b(?:past|last|recent)\s+(?:weeks|months|years|decades)\b|"
                               r"\bthis year\b|\bso far\b", re.I)


def _tally_over_period(verb: Token, sentence: Span) -> bool:
    """A present perfect (or a reported past perfect) with a period: what has happened in it,
    not one event."""
    auxiliaries = {child.lower_ for child in verb.children if child.dep_ == "aux"}
    if verb.tag_ != "VBN" or not auxiliaries & {"has", "have", "'ve", "had"}:
        return False
    period = TALLY_PERIOD if auxiliaries & {"has", "have", "'ve"} else TALLY_PERIOD_PAST
    return any(entity.label_ == "DATE" and period.search(entity.text) and
               entity.root.head in (verb, *verb.children) for entity in sentence.ents)


def _counted_record(head: Token) -> bool:
    """"one fatal attack and one abduction recorded": events counted in a summary."""
    counted = any(child.dep_ == "nummod" for child in head.children)
    return counted and head.pos_ == "NOUN" and any(
        ancestor.lemma_.lower() in RECORD_VERBS for ancestor in [*head.children, *head.ancestors][:4])


RECORD_VERBS = {"record", "register", "document", "log", "tally", "count"}


def _nationwide(head: Token) -> bool:
    clause = head if head.pos_ in ("VERB", "AUX") else head.head
    words = " ".join(token.lower_ for token in clause.subtree)
    return bool(re.search(r"\b(?:across|throughout|all over) the country\b|\bnationwide\b",
                          words))


def _habitual_present(head: Token, sentence: Span) -> bool:
    """A simple present in the body of a report tells what happens, not what happened. A
    headline (the first sentence) uses the present for news, so it is not judged."""
    # the tokens' entity types, not ``sentence.ents``: that walks every entity of the document,
    # quadratic on a long one (a 5 MB archive)
    if sentence.start == 0 or any(token.ent_type_ in ("DATE", "TIME") for token in sentence):
        return False
    verb = _governing_verb(head)
    if verb is None or verb.tag_ not in ("VBZ", "VBP") or \
            verb.lemma_.lower() in SPEECH_VERBS | {"be", "have"}:
        return False
    return not any(child.dep_ in ("aux", "auxpass") for child in verb.children)


def _only_heard(noun: Token) -> bool:
    """The weapon is what someone heard, and nothing it did is told ("shells landing on the
    town, killing two" did something)."""
    first = noun
    while first.dep_ == "conj":
        first = first.head
    return noun.pos_ == "NOUN" and first.head.lemma_.lower() in PERCEPTION_VERBS and \
        not any(child.dep_ in ("acl", "relcl")
                for word in (noun, first) for child in word.children)


def _counted_back(modifier: Token) -> bool:
    """"a day earlier", "two hours earlier": a counted day the dates stage resolves, not a
    recollection."""
    return modifier.lower_ == "earlier" and any(
        child.dep_ == "npadvmod" and child.lemma_.lower() in TIME_UNITS
        for child in modifier.children)


#: Words that make a capitalised trigger the name of a treaty or a body.
INSTITUTION_WORDS = {"Convention", "Treaty", "Organisation", "Organization", "Commission",
                     "Committee", "Act", "Agency", "Office", "Court", "Unit", "Protocol"}
#: A count of occasions: what has happened many times is a pattern, not one event.
_MANY_TIMES = re.compile(r"\b(?:hundreds|dozens|scores|thousands|tens)\s+of\s+times\b|"
                         r"\b(?:many|numerous|countless)\s+times\b|\b\d{2,}\s+times\b",
                         re.IGNORECASE)


def _not_news(trigger: Trigger, sentence: Span) -> bool:
    """Triggers that refer to an event without reporting one: "previous truces", a statement
    that "condemned the attack", a trend ("a wave of
    kidnappings"), what happens "almost daily", "marched the hostages into the forest"."""
    head = sentence.doc[trigger.start:trigger.end].root
    if any(child.lower_ in BACKGROUND_MODIFIERS and not _counted_back(child)
           for child in head.children):
        return True
    if head.pos_ == "NOUN" and any(re.fullmatch(r"(?:19|20)\d\d", child.text) and child.i < head.i
                                   for child in head.children):
        return True  # "the 2014 massacre": a named past event, recalled
    if head.tag_ in ("NNS", "NNPS") and any(
            ancestor.lemma_.lower() in TREND_WORDS for ancestor in list(head.ancestors)[:3]):
        return True  # "a wave of kidnappings", "attacks have escalated": a trend, not an event
    if head.dep_ == "acl" and head.tag_ == "VBG" and trigger.family == "battle":
        return True  # "the Fano militia fighting federal forces": a description, not a report
    if head.tag_ in ("VBG", "VBN") and trigger.family in ("battle", "territory") and (
            head.dep_ == "amod" or (head.dep_ == "pcomp" and head.head.dep_ == "agent")):
        return True  # "raped by retreating soldiers": who they were, not what they did
    if head.dep_ in ("pobj", "pcomp") and head.head.lower_ == "without":
        return True  # "passed without clashes", "scattered without fighting back"
    if head.tag_ == "VBN" and head.dep_ == "amod" and trigger.end - trigger.start == 1:
        return True  # "to return stolen cattle and abducted children": who, not what happened
    if trigger.family == "remote" and any(child.lower_ in ("smoke", "tear", "gas", "teargas",
                                                             "flare", "stun", "sound", "flash",
                                                             "concussion")
                                          for child in head.children):
        return True  # "smoke shells", "sound grenades": crowd control, not shelling
    if any(ancestor.lower_ in RESPONSE_NOUNS or
           (ancestor.lemma_.lower() in RESPONSE_NOUNS and ancestor.pos_ == "NOUN")
           for ancestor in list(head.ancestors)[:3]):
        return True  # "clinical management of rape", "family tracing for abducted children"
    if head.lower_ == "mob" and head.i >= 2 and sentence.doc[head.i - 2].lower_ == "flash":
        return True  # "a flash-mob protest": a kind of protest, not a mob
    if trigger.sub_event_type == "Agreement" and any(
            (ancestor.dep_ == "pcomp" and ancestor.head.lower_ == "without") or
            any(child.dep_ == "neg" for child in ancestor.children)
            for ancestor in [head, *head.ancestors][:3] if ancestor.pos_ in ("VERB", "AUX")):
        return True  # "ended the talks without signing a peace treaty": nothing was agreed
    if trigger.sub_event_type == "Change to group/activity" and head.tag_ == "VBN" and \
            not any(child.dep_ in ("aux", "auxpass") for child in head.children):
        return True  # "soldiers deployed for the rescue effort": who they are, not news
    verb = next((word for word in (head, *head.ancestors) if word.pos_ in ("VERB", "AUX")), None)
    if any(word.dep_ in ("relcl", "advcl") and re.fullmatch(r"(?:19|20)\d\d", word.head.text)
           for word in [head, *head.ancestors][:5]):
        return True  # "tense every year since 2017, when security forces fired on protesters"
    following = sentence.doc[trigger.end] if trigger.end < len(sentence.doc) else None
    if following is not None and following.text in INSTITUTION_WORDS and \
            sentence.doc[trigger.start].text[:1].isupper():
        return True  # "the Chemical Weapons Convention", "the Organisation for the Prohibition"
    if verb is not None and _MANY_TIMES.search(sentence.doc[verb.left_edge.i:verb.right_edge.i + 1]
                                               .text):
        return True  # "have used such agents hundreds of times since the invasion": a pattern
    if trigger.family == "remote" and head.lemma_.lower() == "projectile" and \
            head.dep_ in ("dobj", "conj") and head.head.lemma_.lower() in ("throw", "hurl"):
        return True  # "threw projectiles at gendarmes": a crowd's missiles, not shelling
    if trigger.family == "remote" and _only_heard(head):
        return True  # "gunfire and artillery could be heard": the sound of the fighting
    if trigger.family != "remote" and any(
            ancestor.dep_ == "nsubj" and ancestor.head.lemma_.lower() in SPEECH_VERBS
            for ancestor in [head, *head.ancestors][:3]):
        return True  # "said one protester": the speaker (never a weapon), not an event
    if head.lower_ == "march" and (head.ent_type_ == "DATE" or any(
            t.like_num for t in sentence.doc[max(head.i - 1, 0):head.i + 2] if t is not head) or
            (head.text == "March" and head.head.lower_ in MONTH_PREPOSITIONS)):
        return True  # the month: "on March 9", "9 March", "In March, gunmen killed ..."
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
    if head.dep_ == "relcl" and trigger.rule != "crowd-acts-syntax" and any(
            child.lower_ == "had" and child.dep_ == "aux" for child in head.children):
        # "a gang that had abducted her husband": earlier, in passing ("workers who had
        # gathered" when the police came are the gathering they met)
        return True
    if head.pos_ == "VERB" and any(child.lower_ == "since" and child.dep_ == "advmod"
                                   for child in head.children):
        return True  # "forces have since recaptured dozens of towns": a tally, not one event
    if head.lower_ == "attack" and head.dep_ == "compound" and \
            head.head.lemma_.lower() in ("drone", "helicopter", "aircraft", "submarine", "craft"):
        return True  # "Shahed-type attack drones": a kind of weapon
    if _counted_record(head):
        return True  # "one fatal attack and one abduction recorded this week": a summary
    governing = _governing_verb(head)
    if governing is not None and (_since_period(governing) or
                                  _tally_over_period(governing, sentence)):
        return True  # "12 journalists had been detained since the start of the year"
    if trigger.family not in ("protest", "riot") and _nationwide(head):
        return True  # "shot down 37 of 56 drones across the country": a count with no place
    if head.dep_ in ("dobj", "pobj") and head.head.lemma_.lower() in REACTION_VERBS:
        return True
    if head.dep_ == "pobj" and head.head.head.lemma_.lower() in REACTION_VERBS:
        return True
    if any(ancestor.lemma_.lower() in CONTEXT_HEADS for ancestor in list(head.ancestors)[:6]):
        return True  # "in retaliation for a gas attack", "in anticipation of demonstrations"
    if trigger.sub_event_type == "Agreement" and head.dep_ == "pobj" and \
            head.head.lower_ in ("under", "despite", "within"):
        return True  # "handed the city back under a truce brokered by China": the framework
    if head.dep_ in ("dobj", "pobj") and head.head.lemma_.lower() in DEFIED_VERBS:
        return True  # "defying the curfew": the curfew is the setting, not the news
    if _weapon_of_battle(trigger, head) or _reason_for_justice(head):
        return True
    if _habitual_present(head, sentence):
        return True  # "jihadist fighters use motorcycles to carry out raids": what they do
    if any(token.lower_ == "whenever" or (token.lower_ == "every" and token.i + 1 < len(
            sentence.doc) and sentence.doc[token.i + 1].lower_ == "time") for token in sentence):
        return True  # "every time there is an attack": a pattern, not an event
    return any(token.lower_ in HABITUAL_WORDS and token.pos_ == "ADV" for token in sentence)


def prune(triggers: list[Trigger], sentence: Span) -> list[Trigger]:
    """The triggers of ``sentence`` that report an event (see the module text)."""
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
