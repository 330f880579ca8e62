"""Turning domain dataclasses into table rows and back."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])


def _cache_by_type(function: F) -> F:
    """functools.cache that keeps the signature: mypy does not count classes as Hashable keys."""
    return cast(F, cache(function))


T = TypeVar("T")


@_cache_by_type
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@_cache_by_type
def columns(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _base_type(hint: Any) -> tuple[Any, tuple]:
    """The non-None type of an annotation (`date | None` -> date) and its type arguments."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return _base_type(args[0])
    if origin is not None:
        return origin, typing.get_args(hint)
    return hint, ()


def _encode(value: Any) -> Any:
    if value is None or (isinstance(value, (str, int, float)) and not isinstance(value, bool)):
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, list):
        return json.dumps(
            [dataclasses.asdict(v) if dataclasses.is_dataclass(v) and not isinstance(v, type) else v for v in value],
            ensure_ascii=False,
        )
    raise TypeError(f"cannot store {type(value).__name__}")


def to_row(record: Any) -> dict[str, Any]:
    return {name: _encode(getattr(record, name)) for name in columns(type(record))}


def _decode(value: Any, hint: Any) -> Any:
    if value is None:
        return None
    base, args = _base_type(hint)
    if base is bool:
        return bool(value)
    if base is datetime:
        return datetime.fromisoformat(value)
    if base is date:
        return date.fromisoformat(value)
    if base is list:
        items = json.loads(value)
        item_type = args[0] if args else Any
        if dataclasses.is_dataclass(item_type):
            return [item_type(**item) for item in items]
        return items
    return value


def from_row(cls: type[T], row: dict[str, Any]) -> T:
    hints = _hints(cls)
    return cls(**{name: _decode(row[name], hints[name]) for name in columns(cls) if name in row})
