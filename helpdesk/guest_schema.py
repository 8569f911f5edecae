"""The bodies of ``/v1/guests``: models generated from ``app.domain.Guest``.

``app.domain.Guest`` is the one description of a guest (``app.wire.codec`` encodes it
for the store and the change feed). ``GuestCreate`` is built from its annotations,
dataclass by dataclass, as ``helpdesk.edge.Strict`` models: the body gets the checks
every body gets on every field, and a field added to the domain is checked the day it
is added. Each type takes its wire form (``_wire_type``: decimals as strings, as the
codec writes them); ``NARROWER`` holds the fields whose rules are tighter than their
type's. The route still builds the ``Guest`` with the codec: these models only refuse.
"""

import dataclasses
import enum
import types
import typing
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BeforeValidator,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
    create_model,
    model_validator,
)

from app.domain import Guest
from app.security.card_numbers import is_loyalty_card_number
from app.wire import codec
from helpdesk.edge import Strict, refuse_nulls
from helpdesk.schemas import Currency, StaffId, UuidStr

MAX_LIST = 50
MAX_TEXT = 200
PREFERENCE_ENTRIES = 30


def _loyalty_number(text: str) -> str:
    if not is_loyalty_card_number(text):
        raise ValueError("not a loyalty card number")
    return text


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("required")
    return text


def _decimal_text(value: Any) -> Any:
    if not isinstance(value, str):  # a float has lost digits already; the codec sends text
        raise ValueError('send a decimal as a string, e.g. "250000"')
    return value


Text = Annotated[StrictStr, StringConstraints(max_length=MAX_TEXT)]
DecimalText = Annotated[Decimal, BeforeValidator(_decimal_text)]

NARROWER: dict[str, Any] = {
    "id": UuidStr,
    "card_number": Annotated[StrictStr, AfterValidator(_loyalty_number)],
    "name": Annotated[Text, AfterValidator(_not_blank)],
    "host_id": StaffId | None,
    "phone": Annotated[StrictStr, StringConstraints(max_length=32)],
    "currency": Currency,
    "rg.limits.time_per_day_minutes": Annotated[StrictInt, Field(ge=0, le=24 * 60)] | None,
}
"""Fields (dotted paths into ``Guest``) whose rules are tighter than their type's."""

_SCALARS: dict[Any, Any] = {
    str: Text,
    bool: StrictBool,
    int: StrictInt,
    Decimal: DecimalText,
    datetime: AwareDatetime,
    date: date,
}


def _wire_type(annotation: Any, path: str) -> Any:
    """The pydantic type of a domain annotation as it travels (``path`` for nested)."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [arg for arg in args if arg is not type(None)]
        assert len(inner) == 1, annotation  # the domain has only X | None unions
        return _wire_type(inner[0], path) | None
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        items = tuple.__class_getitem__((_wire_type(args[0], path), ...))  # tuple[item, ...]
        return Annotated[items, Field(max_length=MAX_LIST)]
    if dataclasses.is_dataclass(annotation):
        assert isinstance(annotation, type)
        return model_for(annotation, path)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return annotation
    return _SCALARS[annotation]  # a KeyError here: a new kind of field wants a wire type


def _default(field: dataclasses.Field[Any], annotation: Any) -> Any:
    if field.default is not dataclasses.MISSING:
        return Field(default=field.default)
    factory = field.default_factory
    if factory is dataclasses.MISSING:
        return ...
    if dataclasses.is_dataclass(factory):
        return Field(default_factory=annotation)  # the nested model with its own defaults
    return Field(default_factory=factory)


def model_for(kind: type, path: str = "") -> type[Strict]:
    """A ``Strict`` model of the dataclass ``kind``, field by field."""
    fields: dict[str, Any] = {}
    hints = codec.field_types(kind)
    for field in dataclasses.fields(kind):
        where = f"{path}{field.name}"
        annotation = NARROWER.get(where) or _wire_type(hints[field.name], f"{where}.")
        fields[field.name] = (annotation, _default(field, annotation))
    return create_model(f"{kind.__name__}In", __base__=Strict, __module__=__name__, **fields)


GuestCreate = model_for(Guest)
"""The body of ``POST /v1/guests``: the guest as ``app.wire.contract.guest_body`` sends it."""

PreferenceList = Annotated[tuple[Text, ...], Field(max_length=PREFERENCE_ENTRIES)]


class PreferencesPatch(Strict):
    """The lists a ``PATCH /v1/guests/{id}`` may replace (``PreferenceCard``'s lists of
    text): each may be sent, none may be null."""

    drinks: PreferenceList | None = None
    meals: PreferenceList | None = None
    rooms: PreferenceList | None = None
    tables_games: PreferenceList | None = None
    communication: PreferenceList | None = None
    transfers: PreferenceList | None = None

    @model_validator(mode="after")
    def _no_nulls(self) -> "PreferencesPatch":
        if self.model_fields_set:  # an empty object changes nothing, and is no error
            refuse_nulls(self)
        return self


class GuestPatch(Strict):
    preferences: PreferencesPatch

    def lists(self) -> dict[str, list[str]]:
        """The lists sent, by name."""
        sent = self.preferences.model_dump(exclude_unset=True)
        return {name: list(values) for name, values in sent.items()}
