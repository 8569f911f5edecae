"""AML threshold transaction report prompt and record; responsible gambling help text."""

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.actor import Actor
from app.clock import FakeClock
from app.compliance.aml import (
    AmlPolicy,
    AmlPolicyError,
    AmlService,
    TtrOutcome,
    TtrReason,
    assess_ttr,
    default_aml_policy,
    load_aml_policy,
    loads_aml_policy,
    requires_ttr,
)
from app.compliance.rg import help_resources, help_resources_text
from app.domain import Category, Channel, Priority, Role
from app.policy import load_policy
from app.services.errors import PermissionDenied
from app.services.incidents import IncidentDraft, IncidentNotFound, IncidentService
from app.services.validation import CardNumberRefused
from offline_cache import SqliteStore, open_store

T0 = datetime(2026, 11, 27, 4, 0, tzinfo=UTC)
RATES = AmlPolicy(aud_per_unit={"USD": Decimal("1.50"), "HKD": Decimal("0.20")})
POLICY_TEXT = """
schema = 1
ttr_threshold_aud = "10000"
rate_margin = "0.10"
[aud_per_unit]
USD = "1.50"
hkd = 0.2
"""


@pytest.mark.parametrize(
    ("amount", "currency", "required", "reason"),
    [
        (None, "AUD", False, TtrReason.NO_AMOUNT),
        ("0", "AUD", False, TtrReason.NO_AMOUNT),
        ("9999.99", "AUD", False, TtrReason.BELOW_THRESHOLD),
        ("10000", "AUD", True, TtrReason.AT_OR_ABOVE_THRESHOLD),
        ("10000.00", " aud ", True, TtrReason.AT_OR_ABOVE_THRESHOLD),
        ("250000", "AUD", True, TtrReason.AT_OR_ABOVE_THRESHOLD),
        ("-12000", "AUD", True, TtrReason.AT_OR_ABOVE_THRESHOLD),  # a refund counts by size
        # USD at 1.50, +10 % margin: USD 6,060.61 -> AUD 10,000.01.
        ("6060.61", "USD", True, TtrReason.AT_OR_ABOVE_THRESHOLD),
        ("6060.60", "USD", False, TtrReason.BELOW_THRESHOLD),
        ("40000", "HKD", False, TtrReason.BELOW_THRESHOLD),  # AUD 8,800
        ("50000", "HKD", True, TtrReason.AT_OR_ABOVE_THRESHOLD),  # AUD 11,000
        # No rate: conservative, any amount prompts.
        ("50", "EUR", True, TtrReason.NOT_CONVERTIBLE),
        ("50", "", True, TtrReason.NOT_CONVERTIBLE),
        ("0", "EUR", False, TtrReason.NO_AMOUNT),
        ("NaN", "AUD", True, TtrReason.UNREADABLE_AMOUNT),
        ("Infinity", "AUD", True, TtrReason.UNREADABLE_AMOUNT),
    ],
)
def test_when_a_ttr_is_prompted(
    amount: str | None, currency: str, required: bool, reason: TtrReason
) -> None:
    value = Decimal(amount) if amount is not None else None
    assessment = assess_ttr(value, currency, RATES)
    assert (assessment.required, assessment.reason) == (required, reason)
    assert requires_ttr(value, currency, RATES) is required
    assert ("TTR" in assessment.message) is required


def test_the_shipped_policy_is_aud_10000_without_rates() -> None:
    policy = default_aml_policy()
    assert policy.ttr_threshold_aud == Decimal("10000")
    assert dict(policy.aud_per_unit) == {}
    assert requires_ttr(Decimal("10000"), "AUD", None)
    assert not requires_ttr(Decimal("9999.99"), "AUD")
    assert requires_ttr(Decimal("100"), "HKD")  # no rate shipped: always asked


def test_a_property_policy_file(tmp_path: Path) -> None:
    path = tmp_path / "aml.toml"
    path.write_text(POLICY_TEXT, encoding="utf-8")
    policy = load_aml_policy(path)
    assert dict(policy.aud_per_unit) == {"USD": Decimal("1.50"), "HKD": Decimal("0.2")}
    assert policy.rate_margin == Decimal("0.10")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("schema = 2\nttr_threshold_aud = 10000", "schema"),
        ("schema = 1", "ttr_threshold_aud"),
        ("schema = 1\nttr_threshold_aud = -1", "positive"),
        ("schema = 1\nttr_threshold_aud = 'ten'", "expected a number"),
        ("schema = 1\nttr_threshold_aud = 10000\nthreshold = 5", "unknown keys"),
        ("schema = 1\nttr_threshold_aud = 10000\n[aud_per_unit]\nDOLLAR = 1", "ISO 4217"),
        ("schema = 1\nttr_threshold_aud = 10000\n[aud_per_unit]\nAUD = 1", "ISO 4217"),
        ("schema = 1\nttr_threshold_aud = 10000\n[aud_per_unit]\nUSD = 0", "positive"),
        ("schema = [", "not valid TOML"),
    ],
)
def test_bad_policy_files_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(AmlPolicyError, match=message):
        loads_aml_policy(text)


def test_an_unreadable_policy_file(tmp_path: Path) -> None:
    with pytest.raises(AmlPolicyError, match="cannot read"):
        load_aml_policy(tmp_path / "missing.toml")


# -- the record, on a real store ---------------------------------------------------

PIT_BOSS = Actor("P001", Role.PIT_BOSS, "TAB-1")
CONCIERGE = Actor("C001", Role.CONCIERGE, "TAB-2")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = open_store(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture
def incidents(store: SqliteStore) -> IncidentService:
    return IncidentService(store, FakeClock(T0), load_policy())


@pytest.fixture
def aml(store: SqliteStore) -> AmlService:
    return AmlService(store, FakeClock(T0), RATES)


def open_with(incidents: IncidentService, amount: str | None, currency: str = "AUD") -> str:
    draft = IncidentDraft(
        Priority.P2,
        Category.PAYMENT_DISPUTE,
        Channel.ONSITE,
        amount=Decimal(amount) if amount is not None else None,
        currency=currency,
    )
    return incidents.open(PIT_BOSS, draft).id


def audit_rows(store: SqliteStore, prefix: str = "aml.") -> list[tuple[str, str, str]]:
    with store.unit_of_work() as uow:
        rows = uow.audit.recent(100)
    return [(r.action, r.target, r.detail) for r in rows if r.action.startswith(prefix)]


def test_a_ttr_prompt_is_audited(
    incidents: IncidentService, aml: AmlService, store: SqliteStore
) -> None:
    incident_id = open_with(incidents, "12000")
    assessment = aml.ttr_prompt(PIT_BOSS, incident_id)
    assert assessment.required
    assert audit_rows(store) == [("aml.ttr_prompted", incident_id, "AUD 12000 >= AUD 10000")]


def test_no_prompt_no_audit_row(
    incidents: IncidentService, aml: AmlService, store: SqliteStore
) -> None:
    incident_id = open_with(incidents, "500")
    assert not aml.ttr_prompt(PIT_BOSS, incident_id).required
    assert audit_rows(store) == []


def test_a_converted_amount_is_audited_with_its_aud_value(
    incidents: IncidentService, aml: AmlService, store: SqliteStore
) -> None:
    incident_id = open_with(incidents, "7000", "usd")
    assessment = aml.ttr_prompt(PIT_BOSS, incident_id)
    assert assessment.aud_equivalent == Decimal("11550.00")
    assert audit_rows(store)[0][2] == "USD 7000 ~ AUD 11550.00 >= AUD 10000"


def test_the_decision_is_recorded_with_its_reference(
    incidents: IncidentService, aml: AmlService, store: SqliteStore
) -> None:
    incident_id = open_with(incidents, "20000", "EUR")
    aml.record_ttr_decision(PIT_BOSS, incident_id, TtrOutcome.ALREADY_REPORTED, " CAGE-7781 ")
    [(action, target, detail)] = audit_rows(store)
    assert (action, target) == ("aml.ttr_recorded", incident_id)
    assert detail == "already_reported; not_convertible: EUR; ref CAGE-7781"


def test_a_reference_holding_a_card_number_is_refused_and_nothing_recorded(
    incidents: IncidentService, aml: AmlService, store: SqliteStore
) -> None:
    incident_id = open_with(incidents, "20000")
    with pytest.raises(CardNumberRefused):
        aml.record_ttr_decision(PIT_BOSS, incident_id, TtrOutcome.REFERRED, "4111111111111111")
    assert audit_rows(store) == []


def test_a_concierge_may_neither_see_nor_record_it(
    incidents: IncidentService, aml: AmlService, store: SqliteStore
) -> None:
    incident_id = open_with(incidents, "20000")
    with pytest.raises(PermissionDenied):
        aml.ttr_prompt(CONCIERGE, incident_id)
    with pytest.raises(PermissionDenied):
        aml.record_ttr_decision(CONCIERGE, incident_id, TtrOutcome.NOT_CASH)
    assert audit_rows(store) == []
    assert [a for a, _, _ in audit_rows(store, "permission.")] == ["permission.denied"] * 2


def test_an_unknown_incident(aml: AmlService) -> None:
    with pytest.raises(IncidentNotFound):
        aml.ttr_prompt(PIT_BOSS, "no-such-incident")


# -- responsible gambling help -----------------------------------------------------


def test_help_resources() -> None:
    text = help_resources_text()
    for expected in ("Gambling Help Online", "1800 858 858", "gamblinghelponline.org.au"):
        assert expected in text
    assert "BetStop" in text and "betstop.gov.au" in text
    names = [r.name for r in help_resources()]
    assert names[0] == "Gambling Help Online"
    assert all(r.description for r in help_resources())
