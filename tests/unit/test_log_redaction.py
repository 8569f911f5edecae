"""No log line holds a full card number, a quiet guest's real name or a code word."""

import io
import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from uvicorn.logging import AccessFormatter

from app.actor import Actor
from app.cli import configure_logging
from app.clock import FakeClock
from app.domain import Category, GamingTable, Guest, Priority, QuietVisit, Role, Tier
from app.policy import load_policy
from app.security.card_numbers import REDACTED
from app.security.log_redaction import (
    CardNumberRedactionFilter,
    install_card_redaction,
    uninstall_card_redaction,
)
from app.security.secrets import DEMO_COST, hash_secret
from app.services.errors import GuestNotFound, PaymentCardSwiped
from app.services.guests import GuestService
from app.services.incidents import IncidentDraft, IncidentService
from app.services.validation import CardNumberRefused
from offline_cache import SqliteStore, open_store

NOW = datetime(2026, 11, 27, 4, 0, tzinfo=UTC)
PAN = "4111111111111111"
CODE_WORD = "Tigre"
REAL_NAME = "Robert Quill"
QUIET = Guest(
    id="g-quiet",
    card_number="9000067890",
    name=REAL_NAME,
    tier=Tier.VVIP,
    host_id="H002",
    phone="+61499887766",
    room="Suite 9",
    code_word_hash=hash_secret(CODE_WORD, cost=DEMO_COST),
    quiet=QuietVisit(enabled=True, alias="Mr Blue"),
)
DESK = Actor("D001", Role.VIP_DESK, "desk-1")
PIT_BOSS = Actor("P001", Role.PIT_BOSS, "pit-1", tables=("BJ-301",))


def record_texts(record: logging.LogRecord) -> list[str]:
    """Every text a handler could write for ``record``."""
    texts = [record.getMessage(), str(record.msg), repr(record.args)]
    if record.exc_info:
        texts.append(logging.Formatter().formatException(record.exc_info))
    texts += [record.exc_text or "", record.stack_info or ""]
    return texts


def assert_no_secrets(records: list[logging.LogRecord]) -> None:
    for record in records:
        for text in record_texts(record):
            digits = re.sub(r"\D", "", text)
            assert PAN not in digits, record
            assert "quill" not in text.casefold(), record
            assert CODE_WORD.casefold() not in text.casefold(), record


# -- the services, at DEBUG ------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = open_store(tmp_path / "data")
    with opened.unit_of_work() as uow:
        uow.guests.save(QUIET)
        uow.tables.save(GamingTable("BJ-301", "Pit 3", "Blackjack", 100, 50000))
    yield opened
    opened.close()


def test_services_never_log_a_card_number_a_hidden_name_or_a_code_word(
    store: SqliteStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    guests = GuestService(store, FakeClock(NOW))
    incidents = IncidentService(store, FakeClock(NOW), load_policy())

    for swipe in (PAN, "4111 1111 1111 1111", f";{PAN}=2512?", f"%B{PAN}^QUILL/ROBERT^2512?"):
        with pytest.raises(PaymentCardSwiped):
            guests.lookup_card(DESK, swipe)
    with pytest.raises(GuestNotFound):
        guests.lookup_card(DESK, "9000099999")
    card = guests.lookup_card(DESK, QUIET.card_number)
    assert card.guest.name == "Mr Blue"
    assert [row.display_name for row in guests.search(DESK, "Mr Blue")] == ["Mr Blue"]
    assert guests.search(DESK, "Quill") == []
    assert guests.verify_code_word(DESK, QUIET.id, CODE_WORD)
    assert not guests.verify_code_word(DESK, QUIET.id, "tigress")
    with pytest.raises(CardNumberRefused):
        incidents.open(
            PIT_BOSS,
            IncidentDraft(
                Priority.P2,
                Category.PAYMENT_DISPUTE,
                summary=f"Robert Quill read out his card {PAN}",
                guest_id=QUIET.id,
            ),
        )
    incident = incidents.open(
        PIT_BOSS, IncidentDraft(Priority.P2, Category.PAYMENT_DISPUTE, guest_id=QUIET.id)
    )
    with pytest.raises(CardNumberRefused):
        incidents.add_note(PIT_BOSS, incident.id, f"card 4111-1111-1111-1111, code {CODE_WORD}")

    assert any("swipe rejected" in r.getMessage() for r in caplog.records)
    assert any("code word check" in r.getMessage() for r in caplog.records)
    assert_no_secrets(caplog.records)
    assert PAN not in re.sub(r"\D", "", caplog.text)
    assert "quill" not in caplog.text.casefold()


# -- the filter --------------------------------------------------------------------


def make_record(msg: str, *args: object, exc: BaseException | None = None) -> logging.LogRecord:
    exc_info = (type(exc), exc, exc.__traceback__) if exc is not None else None
    return logging.LogRecord("app.test", logging.INFO, __file__, 1, msg, args, exc_info)


def test_the_filter_masks_card_numbers_in_message_and_args() -> None:
    record = make_record("guest paid with %s at %s", "4111 1111 1111 1111", "BJ-301")
    assert CardNumberRedactionFilter().filter(record) is True
    assert record.getMessage() == f"guest paid with {REDACTED} at BJ-301"
    assert_no_secrets([record])


def test_the_filter_leaves_other_records_alone() -> None:
    record = make_record("incident %s opened (%s)", "TAB-1-0001", "P1")
    CardNumberRedactionFilter().filter(record)
    assert record.msg == "incident %s opened (%s)"
    assert record.args == ("TAB-1-0001", "P1")


def test_an_access_log_line_keeps_its_arguments_with_the_digits_masked() -> None:
    """uvicorn's access formatter unpacks the record's five arguments: a record flattened
    to its text made it raise, and a URL with card-like digits wrote a traceback."""
    path = f"/v1/attachments/{PAN}?q=4111%201111%201111%201111"  # raw: percent-encoded
    args = ("127.0.0.1:5000", "GET", path, "1.1", 404)
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d', args, None
    )
    CardNumberRedactionFilter().filter(record)
    formatter = AccessFormatter('%(client_addr)s - "%(request_line)s" %(status_code)s')
    assert formatter.format(record) == (
        f'127.0.0.1:5000 - "GET /v1/attachments/{REDACTED}?q={REDACTED} HTTP/1.1" 404 Not Found'
    )
    assert_no_secrets([record])


def test_a_number_across_arguments_flattens_the_record() -> None:
    record = make_record("card %s%s", "4111 1111", " 1111 1111")
    CardNumberRedactionFilter().filter(record)
    assert (record.msg, record.args) == (f"card {REDACTED}", ())


def test_the_filter_masks_exception_and_stack_text() -> None:
    try:
        raise ValueError(f"bad reference {PAN}")
    except ValueError as error:
        record = make_record("sync apply failed", exc=error)
    record.stack_info = f"Stack (most recent call last):\n  note='{PAN}'"
    CardNumberRedactionFilter().filter(record)
    assert record.exc_text is not None and REDACTED in record.exc_text
    assert record.stack_info is not None and REDACTED in record.stack_info
    formatted = logging.Formatter().format(record)
    assert PAN not in formatted and "ValueError: bad reference" in formatted


def test_installed_on_the_root_it_masks_records_of_every_module() -> None:
    root = logging.getLogger()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root.addHandler(handler)
    try:
        first = install_card_redaction()
        assert install_card_redaction() is first  # idempotent
        assert handler.filters.count(first) == 1
        logging.getLogger("app.sync.apply").warning("note from helpdesk: %s", f"card {PAN}")
    finally:
        uninstall_card_redaction()
        root.removeHandler(handler)
    assert PAN not in stream.getvalue()
    assert f"note from helpdesk: card {REDACTED}" in stream.getvalue()
    assert not any(isinstance(f, CardNumberRedactionFilter) for f in root.filters)


def test_configure_logging_installs_the_filter(tmp_path: Path) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        configure_logging(False, tmp_path / "log")
        logging.getLogger("app.test").warning("typed %s", "4111-1111-1111-1111")
        for handler in root.handlers:
            handler.flush()
        written = (tmp_path / "log" / "vip-console.log").read_text(encoding="utf-8")
    finally:
        uninstall_card_redaction()
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
    assert f"typed {REDACTED}" in written
    assert PAN not in re.sub(r"\D", "", written)
