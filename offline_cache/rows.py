"""Mapping between a frozen domain dataclass and one table row.

Each dataclass field has a column of the same name. Scalars (text, numbers,
booleans, enums, Decimals, dates) get their own column; tuples, dicts and nested
dataclasses are stored as JSON text via ``app.wire.codec``.
"""

import dataclasses
import json
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, Generic, TypeVar

from sqlalchemy import Table
from sqlalchemy.dialects.sqlite import Insert, insert

from app.wire import codec

T = TypeVar("T")

_SCALARS = (str, int, bool, Decimal, date)


def _is_scalar(annotation: Any) -> bool:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return len(inner) == 1 and _is_scalar(inner[0])
    return isinstance(annotation, type) and issubclass(annotation, _SCALARS + (Enum,))


def _scalar_decoder(annotation: Any) -> Callable[[Any], Any]:
    # SQLite hands booleans back as 0/1.
    if annotation is bool:
        return lambda raw: bool(raw)
    if annotation == bool | None:
        return lambda raw: None if raw is None else bool(raw)
    return codec.decoder_for(annotation)


def _after_json(decoder: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda raw: decoder(json.loads(raw))


class RowMapper(Generic[T]):
    def __init__(self, kind: type[T]) -> None:
        if not dataclasses.is_dataclass(kind):
            raise TypeError(f"{kind!r} is not a dataclass")
        self._kind = kind
        hints = typing.get_type_hints(kind)
        self.field_names = tuple(f.name for f in dataclasses.fields(kind))
        self._json_fields = frozenset(
            name for name in self.field_names if not _is_scalar(hints[name])
        )
        self._encoders: dict[str, Callable[[Any], Any]] = {
            name: codec.encoder_for(hints[name]) for name in self.field_names
        }
        # One (column, decoder) pair per field; JSON columns parse first.
        self._decoders: list[tuple[str, Callable[[Any], Any]]] = [
            (
                name,
                _after_json(codec.decoder_for(hints[name]))
                if name in self._json_fields
                else _scalar_decoder(hints[name]),
            )
            for name in self.field_names
        ]
        self._decoder_of = dict(self._decoders)

    def to_row(self, obj: T, *, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
        row: dict[str, Any] = {}
        for name in self.field_names:
            if name in exclude:
                continue
            plain = self._encoders[name](getattr(obj, name))
            row[name] = codec.dumps(plain) if name in self._json_fields else plain
        return row

    def from_row(self, row: Mapping[Any, Any], **extra: Any) -> T:
        values = {name: decode(row[name]) for name, decode in self._decoders if name not in extra}
        return self._kind(**values, **extra)

    def from_some(self, names: Iterable[str], values: Iterable[Any]) -> T:
        """An object from some of its columns (``values`` in the order of ``names``);
        the other fields keep their defaults."""
        decode = self._decoder_of
        return self._kind(
            **{name: decode[name](raw) for name, raw in zip(names, values, strict=True)}
        )


def upsert(table: Table, key: str, columns: Iterable[str]) -> Insert:
    """INSERT ... ON CONFLICT (key) DO UPDATE every other column: a save."""
    statement = insert(table)
    return statement.on_conflict_do_update(
        index_elements=[table.c[key]],
        set_={name: statement.excluded[name] for name in columns if name != key},
    )
