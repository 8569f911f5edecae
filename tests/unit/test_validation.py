"""Free-text checks: one function for every service, wired into the incident service."""

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.actor import Actor
from app.clock import FakeClock
from app.domain import Category, Channel, GamingTable, IncidentStatus, Priority, Role
from app.policy import load_policy
from app.services.errors import ServiceError
from app.services.incidents import IncidentDraft, IncidentService, InvalidIncident
from app.services.validation import (
    CardNumberRefused,
    InvalidText,
    TextTooLong,
    check_free_text,
    ensure_no_card_number,
    field_label,
)
from offline_cache import SqliteStore, open_store

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
PIT_BOSS = Actor("P001", Role.PIT_BOSS, "TAB-1", tables=("BJ-301",))
CARD = "4111 1111 1111 1111"
MASKED = "411111******1111"


# -- check_free_text ------------------------------------------------------------


def test_allowed_text_comes_back_unchanged() -> None:
    text = f"  Guest paid with card {MASKED}; call +61 412 345 678  "
    assert check_free_text(text, "note", 200) is text


def test_too_long() -> None:
    with pytest.raises(TextTooLong) as caught:
        check_free_text("x" * 11, "desired_outcome", 10)
    assert str(caught.value) == "The desired outcome is too long (11 characters, max 10)."
    assert (caught.value.length, caught.value.max_len, caught.value.field) == (
        11,
        10,
        "desired_outcome",
    )


def test_a_card_number_is_refused_with_a_clear_message() -> None:
    with pytest.raises(CardNumberRefused) as caught:
        check_free_text(f"guest read out {CARD} at the desk", "transaction_ref", 200)
    error = caught.value
    assert isinstance(error, InvalidText) and isinstance(error, ServiceError)
    assert error.field == "transaction_ref"
    assert error.brands == ("Visa",)
    message = str(error)
    assert message.startswith("The transaction reference seems to contain a full payment card")
    assert "never ask for" in message and MASKED in message
    assert "4111 1111" not in message and "1111111111" not in message


def test_brands_are_listed_once_each() -> None:
    text = "4111111111111111 / 5555555555554444 / 4012888888881881"
    with pytest.raises(CardNumberRefused) as caught:
        ensure_no_card_number(text, "note")
    assert caught.value.brands == ("Visa", "Mastercard")


def test_field_labels() -> None:
    assert field_label("summary") == "summary"
    assert field_label("desired_outcome") == "desired outcome"
    assert field_label("transaction_ref") == "transaction reference"
    assert field_label("escalation_reason") == "escalation reason"


# -- through the real incident service on a real store ----------------------------


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = open_store(tmp_path / "data")
    with opened.unit_of_work() as uow:
        uow.tables.save(GamingTable("BJ-301", "Pit 3", "Blackjack", 100, 50000))
    yield opened
    opened.close()


@pytest.fixture
def service(store: SqliteStore) -> IncidentService:
    return IncidentService(store, FakeClock(T0), load_policy())


def draft(**changes: object) -> IncidentDraft:
    fields: dict[str, object] = {
        "priority": Priority.P2,
        "category": Category.PAYMENT_DISPUTE,
        "channel": Channel.ONSITE,
        "table_id": "BJ-301",
    }
    fields.update(changes)
    return IncidentDraft(**fields)  # type: ignore[arg-type]


def snapshot(store: SqliteStore) -> tuple[object, ...]:
    """Everything a refused call could have changed: incidents, events, audit rows."""
    with store.unit_of_work() as uow:
        return (tuple(uow.incidents.open_incidents()), tuple(uow.audit.recent(1000)))


DRAFT_FIELDS = ["summary", "desired_outcome", "transaction_ref", "location", "game", "machine"]


@pytest.mark.parametrize("field", DRAFT_FIELDS)
def test_opening_an_incident_with_a_card_number_in_any_field_changes_nothing(
    service: IncidentService, store: SqliteStore, field: str
) -> None:
    before = snapshot(store)
    with pytest.raises(CardNumberRefused) as caught:
        service.open(PIT_BOSS, draft(**{field: f"card {CARD} used"}))
    assert field_label(field) in str(caught.value)
    assert snapshot(store) == before


@pytest.mark.parametrize("field", DRAFT_FIELDS)
def test_a_masked_card_is_fine_in_any_field(service: IncidentService, field: str) -> None:
    incident = service.open(PIT_BOSS, draft(**{field: f"card {MASKED} used"}))
    assert getattr(incident, field) == f"card {MASKED} used"


def _note(service: IncidentService, incident_id: str, text: str) -> object:
    return service.add_note(PIT_BOSS, incident_id, text)


def _status_note(service: IncidentService, incident_id: str, text: str) -> object:
    return service.change_status(PIT_BOSS, incident_id, IncidentStatus.IN_PROGRESS, text)


def _escalation_reason(service: IncidentService, incident_id: str, text: str) -> object:
    return service.escalate(PIT_BOSS, incident_id, 3, text)


CHANGES: dict[str, Callable[[IncidentService, str, str], object]] = {
    "note": _note,
    "status note": _status_note,
    "escalation reason": _escalation_reason,
}


@pytest.mark.parametrize("change", CHANGES)
def test_notes_and_reasons_with_a_card_number_change_nothing(
    service: IncidentService, store: SqliteStore, change: str
) -> None:
    incident = service.open(PIT_BOSS, draft())
    before = snapshot(store)
    with pytest.raises(CardNumberRefused):
        CHANGES[change](service, incident.id, f"guest gave {CARD.replace(' ', '-')}")
    assert snapshot(store) == before


@pytest.mark.parametrize("change", CHANGES)
def test_notes_and_reasons_with_a_masked_card_are_stored(
    service: IncidentService, store: SqliteStore, change: str
) -> None:
    incident = service.open(PIT_BOSS, draft())
    CHANGES[change](service, incident.id, f"card {MASKED}, guest on +61 412 345 678")
    with store.unit_of_work() as uow:
        stored = uow.incidents.by_id(incident.id)
    assert stored is not None
    assert stored.events[-1].detail == f"card {MASKED}, guest on +61 412 345 678"


def test_too_long_text_is_still_an_invalid_incident(service: IncidentService) -> None:
    with pytest.raises(InvalidIncident, match="too long"):
        service.open(PIT_BOSS, draft(desired_outcome="x" * 2001))
