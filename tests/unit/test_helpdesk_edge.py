"""The helpdesk's one edge validator (helpdesk.edge) and the models it guards."""

import typing
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from app.demo.generator import make_guests
from app.domain import PreferenceCard
from app.wire import codec
from app.wire.contract import guest_body
from helpdesk.app import create_app
from helpdesk.config import Settings
from helpdesk.edge import CARD_NUMBER_REFUSED, Strict, value_problem
from helpdesk.errors import describe_errors, field_name
from helpdesk.guest_schema import GuestCreate, GuestPatch, PreferencesPatch

CARD = "4111 1111 1111 1111"
PLUS_14 = timezone(timedelta(hours=14))


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("Shoe jammed", None),
        ("Card ending 1111", None),
        ("loyalty 9000 0123 4567 8901", None),  # first digit 9: never a payment card
        (f"paid with {CARD}", CARD_NUMBER_REFUSED),
        ("a\ud800b", "not valid Unicode (a lone surrogate)"),
        ("a\x00b", "holds a NUL character"),
        ("x" * 2001, "longer than 2000 characters"),
        (2**63 - 1, None),
        (2**63, "out of range for an integer"),
        (-(2**63) - 1, "out of range for an integer"),
        (True, None),
        (float("nan"), "not a finite number"),
        (Decimal("12000.5"), None),
        (Decimal("sNaN"), "not a finite number"),
        (Decimal("-Infinity"), "not a finite number"),
        (Decimal("1E+18"), "at most 18 digits before the decimal point"),
        (Decimal("999999999999999999.9999"), None),
        (Decimal("0.00001"), "at most 4 decimal places"),
        (datetime(2026, 11, 27, tzinfo=UTC), None),
        (datetime(1, 1, 1, tzinfo=PLUS_14), "outside 2000-01-01 to 2099-12-31"),
        (datetime(9999, 12, 31, tzinfo=UTC), "outside 2000-01-01 to 2099-12-31"),
        (datetime(2026, 11, 27), "a time needs its offset (Z or +hh:mm)"),
        (date(2100, 1, 1), "outside 2000-01-01 to 2099-12-31"),
        (["tea", CARD], ((1,), CARD_NUMBER_REFUSED)),
        ({"note": {"deep": [2**64]}}, (("note", "deep", 0), "out of range for an integer")),
        ({CARD: 1}, ((), f"a key {CARD_NUMBER_REFUSED}")),
    ],
)
def test_every_kind_of_value_is_checked(value: Any, problem: Any) -> None:
    expected = problem if problem is None or isinstance(problem, tuple) else ((), problem)
    assert value_problem(value) == expected


def test_hostile_nesting_is_refused_without_recursion() -> None:
    deep: Any = "leaf"
    for _ in range(100_000):  # far beyond Python's recursion limit
        deep = [deep]
    assert value_problem(deep) == ((0,) * 8, "nested more than 8 deep")


def _body_schemas(tmp_path: Path) -> dict[str, str]:
    """Each route with a JSON body, and the name of its body's schema ("" for none)."""
    app = create_app(Settings(db_url=f"sqlite:///{tmp_path / 'helpdesk.db'}"))
    bodies: dict[str, str] = {}
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                reference = content["application/json"]["schema"].get("$ref", "")
                bodies[f"{method.upper()} {path}"] = reference.rpartition("/")[2]
    return bodies


def _strict_models() -> dict[str, type[Strict]]:
    found: dict[str, type[Strict]] = {}
    pending = [Strict]
    while pending:
        for model in pending.pop().__subclasses__():
            found[model.__name__] = model
            pending.append(model)
    return found


# Routes whose handler reads a raw body and validates it with a model of its own (the
# guest create keeps the body as sent for its idempotency): the model that checks it.
RAW_BODIES: dict[str, type[BaseModel]] = {"POST /v1/guests": GuestCreate}


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        for field in annotation.model_fields.values():
            yield from _models_in(field.annotation)
    for argument in typing.get_args(annotation):  # X | None, tuple[X, ...], Annotated[X, …]
        yield from _models_in(argument)


def test_every_body_of_every_route_goes_through_the_edge_validator(tmp_path: Path) -> None:
    """A new route, or a new model, cannot forget the checks: each body is a Strict."""
    bodies, strict = _body_schemas(tmp_path), _strict_models()
    assert {"POST /v1/incidents", "POST /v1/batch", "PATCH /v1/guests/{guest_id}"} <= set(bodies)
    for route, schema in bodies.items():
        model = RAW_BODIES[route] if not schema else strict[schema]  # KeyError: not a Strict
        for nested in _models_in(model):
            assert issubclass(nested, Strict), (route, nested)


def test_the_console_s_own_guests_are_accepted() -> None:
    guests = make_guests(300, 7, ["H001", "H002"], date(2026, 11, 27), "scrypt$2$1$1$c2FsdA$aGFzaA")
    for guest in guests:
        body = guest_body(guest)
        GuestCreate.model_validate(body)  # raises on a refusal
        assert codec.decode(body, type(guest)) == guest


def test_a_preference_patch_names_exactly_the_card_s_lists() -> None:
    hints = codec.field_types(PreferenceCard)
    lists = {name for name, hint in hints.items() if hint == tuple[str, ...]}
    assert set(PreferencesPatch.model_fields) == lists


def test_an_error_names_its_field_and_never_a_refused_name() -> None:
    assert field_name(("operations", 0, "body")) == "operations[0].body"
    assert field_name(("preferences", "drinks", 2)) == "preferences.drinks[2]"
    assert field_name(()) == "body"
    assert field_name((CARD,)) == "(a refused name)"
    assert field_name(("\ud800",)) == "(a refused name)"
    assert field_name(("x" * 100,)) == "x" * 40 + "…"
    detail, items = describe_errors(
        [{"loc": ("body", CARD), "type": "extra_forbidden", "msg": "Extra inputs"}]
    )
    assert detail == "(a refused name): unknown field"
    assert items == [{"field": "(a refused name)", "message": "unknown field"}]


def test_a_refusal_inside_a_field_names_where_inside() -> None:
    with pytest.raises(ValidationError) as refused:
        GuestPatch.model_validate({"preferences": {"drinks": ["tea", CARD]}})
    detail, items = describe_errors(refused.value.errors())
    assert detail == f"preferences.drinks[1]: {CARD_NUMBER_REFUSED}"
    assert CARD not in str(items)
