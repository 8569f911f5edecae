"""The two screens that stand outside the console's window, read as a screen reader and
a keyboard would: the provisioning screen (before and after a refusal) and the kiosk's
IT PIN dialog. Each control has a name (tests/ui/accessibility_tree.py); Tab reaches
every control once, in reading order, and comes back round (tests/ui/focus_chain.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from app.bootstrap import ConsoleContext, build_context
from tests.ui.accessibility_tree import read_controls
from tests.ui.focus_chain import tab_round_holds
from ui.async_ops import AsyncOps
from ui.kiosk.guard import KioskGuard
from ui.provisioning.screen import ProvisioningScreen

CLOSED = "http://127.0.0.1:9"  # the discard port: nothing answers there


@pytest.fixture
def context(tmp_path: Path) -> Iterator[ConsoleContext]:
    built = build_context(tmp_path / "tablet", store_key=bytes(range(32)))
    yield built
    built.close()


@pytest.fixture
def provisioning(qtbot, context: ConsoleContext, ops: AsyncOps) -> ProvisioningScreen:  # noqa: ANN001
    screen = ProvisioningScreen(CLOSED, context.device_id, context.provisioner(CLOSED).enrol, ops)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def _read_as_a_user(qtbot, window: QWidget) -> None:  # noqa: ANN001
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    controls, unnamed = read_controls([window])
    assert controls >= 2, "the walk found too few controls: the tree was not read"
    assert unnamed == [], "\n".join(unnamed)
    tab_round_holds(window)


def test_the_provisioning_screen_reads_and_tabs_whole(qtbot, provisioning) -> None:  # noqa: ANN001
    _read_as_a_user(qtbot, provisioning)


def test_the_provisioning_screen_after_a_refusal_reads_and_tabs_whole(
    qtbot,  # noqa: ANN001
    provisioning: ProvisioningScreen,
) -> None:
    provisioning.device_edit.setText("TAB-PROV01")
    provisioning.code_edit.setText("12345678")
    provisioning.submit()
    qtbot.waitUntil(lambda: bool(provisioning.message.text()), timeout=10_000)
    assert provisioning.submit_button.isEnabled()  # IT can try again at once
    _read_as_a_user(qtbot, provisioning)


def test_the_kiosk_it_pin_dialog_reads_and_tabs_whole(qtbot, kiosk: KioskGuard) -> None:  # noqa: ANN001
    kiosk.window.close()  # refused: the dialog asks for IT's PIN
    qtbot.waitUntil(lambda: kiosk.dialog is not None and kiosk.dialog.isVisible())
    assert kiosk.dialog is not None
    _read_as_a_user(qtbot, kiosk.dialog)
    kiosk.dialog.stay_button.click()
