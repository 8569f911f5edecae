"""Validation errors as the contract describes them: each names its field."""

from collections.abc import Sequence
from typing import Any

from helpdesk.edge import EDGE_ERROR, text_problem

MAX_NAME = 40


def _field_part(part: Any) -> str:
    """One step of a field's location, safe to send back: a name from the body may be
    anything (an unknown field called like a card number, a lone surrogate)."""
    if isinstance(part, int):
        return f"[{part}]"
    text = str(part)
    if text_problem(text) is not None:
        return "(a refused name)"
    return text if len(text) <= MAX_NAME else text[:MAX_NAME] + "…"


def field_name(loc: Sequence[Any]) -> str:
    """``("operations", 0, "body")`` as ``operations[0].body``."""
    name = ""
    for part in loc:
        text = _field_part(part)
        name += text if text.startswith("[") or not name else f".{text}"
    return name or "body"


def describe_errors(errors: Sequence[Any]) -> tuple[str, list[dict[str, str]]]:
    """``"priority: Input should be 'P1', …"``: each error names its field.

    The offending input is never echoed back (it may hold a PIN or a card number)."""
    described: list[dict[str, str]] = []
    for error in errors:
        loc = list(error.get("loc", ()))
        if loc and loc[0] in ("body", "query", "path", "header", "cookie"):
            loc = loc[1:]
        kind = error.get("type", "")
        message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
        if kind == "json_invalid":
            loc, message = [], "not valid JSON"
        elif kind == "extra_forbidden":
            message = "unknown field"
        elif kind == "missing":
            message = "required"
        elif kind == EDGE_ERROR:  # found inside the field's value: a list item, a key
            loc += list(error.get("ctx", {}).get("where", ()))
        described.append({"field": field_name(loc), "message": message})
    text = "; ".join(f"{item['field']}: {item['message']}" for item in described)
    return text or "invalid request", described
