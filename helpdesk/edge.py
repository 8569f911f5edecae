"""What every value in a request body must be, checked in one place.

Every request model derives from ``Strict``: unknown fields are refused, and one
validator runs on every field of every model (nested models, lists and objects
included), so a field added tomorrow is covered the day it is added:

- text is valid Unicode (no lone surrogate), holds no NUL (PostgreSQL cannot store
  one), is at most ``MAX_TEXT`` characters and holds no full payment card number
  (``app.security.card_numbers``; a loyalty number, first digit 9, is never one);
- integers fit a signed 64-bit column; floats are finite (bodies carry none);
- decimals are finite (no NaN, sNaN, Infinity), under 10^18, at most ``MAX_PLACES``
  decimal places;
- dates and datetimes fall within ``EARLIEST``..``LATEST`` on their own clock, so
  converting them to UTC can never overflow; a datetime carries its offset;
- lists and objects nest at most ``MAX_DEPTH`` deep.

A field's own type narrows further (a staff id, an amount ≥ 0). A refusal is a 422
naming the field; the value is never echoed (it may be a card number or a PIN).

A body the JSON parser cannot read at all (not UTF-8, an integer of thousands of
digits, nesting past the parser's limit) is the 422 of any invalid JSON, "body: not
valid JSON", on every route whose router takes ``route_class=EdgeRoute``.
"""

import json
import re
from collections import deque
from collections.abc import Callable, Coroutine, Iterable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, ClassVar, TypeVar

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from app.security.card_numbers import PAYMENT_MIN_DIGITS, contains_card_number

MAX_TEXT = 2000
MAX_INT = 2**63 - 1
MIN_INT = -(2**63)
MAX_WHOLE_DIGITS = 18
MAX_PLACES = 4
EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)
MAX_DEPTH = 8
EDGE_ERROR = "edge"  # the type of this module's errors
CARD_NUMBER_REFUSED = "looks like a full payment card number; record at most its last four digits"

_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_OR_NUL = re.compile("[\ud800-\udfff\x00]")  # one scan for the usual text
M = TypeVar("M", bound=BaseModel)


def text_problem(text: str) -> str | None:
    """What is wrong with a text that came in, or None."""
    if len(text) > MAX_TEXT:
        return f"longer than {MAX_TEXT} characters"
    if _SURROGATE_OR_NUL.search(text):
        if _SURROGATE.search(text):
            return "not valid Unicode (a lone surrogate)"
        return "holds a NUL character"
    if len(text) >= PAYMENT_MIN_DIGITS and contains_card_number(text):
        return CARD_NUMBER_REFUSED
    return None


def time_problem(value: date) -> str | None:
    """A date or datetime outside the range, or a datetime without its offset."""
    if isinstance(value, datetime) and value.utcoffset() is None:
        return "a time needs its offset (Z or +hh:mm)"
    if not EARLIEST.year <= value.year <= LATEST.year:  # its own clock: no UTC arithmetic
        return f"outside {EARLIEST.isoformat()} to {LATEST.isoformat()}"
    return None


def _decimal_problem(value: Decimal) -> str | None:
    if not value.is_finite():
        return "not a finite number"
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite
    if value and value.adjusted() >= MAX_WHOLE_DIGITS:
        return f"at most {MAX_WHOLE_DIGITS} digits before the decimal point"
    if exponent < -MAX_PLACES:
        return f"at most {MAX_PLACES} decimal places"
    return None


def _scalar_problem(value: Any) -> str | None:
    if isinstance(value, bool | Enum | BaseModel) or value is None:
        return None  # a model has validated its own fields; an enum is one of ours
    if isinstance(value, str):
        return text_problem(value)
    if isinstance(value, int):
        return None if MIN_INT <= value <= MAX_INT else "out of range for an integer"
    if isinstance(value, float):
        return None if value == value and abs(value) != float("inf") else "not a finite number"
    if isinstance(value, Decimal):
        return _decimal_problem(value)
    if isinstance(value, date):
        return time_problem(value)
    return None


Where = tuple[str | int, ...]  # the path inside a field's value: keys and list positions
Found = tuple[Where, str]  # where, and what is wrong there


def _children(value: Any, where: Where) -> Iterable[tuple[Any, Where, str]]:
    """(child, its path, how to name it in a message): a key is checked as text too."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, where, "a key "
            yield item, (*where, str(key)), ""
    elif isinstance(value, list | tuple | set | frozenset):
        for index, item in enumerate(value):
            yield item, (*where, index), ""


def value_problem(value: Any) -> Found | None:
    """Where inside ``value`` something is wrong (``()``: the value itself) and what.

    Iterative, so hostile nesting cannot exhaust the stack."""
    pending: deque[tuple[Any, Where, str, int]] = deque([(value, (), "", 0)])
    while pending:
        item, where, naming, depth = pending.popleft()
        problem = _scalar_problem(item)
        if problem is None and isinstance(item, dict | list | tuple | set | frozenset):
            if depth >= MAX_DEPTH:
                problem = f"nested more than {MAX_DEPTH} deep"
            else:
                children = _children(item, where)
                pending.extend((child, at, name, depth + 1) for child, at, name in children)
        if problem is not None:
            return where, naming + problem
    return None


def _problem(value: Any) -> Found | None:
    """``value_problem``, without its walk for a value that holds no others (most)."""
    if isinstance(value, dict | list | tuple | set | frozenset):
        return value_problem(value)
    problem = _scalar_problem(value)
    return None if problem is None else ((), problem)


class Strict(BaseModel):
    """A request body: unknown fields refused, every field checked by ``value_problem``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    unchecked: ClassVar[frozenset[str]] = frozenset()
    """Fields validated later by a model of their own (a batch operation's body)."""

    @field_validator("*", mode="after")
    @classmethod
    def _checked_at_the_edge(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None or info.field_name in cls.unchecked:
            return value
        if type(value) is str:  # most fields: straight to the text's check
            problem = text_problem(value)
            if problem is not None:
                raise PydanticCustomError(EDGE_ERROR, problem, {"where": ()})
        else:
            found = _problem(value)
            if found is not None:  # "where" extends the field's location (helpdesk.errors)
                where, problem = found
                raise PydanticCustomError(EDGE_ERROR, problem, {"where": where})
        return value


def refuse_nulls(model: BaseModel, nullable: frozenset[str] = frozenset()) -> None:
    """A partial update names what it changes: something, and nothing set to null."""
    if not model.model_fields_set:
        raise ValueError("nothing to change: send at least one field")
    for name in sorted(model.model_fields_set - nullable):
        if getattr(model, name) is None:
            raise ValueError(f"{name}: may not be null")


def validate_body(model: type[M], plain: Any) -> M:
    """``plain`` as ``model``, or the 422 FastAPI answers for a body that does not fit."""
    try:
        return model.model_validate(plain)
    except ValidationError as error:
        raise RequestValidationError(error.errors()) from None


class _EdgeRequest(Request):
    async def json(self) -> Any:
        try:
            return await super().json()
        except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
            if isinstance(error, json.JSONDecodeError):
                raise
            raise json.JSONDecodeError("not valid JSON", "", 0) from None


class EdgeRoute(APIRoute):
    """A route whose body, when unreadable as JSON, is refused like any invalid JSON
    (FastAPI answers other parse failures with a bare 400)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def edge_handler(request: Request) -> Response:
            return await handler(_EdgeRequest(request.scope, request.receive))

        return edge_handler
