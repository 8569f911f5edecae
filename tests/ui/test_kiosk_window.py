"""The kiosk window (ui/kiosk): full screen without a frame, closed only by IT's PIN,
every attempt audited; a real device without an IT PIN does not start as a kiosk."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.kiosk import DEMO_IT_PIN
from app.updates.installed import RESTART_FOR_UPDATE
from ui.kiosk.guard import KioskGuard
from ui.updates.restart import RestartForUpdate


def _type_pin(qtbot, guard: KioskGuard, pin: str) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: guard.dialog is not None and guard.dialog.isVisible())
    qtbot.keyClicks(guard.dialog.pin_edit, pin)
    guard.dialog.leave_button.click()


def _actions(store) -> list[str]:  # noqa: ANN001
    with store.unit_of_work() as uow:
        return [e.action for e in reversed(uow.audit.recent(10)) if e.target == "kiosk"]


def test_the_kiosk_is_full_screen_without_a_frame(kiosk: KioskGuard) -> None:
    window = kiosk.window
    assert window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint


def test_a_close_without_the_pin_is_refused_and_asks_for_it(qtbot, kiosk: KioskGuard) -> None:
    assert kiosk.window.close() is False
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Escape)
    assert kiosk.window.isVisible()
    qtbot.waitUntil(lambda: kiosk.dialog is not None and kiosk.dialog.isVisible())
    kiosk.dialog.stay_button.click()
    assert kiosk.window.isVisible() and kiosk.window.isFullScreen()


def test_a_wrong_pin_is_refused_and_audited(qtbot, kiosk: KioskGuard, store) -> None:  # noqa: ANN001
    kiosk.window.close()
    _type_pin(qtbot, kiosk, "000000")
    qtbot.waitUntil(kiosk.dialog.message.isVisible)
    assert "Wrong IT PIN" in kiosk.dialog.message.text()
    assert kiosk.window.isVisible()
    assert _actions(store) == ["kiosk.exit_refused"]


def test_the_right_pin_closes_the_kiosk(qtbot, kiosk: KioskGuard, store) -> None:  # noqa: ANN001
    qtbot.keyClick(kiosk.window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    _type_pin(qtbot, kiosk, DEMO_IT_PIN)
    qtbot.waitUntil(lambda: not kiosk.window.isVisible())
    assert kiosk.exit_allowed
    assert _actions(store) == ["kiosk.exit"]


def test_an_installed_update_closes_the_kiosk_to_start_again(qtbot, kiosk: KioskGuard) -> None:  # noqa: ANN001
    restart = RestartForUpdate(kiosk.window, kiosk)
    assert restart.exit_code == 0
    restart.restart("0.2.0")  # the watcher's "installed" at the idle lock
    qtbot.waitUntil(lambda: not kiosk.window.isVisible())
    assert restart.exit_code == RESTART_FOR_UPDATE  # the launcher starts 0.2.0 on it
    assert kiosk.dialog is None  # no PIN asked: the close was the console's own


def test_a_real_device_without_an_it_pin_does_not_start_a_kiosk(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from main import main

    code = main(["--data-dir", str(data_dir), "--no-helpdesk", "run", "--kiosk"])
    assert code == 2
    assert "needs an IT PIN" in capsys.readouterr().err
