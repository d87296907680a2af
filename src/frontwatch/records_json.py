"""Records back from the JSON dicts :func:`frontwatch.records.to_dict` wrote.

A batch run keeps each record's JSON in its Parquet tables; loading them into a store
(``frontwatch batch --db``) needs the records again. One reader for every record type, driven by
the dataclass's own field types, so a field added to a record needs no change here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from typing import Any, TypeVar

from frontwatch import records

__all__ = ["from_json_dict"]

Record = TypeVar("Record")


@functools.cache
def _field_types(kind: type) -> dict[str, Any]:
    hints = typing.get_type_hints(kind, vars(records))
    return {item.name: hints[item.name] for item in dataclasses.fields(kind) if item.init}


def from_json_dict(kind: type[Record], data: dict[str, Any]) -> Record:
    """The ``kind`` record whose ``to_dict()`` gave ``data``; keys ``kind`` lacks (derived
    values such as an event's ``interaction``) are ignored."""
    fields = _field_types(kind)  # type: ignore[arg-type]
    values = {name: _value(fields[name], value) for name, value in data.items() if name in fields}
    return kind(**values)


def _value(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [option for option in typing.get_args(hint) if option is not type(None)]
        return _value(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return tuple(_value(item, part) for part in value)
    if hint is dt.date and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if hint is dt.datetime and isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    if hint is bytes:
        return None  # raw bytes are never in a record's JSON
    if isinstance(hint, type) and dataclasses.is_dataclass(hint) and isinstance(value, dict):
        return from_json_dict(hint, value)
    return value
