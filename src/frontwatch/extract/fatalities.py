"""Fatalities by ACLED's conservative rules.

* Deaths only: numbers attached to "wounded", "injured" are not counted.
* Numbers in words ("two soldiers and three civilians" → 5: conjoined groups are summed).
* Ranges and disputes take the lowest figure ("between 10 and 15" → 10; "at least 7" → 7).
* Vague quantities (DOMAIN.md): "tens" 10, "dozens"/"a dozen" 12, "scores" 20 (the smallest
  plural of a score), "hundreds" 100; "several", "a few", "some" 3.
* Deaths with no number at all ("killing civilians"): :data:`UNNUMBERED_DEATHS` (3, ACLED's figure
  for a limited event), or :data:`UNNUMBERED_MAJOR_DEATHS` (10) when the sentence tells a major
  attack ("a massive air strike", "heavy fighting", "a massacre"): reports of conflicts say so
  in words, and the war zone is the report's own subject.
* A joint figure for killed and wounded ("18 killed or wounded") says nothing certain about deaths
  beyond "some": it is coded like an unnumbered death, capped at the figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from frontwatch.extract.arguments import SPEECH_LEMMAS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["MAJOR_WORDS", "UNNUMBERED_DEATHS", "UNNUMBERED_MAJOR_DEATHS", "VAGUE", "FatalityCount", "count_fatalities", "parse_number"]

UNNUMBERED_DEATHS = 3
UNNUMBERED_MAJOR_DEATHS = 10
#: Words by which a report tells a major attack (DOMAIN.md: unnumbered deaths 10, not 3).
MAJOR_WORDS = {"massive", "heavy", "fierce", "major", "large-scale", "devastating", "deadliest",
               "intense", "massacre", "carnage", "bloodbath"}
VAGUE = {"tens": 10, "dozens": 12, "dozen": 12, "scores": 20, "score": 20, "hundreds": 100,
         "thousands": 1000, "several": 3, "few": 3, "some": 3, "many": 3, "numerous": 3}
DEATH_WORDS = {
    "killed", "kill", "kills", "killing", "dead", "died", "die", "dies", "death", "deaths",
    "massacred", "executed", "slain", "perished", "fatalities", "lives", "beheaded", "murdered",
    "slaughtered", "bodies", "toll", "neutralised", "neutralized",
}
INJURY_WORDS = {"wounded", "injured", "injuring", "wounding", "hurt", "injuries", "injures",
                "wounds", "wound", "injury", "hospitalised", "hospitalized", "casualties"}
SUBSET_WORDS = {"including", "among", "whom", "them", "of"}
# Numbers counting these are not people ("more than 100 airstrikes", "5 km").
NOT_PEOPLE = {"airstrikes", "strikes", "raids", "attacks", "rockets", "shells", "missiles",
              "bombs", "drones", "houses", "homes", "buildings", "vehicles", "cars", "km",
              "kilometres", "kilometers", "miles", "metres", "meters", "hours", "days", "weeks",
              "months", "years", "percent", "%", "times", "sorties", "villages", "towns",
              "tonnes", "tons", "dollars", "operations", "rounds", "mortars", "shops"}
# "a soldier was killed" counts one; "a village was hit" does not.
PERSON_NOUNS = {
    "person", "man", "woman", "child", "boy", "girl", "soldier", "civilian", "fighter", "officer",
    "policeman", "policewoman", "militant", "rebel", "resident", "villager", "farmer", "student",
    "teacher", "journalist", "worker", "member", "commander", "guard", "driver", "passenger",
    "protester", "demonstrator", "trader", "herder", "doctor", "nurse", "teenager", "infant", "baby",
    "toddler", "pupil", "gunman", "attacker", "bomber", "militiaman", "volunteer", "official",
    "leader", "chief", "imam", "priest", "pastor", "worshipper", "refugee", "migrant", "prisoner",
}
_UNITS = {word: value for value, word in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"])}
_TENS = {word: 10 * value for value, word in enumerate(
    ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]) if word != "_"}
_SCALES = {"hundred": 100, "thousand": 1000}


@dataclass(frozen=True, slots=True)
class FatalityCount:
    """Deaths counted in a sentence and the words the count rests on."""

    fatalities: int
    text: str | None


def parse_number(word: str) -> int | None:
    """An integer from digits ("1,200"), words ("twenty-three", "a hundred") or None."""
    cleaned = word.lower().replace(",", "").strip()
    if re.fullmatch(r"\d+", cleaned):
        return int(cleaned)
    if cleaned in VAGUE:
        return VAGUE[cleaned]
    total, current = 0, 0
    for part in re.split(r"[\s-]+", cleaned):
        if part in _UNITS:
            current += _UNITS[part]
        elif part in _TENS:
            current += _TENS[part]
        elif part in _SCALES:
            current = max(current, 1) * _SCALES[part]
            if _SCALES[part] >= 1000:
                total, current = total + current, 0
        elif part in ("a", "an", "and"):
            current += 0
        else:
            return None
    value = total + current
    return value if value or cleaned in ("zero",) else None


#: Month names and abbreviations: a number after one is a day ("Aug 14 — A police officer").
_MONTH_WORDS = {"jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun",
                "june", "jul", "july", "aug", "august", "sep", "sept", "september", "oct",
                "october", "nov", "november", "dec", "december"}


def _is_a_day(token: Token) -> bool:
    """A date's day, not a count: beside a month's name ("Aug 14", "12 May"), or before a
    dateline's dash."""
    doc = token.doc
    before = doc[token.i - 1].lower_.rstrip(".") if token.i > 0 else ""
    after = doc[token.i + 1].text if token.i + 1 < len(doc) else ""
    return token.like_num and (before in _MONTH_WORDS or after.lower().rstrip(".") in
                               _MONTH_WORDS or after in ("—", "―") or (
        after == "–" and bool(token.whitespace_)))


def _quantity(token: Token) -> int | None:
    doc = token.doc
    if token.head is not token and token.head.lower_ in NOT_PEOPLE:
        return None
    if _is_a_day(token):
        return None
    following = doc[token.i + 1:token.i + 3].text.lower()
    if following.startswith(("-year", "year", "-month", "month")):
        return None  # an age ("a 58-year-old man"), not a count
    scale = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    if scale in ("dozen", "hundred", "thousand") and (token.like_num or token.lower_ in _UNITS):
        value = parse_number(token.text)
        return None if value is None else value * {"dozen": 12, "hundred": 100,
                                                    "thousand": 1000}[scale]
    if token.lower_ in ("dozen", "hundred", "thousand") and token.i > 0 and \
            (doc[token.i - 1].like_num or doc[token.i - 1].lower_ in _UNITS):
        return None  # counted with the number before it ("two dozen" = 24)
    # "twenty-three" is three tokens: the units word carries the whole value.
    if token.lower_ in _TENS and token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and \
            doc[token.i + 2].lower_ in _UNITS:
        return None
    if token.lower_ in _UNITS and token.i >= 2 and doc[token.i - 1].text == "-" and \
            doc[token.i - 2].lower_ in _TENS:
        return _TENS[doc[token.i - 2].lower_] + _UNITS[token.lower_]
    if token.like_num or token.lower_ in VAGUE or token.lower_ in _UNITS or token.lower_ in _TENS:
        value = parse_number(token.text)
        if value is not None and not (token.like_num and token.text.isdigit()
                                      and 1900 <= int(token.text) <= 2100):
            return value
    if token.lower_ in ("a", "an", "one") and token.head.lower_ in PERSON_NOUNS and \
            token.head.i > token.i and token.dep_ in ("det", "nummod"):
        return 1
    return None


def _numbers_in_arguments(token: Token) -> list[tuple[int, Token]]:
    """Numbers in the subject or object of the death word's verb ("A policeman was shot dead")."""
    verb = token if token.pos_ == "VERB" else token.head
    if verb.dep_ == "conj" and not any(child.dep_ in ("nsubj", "nsubjpass")
                                       for child in verb.children):
        verb = verb.head  # "A student ... was hit and died": the subject of the first verb
    found = []
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            for item in child.subtree:
                value = _quantity(item)
                if value is not None:
                    found.append((value, item))
    return found


def _toll_reached(token: Token) -> list[tuple[int, Token]]:
    """"the death toll from Sunday's attack on a protest has risen to five": the figure the
    toll's verb reached, however far from the word toll."""
    if token.lower_ != "toll" or token.dep_ not in ("nsubj", "nsubjpass"):
        return []
    found = []
    for child in token.head.children:
        if child.dep_ == "prep" and child.lower_ in ("to", "at"):
            for obj in child.children:
                value = _quantity(obj) if obj.dep_ == "pobj" else None
                if value is not None:
                    found.append((value, obj))
    return found


def _numbers_before(sentence: Span, index: int) -> list[tuple[int, Token]]:
    found: list[tuple[int, Token]] = []
    for token in reversed(list(sentence.doc[max(sentence.start, index - 10):index])):
        if token.lower_ in SUBSET_WORDS:
            found = []  # "15 people, including two babies": the two are among the 15
            continue
        if token.lower_ in INJURY_WORDS or token.text in (";", ":") or \
                (token.pos_ == "VERB" and token.dep_ not in ("amod", "acl")):
            break
        value = _quantity(token)
        if value is not None:
            found.append((value, token))
    return found


def _numbers_after(sentence: Span, index: int) -> list[tuple[int, Token]]:
    found: list[tuple[int, Token]] = []
    for token in sentence.doc[index + 1:min(sentence.end, index + 7)]:
        if token.lower_ in INJURY_WORDS or token.text in (";", ":", ".") or \
                (token.lower_ in ("and", "while", "but") and found and not _another_group(token)):
            break
        if token.lower_ == "according":
            break  # "killing six passengers, according to a relative": the teller is no victim
        if token.head.dep_ == "nsubj" and token.head.head.lemma_.lower() in SPEECH_LEMMAS:
            continue  # "killing four people, a local official said": nor is this one
        if token.head.lower_ in INJURY_WORDS:
            break  # "five people were shot dead ... and 31 injured": the 31 are the wounded
        value = _quantity(token)
        if value is not None:
            found.append((value, token))
    return found


def _another_group(conjunction: Token) -> bool:
    """"killed two fighters and a civilian": "and" adds a group of victims (a counted noun),
    where "killed two and wounded five" goes on to another verb."""
    following = conjunction.doc[conjunction.i + 1] if conjunction.i + 1 < len(conjunction.doc) \
        else None
    return conjunction.lower_ == "and" and following is not None and \
        _quantity(following) is not None and following.pos_ in ("DET", "NUM")


def _is_range_end(token: Token, previous_number: Token | None) -> bool:
    """``15`` in "between 10 and 15", "10 to 15", "from 10 to 15"."""
    if previous_number is None or token.i - previous_number.i != 2:
        return False
    connector = token.doc[token.i - 1].lower_
    opener = token.doc[previous_number.i - 1].lower_ if previous_number.i > 0 else ""
    return connector in ("to", "-", "–") or (connector == "and" and opener == "between")


def _combine(numbers: list[tuple[int, Token]]) -> int:
    """Sum conjoined groups; drop subsets ("including 3 children") and ranges' upper ends."""
    values: list[int] = []
    previous_number: Token | None = None
    subset = False
    for value, token in sorted(numbers, key=lambda item: item[1].i):
        before = token.doc[max(token.i - 3, 0):token.i].text.lower().split()
        between = {t.lower_ for t in token.doc[previous_number.i + 1:token.i]} \
            if previous_number is not None else set()
        if between & SUBSET_WORDS or any(word in before for word in SUBSET_WORDS):
            subset = True  # "including a student and a shop worker": both among the three
        elif between & {",", ";", ")", "—"}:
            subset = False
        if _is_range_end(token, previous_number):
            values[-1] = min(values[-1], value)
        elif values and subset:
            pass
        elif values and token.i > 0 and token.doc[token.i - 1].lower_ == "or":
            values[-1] = min(values[-1], value)
        else:
            values.append(value)
        previous_number = token
    return sum(values)


def _joint_with_injuries(token: Token) -> bool:
    """"killed or wounded", "wounded and killed": one figure for both."""
    doc = token.doc
    after = doc[token.i + 1:token.i + 3]
    before = doc[max(token.i - 2, 0):token.i]
    return (len(after) == 2 and after[0].lower_ in ("or", "and", "/") and
            after[1].lower_ in INJURY_WORDS) or (
        len(before) == 2 and before[1].lower_ in ("or", "and", "/") and
        before[0].lower_ in INJURY_WORDS)


def _unnumbered(sentence: Span) -> int:
    """ACLED's figure for deaths without a number: 10 when the sentence tells a major attack
    ("a massive strike", "heavy fighting"), else 3."""
    words = {token.lower_ for token in sentence}
    return UNNUMBERED_MAJOR_DEATHS if words & MAJOR_WORDS else UNNUMBERED_DEATHS


SUBSET_WORDS = {"including", "among", "incl"}
ATTRIBUTION_WORDS = {"said", "says", "according", "claimed", "reported", "told", "put",
                     "counted", "recorded", "gave"}


def count_fatalities(sentence: Span) -> FatalityCount:
    """Deaths reported in ``sentence`` by the rules in this module's docstring."""
    deaths: list[int] = []
    texts: list[str] = []
    for token in sentence:
        if token.lower_ not in DEATH_WORDS:
            continue
        if token.lower_ == "lives" and token.head.lemma_ not in ("lose", "claim"):
            continue
        if token.lower_ == "executed" and any(
                t.lower_ in NOT_PEOPLE for t in sentence.doc[token.i + 1:token.i + 5]):
            continue  # "executed 100 airstrikes": carried out, not killed
        joint = _joint_with_injuries(token)
        # "Clashes between two armed groups killed two fighters": before an active verb with
        # an object stand the killers; the victims are counted after it.
        killers_before = token.pos_ == "VERB" and any(child.dep_ == "dobj"
                                                      for child in token.children)
        numbers = (not killers_before and _numbers_before(sentence, token.i)) or \
            _numbers_after(sentence, token.i) or _numbers_in_arguments(token) or \
            _toll_reached(token)
        if _negated(token) or in_recalled_clause(token):
            continue
        if joint and numbers:
            deaths.append(min(UNNUMBERED_DEATHS, _combine(numbers)))
        elif numbers:
            deaths.append(_combine(numbers))
        elif token.lower_ in ("toll", "bodies", "lives", "fatalities", "deaths"):
            continue
        elif token.i > sentence.start and sentence.doc[token.i - 1].lower_ in ("those", "the"):
            continue  # "a prayer for those killed", "mourned the dead": deaths told before
        else:
            deaths.append(_unnumbered(sentence))
        low = min([number[1].i for number in numbers] + [token.i])
        high = max([number[1].i for number in numbers] + [token.i])
        text = sentence.doc[low:high + 1].text
        if text not in texts:
            texts.append(text)
    if not deaths:
        return FatalityCount(0, None)
    # Several death phrases in one sentence restate one toll (keep the largest: "23 killed, ...
    # the toll rose to 23"), unless different sources give them: then a dispute, keep the lowest.
    sources = sum(token.lower_ in ATTRIBUTION_WORDS for token in sentence)
    return FatalityCount(min(deaths) if sources >= 2 else max(deaths), "; ".join(texts))


#: Verbs whose infinitive complement is intended, not done ("threatening to kill the captives").
INTENT_VERBS = {"threaten", "vow", "plan", "plot", "try", "attempt", "want", "intend", "seek",
                "promise", "pledge", "warn", "order", "aim", "conspire"}


def in_recalled_clause(token: Token) -> bool:
    """Inside a relative clause about a dated past event: "the protests of June 2024, in which
    at least 60 people were killed" tells those deaths, not the news'."""
    for ancestor in (token, *token.ancestors):
        if ancestor.dep_ == "relcl":
            clause = set(ancestor.subtree)
            return any(re.fullmatch(r"(?:19|20)\d\d", word.text) for word in ancestor.head.subtree
                       if word not in clause)
    return False


def _negated(token: Token) -> bool:
    if any(child.dep_ == "neg" for child in token.children):
        return True
    if token.tag_ == "VB" and token.dep_ == "xcomp" and token.head.lemma_.lower() in INTENT_VERBS:
        return True  # a threat or a plan to kill kills no one
    window = token.doc[max(token.sent.start, token.i - 3):token.i]
    return any(word.lower_ in ("no", "nobody", "none", "without") for word in window)
