"""Long documents in chunks: split at paragraph breaks, analyse each chunk alone, then put every
record back at its offset in the whole text.

A 5 MB compilation of reports must not need a 5 MB spaCy ``Doc`` (memory grows with the parse);
each chunk is parsed, resolved and reduced to small records before the next one is read. A
chunk ends at a paragraph break where there is one, else at a line break, else at a sentence end,
so no sentence is cut in two. Records of a chunk carry chunk offsets until :func:`shift` adds
the chunk's start; mention ids are then recomputed, so they equal those of an unchunked run.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

from frontwatch.extract.mentions import mention_id
from frontwatch.records import Mention

__all__ = ["CHUNK_CHARS", "shift", "split_chunks"]

#: Documents longer than this are analysed in chunks of about this size (characters).
CHUNK_CHARS = 100_000

_OFFSET_FIELDS = frozenset({"start", "end", "sentence_start", "sentence_end"})
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s")

Record = TypeVar("Record")


def _cut(text: str, start: int, size: int) -> int:
    """Where the chunk that begins at ``start`` should end."""
    limit = start + size
    if limit >= len(text):
        return len(text)
    floor = start + size // 2  # never a chunk of less than half the size
    for separator in ("\n\n", "\n"):
        found = text.rfind(separator, floor, limit)
        if found != -1:
            return found + len(separator)
    ends = [match.end() for match in _SENTENCE_END.finditer(text, floor, limit)]
    return ends[-1] if ends else limit


def split_chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(start offset, chunk text) pairs that cover ``text`` exactly, in order."""
    if size <= 0:
        raise ValueError("chunk size must be positive")
    chunks = []
    start = 0
    while start < len(text):
        end = _cut(text, start, size)
        chunks.append((start, text[start:end]))
        start = end
    return chunks


def _shift_value(value: Any, offset: int) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return shift(value, offset)
    if isinstance(value, tuple):
        return tuple(_shift_value(item, offset) for item in value)
    return value


def shift(record: Record, offset: int) -> Record:
    """A copy of ``record`` (a frozen dataclass) with every character offset, at any depth,
    moved by ``offset``; mention ids follow their new offsets."""
    if offset == 0:
        return record
    changes = {}
    for field in dataclasses.fields(record):  # type: ignore[arg-type]
        value = getattr(record, field.name)
        if field.name in _OFFSET_FIELDS and isinstance(value, int):
            changes[field.name] = value + offset
        else:
            moved = _shift_value(value, offset)
            if moved is not value:
                changes[field.name] = moved
    moved_record = dataclasses.replace(record, **changes)  # type: ignore[type-var]
    if isinstance(moved_record, Mention):
        moved_record = dataclasses.replace(moved_record, id=mention_id(
            moved_record.doc_id, moved_record.evidence.start, moved_record.sub_event_type,
            moved_record.trigger.start))
    return moved_record  # type: ignore[return-value]

