"""ACLED's event taxonomy: 25 sub-event types, their event types and disorder types.

The data lives in ``resources/taxonomy.json``; this module only loads and checks it.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

from frontwatch.errors import ResourceError

__all__ = ["NONE", "SubEventType", "lookup", "sub_event_types"]

#: The label for text that reports no ACLED event.
NONE = "none"


@dataclass(frozen=True, slots=True)
class SubEventType:
    name: str
    event_type: str
    disorder_type: str


@functools.cache
def sub_event_types() -> dict[str, SubEventType]:
    """All 25 sub-event types by name, in ACLED's order."""
    try:
        data = json.loads(resources.files("frontwatch.resources").joinpath("taxonomy.json")
                          .read_text(encoding="utf-8"))
        types = {row["name"]: SubEventType(**row) for row in data["sub_event_types"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ResourceError(f"taxonomy.json is unreadable ({exc})") from exc
    if len(types) != 25:
        raise ResourceError(f"taxonomy.json lists {len(types)} sub-event types, expected 25")
    return types


def lookup(name: str) -> SubEventType:
    """The sub-event type called ``name`` (KeyError for an unknown name)."""
    return sub_event_types()[name]

