"""Is a document English? frontwatch's rules and models read English only; text in another
language must be reported as such, never mined for invented events.

Detection is py3langid (a small naive Bayes model over byte n-grams that ships inside the
package: offline, about 0.5 s to load once, well under a millisecond per document), restricted
to the languages of conflict reporting so that English headlines full of foreign place names
are not taken for a rare language. A document is non-English only when the detector is sure
(probability ≥ :data:`MIN_PROBABILITY`) and has enough words to judge; an English snippet with
Arabic place names scores well below that.
"""

from __future__ import annotations

import functools
from typing import Any

__all__ = ["LANGUAGES", "MIN_PROBABILITY", "detect_language", "is_english"]

#: Languages the detector chooses among: those news of the conflicts we code arrive in.
LANGUAGES = ("en", "fr", "es", "pt", "de", "it", "nl", "id", "ms", "tl", "sw", "so", "ha",
             "tr", "pl", "ro", "sv", "da", "no", "cs", "hr", "vi", "af", "ru", "uk", "ar",
             "fa", "ur", "zh", "ja", "ko", "am", "my", "hi", "bn", "ps", "ku", "he")
MIN_PROBABILITY = 0.95
MIN_WORDS = 6
#: Detection reads the start of the document: enough to judge, cheap for a long one.
SAMPLE_CHARS = 5_000


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect_language(text: str) -> tuple[str, float]:
    """The most likely language of ``text`` (ISO 639-1) and its probability."""
    language, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return str(language), float(probability)


def is_english(text: str) -> tuple[bool, str]:
    """(whether ``text`` may be read as English, the language detected)."""
    if len(text.split()) < MIN_WORDS:
        return True, "en"
    language, probability = detect_language(text)
    if language != "en" and probability >= MIN_PROBABILITY:
        return False, language
    return True, "en"
