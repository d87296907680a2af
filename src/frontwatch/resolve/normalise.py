"""Place-name keys that match the way outlets transliterate.

Three keys per name, tried in order (exact, then loose, then compact):

* ``exact_key``: case- and accent-folded, punctuation as spaces ("Deir ez-Zor" → "deir ez zor").
* ``loose_key``: also without Arabic article forms (al-, el-, ad-, ar-, as-, ash-, az-, e-...),
  with q as k, doubled letters single and vowel clusters reduced, so "Deir e-Zor", "Deir ez-Zor",
  "Deir al-Zour" and "Deir Ezzor" share one key ("dir zor").
* ``compact_key``: the article-free words run together and loosened as one word, for names
  outlets write as one ("Albukamal", "Al Bu Kamal" and "Albu Kamal" share "albekemel").
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["compact_key", "exact_key", "fold", "loose_key"]

# Arabic definite-article forms as outlets write them, standing alone after splitting on hyphens.
ARTICLES = frozenset(
    ["al", "el", "il", "ul", "ad", "ar", "as", "ash", "at", "ath", "az", "an", "ed", "er", "es", "esh", "et", "ez", "en", "e", "a"]
)
# Leading article glued to the next word ("Ezzor", "Alqusour"): only these, to avoid eating names.
GLUED_ARTICLE = re.compile(r"^(?:al|el|ez|ed|es|er)(?=(?:zz|dd|ss|rr|ss|tt|sh|z|d|s|r|t)\w{2,})")

_APOSTROPHES = "'’‘`ʻʼʿʾ´"
_WITHOUT_APOSTROPHES = str.maketrans("", "", _APOSTROPHES)
_NON_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Lower case, accents and apostrophes removed, other punctuation as single spaces."""
    if not text.isascii():  # ASCII has no accents to decompose: most names skip the slow part
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().translate(_WITHOUT_APOSTROPHES)
    return _NON_WORD.sub(" ", text).strip()


#: Keys remembered per process: the same names come back in every document and every candidate
#: ranking; each entry is two short strings.
KEY_CACHE = 200_000


@functools.lru_cache(maxsize=KEY_CACHE)
def exact_key(name: str) -> str:
    """The folded name: differences of case, accents and punctuation only."""
    return fold(name)


_DOUBLED = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"(?<=.)[aeiouy]+")


def _loosen_word(word: str) -> str:
    # Plain string tests before the regexes: this runs for every candidate of every loose lookup.
    if len(word) > 4 and word[0] in "ae":
        word = GLUED_ARTICLE.sub("", word)
    if word[:1] == "x" and len(word) > 3:
        word = "h" + word[1:]                  # Somali x is the h of English: Xuddur → Hudur
    word = word.replace("q", "k")              # Marqos/Markos, Qamishli/Kamishli
    word = _DOUBLED.sub(r"\1", word)          # doubled letters: Shaddadah → Shadadah
    if len(word) > 1 and word[-1] == "h" and word[-2] in "aeiou":
        word = word[:-1]                       # final h after a vowel: Raqqah → Raqqa
    word = _VOWELS.sub("e", word)              # vowel clusters: Zour/Zor/Zawr-ish
    if len(word) > 3 and word[-1] == "e":
        word = word[:-1]
    return word.replace("w", "")


@functools.lru_cache(maxsize=KEY_CACHE)
def loose_key(name: str) -> str:
    """A transliteration-tolerant key; only used after ``exact_key`` found nothing."""
    words = exact_key(name).split()  # the cached fold
    if len(words) > 1:
        words = [word for word in words if word not in ARTICLES] or words
    return " ".join(_loosen_word(word) for word in words)


@functools.lru_cache(maxsize=KEY_CACHE)
def compact_key(name: str) -> str:
    """The loose key without spaces: outlets run words together ("Albukamal" for "Al Bu
    Kamal", "Deirezzor"); tried only after the loose key found nothing."""
    words = exact_key(name).split()  # the cached fold
    if len(words) > 1:
        words = [word for word in words if word not in ARTICLES] or words
    # Loosened as one word: the word-final rules must not depend on where the spaces were.
    return _loosen_word("".join(words))
