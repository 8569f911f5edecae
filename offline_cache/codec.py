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


def encode(value: Any) -> Any:
    """A domain value as plain JSON-compatible data."""
    if isinstance(value, enum.Enum):
        return value.value
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return encode_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {str(key): encode(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    raise TypeError(f"cannot encode {type(value).__name__} for the store")


def encode_datetime(value: datetime) -> str:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"refusing to store a naive datetime: {value!r}")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def decode_datetime(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def to_json(value: Any) -> str:
    # Compact and stable; ensure_ascii=False keeps names readable in the file.
    return json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"))


def from_json(text: str, target: Any) -> Any:
    return decoder_for(target)(json.loads(text))


def decode(value: Any, target: Any) -> Any:
    return decoder_for(target)(value)


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
        return target
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


def _exact(kind: type) -> Decoder:
    def check(raw: Any) -> Any:
        if type(raw) is not kind:
            raise TypeError(f"expected {kind.__name__} in the store, found {raw!r}")
        return raw

    return check
