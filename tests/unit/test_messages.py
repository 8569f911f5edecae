"""Core errors and reasons carry a stable key and named parameters (``app.messages``);
``str()`` stays English for logs and the CLI."""

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from app.actor import Actor
from app.acts.model import CompensationKind, CompensationPromise
from app.acts.rules import InvalidAct, check_act_draft, check_incentives, check_open
from app.acts.strokes import MAX_POINTS, InputKind, SignatureTooLong, StrokeRecorder
from app.clock import FakeClock
from app.domain import (
    Category,
    Guest,
    IncidentStatus,
    Priority,
    ResponsibleGambling,
    Role,
    Staff,
    Tier,
)
from app.domain.incident import InvalidChange, InvalidTransition, add_note, change_status, escalate
from app.messages import ENGLISH, LABELS, KeyedError, Message, english, placeholders
from app.permissions import Action, require
from app.policy import load_policy
from app.recovery.matrix import RecoveryEvent, load_matrix
from app.recovery.proposals import incentive_block_reason
from app.security.card_numbers import LOYALTY_MAX_DIGITS, LOYALTY_MIN_DIGITS
from app.services.errors import (
    AccountLocked,
    GuestNotFound,
    PermissionDenied,
    SecondFactorRequired,
    SignInFailed,
)
from app.services.incidents import IncidentDraft, IncidentService, InvalidIncident
from app.services.preferences import MAX_ENTRIES, clean_entries
from app.services.recovery import RecoveryRefused, RecoveryService
from app.services.validation import CardNumberRefused, InvalidText, TextTooLong, check_free_text
from app.services.walkins import WalkInDraft, WalkInRefused, WalkInService, normalise_phone
from app.swipe import MalformedSwipe, PaymentCardSwiped, parse_swipe
from offline_cache import SqliteStore, open_store
from tests.unit.acts_fixtures import act_draft, incident

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
HOST = Actor("H001", Role.HOST, "TAB-1")
CONCIERGE = Actor("C001", Role.CONCIERGE, "TAB-1")
CARD = "4111 1111 1111 1111"


def sample(key: str) -> dict[str, object]:
    """Parameters for every placeholder of ``key``'s template."""
    values: dict[str, object] = {"count": 2, "until": date(2026, 12, 1), "locked_until": T0}
    return {name: values.get(name, f"<{name}>") for name in placeholders(ENGLISH[key])}


@pytest.mark.parametrize("key", sorted(ENGLISH))
def test_every_template_renders_from_its_parameters(key: str) -> None:
    text = str(KeyedError(key, **sample(key)))
    assert text and "{" not in text and "}" not in text


def test_an_undeclared_key_or_a_missing_parameter_fails_at_the_raise() -> None:
    with pytest.raises(KeyError):
        KeyedError("no.such.key")
    with pytest.raises(KeyError):
        KeyedError("text.too_long", field="note")


@pytest.mark.parametrize(
    ("vocabulary", "codes"),
    [
        ("role", {r.value for r in Role}),
        ("action", {a.value for a in Action}),
        ("status", {s.value for s in IncidentStatus}),
    ],
)
def test_every_enum_value_has_an_english_label(vocabulary: str, codes: set[str]) -> None:
    assert set(LABELS[vocabulary]) == codes


def test_plural_messages_pick_their_form() -> None:
    assert str(SignInFailed(1)).endswith("1 attempt left before the account is locked.")
    assert "4 attempts left" in str(SignInFailed(4))


# -- each error carries its key and parameters -------------------------------------------


def _recorder_overflow() -> None:
    recorder = StrokeRecorder(400, 150)
    recorder.begin(0, 0, 0, None, InputKind.MOUSE)
    for i in range(MAX_POINTS + 1):
        recorder.add(i % 400, (i * 7) % 150, i, None)


FREE_PLAY = CompensationPromise(CompensationKind.FREE_PLAY, "Free play", "This visit", Decimal(50))
EXCLUDED = Guest("g-x", "9000000009", "Ann", Tier.VIP, rg=ResponsibleGambling(self_excluded=True))

CASES: list[tuple[str, Callable[[], object], type[KeyedError], str, dict[str, object]]] = [
    (
        "text too long",
        lambda: check_free_text("x" * 11, "desired_outcome", 10),
        TextTooLong,
        "text.too_long",
        {"field": "desired_outcome", "length": 11, "max_len": 10},
    ),
    (
        "card number in a note",
        lambda: check_free_text(f"guest read out {CARD}", "note", 200),
        CardNumberRefused,
        "text.card_number",
        {"field": "note"},
    ),
    (
        "phone without country code",
        lambda: normalise_phone("0412 345 678"),
        InvalidText,
        "text.phone_format",
        {"field": "phone"},
    ),
    (
        "too many preference entries",
        lambda: clean_entries([f"tea {i}" for i in range(MAX_ENTRIES + 1)], "drinks"),
        InvalidText,
        "text.too_many_entries",
        {"field": "drinks", "entries": MAX_ENTRIES + 1, "max_entries": MAX_ENTRIES},
    ),
    (
        "role may not",
        lambda: require(CONCIERGE, Action.INCIDENT_ESCALATE),
        PermissionDenied,
        "permission.not_in_role",
        {"role": "concierge", "action": "incident.escalate"},
    ),
    ("empty swipe", lambda: parse_swipe(""), MalformedSwipe, "swipe.empty", {}),
    (
        "not a loyalty card",
        lambda: parse_swipe("123456789012"),
        MalformedSwipe,
        "swipe.not_loyalty_format",
        {"min_digits": LOYALTY_MIN_DIGITS, "max_digits": LOYALTY_MAX_DIGITS},
    ),
    ("payment card", lambda: parse_swipe(CARD), PaymentCardSwiped, "swipe.payment_card", {}),
    (
        "lifecycle",
        lambda: change_status(incident(status=IncidentStatus.NEW), IncidentStatus.CLOSED, "P", T0),
        InvalidTransition,
        "incident.transition",
        {"from_status": "new", "to_status": "closed"},
    ),
    (
        "escalation level",
        lambda: escalate(incident(), 5, "P001", T0, "why"),
        InvalidChange,
        "incident.escalation_level",
        {"level": 5},
    ),
    (
        "empty note",
        lambda: add_note(incident(), "  ", "P001", T0),
        InvalidChange,
        "incident.empty_note",
        {},
    ),
    (
        "act without decision",
        lambda: check_act_draft(act_draft(decision=" ")),
        InvalidAct,
        "text.required",
        {"field": "decision"},
    ),
    (
        "act without staff signature",
        lambda: check_act_draft(act_draft(staff_signature=None)),
        InvalidAct,
        "act.signature_missing",
        {"field": "staff_signature"},
    ),
    (
        "free play for a self-excluded guest",
        lambda: check_incentives((FREE_PLAY,), EXCLUDED, date(2026, 11, 25)),
        InvalidAct,
        "act.no_play_incentives",
        {},
    ),
    (
        "act on a closed case",
        lambda: check_open(incident(status=IncidentStatus.CLOSED)),
        InvalidAct,
        "act.case_closed",
        {"number": "TAB-TEST01-i-1"},
    ),
    (
        "signature too long",
        _recorder_overflow,
        SignatureTooLong,
        "act.signature_too_long",
        {"max_points": MAX_POINTS},
    ),
]


@pytest.mark.parametrize(
    ("call", "error", "key", "params"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_refusal_carries_its_key_and_parameters(
    call: Callable[[], object], error: type[KeyedError], key: str, params: dict[str, object]
) -> None:
    with pytest.raises(error) as caught:
        call()
    assert caught.value.key == key
    assert params.items() <= caught.value.params.items()
    assert caught.value.message == Message(key, caught.value.params)
    assert str(caught.value) == english(key, caught.value.params)


def test_errors_built_from_facts_keep_their_attributes_and_key() -> None:
    assert (SignInFailed(3).key, SignInFailed(3).params) == ("auth.sign_in_failed", {"count": 3})
    locked = AccountLocked(T0)
    assert (locked.key, locked.params, locked.locked_until) == (
        "auth.account_locked",
        {"locked_until": T0},
        T0,
    )
    assert SecondFactorRequired(2, invalid=True).key == "auth.code_refused"
    assert SecondFactorRequired(2, invalid=False).key == "auth.code_required"
    by_card = GuestNotFound(card="••••1234")
    assert (by_card.key, by_card.params) == ("guest.card_not_found", {"card": "••••1234"})
    assert GuestNotFound(guest_id="g-9").params == {"guest_id": "g-9"}
    denied = PermissionDenied("host", "guest.verify_code_word", "not_your_guest")
    assert (denied.key, denied.reason) == ("permission.not_your_guest", "not_your_guest")
    assert "another host" in str(denied)


def test_reasons_shown_without_raising_are_messages() -> None:
    assert incentive_block_reason(ResponsibleGambling(self_excluded=True), T0.date()) == Message(
        "recovery.self_excluded"
    )
    until = T0.date() + timedelta(days=3)
    cooling = incentive_block_reason(ResponsibleGambling(cooling_off_until=until), T0.date())
    assert cooling == Message("recovery.cooling_off", {"until": until})
    assert str(cooling) == (
        f"The guest is cooling off until {until}: play incentives are never offered."
    )
    assert incentive_block_reason(ResponsibleGambling(), T0.date()) is None


# -- through the real services on a real store --------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = open_store(tmp_path / "data")
    with opened.unit_of_work() as uow:
        uow.staff.save(Staff("H001", "Amelia", Role.HOST, pin_hash="x"))
        uow.guests.save(Guest("g-1", "9000000001", "Ann Lee", Tier.VVIP, "H001"))
    yield opened
    opened.close()


@pytest.fixture
def incidents(store: SqliteStore) -> IncidentService:
    return IncidentService(store, FakeClock(T0), load_policy(None))


DRAFT = IncidentDraft(Priority.P1, Category.GAME_UNAVAILABLE, guest_id="g-1")
TEXT_FIELDS = ["summary", "desired_outcome", "transaction_ref", "location", "game", "machine"]


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_every_incident_text_field_is_named_by_a_declared_code(
    incidents: IncidentService, field: str
) -> None:
    with pytest.raises(InvalidIncident) as caught:
        incidents.open(HOST, replace(DRAFT, **{field: "x" * 2001}))
    assert caught.value.params == {"field": field, "length": 2001, "max_len": 2000}
    assert field in LABELS["field"]
    with pytest.raises(CardNumberRefused) as refused:
        incidents.open(HOST, replace(DRAFT, **{field: CARD}))
    assert refused.value.params == {"field": field}


def test_service_refusals_carry_keys(incidents: IncidentService, store: SqliteStore) -> None:
    with pytest.raises(InvalidIncident) as caught:
        incidents.open(HOST, replace(DRAFT, table_id="XX-9"))
    assert (caught.value.key, caught.value.params) == (
        "incident.unknown_table",
        {"table_id": "XX-9"},
    )
    opened = incidents.open(HOST, DRAFT)
    with pytest.raises(InvalidIncident) as moved:
        incidents.change_status(HOST, opened.id, IncidentStatus.CLOSED)
    assert (moved.value.key, moved.value.params) == (
        "incident.transition",
        {"from_status": "new", "to_status": "closed"},
    )
    walkins = WalkInService(store, FakeClock(T0))
    with pytest.raises(InvalidText) as unnamed:
        walkins.register(HOST, WalkInDraft(name="  "))
    assert (unnamed.value.key, unnamed.value.params) == ("text.required", {"field": "name"})
    with pytest.raises(WalkInRefused) as taken:
        walkins.register(HOST, WalkInDraft(name="Bo", card_number="9000000001"))
    assert (taken.value.key, taken.value.params) == ("walkin.card_taken", {"card": "••••0001"})


def test_a_recovery_refusal_for_a_self_excluded_guest_carries_its_reason(
    incidents: IncidentService, store: SqliteStore
) -> None:
    opened = incidents.open(HOST, DRAFT)
    with store.unit_of_work() as uow:
        guest = uow.guests.by_id("g-1")
        assert guest is not None
        uow.guests.save(replace(guest, rg=ResponsibleGambling(self_excluded=True)))
    matrix = load_matrix()
    recovery = RecoveryService(store, FakeClock(T0), load_policy(None), matrix)
    with pytest.raises(RecoveryRefused) as caught:
        recovery.promise(HOST, opened.id, matrix.items(RecoveryEvent.P1_DELAY, Tier.VVIP))
    assert (caught.value.key, caught.value.params) == ("recovery.self_excluded", {})
    with pytest.raises(RecoveryRefused) as empty:
        recovery.promise(HOST, opened.id, [])
    assert empty.value.key == "recovery.nothing_chosen"


def test_the_notes_the_console_writes_are_read_back_for_translation() -> None:
    from app.messages import NOTES, english, read_note

    params = {"number": "TAB-1-0007-A1", "sha": "7def4139db79", "report": "TAB-1-0007-R1"}
    for key in NOTES:
        wanted = {name: params[name] for name in placeholders(ENGLISH[key])}
        found = read_note(english(key, wanted))
        assert found is not None and (found.key, dict(found.params)) == (key, wanted)
    assert read_note("Dealer swapped; guest calm") is None  # staff's own words stay
    assert read_note("Act signed by the guest (PDF on file)") is None
