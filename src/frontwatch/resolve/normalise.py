"""Place-name keys that match the way outlets transliterate.

Three keys per name, tried in order (exact, then loose, then compact):

* ``exact_key``: case- and accent-folded, punctuation as spaces ("Deir ez-Zor" → "deir ez zor").
* ``loose_key``: also without Arabic article forms (al-, el-, ad-, ar-, as-, ash-, az-, e-...),
  with doubled letters single and vowel clusters reduced, so "Deir e-Zor", "Deir ez-Zor",
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


def fold(text: str) -> str:
    """Lower case, accents and apostrophes removed, other punctuation as single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower()
    text = re.sub(f"[{_APOSTROPHES}]", "", text)
    text = re.sub(r"[^\w]+", " ", text)
    return text.strip()


#: Keys remembered per process: the same names come back in every document and every candidate
#: ranking; each entry is two short strings.
KEY_CACHE = 200_000


@functools.lru_cache(maxsize=KEY_CACHE)
def exact_key(name: str) -> str:
    """The folded name: differences of case, accents and punctuation only."""
    return fold(name)


_DOUBLED = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_VOWELS = re.compile(r"(?<=.)[aeiouy]+")
_FINAL_E = re.compile(r"(?<=.)e$")


def _loosen_word(word: str) -> str:
    word = GLUED_ARTICLE.sub("", word) if len(word) > 4 else word
    word = _DOUBLED.sub(r"\1", word)          # doubled letters: Shaddadah → Shadadah
    word = _FINAL_H.sub("", word)              # final h after a vowel: Raqqah → Raqqa
    word = _VOWELS.sub("e", word)              # vowel clusters: Zour/Zor/Zawr-ish
    word = _FINAL_E.sub("", word) if len(word) > 3 else word
    word = word.replace("w", "")
    return word


@functools.lru_cache(maxsize=KEY_CACHE)
def loose_key(name: str) -> str:
    """A transliteration-tolerant key; only used after ``exact_key`` found nothing."""
    words = [word for word in fold(name).split() if word]
    if len(words) > 1:
        words = [word for word in words if word not in ARTICLES] or words
    return " ".join(_loosen_word(word) for word in words)


@functools.lru_cache(maxsize=KEY_CACHE)
def compact_key(name: str) -> str:
    """The loose key without spaces: outlets run words together ("Albukamal" for "Al Bu
    Kamal", "Deirezzor"); tried only after the loose key found nothing."""
    words = [word for word in fold(name).split() if word]
    if len(words) > 1:
        words = [word for word in words if word not in ARTICLES] or words
    # Loosened as one word: the word-final rules must not depend on where the spaces were.
    return _loosen_word("".join(words))
