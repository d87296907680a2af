"""Certainty of an event mention: reported, claimed, alleged, feared, denied or hypothetical.

Read from the dependency path above the trigger, inside its own clause (an adverbial clause such as
"... as Islamic State advances" does not inherit the "fear" of its main clause):

* a governing verb or noun of fear or threat ("fear", "rumours", "warn", "threaten") → feared;
* "claim" → claimed; "deny" → denied; "allege", "accuse" → alleged;
* a modal ("could", "may", "would", "will"), "if", "possible", an infinitive of purpose
  ("launched a campaign to capture") or a plan ("plans to") → hypothetical;
* a negation of the trigger ("did not attack") → denied.

Only reported, claimed and alleged mentions become events; the others are kept for alerts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from frontwatch.records import Certainty

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["CODED_CERTAINTIES", "certainty"]

#: Certainties that ACLED codes as events (a claim of an attack is coded, noting the claim).
CODED_CERTAINTIES: frozenset[str] = frozenset({"reported", "claimed", "alleged"})

FEAR = {"fear", "afraid", "worry", "concern", "threaten", "threat", "warn", "warning", "rumor",
        "rumour", "risk", "terror", "danger", "panic", "dread", "talk", "prospect", "possibility"}
CLAIM = {"claim"}
DENY = {"deny", "dismiss", "reject", "refute"}
ALLEGE = {"allege", "accuse", "allegedly", "allegation"}
PLAN = {"plan", "intend", "aim", "seek", "prepare", "vow", "pledge", "want", "try", "attempt",
        "threaten", "propose", "expect", "hope", "push", "call", "urge", "demand"}
# "launched an offensive to capture the town": the capture is the aim, not yet the outcome.
CONQUEST = {"capture", "seize", "take", "retake", "recapture", "overrun", "control", "regain",
            "conquer", "liberate", "cut", "encircle"}
# Infinitives of fighting name a mission ("troops sent to fight the rebels"), not a battle.
FIGHT_AIMS = {"fight", "combat", "battle", "counter", "tackle", "defeat", "confront", "crush",
              "eliminate", "eradicate"}
CONDITIONAL = {"when", "once", "unless", "whenever", "should"}
# Verbs whose past tense looks like their present ("cut", "hit"): the tagger often reads
# "fighters cut the road" as present tense, so tense says nothing about them.
SAME_FORM = {"cut", "hit", "set", "put", "shut", "hurt", "burst", "spread", "shed", "split",
             "beat", "cast", "quit", "let", "upset"}
MODALS = {"could", "may", "might", "would", "will", "shall", "should", "must", "can"}
HYPOTHETICAL_WORDS = {"possible", "possibly", "potential", "potentially", "imminent", "likely",
                      "planned", "proposed", "expected", "upcoming", "threatened", "future",
                      "intended", "announced"}
# Clause boundaries: the certainty of a main clause does not pass into these.
BOUNDARIES = {"advcl", "parataxis", "conj"}
# Subordinators the parser often reads as prepositions ("... fear X as IS battles for control").
CLAUSE_PREPOSITIONS = {"as", "while", "when", "after", "amid", "despite", "because", "since",
                       "following", "before"}


NOBODY = {"no", "none", "nobody", "neither"}


def _modal(token: Token) -> bool:
    """A modal verb; not the month in "2 May", which the parser may take for one."""
    if token.lower_ not in MODALS:
        return False
    return not (token.text == "May" and token.i > 0 and token.doc[token.i - 1].like_num)


def _own(token: Token) -> Certainty | None:
    children = list(token.children)
    if any(child.dep_ == "neg" for child in children):
        return "denied"
    if any(child.dep_ == "det" and child.lower_ in NOBODY for child in children) or (
            token.dep_ == "pobj" and token.head.lower_ == "without"):
        return "denied"  # "no agreement", "adjourned without agreement"
    if any(child.dep_ in ("nsubj", "nsubjpass") and (child.lower_ in NOBODY or any(
            grand.dep_ == "det" and grand.lower_ in NOBODY for grand in child.children))
           for child in children):
        return "denied"  # "no civilians were killed"
    if any(child.lower_ == "if" and child.dep_ == "mark" for child in children):
        return "hypothetical"
    if any(child.dep_ == "advcl" and any(grand.dep_ == "mark" and grand.lower_ in ("if", "unless")
                                         for grand in child.children) for child in children):
        return "hypothetical"  # "ready to send troops ... if diplomacy fails"
    if _imperative(token):
        return "hypothetical"  # "Reinforce protection monitoring in Titao": a recommendation
    present = token.tag_ in ("VB", "VBP", "VBZ") and token.lower_ not in SAME_FORM
    if present and any(child.dep_ == "mark" and child.lower_ in CONDITIONAL
                       for child in children):
        return "hypothetical"  # "when AU troops withdraw": a condition, not a report
    if present and token.dep_ == "advcl" and any(
            child.dep_ == "aux" and _modal(child)
            for ancestor in list(token.ancestors)[:3] for child in ancestor.children):
        return "hypothetical"  # "troops could struggle to hold ... as foreign forces withdraw"
    if any(_modal(child) and child.dep_ == "aux" for child in children):
        return "hypothetical"
    if token.dep_ == "advcl" and any(child.dep_ == "mark" and child.lower_ in ("while", "if")
                                     for child in children) and \
            any(child.dep_ == "aux" and _modal(child) for child in token.head.children):
        return "hypothetical"  # "would no longer stand by while villages were attacked"
    if any(child.lower_ in HYPOTHETICAL_WORDS for child in children):
        return "hypothetical"
    if token.tag_ == "VB" and token.lemma_.lower() in FIGHT_AIMS and any(
            child.lower_ == "to" and child.dep_ == "aux" for child in children):
        return "hypothetical"  # "agreed to deploy a joint force to fight jihadist groups"
    if token.tag_ == "VB" and any(child.lower_ == "to" and child.dep_ == "aux"
                                  for child in children):
        # "a campaign to capture the airport": an aim, not a deed. After a verb ("fired tear gas
        # to disperse protesters") the infinitive tells what the deed did.
        governor = token.head
        if governor.pos_ in ("NOUN", "PROPN", "ADJ") or governor.lemma_.lower() in PLAN or \
                token.lemma_.lower() in CONQUEST:
            return "hypothetical"  # also readiness: "ready to send troops"
    return None


def _imperative(token: Token) -> bool:
    """A base-form verb opening its sentence or a semicolon's item, with no subject or
    auxiliary: a recommendation or an order ("Scale up case management in Kaya; reinforce
    protection monitoring in Titao"). A bullet the parser tags as a verb is none."""
    if token.tag_ != "VB" or not token.is_alpha or \
            token.dep_ not in ("ROOT", "conj", "advcl") or any(
            child.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl")
            for child in token.children):
        return False
    before = token.doc[token.i - 1] if token.i > token.sent.start else None
    return before is None or before.text in (";", ":", "•", "-", "–", "*")


def _governing(token: Token) -> Certainty | None:
    lemma = token.lemma_.lower()
    if lemma in FEAR:
        return "feared"
    if lemma in CLAIM:
        return "claimed"
    if lemma in DENY:
        return "denied"
    if lemma in ALLEGE:
        return "alleged"
    if lemma in PLAN:
        return "hypothetical"
    return None


def _feared_subject(token: Token) -> Certainty | None:
    """"The danger is ... reprisals", "the fear is that they attack": a clause whose subject is
    a fear speaks of what may come."""
    if any(child.dep_ == "nsubj" and child.lemma_.lower() in FEAR for child in token.children):
        return "feared"
    return None


SAY = {"say", "claim", "insist", "argue", "maintain", "state"}


# Verbs that presuppose their object exists: "in an attempt to disperse a crowd of rioters" is
# an attempted dispersal of a real riot.
PRESUPPOSING = {"disperse", "break", "quell", "suppress", "contain", "scatter", "repel",
                "repulse", "confront", "stop", "end"}


def _presupposed(trigger: Token) -> bool:
    noun = trigger.head.head if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" \
        else trigger
    return trigger.pos_ == "NOUN" and noun.dep_ == "dobj" and \
        noun.head.lemma_.lower() in PRESUPPOSING


def certainty(trigger: Token) -> Certainty:
    """The certainty of the event whose trigger's head token is ``trigger``."""
    own = _own(trigger)
    if own:
        return own
    if _presupposed(trigger):
        return "reported"
    if trigger.tag_ in ("VBZ", "VBP") and trigger.lower_ not in SAME_FORM and \
            not any(c.dep_ in ("aux", "auxpass")
                                                   for c in trigger.children) and \
            any(a.lemma_.lower() in SAY for a in list(trigger.ancestors)[:2]):
        return "hypothetical"  # "Russia says it targets military sites": a general claim
    if any(child.lower_ in ALLEGE for child in trigger.children):
        return "alleged"
    if trigger.dep_ == "conj" and trigger.head.pos_ == "VERB":
        # "claimed to have killed 23 soldiers and seized weapons": the second verb is claimed too
        inherited = certainty(trigger.head)
        if inherited != "reported":
            return inherited
    token = trigger
    for _ in range(6):
        if token.dep_ in BOUNDARIES or token.head is token:
            break
        if token.dep_ == "pobj" and token.head.lower_ in CLAUSE_PREPOSITIONS and \
                token.head.head.lemma_.lower() not in DENY:
            break  # ("dismissed as fabricated reports that fighters clashed": a denial)
        token = token.head
        found = _governing(token) or _own(token) or _feared_subject(token)
        if found:
            return found
    return "reported"
