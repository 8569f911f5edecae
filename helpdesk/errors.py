"""Validation errors as the contract describes them: each names its field."""

from collections.abc import Sequence
from typing import Any


def describe_errors(errors: Sequence[Any]) -> tuple[str, list[dict[str, str]]]:
    """``"priority: Input should be 'P1', …"``: each error names its field.

    The offending input is never echoed back (it may hold a PIN or a card number)."""
    described: list[dict[str, str]] = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
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
        described.append({"field": ".".join(loc) or "body", "message": message})
    text = "; ".join(f"{item['field']}: {item['message']}" for item in described)
    return text or "invalid request", described
