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
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, Generic, TypeVar

from sqlalchemy import Table
from sqlalchemy.dialects.sqlite import Insert, insert

from app.wire import codec

T = TypeVar("T")

_SCALARS = (str, int, bool, Decimal, date)
_MAX_TEXTS = 1024  # per field: a few KiB, and no growth with the number of rows


def _is_scalar(annotation: Any) -> bool:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return len(inner) == 1 and _is_scalar(inner[0])
    return isinstance(annotation, type) and issubclass(annotation, _SCALARS + (Enum,))


def _equal_means_same_text(annotation: Any) -> bool:
    """Whether equal values of this type always encode to the same JSON: not with a
    number in it (Decimal("1.0") == Decimal("1.00"), 1 == 1.0)."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return all(_equal_means_same_text(arg) for arg in args)
    if origin is tuple:
        return all(_equal_means_same_text(arg) for arg in args if arg is not Ellipsis)
    if dataclasses.is_dataclass(annotation):
        hints = typing.get_type_hints(annotation)
        return all(_equal_means_same_text(hints[f.name]) for f in dataclasses.fields(annotation))
    # Aware datetimes are encoded in UTC: equal instants, the same text.
    return annotation in (str, bool, type(None), date, datetime) or (
        isinstance(annotation, type) and issubclass(annotation, Enum)
    )


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
    def __init__(self, kind: type[T], *, repeated: Iterable[str] = ()) -> None:
        """``repeated``: JSON fields whose values repeat from row to row."""
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
        # The JSON text of the first values seen of ``repeated`` fields (most guests
        # share their quiet-visit flags, languages...): encoded once, not per row.
        for name in repeated:
            if name not in self._json_fields or not _equal_means_same_text(hints[name]):
                raise ValueError(f"{name}: equal values may not encode alike")
        self._texts: dict[str, dict[Any, str]] = {name: {} for name in repeated}

    def to_row(self, obj: T, *, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
        row: dict[str, Any] = {}
        for name in self.field_names:
            if name in exclude:
                continue
            value = getattr(obj, name)
            texts = self._texts.get(name)
            if texts is not None:
                row[name] = self._json_text(name, value, texts)
            elif name in self._json_fields:
                row[name] = codec.dumps(self._encoders[name](value))
            else:
                row[name] = self._encoders[name](value)
        return row

    def _json_text(self, name: str, value: Any, texts: dict[Any, str]) -> str:
        try:
            return texts[value]
        except KeyError:
            pass
        except TypeError:  # unhashable after all: a list where a tuple belongs
            return codec.dumps(self._encoders[name](value))
        text = codec.dumps(self._encoders[name](value))
        if len(texts) < _MAX_TEXTS:
            texts[value] = text
        return text

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
