"""The compensation matrix: data a property edits, validated at load.

Every problem raises ``app.policy.PolicyError`` naming the key, e.g.
``events.p1_delay.VIP[0].amount: expected a positive number, got -5``.
"""

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from app.domain import Tier
from app.policy import PolicyError

DEFAULT_FILE = "default_compensation.toml"
_ITEM_KEYS = {"kind", "label", "amount", "play", "conditions"}


class RecoveryEvent(StrEnum):
    P1_DELAY = "p1_delay"
    ROOM_OVERBOOKING = "room_overbooking"
    BROKEN_TRANSFER = "broken_transfer"
    BILLING_ERROR = "billing_error"
    VIP_ROOM_WAIT = "vip_room_wait"


@dataclass(frozen=True, slots=True)
class CompensationItem:
    kind: str
    label: str
    conditions: str
    amount: Decimal | None = None
    play_incentive: bool = False


@dataclass(frozen=True, slots=True)
class CompensationMatrix:
    currency: str
    events: Mapping[RecoveryEvent, Mapping[Tier, tuple[CompensationItem, ...]]]
    instead_of_play: CompensationItem

    def items(self, event: RecoveryEvent, tier: Tier) -> tuple[CompensationItem, ...]:
        return self.events[event][tier]


def load_matrix(path: Path | None = None) -> CompensationMatrix:
    """The property's matrix from ``path``, or the shipped default."""
    if path is None:
        text = resources.files("app.recovery").joinpath(DEFAULT_FILE).read_text("utf-8")
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise PolicyError(str(path), f"cannot be read: {error.strerror}") from error
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PolicyError("<file>", f"not valid TOML: {error}") from error
    _only(raw, "", {"schema", "currency", "instead", "events"})
    if raw.get("schema") != 1:
        raise PolicyError("schema", f"expected 1, got {raw.get('schema')!r}")
    currency = raw.get("currency")
    if not isinstance(currency, str) or len(currency) != 3 or not currency.isupper():
        raise PolicyError("currency", f"expected a 3-letter currency code, got {currency!r}")
    instead = _item(raw.get("instead"), "instead")
    if instead.play_incentive:
        raise PolicyError("instead.play", "the alternative to play incentives cannot be one")
    events = raw.get("events")
    if not isinstance(events, dict):
        raise PolicyError("events", "expected a table of events")
    _only(events, "events", {e.value for e in RecoveryEvent}, required=True)
    return CompensationMatrix(
        currency=currency,
        events=MappingProxyType(
            {RecoveryEvent(name): _per_tier(events[name], f"events.{name}") for name in events}
        ),
        instead_of_play=instead,
    )


def _per_tier(raw: object, path: str) -> Mapping[Tier, tuple[CompensationItem, ...]]:
    if not isinstance(raw, dict):
        raise PolicyError(path, "expected a table with VIP and VVIP")
    _only(raw, path, {t.value for t in Tier}, required=True)
    result = {}
    for tier in Tier:
        items = raw[tier.value]
        if not isinstance(items, list) or not items:
            raise PolicyError(f"{path}.{tier}", "expected a non-empty list of items")
        result[tier] = tuple(_item(item, f"{path}.{tier}[{i}]") for i, item in enumerate(items))
    return MappingProxyType(result)


def _item(raw: object, path: str) -> CompensationItem:
    if not isinstance(raw, dict):
        raise PolicyError(path, "expected a table")
    _only(raw, path, _ITEM_KEYS)
    for key in ("kind", "label", "conditions"):
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            raise PolicyError(f"{path}.{key}", f"expected some text, got {value!r}")
    play = raw.get("play", False)
    if not isinstance(play, bool):
        raise PolicyError(f"{path}.play", f"expected true or false, got {play!r}")
    return CompensationItem(
        kind=raw["kind"],
        label=raw["label"],
        conditions=raw["conditions"],
        amount=_amount(raw.get("amount"), f"{path}.amount"),
        play_incentive=play,
    )


def _amount(raw: object, path: str) -> Decimal | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise PolicyError(path, f"expected a positive number, got {raw!r}")
    try:
        value = Decimal(str(raw))
    except InvalidOperation as error:
        raise PolicyError(path, f"expected a positive number, got {raw!r}") from error
    if not value.is_finite() or value <= 0:
        raise PolicyError(path, f"expected a positive number, got {raw!r}")
    return value


def _only(table: dict[str, object], path: str, keys: set[str], required: bool = False) -> None:
    prefix = f"{path}." if path else ""
    for key in table:
        if key not in keys:
            raise PolicyError(f"{prefix}{key}", f"unknown key; expected one of {sorted(keys)}")
    if required:
        for key in sorted(keys - table.keys()):
            raise PolicyError(f"{prefix}{key}", "missing")
