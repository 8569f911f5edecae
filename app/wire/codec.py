"""Exact round-trip between domain values and JSON-compatible values.

Decimals become strings (``str(Decimal)`` keeps every digit and the exponent),
dates ISO strings, datetimes ISO strings in UTC with microseconds (so that stored
values sort as text), enums their value, tuples lists, dataclasses objects keyed
by field name. Decoding is driven by the target type's annotations, so no type
tag is stored. Naive datetimes are refused both ways: the domain only holds aware
UTC ones.

One codec for the store's JSON columns, the helpdesk's records and the change feed
(``app.wire.contract``). A value that does not fit raises ``DecodeError`` naming
the field it was found in (``preferences.drinks[2]: expected a string``).
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import json
import types
import typing
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

Decoder = Callable[[Any], Any]
Encoder = Callable[[Any], Any]


class DecodeError(ValueError):
    """Plain data that does not fit the target type; ``path`` names where (``""``: the
    value itself), ``problem`` says what is wrong without echoing the value."""

    def __init__(self, path: str, problem: str, value: Any = None, *, shown: bool = True) -> None:
        self.path, self.problem = path, problem
        self._value, self._shown = value, shown
        super().__init__(self._text(with_value=True))

    @property
    def field_message(self) -> str:
        """``path: problem`` without the offending value (for answers that must never
        echo what came in, such as a card number typed into the wrong field)."""
        return self._text(with_value=False)

    def within(self, outer: str) -> DecodeError:
        """The same error seen from the enclosing object or list (``outer``)."""
        if not self.path:
            path = outer
        elif self.path.startswith("["):
            path = f"{outer}{self.path}"
        else:
            path = f"{outer}.{self.path}" if outer else self.path
        return DecodeError(path, self.problem, self._value, shown=self._shown)

    def _text(self, *, with_value: bool) -> str:
        text = f"{self.path}: {self.problem}" if self.path else self.problem
        return f"{text}, got {self._value!r:.60}" if with_value and self._shown else text


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
    raise TypeError(f"cannot encode {type(value).__name__}")


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


def field_types(kind: type) -> dict[str, Any]:
    """A dataclass's field names and resolved annotations, in declaration order."""
    hints = typing.get_type_hints(kind)
    return {f.name: hints[f.name] for f in dataclasses.fields(kind)}


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


def decode_datetime(text: Any) -> datetime:
    """An aware UTC datetime from ISO 8601 text (``Z`` or an offset); naive is refused."""
    if type(text) is not str:
        raise DecodeError("", "expected an ISO 8601 string", text)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise DecodeError("", "not an ISO 8601 time", text) from None
    if parsed.tzinfo is None:
        raise DecodeError("", "a time without a zone", text)
    try:
        return parsed.astimezone(UTC)
    except OverflowError:  # year 1 at +14:00, year 9999 at -14:00
        raise DecodeError("", "a time out of range", text) from None


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


# Compact and stable; ensure_ascii=False keeps names readable in the file. One encoder
# for every call: json.dumps with options builds a new one each time (bulk saves).
_JSON_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def dumps(plain: Any) -> str:
    return _JSON_ENCODER.encode(plain)


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
        inner_encoder = encoder_for(_optional_inner(target))
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
def decoder_for(
    target: Any, *, complete: bool = False, omit: frozenset[str] = frozenset()
) -> Decoder:
    """A function turning plain data back into a value of type ``target``.

    For a dataclass: fields missing from the data take their default (older stored
    rows), unless ``complete``, where only a field that may be null may be missing
    (what the helpdesk sends). Fields named in ``omit`` are neither read nor required.
    """
    origin = typing.get_origin(target)
    args = typing.get_args(target)
    if origin in (typing.Union, types.UnionType):
        inner_decoder = decoder_for(_optional_inner(target), complete=complete)
        return lambda raw: None if raw is None else inner_decoder(raw)
    if origin is tuple:
        return _tuple_decoder(args, complete)
    if origin is dict:
        return _dict_decoder(args, complete)
    if isinstance(target, type):
        if dataclasses.is_dataclass(target):
            return _dataclass_decoder(target, complete, omit)
        return _decoder_for_class(target)
    raise TypeError(f"unsupported type for the codec: {target!r}")


def _optional_inner(target: Any) -> Any:
    inner = [arg for arg in typing.get_args(target) if arg is not type(None)]
    if len(inner) != 1:
        raise TypeError(f"unsupported union for the codec: {target!r}")
    return inner[0]


def _tuple_decoder(args: tuple[Any, ...], complete: bool) -> Decoder:
    if len(args) == 2 and args[1] is Ellipsis:
        item_decoder = decoder_for(args[0], complete=complete)

        def decode_items(raw: Any) -> tuple[Any, ...]:
            if type(raw) is not list:
                raise DecodeError("", "expected a list", raw)
            try:
                return tuple(item_decoder(item) for item in raw)
            except DecodeError:
                raise _locate_item(item_decoder, raw) from None

        return decode_items
    item_decoders = [decoder_for(arg, complete=complete) for arg in args]

    def decode_fixed(raw: Any) -> tuple[Any, ...]:
        if type(raw) is not list or len(raw) != len(item_decoders):
            raise DecodeError("", f"expected a list of {len(item_decoders)}", raw)
        decoded = []
        for index, (item_decoder, item) in enumerate(zip(item_decoders, raw, strict=True)):
            try:
                decoded.append(item_decoder(item))
            except DecodeError as error:
                raise error.within(f"[{index}]") from None
        return tuple(decoded)

    return decode_fixed


def _locate_item(item_decoder: Decoder, raw: list[Any]) -> DecodeError:
    """The failing item of a list (the slow path, after a failure)."""
    for index, item in enumerate(raw):
        try:
            item_decoder(item)
        except DecodeError as error:
            return error.within(f"[{index}]")
    return DecodeError("", "a list that does not decode the same twice")


def _dict_decoder(args: tuple[Any, ...], complete: bool) -> Decoder:
    key_decoder = decoder_for(args[0], complete=complete)
    value_decoder = decoder_for(args[1], complete=complete)

    def decode_mapping(raw: Any) -> dict[Any, Any]:
        if type(raw) is not dict:
            raise DecodeError("", "expected an object", raw)
        decoded = {}
        for key, value in raw.items():
            try:
                decoded[key_decoder(key)] = value_decoder(value)
            except DecodeError as error:
                raise error.within(str(key)[:40]) from None
        return decoded

    return decode_mapping


def _dataclass_decoder(target: type, complete: bool, omit: frozenset[str]) -> Decoder:
    hints = typing.get_type_hints(target)
    fields = [f for f in dataclasses.fields(target) if f.name not in omit]
    field_decoders = {f.name: decoder_for(hints[f.name], complete=complete) for f in fields}
    # Which fields the data must hold: without a default (always), and with ``complete``
    # every field but those that may be null.
    required = frozenset(
        f.name
        for f in fields
        if (f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
        or (complete and not _may_be_null(hints[f.name]))
    )

    def decode_dataclass(raw: Any) -> Any:
        if type(raw) is not dict:
            raise DecodeError("", "expected an object", type(raw).__name__)
        if not required <= raw.keys():
            missing = sorted(required - raw.keys())[0]
            raise DecodeError(missing, "missing", shown=False)
        try:
            values = {name: d(raw[name]) for name, d in field_decoders.items() if name in raw}
            return target(**values)
        except (DecodeError, TypeError, ValueError, ArithmeticError) as failure:
            # The slow path, after a failure only: find the field that did not decode.
            raise _locate_field(field_decoders, raw, failure) from None

    return decode_dataclass


def _may_be_null(annotation: Any) -> bool:
    if typing.get_origin(annotation) not in (typing.Union, types.UnionType):
        return False
    return type(None) in typing.get_args(annotation)


def _locate_field(
    decoders: dict[str, Decoder], raw: dict[str, Any], failure: Exception
) -> DecodeError:
    for name, d in decoders.items():
        if name in raw:
            try:
                d(raw[name])
            except DecodeError as error:
                return error.within(name)
    # Every field decodes: the dataclass itself refused the values.
    return DecodeError("", str(failure)[:200], shown=False)


def _decoder_for_class(target: type) -> Decoder:
    if issubclass(target, enum.Enum):
        return _enum_decoder(target)
    if target is Decimal:
        return _decode_decimal
    if target is datetime:
        return decode_datetime
    if target is date:
        return _decode_date
    if target in (str, int, bool):
        return _exact(target)
    raise TypeError(f"unsupported type for the codec: {target!r}")


def _enum_decoder(kind: type[enum.Enum]) -> Decoder:
    members = kind._value2member_map_  # a dict lookup; calling the enum is much slower

    def decode_member(raw: Any) -> Any:
        try:
            member = members.get(raw)
        except TypeError:  # unhashable: a list or an object
            member = None
        if member is None or raw is True or raw is False:
            raise DecodeError("", f"unknown {kind.__name__}", raw)
        return member

    return decode_member


def _decode_decimal(raw: Any) -> Decimal:
    # Amounts travel and rest as text: a float would already have lost digits.
    if type(raw) is not str:
        raise DecodeError("", "expected a number as a string", raw)
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise DecodeError("", "not a number", raw) from None
    if not value.is_finite():
        raise DecodeError("", "not a finite number", raw)
    return value


def _decode_date(raw: Any) -> date:
    if type(raw) is not str:
        raise DecodeError("", "expected an ISO 8601 date", raw)
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise DecodeError("", "not an ISO 8601 date", raw) from None


_KIND_NAMES = {str: "a string", int: "an integer", bool: "true or false"}


def _exact(kind: type) -> Decoder:
    expected = f"expected {_KIND_NAMES[kind]}"

    def check(raw: Any) -> Any:
        if type(raw) is not kind:
            raise DecodeError("", expected, raw)
        return raw

    return check
