"""Exact round-trip between domain values and JSON-compatible values.

Decimals become strings (``str(Decimal)`` keeps every digit and the exponent),
dates ISO strings, datetimes ISO strings in UTC with microseconds (so that stored
values sort as text), enums their value, tuples lists, dataclasses objects keyed
by field name. Decoding is driven by the target type's annotations, so no type
tag is stored. Naive datetimes are refused: the domain only holds aware UTC ones.
"""

import dataclasses
import enum
import functools
import json
import types
import typing
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

Decoder = Callable[[Any], Any]
Encoder = Callable[[Any], Any]


def encode(value: Any) -> Any:
    """A domain value as plain JSON-compatible data."""
    # Dispatch on the exact type first: bulk saves encode millions of values.
    handler = _ENCODERS.get(type(value))
    if handler is not None:
        return handler(value)
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: encode(getattr(value, name)) for name in _field_names(type(value))}
    for kind, kind_handler in _ENCODERS.items():
        if isinstance(value, kind):
            return kind_handler(value)
    raise TypeError(f"cannot encode {type(value).__name__} for the store")


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


def _same(value: Any) -> Any:
    return value


def _encode_items(value: Any) -> list[Any]:
    return [encode(item) for item in value]


def _encode_mapping(value: Any) -> dict[str, Any]:
    return {str(key): encode(item) for key, item in value.items()}


def encode_datetime(value: datetime) -> str:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"refusing to store a naive datetime: {value!r}")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def decode_datetime(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


# datetime before date: a datetime is a date too (matters for subclass fallbacks).
_ENCODERS: dict[type, Callable[[Any], Any]] = {
    str: _same,
    bool: _same,
    int: _same,
    type(None): _same,
    Decimal: str,
    datetime: encode_datetime,
    date: date.isoformat,
    tuple: _encode_items,
    list: _encode_items,
    dict: _encode_mapping,
}


def to_json(value: Any) -> str:
    return dumps(encode(value))


def dumps(plain: Any) -> str:
    # Compact and stable; ensure_ascii=False keeps names readable in the file.
    return json.dumps(plain, ensure_ascii=False, separators=(",", ":"))


def from_json(text: str, target: Any) -> Any:
    return decoder_for(target)(json.loads(text))


def decode(value: Any, target: Any) -> Any:
    return decoder_for(target)(value)


@functools.cache
def encoder_for(target: Any) -> Encoder:
    """A function encoding values of type ``target``; faster than ``encode`` for bulk saves."""
    origin = typing.get_origin(target)
    args = typing.get_args(target)
    if origin in (typing.Union, types.UnionType):
        inner = [arg for arg in args if arg is not type(None)]
        if len(inner) != 1:
            raise TypeError(f"unsupported union for the store: {target!r}")
        inner_encoder = encoder_for(inner[0])
        return lambda value: None if value is None else inner_encoder(value)
    if origin is tuple or origin is dict or not isinstance(target, type):
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis and args[0] is str:
            return list
        return encode
    if issubclass(target, enum.Enum):
        return lambda value: value.value
    if dataclasses.is_dataclass(target):
        hints = typing.get_type_hints(target)
        fields = [(f.name, encoder_for(hints[f.name])) for f in dataclasses.fields(target)]
        return lambda value: {name: enc(getattr(value, name)) for name, enc in fields}
    return encode


@functools.cache
def decoder_for(target: Any) -> Decoder:
    """A function turning plain data back into a value of type ``target``."""
    origin = typing.get_origin(target)
    args = typing.get_args(target)
    if origin in (typing.Union, types.UnionType):
        inner = [arg for arg in args if arg is not type(None)]
        if len(inner) != 1:
            raise TypeError(f"unsupported union for the store: {target!r}")
        inner_decoder = decoder_for(inner[0])
        return lambda raw: None if raw is None else inner_decoder(raw)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item_decoder = decoder_for(args[0])
            return lambda raw: tuple(item_decoder(item) for item in raw)
        item_decoders = [decoder_for(arg) for arg in args]
        return lambda raw: tuple(d(item) for d, item in zip(item_decoders, raw, strict=True))
    if origin is dict:
        key_decoder, value_decoder = decoder_for(args[0]), decoder_for(args[1])
        return lambda raw: {key_decoder(k): value_decoder(v) for k, v in raw.items()}
    if isinstance(target, type):
        return _decoder_for_class(target)
    raise TypeError(f"unsupported type for the store: {target!r}")


def _decoder_for_class(target: type) -> Decoder:
    if issubclass(target, enum.Enum):
        return _enum_decoder(target)
    if target is Decimal:
        return Decimal
    if target is datetime:
        return decode_datetime
    if target is date:
        return date.fromisoformat
    if target in (str, int, bool):
        return _exact(target)
    if dataclasses.is_dataclass(target):
        hints = typing.get_type_hints(target)
        field_decoders = {f.name: decoder_for(hints[f.name]) for f in dataclasses.fields(target)}

        def decode_dataclass(raw: dict[str, Any]) -> Any:
            # Fields missing from older rows take their dataclass default.
            return target(
                **{name: d(raw[name]) for name, d in field_decoders.items() if name in raw}
            )

        return decode_dataclass
    raise TypeError(f"unsupported type for the store: {target!r}")


def _enum_decoder(kind: type[enum.Enum]) -> Decoder:
    members = kind._value2member_map_  # a dict lookup; calling the enum is much slower

    def decode_member(raw: Any) -> Any:
        member = members.get(raw)
        return kind(raw) if member is None else member  # kind(raw) raises the clear error

    return decode_member


def _exact(kind: type) -> Decoder:
    def check(raw: Any) -> Any:
        if type(raw) is not kind:
            raise TypeError(f"expected {kind.__name__} in the store, found {raw!r}")
        return raw

    return check
