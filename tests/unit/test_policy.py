"""The policy file: shipped values match SPEC §5, and bad files are refused by key path."""

from datetime import timedelta
from importlib import resources
from pathlib import Path

import pytest

from app.domain.enums import Category, Channel, Priority, Tier
from app.policy import PolicyError, Span, load_policy

DEFAULT_TEXT = resources.files("app.policy").joinpath("default_policy.toml").read_text("utf-8")
POLICY = load_policy()


@pytest.mark.parametrize(
    ("channel", "vip", "vvip"),
    [
        pytest.param(Channel.PHONE, 20, 10, id="phone 20/10 s"),
        pytest.param(Channel.CHAT, 30, 15, id="chat 30/15 s"),
        pytest.param(Channel.EMAIL, 15 * 60, 10 * 60, id="email 15/10 min"),
    ],
)
def test_response_targets(channel: Channel, vip: int, vvip: int) -> None:
    assert POLICY.response_target(channel, Tier.VIP) == timedelta(seconds=vip)
    assert POLICY.response_target(channel, Tier.VVIP) == timedelta(seconds=vvip)


def test_callback_target_and_channels_without_one() -> None:
    assert POLICY.response["callback"][Tier.VVIP] == timedelta(minutes=1)
    assert POLICY.response_target(Channel.ONSITE, Tier.VIP) is None


def test_p4_targets_are_business_days() -> None:
    assert POLICY.priorities[Priority.P4].resolve[Tier.VIP] == Span.days(3)
    assert POLICY.priorities[Priority.P4].update_every[Tier.VIP] == Span.days(1)


def test_trigger_and_payment_categories() -> None:
    rules = POLICY.escalation
    assert rules.trigger_categories == {
        Category.ACCOUNT_BLOCKED,
        Category.PAYMENT_DISPUTE,
        Category.BROKEN_TRANSFER,
        Category.ROOM_OVERBOOKING,
    }
    assert rules.payments.categories == {Category.PAYMENT_DISPUTE, Category.PAYMENT_FAILED}


def test_a_copy_of_the_default_file_loads_to_the_same_policy(tmp_path: Path) -> None:
    path = tmp_path / "copy.toml"
    path.write_text(DEFAULT_TEXT, encoding="utf-8")
    assert load_policy(path) == POLICY


def edit(old: str, new: str) -> str:
    assert DEFAULT_TEXT.count(old) == 1, f"the default policy no longer holds {old!r}"
    return DEFAULT_TEXT.replace(old, new)


P1 = "[priorities.P1]  # game or account unavailable, payment failed\n"

BAD_FILES = [
    pytest.param(
        edit("resolve = { VIP = 120, VVIP = 120 }", "resolve = { VIP = 120, VVIP = -5 }"),
        "priorities.P1.resolve.VVIP: expected a positive duration in minutes, got -5",
        id="negative duration",
    ),
    pytest.param(
        edit("stabilise = { VIP = 15, VVIP = 15 }", "stabilise = { VIP = true, VVIP = 15 }"),
        "priorities.P1.stabilise.VIP: expected a positive duration in minutes, got True",
        id="boolean duration",
    ),
    pytest.param(
        edit("stabilise = { VIP = 15, VVIP = 15 }", "stabilise = { VIP = 15 }"),
        "priorities.P1.stabilise.VVIP: missing",
        id="missing tier",
    ),
    pytest.param(
        edit(P1, P1 + "stabilize = { VIP = 15, VVIP = 15 }\n"),
        "priorities.P1.stabilize: unknown key",
        id="misspelt key",
    ),
    pytest.param(
        edit("stabilise = { VIP = 15, VVIP = 15 }", "stabilise = { VIP = 150, VVIP = 15 }"),
        "priorities.P1.stabilise.VIP: must not exceed resolve (120 min), got 150",
        id="stabilise after resolve",
    ),
    pytest.param(
        edit("resolve = { VIP = 1440, VVIP = 1440 }\n", ""),
        "priorities.P3.resolve: missing",
        id="missing resolve",
    ),
    pytest.param(
        edit(
            "resolve_business_days = { VIP = 3, VVIP = 3 }",
            "resolve_business_days = { VIP = 3, VVIP = 3 }\nresolve = { VIP = 60, VVIP = 60 }",
        ),
        "priorities.P4.resolve_business_days: give resolve or resolve_business_days, not both",
        id="two units",
    ),
    pytest.param(
        edit('timezone = "Australia/Sydney"', 'timezone = "Mars/Olympus_Mons"'),
        "calendar.timezone: unknown time zone 'Mars/Olympus_Mons'",
        id="unknown time zone",
    ),
    pytest.param(
        edit('"mon", "tue"', '"mon", "funday"'),
        "calendar.business_weekdays[1]: expected one of",
        id="bad weekday",
    ),
    pytest.param(
        edit('{ date = 2026-01-26, name = "Australia Day" }', '{ date = "26/01", name = "x" }'),
        "calendar.holidays[1].date: expected a date like 2026-01-26, got '26/01'",
        id="holiday date as text",
    ),
    pytest.param(
        edit('{ date = 2026-01-26, name = "Australia Day" }', '{ date = 2026-01-01, name = "x" }'),
        "calendar.holidays[1].date: duplicate holiday 2026-01-01",
        id="duplicate holiday",
    ),
    pytest.param(
        edit('"room_overbooking"]', '"room_overbooking", "alien_abduction"]'),
        "escalation.trigger_categories[4]: expected one of",
        id="unknown category",
    ),
    pytest.param(
        edit("L3 = { VIP = 30, VVIP = 30 }", "L3 = { VIP = 30, VVIP = 5 }"),
        "escalation.ladder.L3.VVIP: must not come before L2 (10 min), got 5",
        id="ladder out of order",
    ),
    pytest.param(
        edit("breach_level = 3", "breach_level = 5"),
        "escalation.breach_level: expected a level from 1 to 4, got 5",
        id="level out of range",
    ),
    pytest.param(
        edit('L2 = "Finance"', 'L2 = ""'),
        "escalation.payments.L2: expected a non-empty string, got ''",
        id="empty who",
    ),
    pytest.param(
        edit("bank_sla_business_days = 2", "bank_sla_business_days = 0"),
        "escalation.payments.bank_sla_business_days: expected a positive number of business days",
        id="zero bank SLA",
    ),
    pytest.param(
        edit("phone = { VIP = 20, VVIP = 10 }", "onsite = { VIP = 20, VVIP = 10 }"),
        "response_seconds.onsite: unknown key",
        id="response target for onsite",
    ),
    pytest.param(edit("schema = 1", "schema = 2"), "schema: expected 1, got 2", id="schema"),
    pytest.param("surprise = 1\n" + DEFAULT_TEXT, "surprise: unknown key", id="unknown top"),
    pytest.param(DEFAULT_TEXT + "\n[onsite\n", "bad.toml: not valid TOML", id="TOML syntax"),
]


@pytest.mark.parametrize(("text", "message"), BAD_FILES)
def test_bad_policy_file_is_refused_naming_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    assert str(caught.value).startswith(message)


def test_a_missing_file_is_a_policy_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="nowhere.toml: cannot read"):
        load_policy(tmp_path / "nowhere.toml")
