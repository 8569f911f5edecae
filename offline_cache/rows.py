"""Mapping between a frozen domain dataclass and one table row.

Each dataclass field has a column of the same name. Scalars (text, numbers,
booleans, enums, Decimals, dates) get their own column; tuples, dicts and nested
dataclasses are stored as JSON text via ``app.wire.codec``.
"""

import dataclasses
import json
import operator
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, Generic, TypeVar

import msgspec
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


def _leaves_all(annotation: Any, leaf: Callable[[Any], bool]) -> bool:
    """Whether ``leaf`` holds for every type found in ``annotation`` (through unions,
    tuples and dataclass fields)."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return all(_leaves_all(arg, leaf) for arg in args)
    if origin is tuple:
        return all(_leaves_all(arg, leaf) for arg in args if arg is not Ellipsis)
    if dataclasses.is_dataclass(annotation):
        hints = typing.get_type_hints(annotation)
        return all(_leaves_all(hints[f.name], leaf) for f in dataclasses.fields(annotation))
    return leaf(annotation)


def _equal_means_same_text(annotation: Any) -> bool:
    """Whether equal values of this type always encode to the same JSON: not with a
    number in it (Decimal("1.0") == Decimal("1.00"), 1 == 1.0)."""
    # Aware datetimes are encoded in UTC: equal instants, the same text.
    return _leaves_all(
        annotation,
        lambda leaf: (
            leaf in (str, bool, type(None), date, datetime)
            or (isinstance(leaf, type) and issubclass(leaf, Enum))
        ),
    )


def _msgspec_writes_as_codec(annotation: Any) -> bool:
    """Whether msgspec writes values of this type as ``codec.dumps(codec.encode(v))``
    does, to the byte: not datetimes (msgspec ends UTC with ``Z``, the codec with
    ``+00:00``), nor anything the codec does not know."""
    return _leaves_all(
        annotation,
        lambda leaf: (
            leaf in (str, int, bool, type(None), Decimal, date)
            or (
                isinstance(leaf, type)
                and issubclass(leaf, Enum)
                and all(type(member.value) in (str, int) for member in leaf)
            )
        ),
    )


_MSGSPEC_JSON = msgspec.json.Encoder()


def _msgspec_text(value: Any) -> str:
    return _MSGSPEC_JSON.encode(value).decode()


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
        # What each field's column holds, as one function per field (bulk saves).
        self._columns: dict[str, Callable[[Any], Any]] = {
            name: self._column_encoder(name, hints[name]) for name in self.field_names
        }
        # For ``values``: every field read in one call, then only the columns whose
        # value is not their field's as it is (text columns hold the text: the driver
        # binds a str subclass, a StrEnum too, as its text, the codec's ``.value``).
        self._all_fields = operator.attrgetter(*self.field_names)
        self._encoding = [
            (index, self._columns[name])
            for index, name in enumerate(self.field_names)
            if hints[name] not in (str, str | None)
        ]

    def _column_encoder(self, name: str, annotation: Any) -> Callable[[Any], Any]:
        texts = self._texts.get(name)
        if texts is not None:
            return lambda value: self._json_text(name, value, texts)
        if name not in self._json_fields:
            return self._encoders[name]
        if _msgspec_writes_as_codec(annotation):
            return _msgspec_text  # the same text in C
        encoder = self._encoders[name]
        return lambda value: codec.dumps(encoder(value))

    def to_row(self, obj: T, *, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
        columns = self._columns
        return {
            name: columns[name](getattr(obj, name))
            for name in self.field_names
            if name not in exclude
        }

    def values(self, obj: T) -> list[Any]:
        """Every field's column value, in ``field_names`` order (an executemany row)."""
        row = list(self._all_fields(obj)) if len(self.field_names) > 1 else [self._all_fields(obj)]
        for index, encode in self._encoding:
            row[index] = encode(row[index])
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


def chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    """``items`` in slices for ``IN (...)``: under SQLite's bound-parameter limit."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
