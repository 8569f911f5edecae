"""Kiosk policy (app/kiosk.py): who may start a kiosk, and IT's PIN as its only way out."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.clock import FakeClock
from app.kiosk import (
    DEMO_IT_PIN,
    NO_IT_PIN,
    KioskExit,
    KioskRefused,
    it_pin_verifier,
    set_it_pin,
    wants_kiosk,
)
from app.security.secrets import ARGON2_PREFIX, verify_pin
from app.settings import SettingsError, load_settings, save_settings
from offline_cache import SqliteStore, open_store

T0 = datetime(2026, 12, 3, 20, 0, tzinfo=UTC)
IT_PIN = "48151623"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = open_store(tmp_path / "store")
    yield opened
    opened.close()


def _audit(store: SqliteStore) -> list[tuple[str, str]]:
    with store.unit_of_work() as uow:
        return [(e.action, e.staff_id) for e in reversed(uow.audit.recent(20))]


def test_kiosk_comes_from_the_setting_or_the_command_line(data_dir: Path) -> None:
    settings = load_settings(data_dir)
    assert not wants_kiosk(settings, "auto")
    assert wants_kiosk(settings, "kiosk")
    save_settings(data_dir, type(settings)({**settings.values, "kiosk": True}))
    assert wants_kiosk(load_settings(data_dir), "auto")


def test_a_real_device_without_an_it_pin_refuses_to_be_a_kiosk(data_dir: Path) -> None:
    with pytest.raises(KioskRefused) as refused:
        it_pin_verifier(load_settings(data_dir), demo=False)
    assert str(refused.value) == NO_IT_PIN
    assert "set-it-pin" in NO_IT_PIN


def test_a_demo_directory_uses_the_published_it_pin(data_dir: Path) -> None:
    verifier = it_pin_verifier(load_settings(data_dir), demo=True)
    assert verify_pin(DEMO_IT_PIN, verifier)


def test_the_it_pin_is_kept_as_an_argon2id_verifier_only(
    data_dir: Path, store: SqliteStore
) -> None:
    set_it_pin(data_dir, IT_PIN, store)
    assert _audit(store) == [("kiosk.it_pin_set", "it")]
    text = (data_dir / "settings.toml").read_text()
    assert IT_PIN not in text
    verifier = it_pin_verifier(load_settings(data_dir), demo=False)
    assert verifier.startswith(ARGON2_PREFIX) and verify_pin(IT_PIN, verifier)
    # A set PIN wins over the demo's published one, on a demo directory too.
    assert not verify_pin(DEMO_IT_PIN, it_pin_verifier(load_settings(data_dir), demo=True))
    with pytest.raises(ValueError):
        set_it_pin(data_dir, "1234", store)  # a new PIN has 6 to 8 digits


def test_the_text_scale_is_one_of_the_declared_sizes(data_dir: Path) -> None:
    (data_dir / "settings.toml").write_text("text_scale = 175\n")
    with pytest.raises(SettingsError, match="text_scale"):
        load_settings(data_dir)


def test_a_wrong_pin_is_refused_and_audited_the_right_one_opens(
    store: SqliteStore, data_dir: Path
) -> None:
    set_it_pin(data_dir, IT_PIN, store)
    verifier = it_pin_verifier(load_settings(data_dir), demo=False)
    kiosk = KioskExit(store, FakeClock(T0), "TAB-K1", verifier)
    wrong = kiosk.try_exit("11112222")
    assert not wrong.allowed and wrong.attempts_left == 4
    assert kiosk.try_exit(IT_PIN).allowed
    assert _audit(store)[1:] == [("kiosk.exit_refused", "it"), ("kiosk.exit", "it")]


def test_five_wrong_pins_lock_the_way_out_even_for_the_right_one(
    store: SqliteStore, data_dir: Path
) -> None:
    clock = FakeClock(T0)
    verifier = it_pin_verifier(load_settings(data_dir), demo=True)
    kiosk = KioskExit(store, clock, "TAB-K1", verifier)
    answers = [kiosk.try_exit("000000") for _ in range(5)]
    assert answers[-1].locked_until == T0 + timedelta(minutes=5)
    assert not kiosk.try_exit(DEMO_IT_PIN).allowed  # locked: not even checked
    clock.advance(timedelta(minutes=5))
    assert kiosk.try_exit(DEMO_IT_PIN).allowed
    actions = [action for action, _ in _audit(store)]
    assert actions == ["kiosk.exit_refused"] * 6 + ["kiosk.exit"]
