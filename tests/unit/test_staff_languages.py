"""Each staff member's language on this console: kept in the store, chosen by the staff
member themself, audited, refused when it is no language code."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.actor import Actor
from app.clock import FakeClock
from app.domain import Role
from app.services.languages import StaffLanguages, UnknownLanguage
from offline_cache import SqliteStore, open_store
from tests.unit.store_fixtures import store

__all__ = ["store"]  # the fixture, imported for pytest

T0 = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
HOST = Actor("H001", Role.HOST, "TAB-1", name="Sophie Laurent")
BOSS = Actor("P001", Role.PIT_BOSS, "TAB-1", name="Grace Thompson")


def test_a_language_chosen_is_the_staff_members_own_and_stays(
    store: SqliteStore, tmp_path: Path
) -> None:
    languages = StaffLanguages(store, FakeClock(T0))
    assert languages.of(HOST) is None  # never chosen: the console's own
    languages.choose(HOST, "fr")
    assert (languages.of(HOST), languages.of(BOSS)) == ("fr", None)
    with store.unit_of_work() as uow:
        entry = uow.audit.recent(1)[0]
    assert (entry.action, entry.staff_id, entry.target, entry.detail) == (
        "staff.language",
        "H001",
        "H001",
        "fr",
    )
    store.close()
    reopened = open_store(tmp_path / "data")  # kept across a restart
    try:
        assert StaffLanguages(reopened, FakeClock(T0)).of(HOST) == "fr"
    finally:
        reopened.close()


def test_choosing_the_same_language_again_writes_nothing(store: SqliteStore) -> None:
    languages = StaffLanguages(store, FakeClock(T0))
    languages.choose(BOSS, "en")
    languages.choose(BOSS, "en")
    languages.choose(BOSS, "fr")
    with store.unit_of_work() as uow:
        details = [e.detail for e in uow.audit.recent(10) if e.action == "staff.language"]
    assert sorted(details) == ["en", "fr"]
    assert languages.of(BOSS) == "fr"


@pytest.mark.parametrize("code", ["", "FR", "fra", "fr_FR", "f1", "<b>"])
def test_what_is_no_language_code_is_refused_and_nothing_changes(
    store: SqliteStore, code: str
) -> None:
    languages = StaffLanguages(store, FakeClock(T0))
    languages.choose(HOST, "fr")
    with pytest.raises(UnknownLanguage) as refused:
        languages.choose(HOST, code)
    assert refused.value.key == "staff.language_code"
    assert languages.of(HOST) == "fr"
