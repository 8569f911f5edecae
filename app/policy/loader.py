"""Read and validate a policy file. Everything is checked here, at load.

Any problem raises ``PolicyError`` whose message starts with the key path, e.g.
``priorities.P1.resolve.VVIP: expected a positive duration in minutes, got -5``.
Unknown keys are refused so a typo never silently falls back to a default.
"""

import tomllib
from collections.abc import Mapping
from datetime import date, timedelta
from enum import StrEnum
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.domain.enums import Category, Channel, Priority, Role, Tier
from app.policy.calendar import BusinessCalendar
from app.policy.model import (
    EscalationPath,
    EscalationPolicy,
    OnsiteSla,
    PerTier,
    PrioritySla,
    SessionPolicy,
    SlaPolicy,
    Span,
    UrgencyPolicy,
)

SCHEMA_VERSION = 1
DEFAULT_POLICY_FILE = "default_policy.toml"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LEVELS = (1, 2, 3, 4)
# Minutes without input before a console locks, when the policy file does not say.
# The amber "breach within N minutes" window and the last-minute alert, when the policy
# file does not say (default_policy.toml explains the figures).
DEFAULT_WARN_MINUTES = {Priority.P1: 10, Priority.P2: 15, Priority.P3: 60, Priority.P4: 240}
DEFAULT_ALERT_SECONDS = 60
DEFAULT_IDLE_LOCK_MINUTES = {
    Role.HOST: 5,
    Role.PIT_BOSS: 10,  # away at a table: reaction (2 min) and decision (10 min) there
    Role.VIP_DESK: 5,
    Role.CONCIERGE: 5,
    Role.DUTY_MANAGER: 5,
}
# Roles added after property files were written: a file that does not name them keeps
# loading, with the default above for them.
OPTIONAL_IDLE_LOCK_ROLES = frozenset({Role.DUTY_MANAGER})

E = TypeVar("E", bound=StrEnum)
Table = dict[str, object]


class PolicyError(ValueError):
    """The policy file is unreadable or holds a bad key or value."""

    def __init__(self, key_path: str, problem: str) -> None:
        super().__init__(f"{key_path}: {problem}")
        self.key_path = key_path


def default_policy_text() -> str:
    """The shipped default policy file, e.g. for a property to start its own copy."""
    source = resources.files("app.policy").joinpath(DEFAULT_POLICY_FILE)
    return source.read_text(encoding="utf-8")


def load_policy(path: Path | None = None) -> SlaPolicy:
    """Load ``path``, or the shipped default policy when ``path`` is None."""
    if path is None:
        return loads_policy(default_policy_text(), DEFAULT_POLICY_FILE)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(path.name, f"cannot read the policy file: {exc}") from exc
    return loads_policy(text, path.name)


def loads_policy(text: str, source: str = "<policy>") -> SlaPolicy:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(source, f"not valid TOML: {exc}") from exc
    root = _table(
        raw,
        "",
        required={"schema", "calendar", "priorities", "onsite", "escalation"},
        optional={"name", "response_seconds", "session", "urgency"},
    )
    if root["schema"] != SCHEMA_VERSION or isinstance(root["schema"], bool):
        raise PolicyError("schema", f"expected {SCHEMA_VERSION}, got {root['schema']!r}")
    name = root.get("name", "")
    if not isinstance(name, str):
        raise PolicyError("name", f"expected a string, got {name!r}")
    onsite = _onsite(root["onsite"], "onsite")
    return SlaPolicy(
        name=name,
        calendar=_calendar(root["calendar"], "calendar"),
        priorities=_priorities(root["priorities"], "priorities"),
        onsite=onsite,
        response=_response(root.get("response_seconds", {}), "response_seconds"),
        escalation=_escalation(root["escalation"], "escalation"),
        session=_session(root.get("session"), "session", onsite),
        urgency=_urgency(root.get("urgency"), "urgency"),
    )


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _table(raw: object, path: str, required: set[str], optional: set[str] | None = None) -> Table:
    if not isinstance(raw, dict):
        raise PolicyError(path, f"expected a table, got {raw!r}")
    allowed = required | (optional or set())
    for key in raw:
        if key not in allowed:
            raise PolicyError(
                _join(path, key), f"unknown key (allowed: {', '.join(sorted(allowed))})"
            )
    for key in sorted(required):
        if key not in raw:
            raise PolicyError(_join(path, key), "missing")
    return raw


def _positive_int(raw: object, path: str, what: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw <= 0:
        raise PolicyError(path, f"expected a positive {what}, got {raw!r}")
    return raw


def _text(raw: object, path: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise PolicyError(path, f"expected a non-empty string, got {raw!r}")
    return raw


def _per_tier_ints(raw: object, path: str, what: str) -> dict[Tier, int]:
    table = _table(raw, path, required={t.value for t in Tier})
    return {t: _positive_int(table[t.value], _join(path, t.value), what) for t in Tier}


def _minutes(raw: object, path: str) -> PerTier:
    values = _per_tier_ints(raw, path, "duration in minutes")
    return MappingProxyType({t: Span.minutes(v) for t, v in values.items()})


def _business_days(raw: object, path: str) -> PerTier:
    values = _per_tier_ints(raw, path, "number of business days")
    return MappingProxyType({t: Span.days(v) for t, v in values.items()})


def _enum_list(raw: object, path: str, enum: type[E]) -> frozenset[E]:
    if not isinstance(raw, list):
        raise PolicyError(path, f"expected a list, got {raw!r}")
    values = {member.value: member for member in enum}
    members: set[E] = set()
    for index, item in enumerate(raw):
        if not isinstance(item, str) or item not in values:
            raise PolicyError(
                f"{path}[{index}]", f"expected one of {', '.join(values)}, got {item!r}"
            )
        members.add(values[item])
    return frozenset(members)


def _level(raw: object, path: str) -> int:
    if isinstance(raw, bool) or raw not in LEVELS:
        raise PolicyError(path, f"expected a level from 1 to 4, got {raw!r}")
    assert isinstance(raw, int)
    return raw


def _calendar(raw: object, path: str) -> BusinessCalendar:
    table = _table(raw, path, required={"timezone", "business_weekdays", "holidays"})
    tz_path = _join(path, "timezone")
    timezone = _text(table["timezone"], tz_path)
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise PolicyError(tz_path, f"unknown time zone {timezone!r}") from exc
    days_path = _join(path, "business_weekdays")
    names = table["business_weekdays"]
    if not isinstance(names, list) or not names:
        raise PolicyError(days_path, f"expected a non-empty list of weekdays, got {names!r}")
    weekdays: set[int] = set()
    for index, day in enumerate(names):
        if day not in WEEKDAYS:
            raise PolicyError(f"{days_path}[{index}]", f"expected one of {WEEKDAYS}, got {day!r}")
        weekdays.add(WEEKDAYS.index(str(day)))
    return BusinessCalendar(
        timezone=timezone,
        weekdays=frozenset(weekdays),
        holidays=_holidays(table["holidays"], _join(path, "holidays")),
    )


def _holidays(raw: object, path: str) -> Mapping[date, str]:
    if not isinstance(raw, list):
        raise PolicyError(path, f"expected a list of {{ date, name }} tables, got {raw!r}")
    holidays: dict[date, str] = {}
    for index, item in enumerate(raw):
        item_path = f"{path}[{index}]"
        entry = _table(item, item_path, required={"date", "name"})
        day = entry["date"]
        if type(day) is not date:  # a TOML datetime is a date subclass: refuse it
            raise PolicyError(f"{item_path}.date", f"expected a date like 2026-01-26, got {day!r}")
        if day in holidays:
            raise PolicyError(f"{item_path}.date", f"duplicate holiday {day.isoformat()}")
        holidays[day] = _text(entry["name"], f"{item_path}.name")
    return MappingProxyType(holidays)


def _one_of(table: Table, path: str, minutes_key: str, days_key: str) -> PerTier:
    if minutes_key in table and days_key in table:
        raise PolicyError(_join(path, days_key), f"give {minutes_key} or {days_key}, not both")
    if days_key in table:
        return _business_days(table[days_key], _join(path, days_key))
    if minutes_key not in table:
        raise PolicyError(_join(path, minutes_key), f"missing (or give {days_key})")
    return _minutes(table[minutes_key], _join(path, minutes_key))


def _priorities(raw: object, path: str) -> Mapping[Priority, PrioritySla]:
    table = _table(raw, path, required={p.value for p in Priority})
    result: dict[Priority, PrioritySla] = {}
    for priority in Priority:
        p_path = _join(path, priority.value)
        entry = _table(
            table[priority.value],
            p_path,
            required=set(),
            optional={
                "stabilise",
                "resolve",
                "resolve_business_days",
                "update_every",
                "update_every_business_days",
            },
        )
        resolve = _one_of(entry, p_path, "resolve", "resolve_business_days")
        stabilise = None
        if "stabilise" in entry:
            stabilise = _minutes(entry["stabilise"], _join(p_path, "stabilise"))
            _check_not_after(stabilise, resolve, _join(p_path, "stabilise"), "resolve")
        update_every = _one_of(entry, p_path, "update_every", "update_every_business_days")
        result[priority] = PrioritySla(
            stabilise=stabilise, resolve=resolve, update_every=update_every
        )
    return MappingProxyType(result)


def _check_not_after(earlier: PerTier, later: PerTier, path: str, later_name: str) -> None:
    for tier in Tier:
        first, second = earlier[tier].wall, later[tier].wall
        if first is not None and second is not None and first > second:
            raise PolicyError(
                _join(path, tier.value),
                f"must not exceed {later_name} ({second // timedelta(minutes=1)} min), "
                f"got {first // timedelta(minutes=1)}",
            )


def _onsite(raw: object, path: str) -> OnsiteSla:
    keys = ("reaction", "decision", "manager_arrival", "equipment_down")
    table = _table(raw, path, required=set(keys))
    spans = {key: _minutes(table[key], _join(path, key)) for key in keys}
    return OnsiteSla(**spans)


def _response(raw: object, path: str) -> Mapping[str, Mapping[Tier, timedelta]]:
    channels = {c.value for c in Channel} - {Channel.ONSITE.value}
    table = _table(raw, path, required=set(), optional=channels | {"callback"})
    result: dict[str, Mapping[Tier, timedelta]] = {}
    for key, value in table.items():
        seconds = _per_tier_ints(value, _join(path, key), "duration in seconds")
        result[key] = MappingProxyType({t: timedelta(seconds=s) for t, s in seconds.items()})
    return MappingProxyType(result)


def _escalation(raw: object, path: str) -> EscalationPolicy:
    table = _table(
        raw,
        path,
        required={
            "ladder_priorities",
            "trigger_categories",
            "trigger_level",
            "breach_level",
            "ladder",
            "standard",
            "payments",
        },
    )
    return EscalationPolicy(
        ladder=_ladder(table["ladder"], _join(path, "ladder")),
        ladder_priorities=_enum_list(
            table["ladder_priorities"], _join(path, "ladder_priorities"), Priority
        ),
        trigger_categories=_enum_list(
            table["trigger_categories"], _join(path, "trigger_categories"), Category
        ),
        trigger_level=_level(table["trigger_level"], _join(path, "trigger_level")),
        breach_level=_level(table["breach_level"], _join(path, "breach_level")),
        standard=_path(table["standard"], _join(path, "standard"), payments=False),
        payments=_path(table["payments"], _join(path, "payments"), payments=True),
    )


def _ladder(raw: object, path: str) -> Mapping[int, Mapping[Tier, timedelta]]:
    table = _table(raw, path, required={"L2", "L3", "L4"})
    ladder: dict[int, Mapping[Tier, timedelta]] = {}
    for level in (2, 3, 4):
        key = f"L{level}"
        minutes = _per_tier_ints(table[key], _join(path, key), "duration in minutes")
        for tier, value in minutes.items():
            previous = ladder.get(level - 1, {}).get(tier)
            if previous is not None and timedelta(minutes=value) < previous:
                raise PolicyError(
                    _join(_join(path, key), tier.value),
                    f"must not come before L{level - 1} "
                    f"({previous // timedelta(minutes=1)} min), got {value}",
                )
        ladder[level] = MappingProxyType({t: timedelta(minutes=m) for t, m in minutes.items()})
    return MappingProxyType(ladder)


def _path(raw: object, path: str, *, payments: bool) -> EscalationPath:
    levels = {f"L{level}" for level in LEVELS}
    extra = {"categories", "bank_sla_business_days"} if payments else set()
    table = _table(
        raw, path, required=levels | ({"categories"} if payments else set()), optional=extra
    )
    who = {level: _text(table[f"L{level}"], _join(path, f"L{level}")) for level in LEVELS}
    categories: frozenset[Category] = frozenset()
    bank_sla = None
    if payments:
        categories = _enum_list(table["categories"], _join(path, "categories"), Category)
        if "bank_sla_business_days" in table:
            key = _join(path, "bank_sla_business_days")
            bank_sla = Span.days(
                _positive_int(table["bank_sla_business_days"], key, "number of business days")
            )
    return EscalationPath(who=MappingProxyType(who), categories=categories, bank_sla=bank_sla)


def _session(raw: object, path: str, onsite: OnsiteSla) -> SessionPolicy:
    """Idle lock per role; a pit boss's must outlast the onsite reaction target (they
    leave the tablet to reach the table and must not come back to a locked screen)."""
    minutes = dict(DEFAULT_IDLE_LOCK_MINUTES)
    if raw is not None:
        table = _table(raw, path, required=set(), optional={"idle_lock_minutes"})
        key = _join(path, "idle_lock_minutes")
        if "idle_lock_minutes" in table:
            given = _table(
                table["idle_lock_minutes"],
                key,
                required={r.value for r in Role if r not in OPTIONAL_IDLE_LOCK_ROLES},
                optional={r.value for r in OPTIONAL_IDLE_LOCK_ROLES},
            )
            minutes |= {
                r: _positive_int(given[r.value], _join(key, r.value), "number of minutes")
                for r in Role
                if r.value in given
            }
    reaction = max(span.wall or timedelta(0) for span in onsite.reaction.values())
    pit_boss = timedelta(minutes=minutes[Role.PIT_BOSS])
    if pit_boss <= reaction:
        raise PolicyError(
            _join(path, f"idle_lock_minutes.{Role.PIT_BOSS.value}"),
            f"must be longer than the onsite reaction target "
            f"({reaction // timedelta(minutes=1)} min), got {minutes[Role.PIT_BOSS]}",
        )
    return SessionPolicy(MappingProxyType({r: timedelta(minutes=m) for r, m in minutes.items()}))


def _urgency(raw: object, path: str) -> UrgencyPolicy:
    warn = dict(DEFAULT_WARN_MINUTES)
    alert = DEFAULT_ALERT_SECONDS
    if raw is not None:
        table = _table(raw, path, required=set(), optional={"warn_minutes", "alert_seconds"})
        if "warn_minutes" in table:
            key = _join(path, "warn_minutes")
            given = _table(table["warn_minutes"], key, required={p.value for p in Priority})
            warn = {
                p: _positive_int(given[p.value], _join(key, p.value), "number of minutes")
                for p in Priority
            }
        if "alert_seconds" in table:
            key = _join(path, "alert_seconds")
            alert = _positive_int(table["alert_seconds"], key, "number of seconds")
    return UrgencyPolicy(
        warn=MappingProxyType({p: timedelta(minutes=m) for p, m in warn.items()}),
        alert_before=timedelta(seconds=alert),
    )
