"""Cleaning of captured text: drop page furniture and truncated repeats, keep the content.

Captured pages carry lines that are not content ("3 min read", "Share this article", "Advertisement")
and teaser copies of the lead cut off with an ellipsis ("... the 100,000 people […]"). Counting a
teaser would report its event twice, so it is removed when a later paragraph starts with its text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["BOILERPLATE_LINE", "CleanedText", "clean_text"]

# Whole lines that are page furniture. Anchored: only a line that is nothing but this is dropped.
BOILERPLATE_LINE = re.compile(
    r"""^(?:
        \d+\s*(?:-\s*)?min(?:ute)?s?\s+read
      | share(?:\s+this)?(?:\s+(?:article|story|page|post))?(?:\s+on\s+\w+)?
      | (?:share|tweet|email|print|copy\s+link)(?:\s*[|/·•]\s*(?:share|tweet|email|print|copy\s+link|facebook|twitter|whatsapp|linkedin))*
      | advertisement | sponsored(?:\s+content)?
      | read\s+more | read\s+next | related(?:\s+(?:articles|stories|news))?
      | (?:sign\s+up|subscribe)\b.{0,80}
      | (?:follow\s+us|listen\s+to\s+this\s+article).{0,60}
      | (?:©|\(c\)|copyright)\s.{0,120}
      | all\s+rights\s+reserved\.?
      | skip\s+to\s+(?:main\s+)?content
      | (?:accept|reject)\s+(?:all\s+)?cookies
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# A paragraph that ends in an ellipsis (bracketed or not) is a teaser candidate.
TRUNCATION_MARK = re.compile(r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.)\s*$")

# Shortest teaser body (characters) we treat as a repeat; shorter prefixes match by chance.
MIN_TEASER_CHARS = 25


@dataclass(frozen=True, slots=True)
class CleanedText:
    """The cleaned text and what was removed from it (for the record and for review)."""

    text: str
    removed: tuple[str, ...]


def _normalise_paragraph(paragraph: str) -> str:
    paragraph = unicodedata.normalize("NFC", paragraph)
    paragraph = re.sub(r"[ \t\u00a0]+", " ", paragraph)
    # Joined feeds glue items with a bare semicolon ("...in Aleppo;18 killed"): one space keeps
    # the words apart for the tokenizer.
    paragraph = re.sub(r"(?<=[^\W\d_]);(?=\w)", "; ", paragraph)
    return paragraph.strip()


def _split_paragraphs(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = (_normalise_paragraph(chunk) for chunk in re.split(r"\n\s*\n|\n", text))
    return [paragraph for paragraph in paragraphs if paragraph]


def _is_teaser(paragraph: str, others: list[str]) -> bool:
    match = TRUNCATION_MARK.search(paragraph)
    if not match:
        return False
    body = paragraph[: match.start()].rstrip()
    if len(body) < MIN_TEASER_CHARS:
        return False
    return any(other is not paragraph and other.startswith(body) and len(other) > len(body)
               for other in others)


def clean_text(text: str) -> CleanedText:
    """Paragraphs of ``text`` without furniture lines and truncated repeats, joined by blank lines."""
    paragraphs = _split_paragraphs(text)
    kept: list[str] = []
    removed: list[str] = []
    for paragraph in paragraphs:
        if BOILERPLATE_LINE.match(paragraph) or _is_teaser(paragraph, paragraphs):
            removed.append(paragraph)
        else:
            kept.append(paragraph)
    return CleanedText(text="\n\n".join(kept), removed=tuple(removed))
